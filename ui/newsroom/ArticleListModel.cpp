#include "ArticleListModel.h"

#include "text/Collation.h"
#include "text/Jalali.h"

#include <QPainter>
#include <QPixmap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace daftar::ui {

using newsroom::ArticleStatus;
using newsroom::ArticleSummary;

namespace {

bool isTextColumn(int column)
{
    return column == ArticleListModel::Title || column == ArticleListModel::Kind
        || column == ArticleListModel::Category || column == ArticleListModel::Language
        || column == ArticleListModel::Author;
}

// <0, 0, >0 in the column's natural order: alphabetical for text, the workflow's
// order for statuses, time for dates.
int compareBy(int column, const ArticleSummary &a, const ArticleSummary &b, const QString &textA,
    const QString &textB)
{
    if (isTextColumn(column)) {
        return text::comparePersian(textA, textB);
    }
    const auto threeWay = [](const auto &x, const auto &y) {
        return x < y ? -1 : (y < x ? 1 : 0);
    };
    switch (column) {
    case ArticleListModel::Status:
        return threeWay(int(a.status), int(b.status));
    case ArticleListModel::EventDate:
        return threeWay(a.eventDate, b.eventDate);
    case ArticleListModel::Updated:
        return threeWay(a.updatedAt, b.updatedAt);
    case ArticleListModel::Revision:
        return threeWay(a.revision, b.revision);
    }
    return 0;
}

} // namespace

ArticleListModel::ArticleListModel(
    newsroom::ArticleService &service, accounts::Actor actor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
    , m_actor(std::move(actor))
{ }

void ArticleListModel::reload(const newsroom::ArticleQuery &query)
{
    beginResetModel();
    m_query = query;
    const auto found = m_service.list(m_actor, m_query);
    m_error = found.errorMessage();
    m_rows = found.ok() ? *found : QList<ArticleSummary>();
    sortRows();
    endResetModel();
    emit loaded(int(m_rows.size()));
}

void ArticleListModel::refresh()
{
    reload(m_query);
}

std::optional<ArticleSummary> ArticleListModel::articleAt(int row) const
{
    if (row < 0 || row >= m_rows.size()) {
        return std::nullopt;
    }
    return m_rows.at(row);
}

int ArticleListModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id) {
            return row;
        }
    }
    return -1;
}

void ArticleListModel::setLocale(const QLocale &locale)
{
    m_locale = locale;
    retranslate();
}

void ArticleListModel::retranslate()
{
    // Names change with the language, and so does their alphabetical order.
    if (isTextColumn(m_sortColumn) && !m_rows.isEmpty()) {
        beginResetModel();
        sortRows();
        endResetModel();
    } else if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
    }
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

QColor ArticleListModel::statusColor(ArticleStatus status)
{
    switch (status) {
    case ArticleStatus::Draft:
        return QColor(0x90, 0x90, 0x90);
    case ArticleStatus::InReview:
        return QColor(0xE0, 0x9B, 0x00);
    case ArticleStatus::NeedsChanges:
        return QColor(0xD3, 0x2F, 0x2F);
    case ArticleStatus::Approved:
        return QColor(0x19, 0x76, 0xD2);
    case ArticleStatus::Scheduled:
        return QColor(0x7B, 0x1F, 0xA2);
    case ArticleStatus::Published:
        return QColor(0x2E, 0x7D, 0x32);
    case ArticleStatus::Unpublished:
        return QColor(0x5D, 0x40, 0x37);
    }
    return Qt::gray;
}

QIcon ArticleListModel::statusIcon(ArticleStatus status) const
{
    auto found = m_statusIcons.constFind(int(status));
    if (found != m_statusIcons.constEnd()) {
        return *found;
    }
    QPixmap dot(12, 12);
    dot.fill(Qt::transparent);
    QPainter painter(&dot);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(statusColor(status));
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    painter.end();
    return *m_statusIcons.insert(int(status), QIcon(dot));
}

QString ArticleListModel::display(const ArticleSummary &article, int column) const
{
    switch (column) {
    case Title:
        return article.title;
    case Kind:
        return newsroom::kindDisplayName(article.kind);
    case Status:
        return newsroom::statusDisplayName(article.status);
    case Category:
        return article.category;
    case Language:
        if (article.language == u"fa") {
            return tr("Persian");
        }
        if (article.language == u"en") {
            return tr("English");
        }
        return article.language;
    case Author:
        return article.authorName;
    case EventDate:
        return article.eventDate.isValid()
            ? text::formatJalali(article.eventDate, m_locale, text::DateStyle::Numeric)
            : QString();
    case Updated: {
        if (!article.updatedAt.isValid()) {
            return {};
        }
        const QDateTime local = article.updatedAt.toLocalTime();
        return text::formatJalali(local.date(), m_locale, text::DateStyle::Numeric) + u"  "_s
            + m_locale.toString(local.time(), u"HH:mm");
    }
    case Revision:
        return m_locale.toString(article.revision);
    }
    return {};
}

int ArticleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ArticleListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArticleListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) {
        return {};
    }
    const ArticleSummary &article = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(article, index.column());
    case Qt::ToolTipRole:
        // Long titles are cut by the column; the whole one is a hover away.
        return index.column() == Title ? QVariant(article.title) : QVariant();
    case Qt::DecorationRole:
        return index.column() == Status ? QVariant(statusIcon(article.status)) : QVariant();
    case Qt::TextAlignmentRole:
        // Numbers read from the same edge in both directions.
        return index.column() == Revision ? QVariant(Qt::AlignCenter) : QVariant();
    case ArticleIdRole:
        return article.id;
    case StatusIdRole:
        return newsroom::statusId(article.status);
    }
    return {};
}

QVariant ArticleListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Title:
        return tr("Title");
    case Kind:
        return tr("Kind");
    case Status:
        return tr("Status");
    case Category:
        return tr("Category");
    case Language:
        return tr("Language");
    case Author:
        return tr("Author");
    case EventDate:
        return tr("Event date");
    case Updated:
        return tr("Updated");
    case Revision:
        return tr("Revision");
    }
    return {};
}

void ArticleListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount) {
        return;
    }
    if (column == m_sortColumn && order == m_sortOrder) {
        return;
    }
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<qint64> idsBefore;
    for (const QModelIndex &index : before) {
        idsBefore.append(m_rows.at(index.row()).id);
    }
    m_sortColumn = column;
    m_sortOrder = order;
    sortRows();
    QModelIndexList after;
    for (int i = 0; i < before.size(); ++i) {
        after.append(index(rowOf(idsBefore.at(i)), before.at(i).column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void ArticleListModel::sortRows()
{
    const int column = m_sortColumn;
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    // The shown text is what the user sorts by; computed once, not per comparison.
    QHash<qint64, QString> shown;
    if (isTextColumn(column)) {
        for (const ArticleSummary &article : std::as_const(m_rows)) {
            shown.insert(article.id, display(article, column));
        }
    }
    std::stable_sort(
        m_rows.begin(), m_rows.end(), [&](const ArticleSummary &a, const ArticleSummary &b) {
            int order = compareBy(column, a, b, shown.value(a.id), shown.value(b.id));
            if (descending) {
                order = -order;
            }
            if (order != 0) {
                return order < 0;
            }
            // Equal keys: the most recently changed first, whatever the direction.
            if (a.updatedAt != b.updatedAt) {
                return a.updatedAt > b.updatedAt;
            }
            return a.id > b.id;
        });
}

} // namespace daftar::ui
