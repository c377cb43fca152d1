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
#include <QSqlQuery>

#include <limits>

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
    static const QRegularExpression emailShape(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
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

Result<std::optional<qint64>> MemberService::insertIfAbsent(
    const storage::AuditActor &by, Member &member, const QJsonObject &auditNote)
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
    values << timestamp(now) << timestamp(now);
    auto inserted = m_db.runRepeated(
        u"INSERT INTO members (membership_no, kind, first_name, last_name, organization_name, "
        "national_id, registration_no, activity_sector, province, branch_id, city, address, "
        "postal_code, mobile, phone, email, join_date, status, notes, directory_consent, "
        "directory_fields, search_key, name_key, sort_key, created_at, updated_at) VALUES (?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING"_s + (m_db.isPostgres() ? u" RETURNING id"_s : QString()),
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
        return makeError(Error::Kind::Conflict,
            Text::tr("The membership number %1 already belongs to another member.")
                .arg(member.membershipNo));
    }
    member.id = m_db.isPostgres() ? (*inserted)->value(0).toLongLong()
                                  : (*inserted)->lastInsertId().toLongLong();
    (*inserted)->finish();
    const Status audited = storage::AuditLog::record(m_db, by, u"member.create"_s, u"member"_s,
        QString::number(member.id), {}, auditNote.isEmpty() ? describe(member) : auditNote);
    if (!audited) {
        return audited.error();
    }
    return std::optional<qint64>(member.id);
}

Status MemberService::beginBulkInsert()
{
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
    auto counted
        = m_db.run(u"UPDATE counters SET value = value + ? WHERE name = 'members'"_s, {added});
    if (!counted) {
        return counted.error();
    }
    const QStringList statements = m_db.isPostgres()
        ? QStringList {u"SELECT set_config('daftar.bulk_members', '', true)"_s}
        : QStringList {u"INSERT INTO members_fts (rowid, search_key) SELECT id, search_key "
                       "FROM members WHERE id > "
                       "(SELECT value FROM counters WHERE name = 'members_bulk')"_s,
            u"DELETE FROM counters WHERE name = 'members_bulk'"_s};
    for (const QString &statement : statements) {
        if (auto done = m_db.run(statement); !done) {
            return done.error();
        }
    }
    return success();
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

QString ftsMatch(const QStringList &words)
{
    QStringList terms;
    for (const QString &word : words) {
        terms << u'"' + word + u"\"*"_s;
    }
    return terms.join(u' ');
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
            conditions << (walk ? u"+id"_s : u"id"_s)
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

Result<qint64> MemberService::countMatches(const QStringList &words, int cap)
{
    auto matches = m_db.run(u"SELECT COUNT(*) FROM (SELECT 1 FROM members_fts "
                            "WHERE members_fts MATCH ? LIMIT ?)"_s,
        {ftsMatch(words), cap + 1});
    if (!matches) {
        return matches.error();
    }
    matches->next();
    return matches->value(0).toLongLong();
}

// A prefix that matches many members: the rows asked for are often among the
// first rows of the name order. Reads up to maxRows of it (in the province), in
// chunks of windowRows, and checks their keys here; answers nothing when they do
// not hold the rows asked for.
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
    auto found = readInNameOrder(ids.mid(query.offset), false);
    if (!found) {
        return found.error();
    }
    return std::optional<QList<Member>>(*found);
}

// Sorts every match on the narrow index members_id_sort, then reads only the
// rows asked for.
Result<QList<Member>> MemberService::sortMatches(
    const MemberQuery &query, const QString &province, const QStringList &words)
{
    const QString direction = query.descending ? u" DESC"_s : QString();
    QVariantList values {ftsMatch(words)};
    if (!province.isEmpty()) {
        values << province;
    }
    values << query.limit << query.offset;
    auto ids = m_db.run(u"SELECT id FROM members INDEXED BY members_id_sort WHERE id IN "
                        "(SELECT rowid FROM members_fts WHERE members_fts MATCH ?)"_s
            + (province.isEmpty() ? QString() : u" AND province = ?"_s) + u" ORDER BY sort_key"_s
            + direction + u", id"_s + direction + u" LIMIT ? OFFSET ?"_s,
        values);
    if (!ids) {
        return ids.error();
    }
    QList<qint64> chosen;
    while (ids->next()) {
        chosen << ids->value(0).toLongLong();
    }
    return readInNameOrder(chosen, query.descending);
}

// A few members by id, in name order.
Result<QList<Member>> MemberService::readInNameOrder(const QList<qint64> &ids, bool descending)
{
    QList<Member> found;
    if (ids.isEmpty()) {
        return found;
    }
    QVariantList values;
    for (qint64 id : ids) {
        values << id;
    }
    const QString direction = descending ? u" DESC"_s : QString();
    auto chosen = m_db.run(u"SELECT "_s + columns + u" FROM members WHERE id IN ("_s
            + QStringList(ids.size(), u"?"_s).join(u", "_s) + u") ORDER BY sort_key"_s + direction
            + u", id"_s + direction,
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
    // Whether the first rows of the name order (up to maxRows, in the province)
    // hold the rows asked for; answers them if so.
    std::optional<QList<Member>> answer;
    const auto lookInWindow = [&](int maxRows) -> Status {
        if (!nameOrder || query.descending || !onlyProvince) {
            return success();
        }
        auto window = scanWindow(query, *province, words, maxRows);
        if (!window) {
            return window.error();
        }
        answer = std::move(*window);
        return success();
    };
    if (m_db.isPostgres() && !words.isEmpty()) {
        // PostgreSQL fetches and sorts every match of a short prefix (seconds for
        // a common letter in a million members): the first rows of the name
        // order usually hold the answer, and reading on is still cheaper.
        if (const Status looked = lookInWindow(tuning.postgresWindowRows); !looked) {
            return looked.error();
        }
    }
    if (!m_db.isPostgres() && !words.isEmpty()) {
        // Type-ahead in name order, the members page's usual view: a few
        // thousand matches are quickest sorted; many are usually found among the
        // first rows of the name order; when they are not (a prefix of first
        // names late in the alphabet), the name order is walked against the
        // matches. (Sorting up to 40,000 matches instead was slower at p95.)
        const auto matches = countMatches(words, tuning.fewMatches);
        if (!matches) {
            return matches.error();
        }
        plan = *matches <= tuning.fewMatches ? FtsPlan::DriveByMatches : FtsPlan::WalkNameOrder;
        if (plan == FtsPlan::DriveByMatches && nameOrder && onlyProvince) {
            return sortMatches(query, *province, words);
        }
        if (const Status looked = lookInWindow(tuning.windowRows); !looked) {
            return looked.error();
        }
    }
    if (answer) {
        return *answer;
    }
    Filter filter = filterFor(m_db, query, *province, plan);
    filter.values << query.limit << query.offset;
    const QString order = orderBy(query,
        m_db.isPostgres() && !words.isEmpty() ? Ordering::SortTheMatches : Ordering::Any);
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
    const bool onlyText = province->isEmpty() && !query.status && !query.kind && !query.branchId
        && !query.unpaidYear && query.ids.isEmpty();
    if (!m_db.isPostgres() && !words.isEmpty() && onlyText) {
        // The members page counts what it shows at every keystroke: the search
        // index alone knows how many members a text matches (15 ms for one
        // letter in a million members, against 700 ms joined with the table).
        return countMatches(words, std::numeric_limits<int>::max() - 1);
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
