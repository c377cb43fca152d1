// The member bank's core on a real engine (run once on SQLite, once on PostgreSQL).
#include "GeneratedIds.h"
#include "TestDatabase.h"
#include "TypedMatches.h"
#include "accounts/AccountService.h"
#include "members/MemberService.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "text/Collation.h"
#include "text/Identifiers.h"
#include "text/PersianText.h"

#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace daftar;
using namespace daftar::members;
using daftar::test::legalId;
using daftar::test::nationalCode;
using daftar::test::typedMatchIds;

namespace {

// A valid national code built from the rule, never a hand-typed "valid-looking" number.
Member person(const QString &first, const QString &last, const QString &code,
    const QString &province = u"تهران"_s)
{
    Member member;
    member.kind = MemberKind::Person;
    member.firstName = first;
    member.lastName = last;
    member.nationalId = code;
    member.province = province;
    return member;
}

} // namespace

class TestMembers : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<MemberService> m_members;
    accounts::Actor m_admin;

    accounts::Actor actorWith(accounts::Role role, const QString &province = {})
    {
        accounts::Actor actor;
        actor.userId = 1;
        actor.username = u"someone"_s;
        actor.displayName = u"Someone"_s;
        actor.role = role;
        actor.province = province;
        return actor;
    }

private slots:
    void init()
    {
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        m_members = std::make_unique<MemberService>(*m_db);
        accounts::AccountService accounts(*m_db);
        m_admin = accounts.createFirstAdministrator(u"admin"_s, u"Admin"_s, u"admin-pass-1"_s)
                      .value()
                      .actor();
    }
    void cleanup()
    {
        m_members.reset();
        m_db.reset();
        m_testDb.reset();
    }

    void allProvincesArePresent()
    {
        auto query = m_db->run(u"SELECT COUNT(*), MIN(code), MAX(code) FROM provinces"_s).value();
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 31);
        QCOMPARE(query.value(1).toString(), u"IR-00"_s);
        QCOMPARE(query.value(2).toString(), u"IR-30"_s);
    }

    void createNormalisesWhatWasTyped()
    {
        const QString code = nationalCode(12345678); // starts with 0
        QVERIFY(code.startsWith(u'0'));
        Member input
            = person(u"علي"_s, u"كريمي"_s, text::toPersianDigits(code.mid(1)), u"خراسان رضوي"_s);
        input.mobile = u"۰۹۱۲-۳۴۵-۶۷۸۹"_s;
        input.postalCode = u"13145-67890"_s;
        const auto created = m_members->create(m_admin, input);
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        QCOMPARE(created->nationalId, code); // leading zero restored, ASCII
        QCOMPARE(created->province, u"IR-09"_s); // any spelling to the ISO code
        QCOMPARE(created->mobile, u"+989123456789"_s); // E.164
        QCOMPARE(created->postalCode, u"1314567890"_s);
        QCOMPARE(created->firstName, u"علي"_s); // stored as typed; search ignores the variant
        QVERIFY(created->membershipNo.startsWith(u'M'));
        const auto again = m_members->get(m_admin, created->id).value();
        QVERIFY(again.has_value());
        QCOMPARE(again->displayName(), u"علي كريمي"_s);
    }

    void invalidInputIsRefusedWithTheReason_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");
        const QString valid = nationalCode(1234567);
        const QString wrongCheckDigit
            = valid.left(9) + QString::number((valid.back().digitValue() + 1) % 10);
        QTest::addRow("checksum") << u"national_id"_s << wrongCheckDigit << u"check digit"_s;
        QTest::addRow("province") << u"province"_s << u"آتلانتیس"_s << u"آتلانتیس"_s;
        QTest::addRow("mobile") << u"mobile"_s << u"12345"_s << u"12345"_s;
        QTest::addRow("postal code") << u"postal_code"_s << u"11111-11111"_s << u"postal code"_s;
        QTest::addRow("email") << u"email"_s << u"not-an-address"_s << u"email"_s;
        QTest::addRow("no last name") << u"last_name"_s << QString() << u"last name"_s;
    }
    void invalidInputIsRefusedWithTheReason()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        Member member = person(u"زهرا"_s, u"رضایی"_s, nationalCode(777));
        if (field == "national_id"_L1)
            member.nationalId = value;
        if (field == "province"_L1)
            member.province = value;
        if (field == "mobile"_L1)
            member.mobile = value;
        if (field == "postal_code"_L1)
            member.postalCode = value;
        if (field == "email"_L1)
            member.email = value;
        if (field == "last_name"_L1)
            member.lastName = value;
        Member copy = member;
        const QList<FieldProblem> problems = MemberService::normalize(copy);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().field, field);
        const auto created = m_members->create(m_admin, member);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().kind, Error::Kind::Invalid);
        QVERIFY2(created.errorMessage().contains(mentions), qPrintable(created.errorMessage()));
        QCOMPARE(m_members->count(m_admin, {}).value(), qint64(0));
    }

    void aKnownCodeNamesTheExistingMember()
    {
        const QString code = nationalCode(424242);
        const Member first
            = m_members->create(m_admin, person(u"مریم"_s, u"احمدی"_s, code)).value();
        const auto second = m_members->create(m_admin, person(u"مريم"_s, u"احمدي"_s, code));
        QVERIFY(!second.ok());
        QCOMPARE(second.error().kind, Error::Kind::Conflict);
        QVERIFY(second.errorMessage().contains(first.membershipNo));
        const auto found
            = m_members->findByNationalId(m_admin, text::toPersianDigits(code)).value();
        QVERIFY(found.has_value());
        QCOMPARE(found->id, first.id);
    }

    void searchIgnoresLetterVariantsDigitsAndZwnj_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("hits");
        QTest::addRow("Arabic yeh in the query") << u"علي"_s << 2;
        QTest::addRow("prefix") << u"عل"_s << 2;
        QTest::addRow("two words") << u"علی کر"_s << 1;
        QTest::addRow("ZWNJ in the name") << u"حسینزاده"_s << 1;
        QTest::addRow("ZWNJ in the query") << u"حسین‌زاده"_s << 1;
        QTest::addRow("Persian digits of the code") << u"۰۰۴۴"_s << 1;
        QTest::addRow("mobile as typed") << u"0935"_s << 1;
        QTest::addRow("city") << u"مشهد"_s << 1;
        QTest::addRow("nothing") << u"ژاله"_s << 0;
    }
    void searchIgnoresLetterVariantsDigitsAndZwnj()
    {
        QFETCH(QString, query);
        QFETCH(int, hits);
        Member ali = person(u"علی"_s, u"کریمی"_s, nationalCode(4400001));
        ali.city = u"مشهد"_s;
        ali.mobile = u"09351234567"_s;
        QVERIFY(m_members->create(m_admin, ali).ok());
        QVERIFY(
            m_members
                ->create(m_admin, person(u"علي"_s, u"حسين‌زاده"_s, nationalCode(5500002)))
                .ok());
        QVERIFY(
            m_members->create(m_admin, person(u"سارا"_s, u"موسوی"_s, nationalCode(6600003))).ok());
        MemberQuery q;
        q.text = query;
        const auto found = m_members->search(m_admin, q);
        QVERIFY2(found.ok(), qPrintable(found.errorMessage()));
        QCOMPARE(found->size(), hits);
        QCOMPARE(m_members->count(m_admin, q).value(), qint64(hits));
    }

    void aSelectionRestrictsSearchCountAndExport()
    {
        QList<qint64> ids;
        for (const auto &[first, code] : {std::pair {u"علی"_s, 4400011u},
                 std::pair {u"سارا"_s, 4400022u}, std::pair {u"رضا"_s, 4400033u}}) {
            auto made = m_members->create(m_admin, person(first, u"کریمی"_s, nationalCode(code)));
            QVERIFY2(made.ok(), qPrintable(made.errorMessage()));
            ids << made->id;
        }
        MemberQuery q;
        q.ids = {ids[0], ids[2]};
        const auto found = m_members->search(m_admin, q);
        QVERIFY2(found.ok(), qPrintable(found.errorMessage()));
        QCOMPARE(found->size(), 2);
        QCOMPARE(m_members->count(m_admin, q).value(), 2);
        for (const Member &member : *found) {
            QVERIFY(member.firstName != u"سارا"_s);
        }
        // With the other filters: the selection and the search both apply.
        q.text = u"رضا"_s;
        QCOMPARE(m_members->count(m_admin, q).value(), 1);
    }

    void resultsComeInPersianOrder()
    {
        const QStringList names {u"گلناز"_s, u"لیلا"_s, u"ژیلا"_s, u"پریسا"_s, u"آرش"_s, u"یاسمن"_s,
            u"چکاوک"_s, u"بهرام"_s};
        quint32 seed = 1000;
        for (const QString &name : names) {
            QVERIFY(m_members->create(m_admin, person(name, u"نیکو"_s, nationalCode(++seed))).ok());
        }
        const auto found = m_members->search(m_admin, {}).value();
        QStringList order;
        for (const Member &member : found) {
            order << member.firstName;
        }
        QCOMPARE(order,
            (QStringList {u"آرش"_s, u"بهرام"_s, u"پریسا"_s, u"چکاوک"_s, u"ژیلا"_s, u"گلناز"_s,
                u"لیلا"_s, u"یاسمن"_s}));
    }

    void filtersAndPaging()
    {
        for (quint32 i = 0; i < 30; ++i) {
            Member member = person(u"نام%1"_s.arg(i), u"خانواده"_s, nationalCode(9000 + i),
                i % 3 == 0 ? u"فارس"_s : u"تهران"_s);
            QVERIFY(m_members->create(m_admin, member).ok());
        }
        Member company;
        company.kind = MemberKind::Legal;
        company.organizationName = u"شرکت تعاونی مصرف فرهنگیان"_s;
        company.nationalId = legalId(31337);
        company.province = u"IR-07"_s;
        QVERIFY2(m_members->create(m_admin, company).ok(), "legal entity");
        MemberQuery fars;
        fars.province = u"IR-07"_s;
        QCOMPARE(m_members->count(m_admin, fars).value(), qint64(11));
        fars.kind = MemberKind::Legal;
        QCOMPARE(m_members->count(m_admin, fars).value(), qint64(1));
        const auto someone = m_members->search(m_admin, {}).value().first();
        QVERIFY(m_members->recordDues(m_admin, someone.id, {1404, 1000000, {}, {}}).ok());
        MemberQuery unpaid;
        unpaid.unpaidYear = 1404;
        QCOMPARE(m_members->count(m_admin, unpaid).value(), qint64(30));
        MemberQuery byProvince;
        byProvince.sortBy = MemberQuery::SortBy::Province;
        byProvince.limit = 100;
        const auto sorted = m_members->search(m_admin, byProvince).value();
        QCOMPARE(sorted.first().province, u"IR-23"_s); // تهران sorts before فارس
        QCOMPARE(sorted.last().province, u"IR-07"_s);
        MemberQuery page;
        page.limit = 12;
        page.offset = 24;
        QCOMPARE(m_members->search(m_admin, page).value().size(), 7);
    }

    void branchOfficerSeesOnlyTheirProvince()
    {
        QVERIFY(
            m_members->create(m_admin, person(u"الف"_s, u"ب"_s, nationalCode(1), u"IR-23"_s)).ok());
        const Member fars
            = m_members->create(m_admin, person(u"پ"_s, u"ت"_s, nationalCode(2), u"IR-07"_s))
                  .value();
        const accounts::Actor officer = actorWith(accounts::Role::BranchOfficer, u"IR-23"_s);
        QCOMPARE(m_members->count(officer, {}).value(), qint64(1));
        MemberQuery other;
        other.province = u"IR-07"_s;
        QCOMPARE(m_members->search(officer, other).error().kind, Error::Kind::Refused);
        QCOMPARE(m_members->get(officer, fars.id).error().kind, Error::Kind::Refused);
        Member moved = fars;
        moved.city = u"شیراز"_s;
        QCOMPARE(m_members->update(officer, moved).error().kind, Error::Kind::Refused);
        QCOMPARE(m_members->create(officer, person(u"ث"_s, u"ج"_s, nationalCode(3), u"IR-07"_s))
                     .error()
                     .kind,
            Error::Kind::Refused);
        QVERIFY(
            m_members->create(officer, person(u"ث"_s, u"ج"_s, nationalCode(3), u"IR-23"_s)).ok());
    }

    void changeHistoryIsForThoseWhoKeepTheRecord()
    {
        Member member
            = m_members->create(
                           m_admin, person(u"مینا"_s, u"صالحی"_s, nationalCode(61), u"IR-07"_s))
                  .value();
        member.city = u"شیراز"_s;
        QVERIFY(m_members->update(m_admin, member).ok());

        auto forOfficer
            = m_members->changeHistory(actorWith(accounts::Role::MembershipOfficer), member.id);
        QVERIFY2(forOfficer.ok(), qPrintable(forOfficer.errorMessage()));
        QCOMPARE(forOfficer->size(), 2);
        QCOMPARE(forOfficer->first().action, u"member.update"_s);
        QVERIFY(m_members->changeHistory(actorWith(accounts::Role::ChiefEditor), member.id).ok());
        QVERIFY(m_members
                    ->changeHistory(actorWith(accounts::Role::BranchOfficer, u"IR-07"_s), member.id)
                    .ok());
        QCOMPARE(
            m_members->changeHistory(
                         actorWith(accounts::Role::BranchOfficer, u"IR-23"_s), member.id)
                .error()
                .kind,
            Error::Kind::Refused);
        QCOMPARE(
            m_members->changeHistory(actorWith(accounts::Role::Viewer), member.id).error().kind,
            Error::Kind::Refused);
        QCOMPARE(
            m_members->changeHistory(actorWith(accounts::Role::Editor), member.id).error().kind,
            Error::Kind::Refused);
    }

    void viewerCannotWrite()
    {
        const Member member
            = m_members->create(m_admin, person(u"نرگس"_s, u"کریمی"_s, nationalCode(55))).value();
        const accounts::Actor viewer = actorWith(accounts::Role::Viewer);
        QCOMPARE(m_members->count(viewer, {}).value(), qint64(1)); // may look
        QCOMPARE(m_members->create(viewer, person(u"x"_s, u"y"_s, nationalCode(56))).error().kind,
            Error::Kind::Refused);
        Member changed = member;
        changed.city = u"قم"_s;
        QCOMPARE(m_members->update(viewer, changed).error().kind, Error::Kind::Refused);
        QCOMPARE(
            m_members->setStatus(viewer, member.id, MemberStatus::Suspended, {}, {}).error().kind,
            Error::Kind::Refused);
        QCOMPARE(m_members->recordDues(viewer, member.id, {1403, 5000000, {}, {}}).error().kind,
            Error::Kind::Refused);
        QCOMPARE(m_members->count(m_admin, {}).value(), qint64(1));
        QVERIFY(!m_members->get(m_admin, member.id).value()->city.contains(u"قم"_s));
    }

    void updateStatusAndDuesAreAudited()
    {
        Member member
            = m_members->create(m_admin, person(u"رضا"_s, u"نوری"_s, nationalCode(77))).value();
        member.city = u"کرج"_s;
        QVERIFY(m_members->update(m_admin, member).ok());
        QVERIFY(m_members
                    ->setStatus(m_admin, member.id, MemberStatus::Suspended, QDate(2024, 5, 1),
                        u"unpaid dues"_s)
                    .ok());
        QVERIFY(m_members
                    ->recordDues(m_admin, member.id, {1403, 12000000, u"R-77"_s, QDate(2024, 6, 1)})
                    .ok());
        QVERIFY(m_members
                    ->recordDues(m_admin, member.id, {1403, 15000000, u"R-78"_s, QDate(2024, 6, 2)})
                    .ok());
        const auto dues = m_members->dues(m_admin, member.id).value();
        QCOMPARE(dues.size(), 1);
        QCOMPARE(dues.first().amountRial, qint64(15000000));
        QCOMPARE(m_members->get(m_admin, member.id).value()->status, MemberStatus::Suspended);
        const auto history
            = storage::AuditLog::forEntity(*m_db, u"member"_s, QString::number(member.id)).value();
        QStringList actions;
        for (const auto &entry : history) {
            actions << entry.action;
        }
        QCOMPARE(actions,
            (QStringList {u"member.dues"_s, u"member.dues"_s, u"member.status"_s,
                u"member.update"_s, u"member.create"_s}));
        QCOMPARE(history.at(3).before.value(u"city"_s).toString(), QString());
        QCOMPARE(history.at(3).after.value(u"city"_s).toString(), u"کرج"_s);
        QCOMPARE(history.at(0).before.value(u"amount_rial"_s).toInteger(), qint64(12000000));
    }

    void duplicatesAreFoundAndMergedKeepingHistory()
    {
        Member first = person(u"محمدعلی"_s, u"رضایی"_s, nationalCode(6001), u"اصفهان"_s);
        first.mobile = u"09131112233"_s;
        first.city = u"اصفهان"_s;
        const Member kept = m_members->create(m_admin, first).value();
        // The same person typed again with Arabic letters, ZWNJ and another code.
        Member second = person(u"محمد علي"_s, u"رضائي"_s, nationalCode(6002), u"اصفهان"_s);
        second.email = u"m.rezaei@example.org"_s;
        second = m_members->create(m_admin, second).value();
        Member third = person(u"سارا"_s, u"کاظمی"_s, nationalCode(6003), u"تهران"_s);
        third.mobile = u"+98 913 111 2233"_s;
        third = m_members->create(m_admin, third).value();
        QVERIFY(m_members->create(m_admin, person(u"نیما"_s, u"یوسفی"_s, nationalCode(6004))).ok());
        QVERIFY(m_members->recordDues(m_admin, second.id, {1402, 9000000, u"R-1"_s, {}}).ok());
        QVERIFY(
            m_members->setStatus(m_admin, second.id, MemberStatus::Suspended, {}, u"test"_s).ok());

        const auto pairs = m_members->possibleDuplicates(m_admin).value();
        QStringList reasons;
        for (const DuplicatePair &pair : pairs) {
            reasons << u"%1-%2:%3"_s.arg(pair.first.id).arg(pair.second.id).arg(pair.reason);
        }
        QVERIFY2(reasons.contains(u"%1-%2:mobile"_s.arg(kept.id).arg(third.id)),
            qPrintable(reasons.join(u' ')));
        // "محمدعلی رضایی" and "محمد علي رضائي" differ in a space and a hamza; only the
        // mobile rule pairs records here, the name rule needs the same normalised name.
        Member fourth = person(u"محمدعلي"_s, u"رضايي"_s, nationalCode(6005), u"اصفهان"_s);
        fourth = m_members->create(m_admin, fourth).value();
        const auto again = m_members->possibleDuplicates(m_admin).value();
        QVERIFY(std::any_of(again.begin(), again.end(), [&](const DuplicatePair &pair) {
            return pair.first.id == kept.id && pair.second.id == fourth.id
                && pair.reason == "name_province"_L1;
        }));

        const qint64 before = m_members->count(m_admin, {}).value();
        const auto merged = m_members->merge(m_admin, kept.id, second.id, {u"email"_s});
        QVERIFY2(merged.ok(), qPrintable(merged.errorMessage()));
        // The bank's total (kept by triggers for the list) drops by the merged record.
        QCOMPARE(m_members->count(m_admin, {}).value(), before - 1);
        MemberQuery everyone;
        everyone.text = QString();
        auto counted = m_db->run(u"SELECT COUNT(*) FROM members"_s);
        QVERIFY(counted && counted->next());
        QCOMPARE(m_members->count(m_admin, everyone).value(), counted->value(0).toLongLong());
        QCOMPARE(merged->email, u"m.rezaei@example.org"_s);
        QCOMPARE(merged->mobile, u"+989131112233"_s);
        QVERIFY(!m_members->get(m_admin, second.id).value().has_value());
        QCOMPARE(m_members->dues(m_admin, kept.id).value().size(), 1); // moved over
        const auto history
            = storage::AuditLog::forEntity(*m_db, u"member"_s, QString::number(kept.id)).value();
        QCOMPARE(history.first().action, u"member.merge"_s);
        QCOMPARE(history.first().after.value(u"merged_from"_s).toInteger(), second.id);
        const auto gone
            = storage::AuditLog::forEntity(*m_db, u"member"_s, QString::number(second.id)).value();
        QCOMPARE(gone.first().action, u"member.delete"_s);
        QVERIFY(!m_members->merge(actorWith(accounts::Role::Viewer), kept.id, third.id, {}).ok());
        QVERIFY(m_members->get(m_admin, third.id).value().has_value());
    }

    void everyWayThroughATypeAheadGivesTheSameRows()
    {
        // search() picks its way: on SQLite the search index hands out matches
        // in name order; on PostgreSQL, by how many members match, it reads the
        // first rows of the name order or sorts the matches. Lowered thresholds
        // reach each way with a few members; all must give what a plain
        // reading of the bank gives, and every count must agree.
        const QStringList firsts {
            u"آرش"_s, u"مصطفی"_s, u"نرگس"_s, u"فرشته"_s, u"زهرا"_s, u"علی"_s, u"ژیلا"_s};
        const QStringList lasts {u"نوری"_s, u"فرشچی"_s, u"عباسی"_s, u"مصطفوی"_s, u"زارعی"_s};
        const QStringList provinces {u"تهران"_s, u"فارس"_s, u"یزد"_s};
        QVERIFY(m_db->inTransaction([&]() -> Status {
                        for (quint32 i = 0; i < 140; ++i) {
                            Member member = person(firsts.at(i % firsts.size()),
                                lasts.at((i / 3) % lasts.size()), nationalCode(20000 + i),
                                provinces.at((i / 5) % provinces.size()));
                            if (i % 11 == 0) {
                                member.kind = MemberKind::Legal;
                                member.firstName.clear();
                                member.lastName.clear();
                                member.organizationName = u"تعاونی (مصرف) نوین %1"_s.arg(i);
                                member.nationalId = legalId(20000 + i);
                            }
                            if (!MemberService::normalize(member).isEmpty()) {
                                return makeError(Error::Kind::Invalid, u"generated member"_s);
                            }
                            if (auto in = m_members->insertIfAbsent(m_admin.auditActor(), member);
                                !in) {
                                return in.error();
                            }
                        }
                        return success();
                    })
                    .ok());
        MemberQuery everyone;
        everyone.limit = 1000;
        const QList<Member> all = m_members->search(m_admin, everyone).value();
        QCOMPARE(all.size(), 140);
        const MemberService::SearchTuning usual = MemberService::searchTuning();
        const auto restore = qScopeGuard([&] { MemberService::searchTuning() = usual; });
        const QList<MemberService::SearchTuning> ways {
            usual, {0, 1000, 1000}, {0, 3, 3}, {5, 40, 40}, {0, 5, 1000}};
        for (const MemberService::SearchTuning &way : ways) {
            MemberService::searchTuning() = way;
            for (const QString &typed : {u"م"_s, u"مص"_s, u"ف"_s, u"فرش"_s, u"ن"_s, u"ز"_s,
                     u"مصرف"_s, u"ژ"_s, u"علی ن"_s, u"نوین"_s}) {
                for (const QString &province : {QString(), u"IR-07"_s}) {
                    QList<qint64> expected = typedMatchIds(all, typed, province);
                    MemberQuery counting;
                    counting.text = typed;
                    counting.province = province;
                    const auto counted = m_members->count(m_admin, counting);
                    QVERIFY2(counted.ok(), qPrintable(counted.errorMessage()));
                    QVERIFY2(*counted == expected.size(),
                        qPrintable(u"count of %1 in %2: %3, expected %4"_s.arg(typed,
                            province.isEmpty() ? u"all"_s : province, QString::number(*counted),
                            QString::number(expected.size()))));
                    for (const bool descending : {false, true}) {
                        QList<qint64> ordered = expected;
                        if (descending) {
                            std::reverse(ordered.begin(), ordered.end());
                        }
                        for (const int offset : {0, 7}) {
                            MemberQuery query;
                            query.text = typed;
                            query.province = province;
                            query.descending = descending;
                            query.limit = 10;
                            query.offset = offset;
                            const auto searched = m_members->search(m_admin, query);
                            QVERIFY2(searched.ok(), qPrintable(searched.errorMessage()));
                            QList<qint64> found;
                            for (const Member &member : *searched) {
                                found << member.id;
                            }
                            if (found != ordered.mid(offset, 10)) {
                                qWarning() << found << ordered.mid(offset, 10);
                            }
                            const QString where
                                = u"%1 in %2, %3, from %4, thresholds %5/%6/%7"_s
                                      .arg(typed, province.isEmpty() ? u"all"_s : province,
                                          descending ? u"descending"_s : u"ascending"_s)
                                      .arg(offset)
                                      .arg(way.fewMatches)
                                      .arg(way.windowRows)
                                      .arg(way.postgresWindowRows);
                            QVERIFY2(found == ordered.mid(offset, 10), qPrintable(where));
                        }
                    }
                }
            }
        }
    }

    void nameOrderHoldsThroughCrowdingRenamesMergesAndImports()
    {
        // SQLite keeps the search index in name order, with gaps between
        // members for newcomers. With the gaps made tiny, members typed at the
        // same place, at either end, renamed, merged away and imported in a
        // batch keep refilling and respacing them; every type-ahead must still
        // give what a plain reading of the bank gives.
        const MemberService::SearchTuning usual = MemberService::searchTuning();
        const auto restore = qScopeGuard([&] { MemberService::searchTuning() = usual; });
        MemberService::searchTuning().rankSpacing = 2;
        quint32 serial = 30000;
        // Rows written as the import writes them: a row at a time, placed in
        // name order and indexed when the batch ends.
        // With `reserve`, as MemberImport does: places found for the batch first
        // (or none when a gap is full), the rest placed when the batch ends.
        const auto importBatch = [&](int rows, bool reserve) {
            QVERIFY(m_db->inTransaction([&]() -> Status {
                            if (const Status begun = m_members->beginBulkInsert(); !begun) {
                                return begun;
                            }
                            QList<Member> batch;
                            QStringList sortKeys;
                            for (int i = 0; i < rows; ++i) {
                                Member member = person(i % 3 ? u"علی"_s : u"مریم"_s,
                                    i % 2 ? u"احمدی"_s : u"نوری"_s, nationalCode(serial++),
                                    i % 2 ? u"فارس"_s : u"تهران"_s);
                                if (!MemberService::normalize(member).isEmpty()) {
                                    return makeError(Error::Kind::Invalid, u"generated member"_s);
                                }
                                batch << member;
                                sortKeys << QString::fromLatin1(
                                    text::collationKey(member.displayName()));
                            }
                            QList<qint64> places;
                            if (reserve) {
                                auto reserved = m_members->reservePlaces(sortKeys);
                                if (!reserved) {
                                    return reserved.error();
                                }
                                places = *reserved;
                            }
                            qint64 added = 0;
                            for (qsizetype i = 0; i < batch.size(); ++i) {
                                auto in = m_members->insertIfAbsent(m_admin.auditActor(), batch[i],
                                    {}, places.isEmpty() ? std::optional<qint64>() : places.at(i));
                                if (!in) {
                                    return in.error();
                                }
                                added += in->has_value() ? 1 : 0;
                            }
                            return m_members->endBulkInsert(added);
                        })
                        .ok());
        };
        // The first batch fills an empty order tightly; the second's rows fall
        // between the first's, more to a gap than it holds: the first's members
        // (already indexed) and the second's (not yet) are spread out together.
        importBatch(20, true);
        importBatch(20, true);
        importBatch(20, false);
        QList<Member> typed;
        const auto add = [&](const QString &first, const QString &last, const QString &province) {
            Member member = person(first, last, nationalCode(serial++), province);
            auto created = m_members->create(m_admin, member);
            QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
            typed << *created;
        };
        for (int i = 0; i < 25; ++i) { // the same name: always the same gap
            add(u"علی"_s, u"احمدی"_s, i % 2 ? u"فارس"_s : u"تهران"_s);
        }
        for (const QString &first : {u"یاسمن"_s, u"هادی"_s, u"مریم"_s, u"کاوه"_s, u"فرشته"_s,
                 u"زهرا"_s, u"بهرام"_s, u"آرش"_s}) { // each before all the others
            add(first, u"نوری"_s, u"یزد"_s);
            add(first, u"نوری"_s, u"تهران"_s);
        }
        // Renamed: moves to another place; merged: leaves its place.
        Member renamed = typed.at(3);
        renamed.firstName = u"ژیلا"_s;
        QVERIFY(m_members->update(m_admin, renamed).ok());
        renamed = typed.at(20);
        renamed.lastName = u"آذری"_s;
        QVERIFY(m_members->update(m_admin, renamed).ok());
        QVERIFY(m_members->merge(m_admin, typed.at(5).id, typed.at(6).id, {}).ok());
        // An import batch into the crowded order, placed when the batch ends.
        importBatch(30, true);
        MemberQuery everyone;
        everyone.limit = 1000;
        const QList<Member> all = m_members->search(m_admin, everyone).value();
        QCOMPARE(all.size(), 20 + 20 + 20 + 25 + 16 - 1 + 30);
        for (const QString &text :
            {u"ع"_s, u"علی ا"_s, u"احم"_s, u"نوری"_s, u"م"_s, u"ژیلا"_s, u"آذ"_s, u"ی"_s}) {
            for (const QString &province : {QString(), u"IR-07"_s}) {
                QList<qint64> expected = typedMatchIds(all, text, province);
                for (const bool descending : {false, true}) {
                    if (descending) {
                        std::reverse(expected.begin(), expected.end());
                    }
                    MemberQuery query;
                    query.text = text;
                    query.province = province;
                    query.descending = descending;
                    query.limit = 12;
                    query.offset = 3;
                    const auto searched = m_members->search(m_admin, query);
                    QVERIFY2(searched.ok(), qPrintable(searched.errorMessage()));
                    QList<qint64> found;
                    for (const Member &member : *searched) {
                        found << member.id;
                    }
                    QVERIFY2(found == expected.mid(3, 12),
                        qPrintable(u"%1 in %2, %3"_s.arg(
                            text, province, descending ? u"descending"_s : u"ascending"_s)));
                    query.limit = 0;
                    QCOMPARE(m_members->count(m_admin, query).value(), expected.size());
                }
            }
        }
        if (!m_db->isPostgres()) {
            // Every member has a place, the places follow the name order, and the
            // search index holds exactly the members at their places.
            auto disorder
                = m_db->run(u"SELECT COUNT(*) FROM (SELECT name_rank, LAG(name_rank) OVER "
                            "(ORDER BY sort_key, id) AS previous FROM members) "
                            "WHERE name_rank IS NULL OR previous >= name_rank"_s);
            QVERIFY(disorder && disorder->next());
            QCOMPARE(disorder->value(0).toInt(), 0);
            QVERIFY(m_db->run(u"INSERT INTO members_fts (members_fts) VALUES ('integrity-check')"_s)
                        .ok());
        }
    }

    void aBankWrittenAtSchemaSixIsSearchedInNameOrderAfterTheUpgrade()
    {
        // Schema 7 re-keys the SQLite search index by place in name order: the
        // members a desktop already holds must come through the upgrade placed
        // and found, and new ones must fit between them.
        test::TestDatabase older;
        QList<Member> members;
        {
            auto raw
                = storage::Database::open(older.location(), storage::Database::Migration::Refuse);
            QVERIFY2(raw.ok(), qPrintable(raw.errorMessage()));
            QVERIFY(storage::migrateTo(**raw, 6).ok());
            QCOMPARE((*raw)->schemaVersion().value(), 6);
            const QStringList firsts {u"یاسمن"_s, u"آرش"_s, u"علی"_s, u"مریم"_s, u"علي"_s};
            const QStringList lasts {u"نوری"_s, u"احمدی"_s, u"کاظمی"_s};
            for (quint32 i = 0; i < 45; ++i) {
                Member member = person(firsts.at(i % firsts.size()), lasts.at(i % lasts.size()),
                    nationalCode(40000 + i), i % 2 ? u"فارس"_s : u"تهران"_s);
                QVERIFY(MemberService::normalize(member).isEmpty());
                member.membershipNo = u"M%1"_s.arg(i);
                QVERIFY((*raw)
                            ->run(u"INSERT INTO members (membership_no, kind, first_name, "
                                  "last_name, national_id, province, search_key, name_key, "
                                  "sort_key, created_at, updated_at) "
                                  "VALUES (?, 'person', ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                                {member.membershipNo, member.firstName, member.lastName,
                                    member.nationalId, member.province,
                                    MemberService::searchKeyOf(member),
                                    text::searchKey(member.displayName()),
                                    QString::fromLatin1(text::collationKey(member.displayName())),
                                    u"2026-01-01T00:00:00.000Z"_s, u"2026-01-01T00:00:00.000Z"_s})
                            .ok());
            }
        }
        auto upgraded = older.open();
        QCOMPARE(upgraded->schemaVersion().value(), storage::latestSchemaVersion());
        MemberService service(*upgraded);
        const accounts::Actor admin
            = accounts::AccountService(*upgraded)
                  .createFirstAdministrator(u"admin"_s, u"Admin"_s, u"admin-pass-1"_s)
                  .value()
                  .actor();
        Member newcomer = person(u"علی"_s, u"احمدی"_s, nationalCode(40100), u"تهران"_s);
        const auto created = service.create(admin, newcomer);
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        MemberQuery everyone;
        everyone.limit = 1000;
        const auto all = service.search(admin, everyone);
        QVERIFY2(all.ok(), qPrintable(all.errorMessage()));
        QCOMPARE(all->size(), 46);
        for (const QString &text : {u"ع"_s, u"علی ا"_s, u"کاظ"_s, u"ی"_s}) {
            for (const QString &province : {QString(), u"IR-23"_s}) {
                QList<qint64> expected = typedMatchIds(*all, text, province);
                MemberQuery query;
                query.text = text;
                query.province = province;
                query.limit = 100;
                const auto searched = service.search(admin, query);
                QVERIFY2(searched.ok(), qPrintable(searched.errorMessage()));
                QList<qint64> found;
                for (const Member &member : *searched) {
                    found << member.id;
                }
                QVERIFY2(found == expected, qPrintable(text + u' ' + province));
                QCOMPARE(service.count(admin, query).value(), expected.size());
            }
        }
        if (!upgraded->isPostgres()) {
            QVERIFY(
                upgraded->run(u"INSERT INTO members_fts (members_fts) VALUES ('integrity-check')"_s)
                    .ok());
        }
    }

    void insertIfAbsentRecognisesRowsAlreadyIn()
    {
        Member member = person(u"امید"_s, u"صالحی"_s, nationalCode(8080));
        QVERIFY(MemberService::normalize(member).isEmpty());
        const auto first = m_members->insertIfAbsent(m_admin.auditActor(), member);
        QVERIFY(first.ok() && first->has_value());
        Member again = person(u"امید"_s, u"صالحی"_s, nationalCode(8080));
        QVERIFY(MemberService::normalize(again).isEmpty());
        const auto second = m_members->insertIfAbsent(m_admin.auditActor(), again);
        QVERIFY(second.ok());
        QVERIFY(!second->has_value());
        QCOMPARE(m_members->count(m_admin, {}).value(), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestMembers)
#include "TestMembers.moc"
