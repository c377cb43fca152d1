#include "storage/DatabaseLocation.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using daftar::storage::DatabaseLocation;

class TestDatabaseLocation : public QObject
{
    Q_OBJECT

private slots:
    void sqliteForms_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("path");
        QTest::addRow("plain absolute") << u"/tmp/x/daftar.sqlite"_s << u"/tmp/x/daftar.sqlite"_s;
        QTest::addRow("sqlite: prefix")
            << u"sqlite:/tmp/x/daftar.sqlite"_s << u"/tmp/x/daftar.sqlite"_s;
        QTest::addRow("sqlite URL")
            << u"sqlite:///tmp/x/daftar.sqlite"_s << u"/tmp/x/daftar.sqlite"_s;
        QTest::addRow("percent-encoded Persian folder")
            << u"sqlite:///tmp/%D8%AF%D9%81%D8%AA%D8%B1/d.sqlite"_s << u"/tmp/دفتر/d.sqlite"_s;
        QTest::addRow("relative") << u"data/d.sqlite"_s
                                  << QDir::current().absoluteFilePath(u"data/d.sqlite"_s);
        QTest::addRow("spaces around") << u"  /tmp/a.sqlite  "_s << u"/tmp/a.sqlite"_s;
    }
    void sqliteForms()
    {
        QFETCH(QString, input);
        QFETCH(QString, path);
        const auto location = DatabaseLocation::parse(input);
        QVERIFY2(location.ok(), qPrintable(location.errorMessage()));
        QCOMPARE(location->engine, DatabaseLocation::Engine::SQLite);
        QCOMPARE(location->path, path);
    }

    void postgresUrl()
    {
        const auto location = DatabaseLocation::parse(
            u"postgresql://daftar:p%40ss-Xy7@db.local:6543/secretariat"_s);
        QVERIFY2(location.ok(), qPrintable(location.errorMessage()));
        QCOMPARE(location->engine, DatabaseLocation::Engine::PostgreSQL);
        QCOMPARE(location->user, u"daftar"_s);
        QCOMPARE(location->password, u"p@ss-Xy7"_s);
        QCOMPARE(location->host, u"db.local"_s);
        QCOMPARE(location->port, 6543);
        QCOMPARE(location->databaseName, u"secretariat"_s);
        // What is shown to users and written to logs never carries the password.
        QVERIFY(!location->displayName().contains(u"Xy7"_s));
        QVERIFY(location->displayName().contains(u"db.local"_s));
    }

    void postgresDefaultPort()
    {
        const auto location = DatabaseLocation::parse(u"postgres://u@h/db"_s);
        QVERIFY(location.ok());
        QCOMPARE(location->port, 5432);
    }

    void rejected_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addRow("empty") << QString();
        QTest::addRow("no database name") << u"postgresql://u@host:5432/"_s;
        QTest::addRow("unknown scheme") << u"mysql://u@host/db"_s;
        QTest::addRow("sqlite without file") << u"sqlite:"_s;
    }
    void rejected()
    {
        QFETCH(QString, input);
        const auto location = DatabaseLocation::parse(input);
        QVERIFY(!location.ok());
        QVERIFY(!location.errorMessage().isEmpty());
    }

    void defaultIsInAppData()
    {
        QCoreApplication::setOrganizationName(u"Daftar"_s);
        QCoreApplication::setApplicationName(u"Daftar"_s);
        const DatabaseLocation location = DatabaseLocation::defaultLocation();
        QCOMPARE(location.engine, DatabaseLocation::Engine::SQLite);
        QVERIFY(location.path.startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QVERIFY(location.path.endsWith(u"daftar.sqlite"_s));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseLocation)
#include "TestDatabaseLocation.moc"
