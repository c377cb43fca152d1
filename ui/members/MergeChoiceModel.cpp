#include "MergeChoiceModel.h"

#include "MemberDisplay.h"
#include "MemberFieldNames.h"
#include "text/Identifiers.h"
#include "text/Jalali.h"
#include "text/PersianText.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace daftar::ui {

using members::Member;

namespace {

// The stored value, for telling whether the two records differ in a field.
QString storedValue(const Member &member, QStringView field)
{
    if (field == u"kind") {
        return members::kindId(member.kind);
    }
    if (field == u"membership_no") {
        return member.membershipNo;
    }
    if (field == u"first_name") {
        return member.firstName;
    }
    if (field == u"last_name") {
        return member.lastName;
    }
    if (field == u"organization_name") {
        return member.organizationName;
    }
    if (field == u"national_id") {
        return member.nationalId;
    }
    if (field == u"registration_no") {
        return member.registrationNo;
    }
    if (field == u"activity_sector") {
        return member.activitySector;
    }
    if (field == u"province") {
        return member.province;
    }
    if (field == u"branch_id") {
        return member.branchId ? QString::number(*member.branchId) : QString();
    }
    if (field == u"city") {
        return member.city;
    }
    if (field == u"address") {
        return member.address;
    }
    if (field == u"postal_code") {
        return member.postalCode;
    }
    if (field == u"mobile") {
        return member.mobile;
    }
    if (field == u"phone") {
        return member.phone;
    }
    if (field == u"email") {
        return member.email;
    }
    if (field == u"join_date") {
        return member.joinDate.toString(Qt::ISODate);
    }
    if (field == u"status") {
        return members::statusId(member.status);
    }
    if (field == u"notes") {
        return member.notes;
    }
    return {};
}

// Arabic and Persian yeh and kaf look alike in most positions; values that differ
// only in them are shown as the same rather than offered as a puzzling choice.
QString comparable(const Member &member, QStringView field)
{
    return text::unifyArabicLetters(storedValue(member, field));
}

} // namespace

MergeChoiceModel::MergeChoiceModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void MergeChoiceModel::setMembers(
    const Member &first, const Member &second, QHash<qint64, QString> branchNames)
{
    beginResetModel();
    m_first = first;
    m_second = second;
    m_branchNames = std::move(branchNames);
    m_fields = mergeableMemberFields();
    m_takeSecond.clear();
    for (const QString &field : std::as_const(m_fields)) {
        // The kept record's value stands unless it has none and the other has one.
        m_takeSecond << (comparable(first, field).isEmpty()
            && !comparable(second, field).isEmpty());
    }
    endResetModel();
}

void MergeChoiceModel::clear()
{
    beginResetModel();
    m_first = {};
    m_second = {};
    m_fields.clear();
    m_takeSecond.clear();
    endResetModel();
}

void MergeChoiceModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

bool MergeChoiceModel::valuesDiffer(int row) const
{
    const QString field = fieldAt(row);
    return !field.isEmpty() && comparable(m_first, field) != comparable(m_second, field);
}

bool MergeChoiceModel::choose(int row, int column)
{
    if (row < 0 || row >= rowCount() || (column != FirstValue && column != SecondValue)
        || !valuesDiffer(row)) {
        return false;
    }
    const bool second = column == SecondValue;
    if (m_takeSecond.at(row) != second) {
        m_takeSecond[row] = second;
        emit dataChanged(index(row, FirstValue), index(row, SecondValue));
    }
    return true;
}

QStringList MergeChoiceModel::fieldsFromSecond() const
{
    QStringList fields;
    for (int row = 0; row < m_fields.size(); ++row) {
        if (m_takeSecond.at(row) && valuesDiffer(row)) {
            fields << m_fields.at(row);
        }
    }
    return fields;
}

QString MergeChoiceModel::display(const Member &member, const QString &field) const
{
    const QLocale locale;
    const bool persian = isPersian(locale);
    if (field == "kind"_L1) {
        return members::kindDisplayName(member.kind);
    }
    if (field == "status"_L1) {
        return members::statusDisplayName(member.status);
    }
    if (field == "province"_L1) {
        return member.province.isEmpty() ? QString() : provinceName(member.province, locale);
    }
    if (field == "branch_id"_L1) {
        if (!member.branchId) {
            return {};
        }
        return m_branchNames.value(
            *member.branchId, formatCode(QString::number(*member.branchId), locale));
    }
    if (field == "join_date"_L1) {
        return member.joinDate.isValid()
            ? text::formatJalali(member.joinDate, locale, text::DateStyle::Numeric)
            : QString();
    }
    if (field == "mobile"_L1) {
        return member.mobile.isEmpty()
            ? QString()
            : text::isolateLeftToRight(text::displayMobile(member.mobile, persian));
    }
    if (field == "postal_code"_L1) {
        return member.postalCode.isEmpty()
            ? QString()
            : text::isolateLeftToRight(text::displayPostalCode(member.postalCode, persian));
    }
    if (field == "membership_no"_L1 || field == "national_id"_L1 || field == "registration_no"_L1
        || field == "phone"_L1) {
        return formatCode(storedValue(member, field), locale);
    }
    if (field == "email"_L1) {
        return member.email.isEmpty() ? QString() : text::isolateLeftToRight(member.email);
    }
    return storedValue(member, field);
}

int MergeChoiceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

int MergeChoiceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags MergeChoiceModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags flags = Qt::ItemIsEnabled;
    if (index.column() != Field && valuesDiffer(index.row())) {
        flags |= Qt::ItemIsUserCheckable | Qt::ItemIsSelectable;
    }
    return flags;
}

QVariant MergeChoiceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    const int row = index.row();
    const QString field = m_fields.at(row);
    const bool differ = valuesDiffer(row);
    const bool isValue = index.column() != Field;
    const bool chosen
        = isValue && differ && (index.column() == SecondValue) == m_takeSecond.at(row);
    const Member &member = index.column() == SecondValue ? m_second : m_first;
    switch (role) {
    case Qt::DisplayRole:
        if (!isValue) {
            return memberFieldName(field);
        }
        if (const QString value = display(member, field); !value.isEmpty()) {
            return value;
        }
        return differ ? tr("(empty)") : QString();
    case Qt::CheckStateRole:
        if (isValue && differ) {
            return chosen ? Qt::Checked : Qt::Unchecked;
        }
        return {};
    case Qt::FontRole:
        if (chosen) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        // Values that are the same on both sides, or not chosen, step back.
        if (isValue && (!differ || !chosen)) {
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        }
        return {};
    case Qt::ToolTipRole:
        if (isValue && !differ) {
            return tr("Both records hold the same value.");
        }
        if (isValue) {
            return index.column() == SecondValue
                ? tr("Keep this value: it replaces the first record's when the two are merged.")
                : tr("Keep the first record's value.");
        }
        return {};
    }
    return {};
}

bool MergeChoiceModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::CheckStateRole) {
        return false;
    }
    // The two values of a row are alternatives: checking one is choosing it, and
    // unchecking one chooses the other.
    const bool checked = value.value<Qt::CheckState>() == Qt::Checked;
    const int column
        = checked ? index.column() : (index.column() == FirstValue ? SecondValue : FirstValue);
    return choose(index.row(), column);
}

QVariant MergeChoiceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Field:
        return tr("Field");
    case FirstValue:
        return tr("First record (kept)");
    case SecondValue:
        return tr("Second record (merged into it)");
    }
    return {};
}

} // namespace daftar::ui
