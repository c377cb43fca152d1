// An open Daftar database, SQLite or PostgreSQL, behind one interface. All SQL goes
// through run() with bound values; writes go through inTransaction() so that a
// crash at any moment leaves either all of a change or none of it.
#pragma once

#include "DatabaseLocation.h"
#include "core/Result.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <memory>

namespace daftar::storage {

// A time as every timestamp column stores it: UTC, ISO 8601 with milliseconds.
QString timestampText(const QDateTime &at);
QString timestampNow();

// For NOT NULL text columns: a null QString would be bound as SQL NULL.
inline QString orEmpty(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

class Database
{
public:
    enum class Migration {
        Apply, // bring the schema up to this program's version (the normal start)
        Refuse // open as it is; used by `db check` and tests
    };

    // Opens (creating an SQLite file and its folder if needed) and, by default,
    // migrates. Refuses a database written by a newer Daftar, and a file or
    // PostgreSQL database that holds tables but is not Daftar's.
    static Result<std::unique_ptr<Database>> open(
        const DatabaseLocation &location, Migration migration = Migration::Apply);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseLocation &location() const { return m_location; }
    DatabaseLocation::Engine engine() const { return m_location.engine; }
    bool isPostgres() const { return engine() == DatabaseLocation::Engine::PostgreSQL; }

    // The version recorded in schema_version (0 for a new, empty database).
    Result<int> schemaVersion();

    // Prepares `sql` (with ? placeholders) and runs it with `values` bound in order.
    Result<QSqlQuery> run(const QString &sql, const QVariantList &values = {});

    // Like run(), but keeps the prepared statement for the next call with the same
    // SQL: for statements executed thousands of times (an import). The query stays
    // the database's; read its result before the same SQL runs again.
    Result<QSqlQuery *> runRepeated(const QString &sql, const QVariantList &values);

    // Runs `body` in one transaction: committed when it succeeds, rolled back when it
    // fails. Nested calls join the outer transaction. SQLite takes the write lock
    // at the start (BEGIN IMMEDIATE) so that two desktops never deadlock midway.
    Status inTransaction(const std::function<Status()> &body);
    bool inTransaction() const { return m_transactionDepth > 0; }

    // PRAGMA integrity_check / foreign_key_check on SQLite; schema and constraint
    // checks on PostgreSQL. Problems are described for the user.
    Result<QStringList> integrityProblems();

    // The table names in the database (for checks and tests).
    QStringList tables() const;

    // A bulk write (an import of many thousand rows) keeps more of the indexes
    // in memory while it runs, and its temporary tables and sorts in files;
    // afterwards the memory is given back. No-op on
    // PostgreSQL, whose server manages its own buffers.
    void setBulkCache(bool bulk);

private:
    Database(DatabaseLocation location, QString connectionName);
    Status configure();
    Status execute(const QString &sql);
    Error storageError(const QString &what, const QString &driverText) const;

    DatabaseLocation m_location;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_transactionDepth = 0;
    QHash<QString, QSqlQuery> m_prepared;
};

} // namespace daftar::storage
