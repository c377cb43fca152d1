#include "BranchListModel.h"

#include "MemberDisplay.h"

#include <QGuiApplication>
#include <QPalette>

namespace daftar::ui {

BranchListModel::BranchListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void BranchListModel::setBranches(QList<members::Branch> branches)
{
    beginResetModel();
    m_branches = std::move(branches);
    endResetModel();
}

std::optional<members::Branch> BranchListModel::branchAt(int row) const
{
    if (row < 0 || row >= m_branches.size()) {
        return std::nullopt;
    }
    return m_branches.at(row);
}

int BranchListModel::rowOf(qint64 branchId) const
{
    for (int row = 0; row < m_branches.size(); ++row) {
        if (m_branches.at(row).id == branchId) {
            return row;
        }
    }
    return -1;
}

void BranchListModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
    }
}

int BranchListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_branches.size());
}

int BranchListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BranchListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    const members::Branch &branch = m_branches.at(index.row());
    const QLocale locale;
    switch (role) {
    case Qt::TextAlignmentRole:
        if (index.column() == Members || index.column() == ActiveMembers) {
            // Counts line up on their last digit, whichever way the table runs.
            return QVariant::fromValue(Qt::AlignTrailing | Qt::AlignVCenter);
        }
        return {};
    case Qt::ForegroundRole:
        if (!branch.active) {
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        }
        return {};
    case Qt::ToolTipRole:
        if (!branch.active) {
            return tr("This branch is closed.");
        }
        return branch.address.isEmpty() ? QVariant() : QVariant(branch.address);
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case Province:
        return provinceName(branch.province, locale);
    case City:
        return branch.city;
    case Name:
        return branch.active ? branch.name : tr("%1 (closed)").arg(branch.name);
    case Head:
        return branch.head;
    case Phones: {
        QString phones = branch.phones;
        if (isPersian(locale)) {
            phones.replace(u',', QChar(0x060C)); // Persian comma
        }
        return formatCode(phones, locale);
    }
    case Members:
        return locale.toString(branch.memberCount);
    case ActiveMembers:
        return locale.toString(branch.activeMemberCount);
    }
    return {};
}

QVariant BranchListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Province:
        return tr("Province");
    case City:
        return tr("City");
    case Name:
        return tr("Branch");
    case Head:
        return tr("Head");
    case Phones:
        return tr("Phones");
    case Members:
        return tr("Members");
    case ActiveMembers:
        return tr("Active members");
    }
    return {};
}

} // namespace daftar::ui
