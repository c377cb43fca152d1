#include "BranchMembersModel.h"

#include "MemberDisplay.h"
#include "text/Identifiers.h"
#include "text/PersianText.h"

namespace daftar::ui {

BranchMembersModel::BranchMembersModel(
    members::MemberService &service, accounts::Actor actor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
    , m_actor(std::move(actor))
{ }

void BranchMembersModel::setBranch(std::optional<qint64> branchId)
{
    beginResetModel();
    m_branchId = branchId;
    m_members.clear();
    m_total = 0;
    m_error.clear();
    if (branchId) {
        members::MemberQuery query;
        query.branchId = branchId;
        query.limit = rowsShown;
        const auto counted = m_service.count(m_actor, query);
        const auto found = m_service.search(m_actor, query);
        m_error = !counted ? counted.errorMessage() : found.errorMessage();
        if (counted && found) {
            m_total = *counted;
            m_members = *found;
        }
    }
    endResetModel();
}

void BranchMembersModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
    }
}

int BranchMembersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

int BranchMembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BranchMembersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || role != Qt::DisplayRole) {
        return {};
    }
    const members::Member &member = m_members.at(index.row());
    const QLocale locale;
    switch (index.column()) {
    case MembershipNo:
        return formatCode(member.membershipNo, locale);
    case Name:
        return member.displayName();
    case NationalId:
        return formatCode(member.nationalId, locale);
    case City:
        return member.city;
    case Mobile:
        return member.mobile.isEmpty()
            ? QString()
            : text::isolateLeftToRight(text::displayMobile(member.mobile, isPersian(locale)));
    case Status:
        return members::statusDisplayName(member.status);
    }
    return {};
}

QVariant BranchMembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case MembershipNo:
        return tr("Membership no.");
    case Name:
        return tr("Name");
    case NationalId:
        return tr("National code / ID");
    case City:
        return tr("City");
    case Mobile:
        return tr("Mobile");
    case Status:
        return tr("Status");
    }
    return {};
}

} // namespace daftar::ui
