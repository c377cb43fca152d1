// Figures for the foundation: how fast the text keys are built (they will index a
// million members), what a login costs (Argon2id), and what an audited write
// costs on SQLite next to the sqlite3 shell doing the same inserts.
#include "accounts/PasswordHash.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "text/Collation.h"
#include "text/PersianText.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace daftar;

namespace {

void report(const char *what, qint64 count, qint64 nanoseconds)
{
    std::printf("%-52s %9lld in %8.1f ms  (%.2f µs each)\n", what, static_cast<long long>(count),
        double(nanoseconds) / 1e6, double(nanoseconds) / 1e3 / double(count));
}

QStringList names(int count)
{
    // Names as import files carry them: Arabic yeh/kaf, ZWNJ, digits, spaces.
    const QStringList first {u"علي"_s, u"محمد"_s, u"فاطمه"_s, u"زهرا"_s, u"كاوه"_s, u"مهدی"_s,
        u"نرگس"_s, u"پژمان"_s, u"گلناز"_s, u"ژیلا"_s};
    const QStringList last {u"احمدي"_s, u"کریمی"_s, u"رضایی"_s, u"می‌رزایی"_s, u"چگینی"_s,
        u"تعاونی مصرف ۱۲"_s, u"شرکت تعاونی کشاورزی"_s};
    QStringList out;
    out.reserve(count);
    auto *random = QRandomGenerator::global();
    for (int i = 0; i < count; ++i) {
        out << first.at(random->bounded(first.size())) + u' '
                + last.at(random->bounded(last.size())) + u' ' + QString::number(i);
    }
    return out;
}

void textKeys(int count)
{
    const QStringList input = names(count);
    QElapsedTimer timer;
    timer.start();
    qsizetype total = 0;
    for (const QString &name : input) {
        total += text::searchKey(name).size();
    }
    report("search key (NFKC + letters + digits)", count, timer.nsecsElapsed());
    timer.restart();
    for (const QString &name : input) {
        total += text::collationKey(name).size();
    }
    report("ICU collation key (fa)", count, timer.nsecsElapsed());
    if (total == 0) {
        std::puts("(no output?)");
    }
}

void passwordHash()
{
    QElapsedTimer timer;
    timer.start();
    const QString hash = accounts::PasswordHash::hash(u"Tehran-1403!"_s);
    report("Argon2id hash (64 MiB, 2 passes) = one new password", 1, timer.nsecsElapsed());
    timer.restart();
    const int rounds = 5;
    for (int i = 0; i < rounds; ++i) {
        accounts::PasswordHash::verify(hash, u"Tehran-1403!"_s);
    }
    report("Argon2id verify = one login", rounds, timer.nsecsElapsed());
}

void auditedWrites(int count)
{
    QTemporaryDir dir;
    auto db = storage::Database::open(
        storage::DatabaseLocation::parse(dir.filePath(u"bench.sqlite"_s)).value());
    if (!db) {
        std::printf("cannot open: %s\n", qPrintable(db.errorMessage()));
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const Status batch = (*db)->inTransaction([&]() -> Status {
        for (int i = 0; i < count; ++i) {
            if (Status s = storage::AuditLog::record(**db, {std::nullopt, u"bench"_s},
                    u"bench.write"_s, u"thing"_s, QString::number(i), {}, {{u"n"_s, i}});
                !s) {
                return s;
            }
        }
        return success();
    });
    report("audited writes, one transaction (Daftar core)", count, timer.nsecsElapsed());

    const int single = 200;
    timer.restart();
    for (int i = 0; i < single; ++i) {
        (void)(*db)->inTransaction([&] {
            return storage::AuditLog::record(**db, {std::nullopt, u"bench"_s}, u"bench.write"_s,
                u"thing"_s, QString::number(i), {}, {{u"n"_s, i}});
        });
    }
    report("audited writes, a transaction each (synchronous=FULL)", single, timer.nsecsElapsed());

    const QString sqlite3 = QStandardPaths::findExecutable(u"sqlite3"_s);
    if (sqlite3.isEmpty() || !batch) {
        std::puts("sqlite3 shell not found: no comparison");
        return;
    }
    // The same rows through the sqlite3 shell, same file settings, one transaction.
    QFile script(dir.filePath(u"insert.sql"_s));
    if (!script.open(QIODevice::WriteOnly)) {
        return;
    }
    QTextStream sql(&script);
    sql << "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; BEGIN;\n";
    for (int i = 0; i < count; ++i) {
        sql << "INSERT INTO audit_log (at, actor, action, entity, entity_id, after_json) VALUES "
               "('2026-11-28T09:00:00.000Z', 'bench', 'bench.write', 'thing', '"
            << i << "', '{\"n\":" << i << "}');\n";
    }
    sql << "COMMIT;\n";
    script.close();
    db->reset();
    QProcess shell;
    shell.setStandardInputFile(script.fileName());
    timer.restart();
    shell.start(sqlite3, {dir.filePath(u"bench.sqlite"_s)});
    shell.waitForFinished(-1);
    report("the same inserts through the sqlite3 shell", count, timer.nsecsElapsed());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 1000000;
    std::printf("Daftar foundation benchmarks (%d names)\n", count);
    textKeys(count);
    passwordHash();
    auditedWrites(qMin(count, 50000));
    return 0;
}
