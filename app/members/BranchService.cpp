#include "BranchService.h"

#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "text/Collation.h"
#include "text/Identifiers.h"
#include "text/PersianText.h"
#include "text/Provinces.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace daftar::members {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Members)
};

QVariant nullable(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

QJsonObject describe(const Branch &branch)
{
    return {{u"province"_s, branch.province}, {u"city"_s, branch.city}, {u"name"_s, branch.name},
        {u"head"_s, branch.head}, {u"address"_s, branch.address},
        {u"postal_code"_s, branch.postalCode}, {u"phones"_s, branch.phones},
        {u"email"_s, branch.email}, {u"active"_s, branch.active}};
}

QVariantList valuesOf(const Branch &branch)
{
    return {branch.province, branch.city, branch.name, nullable(branch.head),
        nullable(branch.address), nullable(branch.postalCode), nullable(branch.phones),
        nullable(branch.email),
        branch.establishedOn.isValid() ? QVariant(branch.establishedOn.toString(Qt::ISODate))
                                       : QVariant(QMetaType::fromType<QString>()),
        branch.active ? 1 : 0, QString::fromLatin1(text::collationKey(branch.name))};
}

} // namespace

BranchService::BranchService(storage::Database &db)
    : m_db(db)
{ }

Status BranchService::normalize(Branch &branch) const
{
    branch.name = branch.name.simplified();
    branch.city = branch.city.simplified();
    branch.head = branch.head.simplified();
    branch.phones = text::toLatinDigits(branch.phones.simplified());
    if (branch.name.isEmpty()) {
        return makeError(Error::Kind::Invalid, Text::tr("Give the branch a name."));
    }
    if (branch.city.isEmpty()) {
        return makeError(Error::Kind::Invalid, Text::tr("Enter the city of the branch."));
    }
    const auto province = text::findProvince(branch.province);
    if (!province) {
        return makeError(Error::Kind::Invalid,
            Text::tr("\"%1\" is not one of the 31 provinces.").arg(branch.province));
    }
    branch.province = province->code;
    if (!branch.postalCode.trimmed().isEmpty()) {
        const QString postal = text::canonicalPostalCode(branch.postalCode);
        if (postal.isEmpty()) {
            return makeError(Error::Kind::Invalid,
                Text::tr("\"%1\" is not a postal code: it has ten digits.").arg(branch.postalCode));
        }
        branch.postalCode = postal;
    }
    return success();
}

Result<QList<Branch>> BranchService::list(const accounts::Actor &actor, const QString &province)
{
    QString wanted = province;
    if (accounts::roleIsProvinceScoped(actor.role) && wanted.isEmpty()) {
        wanted = actor.province;
    }
    if (const Status allowed = actor.require(accounts::Permission::ViewMembers, wanted); !allowed) {
        return allowed.error();
    }
    QString sql
        = u"SELECT b.id, b.province, b.city, b.name, b.head, b.address, b.postal_code, "
          "b.phones, b.email, b.established_on, b.active, "
          "(SELECT COUNT(*) FROM members m WHERE m.branch_id = b.id), "
          "(SELECT COUNT(*) FROM members m WHERE m.branch_id = b.id AND m.status = 'active') "
          "FROM branches b JOIN provinces p ON p.code = b.province"_s;
    QVariantList values;
    if (!wanted.isEmpty()) {
        sql += u" WHERE b.province = ?"_s;
        values << wanted;
    }
    sql += u" ORDER BY p.sort_key, b.sort_key, b.id"_s;
    auto rows = m_db.run(sql, values);
    if (!rows) {
        return rows.error();
    }
    QList<Branch> branches;
    while (rows->next()) {
        Branch branch;
        branch.id = rows->value(0).toLongLong();
        branch.province = rows->value(1).toString();
        branch.city = rows->value(2).toString();
        branch.name = rows->value(3).toString();
        branch.head = rows->value(4).toString();
        branch.address = rows->value(5).toString();
        branch.postalCode = rows->value(6).toString();
        branch.phones = rows->value(7).toString();
        branch.email = rows->value(8).toString();
        branch.establishedOn = QDate::fromString(rows->value(9).toString(), Qt::ISODate);
        branch.active = rows->value(10).toInt() != 0;
        branch.memberCount = rows->value(11).toLongLong();
        branch.activeMemberCount = rows->value(12).toLongLong();
        branches << branch;
    }
    return branches;
}

Result<Branch> BranchService::create(const accounts::Actor &actor, Branch branch)
{
    if (const Status valid = normalize(branch); !valid) {
        return valid.error();
    }
    if (const Status allowed = actor.require(accounts::Permission::EditBranches, branch.province);
        !allowed) {
        return allowed.error();
    }
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const Status done = m_db.inTransaction([&]() -> Status {
        auto inserted = m_db.run(u"INSERT INTO branches (province, city, name, head, address, "
                                 "postal_code, phones, email, established_on, active, sort_key, "
                                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                 "?, ?) RETURNING id"_s,
            valuesOf(branch) << now << now);
        if (!inserted) {
            return inserted.error();
        }
        inserted->next();
        branch.id = inserted->value(0).toLongLong();
        inserted->finish();
        return storage::AuditLog::record(m_db, actor.auditActor(), u"branch.create"_s, u"branch"_s,
            QString::number(branch.id), {}, describe(branch));
    });
    if (!done) {
        return done.error();
    }
    return branch;
}

Result<Branch> BranchService::update(const accounts::Actor &actor, Branch branch)
{
    if (const Status valid = normalize(branch); !valid) {
        return valid.error();
    }
    const Status done = m_db.inTransaction([&]() -> Status {
        auto old = m_db.run(u"SELECT province, city, name, head, address, postal_code, phones, "
                            "email, active FROM branches WHERE id = ?"_s,
            {branch.id});
        if (!old) {
            return old.error();
        }
        if (!old->next()) {
            return makeError(Error::Kind::NotFound, Text::tr("There is no such branch."));
        }
        Branch before;
        before.province = old->value(0).toString();
        before.city = old->value(1).toString();
        before.name = old->value(2).toString();
        before.head = old->value(3).toString();
        before.address = old->value(4).toString();
        before.postalCode = old->value(5).toString();
        before.phones = old->value(6).toString();
        before.email = old->value(7).toString();
        before.active = old->value(8).toInt() != 0;
        old->finish();
        for (const QString &province : {before.province, branch.province}) {
            if (const Status allowed = actor.require(accounts::Permission::EditBranches, province);
                !allowed) {
                return allowed;
            }
        }
        auto updated = m_db.run(u"UPDATE branches SET province = ?, city = ?, name = ?, head = ?, "
                                "address = ?, postal_code = ?, phones = ?, email = ?, "
                                "established_on = ?, active = ?, sort_key = ?, updated_at = ? "
                                "WHERE id = ?"_s,
            valuesOf(branch) << QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)
                             << branch.id);
        if (!updated) {
            return updated.error();
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"branch.update"_s, u"branch"_s,
            QString::number(branch.id), describe(before), describe(branch));
    });
    if (!done) {
        return done.error();
    }
    return branch;
}

} // namespace daftar::members
