#include "DuesModel.h"

#include "MemberDisplay.h"
#include "text/Jalali.h"

namespace daftar::ui {

DuesModel::DuesModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void DuesModel::setDues(QList<members::Dues> dues)
{
    beginResetModel();
    m_dues = std::move(dues);
    endResetModel();
}

int DuesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_dues.size());
}

int DuesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DuesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    const members::Dues &dues = m_dues.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() == Amount) {
        // Amounts line up on their last digit, whichever way the table runs.
        return QVariant::fromValue(Qt::AlignTrailing | Qt::AlignVCenter);
    }
    const QLocale locale;
    if (role == Qt::ToolTipRole && index.column() == Amount) {
        return formatToman(dues.amountRial, locale);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case Year:
        return formatYear(dues.year, locale);
    case Amount:
        return formatRial(dues.amountRial, locale);
    case Receipt:
        return formatCode(dues.receiptNo, locale);
    case PaidOn:
        return dues.paidOn.isValid()
            ? text::formatJalali(dues.paidOn, locale, text::DateStyle::Numeric)
            : QString();
    }
    return {};
}

QVariant DuesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Year:
        return tr("Year");
    case Amount:
        return tr("Amount");
    case Receipt:
        return tr("Receipt no.");
    case PaidOn:
        return tr("Paid on");
    }
    return {};
}

} // namespace daftar::ui
