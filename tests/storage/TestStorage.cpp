// Storage against a real engine (run once on SQLite, once on PostgreSQL).
#include "TestDatabase.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/Schema.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace daftar;
using storage::Database;

namespace {

qint64 count(Database &db, const QString &table)
{
    auto query = db.run(u"SELECT COUNT(*) FROM "_s + table);
    if (!query || !query->next()) {
        return -1;
    }
    return query->value(0).toLongLong();
}

Status writeAudit(Database &db, int i)
{
    return storage::AuditLog::record(db, {std::nullopt, u"tester"_s}, u"test.write"_s, u"thing"_s,
        QString::number(i), {}, {{u"n"_s, i}});
}

// Counts rows through a bare Qt connection, bypassing Daftar's checks.
qint64 rawCount(const storage::DatabaseLocation &location, const QString &table)
{
    qint64 rows = -1;
    {
        const bool pg = location.engine == storage::DatabaseLocation::Engine::PostgreSQL;
        QSqlDatabase raw = QSqlDatabase::addDatabase(pg ? u"QPSQL"_s : u"QSQLITE"_s, u"raw"_s);
        raw.setDatabaseName(pg ? location.databaseName : location.path);
        raw.setHostName(location.host);
        raw.setPort(location.port);
        raw.setUserName(location.user);
        if (raw.open()) {
            QSqlQuery query(u"SELECT COUNT(*) FROM "_s + table, raw);
            if (query.next()) {
                rows = query.value(0).toLongLong();
            }
        }
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
    return rows;
}

// In a child process: commit `committed` rows, then start writing more and wait
// to be killed in the middle of that transaction.
int crashChild(const QString &url, int committed)
{
    auto db = Database::open(storage::DatabaseLocation::parse(url).value());
    if (!db) {
        return 10;
    }
    Status first = (*db)->inTransaction([&]() -> Status {
        for (int i = 0; i < committed; ++i) {
            if (Status s = writeAudit(**db, i); !s) {
                return s;
            }
        }
        return success();
    });
    if (!first) {
        return 11;
    }
    (void)(*db)->inTransaction([&]() -> Status {
        for (int i = 0; i < 500; ++i) {
            (void)writeAudit(**db, 1000 + i);
        }
        std::fputs("in-transaction\n", stdout);
        std::fflush(stdout);
        QThread::sleep(60); // killed here
        return success();
    });
    return 12;
}

} // namespace

class TestStorage : public QObject
{
    Q_OBJECT

private slots:
    void freshDatabaseIsMigrated()
    {
        test::TestDatabase testDb;
        auto db = testDb.open();
        QCOMPARE(db->schemaVersion().value(), storage::latestSchemaVersion());
        for (const QString &table : storage::expectedTables()) {
            QVERIFY2(db->tables().contains(table), qPrintable(table));
        }
        QCOMPARE(count(*db, u"schema_version"_s), qint64(storage::latestSchemaVersion()));
        QVERIFY(db->integrityProblems().value().isEmpty());
    }

    void sqliteIsInWalModeWithForeignKeys()
    {
        test::TestDatabase testDb;
        if (testDb.isPostgres()) {
            QSKIP("SQLite pragmas");
        }
        auto db = testDb.open();
        auto mode = db->run(u"PRAGMA journal_mode"_s).value();
        QVERIFY(mode.next());
        QCOMPARE(mode.value(0).toString(), u"wal"_s);
        auto keys = db->run(u"PRAGMA foreign_keys"_s).value();
        QVERIFY(keys.next());
        QCOMPARE(keys.value(0).toInt(), 1);
        // Foreign keys are enforced: an audit entry cannot name a missing user.
        QVERIFY(!db->run(u"INSERT INTO audit_log (at, actor_id, actor, action, entity) "
                         "VALUES ('x', 999, 'a', 'b', 'c')"_s)
                     .ok());
    }

    void reopeningChangesNothing()
    {
        test::TestDatabase testDb;
        testDb.open();
        auto again = testDb.open();
        QCOMPARE(again->schemaVersion().value(), storage::latestSchemaVersion());
        QCOMPARE(count(*again, u"schema_version"_s), qint64(storage::latestSchemaVersion()));
    }

    void newerDatabaseIsRefusedUntouched()
    {
        test::TestDatabase testDb;
        {
            auto db = testDb.open();
            QVERIFY(db->run(u"INSERT INTO schema_version VALUES (?, ?, ?)"_s,
                          {storage::latestSchemaVersion() + 5, u"from the future"_s, u"2030"_s})
                        .ok());
        }
        for (auto mode : {Database::Migration::Apply, Database::Migration::Refuse}) {
            const auto refused = Database::open(testDb.location(), mode);
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().kind, Error::Kind::Incompatible);
            QVERIFY2(
                refused.errorMessage().contains(u"newer"_s), qPrintable(refused.errorMessage()));
            QVERIFY(refused.errorMessage().contains(
                QString::number(storage::latestSchemaVersion() + 5)));
        }
        // Still exactly as it was: the future version row is there, nothing was added.
        QCOMPARE(rawCount(testDb.location(), u"schema_version"_s),
            qint64(storage::latestSchemaVersion() + 1));
    }

    void foreignDatabaseIsRefused()
    {
        test::TestDatabase testDb;
        {
            auto raw = Database::open(testDb.location(), Database::Migration::Refuse);
            QVERIFY2(raw.ok(), qPrintable(raw.errorMessage()));
            QVERIFY((*raw)->run(u"CREATE TABLE customers (name TEXT)"_s).ok());
            QVERIFY((*raw)->run(u"INSERT INTO customers VALUES ('someone else''s data')"_s).ok());
        }
        const auto refused = Database::open(testDb.location());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Incompatible);
        QVERIFY(refused.errorMessage().contains(u"customers"_s));
        auto raw = Database::open(testDb.location(), Database::Migration::Refuse).value();
        QVERIFY(!raw->tables().contains(u"schema_version"_s));
        QCOMPARE(count(*raw, u"customers"_s), qint64(1));
    }

    void failedTransactionLeavesNothing()
    {
        test::TestDatabase testDb;
        auto db = testDb.open();
        const Status failed = db->inTransaction([&]() -> Status {
            for (int i = 0; i < 10; ++i) {
                if (Status s = writeAudit(*db, i); !s) {
                    return s;
                }
            }
            return makeError(Error::Kind::Invalid, u"row 11 is wrong"_s);
        });
        QVERIFY(!failed.ok());
        QCOMPARE(failed.errorMessage(), u"row 11 is wrong"_s);
        QCOMPARE(count(*db, u"audit_log"_s), qint64(0));

        // A statement the database rejects midway also rolls everything back.
        const Status broken = db->inTransaction([&]() -> Status {
            if (Status s = writeAudit(*db, 1); !s) {
                return s;
            }
            auto bad = db->run(u"INSERT INTO audit_log (at) VALUES (NULL)"_s);
            return bad ? success() : Status(bad.error());
        });
        QVERIFY(!broken.ok());
        QCOMPARE(broken.error().kind, Error::Kind::Storage);
        QCOMPARE(count(*db, u"audit_log"_s), qint64(0));

        QVERIFY(db->inTransaction([&] { return writeAudit(*db, 7); }).ok());
        QCOMPARE(count(*db, u"audit_log"_s), qint64(1));
    }

    void killedMidTransactionStaysConsistent()
    {
        test::TestDatabase testDb;
        testDb.open();
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DAFTAR_CRASH_CHILD_URL"_s, testDb.url());
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        QByteArray said;
        const QDeadlineTimer deadline(30000);
        while (!said.contains("in-transaction") && !deadline.hasExpired()
            && child.state() == QProcess::Running) {
            child.waitForReadyRead(200);
            said += child.readAllStandardOutput();
        }
        QVERIFY2(said.contains("in-transaction"), child.readAllStandardError().constData());
        child.kill(); // as a crash or power cut would, with the transaction open
        QVERIFY(child.waitForFinished());

        auto db = testDb.open();
        QCOMPARE(count(*db, u"audit_log"_s), qint64(25)); // the committed batch only
        QVERIFY(db->integrityProblems().value().isEmpty());
        // And the database takes writes again (no lock left behind).
        QVERIFY(db->inTransaction([&] { return writeAudit(*db, 99); }).ok());
    }

    void auditTrailKeepsBeforeAndAfter()
    {
        test::TestDatabase testDb;
        auto db = testDb.open();
        const QJsonObject before {{u"name"_s, u"علي"_s}};
        const QJsonObject after {{u"name"_s, u"علی"_s}, {u"mobile"_s, u"+989121234567"_s}};
        QVERIFY(storage::AuditLog::record(*db, {std::nullopt, u"مریم (maryam)"_s},
            u"member.update"_s, u"member"_s, u"42"_s, before, after)
                    .ok());
        const auto entries = storage::AuditLog::forEntity(*db, u"member"_s, u"42"_s).value();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().actor, u"مریم (maryam)"_s);
        QCOMPARE(entries.first().action, u"member.update"_s);
        QCOMPARE(entries.first().before, before);
        QCOMPARE(entries.first().after, after);
        QVERIFY(entries.first().at.isValid());
        QVERIFY(qAbs(entries.first().at.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QVERIFY(storage::AuditLog::forEntity(*db, u"member"_s, u"43"_s).value().isEmpty());
    }

    void integrityCheckFindsProblems()
    {
        test::TestDatabase testDb;
        auto db = testDb.open();
        QVERIFY(db->integrityProblems().value().isEmpty());
        QVERIFY(db->run(u"DELETE FROM schema_version"_s).ok());
        const QStringList problems = db->integrityProblems().value();
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(u"db migrate"_s), qPrintable(problems.first()));
        QVERIFY(db->run(u"DROP TABLE audit_log"_s).ok());
        QVERIFY(db->integrityProblems().value().join(u'\n').contains(u"audit_log"_s));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("DAFTAR_CRASH_CHILD_URL")) {
        return crashChild(qEnvironmentVariable("DAFTAR_CRASH_CHILD_URL"), 25);
    }
    TestStorage test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestStorage.moc"
