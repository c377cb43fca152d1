// The member bank at scale: import of N generated members against the sqlite3
// shell's bare .import of the same file (and against the shell writing the same
// rows into Daftar's schema), and type-ahead search latency against the same
// query run bare in the sqlite3 shell — and, given a server, in psql.
//   build/release/bench/bench_members [COUNT] [WORKDIR] [--search-only]
//       [--postgres postgresql://user@host:port/db] [--verbose] [--tuning FEW,WINDOW,PGWINDOW]
// --search-only reuses the bank an earlier run left in WORKDIR (an older schema is
// upgraded first, and the time it took printed); a PostgreSQL server for
// --postgres can be started with tests/services/postgres.sh start PORT.
#include "MemberGenerator.h"
#include "accounts/Actor.h"
#include "members/MemberImport.h"
#include "members/MemberService.h"
#include "storage/Database.h"
#include "text/PersianText.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <numeric>

using namespace Qt::StringLiterals;
using namespace daftar;

namespace {

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

QString writeCsv(const QString &path, int count, QStringList *names)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return {};
    }
    bench::MemberGenerator generator(20261128);
    QByteArray buffer = "\xEF\xBB\xBF";
    buffer
        += u"شماره عضویت,نوع عضو,نام,نام خانوادگی,نام تعاونی,کد ملی,استان,شهر,تلفن همراه,کد پستی,تاریخ عضویت,وضعیت\r\n"_s
               .toUtf8();
    for (int i = 0; i < count; ++i) {
        const bench::SyntheticMember m = generator.next();
        const QString kind = m.kind == "legal"_L1 ? u"حقوقی"_s : u"حقیقی"_s;
        buffer += QStringList {m.membershipNo, kind, m.firstName, m.lastName, m.organizationName,
            m.nationalId, m.provinceName, m.city, m.mobile, m.postalCode, m.joinDateJalali,
            u"فعال"_s}
                      .join(u',')
                      .toUtf8();
        buffer += "\r\n";
        if (names->size() < 5000 && m.kind == "person"_L1) {
            *names << m.firstName << m.lastName;
        }
        if (buffer.size() > (1 << 22)) {
            file.write(buffer);
            buffer.clear();
        }
    }
    file.write(buffer);
    return path;
}

// 1–4 letter prefixes of real names, a third with a province filter.
QList<std::pair<QString, QString>> typeAheadQueries(const QStringList &names)
{
    QList<std::pair<QString, QString>> queries;
    QRandomGenerator seeded(20261128); // the same queries in every run
    auto *random = &seeded;
    const QStringList provinces {u"IR-23"_s, u"IR-10"_s, u"IR-09"_s, u"IR-07"_s, u"IR-03"_s};
    for (int i = 0; i < 200; ++i) {
        const QString name = text::searchKey(names.at(random->bounded(int(names.size()))));
        const QString prefix = name.left(1 + i % 4).trimmed();
        queries.append({prefix, i % 3 == 0 ? provinces.at(i % provinces.size()) : QString()});
    }
    return queries;
}

// The 200 queries through MemberService, as the members page sends them;
// empty when one fails.
QList<double> timeSearches(members::MemberService &service, const accounts::Actor &actor,
    const QList<std::pair<QString, QString>> &queries, bool verbose)
{
    QList<double> latencies;
    QElapsedTimer timer;
    for (const auto &[prefix, province] : queries) {
        members::MemberQuery query;
        query.text = prefix;
        query.province = province;
        query.limit = 50;
        timer.restart();
        const auto found = service.search(actor, query);
        latencies << double(timer.nsecsElapsed()) / 1e6;
        if (verbose) {
            std::printf(
                "  %6.1f ms  %s %s\n", latencies.last(), qPrintable(prefix), qPrintable(province));
        }
        if (!found) {
            std::printf("%s\n", qPrintable(found.errorMessage()));
            return {};
        }
    }
    return latencies;
}

void printLatencies(const char *what, QList<double> latencies)
{
    std::sort(latencies.begin(), latencies.end());
    const auto percentile = [&](double p) {
        return latencies.at(int(p * (latencies.size() - 1)));
    };
    std::printf("%s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms (target p95 < 20 ms)\n", what,
        percentile(0.5), percentile(0.95), latencies.last());
}

double mean(const QList<double> &values)
{
    return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

// Runs a program with INPUT on its standard input; the seconds it took.
double runTimed(const QString &program, const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    QElapsedTimer clock;
    clock.start();
    process.start(program, arguments);
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(-1);
    if (process.exitCode() != 0) {
        std::printf("%s failed: %s\n", qPrintable(program),
            process.readAllStandardError().left(400).constData());
    }
    return double(clock.nsecsElapsed()) / 1e9;
}

// The same bank and the same 200 queries on PostgreSQL: the members are copied
// from the SQLite bank with COPY (the search, not the import, is measured here).
int postgresSearch(const QString &url, const QString &sqliteDb, const QString &dir,
    const accounts::Actor &actor, const QList<std::pair<QString, QString>> &queries, bool verbose)
{
    const QString psql = QStandardPaths::findExecutable(u"psql"_s);
    const QString sqlite3 = QStandardPaths::findExecutable(u"sqlite3"_s);
    auto location = storage::DatabaseLocation::parse(url);
    if (psql.isEmpty() || sqlite3.isEmpty() || !location) {
        std::printf("PostgreSQL search needs psql, sqlite3 and a postgresql:// URL\n");
        return 1;
    }
    auto db = storage::Database::open(*location);
    if (!db) {
        std::printf("%s\n", qPrintable(db.errorMessage()));
        return 1;
    }
    // Every column of the SQLite bank but the branch (the generated members have
    // none, and the PostgreSQL bank need not hold the same branches) and the
    // place in name order (SQLite's search index alone has it).
    QProcess described;
    described.start(sqlite3,
        {sqliteDb,
            u"SELECT group_concat(name, ', ') FROM pragma_table_info('members') "
            "WHERE name NOT IN ('branch_id', 'name_rank')"_s});
    described.waitForFinished(-1);
    const QString columns = QString::fromUtf8(described.readAllStandardOutput()).trimmed();
    if (columns.isEmpty()) {
        std::printf("could not read the columns of %s\n", qPrintable(sqliteDb));
        return 1;
    }
    auto counted = (*db)->run(u"SELECT COUNT(*) FROM members"_s);
    counted->next();
    QProcess source;
    source.start(sqlite3, {sqliteDb, u"SELECT COUNT(*) FROM members"_s});
    source.waitForFinished(-1);
    const qint64 wanted = source.readAllStandardOutput().trimmed().toLongLong();
    if (counted->value(0).toLongLong() != wanted) {
        const QString csv = QDir(dir).filePath(u"members-for-postgres.csv"_s);
        QElapsedTimer clock;
        clock.start();
        runTimed(sqlite3, {u"-csv"_s, u"-cmd"_s, u".output %1"_s.arg(csv), sqliteDb},
            (u"SELECT "_s + columns + u" FROM members;\n"_s).toUtf8());
        // The search index is built once after the copy rather than row by row.
        runTimed(psql, {u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, url},
            (u"TRUNCATE members RESTART IDENTITY CASCADE;\n"
             "DROP INDEX IF EXISTS members_search;\n"
             "BEGIN;\n"
             "SELECT set_config('daftar.bulk_members', 'on', true);\n" // as an import does
             "\\copy members ("_s
                + columns + u") FROM '"_s + csv
                + u"' CSV\n"
                  "COMMIT;\n"
                  "CREATE INDEX members_search ON members USING GIN (to_tsvector('simple', "
                  "search_key));\n"
                  "UPDATE counters SET value = (SELECT COUNT(*) FROM members) WHERE name = "
                  "'members';\n"
                  "ANALYZE members;\n"_s)
                .toUtf8());
        auto copied = (*db)->run(u"SELECT COUNT(*) FROM members"_s);
        copied->next();
        if (copied->value(0).toLongLong() != wanted) {
            std::printf("PostgreSQL holds %lld members after the copy, not %lld\n",
                copied->value(0).toLongLong(), static_cast<long long>(wanted));
            return 1;
        }
        std::printf("PostgreSQL: %lld members copied in with COPY in %.1f s\n",
            static_cast<long long>(wanted), double(clock.nsecsElapsed()) / 1e9);
    }
    members::MemberService service(**db);
    const auto latencies = timeSearches(service, actor, queries, verbose);
    if (latencies.isEmpty()) {
        return 1;
    }
    printLatencies("PostgreSQL search, the same 200 queries  ", latencies);
    // The statement MemberService sends, bare in one psql process.
    QByteArray script = "\\o /dev/null\n";
    for (const auto &[prefix, province] : queries) {
        script
            += (u"SELECT * FROM members WHERE to_tsvector('simple', search_key) @@ "
                "to_tsquery('simple', '%1:*')%2 ORDER BY sort_key, id LIMIT 50 OFFSET 0;\n"_s.arg(
                    prefix,
                    province.isEmpty() ? QString() : u" AND province = '%1'"_s.arg(province)))
                   .toUtf8();
    }
    const QStringList psqlArguments {u"-q"_s, url};
    const double startup = runTimed(psql, psqlArguments, "\\o /dev/null\n");
    const double total = runTimed(psql, psqlArguments, script) - startup;
    std::printf(
        "the same 200 queries bare in psql            mean %6.1f ms (Daftar mean %6.1f ms)\n",
        total * 1000 / 200, mean(latencies));
    return 0;
}

// A SQLite file and its write-ahead log, gone before a run writes it anew.
void removeDatabase(const QString &path)
{
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
        QFile::remove(path + suffix);
    }
}

// Runs `script` in the sqlite3 shell on `db`, with `source` attached as src:
// how long it took, and what the shell said about it.
std::pair<double, QString> inShell(
    const QString &sqlite3, const QString &db, const QString &source, const QByteArray &script)
{
    QElapsedTimer timer;
    timer.start();
    QProcess shell;
    shell.start(sqlite3, {db, u"-cmd"_s, u"ATTACH '%1' AS src"_s.arg(source)});
    shell.write(script);
    shell.closeWriteChannel();
    shell.waitForFinished(-1);
    return {seconds(timer), QString::fromUtf8(shell.readAllStandardError()).trimmed()};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    // --search-only: time the searches on the bank an earlier run left in WORKDIR.
    const bool searchOnly = arguments.contains(u"--search-only"_s);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 1000000;
    QTemporaryDir temporary;
    const QString dir = argc > 2 ? QString::fromLocal8Bit(argv[2]) : temporary.path();
    QDir().mkpath(dir);
    const QString sqlite3 = QStandardPaths::findExecutable(u"sqlite3"_s);
    std::printf(
        "Daftar member bank benchmark: %d members, work folder %s\n", count, qPrintable(dir));

    const accounts::Actor admin = accounts::Actor::operatingSystemUser();
    QStringList names;
    QElapsedTimer timer;
    const QString dbPath = QDir(dir).filePath(u"daftar.sqlite"_s);
    const QString csv = QDir(dir).filePath(u"members.csv"_s);
    double bare = 0;
    if (!searchOnly) {
        timer.start();
        writeCsv(csv, count, &names);
        std::printf("generate CSV                               %8.2f s  (%.1f MB)\n",
            seconds(timer), double(QFileInfo(csv).size()) / 1e6);

        if (!sqlite3.isEmpty()) {
            const QString bareDb = QDir(dir).filePath(u"bare.sqlite"_s);
            QFile::remove(bareDb);
            timer.restart();
            QProcess shell;
            shell.start(sqlite3, {bareDb, u".import --csv "_s + csv + u" bare"_s});
            shell.waitForFinished(-1);
            bare = seconds(timer);
            std::printf("sqlite3 shell .import into a bare table    %8.2f s\n", bare);
        }

        removeDatabase(dbPath);
    }
    timer.restart();
    auto db = storage::Database::open(storage::DatabaseLocation::parse(dbPath).value());
    if (!db) {
        std::printf("%s\n", qPrintable(db.errorMessage()));
        return 1;
    }
    if (searchOnly) {
        std::printf("opening the bank (with any schema upgrade) %8.2f s\n", seconds(timer));
        auto sample = (*db)->run(u"SELECT first_name, last_name FROM members WHERE kind = "
                                 "'person' ORDER BY id LIMIT 2500"_s);
        while (sample && sample->next()) {
            names << sample->value(0).toString() << sample->value(1).toString();
        }
        if (names.isEmpty()) {
            std::printf(
                "%s holds no members: run without --search-only first.\n", qPrintable(dbPath));
            return 1;
        }
    } else {
        timer.restart();
        const auto report = members::MemberImport(**db).run(admin, csv, {});
        const double imported = seconds(timer);
        if (!report) {
            std::printf("%s\n", qPrintable(report.errorMessage()));
            return 1;
        }
        std::printf(
            "Daftar import (validate, normalise, index) %8.2f s  (%lld in, %lld rejected)%s\n",
            imported, static_cast<long long>(report->imported),
            static_cast<long long>(report->rejected),
            bare > 0 ? qPrintable(
                u"  = %1x the bare import (target: 5x)"_s.arg(imported / bare, 0, 'f', 1))
                     : "");

        if (!sqlite3.isEmpty()) {
            // The floor: the sqlite3 shell writing the very rows Daftar wrote (members
            // with their indexes and search index, and the audit entries) into an
            // empty copy of the schema, in one transaction with the same page cache.
            const QString rawDb = QDir(dir).filePath(u"raw-same-writes.sqlite"_s);
            removeDatabase(rawDb);
            QProcess schema;
            schema.start(sqlite3, {dbPath, u".schema"_s});
            schema.waitForFinished(-1);
            QString script = u"PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n"
                             "PRAGMA cache_size=-262144;\n"_s;
            for (const QString &line :
                QString::fromUtf8(schema.readAllStandardOutput()).split(u'\n')) {
                if (!line.contains(u"sqlite_sequence"_s)) {
                    script += line + u'\n';
                }
            }
            script += u"INSERT INTO counters SELECT * FROM src.counters WHERE name <> 'members';\n"
                      "INSERT INTO counters VALUES ('members', 0);\n"_s;
            inShell(sqlite3, rawDb, dbPath, script.toUtf8());
            const auto [raw, said] = inShell(sqlite3, rawDb, dbPath,
                "PRAGMA cache_size=-262144;\nBEGIN;\n"
                "INSERT INTO members SELECT * FROM src.members ORDER BY name_rank;\n"
                "INSERT INTO audit_log SELECT * FROM src.audit_log;\nCOMMIT;\n");
            std::printf(
                "sqlite3 shell, the same writes into Daftar's schema %6.2f s  = Daftar %.2fx of "
                "it%s\n",
                raw, imported / raw,
                said.isEmpty() ? "" : qPrintable(u" (sqlite3 said: %1)"_s.arg(said)));

            // The least any design that meets the issue must write: the members,
            // already checked and normalised, into a table holding the two
            // uniqueness rules (national code per kind, membership number; they
            // also serve prefix search on both), an index on the mobile (its
            // search), one on the sort key (Persian order) and a prefix search
            // index over names and city. No places in name order, no province or
            // duplicate-finding index, no history. Added to the bare .import
            // (which is what reading the file costs), it bounds any import from
            // below. Every index is built after the rows are in, the cheapest way.
            const QString leastDb = QDir(dir).filePath(u"raw-least-writes.sqlite"_s);
            removeDatabase(leastDb);
            const auto [least, leastSaid] = inShell(sqlite3, leastDb, dbPath,
                "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n"
                "PRAGMA cache_size=-262144;\nBEGIN;\n"
                "CREATE TABLE m AS SELECT * FROM src.members WHERE 0;\n"
                "INSERT INTO m SELECT * FROM src.members ORDER BY name_rank;\n"
                "CREATE UNIQUE INDEX m_national ON m (kind, national_id);\n"
                "CREATE UNIQUE INDEX m_number ON m (membership_no);\n"
                "CREATE INDEX m_mobile ON m (mobile);\n"
                "CREATE INDEX m_sort ON m (sort_key);\n"
                "CREATE VIRTUAL TABLE m_fts USING fts5(first_name, last_name, "
                "organization_name, city, content='m', tokenize='unicode61 "
                "remove_diacritics 0', prefix='1 2 3', detail='column');\n"
                "INSERT INTO m_fts (m_fts) VALUES ('rebuild');\nCOMMIT;\n");
            std::printf("sqlite3 shell, the least any design must write %6.2f s; with the bare "
                        ".import %.2f s = %.1fx the bare import%s\n",
                least, least + bare, bare > 0 ? (least + bare) / bare : 0.0,
                leastSaid.isEmpty() ? "" : qPrintable(u" (sqlite3 said: %1)"_s.arg(leastSaid)));
        }
    }
    members::MemberService service(**db);
    if (const qsizetype at = arguments.indexOf(u"--tuning"_s);
        at > 0 && at + 1 < arguments.size()) {
        // --tuning FEW,WINDOW,PGWINDOW: try other thresholds for search().
        const QStringList values = arguments.at(at + 1).split(u',');
        auto &tuning = members::MemberService::searchTuning();
        tuning.fewMatches = values.value(0).toInt();
        tuning.windowRows = values.value(1).toInt();
        tuning.postgresWindowRows
            = values.value(2, QString::number(tuning.postgresWindowRows)).toInt();
    }
    const auto queries = typeAheadQueries(names);
    const auto latencies
        = timeSearches(service, admin, queries, arguments.contains(u"--verbose"_s));
    if (latencies.isEmpty()) {
        return 1;
    }
    printLatencies("search, 200 type-ahead queries (first 50)  ", latencies);

    if (!sqlite3.isEmpty()) {
        // The same statements, bare, in one sqlite3 process; its start-up is timed
        // separately and taken off.
        QString script = u".output /dev/null\n"_s;
        for (const auto &[prefix, province] : queries) {
            // As MemberService writes it: the search index, keyed by the members'
            // places in name order, hands out the first 50 in that order.
            script += u"SELECT m.* FROM members_fts f CROSS JOIN members m "
                      "ON m.name_rank = f.rowid WHERE f.members_fts MATCH "
                      "'search_key : (\"%1\"*)%2' ORDER BY f.rowid LIMIT 50;\n"_s.arg(prefix,
                          province.isEmpty() ? QString()
                                             : u" AND province : \"%1\""_s.arg(province.mid(3)));
        }
        const auto runShell = [&](const QString &input) {
            QProcess shell;
            QElapsedTimer clock;
            clock.start();
            shell.start(sqlite3, {dbPath});
            shell.write(input.toUtf8());
            shell.closeWriteChannel();
            shell.waitForFinished(-1);
            return seconds(clock);
        };
        const double startup = runShell(u".output /dev/null\n"_s);
        const double total = runShell(script) - startup;
        std::printf(
            "the same 200 queries bare in sqlite3        mean %6.1f ms (Daftar mean %6.1f ms)\n",
            total * 1000 / 200, mean(latencies));
    }
    if (const qsizetype at = arguments.indexOf(u"--postgres"_s);
        at > 0 && at + 1 < arguments.size()) {
        return postgresSearch(
            arguments.at(at + 1), dbPath, dir, admin, queries, arguments.contains(u"--verbose"_s));
    }
    return 0;
}
