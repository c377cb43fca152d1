// The member bank: checking, saving, finding and counting members. Every call
// checks the actor (branch officers only see and change their own province) and
// every write is audited in the same transaction.
#pragma once

#include "Member.h"
#include "accounts/Actor.h"
#include "core/Result.h"
#include "storage/AuditLog.h"

#include <QJsonObject>
#include <QList>

#include <functional>
#include <optional>
#include <utility>

namespace daftar::storage {
class Database;
}

namespace daftar::members {

struct MemberQuery
{
    enum class SortBy { Name, MembershipNo, Province, JoinDate, Status };

    QString text; // type-ahead: every word must start a word of a name, code, mobile or city
    QString province; // ISO code
    std::optional<qint64> branchId;
    std::optional<MemberStatus> status;
    std::optional<MemberKind> kind;
    std::optional<int> unpaidYear; // Jalali year without a dues payment
    QList<qint64> ids; // when not empty: only these members (a hand-made selection)
    SortBy sortBy = SortBy::Name; // Persian alphabetical order for names and provinces
    bool descending = false;
    int limit = 50;
    int offset = 0;
};

struct Dues
{
    int year = 0; // Jalali year
    qint64 amountRial = 0; // Rial, never a float
    QString receiptNo;
    QDate paidOn;
};

// One entry of a member's status history: what the status became, from when, and why.
struct StatusChange
{
    MemberStatus status = MemberStatus::Active;
    QDate changedOn;
    QString reason;
};

// Two records that may be the same member, and why they were paired.
struct DuplicatePair
{
    Member first;
    Member second;
    QString reason; // "name_province" or "mobile"
};

class MemberService
{
public:
    explicit MemberService(storage::Database &db);

    // Canonicalises a member in place (identifiers, mobile, postal code, province
    // from any spelling) and returns every problem found; empty means valid.
    static QList<FieldProblem> normalize(Member &member);

    // Refuses a member whose national code or ID is already in the bank, naming them.
    Result<Member> create(const accounts::Actor &actor, Member member);
    Result<Member> update(const accounts::Actor &actor, Member member);

    Result<std::optional<Member>> get(const accounts::Actor &actor, qint64 id);
    // Any digit script, spaces, dashes, lost leading zeros.
    Result<std::optional<Member>> findByNationalId(
        const accounts::Actor &actor, const QString &nationalId);
    // Sorted in Persian alphabetical order of the display name.
    Result<QList<Member>> search(const accounts::Actor &actor, const MemberQuery &query);
    Result<qint64> count(const accounts::Actor &actor, const MemberQuery &query);
    // Every member the query matches (limit and offset ignored), streamed in order;
    // `onMember` returns false to stop. For exports of any size.
    Status forEach(const accounts::Actor &actor, const MemberQuery &query,
        const std::function<bool(const Member &)> &onMember);

    Status setStatus(const accounts::Actor &actor, qint64 memberId, MemberStatus status,
        QDate effective, const QString &reason);
    Status recordDues(const accounts::Actor &actor, qint64 memberId, const Dues &dues);
    Result<QList<Dues>> dues(const accounts::Actor &actor, qint64 memberId);
    // Newest first.
    Result<QList<StatusChange>> statusHistory(const accounts::Actor &actor, qint64 memberId);
    // The record's audit trail, newest first: for those who may edit the member
    // (in its province) or read the audit log.
    Result<QList<storage::AuditEntry>> changeHistory(const accounts::Actor &actor, qint64 memberId);

    // Pairs with the same name (after normalisation) in one province, or the same mobile.
    Result<QList<DuplicatePair>> possibleDuplicates(const accounts::Actor &actor, int limit = 200);

    // Keeps `keepId`, taking from `otherId` the fields named in `takeFromOther`
    // (canonical names, see memberFields()); the other's dues and status history
    // move over and the other record is deleted — in one audited transaction.
    Result<Member> merge(const accounts::Actor &actor, qint64 keepId, qint64 otherId,
        const QStringList &takeFromOther);

    // For the import: inserts inside the caller's transaction unless a member with
    // the same kind and national ID exists; returns the new id, or nothing when
    // the member was already there, or a Conflict when the membership number is
    // someone else's. `member` must be normalised. The audit entry records
    // `auditNote` (e.g. the file and row) instead of every field when given.
    // `place` is the member's place in name order from reservePlaces(), if any.
    Result<std::optional<qint64>> insertIfAbsent(const storage::AuditActor &by, Member &member,
        const QJsonObject &auditNote = {}, std::optional<qint64> place = {});
    // For an import batch about to be inserted in this order (after
    // beginBulkInsert()): a place in name order for each sort key, so that the
    // rows go in placed (SQLite; nothing on PostgreSQL). Rows inserted without
    // one are placed by endBulkInsert().
    Result<QList<qint64>> reservePlaces(const QStringList &sortKeys);

    // Around many insertIfAbsent() calls inside one transaction: the search index
    // (SQLite) and the member total take the new rows in one statement each at
    // the end, not a row at a time; `added` is how many were inserted. A
    // rollback undoes both.
    Status beginBulkInsert();
    Status endBulkInsert(qint64 added);

    // A large import into a smaller bank. On SQLite, placing and indexing each
    // row among the others costs more than building the name order and every
    // index again for the whole bank; on PostgreSQL, two round trips a row
    // cost more than the writing. So the import stages its rows as they are
    // read (stage(), `rows` being file row and normalised member; several
    // rows a statement on PostgreSQL) and loadStaged() writes them in one
    // transaction: on SQLite each member's place in name order, then the
    // rows, their audit entries, the indexes and the search index, built
    // once; on PostgreSQL the rows and their audit entries, a statement each.
    // An error or a crash leaves the bank as it was before loadStaged(); the
    // staged rows are dropped either way.
    Status stage(const QList<std::pair<qint64, Member>> &rows);
    qint64 stagedRows() const { return m_staged; }
    struct StagedLoad
    {
        qint64 imported = 0;
        qint64 alreadyPresent = 0; // same kind and national ID already in the bank
        // File rows left out because their membership number is someone else's.
        QList<std::pair<qint64, QString>> numberTaken;
    };
    // What a row left out for its membership number is told.
    static QString numberTakenMessage(const QString &number);
    // `source` names the file in each new member's audit entry.
    Result<StagedLoad> loadStaged(const storage::AuditActor &by, const QString &source);
    void discardStaged();

    static QString searchKeyOf(const Member &member);

    // How search() chooses its way through a type-ahead query, and how far apart
    // SQLite places members in name order (tests lower them to reach every way
    // with a few members).
    struct SearchTuning
    {
        int fewMatches = 12000; // SQLite, other filters: up to this many, sort them
        int windowRows = 2500; // PostgreSQL reads the name order this many rows at a time
        int postgresWindowRows = 25000; // ... up to this many before it sorts the matches
        qint64 rankSpacing = qint64(1) << 24; // between members placed at either end
    };
    static SearchTuning &searchTuning();

private:
    Result<QString> nextMembershipNo();
    Result<std::optional<QList<Member>>> scanWindow(
        const MemberQuery &query, const QString &province, const QStringList &words, int maxRows);
    Result<QList<Member>> searchInNameOrder(
        const MemberQuery &query, const QString &province, const QStringList &words);
    Result<QList<Member>> readInNameOrder(const QList<qint64> &ids);
    Result<qint64> countMatches(const QStringList &words, const QString &province, int cap);
    // SQLite keeps the search index in name order (schema version 7): these give
    // members without a place (name_rank NULL; `rows` sorted by sort key, then
    // id) places between their neighbours, and move one whose name changed.
    Status placeInNameOrder(const QList<std::pair<qint64, QString>> &rows);
    // Places for `rows`, handed to `take` a gap at a time (index of the gap's
    // first row, its places). With `full`, neighbours are never moved: gaps
    // without room are noted there instead.
    struct FullGap
    {
        std::optional<qint64> low;
        std::optional<qint64> high;
        qsizetype count = 0;
    };
    Status placesFor(const QList<std::pair<qint64, QString>> &rows,
        const std::function<Status(qsizetype, const QList<qint64> &)> &take,
        QList<FullGap> *full = nullptr);
    Result<QList<qint64>> freePlaces(std::optional<qint64> before, std::optional<qint64> after,
        qsizetype count, bool mayMove = true);
    Status keepInNameOrder(qint64 id);
    // The placed members just before and just after (key, id) in name order;
    // an id of max() stands for a member not inserted yet, after all with its key.
    struct Neighbours
    {
        std::optional<qint64> low; // place of the one before
        std::optional<qint64> high; // place of the one after, and who that is
        QString highKey;
        qint64 highId = 0;
    };
    Result<Neighbours> neighbours(const QString &key, qint64 id);
    // A member's branch must exist and be in the member's province.
    Status checkBranch(const Member &member);
    Result<std::optional<Member>> readOne(const QString &where, const QVariantList &values);
    Status checkScope(const accounts::Actor &actor, accounts::Permission permission,
        const QString &province) const;

    storage::Database &m_db;
    bool m_bulk = false; // between beginBulkInsert() and endBulkInsert()
    qint64 m_staged = 0; // rows in temp.member_staging
};

} // namespace daftar::members
