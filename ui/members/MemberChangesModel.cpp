#include "MemberChangesModel.h"

#include "MemberDisplay.h"
#include "MemberFieldNames.h"
#include "members/Member.h"
#include "text/Identifiers.h"
#include "text/Jalali.h"
#include "text/PersianText.h"

#include <QGuiApplication>
#include <QJsonValue>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

// The order of the form, so that a change reads top to bottom like the form.
const QStringList &fieldOrder()
{
    static const QStringList order = mergeableMemberFields()
        + QStringList {u"reason"_s, u"directory_consent"_s, u"directory_fields"_s, u"year"_s,
            u"amount_rial"_s, u"receipt_no"_s};
    return order;
}

} // namespace

MemberChangesModel::MemberChangesModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void MemberChangesModel::setEntries(QList<storage::AuditEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

QString MemberChangesModel::fieldName(const QString &key)
{
    if (mergeableMemberFields().contains(key)) {
        return memberFieldName(key);
    }
    // What the audit trail records besides the member's own fields.
    static const QHash<QString, const char *> names {
        {u"reason"_s, QT_TR_NOOP("Reason")},
        {u"directory_consent"_s, QT_TR_NOOP("In the public directory")},
        {u"directory_fields"_s, QT_TR_NOOP("Shown in the directory")},
        {u"year"_s, QT_TR_NOOP("Dues year")},
        {u"amount_rial"_s, QT_TR_NOOP("Amount")},
        {u"receipt_no"_s, QT_TR_NOOP("Receipt number")},
    };
    const auto name = names.constFind(key);
    return name == names.constEnd() ? key : tr(*name);
}

QStringList MemberChangesModel::changedKeys(const storage::AuditEntry &entry)
{
    QStringList keys = entry.before.keys();
    for (const QString &key : entry.after.keys()) {
        if (!keys.contains(key)) {
            keys << key;
        }
    }
    keys.removeIf(
        [&](const QString &key) { return entry.before.value(key) == entry.after.value(key); });
    std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
        const auto rank = [](const QString &key) {
            const qsizetype at = fieldOrder().indexOf(key);
            return at < 0 ? fieldOrder().size() : at;
        };
        return rank(a) < rank(b);
    });
    return keys;
}

int MemberChangesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int MemberChangesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString MemberChangesModel::actionName(const QString &action) const
{
    if (action == "member.create"_L1) {
        return tr("Added");
    }
    if (action == "member.update"_L1) {
        return tr("Edited");
    }
    if (action == "member.status"_L1) {
        return tr("Status changed");
    }
    if (action == "member.dues"_L1) {
        return tr("Dues recorded");
    }
    return action;
}

QString MemberChangesModel::valueText(const QString &key, const QJsonValue &value) const
{
    const QLocale locale;
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty())) {
        return tr("(empty)");
    }
    if (value.isBool()) {
        return value.toBool() ? tr("yes") : tr("no");
    }
    if (key == "amount_rial"_L1) {
        return formatRial(value.toInteger(), locale);
    }
    if (key == "year"_L1) {
        return formatYear(value.toInt(), locale);
    }
    const QString text = value.isString() ? value.toString() : QString::number(value.toInteger());
    if (key == "status"_L1) {
        const auto status = members::statusFromId(text);
        return status ? members::statusDisplayName(*status) : text;
    }
    if (key == "kind"_L1) {
        const auto kind = members::kindFromId(text);
        return kind ? members::kindDisplayName(*kind) : text;
    }
    if (key == "province"_L1) {
        return provinceName(text, locale);
    }
    if (key == "join_date"_L1) {
        return text::formatJalali(
            QDate::fromString(text, Qt::ISODate), locale, text::DateStyle::Numeric);
    }
    if (key == "mobile"_L1) {
        return text::isolateLeftToRight(text::displayMobile(text, isPersian(locale)));
    }
    if (key == "national_id"_L1 || key == "membership_no"_L1 || key == "postal_code"_L1
        || key == "phone"_L1 || key == "receipt_no"_L1 || key == "registration_no"_L1) {
        return formatCode(text, locale);
    }
    return text;
}

QString MemberChangesModel::changesText(const storage::AuditEntry &entry) const
{
    if (entry.before.isEmpty() && entry.action == "member.create"_L1) {
        return {};
    }
    QStringList names;
    for (const QString &key : changedKeys(entry)) {
        names << fieldName(key);
    }
    return names.join(isPersian(QLocale()) ? u"، "_s : u", "_s);
}

QString MemberChangesModel::changesDetail(const storage::AuditEntry &entry) const
{
    // The arrow points the way the line is read.
    const QString arrow
        = QGuiApplication::layoutDirection() == Qt::RightToLeft ? u" ← "_s : u" → "_s;
    QStringList lines;
    for (const QString &key : changedKeys(entry)) {
        lines << fieldName(key) + u": "_s + valueText(key, entry.before.value(key)) + arrow
                + valueText(key, entry.after.value(key));
    }
    return lines.join(u'\n');
}

QVariant MemberChangesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    const storage::AuditEntry &entry = m_entries.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == Changes) {
        return changesDetail(entry);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    const QLocale locale;
    switch (index.column()) {
    case When: {
        const QDateTime local = entry.at.toLocalTime();
        return text::formatJalali(local.date(), locale, text::DateStyle::Numeric) + u"  "_s
            + locale.toString(local.time(), u"HH:mm");
    }
    case Who: {
        // "Name (username)": the Latin user name and its parentheses read as one
        // left-to-right run, or a Persian line would turn its closing parenthesis around.
        const qsizetype open = entry.actor.lastIndexOf(u" ("_s);
        if (open < 0 || !entry.actor.endsWith(u')')) {
            return entry.actor;
        }
        return entry.actor.left(open + 1) + text::isolateLeftToRight(entry.actor.mid(open + 1));
    }
    case Action:
        return actionName(entry.action);
    case Changes:
        return changesText(entry);
    }
    return {};
}

QVariant MemberChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case When:
        return tr("When");
    case Who:
        return tr("Who");
    case Action:
        return tr("What");
    case Changes:
        return tr("Fields changed");
    }
    return {};
}

} // namespace daftar::ui
