#include "MemberService.h"

#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "text/Collation.h"
#include "text/Identifiers.h"
#include "text/PersianText.h"
#include "text/Provinces.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlQuery>

#include <limits>
#include <numeric>

using namespace Qt::StringLiterals;

namespace daftar::members {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Members)
};

const QString columns = u"id, membership_no, kind, first_name, last_name, organization_name, "
                        "national_id, registration_no, activity_sector, province, branch_id, city, "
                        "address, postal_code, mobile, phone, email, join_date, status, notes, "
                        "directory_consent, directory_fields, created_at, updated_at"_s;

// The columns an insert writes, in the order of valuesOf().
const QString writtenColumns
    = u"membership_no, kind, first_name, last_name, organization_name, national_id, "
      "registration_no, activity_sector, province, branch_id, city, address, postal_code, "
      "mobile, phone, email, join_date, status, notes, directory_consent, directory_fields, "
      "search_key, name_key, sort_key"_s;

// `names` (a comma-separated column list) read through the alias `alias`.
QString aliased(const QString &alias, const QString &names)
{
    return alias + u'.' + names.split(u", "_s).join(u", "_s + alias + u'.');
}

// A member insert that leaves a member already there (same kind and national
// ID, or membership number) alone.
QString insertMemberSql(bool placed, bool returningId)
{
    const int values = 26 + (placed ? 1 : 0);
    return u"INSERT INTO members ("_s + writtenColumns + u", created_at, updated_at"_s
        + (placed ? u", name_rank"_s : QString()) + u") VALUES (?"_s + u", ?"_s.repeated(values - 1)
        + u") ON CONFLICT DO NOTHING"_s + (returningId ? u" RETURNING id"_s : QString());
}

const QString updateSql
    = u"UPDATE members SET membership_no = ?, kind = ?, first_name = ?, last_name = ?, "
      "organization_name = ?, national_id = ?, registration_no = ?, activity_sector = ?, "
      "province = ?, branch_id = ?, city = ?, address = ?, postal_code = ?, mobile = ?, "
      "phone = ?, email = ?, join_date = ?, status = ?, notes = ?, directory_consent = ?, "
      "directory_fields = ?, search_key = ?, name_key = ?, sort_key = ?, updated_at = ? "
      "WHERE id = ?"_s;

QString timestamp(const QDateTime &at)
{
    return storage::timestampText(at);
}

QVariant nullable(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

QVariant nullableDate(QDate date)
{
    return date.isValid() ? QVariant(date.toString(Qt::ISODate))
                          : QVariant(QMetaType::fromType<QString>());
}

Member readMember(const QSqlQuery &query)
{
    Member member;
    member.id = query.value(0).toLongLong();
    member.membershipNo = query.value(1).toString();
    member.kind = kindFromId(query.value(2).toString()).value_or(MemberKind::Person);
    member.firstName = query.value(3).toString();
    member.lastName = query.value(4).toString();
    member.organizationName = query.value(5).toString();
    member.nationalId = query.value(6).toString();
    member.registrationNo = query.value(7).toString();
    member.activitySector = query.value(8).toString();
    member.province = query.value(9).toString();
    if (!query.value(10).isNull()) {
        member.branchId = query.value(10).toLongLong();
    }
    member.city = query.value(11).toString();
    member.address = query.value(12).toString();
    member.postalCode = query.value(13).toString();
    member.mobile = query.value(14).toString();
    member.phone = query.value(15).toString();
    member.email = query.value(16).toString();
    member.joinDate = QDate::fromString(query.value(17).toString(), Qt::ISODate);
    member.status = statusFromId(query.value(18).toString()).value_or(MemberStatus::Active);
    member.notes = query.value(19).toString();
    member.directoryConsent = query.value(20).toInt() != 0;
    member.directoryFields = query.value(21).toString().split(u',', Qt::SkipEmptyParts);
    member.createdAt = QDateTime::fromString(query.value(22).toString(), Qt::ISODateWithMs);
    member.updatedAt = QDateTime::fromString(query.value(23).toString(), Qt::ISODateWithMs);
    return member;
}

// The values written for a member, in the order of `columns` after id.
QVariantList valuesOf(const Member &member)
{
    return {member.membershipNo, kindId(member.kind), nullable(member.firstName),
        nullable(member.lastName), nullable(member.organizationName), member.nationalId,
        nullable(member.registrationNo), nullable(member.activitySector), member.province,
        member.branchId ? QVariant(*member.branchId) : QVariant(QMetaType::fromType<qlonglong>()),
        nullable(member.city), nullable(member.address), nullable(member.postalCode),
        nullable(member.mobile), nullable(member.phone), nullable(member.email),
        nullableDate(member.joinDate), statusId(member.status), nullable(member.notes),
        member.directoryConsent ? 1 : 0, nullable(member.directoryFields.join(u',')),
        MemberService::searchKeyOf(member), text::searchKey(member.displayName()),
        QString::fromLatin1(text::collationKey(member.displayName()))};
}

// What the audit trail keeps of a member: every field a person could change.
QJsonObject describe(const Member &member)
{
    QJsonObject object {{u"membership_no"_s, member.membershipNo}, {u"kind"_s, kindId(member.kind)},
        {u"national_id"_s, member.nationalId}, {u"province"_s, member.province},
        {u"status"_s, statusId(member.status)}, {u"directory_consent"_s, member.directoryConsent}};
    const auto put = [&](const char *key, const QString &value) {
        if (!value.isEmpty()) {
            object.insert(QLatin1StringView(key), value);
        }
    };
    put("first_name", member.firstName);
    put("last_name", member.lastName);
    put("organization_name", member.organizationName);
    put("registration_no", member.registrationNo);
    put("activity_sector", member.activitySector);
    put("city", member.city);
    put("address", member.address);
    put("postal_code", member.postalCode);
    put("mobile", member.mobile);
    put("phone", member.phone);
    put("email", member.email);
    put("notes", member.notes);
    put("directory_fields", member.directoryFields.join(u','));
    if (member.joinDate.isValid()) {
        object.insert(u"join_date"_s, member.joinDate.toString(Qt::ISODate));
    }
    if (member.branchId) {
        object.insert(u"branch_id"_s, *member.branchId);
    }
    return object;
}

// Words of a type-ahead query, reduced to letters and digits so that they can
// go into an FTS5 or tsquery expression as plain prefixes.
QStringList queryWords(const QString &input)
{
    QString key = text::searchKey(input);
    for (QChar &c : key) {
        if (!c.isLetterOrNumber()) {
            c = u' ';
        }
    }
    return key.split(u' ', Qt::SkipEmptyParts);
}

} // namespace

MemberService::MemberService(storage::Database &db)
    : m_db(db)
{ }

QString MemberService::searchKeyOf(const Member &member)
{
    QStringList parts {member.firstName, member.lastName, member.organizationName,
        member.nationalId, member.membershipNo, member.city};
    if (member.mobile.startsWith(u"+98"_s)) {
        parts << u'0' + member.mobile.mid(3); // as people type it: 0912…
    }
    return text::searchKey(parts.join(u' '));
}

QList<FieldProblem> MemberService::normalize(Member &member)
{
    QList<FieldProblem> problems;
    const auto problem = [&](const char *field, const char *code, const QString &message) {
        problems.append({QString::fromLatin1(field), QString::fromLatin1(code), message});
    };
    member.firstName = member.firstName.simplified();
    member.lastName = member.lastName.simplified();
    member.organizationName = member.organizationName.simplified();
    member.city = member.city.simplified();
    member.address = member.address.simplified();
    member.email = member.email.trimmed();
    member.phone = text::toLatinDigits(member.phone.simplified());
    member.registrationNo = text::toLatinDigits(member.registrationNo.trimmed());
    member.membershipNo = text::toLatinDigits(member.membershipNo.trimmed());

    if (member.kind == MemberKind::Person) {
        if (member.firstName.isEmpty()) {
            problem("first_name", "missing_required", Text::tr("The first name is missing."));
        }
        if (member.lastName.isEmpty()) {
            problem("last_name", "missing_required", Text::tr("The last name is missing."));
        }
        const text::IdCheck check = text::checkNationalCode(member.nationalId);
        if (!check.valid()) {
            problem("national_id",
                check.status == text::IdCheck::Status::Empty ? "missing_required"
                                                             : "invalid_national_id",
                text::describe(check, Text::tr("national code")));
        } else {
            member.nationalId = check.canonical;
        }
    } else {
        if (member.organizationName.isEmpty()) {
            problem("organization_name", "missing_required",
                Text::tr("The name of the cooperative or company is missing."));
        }
        const text::IdCheck check = text::checkLegalEntityId(member.nationalId);
        if (!check.valid()) {
            problem("national_id",
                check.status == text::IdCheck::Status::Empty ? "missing_required"
                                                             : "invalid_national_id",
                text::describe(check, Text::tr("national ID")));
        } else {
            member.nationalId = check.canonical;
        }
    }

    if (member.province.trimmed().isEmpty()) {
        problem("province", "missing_required", Text::tr("The province is missing."));
    } else if (const auto province = text::findProvince(member.province)) {
        member.province = province->code;
    } else {
        problem("province", "unknown_province",
            Text::tr("\"%1\" is not one of the 31 provinces; write its name as on the map, "
                     "e.g. خراسان رضوی.")
                .arg(member.province));
    }
    if (!member.mobile.trimmed().isEmpty()) {
        const QString mobile = text::canonicalMobile(member.mobile);
        if (mobile.isEmpty()) {
            problem("mobile", "invalid_mobile",
                Text::tr("\"%1\" is not a mobile number; write it as 0912 345 6789.")
                    .arg(member.mobile));
        } else {
            member.mobile = mobile;
        }
    }
    if (!member.postalCode.trimmed().isEmpty()) {
        const QString postal = text::canonicalPostalCode(member.postalCode);
        if (postal.isEmpty()) {
            problem("postal_code", "invalid_postal_code",
                Text::tr("\"%1\" is not a postal code: it has ten digits, such as 13145-67890.")
                    .arg(member.postalCode));
        } else {
            member.postalCode = postal;
        }
    }
    thread_local const QRegularExpression emailShape(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    if (!member.email.isEmpty() && !emailShape.match(member.email).hasMatch()) {
        problem("email", "invalid_email",
            Text::tr("\"%1\" is not an email address.").arg(member.email));
    }
    return problems;
}

Status MemberService::checkScope(
    const accounts::Actor &actor, accounts::Permission permission, const QString &province) const
{
    return actor.require(permission, province);
}

Result<QString> MemberService::nextMembershipNo()
{
    auto next = m_db.run(u"UPDATE counters SET value = value + 1 WHERE name = 'membership_no' "
                         "RETURNING value"_s,
        {});
    if (!next) {
        return next.error();
    }
    next->next();
    return u"M%1"_s.arg(next->value(0).toLongLong(), 7, 10, QChar(u'0'));
}

QString MemberService::numberTakenMessage(const QString &number)
{
    return Text::tr("The membership number %1 already belongs to another member.").arg(number);
}

Result<std::optional<qint64>> MemberService::insertIfAbsent(const storage::AuditActor &by,
    Member &member, const QJsonObject &auditNote, std::optional<qint64> place)
{
    if (member.membershipNo.isEmpty()) {
        auto number = nextMembershipNo();
        if (!number) {
            return number.error();
        }
        member.membershipNo = *number;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    member.createdAt = member.updatedAt = now;
    QVariantList values = valuesOf(member);
    const QString sortKey = values.constLast().toString(); // valuesOf() ends with it
    values << timestamp(now) << timestamp(now);
    const bool placed = place && !m_db.isPostgres();
    if (placed) {
        values << *place;
    }
    static const QString sqliteInsert = insertMemberSql(false, false);
    static const QString sqlitePlacedInsert = insertMemberSql(true, false);
    static const QString postgresInsert = insertMemberSql(false, true);
    auto inserted = m_db.runRepeated(m_db.isPostgres() ? postgresInsert
            : placed                                   ? sqlitePlacedInsert
                                                       : sqliteInsert,
        values);
    if (!inserted) {
        return inserted.error();
    }
    const bool added = m_db.isPostgres() ? (*inserted)->next() : (*inserted)->numRowsAffected() > 0;
    if (!added) {
        // Either the member is already in the bank (an import run again) or the
        // membership number belongs to someone else.
        auto present
            = m_db.runRepeated(u"SELECT 1 FROM members WHERE kind = ? AND national_id = ?"_s,
                {kindId(member.kind), member.nationalId});
        if (!present) {
            return present.error();
        }
        const bool alreadyIn = (*present)->next();
        (*present)->finish();
        if (alreadyIn) {
            return std::optional<qint64>();
        }
        return makeError(Error::Kind::Conflict, numberTakenMessage(member.membershipNo));
    }
    member.id = m_db.isPostgres() ? (*inserted)->value(0).toLongLong()
                                  : (*inserted)->lastInsertId().toLongLong();
    (*inserted)->finish();
    if (!m_db.isPostgres() && !m_bulk && !placed) {
        // Its place in name order puts it in the search index (an import
        // places its rows when the batch ends).
        if (const Status placed = placeInNameOrder({{member.id, sortKey}}); !placed) {
            return placed.error();
        }
    }
    const Status audited = storage::AuditLog::record(m_db, by, u"member.create"_s, u"member"_s,
        QString::number(member.id), {}, auditNote.isEmpty() ? describe(member) : auditNote);
    if (!audited) {
        return audited.error();
    }
    return std::optional<qint64>(member.id);
}

Status MemberService::beginBulkInsert()
{
    m_bulk = true;
    // Both marks last only as long as the transaction: a rollback or a crash
    // leaves the per-row triggers in charge.
    if (m_db.isPostgres()) {
        auto begun = m_db.run(u"SELECT set_config('daftar.bulk_members', 'on', true)"_s);
        return begun ? success() : Status(begun.error());
    }
    // New ids are larger than any id before (AUTOINCREMENT), so the value tells
    // the rows of this transaction apart.
    auto begun = m_db.run(u"INSERT INTO counters (name, value) "
                          "SELECT 'members_bulk', COALESCE(MAX(id), 0) FROM members"_s);
    return begun ? success() : Status(begun.error());
}

Status MemberService::endBulkInsert(qint64 added)
{
    m_bulk = false;
    auto counted
        = m_db.run(u"UPDATE counters SET value = value + ? WHERE name = 'members'"_s, {added});
    if (!counted) {
        return counted.error();
    }
    if (m_db.isPostgres()) {
        auto ended = m_db.run(u"SELECT set_config('daftar.bulk_members', '', true)"_s);
        return ended ? success() : Status(ended.error());
    }
    const QString fresh
        = u"members WHERE id > (SELECT value FROM counters WHERE name = 'members_bulk')"_s;
    auto rows = m_db.run(
        u"SELECT id, sort_key FROM "_s + fresh + u" AND name_rank IS NULL ORDER BY sort_key, id"_s);
    if (!rows) {
        return rows.error();
    }
    QList<std::pair<qint64, QString>> unplaced;
    while (rows->next()) {
        unplaced.append({rows->value(0).toLongLong(), rows->value(1).toString()});
    }
    rows->finish();
    if (const Status placed = placeInNameOrder(unplaced); !placed) {
        return placed;
    }
    // In the index's order: FTS5 writes its pending terms out whenever a key
    // comes before the previous one.
    for (const QString &statement : {u"INSERT INTO members_fts (rowid, search_key, province) "
                                     "SELECT name_rank, search_key, province FROM "_s
                 + fresh + u" ORDER BY +name_rank"_s, // sorts the batch, not the bank
             u"DELETE FROM counters WHERE name = 'members_bulk'"_s}) {
        if (auto done = m_db.run(statement); !done) {
            return done.error();
        }
    }
    return success();
}

Status MemberService::stage(const QList<std::pair<qint64, Member>> &rows)
{
    const bool postgres = m_db.isPostgres();
    if (m_staged == 0) {
        // SQLite: untyped columns keep what valuesOf() binds, NULLs included.
        // PostgreSQL: the members' column types, and none of their rules.
        const QStringList create = postgres
            ? QStringList {u"DROP TABLE IF EXISTS member_staging"_s,
                u"CREATE TEMP TABLE member_staging AS SELECT "_s + writtenColumns
                    + u" FROM members WITH NO DATA"_s,
                u"ALTER TABLE member_staging "
                "ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                "ADD COLUMN source_row BIGINT NOT NULL, "
                "ADD COLUMN outcome INTEGER NOT NULL DEFAULT 0, "
                "ADD COLUMN generated INTEGER NOT NULL DEFAULT 0"_s}
            : QStringList {u"DROP TABLE IF EXISTS member_staging"_s,
                u"CREATE TEMP TABLE member_staging (seq INTEGER PRIMARY KEY, "
                "source_row INTEGER NOT NULL, outcome INTEGER NOT NULL DEFAULT 0, "
                "generated INTEGER NOT NULL DEFAULT 0, "_s
                    + writtenColumns + u')'};
        for (const QString &sql : create) {
            if (auto made = m_db.run(sql); !made) {
                return made.error();
            }
        }
    }
    // PostgreSQL answers each statement over the connection: several rows go
    // in one. SQLite binds value by value, and larger statements only cost more.
    const qsizetype rowsAtOnce = postgres ? 64 : 1;
    const auto insertOf = [&](qsizetype rows) {
        const QString one = u"(?"_s + u", ?"_s.repeated(24) + u')';
        return u"INSERT INTO member_staging (source_row, "_s + writtenColumns + u") VALUES "_s
            + QStringList(rows, one).join(u", "_s);
    };
    const QString single = insertOf(1);
    const QString several = insertOf(rowsAtOnce);
    QVariantList values;
    for (qsizetype at = 0; at < rows.size();) {
        const qsizetype take = rows.size() - at >= rowsAtOnce ? rowsAtOnce : 1;
        values.clear();
        for (qsizetype i = at; i < at + take; ++i) {
            values << rows.at(i).first;
            values += valuesOf(rows.at(i).second);
        }
        auto staged = m_db.runRepeated(take == 1 ? single : several, values);
        if (!staged) {
            return staged.error();
        }
        (*staged)->finish();
        m_staged += take;
        at += take;
    }
    return success();
}

void MemberService::discardStaged()
{
    m_staged = 0;
    (void)m_db.run(u"DROP TABLE IF EXISTS member_staging"_s);
    if (!m_db.isPostgres()) {
        (void)m_db.run(u"DROP TABLE IF EXISTS temp.member_places"_s);
    }
}

Result<MemberService::StagedLoad> MemberService::loadStaged(
    const storage::AuditActor &by, const QString &source)
{
    const bool postgres = m_db.isPostgres();
    StagedLoad load;
    if (m_staged == 0) {
        return load;
    }
    const auto dropStaged = qScopeGuard([&] { discardStaged(); });
    // Outcomes: 0 goes in, 1 already in the bank, 2 its membership number is taken.
    const Status done = m_db.inTransaction([&]() -> Status {
        // Each statement of the load; how many rows it changed.
        const auto change
            = [&](const QString &sql, const QVariantList &values = {}) -> Result<qint64> {
            auto done = m_db.run(sql, values);
            if (!done) {
                return done.error();
            }
            return qint64(done->numRowsAffected());
        };
        // The search index (SQLite) and the kept total stand aside (for every
        // id), and are brought up to date at the end.
        if (auto marked = change(postgres
                    ? u"SELECT set_config('daftar.bulk_members', 'on', true)"_s
                    : u"INSERT INTO counters (name, value) VALUES ('members_bulk', -1)"_s);
            !marked) {
            return marked.error();
        }
        auto present = change(u"UPDATE member_staging SET outcome = 1 WHERE EXISTS "
                              "(SELECT 1 FROM members m WHERE m.kind = member_staging.kind "
                              "AND m.national_id = member_staging.national_id)"_s);
        if (!present) {
            return present.error();
        }
        load.alreadyPresent = *present;
        // Numbers for rows that came without one, in file order, as
        // nextMembershipNo() hands them out. The number is a word of the search
        // key too, as searchKeyOf() writes it (the order of its words does not
        // matter).
        const QString counted = u"(SELECT value FROM counters WHERE name = 'membership_no') + "
                                "ROW_NUMBER() OVER (ORDER BY seq)"_s;
        auto generated = change(u"UPDATE member_staging SET generated = 1, "
                                "membership_no = numbered.number, "
                                "search_key = search_key || ' ' || lower(numbered.number) "
                                "FROM (SELECT seq, 'M' || "_s
            + (postgres ? u"lpad(CAST("_s + counted + u" AS TEXT), 7, '0')"_s
                        : u"printf('%07d', "_s + counted + u')')
            + u" AS number FROM member_staging WHERE outcome = 0 AND "
              "COALESCE(membership_no, '') = '') AS numbered "
              "WHERE member_staging.seq = numbered.seq"_s);
        if (!generated) {
            return generated.error();
        }
        if (auto counted
            = change(u"UPDATE counters SET value = value + ? WHERE name = 'membership_no'"_s,
                {*generated});
            !counted) {
            return counted.error();
        }
        qint64 numberTaken = 0;
        if (*generated > 0) {
            // A number the file gives wins over the same number handed out.
            auto clash = change(u"UPDATE member_staging SET outcome = 2 WHERE "
                                "generated = 1 AND membership_no IN (SELECT membership_no "
                                "FROM member_staging WHERE outcome = 0 AND "
                                "generated = 0)"_s);
            if (!clash) {
                return clash.error();
            }
            numberTaken = *clash;
        }
        QList<std::pair<QString, QString>> rebuilt; // SQLite: the indexes dropped
        const QString now = timestamp(QDateTime::currentDateTimeUtc());
        // An import run again finds every row in: the bank stays as it is.
        const qint64 toInsert = m_staged - load.alreadyPresent - numberTaken;
        Result<qint64> inserted = qint64(0);
        if (toInsert > 0 && postgres) {
            // In file order, as a row-by-row import would have; the indexes and
            // the search index take each row as it comes.
            inserted = change(u"INSERT INTO members ("_s + writtenColumns
                    + u", created_at, updated_at) SELECT "_s + aliased(u"s"_s, writtenColumns)
                    + u", CAST(? AS TEXT), CAST(? AS TEXT) FROM member_staging s "
                      "WHERE s.outcome = 0 ORDER BY s.seq ON CONFLICT DO NOTHING"_s,
                {now, now});
        } else if (toInsert > 0) {
            // Every member's place in name order, the newcomers' among them: by
            // (sort key, id), and the newcomers get ids above all others, in the
            // order they are inserted below.
            // A newcomer's file row and number come along for its audit entry.
            for (const QString &sql :
                {u"CREATE TEMP TABLE member_places (place INTEGER PRIMARY KEY, "
                 "fresh INTEGER NOT NULL, k INTEGER NOT NULL, source_row, "
                 "membership_no)"_s,
                    u"INSERT INTO temp.member_places (place, fresh, k, source_row, membership_no) "
                    "SELECT (ROW_NUMBER() OVER (ORDER BY sort_key, fresh, k) - 1) * %1, fresh, k, "
                    "source_row, membership_no FROM (SELECT sort_key, 0 AS fresh, id AS k, "
                    "NULL AS source_row, NULL AS membership_no FROM members UNION ALL "
                    "SELECT sort_key, 1, seq, source_row, membership_no FROM member_staging "
                    "WHERE outcome = 0)"_s.arg(searchTuning().rankSpacing)}) {
                if (auto done = change(sql); !done) {
                    return done.error();
                }
            }
            // The indexes are built again after the rows are in: sorting a million
            // keys once is far cheaper than a million inserts at random places.
            auto indexes = m_db.run(u"SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                    "AND tbl_name = 'members' AND sql IS NOT NULL"_s);
            if (!indexes) {
                return indexes.error();
            }
            while (indexes->next()) {
                rebuilt.append({indexes->value(0).toString(), indexes->value(1).toString()});
            }
            indexes->finish();
            for (const auto &[name, sql] : rebuilt) {
                if (auto dropped = change(u"DROP INDEX \""_s + name + u'"'); !dropped) {
                    return dropped.error();
                }
            }
            if (auto moved
                = change(u"UPDATE members SET name_rank = p.place FROM temp.member_places p "
                         "WHERE p.fresh = 0 AND members.id = p.k"_s);
                !moved) {
                return moved.error();
            }
            // In name order, so that among members of the same name ids grow with
            // places as they do everywhere else: SQLite may drop an ORDER BY here,
            // but not the order of a CROSS JOIN, whose first table is read by place.
            inserted = change(u"INSERT INTO members ("_s + writtenColumns
                    + u", created_at, updated_at, name_rank) SELECT "_s
                    + aliased(u"s"_s, writtenColumns)
                    + u", ?, ?, p.place FROM temp.member_places p CROSS JOIN member_staging s "
                      "WHERE s.seq = p.k AND p.fresh = 1 ORDER BY p.place ON CONFLICT DO NOTHING"_s,
                {now, now});
        }
        if (!inserted) {
            return inserted.error();
        }
        load.imported = *inserted;
        if (load.imported < toInsert) {
            // Left out by the insert: their membership number (from the file or
            // just handed out) belongs to someone in the bank.
            auto taken = change(u"UPDATE member_staging SET outcome = 2 WHERE "
                                "outcome = 0 AND NOT EXISTS (SELECT 1 FROM members m "
                                "WHERE m.kind = member_staging.kind AND "
                                "m.national_id = member_staging.national_id)"_s);
            if (!taken) {
                return taken.error();
            }
            numberTaken += *taken;
        }
        if (numberTaken > 0) {
            auto rows = m_db.run(u"SELECT source_row, membership_no FROM "
                                 "member_staging WHERE outcome = 2 "
                                 "ORDER BY source_row"_s);
            if (!rows) {
                return rows.error();
            }
            while (rows->next()) {
                load.numberTaken.append({rows->value(0).toLongLong(), rows->value(1).toString()});
            }
        }
        if (postgres) {
            // Each newcomer found by its kind and national code.
            const Status audited
                = storage::AuditLog::recordEach(m_db, by, u"member.create"_s, u"member"_s,
                    u"SELECT CAST(m.id AS TEXT) AS entity_id, CAST(jsonb_build_object("
                    "'membership_no', s.membership_no, 'row', s.source_row, 'source', "
                    "CAST(? AS TEXT)) AS TEXT) AS after_json FROM member_staging s "
                    "JOIN members m ON m.kind = s.kind AND m.national_id = s.national_id "
                    "WHERE s.outcome = 0 ORDER BY m.id"_s,
                    {source});
            if (!audited) {
                return audited;
            }
            for (const QString &sql :
                {u"UPDATE counters SET value = value + %1 WHERE name = 'members'"_s.arg(
                     load.imported),
                    u"SELECT set_config('daftar.bulk_members', '', true)"_s}) {
                if (auto done = change(sql); !done) {
                    return done.error();
                }
            }
            return success();
        }
        if (toInsert > 0) {
            for (const auto &[name, sql] : rebuilt) {
                if (auto built = change(sql); !built) {
                    return built.error();
                }
            }
            // Each newcomer found by its place in the index just built, without
            // reading its row.
            const Status audited
                = storage::AuditLog::recordEach(m_db, by, u"member.create"_s, u"member"_s,
                    u"SELECT CAST(m.id AS TEXT) AS entity_id, json_object('membership_no', "
                    "p.membership_no, 'row', p.source_row, 'source', ?) AS after_json "
                    "FROM temp.member_places p JOIN members m ON m.name_rank = p.place "
                    "WHERE p.fresh = 1 ORDER BY p.place"_s,
                    {source});
            if (!audited) {
                return audited;
            }
            // FTS5 reads the rows in name order and writes its index in one pass.
            if (auto done = change(u"INSERT INTO members_fts (members_fts) VALUES ('rebuild')"_s);
                !done) {
                return done.error();
            }
        }
        for (const QString &sql :
            {u"UPDATE counters SET value = value + %1 WHERE name = 'members'"_s.arg(load.imported),
                u"DELETE FROM counters WHERE name = 'members_bulk'"_s}) {
            if (auto done = change(sql); !done) {
                return done.error();
            }
        }
        return success();
    });
    if (!done) {
        return done.error();
    }
    return load;
}

namespace {

// Places in name order are kept within ±2^61, so that differences never overflow
// and values below the range are free for moving members about.
constexpr qint64 lowestPlace = -(qint64(1) << 61);
constexpr qint64 highestPlace = qint64(1) << 61;

bool before(const std::pair<qint64, QString> &row, const QString &key, qint64 id)
{
    return row.second < key || (row.second == key && row.first < id);
}

} // namespace

Status MemberService::placeInNameOrder(const QList<std::pair<qint64, QString>> &rows)
{
    // A gap at a time, each written before the next is looked for: making room
    // for one moves the members around it, these included.
    return placesFor(rows, [&](qsizetype first, const QList<qint64> &places) -> Status {
        for (qsizetype i = 0; i < places.size(); ++i) {
            auto placed = m_db.runRepeated(u"UPDATE members SET name_rank = ? WHERE id = ?"_s,
                {places.at(i), rows.at(first + i).first});
            if (!placed) {
                return placed.error();
            }
        }
        return success();
    });
}

Result<QList<qint64>> MemberService::reservePlaces(const QStringList &sortKeys)
{
    if (m_db.isPostgres()) {
        return QList<qint64>();
    }
    // Not inserted yet, so after every member already in with the same key,
    // and among themselves in the order they will be inserted (ids grow).
    QList<qsizetype> order(sortKeys.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    std::stable_sort(order.begin(), order.end(),
        [&](qsizetype a, qsizetype b) { return sortKeys.at(a) < sortKeys.at(b); });
    QList<std::pair<qint64, QString>> rows;
    rows.reserve(order.size());
    for (const qsizetype at : order) {
        rows.append({std::numeric_limits<qint64>::max(), sortKeys.at(at)});
    }
    // Places are only noted while looking: making room in a full gap moves the
    // members around it, and these rows, not yet in, could not follow. So the
    // full gaps are noted too, room is made in each, and the places are looked
    // for again; after a few rounds the batch is left to endBulkInsert().
    QList<qint64> reserved(sortKeys.size());
    for (int round = 0; round < 4; ++round) {
        QList<FullGap> full;
        const Status looked = placesFor(
            rows,
            [&](qsizetype first, const QList<qint64> &places) -> Status {
                for (qsizetype i = 0; i < places.size(); ++i) {
                    reserved[order.at(first + i)] = places.at(i);
                }
                return success();
            },
            &full);
        if (!looked) {
            return looked.error();
        }
        if (full.isEmpty()) {
            return reserved;
        }
        for (const FullGap &gap : full) {
            if (auto made = freePlaces(gap.low, gap.high, gap.count); !made) {
                return made.error();
            }
        }
    }
    return QList<qint64>();
}

Status MemberService::placesFor(const QList<std::pair<qint64, QString>> &rows,
    const std::function<Status(qsizetype, const QList<qint64> &)> &take, QList<FullGap> *full)
{
    // Rows are taken a gap at a time: those between the same two placed
    // neighbours share the gap, evenly.
    qsizetype next = 0;
    while (next < rows.size()) {
        const auto &[id, key] = rows.at(next);
        const auto around = neighbours(key, id);
        if (!around) {
            return around.error();
        }
        const std::optional<qint64> low = around->low;
        const std::optional<qint64> high = around->high;
        qsizetype end = rows.size();
        if (high) {
            end = next + 1;
            while (end < rows.size() && before(rows.at(end), around->highKey, around->highId)) {
                ++end;
            }
        }
        const auto places = freePlaces(low, high, end - next, full == nullptr);
        if (!places) {
            return places.error();
        }
        if (places->size() < end - next) {
            full->append({low, high, end - next});
        } else if (const Status taken = take(next, *places); !taken) {
            return taken;
        }
        next = end;
    }
    return success();
}

Result<MemberService::Neighbours> MemberService::neighbours(const QString &key, qint64 id)
{
    // A row not inserted yet (reservePlaces()) comes after every member with
    // its key, all of whom are placed: its neighbours are found straight past
    // the key, not by reading the members who share it.
    const bool notIn = id == std::numeric_limits<qint64>::max();
    auto previous = notIn
        ? m_db.runRepeated(u"SELECT name_rank FROM members WHERE sort_key <= ? "
                           "ORDER BY sort_key DESC, id DESC LIMIT 1"_s,
            {key})
        : m_db.runRepeated(u"SELECT name_rank FROM members WHERE sort_key <= ? "
                           "AND (sort_key < ? OR id < ?) AND name_rank IS NOT NULL "
                           "ORDER BY sort_key DESC, id DESC LIMIT 1"_s,
            {key, key, id});
    if (!previous) {
        return previous.error();
    }
    Neighbours around;
    if ((*previous)->next()) {
        around.low = (*previous)->value(0).toLongLong();
    }
    (*previous)->finish();
    auto following = notIn
        ? m_db.runRepeated(u"SELECT name_rank, sort_key, id FROM members WHERE sort_key > ? "
                           "ORDER BY sort_key, id LIMIT 1"_s,
            {key})
        : m_db.runRepeated(u"SELECT name_rank, sort_key, id FROM members "
                           "WHERE sort_key >= ? AND (sort_key > ? OR id > ?) "
                           "AND name_rank IS NOT NULL ORDER BY sort_key, id LIMIT 1"_s,
            {key, key, id});
    if (!following) {
        return following.error();
    }
    if ((*following)->next()) {
        around.high = (*following)->value(0).toLongLong();
        around.highKey = (*following)->value(1).toString();
        around.highId = (*following)->value(2).toLongLong();
    }
    (*following)->finish();
    return around;
}

// `count` unused places between two placed members (or an end of the order),
// making room by spreading their neighbours further apart when the gap is full.
Result<QList<qint64>> MemberService::freePlaces(
    std::optional<qint64> low, std::optional<qint64> high, qsizetype count, bool mayMove)
{
    const qint64 spacing = std::max<qint64>(1, searchTuning().rankSpacing);
    QList<qint64> places;
    if (!low && !high) {
        for (qsizetype i = 0; i < count; ++i) {
            places << i * spacing;
        }
        return places;
    }
    if (low && !high && *low <= highestPlace - count * spacing) {
        for (qsizetype i = 1; i <= count; ++i) {
            places << *low + i * spacing;
        }
        return places;
    }
    if (!low && high && *high >= lowestPlace + count * spacing) {
        for (qsizetype i = count; i >= 1; --i) {
            places << *high - i * spacing;
        }
        return places;
    }
    if (low && high && *high - *low > count) {
        const qint64 step = (*high - *low) / (count + 1);
        for (qsizetype i = 1; i <= count; ++i) {
            places << *low + i * step;
        }
        return places;
    }
    if (!mayMove) {
        return places; // none
    }
    // The gap is full: the placed members around it, a few more each time, are
    // spread evenly over the places they span, leaving room for the new ones.
    const auto nthPlace = [&](qint64 from, qint64 nth, bool down) -> Result<std::optional<qint64>> {
        auto found = m_db.run(down ? u"SELECT name_rank FROM members WHERE name_rank < ? "
                                     "ORDER BY name_rank DESC LIMIT 1 OFFSET ?"_s
                                   : u"SELECT name_rank FROM members WHERE name_rank > ? "
                                     "ORDER BY name_rank LIMIT 1 OFFSET ?"_s,
            {from, nth - 1});
        if (!found) {
            return found.error();
        }
        if (!found->next()) {
            return std::optional<qint64>();
        }
        return std::optional<qint64>(found->value(0).toLongLong());
    };
    for (qint64 reach = 16;; reach *= 4) {
        std::optional<qint64> outerLow;
        std::optional<qint64> outerHigh;
        if (low) {
            auto found = nthPlace(*low, reach, true);
            if (!found) {
                return found.error();
            }
            outerLow = *found;
        }
        if (high) {
            auto found = nthPlace(*high, reach, false);
            if (!found) {
                return found.error();
            }
            outerHigh = *found;
        }
        // Members strictly between the bounds move; the bounds stay.
        const qint64 floor = outerLow.value_or(lowestPlace - 1);
        const qint64 ceiling = outerHigh.value_or(highestPlace + 1);
        auto inside = m_db.run(u"SELECT id, name_rank FROM members WHERE name_rank > ? "
                               "AND name_rank < ? ORDER BY name_rank"_s,
            {floor, ceiling});
        if (!inside) {
            return inside.error();
        }
        QList<std::pair<qint64, qint64>> moving; // id, place
        while (inside->next()) {
            moving.append({inside->value(0).toLongLong(), inside->value(1).toLongLong()});
        }
        inside->finish();
        const qint64 step = (ceiling - floor) / qint64(moving.size() + count + 1);
        const bool everything = !outerLow && !outerHigh;
        // Room for a good many more at each place (a name common in the bank
        // keeps coming back to the same gap), or the whole bank.
        if (step < std::max<qint64>(1, spacing >> 8) && !everything) {
            continue; // too crowded still: reach further
        }
        if (step < 1) {
            return makeError(Error::Kind::Storage,
                Text::tr("The member bank has no room left in its name order."));
        }
        // The moving members leave the search index in one statement and come
        // back in one (FTS5 writes a segment per statement, so per-row
        // triggers would write one per member); meanwhile the 'members_bulk'
        // mark at 0 holds the triggers back. Members of an import batch not yet
        // indexed (above an existing mark) are left to the batch.
        auto mark = m_db.run(u"SELECT value FROM counters WHERE name = 'members_bulk'"_s);
        if (!mark) {
            return mark.error();
        }
        const std::optional<qint64> batchMark
            = mark->next() ? std::optional<qint64>(mark->value(0).toLongLong()) : std::nullopt;
        mark->finish();
        const QString indexed = u"FROM members WHERE name_rank > ? AND name_rank < ?"_s
            + (batchMark ? u" AND id <= ?"_s : QString());
        QVariantList range {floor, ceiling};
        if (batchMark) {
            range << *batchMark;
        }
        const auto reindex = [&](const QString &sql, QVariantList values) -> Status {
            auto done = m_db.run(sql, values);
            return done ? success() : Status(done.error());
        };
        if (const Status out
            = reindex(u"INSERT INTO members_fts (members_fts, rowid, search_key, "
                      "province) SELECT 'delete', name_rank, search_key, province "_s
                    + indexed,
                range);
            !out) {
            return out.error();
        }
        if (const Status held = reindex(u"INSERT OR REPLACE INTO counters (name, value) "
                                        "VALUES ('members_bulk', 0)"_s,
                {});
            !held) {
            return held.error();
        }
        // First out of the way (below the range), then to the new places.
        for (qsizetype i = 0; i < moving.size(); ++i) {
            auto parked = m_db.runRepeated(u"UPDATE members SET name_rank = ? WHERE id = ?"_s,
                {lowestPlace - 2 - i, moving.at(i).first});
            if (!parked) {
                return parked.error();
            }
        }
        qint64 slot = 0;
        for (const auto &[id, place] : moving) {
            if (!low || place > *low) {
                while (places.size() < count) {
                    places << floor + ++slot * step;
                }
            }
            auto moved = m_db.runRepeated(
                u"UPDATE members SET name_rank = ? WHERE id = ?"_s, {floor + ++slot * step, id});
            if (!moved) {
                return moved.error();
            }
        }
        while (places.size() < count) {
            places << floor + ++slot * step;
        }
        if (const Status back = reindex(u"INSERT INTO members_fts (rowid, search_key, province) "
                                        "SELECT name_rank, search_key, province "_s
                    + indexed + u" ORDER BY name_rank"_s,
                range);
            !back) {
            return back.error();
        }
        const Status released = batchMark
            ? reindex(u"UPDATE counters SET value = ? WHERE name = 'members_bulk'"_s, {*batchMark})
            : reindex(u"DELETE FROM counters WHERE name = 'members_bulk'"_s, {});
        if (!released) {
            return released.error();
        }
        return places;
    }
}

// After an update: a member whose name changed moves to its new place.
Status MemberService::keepInNameOrder(qint64 id)
{
    if (m_db.isPostgres()) {
        return success();
    }
    auto row = m_db.run(u"SELECT sort_key, name_rank FROM members WHERE id = ?"_s, {id});
    if (!row) {
        return row.error();
    }
    if (!row->next()) {
        return success();
    }
    const QString key = row->value(0).toString();
    const QVariant place = row->value(1);
    row->finish();
    const auto around = neighbours(key, id);
    if (!around) {
        return around.error();
    }
    if (!place.isNull() && (!around->low || *around->low < place.toLongLong())
        && (!around->high || place.toLongLong() < *around->high)) {
        return success();
    }
    if (auto cleared = m_db.run(u"UPDATE members SET name_rank = NULL WHERE id = ?"_s, {id});
        !cleared) {
        return cleared.error();
    }
    return placeInNameOrder({{id, key}});
}

Status MemberService::checkBranch(const Member &member)
{
    if (!member.branchId) {
        return success();
    }
    auto branch
        = m_db.run(u"SELECT province, name FROM branches WHERE id = ?"_s, {*member.branchId});
    if (!branch) {
        return branch.error();
    }
    if (!branch->next()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("The chosen branch no longer exists; choose another one."));
    }
    if (branch->value(0).toString() != member.province) {
        return makeError(Error::Kind::Invalid,
            Text::tr("The branch \"%1\" belongs to another province than the member's: choose a "
                     "branch of the member's province, or none.")
                .arg(branch->value(1).toString()));
    }
    return success();
}

Result<Member> MemberService::create(const accounts::Actor &actor, Member member)
{
    const QList<FieldProblem> problems = normalize(member);
    if (!problems.isEmpty()) {
        return makeError(Error::Kind::Invalid, problems.first().message);
    }
    if (const Status allowed
        = checkScope(actor, accounts::Permission::EditMembers, member.province);
        !allowed) {
        return allowed.error();
    }
    Result<Member> result = makeError(Error::Kind::Storage, QString());
    const Status done = m_db.inTransaction([&]() -> Status {
        if (const Status branch = checkBranch(member); !branch) {
            return branch;
        }
        const auto existing
            = readOne(u"kind = ? AND national_id = ?"_s, {kindId(member.kind), member.nationalId});
        if (!existing) {
            return existing.error();
        }
        if (existing->has_value()) {
            return makeError(Error::Kind::Conflict,
                Text::tr("%1 is already in the member bank as %2 (membership number "
                         "%3).")
                    .arg(member.nationalId, (*existing)->displayName(), (*existing)->membershipNo));
        }
        auto inserted = insertIfAbsent(actor.auditActor(), member);
        if (!inserted) {
            return inserted.error();
        }
        if (member.status != MemberStatus::Active) {
            auto history = m_db.run(u"INSERT INTO member_status_history (member_id, status, "
                                    "changed_on, reason, recorded_at) VALUES (?, ?, ?, ?, ?)"_s,
                {member.id, statusId(member.status), QDate::currentDate().toString(Qt::ISODate),
                    Text::tr("status when the member was added"),
                    timestamp(QDateTime::currentDateTimeUtc())});
            if (!history) {
                return history.error();
            }
        }
        result = member;
        return success();
    });
    if (!done) {
        return done.error();
    }
    return result;
}

Result<Member> MemberService::update(const accounts::Actor &actor, Member member)
{
    const QList<FieldProblem> problems = normalize(member);
    if (!problems.isEmpty()) {
        return makeError(Error::Kind::Invalid, problems.first().message);
    }
    Result<Member> result = makeError(Error::Kind::Storage, QString());
    const Status done = m_db.inTransaction([&]() -> Status {
        if (const Status branch = checkBranch(member); !branch) {
            return branch;
        }
        const auto before = readOne(u"id = ?"_s, {member.id});
        if (!before) {
            return before.error();
        }
        if (!before->has_value()) {
            return makeError(Error::Kind::NotFound,
                Text::tr("The member was deleted meanwhile; nothing was saved."));
        }
        const Member &old = **before;
        // Both the old and the new province must be the officer's own.
        for (const QString &province : {old.province, member.province}) {
            if (const Status allowed
                = checkScope(actor, accounts::Permission::EditMembers, province);
                !allowed) {
                return allowed;
            }
        }
        if (member.membershipNo.isEmpty()) {
            member.membershipNo = old.membershipNo;
        }
        member.createdAt = old.createdAt;
        member.updatedAt = QDateTime::currentDateTimeUtc();
        QVariantList values = valuesOf(member);
        values << timestamp(member.updatedAt) << member.id;
        auto updated = m_db.run(updateSql, values);
        if (!updated) {
            return updated.error().message.contains(u"UNIQUE"_s, Qt::CaseInsensitive)
                    || updated.error().message.contains(u"duplicate"_s)
                ? Status(makeError(Error::Kind::Conflict,
                    Text::tr("Another member already has the national "
                             "code or ID %1.")
                        .arg(member.nationalId)))
                : Status(updated.error());
        }
        if (const Status reordered = keepInNameOrder(member.id); !reordered) {
            return reordered;
        }
        if (old.status != member.status) {
            auto history = m_db.run(u"INSERT INTO member_status_history (member_id, status, "
                                    "changed_on, reason, recorded_at) VALUES (?, ?, ?, ?, ?)"_s,
                {member.id, statusId(member.status), QDate::currentDate().toString(Qt::ISODate),
                    QVariant(QMetaType::fromType<QString>()), timestamp(member.updatedAt)});
            if (!history) {
                return history.error();
            }
        }
        result = member;
        return storage::AuditLog::record(m_db, actor.auditActor(), u"member.update"_s, u"member"_s,
            QString::number(member.id), describe(old), describe(member));
    });
    if (!done) {
        return done.error();
    }
    return result;
}

Result<std::optional<Member>> MemberService::readOne(
    const QString &where, const QVariantList &values)
{
    auto query = m_db.run(u"SELECT "_s + columns + u" FROM members WHERE "_s + where, values);
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return std::optional<Member>();
    }
    return std::optional<Member>(readMember(*query));
}

Result<std::optional<Member>> MemberService::get(const accounts::Actor &actor, qint64 id)
{
    auto found = readOne(u"id = ?"_s, {id});
    if (!found || !found->has_value()) {
        return found;
    }
    if (const Status allowed
        = checkScope(actor, accounts::Permission::ViewMembers, (*found)->province);
        !allowed) {
        return allowed.error();
    }
    return found;
}

Result<std::optional<Member>> MemberService::findByNationalId(
    const accounts::Actor &actor, const QString &nationalId)
{
    const text::IdCheck person = text::checkNationalCode(nationalId);
    const text::IdCheck legal = text::checkLegalEntityId(nationalId);
    QString digits = person.valid() ? person.canonical : legal.canonical;
    if (digits.isEmpty()) {
        digits = text::digitsOnly(nationalId);
    }
    auto found = readOne(u"national_id = ?"_s, {digits});
    if (!found || !found->has_value()) {
        return found;
    }
    if (const Status allowed
        = checkScope(actor, accounts::Permission::ViewMembers, (*found)->province);
        !allowed) {
        return allowed.error();
    }
    return found;
}

namespace {

// The WHERE clause and its values for a query; the province is forced for
// province-scoped roles.
struct Filter
{
    QString where;
    QVariantList values;
};

// How SQLite best finds the first rows of a type-ahead query in name order.
enum class FtsPlan {
    // Take every match from the search index and sort them: quick while the
    // matches are few.
    DriveByMatches,
    // Walk the name index in order, checking each row against the set of
    // matches ("+id" keeps SQLite from driving the query by the matches).
    WalkNameOrder,
};

// Before the match count is known: one or two letters match a large share of the bank.
FtsPlan guessPlan(const QStringList &words)
{
    return words.join(QString()).size() <= 2 ? FtsPlan::WalkNameOrder : FtsPlan::DriveByMatches;
}

// The word the search index keeps for a province: "IR-23" is indexed as the
// words "ir" and "23". Nothing for a code of another shape.
std::optional<QString> provinceWord(const QString &province)
{
    static const QRegularExpression shape(u"^[A-Za-z]{2}-([0-9]{1,3})$"_s);
    const QRegularExpressionMatch match = shape.match(province);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    return match.captured(1);
}

// An FTS5 expression: every word a prefix of a word of the member's key, and
// the member in the province when one is given (and has a usual code).
QString ftsMatch(const QStringList &words, const QString &province = {})
{
    QStringList terms;
    for (const QString &word : words) {
        terms << u'"' + word + u"\"*"_s;
    }
    QString match = u"search_key : ("_s + terms.join(u' ') + u')';
    if (const auto word = provinceWord(province)) {
        match += u" AND province : \""_s + *word + u'"';
    }
    return match;
}

// The members columns of `columns`, named through the alias m.
QString membersColumns()
{
    return aliased(u"m"_s, columns);
}

Filter filterFor(const storage::Database &db, const MemberQuery &query, const QString &province,
    std::optional<FtsPlan> plan = {})
{
    QStringList conditions;
    Filter filter;
    const QStringList words = queryWords(query.text);
    if (!words.isEmpty()) {
        if (db.isPostgres()) {
            QStringList terms;
            for (const QString &word : words) {
                terms << word + u":*"_s;
            }
            conditions << u"to_tsvector('simple', search_key) @@ to_tsquery('simple', ?)"_s;
            filter.values << terms.join(u" & "_s);
        } else {
            const bool walk = plan.value_or(guessPlan(words)) == FtsPlan::WalkNameOrder;
            conditions << (walk ? u"+name_rank"_s : u"name_rank"_s)
                    + u" IN (SELECT rowid FROM members_fts WHERE members_fts MATCH ?)"_s;
            filter.values << ftsMatch(words);
        }
    }
    if (!province.isEmpty()) {
        conditions << u"province = ?"_s;
        filter.values << province;
    }
    if (query.status) {
        conditions << u"status = ?"_s;
        filter.values << statusId(*query.status);
    }
    if (query.kind) {
        conditions << u"kind = ?"_s;
        filter.values << kindId(*query.kind);
    }
    if (query.branchId) {
        conditions << u"branch_id = ?"_s;
        filter.values << *query.branchId;
    }
    if (!query.ids.isEmpty()) {
        conditions << u"id IN ("_s + QStringList(query.ids.size(), u"?"_s).join(u", "_s) + u')';
        for (qint64 id : query.ids) {
            filter.values << id;
        }
    }
    if (query.unpaidYear) {
        conditions << u"NOT EXISTS (SELECT 1 FROM member_dues d WHERE d.member_id = members.id "
                      "AND d.year = ?)"_s;
        filter.values << *query.unpaidYear;
    }
    filter.where = conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(u" AND "_s);
    return filter;
}

// The province a query looks at: province-scoped roles see their own when they
// name none, and are refused when they name another.
Result<QString> provinceInView(const accounts::Actor &actor, const MemberQuery &query)
{
    QString province = query.province;
    if (accounts::roleIsProvinceScoped(actor.role) && province.isEmpty()) {
        province = actor.province;
    }
    if (const Status allowed = actor.require(accounts::Permission::ViewMembers, province);
        !allowed) {
        return allowed.error();
    }
    return province;
}

// How the rows found are put in order.
enum class Ordering {
    // Any way the engine likes, walking an index if it has one.
    Any,
    // By expressions no index holds: the engine must take the matches from the
    // text index and sort them. PostgreSQL misjudges how many rows a prefix
    // matches and otherwise walks the name index testing each row (6 s for a
    // first name late in the alphabet, against 40 ms sorted).
    SortTheMatches,
};

// Persian text is ordered by stored ICU keys, never by the engine's collation.
QString orderBy(const MemberQuery &query, Ordering ordering = Ordering::Any)
{
    const bool sorted = ordering == Ordering::SortTheMatches;
    const QString sortKey = sorted ? u"(sort_key || '')"_s : u"sort_key"_s;
    const QString direction = query.descending ? u" DESC"_s : QString();
    switch (query.sortBy) {
    case MemberQuery::SortBy::Name:
        break;
    case MemberQuery::SortBy::MembershipNo:
        return (sorted ? u"(membership_no || '')"_s : u"membership_no"_s) + direction + u", id"_s;
    case MemberQuery::SortBy::Province:
        return u"(SELECT p.sort_key FROM provinces p WHERE p.code = members.province)"_s + direction
            + u", "_s + sortKey + u", id"_s;
    case MemberQuery::SortBy::JoinDate:
        return u"join_date"_s + direction + u", "_s + sortKey + u", id"_s;
    case MemberQuery::SortBy::Status:
        return u"status"_s + direction + u", "_s + sortKey + u", id"_s;
    }
    return sortKey + direction + u", id"_s + direction;
}

// Whether every query word starts a word of the key, as the search index's
// tokenizer cuts it (letters and digits; anything else separates).
bool keyMatches(QStringView key, const QStringList &words)
{
    for (const QString &word : words) {
        bool found = false;
        for (qsizetype at = key.indexOf(word); at >= 0 && !found; at = key.indexOf(word, at + 1)) {
            found = at == 0 || !key.at(at - 1).isLetterOrNumber();
        }
        if (!found) {
            return false;
        }
    }
    return true;
}

} // namespace

MemberService::SearchTuning &MemberService::searchTuning()
{
    static SearchTuning tuning;
    return tuning;
}

Result<qint64> MemberService::countMatches(
    const QStringList &words, const QString &province, int cap)
{
    auto matches = m_db.run(u"SELECT COUNT(*) FROM (SELECT 1 FROM members_fts "
                            "WHERE members_fts MATCH ? LIMIT ?)"_s,
        {ftsMatch(words, province), cap + 1});
    if (!matches) {
        return matches.error();
    }
    matches->next();
    return matches->value(0).toLongLong();
}

// PostgreSQL, a prefix that matches many members: the rows asked for are often
// among the first rows of the name order. Reads up to maxRows of it (in the
// province), in chunks of windowRows, and checks their keys here; answers
// nothing when they do not hold the rows asked for.
Result<std::optional<QList<Member>>> MemberService::scanWindow(
    const MemberQuery &query, const QString &province, const QStringList &words, int maxRows)
{
    const int chunk = searchTuning().windowRows;
    const int wanted = query.offset + query.limit;
    // Worth reading while one row in twenty matches; the members page asks for
    // 200 rows at a time, so the window grows with the rows asked for, up to
    // five times its usual size.
    if (chunk <= 0 || wanted > maxRows / 4) {
        return std::optional<QList<Member>>();
    }
    maxRows = std::max(maxRows, wanted * 20);
    QList<qint64> ids;
    int read = 0;
    QString lastKey;
    qint64 lastId = 0;
    bool complete = false;
    while (!complete && read < maxRows) {
        const int take = std::min(chunk, maxRows - read);
        QStringList where;
        QVariantList values;
        if (!province.isEmpty()) {
            where << u"province = ?"_s;
            values << province;
        }
        if (read > 0) { // after the last row read, in (sort_key, id) order
            where << u"sort_key >= ? AND (sort_key > ? OR id > ?)"_s;
            values << lastKey << lastKey << lastId;
        }
        values << take;
        auto rows = m_db.run(u"SELECT id, search_key, sort_key FROM members"_s
                + (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s))
                + u" ORDER BY sort_key, id LIMIT ?"_s,
            values);
        if (!rows) {
            return rows.error();
        }
        int got = 0;
        while (rows->next()) {
            ++got;
            ++read;
            lastId = rows->value(0).toLongLong();
            lastKey = rows->value(2).toString();
            if (keyMatches(rows->value(1).toString(), words)) {
                ids << lastId;
                if (ids.size() >= wanted) {
                    break;
                }
            }
        }
        complete = ids.size() >= wanted || got < take; // enough, or the end of the bank
    }
    if (!complete) {
        return std::optional<QList<Member>>(); // the window was not enough
    }
    auto found = readInNameOrder(ids.mid(query.offset));
    if (!found) {
        return found.error();
    }
    return std::optional<QList<Member>>(*found);
}

// The search index hands out its matches in name order (its keys are the
// members' places in it): the first rows asked for end the search.
Result<QList<Member>> MemberService::searchInNameOrder(
    const MemberQuery &query, const QString &province, const QStringList &words)
{
    const QString direction = query.descending ? u" DESC"_s : QString();
    auto rows = m_db.run(u"SELECT "_s + membersColumns()
            + u" FROM members_fts f CROSS JOIN members m ON m.name_rank = f.rowid "
              "WHERE f.members_fts MATCH ? ORDER BY f.rowid"_s
            + direction + u" LIMIT ? OFFSET ?"_s,
        {ftsMatch(words, province), query.limit, query.offset});
    if (!rows) {
        return rows.error();
    }
    QList<Member> found;
    while (rows->next()) {
        found << readMember(*rows);
    }
    return found;
}

// A few members by id, in name order.
Result<QList<Member>> MemberService::readInNameOrder(const QList<qint64> &ids)
{
    QList<Member> found;
    if (ids.isEmpty()) {
        return found;
    }
    QVariantList values;
    for (qint64 id : ids) {
        values << id;
    }
    auto chosen = m_db.run(u"SELECT "_s + columns + u" FROM members WHERE id IN ("_s
            + QStringList(ids.size(), u"?"_s).join(u", "_s) + u") ORDER BY sort_key, id"_s,
        values);
    if (!chosen) {
        return chosen.error();
    }
    while (chosen->next()) {
        found << readMember(*chosen);
    }
    return found;
}

Result<QList<Member>> MemberService::search(const accounts::Actor &actor, const MemberQuery &query)
{
    const auto province = provinceInView(actor, query);
    if (!province) {
        return province.error();
    }
    std::optional<FtsPlan> plan;
    const QStringList words = queryWords(query.text);
    const bool nameOrder = query.sortBy == MemberQuery::SortBy::Name;
    const bool onlyProvince = !query.status && !query.kind && !query.branchId && !query.unpaidYear
        && query.ids.isEmpty();
    const SearchTuning &tuning = searchTuning();
    if (m_db.isPostgres() && !words.isEmpty() && nameOrder && !query.descending && onlyProvince) {
        // PostgreSQL fetches and sorts every match of a short prefix (seconds for
        // a common letter in a million members): the first rows of the name
        // order usually hold the answer, and reading on is still cheaper.
        auto window = scanWindow(query, *province, words, tuning.postgresWindowRows);
        if (!window) {
            return window.error();
        }
        if (window->has_value()) {
            return **window;
        }
    }
    if (!m_db.isPostgres() && !words.isEmpty()) {
        // Type-ahead in name order, the members page's usual view, is read off
        // the search index in its order. With other filters or orders, the
        // matches drive the query when they are few, and the name order is
        // walked against them when they are many.
        if (nameOrder && onlyProvince && (province->isEmpty() || provinceWord(*province))) {
            return searchInNameOrder(query, *province, words);
        }
        const auto matches = countMatches(words, QString(), tuning.fewMatches);
        if (!matches) {
            return matches.error();
        }
        plan = *matches <= tuning.fewMatches ? FtsPlan::DriveByMatches : FtsPlan::WalkNameOrder;
    }
    Filter filter = filterFor(m_db, query, *province, plan);
    filter.values << query.limit << query.offset;
    const QString order = orderBy(
        query, m_db.isPostgres() && !words.isEmpty() ? Ordering::SortTheMatches : Ordering::Any);
    auto rows = m_db.run(u"SELECT "_s + columns + u" FROM members"_s + filter.where
            + u" ORDER BY "_s + order + u" LIMIT ? OFFSET ?"_s,
        filter.values);
    if (!rows) {
        return rows.error();
    }
    QList<Member> found;
    while (rows->next()) {
        found << readMember(*rows);
    }
    return found;
}

Status MemberService::forEach(const accounts::Actor &actor, const MemberQuery &query,
    const std::function<bool(const Member &)> &onMember)
{
    const auto province = provinceInView(actor, query);
    if (!province) {
        return province.error();
    }
    const Filter filter = filterFor(m_db, query, *province);
    auto rows = m_db.run(u"SELECT "_s + columns + u" FROM members"_s + filter.where
            + u" ORDER BY "_s + orderBy(query),
        filter.values);
    if (!rows) {
        return rows.error();
    }
    while (rows->next()) {
        if (!onMember(readMember(*rows))) {
            break;
        }
    }
    return success();
}

Result<qint64> MemberService::count(const accounts::Actor &actor, const MemberQuery &query)
{
    const auto province = provinceInView(actor, query);
    if (!province) {
        return province.error();
    }
    const Filter filter = filterFor(m_db, query, *province);
    const QStringList words = queryWords(query.text);
    const bool onlyText = !query.status && !query.kind && !query.branchId && !query.unpaidYear
        && query.ids.isEmpty() && (province->isEmpty() || provinceWord(*province));
    if (!m_db.isPostgres() && !words.isEmpty() && onlyText) {
        // The members page counts what it shows at every keystroke: the search
        // index alone knows how many members a text matches, in a province too
        // (15 ms for one letter in a million members, against 700 ms joined
        // with the table).
        return countMatches(words, *province, std::numeric_limits<int>::max() - 1);
    }
    // The whole bank: the total the triggers keep (schema version 5).
    auto rows = filter.where.isEmpty()
        ? m_db.run(u"SELECT value FROM counters WHERE name = 'members'"_s)
        : m_db.run(u"SELECT COUNT(*) FROM members"_s + filter.where, filter.values);
    if (!rows) {
        return rows.error();
    }
    rows->next();
    return rows->value(0).toLongLong();
}

Status MemberService::setStatus(const accounts::Actor &actor, qint64 memberId, MemberStatus status,
    QDate effective, const QString &reason)
{
    return m_db.inTransaction([&]() -> Status {
        const auto found = readOne(u"id = ?"_s, {memberId});
        if (!found) {
            return found.error();
        }
        if (!found->has_value()) {
            return makeError(Error::Kind::NotFound, Text::tr("There is no such member."));
        }
        const Member &member = **found;
        if (const Status allowed
            = checkScope(actor, accounts::Permission::EditMembers, member.province);
            !allowed) {
            return allowed;
        }
        const QString now = timestamp(QDateTime::currentDateTimeUtc());
        if (auto done = m_db.run(u"UPDATE members SET status = ?, updated_at = ? WHERE id = ?"_s,
                {statusId(status), now, memberId});
            !done) {
            return done.error();
        }
        if (auto done = m_db.run(u"INSERT INTO member_status_history (member_id, status, "
                                 "changed_on, reason, recorded_at) VALUES (?, ?, ?, ?, ?)"_s,
                {memberId, statusId(status),
                    (effective.isValid() ? effective : QDate::currentDate()).toString(Qt::ISODate),
                    nullable(reason), now});
            !done) {
            return done.error();
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"member.status"_s, u"member"_s,
            QString::number(memberId), {{u"status"_s, statusId(member.status)}},
            {{u"status"_s, statusId(status)}, {u"reason"_s, reason}});
    });
}

Status MemberService::recordDues(const accounts::Actor &actor, qint64 memberId, const Dues &dues)
{
    if (dues.amountRial < 0) {
        return makeError(Error::Kind::Invalid, Text::tr("Dues cannot be negative."));
    }
    if (dues.year < 1300 || dues.year > 1500) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is not a Solar Hijri year such as 1403.").arg(dues.year));
    }
    return m_db.inTransaction([&]() -> Status {
        const auto found = readOne(u"id = ?"_s, {memberId});
        if (!found) {
            return found.error();
        }
        if (!found->has_value()) {
            return makeError(Error::Kind::NotFound, Text::tr("There is no such member."));
        }
        if (const Status allowed
            = checkScope(actor, accounts::Permission::EditMembers, (*found)->province);
            !allowed) {
            return allowed;
        }
        auto previous = m_db.run(u"SELECT amount_rial, receipt_no FROM member_dues "
                                 "WHERE member_id = ? AND year = ?"_s,
            {memberId, dues.year});
        if (!previous) {
            return previous.error();
        }
        QJsonObject before;
        if (previous->next()) {
            before = {{u"year"_s, dues.year}, {u"amount_rial"_s, previous->value(0).toLongLong()},
                {u"receipt_no"_s, previous->value(1).toString()}};
        }
        previous->finish();
        auto saved = m_db.run(
            u"INSERT INTO member_dues (member_id, year, amount_rial, receipt_no, paid_on) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id, year) DO UPDATE SET "
            "amount_rial = excluded.amount_rial, receipt_no = excluded.receipt_no, "
            "paid_on = excluded.paid_on"_s,
            {memberId, dues.year, dues.amountRial, nullable(dues.receiptNo),
                nullableDate(dues.paidOn)});
        if (!saved) {
            return saved.error();
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"member.dues"_s, u"member"_s,
            QString::number(memberId), before,
            {{u"year"_s, dues.year}, {u"amount_rial"_s, dues.amountRial},
                {u"receipt_no"_s, dues.receiptNo}});
    });
}

Result<QList<Dues>> MemberService::dues(const accounts::Actor &actor, qint64 memberId)
{
    const auto member = get(actor, memberId);
    if (!member) {
        return member.error();
    }
    auto rows = m_db.run(u"SELECT year, amount_rial, receipt_no, paid_on FROM member_dues "
                         "WHERE member_id = ? ORDER BY year DESC"_s,
        {memberId});
    if (!rows) {
        return rows.error();
    }
    QList<Dues> all;
    while (rows->next()) {
        all << Dues {rows->value(0).toInt(), rows->value(1).toLongLong(), rows->value(2).toString(),
            QDate::fromString(rows->value(3).toString(), Qt::ISODate)};
    }
    return all;
}

Result<QList<StatusChange>> MemberService::statusHistory(
    const accounts::Actor &actor, qint64 memberId)
{
    const auto member = get(actor, memberId);
    if (!member) {
        return member.error();
    }
    auto rows = m_db.run(u"SELECT status, changed_on, reason FROM member_status_history "
                         "WHERE member_id = ? ORDER BY changed_on DESC, id DESC"_s,
        {memberId});
    if (!rows) {
        return rows.error();
    }
    QList<StatusChange> history;
    while (rows->next()) {
        history << StatusChange {
            statusFromId(rows->value(0).toString()).value_or(MemberStatus::Active),
            QDate::fromString(rows->value(1).toString(), Qt::ISODate), rows->value(2).toString()};
    }
    return history;
}

Result<QList<storage::AuditEntry>> MemberService::changeHistory(
    const accounts::Actor &actor, qint64 memberId)
{
    const auto member = get(actor, memberId);
    if (!member) {
        return member.error();
    }
    if (!*member) {
        return makeError(Error::Kind::NotFound, Text::tr("There is no such member."));
    }
    // Who changed a record is for those who keep it, and for the audit.
    const Status keeps = actor.require(accounts::Permission::EditMembers, (*member)->province);
    if (!keeps) {
        if (const Status audits = actor.require(accounts::Permission::ViewAuditLog); !audits) {
            return keeps.error();
        }
    }
    return storage::AuditLog::forEntity(m_db, u"member"_s, QString::number(memberId));
}

Result<QList<DuplicatePair>> MemberService::possibleDuplicates(
    const accounts::Actor &actor, int limit)
{
    if (const Status allowed = actor.require(accounts::Permission::EditMembers); !allowed) {
        return allowed.error();
    }
    QString scope;
    QVariantList values;
    if (accounts::roleIsProvinceScoped(actor.role)) {
        scope = u" AND a.province = ? AND b.province = ?"_s;
        values << actor.province << actor.province;
    }
    // Two people rarely share a full name in one province, and never a mobile.
    auto pairs = m_db.run(u"SELECT a.id, b.id, 'name_province' FROM members a JOIN members b "
                          "ON a.name_key = b.name_key AND a.province = b.province AND a.id < b.id"_s
            + scope
            + u" UNION SELECT a.id, b.id, 'mobile' FROM members a JOIN members b "
              "ON a.mobile = b.mobile AND a.id < b.id"_s
            + scope + u" ORDER BY 1, 2 LIMIT ?"_s,
        values + values << limit);
    if (!pairs) {
        return pairs.error();
    }
    QList<std::tuple<qint64, qint64, QString>> ids;
    while (pairs->next()) {
        ids.append({pairs->value(0).toLongLong(), pairs->value(1).toLongLong(),
            pairs->value(2).toString()});
    }
    QList<DuplicatePair> found;
    for (const auto &[firstId, secondId, reason] : ids) {
        const auto first = readOne(u"id = ?"_s, {firstId});
        const auto second = readOne(u"id = ?"_s, {secondId});
        if (!first || !second) {
            return (!first ? first : second).error();
        }
        if (first->has_value() && second->has_value()) {
            // The same two members found by both rules are one pair.
            if (!found.isEmpty() && found.constLast().first.id == firstId
                && found.constLast().second.id == secondId) {
                continue;
            }
            found.append({**first, **second, reason});
        }
    }
    return found;
}

Result<Member> MemberService::merge(
    const accounts::Actor &actor, qint64 keepId, qint64 otherId, const QStringList &takeFromOther)
{
    if (keepId == otherId) {
        return makeError(Error::Kind::Invalid, Text::tr("A member cannot be merged with itself."));
    }
    Result<Member> result = makeError(Error::Kind::Storage, QString());
    const Status done = m_db.inTransaction([&]() -> Status {
        const auto keep = readOne(u"id = ?"_s, {keepId});
        const auto other = readOne(u"id = ?"_s, {otherId});
        if (!keep || !other) {
            return (!keep ? keep : other).error();
        }
        if (!keep->has_value() || !other->has_value()) {
            return makeError(Error::Kind::NotFound,
                Text::tr("One of the two members was deleted meanwhile; nothing was "
                         "merged."));
        }
        const Member &kept = **keep;
        const Member &dropped = **other;
        for (const QString &province : {kept.province, dropped.province}) {
            if (const Status allowed = actor.require(accounts::Permission::EditMembers, province);
                !allowed) {
                return allowed;
            }
        }
        Member merged = kept;
        const auto take = [&](const char *field, auto Member::*member) {
            if (takeFromOther.contains(QLatin1StringView(field))) {
                merged.*member = dropped.*member;
            }
        };
        take("kind", &Member::kind);
        take("membership_no", &Member::membershipNo);
        take("first_name", &Member::firstName);
        take("last_name", &Member::lastName);
        take("organization_name", &Member::organizationName);
        take("national_id", &Member::nationalId);
        take("registration_no", &Member::registrationNo);
        take("activity_sector", &Member::activitySector);
        take("province", &Member::province);
        take("branch_id", &Member::branchId);
        take("city", &Member::city);
        take("address", &Member::address);
        take("postal_code", &Member::postalCode);
        take("mobile", &Member::mobile);
        take("phone", &Member::phone);
        take("email", &Member::email);
        take("join_date", &Member::joinDate);
        take("status", &Member::status);
        take("notes", &Member::notes);
        if (const QList<FieldProblem> problems = normalize(merged); !problems.isEmpty()) {
            return makeError(Error::Kind::Invalid, problems.first().message);
        }
        // The other record's dues (for years the kept one lacks) and status history
        // move over before it goes, so that nothing of it is lost.
        if (auto moved
            = m_db.run(u"UPDATE member_dues SET member_id = ? WHERE member_id = ? "
                       "AND year NOT IN (SELECT year FROM member_dues WHERE member_id = ?)"_s,
                {keepId, otherId, keepId});
            !moved) {
            return moved.error();
        }
        if (auto moved
            = m_db.run(u"UPDATE member_status_history SET member_id = ? WHERE member_id = ?"_s,
                {keepId, otherId});
            !moved) {
            return moved.error();
        }
        if (auto deleted = m_db.run(u"DELETE FROM members WHERE id = ?"_s, {otherId}); !deleted) {
            return deleted.error();
        }
        merged.updatedAt = QDateTime::currentDateTimeUtc();
        QVariantList values = valuesOf(merged);
        values << timestamp(merged.updatedAt) << keepId;
        if (auto updated = m_db.run(updateSql, values); !updated) {
            return updated.error();
        }
        if (const Status reordered = keepInNameOrder(keepId); !reordered) {
            return reordered;
        }
        QJsonObject after = describe(merged);
        after.insert(u"merged_from"_s, otherId);
        if (const Status audited = storage::AuditLog::record(m_db, actor.auditActor(),
                u"member.merge"_s, u"member"_s, QString::number(keepId), describe(kept), after);
            !audited) {
            return audited;
        }
        result = merged;
        return storage::AuditLog::record(m_db, actor.auditActor(), u"member.delete"_s, u"member"_s,
            QString::number(otherId), describe(dropped), {{u"merged_into"_s, keepId}});
    });
    if (!done) {
        return done.error();
    }
    return result;
}

} // namespace daftar::members
