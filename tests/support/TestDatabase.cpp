#include "TestDatabase.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

namespace daftar::test {

namespace {

// Runs one statement on the server's maintenance database.
bool onServer(const QString &adminUrl, const QString &sql)
{
    const auto location = storage::DatabaseLocation::parse(adminUrl);
    if (!location) {
        qWarning() << location.errorMessage();
        return false;
    }
    auto db = storage::Database::open(*location, storage::Database::Migration::Refuse);
    if (!db) {
        qWarning() << db.errorMessage();
        return false;
    }
    const auto done = (*db)->run(sql);
    if (!done) {
        qWarning() << done.errorMessage();
    }
    return done.ok();
}

} // namespace

TestDatabase::TestDatabase()
{
    m_postgres = qEnvironmentVariable("DAFTAR_TEST_BACKEND") == "postgres"_L1;
    if (!m_postgres) {
        m_url = u"sqlite:"_s + m_dir.filePath(u"daftar.sqlite"_s);
        return;
    }
    m_adminUrl = qEnvironmentVariable("DAFTAR_TEST_PG_URL");
    if (m_adminUrl.isEmpty()) {
        qFatal("DAFTAR_TEST_BACKEND=postgres needs DAFTAR_TEST_PG_URL (ctest sets both)");
    }
    m_name = u"daftar_test_%1"_s.arg(QRandomGenerator::global()->generate64(), 0, 16);
    if (!onServer(
            m_adminUrl, u"CREATE DATABASE %1 ENCODING 'UTF8' TEMPLATE template0"_s.arg(m_name))) {
        qFatal("Cannot create a test database on %s", qPrintable(m_adminUrl));
    }
    QString url = m_adminUrl;
    m_url = url.left(url.lastIndexOf(u'/') + 1) + m_name;
}

TestDatabase::~TestDatabase()
{
    if (m_postgres) {
        onServer(m_adminUrl, u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_name));
    }
}

storage::DatabaseLocation TestDatabase::location() const
{
    return storage::DatabaseLocation::parse(m_url).value();
}

std::unique_ptr<storage::Database> TestDatabase::open() const
{
    auto db = storage::Database::open(location());
    if (!db) {
        qFatal("Cannot open the test database %s: %s", qPrintable(m_url),
            qPrintable(db.errorMessage()));
    }
    return std::move(db).value();
}

} // namespace daftar::test
