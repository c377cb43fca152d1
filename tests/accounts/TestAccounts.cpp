// Accounts against a real engine (run once on SQLite, once on PostgreSQL).
#include "TestDatabase.h"
#include "accounts/AccountService.h"
#include "accounts/PasswordHash.h"
#include "storage/AuditLog.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar;
using namespace daftar::accounts;

namespace {

const QString adminPassword = u"Tehran-1403!"_s;

qint64 count(storage::Database &db, const QString &sql)
{
    auto query = db.run(sql);
    return query && query->next() ? query->value(0).toLongLong() : -1;
}

// A clock the test moves by hand, for the login throttling.
struct FakeClock
{
    QDateTime now = QDateTime(QDate(2026, 11, 28), QTime(9, 0), Qt::UTC);
    AccountService::Clock function()
    {
        return [this] {
            return now;
        };
    }
};

} // namespace

class TestAccounts : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    FakeClock m_clock;
    std::unique_ptr<AccountService> m_accounts;
    User m_admin;

private slots:
    void init()
    {
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        m_clock = FakeClock();
        m_accounts = std::make_unique<AccountService>(*m_db, m_clock.function());
        QCOMPARE(m_accounts->hasUsers().value(), false);
        auto admin
            = m_accounts->createFirstAdministrator(u"Admin"_s, u"  مریم   احمدی "_s, adminPassword);
        QVERIFY2(admin.ok(), qPrintable(admin.errorMessage()));
        m_admin = *admin;
    }
    void cleanup()
    {
        m_accounts.reset();
        m_db.reset();
        m_testDb.reset();
    }

    void firstAdministratorOnlyOnce()
    {
        QCOMPARE(m_admin.role, Role::Administrator);
        QCOMPARE(m_admin.username, u"admin"_s);
        QCOMPARE(m_admin.displayName, u"مریم احمدی"_s);
        QCOMPARE(m_accounts->hasUsers().value(), true);
        const auto second = m_accounts->createFirstAdministrator(u"eve"_s, u"Eve"_s, adminPassword);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().kind, Error::Kind::Conflict);
        QCOMPARE(count(*m_db, u"SELECT COUNT(*) FROM users"_s), qint64(1));
    }

    void passwordsAreStoredAsArgon2id()
    {
        auto query = m_db->run(u"SELECT password_hash FROM users"_s).value();
        QVERIFY(query.next());
        const QString stored = query.value(0).toString();
        QVERIFY2(stored.startsWith(u"$argon2id$"_s), qPrintable(stored));
        QVERIFY(!stored.contains(adminPassword));
        QVERIFY(PasswordHash::verify(stored, adminPassword));
        QVERIFY(!PasswordHash::verify(stored, adminPassword + u'x'));
        // Salted: the same password never gives the same hash twice.
        QVERIFY(PasswordHash::hash(adminPassword) != PasswordHash::hash(adminPassword));
    }

    void logInIgnoresUserNameCase()
    {
        const auto user = m_accounts->logIn(u" ADMIN "_s, adminPassword);
        QVERIFY2(user.ok(), qPrintable(user.errorMessage()));
        QCOMPARE(user->id, m_admin.id);
        QCOMPARE(user->lastLoginAt, m_clock.now);
    }

    void wrongPasswordAndUnknownUserLookAlike()
    {
        const auto wrong = m_accounts->logIn(u"admin"_s, u"not the password"_s);
        const auto unknown = m_accounts->logIn(u"nobody"_s, adminPassword);
        QVERIFY(!wrong.ok());
        QVERIFY(!unknown.ok());
        QCOMPARE(wrong.errorMessage(), unknown.errorMessage());
    }

    void repeatedFailuresSlowDownThenLock()
    {
        for (int i = 0; i < AccountService::freeAttempts; ++i) {
            QCOMPARE(m_accounts->logIn(u"admin"_s, u"guess-%1"_s.arg(i)).error().kind,
                Error::Kind::Refused);
        }
        // Now even the right password has to wait.
        auto waiting = m_accounts->logIn(u"admin"_s, adminPassword);
        QVERIFY(!waiting.ok());
        QCOMPARE(waiting.error().kind, Error::Kind::Locked);
        QVERIFY2(waiting.errorMessage().contains(u"second"_s), qPrintable(waiting.errorMessage()));
        m_clock.now = m_clock.now.addSecs(3);
        QVERIFY(m_accounts->logIn(u"admin"_s, adminPassword).ok()); // success resets the count

        for (int i = 0; i < AccountService::lockThreshold; ++i) {
            m_clock.now = m_clock.now.addSecs(120); // wait out each delay
            (void)m_accounts->logIn(u"admin"_s, u"guess-%1"_s.arg(i));
        }
        m_clock.now = m_clock.now.addSecs(5 * 60);
        const auto locked = m_accounts->logIn(u"admin"_s, adminPassword);
        QCOMPARE(locked.error().kind, Error::Kind::Locked);
        QVERIFY2(locked.errorMessage().contains(u"minute"_s), qPrintable(locked.errorMessage()));
        m_clock.now = m_clock.now.addSecs(AccountService::lockMinutes * 60);
        QVERIFY(m_accounts->logIn(u"admin"_s, adminPassword).ok());
    }

    void administratorUnlocksBySettingPassword()
    {
        QVERIFY(m_accounts
                    ->addUser(
                        m_admin.actor(), {u"reza"_s, u"رضا"_s, Role::Editor, {}, u"first-pass-1"_s})
                    .ok());
        for (int i = 0; i < AccountService::lockThreshold; ++i) {
            m_clock.now = m_clock.now.addSecs(120);
            (void)m_accounts->logIn(u"reza"_s, u"wrong"_s);
        }
        QCOMPARE(m_accounts->logIn(u"reza"_s, u"first-pass-1"_s).error().kind, Error::Kind::Locked);
        QVERIFY(m_accounts->changePassword(m_admin.actor(), u"reza"_s, u"second-pass-2"_s).ok());
        QVERIFY(m_accounts->logIn(u"reza"_s, u"second-pass-2"_s).ok());
        QVERIFY(!m_accounts->logIn(u"reza"_s, u"first-pass-1"_s).ok());
    }

    void weakPasswordsAreRefused_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addRow("too short") << u"1234567"_s;
        QTest::addRow("same as user name") << u"Negin-Karimi"_s;
    }
    void weakPasswordsAreRefused()
    {
        QFETCH(QString, password);
        const auto created = m_accounts->addUser(
            m_admin.actor(), {u"negin-karimi"_s, u"نگین کریمی"_s, Role::Editor, {}, password});
        QVERIFY(!created.ok());
        QCOMPARE(created.error().kind, Error::Kind::Invalid);
        QCOMPARE(count(*m_db, u"SELECT COUNT(*) FROM users"_s), qint64(1));
    }

    void branchOfficerGetsAProvince()
    {
        const auto missing = m_accounts->addUser(
            m_admin.actor(), {u"officer"_s, u"افسر"_s, Role::BranchOfficer, {}, u"officer-pass"_s});
        QVERIFY(!missing.ok());
        const auto created = m_accounts->addUser(m_admin.actor(),
            {u"officer"_s, u"افسر"_s, Role::BranchOfficer, u"خراسان رضوي"_s, u"officer-pass"_s});
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        QCOMPARE(created->province, u"IR-09"_s);
        const auto loggedIn = m_accounts->logIn(u"officer"_s, u"officer-pass"_s).value();
        QCOMPARE(loggedIn.province, u"IR-09"_s);
        QVERIFY(!loggedIn.actor().require(Permission::EditMembers, u"IR-23"_s).ok());
    }

    void duplicateUserNameIsRefused()
    {
        const auto again = m_accounts->addUser(
            m_admin.actor(), {u"ADMIN"_s, u"Another"_s, Role::Viewer, {}, u"other-pass-1"_s});
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind, Error::Kind::Conflict);
    }

    void nonAdministratorsCannotWriteAccounts_data()
    {
        QTest::addColumn<Role>("role");
        for (Role role : allRoles()) {
            if (role != Role::Administrator) {
                QTest::newRow(qPrintable(roleId(role))) << role;
            }
        }
    }
    void nonAdministratorsCannotWriteAccounts()
    {
        QFETCH(Role, role);
        const User someone
            = m_accounts
                  ->addUser(m_admin.actor(),
                      {u"someone"_s, u"Someone"_s, role, u"IR-23"_s, u"someone-pass"_s})
                  .value();
        const Actor actor = m_accounts->logIn(u"someone"_s, u"someone-pass"_s).value().actor();
        const qint64 usersBefore = count(*m_db, u"SELECT COUNT(*) FROM users"_s);
        const qint64 auditBefore = count(*m_db, u"SELECT COUNT(*) FROM audit_log"_s);

        const auto added = m_accounts->addUser(
            actor, {u"intruder"_s, u"Intruder"_s, Role::Administrator, {}, u"intruder-pass"_s});
        QVERIFY(!added.ok());
        QCOMPARE(added.error().kind, Error::Kind::Refused);
        const auto listed = m_accounts->users(actor);
        QCOMPARE(listed.error().kind, Error::Kind::Refused);
        const auto changed = m_accounts->changePassword(actor, u"admin"_s, u"taken-over-1"_s);
        QCOMPARE(changed.error().kind, Error::Kind::Refused);

        QCOMPARE(count(*m_db, u"SELECT COUNT(*) FROM users"_s), usersBefore);
        QCOMPARE(count(*m_db, u"SELECT COUNT(*) FROM audit_log"_s), auditBefore);
        QVERIFY(m_accounts->logIn(u"admin"_s, adminPassword).ok());

        // Their own password they may change.
        QVERIFY(m_accounts->changePassword(actor, u"someone"_s, u"my-new-pass"_s).ok());
        QVERIFY(m_accounts->logIn(u"someone"_s, u"my-new-pass"_s).ok());
        Q_UNUSED(someone);
    }

    void everyAccountChangeIsAudited()
    {
        const User editor = m_accounts
                                ->addUser(m_admin.actor(),
                                    {u"sara"_s, u"سارا"_s, Role::Editor, {}, u"sara-pass-1"_s})
                                .value();
        QVERIFY(m_accounts->changePassword(m_admin.actor(), u"sara"_s, u"sara-pass-2"_s).ok());
        QVERIFY(m_accounts->logIn(u"sara"_s, u"sara-pass-2"_s).ok());
        const auto entries
            = storage::AuditLog::forEntity(*m_db, u"user"_s, QString::number(editor.id)).value();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(2).action, u"user.create"_s);
        QCOMPARE(entries.at(2).actorId, std::optional<qint64>(m_admin.id));
        QVERIFY(entries.at(2).actor.contains(u"مریم احمدی"_s));
        QCOMPARE(entries.at(2).after.value(u"role"_s).toString(), u"editor"_s);
        QCOMPARE(entries.at(1).action, u"user.password"_s);
        QCOMPARE(entries.at(0).action, u"user.login"_s);
        // Neither the password nor its hash ever reaches the audit trail.
        auto all
            = m_db->run(
                      u"SELECT COALESCE(before_json,'') || COALESCE(after_json,'') FROM audit_log"_s)
                  .value();
        while (all.next()) {
            QVERIFY(!all.value(0).toString().contains(u"sara-pass"_s));
            QVERIFY(!all.value(0).toString().contains(u"argon2"_s));
        }
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "TestAccounts.moc"
