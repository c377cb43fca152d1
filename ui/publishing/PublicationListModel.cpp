#include "PublicationListModel.h"

#include "PublicationDisplay.h"
#include "text/PersianText.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace daftar::ui {

using publishing::Publication;

PublicationListModel::PublicationListModel(
    publishing::Outbox &outbox, accounts::Actor actor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_outbox(outbox)
    , m_actor(std::move(actor))
{ }

void PublicationListModel::reload(std::optional<qint64> siteId)
{
    m_siteId = siteId;
    const auto found = m_outbox.publications(m_actor);
    m_error = found.errorMessage();
    beginResetModel();
    m_rows.clear();
    if (found) {
        for (const Publication &publication : *found) {
            if (!m_siteId || publication.siteId == *m_siteId) {
                m_rows << publication;
            }
        }
        // The most recently pushed first: what the user just sent is at the top.
        std::stable_sort(m_rows.begin(), m_rows.end(),
            [](const Publication &a, const Publication &b) { return a.pushedAt > b.pushedAt; });
    }
    endResetModel();
}

void PublicationListModel::refresh()
{
    reload(m_siteId);
}

std::optional<Publication> PublicationListModel::publicationAt(int row) const
{
    if (row < 0 || row >= m_rows.size()) {
        return std::nullopt;
    }
    return m_rows.at(row);
}

void PublicationListModel::setLocale(const QLocale &locale)
{
    m_locale = locale;
    retranslate();
}

void PublicationListModel::retranslate()
{
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int PublicationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PublicationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PublicationListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) {
        return {};
    }
    const Publication &publication = m_rows.at(index.row());
    const bool hasUrl = !publication.url.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Item:
            return publication.title;
        case Site:
            return publication.siteName;
        case Url:
            // Persian slugs read as Persian, not as %D8%A7…, and the address keeps
            // its left-to-right order in a Persian table.
            return hasUrl ? text::isolateLeftToRight(publication.url.toDisplayString()) : QString();
        case Pushed:
            return formatMoment(publication.pushedAt, m_locale);
        case State:
            return publicationStateText(publication);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Url && hasUrl) {
            return tr("Open %1 in the browser").arg(publication.url.toDisplayString());
        }
        if (index.column() == Item) {
            return publication.title;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Url && hasUrl) {
            return QGuiApplication::palette().color(QPalette::Link);
        }
        if (index.column() == State) {
            return publicationStateColor(publication);
        }
        return {};
    case Qt::FontRole:
        if (index.column() == Url && hasUrl) {
            QFont link;
            link.setUnderline(true);
            return link;
        }
        return {};
    case Qt::TextAlignmentRole:
        return int(Qt::AlignLeading | Qt::AlignVCenter);
    case UrlRole:
        return publication.url;
    case EntityIdRole:
        return publication.entityId;
    }
    return {};
}

QVariant PublicationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Item:
        return tr("Item");
    case Site:
        return tr("Site");
    case Url:
        return tr("Address");
    case Pushed:
        return tr("Last sent");
    case State:
        return tr("State");
    }
    return {};
}

} // namespace daftar::ui
