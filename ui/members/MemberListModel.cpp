#include "MemberListModel.h"

#include "MemberDisplay.h"
#include "text/Identifiers.h"
#include "text/Jalali.h"
#include "text/PersianText.h"

#include <limits>

namespace daftar::ui {

using members::Member;
using members::MemberQuery;

namespace {

std::optional<MemberQuery::SortBy> sortByFor(int column)
{
    switch (column) {
    case MemberListModel::Name:
        return MemberQuery::SortBy::Name;
    case MemberListModel::MembershipNo:
        return MemberQuery::SortBy::MembershipNo;
    case MemberListModel::Province:
        return MemberQuery::SortBy::Province;
    case MemberListModel::JoinDate:
        return MemberQuery::SortBy::JoinDate;
    case MemberListModel::Status:
        return MemberQuery::SortBy::Status;
    }
    return std::nullopt;
}

} // namespace

MemberListModel::MemberListModel(
    members::MemberService &service, accounts::Actor actor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
    , m_actor(std::move(actor))
{ }

void MemberListModel::setQuery(const MemberQuery &query)
{
    beginResetModel();
    m_query = query;
    m_pages.clear();
    m_pageError.clear();
    const auto counted = m_service.count(m_actor, m_query);
    m_error = counted.errorMessage();
    m_count = counted.ok() ? *counted : 0;
    endResetModel();
    emit countChanged(m_count);
}

void MemberListModel::refresh()
{
    setQuery(m_query);
}

void MemberListModel::setLocale(const QLocale &locale)
{
    m_locale = locale;
    retranslate();
}

void MemberListModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
    }
}

void MemberListModel::setPageSize(int rows)
{
    beginResetModel();
    m_pageSize = qMax(1, rows);
    m_pages.clear();
    endResetModel();
}

int MemberListModel::sortColumn() const
{
    switch (m_query.sortBy) {
    case MemberQuery::SortBy::Name:
        return Name;
    case MemberQuery::SortBy::MembershipNo:
        return MembershipNo;
    case MemberQuery::SortBy::Province:
        return Province;
    case MemberQuery::SortBy::JoinDate:
        return JoinDate;
    case MemberQuery::SortBy::Status:
        return Status;
    }
    return Name;
}

Qt::SortOrder MemberListModel::sortOrder() const
{
    return m_query.descending ? Qt::DescendingOrder : Qt::AscendingOrder;
}

bool MemberListModel::isSortable(int column)
{
    return sortByFor(column).has_value();
}

void MemberListModel::sort(int column, Qt::SortOrder order)
{
    const auto sortBy = sortByFor(column);
    const bool descending = order == Qt::DescendingOrder;
    if (!sortBy || (*sortBy == m_query.sortBy && descending == m_query.descending)) {
        return;
    }
    MemberQuery query = m_query;
    query.sortBy = *sortBy;
    query.descending = descending;
    setQuery(query);
}

int MemberListModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid()) {
        return 0;
    }
    return int(qMin(m_count, qint64(std::numeric_limits<int>::max())));
}

int MemberListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Member *MemberListModel::memberPointer(int row) const
{
    if (row < 0 || row >= rowCount()) {
        return nullptr;
    }
    const int pageIndex = row / m_pageSize;
    auto page = m_pages.constFind(pageIndex);
    if (page == m_pages.constEnd()) {
        // Scrolling moves through neighbouring pages, so the farthest one goes first.
        while (m_pages.size() >= maximumCachedPages) {
            int farthest = m_pages.constBegin().key();
            for (auto it = m_pages.constBegin(); it != m_pages.constEnd(); ++it) {
                if (qAbs(it.key() - pageIndex) > qAbs(farthest - pageIndex)) {
                    farthest = it.key();
                }
            }
            m_pages.remove(farthest);
        }
        MemberQuery query = m_query;
        query.limit = m_pageSize;
        query.offset = pageIndex * m_pageSize;
        const auto found = m_service.search(m_actor, query);
        // A failed page is kept empty so that painting does not ask again for every cell.
        page = m_pages.insert(pageIndex, found.ok() ? *found : QList<Member>());
        if (!found && found.errorMessage() != m_pageError) {
            m_pageError = found.errorMessage();
            emit loadFailed(m_pageError);
        }
    }
    const int offset = row % m_pageSize;
    return offset < page->size() ? &page->at(offset) : nullptr;
}

std::optional<Member> MemberListModel::memberAt(int row) const
{
    const Member *member = memberPointer(row);
    return member ? std::optional<Member>(*member) : std::nullopt;
}

QString MemberListModel::display(const Member &member, int column) const
{
    const bool persian = isPersian(m_locale);
    switch (column) {
    case MembershipNo:
        return formatCode(member.membershipNo, m_locale);
    case Name:
        return member.displayName();
    case Kind:
        return members::kindDisplayName(member.kind);
    case NationalId:
        return formatCode(member.nationalId, m_locale);
    case Province:
        return provinceName(member.province, m_locale);
    case City:
        return member.city;
    case Mobile:
        if (member.mobile.isEmpty()) {
            return {};
        }
        return text::isolateLeftToRight(text::displayMobile(member.mobile, persian));
    case JoinDate:
        return member.joinDate.isValid()
            ? text::formatJalali(member.joinDate, m_locale, text::DateStyle::Numeric)
            : QString();
    case Status:
        return members::statusDisplayName(member.status);
    }
    return {};
}

QVariant MemberListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != MemberIdRole)) {
        return {};
    }
    const Member *member = memberPointer(index.row());
    if (!member) {
        return {};
    }
    if (role == MemberIdRole) {
        return member->id;
    }
    return display(*member, index.column());
}

QVariant MemberListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case MembershipNo:
        return tr("Membership no.");
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case NationalId:
        return tr("National code / ID");
    case Province:
        return tr("Province");
    case City:
        return tr("City");
    case Mobile:
        return tr("Mobile");
    case JoinDate:
        return tr("Joined");
    case Status:
        return tr("Status");
    }
    return {};
}

} // namespace daftar::ui
