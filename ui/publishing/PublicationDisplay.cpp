#include "PublicationDisplay.h"

#include "text/Jalali.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace daftar::ui {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Publishing)
};

} // namespace

QString publicationStateText(const publishing::Publication &publication)
{
    if (!publication.live) {
        return Text::tr("Taken down");
    }
    return publication.changedSince ? Text::tr("On the site — changed since")
                                    : Text::tr("On the site — in sync");
}

QColor publicationStateColor(const publishing::Publication &publication)
{
    if (!publication.live) {
        return QColor(0x75, 0x75, 0x75);
    }
    return publication.changedSince ? QColor(0xB2, 0x6A, 0x00) : QColor(0x2E, 0x7D, 0x32);
}

QColor jobStateColor(publishing::JobState state)
{
    switch (state) {
    case publishing::JobState::Pending:
        return QColor(0x90, 0x90, 0x90);
    case publishing::JobState::Running:
        return QColor(0x19, 0x76, 0xD2);
    case publishing::JobState::Failed:
        return QColor(0xD3, 0x2F, 0x2F);
    case publishing::JobState::Conflict:
        return QColor(0xEF, 0x6C, 0x00);
    case publishing::JobState::Done:
        return QColor(0x2E, 0x7D, 0x32);
    case publishing::JobState::Cancelled:
        return QColor(0x5D, 0x40, 0x37);
    }
    return Qt::gray;
}

QIcon jobStateIcon(publishing::JobState state)
{
    static QHash<int, QIcon> icons;
    if (const auto found = icons.constFind(int(state)); found != icons.constEnd()) {
        return *found;
    }
    QPixmap dot(12, 12);
    dot.fill(Qt::transparent);
    QPainter painter(&dot);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(jobStateColor(state));
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    painter.end();
    return *icons.insert(int(state), QIcon(dot));
}

QString formatMoment(const QDateTime &moment, const QLocale &locale)
{
    return moment.isValid() ? text::formatJalaliDateTime(moment, locale) : QString();
}

QString formatSiteMoment(const QString &iso, const QLocale &locale)
{
    QDateTime moment = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!moment.isValid()) {
        moment = QDateTime::fromString(iso, Qt::ISODate);
    }
    if (moment.isValid() && moment.timeSpec() == Qt::LocalTime && !iso.isEmpty()) {
        // WordPress's modified_gmt carries no zone; the value is UTC.
        moment.setTimeSpec(Qt::UTC);
    }
    return moment.isValid() ? text::formatJalaliDateTime(moment, locale) : iso;
}

} // namespace daftar::ui
