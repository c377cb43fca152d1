// A fresh, empty database for one test, on the engine the test run asks for
// (DAFTAR_TEST_BACKEND=sqlite|postgres): a SQLite file in a temporary folder, or a
// new database on the test PostgreSQL server, dropped again afterwards.
#pragma once

#include "storage/Database.h"

#include <QTemporaryDir>

#include <memory>

namespace daftar::test {

class TestDatabase
{
public:
    TestDatabase();
    ~TestDatabase();

    bool isPostgres() const { return m_postgres; }
    QString backendName() const
    {
        return m_postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite");
    }

    // The connection string of the fresh database, for Database::open or daftar-cli --db.
    QString url() const { return m_url; }
    storage::DatabaseLocation location() const;

    // Opens (and migrates) it; the test fails loudly when that does not work.
    std::unique_ptr<storage::Database> open() const;

private:
    bool m_postgres = false;
    QTemporaryDir m_dir;
    QString m_url;
    QString m_adminUrl;
    QString m_name;
};

} // namespace daftar::test
