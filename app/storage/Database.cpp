#include "Database.h"

#include "Schema.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>

#include <limits>

using namespace Qt::StringLiterals;

namespace daftar::storage {

namespace {

const QString normalCacheSize = u"PRAGMA cache_size=-65536"_s;

// Translation context of this file's messages.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Database)
};

QString nextConnectionName()
{
    static QAtomicInt counter;
    return u"daftar-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

Database::Database(DatabaseLocation location, QString connectionName)
    : m_location(std::move(location))
    , m_connectionName(std::move(connectionName))
{ }

Database::~Database()
{
    m_prepared.clear();
    if (m_db.isValid()) {
        m_db.close();
    }
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(
    const DatabaseLocation &location, Migration migration)
{
    const bool sqlite = location.engine == DatabaseLocation::Engine::SQLite;
    const QString driver = sqlite ? u"QSQLITE"_s : u"QPSQL"_s;
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return makeError(Error::Kind::Storage,
            Text::tr("The Qt database driver %1 is not installed. Reinstall Daftar "
                     "(on Debian: the package libqt6sql6-%2).")
                .arg(driver, sqlite ? u"sqlite"_s : u"psql"_s));
    }

    std::unique_ptr<Database> db(new Database(location, nextConnectionName()));
    db->m_db = QSqlDatabase::addDatabase(driver, db->m_connectionName);
    if (sqlite) {
        const QFileInfo file(location.path);
        if (!QDir().mkpath(file.absolutePath())) {
            return makeError(Error::Kind::Storage,
                Text::tr("Cannot create the folder %1 for the database. Check that you "
                         "may write there, or choose another location.")
                    .arg(QDir::toNativeSeparators(file.absolutePath())));
        }
        db->m_db.setDatabaseName(location.path);
        db->m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    } else {
        db->m_db.setHostName(location.host);
        db->m_db.setPort(location.port);
        db->m_db.setUserName(location.user);
        db->m_db.setPassword(location.password);
        db->m_db.setDatabaseName(location.databaseName);
        db->m_db.setConnectOptions(u"connect_timeout=10;application_name=daftar"_s);
    }
    if (!db->m_db.open()) {
        return makeError(Error::Kind::Storage,
            Text::tr("Cannot open the database %1: %2")
                .arg(location.displayName(), db->m_db.lastError().text()));
    }
    if (const Status configured = db->configure(); !configured) {
        return configured.error();
    }
    const Status schema
        = migration == Migration::Apply ? migrateToLatest(*db) : checkCompatible(*db);
    if (!schema) {
        return schema.error();
    }
    return db;
}

Status Database::configure()
{
    if (isPostgres()) {
        // Timestamps are written by the program in UTC; keep the session in UTC
        // and UTF-8 so that every desktop reads the same text back.
        for (const auto &sql : {u"SET client_encoding TO 'UTF8'"_s, u"SET TIME ZONE 'UTC'"_s}) {
            if (const Status s = execute(sql); !s) {
                return s;
            }
        }
        return success();
    }
    // WAL lets readers work while one desktop writes; synchronous=FULL keeps a
    // committed change through a power cut; foreign keys are off by default in SQLite.
    // A page cache of 64 MiB keeps the member indexes of a large bank in memory
    // (SQLite's default of 2 MiB makes a million-row import re-read its own pages).
    // Reads go through a memory map of up to 1 GiB: a type-ahead search touches
    // thousands of member rows, and a system call for each took most of its time
    // (the mapped pages are the system's file cache, given back under pressure).
    for (const auto &sql : {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s,
             u"PRAGMA foreign_keys=ON"_s, normalCacheSize, u"PRAGMA temp_store=MEMORY"_s}) {
        if (const Status s = execute(sql); !s) {
            return s;
        }
    }
    return success();
}

QString timestampText(const QDateTime &at)
{
    // An import writes many rows per millisecond: format each millisecond once.
    thread_local qint64 lastMs = std::numeric_limits<qint64>::min();
    thread_local QString lastText;
    if (const qint64 ms = at.toMSecsSinceEpoch(); ms != lastMs) {
        lastMs = ms;
        lastText = at.toUTC().toString(Qt::ISODateWithMs);
    }
    return lastText;
}

QString timestampNow()
{
    return timestampText(QDateTime::currentDateTimeUtc());
}

void Database::setBulkCache(bool bulk)
{
    if (isPostgres()) {
        return;
    }
    // 256 MiB: a million members' indexes stop being re-read from the file.
    (void)execute(bulk ? u"PRAGMA cache_size=-262144"_s : normalCacheSize);
    (void)execute(bulk ? u"PRAGMA temp.cache_size=-262144"_s : u"PRAGMA temp.cache_size=-2000"_s);
    // An import may stage a million rows and sort them to build indexes: in
    // temporary files, not in memory.
    (void)execute(bulk ? u"PRAGMA temp_store=FILE"_s : u"PRAGMA temp_store=MEMORY"_s);
    if (!bulk) {
        (void)execute(u"PRAGMA shrink_memory"_s);
    }
}

Status Database::execute(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        return storageError(sql, query.lastError().text());
    }
    return success();
}

Error Database::storageError(const QString &what, const QString &driverText) const
{
    return makeError(Error::Kind::Storage,
        Text::tr("The database %1 reported an error (%2): %3")
            .arg(m_location.displayName(), what.simplified().left(80), driverText));
}

Result<int> Database::schemaVersion()
{
    if (!tables().contains(u"schema_version"_s)) {
        return 0;
    }
    auto query = run(u"SELECT COALESCE(MAX(version), 0) FROM schema_version"_s);
    if (!query) {
        return query.error();
    }
    query->next();
    return query->value(0).toInt();
}

Result<QSqlQuery> Database::run(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (values.isEmpty()) {
        // PostgreSQL cannot prepare DDL (CREATE DATABASE, CREATE TABLE); a statement
        // without values has nothing to bind anyway.
        if (!query.exec(sql)) {
            return storageError(sql, query.lastError().text());
        }
        return query;
    }
    if (!query.prepare(sql)) {
        return storageError(sql, query.lastError().text());
    }
    for (const QVariant &value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return storageError(sql, query.lastError().text());
    }
    return query;
}

Result<QSqlQuery *> Database::runRepeated(const QString &sql, const QVariantList &values)
{
    auto cached = m_prepared.find(sql);
    if (cached == m_prepared.end()) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            return storageError(sql, query.lastError().text());
        }
        cached = m_prepared.insert(sql, std::move(query));
    }
    QSqlQuery &query = *cached;
    for (int i = 0; i < values.size(); ++i) {
        query.bindValue(i, values.at(i));
    }
    if (!query.exec()) {
        return storageError(sql, query.lastError().text());
    }
    return &query;
}

Status Database::inTransaction(const std::function<Status()> &body)
{
    if (m_transactionDepth > 0) {
        ++m_transactionDepth;
        const Status result = body();
        --m_transactionDepth;
        return result;
    }
    if (const Status begun = execute(isPostgres() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s); !begun) {
        return begun;
    }
    m_transactionDepth = 1;
    const Status result = body();
    m_transactionDepth = 0;
    if (!result) {
        (void)execute(u"ROLLBACK"_s); // the failure to report is the body's
        return result;
    }
    if (const Status committed = execute(u"COMMIT"_s); !committed) {
        (void)execute(u"ROLLBACK"_s);
        return committed;
    }
    return success();
}

QStringList Database::tables() const
{
    return m_db.tables(QSql::Tables);
}

Result<QStringList> Database::integrityProblems()
{
    QStringList problems;
    if (!isPostgres()) {
        auto integrity = run(u"PRAGMA integrity_check"_s);
        if (!integrity) {
            return integrity.error();
        }
        while (integrity->next()) {
            const QString line = integrity->value(0).toString();
            if (line != "ok"_L1) {
                problems << Text::tr("SQLite integrity check: %1").arg(line);
            }
        }
        auto keys = run(u"PRAGMA foreign_key_check"_s);
        if (!keys) {
            return keys.error();
        }
        while (keys->next()) {
            problems << Text::tr("Row %1 of table %2 refers to a missing row of table %3.")
                            .arg(keys->value(1).toString(), keys->value(0).toString(),
                                keys->value(2).toString());
        }
    } else {
        // PostgreSQL keeps its own pages consistent; what can go wrong for us is a
        // constraint someone disabled or left unvalidated by hand.
        auto constraints
            = run(u"SELECT conrelid::regclass::text, conname FROM pg_constraint "
                  "WHERE connamespace = 'public'::regnamespace AND NOT convalidated"_s);
        if (!constraints) {
            return constraints.error();
        }
        while (constraints->next()) {
            problems << Text::tr("Constraint %1 on table %2 is not validated.")
                            .arg(
                                constraints->value(1).toString(), constraints->value(0).toString());
        }
    }
    const QStringList present = tables();
    for (const QString &table : expectedTables()) {
        if (!present.contains(table)) {
            problems << Text::tr("Table %1 is missing.").arg(table);
        }
    }
    auto version = schemaVersion();
    if (!version) {
        return version.error();
    }
    if (*version != latestSchemaVersion()) {
        problems << Text::tr("The schema is at version %1; this program expects %2. Run "
                             "\"daftar-cli db migrate\".")
                        .arg(*version)
                        .arg(latestSchemaVersion());
    }
    return problems;
}

} // namespace daftar::storage
