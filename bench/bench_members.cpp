// The member bank at scale: import of N generated members against the sqlite3
// shell's bare .import of the same file, and type-ahead search latency against
// the same FTS query run bare in the sqlite3 shell.
//   build/release/bench/bench_members [COUNT] [WORKDIR]
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
    auto *random = QRandomGenerator::global();
    const QStringList provinces {u"IR-23"_s, u"IR-10"_s, u"IR-09"_s, u"IR-07"_s, u"IR-03"_s};
    for (int i = 0; i < 200; ++i) {
        const QString name = text::searchKey(names.at(random->bounded(int(names.size()))));
        const QString prefix = name.left(1 + i % 4).trimmed();
        queries.append({prefix, i % 3 == 0 ? provinces.at(i % provinces.size()) : QString()});
    }
    return queries;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 1000000;
    QTemporaryDir temporary;
    const QString dir = argc > 2 ? QString::fromLocal8Bit(argv[2]) : temporary.path();
    QDir().mkpath(dir);
    const QString sqlite3 = QStandardPaths::findExecutable(u"sqlite3"_s);
    std::printf(
        "Daftar member bank benchmark: %d members, work folder %s\n", count, qPrintable(dir));

    QStringList names;
    QElapsedTimer timer;
    timer.start();
    const QString csv = writeCsv(QDir(dir).filePath(u"members.csv"_s), count, &names);
    std::printf("generate CSV                               %8.2f s  (%.1f MB)\n", seconds(timer),
        double(QFileInfo(csv).size()) / 1e6);

    double bare = 0;
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

    const QString dbPath = QDir(dir).filePath(u"daftar.sqlite"_s);
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
        QFile::remove(dbPath + suffix);
    }
    auto db = storage::Database::open(storage::DatabaseLocation::parse(dbPath).value());
    if (!db) {
        std::printf("%s\n", qPrintable(db.errorMessage()));
        return 1;
    }
    const accounts::Actor admin = accounts::Actor::operatingSystemUser();
    timer.restart();
    const auto report = members::MemberImport(**db).run(admin, csv, {});
    const double imported = seconds(timer);
    if (!report) {
        std::printf("%s\n", qPrintable(report.errorMessage()));
        return 1;
    }
    std::printf("Daftar import (validate, normalise, index) %8.2f s  (%lld in, %lld rejected)%s\n",
        imported, static_cast<long long>(report->imported),
        static_cast<long long>(report->rejected),
        bare > 0
            ? qPrintable(u"  = %1x the bare import (target: 5x)"_s.arg(imported / bare, 0, 'f', 1))
            : "");

    if (!sqlite3.isEmpty()) {
        // The floor: the sqlite3 shell writing the very rows Daftar wrote (members
        // with their indexes and search index, and the audit entries) into an
        // empty copy of the schema, in one transaction with the same page cache.
        const QString rawDb = QDir(dir).filePath(u"raw-same-writes.sqlite"_s);
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
            QFile::remove(rawDb + suffix);
        }
        QProcess schema;
        schema.start(sqlite3, {dbPath, u".schema"_s});
        schema.waitForFinished(-1);
        QString script = u"PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n"
                         "PRAGMA cache_size=-262144;\n"_s;
        for (const QString &line : QString::fromUtf8(schema.readAllStandardOutput()).split(u'\n')) {
            if (!line.contains(u"sqlite_sequence"_s)) {
                script += line + u'\n';
            }
        }
        script += u"INSERT INTO counters SELECT * FROM src.counters WHERE name <> 'members';\n"
                  "INSERT INTO counters VALUES ('members', 0);\n"_s;
        QProcess shell;
        shell.start(sqlite3, {rawDb, u"-cmd"_s, u"ATTACH '%1' AS src"_s.arg(dbPath)});
        shell.write(script.toUtf8());
        shell.closeWriteChannel();
        shell.waitForFinished(-1);
        timer.restart();
        shell.start(sqlite3, {rawDb, u"-cmd"_s, u"ATTACH '%1' AS src"_s.arg(dbPath)});
        shell.write("PRAGMA cache_size=-262144;\nBEGIN;\n"
                    "INSERT INTO members SELECT * FROM src.members;\n"
                    "INSERT INTO audit_log SELECT * FROM src.audit_log;\nCOMMIT;\n");
        shell.closeWriteChannel();
        shell.waitForFinished(-1);
        const double raw = seconds(timer);
        const QString said = QString::fromUtf8(shell.readAllStandardError()).trimmed();
        std::printf(
            "sqlite3 shell, the same writes into Daftar's schema %6.2f s  = Daftar %.2fx of "
            "it%s\n",
            raw, imported / raw,
            said.isEmpty() ? "" : qPrintable(u" (sqlite3 said: %1)"_s.arg(said)));
    }

    members::MemberService service(**db);
    const auto queries = typeAheadQueries(names);
    QList<double> latencies;
    for (const auto &[prefix, province] : queries) {
        members::MemberQuery query;
        query.text = prefix;
        query.province = province;
        query.limit = 50;
        timer.restart();
        const auto found = service.search(admin, query);
        latencies << double(timer.nsecsElapsed()) / 1e6;
        if (!found) {
            std::printf("%s\n", qPrintable(found.errorMessage()));
            return 1;
        }
    }
    std::sort(latencies.begin(), latencies.end());
    const auto percentile = [&](double p) {
        return latencies.at(int(p * (latencies.size() - 1)));
    };
    std::printf("search, 200 type-ahead queries (first 50)   p50 %6.1f ms  p95 %6.1f ms  max %6.1f "
                "ms (target p95 < 20 ms)\n",
        percentile(0.5), percentile(0.95), latencies.last());

    if (!sqlite3.isEmpty()) {
        // The same statements, bare, in one sqlite3 process; its start-up is timed
        // separately and taken off.
        QString script = u".output /dev/null\n"_s;
        for (const auto &[prefix, province] : queries) {
            // As MemberService writes it: short prefixes walk the name index.
            script
                += u"SELECT * FROM members WHERE %3 IN (SELECT rowid FROM members_fts WHERE "
                   "members_fts MATCH '\"%1\"*')%2 ORDER BY sort_key, id LIMIT 50;\n"_s.arg(prefix,
                       province.isEmpty() ? QString() : u" AND province = '%1'"_s.arg(province),
                       prefix.size() <= 2 ? u"+id"_s : u"id"_s);
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
            total * 1000 / 200,
            std::accumulate(latencies.begin(), latencies.end(), 0.0) / latencies.size());
    }
    return 0;
}
