#include "StatusHistoryModel.h"

#include "text/Jalali.h"

namespace daftar::ui {

StatusHistoryModel::StatusHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void StatusHistoryModel::setHistory(QList<members::StatusChange> history)
{
    beginResetModel();
    m_history = std::move(history);
    endResetModel();
}

int StatusHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_history.size());
}

int StatusHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StatusHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || role != Qt::DisplayRole) {
        return {};
    }
    const members::StatusChange &change = m_history.at(index.row());
    switch (index.column()) {
    case Status:
        return members::statusDisplayName(change.status);
    case ChangedOn:
        return text::formatJalali(change.changedOn, QLocale(), text::DateStyle::Numeric);
    case Reason:
        return change.reason;
    }
    return {};
}

QVariant StatusHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Status:
        return tr("Status");
    case ChangedOn:
        return tr("From");
    case Reason:
        return tr("Reason");
    }
    return {};
}

} // namespace daftar::ui
