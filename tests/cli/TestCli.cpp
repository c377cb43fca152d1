// Drives the real daftar-cli executable, on SQLite and on PostgreSQL.
#include "CliRun.h"
#include "GeneratedIds.h"
#include "TestDatabase.h"
#include "importing/TextDecoding.h"
#include "members/BranchService.h"
#include "storage/AuditLog.h"
#include "text/Identifiers.h"
#include "text/PersianText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar;
using daftar::test::cli;
using daftar::test::nationalCode;
using daftar::test::Run;

class TestCli : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    QMap<QString, QString> m_asAdmin; // how to act as administrator on this engine

    QStringList db(QStringList arguments) const
    {
        arguments.prepend(m_testDb->url());
        arguments.prepend(u"--db"_s);
        if (m_testDb->isPostgres()) {
            arguments.insert(2, u"--user"_s);
            arguments.insert(3, u"admin"_s);
        }
        return arguments;
    }

private slots:
    void init()
    {
        m_testDb = std::make_unique<test::TestDatabase>();
        m_asAdmin.clear();
        if (m_testDb->isPostgres()) {
            // A shared database starts with its first administrator, added without a login.
            const Run boot = cli({u"--db"_s, m_testDb->url(), u"users"_s, u"add"_s, u"admin"_s,
                                     u"--name"_s, u"Admin"_s, u"--role"_s, u"administrator"_s},
                {{u"DAFTAR_NEW_PASSWORD"_s, u"admin-pass-1"_s}});
            QVERIFY2(boot.exitCode == 0, qPrintable(boot.err));
            m_asAdmin.insert(u"DAFTAR_PASSWORD"_s, u"admin-pass-1"_s);
        }
    }
    void cleanup() { m_testDb.reset(); }

    void helpAndVersion()
    {
        const Run help = cli({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(u"db migrate"_s));
        QVERIFY(help.out.contains(u"users add"_s));
        const Run version = cli({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(u"daftar-cli "_s));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addRow("nothing") << QStringList();
        QTest::addRow("group only") << QStringList {u"users"_s};
        QTest::addRow("unknown command") << QStringList {u"users"_s, u"explode"_s};
        QTest::addRow("unknown option") << QStringList {u"--frobnicate"_s, u"db"_s, u"check"_s};
        QTest::addRow("missing argument") << QStringList {u"users"_s, u"passwd"_s};
        QTest::addRow("bad role") << QStringList {
            u"users"_s, u"add"_s, u"x"_s, u"--name"_s, u"X"_s, u"--role"_s, u"emperor"_s};
    }
    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        const Run run = cli(QStringList {u"--db"_s, m_testDb->url()} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(!run.err.isEmpty());
    }

    void migrateThenCheck()
    {
        const Run migrate = cli({u"--db"_s, m_testDb->url(), u"db"_s, u"migrate"_s});
        QCOMPARE(migrate.exitCode, 0);
        QVERIFY2(migrate.out.contains(
                     m_testDb->isPostgres() ? u"up to date"_s : u"from schema version 0"_s),
            qPrintable(migrate.out));
        const Run again = cli({u"--db"_s, m_testDb->url(), u"db"_s, u"migrate"_s});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains(u"up to date"_s));
        const Run check = cli({u"--db"_s, m_testDb->url(), u"db"_s, u"check"_s});
        QCOMPARE(check.exitCode, 0);
        QVERIFY(check.out.contains(u"no problems"_s));
    }

    void checkFailsOnDamage()
    {
        {
            auto db = m_testDb->open();
            QVERIFY(db->run(u"DROP TABLE audit_log"_s).ok());
        }
        const Run check = cli({u"--db"_s, m_testDb->url(), u"db"_s, u"check"_s});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.err.contains(u"audit_log"_s), qPrintable(check.err));
    }

    void newerDatabaseIsRefused()
    {
        {
            auto db = m_testDb->open();
            QVERIFY(db->run(u"INSERT INTO schema_version VALUES (999, 'future', 'x')"_s).ok());
        }
        for (const QString &command : {u"check"_s, u"migrate"_s}) {
            const Run run = cli({u"--db"_s, m_testDb->url(), u"db"_s, command});
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(u"newer"_s), qPrintable(run.err));
        }
    }

    void addAndListUsers()
    {
        const Run added = cli(db({u"users"_s, u"add"_s, u"zahra"_s, u"--name"_s, u"زهرا رضایی"_s,
                                  u"--role"_s, u"branch_officer"_s, u"--province"_s, u"اصفهان"_s}),
            m_asAdminWith(u"zahra-pass-1"_s));
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        const Run list = cli(db({u"users"_s, u"list"_s, u"--json"_s}), m_asAdmin);
        QCOMPARE(list.exitCode, 0);
        const QJsonArray users = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(users.size(), m_testDb->isPostgres() ? 2 : 1);
        QJsonObject zahra;
        for (const QJsonValue &user : users) {
            if (user[u"username"_s].toString() == "zahra"_L1) {
                zahra = user.toObject();
            }
        }
        QCOMPARE(zahra[u"display_name"_s].toString(), u"زهرا رضایی"_s);
        QCOMPARE(zahra[u"role"_s].toString(), u"branch_officer"_s);
        QCOMPARE(zahra[u"province"_s].toString(), u"IR-10"_s);

        // Who did it is in the audit trail: the OS user on SQLite, the login on PostgreSQL.
        auto database = m_testDb->open();
        const auto entries = storage::AuditLog::recent(*database, 50).value();
        bool found = false;
        for (const auto &entry : entries) {
            if (entry.action == "user.create"_L1
                && entry.after[u"username"_s].toString() == "zahra"_L1) {
                found = true;
                QVERIFY2(
                    entry.actor.contains(m_testDb->isPostgres() ? u"admin"_s : u"cli-tester"_s),
                    qPrintable(entry.actor));
            }
        }
        QVERIFY(found);

        const Run duplicate = cli(
            db({u"users"_s, u"add"_s, u"ZAHRA"_s, u"--name"_s, u"Z"_s, u"--role"_s, u"viewer"_s}),
            m_asAdminWith(u"other-pass-1"_s));
        QCOMPARE(duplicate.exitCode, 1);
        QVERIFY(duplicate.err.contains(u"already"_s));
    }

    void passwordFromTerminalMustMatch()
    {
        const Run mismatch = cli(
            db({u"users"_s, u"add"_s, u"ali"_s, u"--name"_s, u"Ali"_s, u"--role"_s, u"viewer"_s}),
            m_asAdmin, "first-pass-1\nsecond-pass-2\n");
        QCOMPARE(mismatch.exitCode, 1);
        QVERIFY(mismatch.err.contains(u"Nothing was changed"_s));
        const Run match = cli(
            db({u"users"_s, u"add"_s, u"ali"_s, u"--name"_s, u"Ali"_s, u"--role"_s, u"viewer"_s}),
            m_asAdmin, "same-pass-1\nsame-pass-1\n");
        QVERIFY2(match.exitCode == 0, qPrintable(match.err));
    }

    void passwdChangesThePassword()
    {
        QCOMPARE(cli(db({u"users"_s, u"add"_s, u"ali"_s, u"--name"_s, u"Ali"_s, u"--role"_s,
                         u"viewer"_s}),
                     m_asAdminWith(u"old-pass-11"_s))
                     .exitCode,
            0);
        QCOMPARE(
            cli(db({u"users"_s, u"passwd"_s, u"ali"_s}), m_asAdminWith(u"new-pass-22"_s)).exitCode,
            0);
        // ali can now log in with the new password (and only with it).
        const QStringList asAli {
            u"--db"_s, m_testDb->url(), u"--user"_s, u"ali"_s, u"users"_s, u"list"_s};
        const Run refusedList = cli(asAli, {{u"DAFTAR_PASSWORD"_s, u"new-pass-22"_s}});
        QCOMPARE(refusedList.exitCode, 1); // logged in, but a viewer may not list accounts
        QVERIFY2(refusedList.err.contains(u"Viewer"_s), qPrintable(refusedList.err));
        const Run wrong = cli(asAli, {{u"DAFTAR_PASSWORD"_s, u"old-pass-11"_s}});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY(wrong.err.contains(u"Wrong user name or password"_s));
    }

    void sharedDatabaseNeedsLogin()
    {
        if (!m_testDb->isPostgres()) {
            QSKIP("SQLite acts as the OS user");
        }
        const Run anonymous = cli({u"--db"_s, m_testDb->url(), u"users"_s, u"list"_s});
        QCOMPARE(anonymous.exitCode, 1);
        QVERIFY(anonymous.err.contains(u"DAFTAR_PASSWORD"_s));
        const Run noPassword
            = cli({u"--db"_s, m_testDb->url(), u"--user"_s, u"admin"_s, u"users"_s, u"list"_s});
        QCOMPARE(noPassword.exitCode, 1);
        QVERIFY(noPassword.err.contains(u"DAFTAR_PASSWORD"_s));
    }

    void membersImportExitCodesAndReport()
    {
        QTemporaryDir dir;
        const QString header = u"کد ملی,نام,نام خانوادگی,استان,تلفن همراه,تاریخ عضویت"_s;
        const QStringList good {header,
            nationalCode(1) + u",مریم,احمدي,تهران,09121111111,1398/09/03"_s,
            nationalCode(2) + u",علی,کریمی,فارس,,۱۴۰۱/۰۲/۰۳"_s};
        const auto write = [&](const QString &name, const QByteArray &bytes) {
            QFile file(dir.filePath(name));
            file.open(QIODevice::WriteOnly);
            file.write(bytes);
            return file.fileName();
        };
        // Windows-1256, as Excel on Persian Windows saves "CSV": detected without help.
        const QString ansi
            = write(u"ansi.csv"_s, importing::encodeWindows1256(good.join(u"\r\n"_s)));
        const Run dry = cli(db({u"members"_s, u"import"_s, ansi, u"--dry-run"_s}), m_asAdmin);
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.out.contains(u"windows-1256"_s), qPrintable(dry.out));
        QVERIFY(dry.out.contains(u"Nothing was written"_s));
        const Run count0 = cli(db({u"members"_s, u"count"_s, u"--json"_s}), m_asAdmin);
        QCOMPARE(QJsonDocument::fromJson(count0.out.toUtf8())[u"count"_s].toInt(), 0);

        // Forcing the wrong encoding garbles the headers: nothing can be imported.
        const Run forced
            = cli(db({u"members"_s, u"import"_s, ansi, u"--encoding"_s, u"utf-16"_s}), m_asAdmin);
        QCOMPARE(forced.exitCode, 1);
        const Run badEncoding
            = cli(db({u"members"_s, u"import"_s, ansi, u"--encoding"_s, u"latin9"_s}), m_asAdmin);
        QCOMPARE(badEncoding.exitCode, 2);

        const Run imported = cli(
            db({u"members"_s, u"import"_s, ansi, u"--encoding"_s, u"windows-1256"_s}), m_asAdmin);
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err + imported.out));
        QVERIFY(imported.out.contains(u"2 imported"_s));

        // UTF-8 without a BOM, one good row and one bad: exit 3, the report names the row.
        const QString mixed = write(u"mixed.csv"_s,
            QStringList {header, nationalCode(3) + u",سارا,موسوی,قم,,"_s, u"12345,رضا,نوری,قم,,"_s}
                .join(u"\n"_s)
                .toUtf8());
        const QString report = dir.filePath(u"report.csv"_s);
        const Run partial
            = cli(db({u"members"_s, u"import"_s, mixed, u"--report"_s, report}), m_asAdmin);
        QCOMPARE(partial.exitCode, 3);
        QVERIFY(partial.err.contains(u"row 3"_s));
        QFile saved(report);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QString reportText = QString::fromUtf8(saved.readAll());
        QVERIFY(reportText.contains(u"row,column,value,code,message"_s));
        QVERIFY(reportText.contains(u"3,کد ملی,12345,invalid_national_id"_s));

        const Run missing
            = cli(db({u"members"_s, u"import"_s, dir.filePath(u"nope.csv"_s)}), m_asAdmin);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(u"nope.csv"_s));

        // search, show, count, export
        const Run search = cli(db({u"members"_s, u"search"_s, u"احمدی"_s, u"--json"_s}), m_asAdmin);
        QCOMPARE(search.exitCode, 0);
        const QJsonArray found = QJsonDocument::fromJson(search.out.toUtf8()).array();
        QCOMPARE(found.size(), 1);
        const QJsonObject maryam = found.first().toObject();
        for (const char *key : {"id", "membership_no", "kind", "first_name", "last_name",
                 "organization_name", "national_id", "province", "city", "mobile", "email",
                 "postal_code", "join_date", "status"}) {
            QVERIFY2(maryam.contains(QLatin1StringView(key)), key);
        }
        QCOMPARE(maryam[u"kind"_s].toString(), u"person"_s);
        QCOMPARE(maryam[u"province"_s].toString(), u"IR-23"_s);
        QCOMPARE(maryam[u"mobile"_s].toString(), u"+989121111111"_s);
        QCOMPARE(maryam[u"join_date"_s].toString(), u"2019-11-24"_s);
        const Run show = cli(
            db({u"members"_s, u"show"_s, text::toPersianDigits(nationalCode(1)), u"--json"_s}),
            m_asAdmin);
        QCOMPARE(show.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(show.out.toUtf8())[u"national_id"_s].toString(),
            nationalCode(1));
        QCOMPARE(cli(db({u"members"_s, u"show"_s, nationalCode(99)}), m_asAdmin).exitCode, 1);
        const Run tehran = cli(
            db({u"members"_s, u"count"_s, u"--province"_s, u"تهران"_s, u"--json"_s}), m_asAdmin);
        QCOMPARE(QJsonDocument::fromJson(tehran.out.toUtf8())[u"count"_s].toInt(), 1);
        QCOMPARE(
            cli(db({u"members"_s, u"count"_s, u"--province"_s, u"Atlantis"_s}), m_asAdmin).exitCode,
            2);
        const QString exported = dir.filePath(u"out.xlsx"_s);
        const Run exportRun = cli(db({u"members"_s, u"export"_s, exported}), m_asAdmin);
        QCOMPARE(exportRun.exitCode, 0);
        QVERIFY(QFile::exists(exported));
        // A printable list: PDF in the organisation's language (Persian unless --lang en).
        const QString printed = dir.filePath(u"out.pdf"_s);
        const Run printRun = cli(db({u"members"_s, u"export"_s, printed}), m_asAdmin);
        QVERIFY2(printRun.exitCode == 0, qPrintable(printRun.err));
        QFile pdf(printed);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QCOMPARE(pdf.read(5), QByteArray("%PDF-"));
        QProcess text;
        text.start(u"pdftotext"_s, {printed, u"-"_s});
        QVERIFY(text.waitForFinished(30000));
        QVERIFY(QString::fromUtf8(text.readAllStandardOutput()).contains(u"شماره عضویت"_s));
        QCOMPARE(
            cli(db({u"members"_s, u"export"_s, dir.filePath(u"out.doc"_s)}), m_asAdmin).exitCode,
            1);
    }

    void branchesList()
    {
        {
            auto database = m_testDb->open();
            members::Branch branch;
            branch.province = u"یزد"_s;
            branch.city = u"یزد"_s;
            branch.name = u"شعبه مرکزی یزد"_s;
            QVERIFY(members::BranchService(*database)
                        .create(accounts::Actor::operatingSystemUser(), branch)
                        .ok());
        }
        const Run list = cli(db({u"branches"_s, u"list"_s, u"--json"_s}), m_asAdmin);
        QCOMPARE(list.exitCode, 0);
        const QJsonArray branches = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(branches.size(), 1);
        QCOMPARE(branches.first()[u"province"_s].toString(), u"IR-21"_s);
        QCOMPARE(branches.first()[u"member_count"_s].toInt(), 0);
    }

private:
    QMap<QString, QString> m_asAdminWith(const QString &newPassword) const
    {
        QMap<QString, QString> env = m_asAdmin;
        env.insert(u"DAFTAR_NEW_PASSWORD"_s, newPassword);
        return env;
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
