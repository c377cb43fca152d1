#include "DuplicatePairsModel.h"

#include "Language.h"
#include "MemberDisplay.h"

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

// "Name (M-00012)": the membership number tells two records of one name apart.
QString describe(const members::Member &member, const QLocale &locale)
{
    return Language::inUiDirection(DuplicatePairsModel::tr("%1 (%2)").arg(
        member.displayName(), formatCode(member.membershipNo, locale)));
}

} // namespace

DuplicatePairsModel::DuplicatePairsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void DuplicatePairsModel::setPairs(QList<members::DuplicatePair> pairs)
{
    beginResetModel();
    m_pairs = std::move(pairs);
    endResetModel();
}

void DuplicatePairsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
    }
}

QString DuplicatePairsModel::reasonText(const QString &reason)
{
    if (reason == "mobile"_L1) {
        return tr("Same mobile");
    }
    if (reason == "name_province"_L1) {
        return tr("Same name in one province");
    }
    return reason;
}

int DuplicatePairsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_pairs.size());
}

int DuplicatePairsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DuplicatePairsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || role != Qt::DisplayRole) {
        return {};
    }
    const members::DuplicatePair &pair = m_pairs.at(index.row());
    const QLocale locale;
    switch (index.column()) {
    case FirstMember:
        return describe(pair.first, locale);
    case SecondMember:
        return describe(pair.second, locale);
    case Province: {
        const QString first = provinceName(pair.first.province, locale);
        const QString second = provinceName(pair.second.province, locale);
        return first == second ? first : tr("%1 / %2").arg(first, second);
    }
    case Reason:
        return reasonText(pair.reason);
    }
    return {};
}

QVariant DuplicatePairsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case FirstMember:
        return tr("First record");
    case SecondMember:
        return tr("Second record");
    case Province:
        return tr("Province");
    case Reason:
        return tr("Why they look alike");
    }
    return {};
}

} // namespace daftar::ui
