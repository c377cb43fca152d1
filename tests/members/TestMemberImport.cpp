// Importing member files as provinces send them, on a real engine (SQLite and PostgreSQL).
#include "GeneratedIds.h"
#include "TestDatabase.h"
#include "TypedMatches.h"
#include "accounts/AccountService.h"
#include "importing/TextDecoding.h"
#include "importing/XlsxWriter.h"
#include "members/MemberExport.h"
#include "members/MemberImport.h"
#include "members/MemberService.h"
#include "text/Collation.h"
#include "text/Identifiers.h"
#include "text/Jalali.h"
#include "text/PersianText.h"

#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar;
using namespace daftar::members;
using daftar::test::legalId;
using daftar::test::nationalCode;

namespace {

const QString persianHeader
    = u"شماره عضویت,نوع عضو,نام,نام خانوادگی,نام تعاونی,کد ملی,استان,شهر,تلفن همراه,تاریخ عضویت,وضعیت"_s;

QString row(const QString &kind, const QString &first, const QString &last, const QString &org,
    const QString &id, const QString &province, const QString &mobile = {},
    const QString &date = {}, const QString &status = {})
{
    return QStringList {
        QString(), kind, first, last, org, id, province, QString(), mobile, date, status}
        .join(u',');
}

// A person typed in by hand: "first last".
Member person(const QString &name, const QString &code, const QString &province)
{
    Member member;
    member.kind = MemberKind::Person;
    member.firstName = name.section(u' ', 0, 0);
    member.lastName = name.section(u' ', 1);
    member.nationalId = code;
    member.province = province;
    return member;
}

} // namespace

class TestMemberImport : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    accounts::Actor m_admin;
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        file.write(bytes);
        return path;
    }
    QString writeUtf8(const QString &name, const QStringList &lines, bool bom = true)
    {
        return write(name,
            (bom ? QByteArray("\xEF\xBB\xBF") : QByteArray()) + lines.join(u"\r\n"_s).toUtf8());
    }
    qint64 members() { return MemberService(*m_db).count(m_admin, {}).value(); }
    ImportReport import(const QString &path, ImportOptions options = {})
    {
        auto report = MemberImport(*m_db).run(m_admin, path, options);
        if (!report) {
            qWarning() << report.errorMessage();
            return {};
        }
        return *report;
    }

private slots:
    void initTestCase()
    {
        // test_member_import_sqlite_staged runs the suite again with every import
        // staged: the way a large import goes into a smaller SQLite bank.
        if (qEnvironmentVariableIsSet("DAFTAR_TEST_STAGE_IMPORTS")) {
            MemberImport::tuning().stageFromRows = 0;
        }
    }

    void init()
    {
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        m_admin = accounts::AccountService(*m_db)
                      .createFirstAdministrator(u"admin"_s, u"Admin"_s, u"admin-pass-1"_s)
                      .value()
                      .actor();
    }
    void cleanup()
    {
        m_db.reset();
        m_testDb.reset();
    }

    void headersAreRecognisedInEveryShape_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("field");
        QTest::addRow("Persian") << u"کد ملی"_s << u"national_id"_s;
        QTest::addRow("Arabic yeh") << u"کد ملي"_s << u"national_id"_s;
        QTest::addRow("ZWNJ") << u"تلفن‌همراه"_s << u"mobile"_s;
        QTest::addRow("no space") << u"نامخانوادگی"_s << u"last_name"_s;
        QTest::addRow("legal ID") << u"شناسه ملی"_s << u"national_id"_s;
        QTest::addRow("English") << u"Last Name"_s << u"last_name"_s;
        QTest::addRow("canonical") << u"postal_code"_s << u"postal_code"_s;
        QTest::addRow("address") << u"آدرس"_s << u"address"_s;
        QTest::addRow("unknown") << u"رنگ مورد علاقه"_s << QString();
    }
    void headersAreRecognisedInEveryShape()
    {
        QFETCH(QString, header);
        QFETCH(QString, field);
        const ColumnMapping mapping = mapHeaders({header});
        QCOMPARE(mapping.fields.first(), field);
        QCOMPARE(mapping.unknownHeaders.isEmpty(), !field.isEmpty());
    }

    void importsUtf8WithBomAndIsIdempotent()
    {
        const QString path = writeUtf8(u"members.csv"_s,
            {persianHeader,
                row(u"حقیقی"_s, u"مریم"_s, u"احمدی"_s, {}, nationalCode(11), u"تهران"_s,
                    u"09121234567"_s, u"1398/09/03"_s, u"فعال"_s),
                row(u"حقیقی"_s, u"رضا"_s, u"کریمی"_s, {}, nationalCode(12), u"فارس"_s),
                row(u"حقوقی"_s, {}, {}, u"تعاونی مصرف فرهنگیان"_s, legalId(13), u"اصفهان"_s)});
        const ImportReport first = import(path);
        QCOMPARE(first.table.format, u"csv"_s);
        QVERIFY(first.table.hadBom);
        QCOMPARE(first.dataRows, qint64(3));
        QCOMPARE(first.imported, qint64(3));
        QCOMPARE(first.exitCode(), 0);
        const auto maryam
            = MemberService(*m_db).findByNationalId(m_admin, nationalCode(11)).value();
        QVERIFY(maryam.has_value());
        QCOMPARE(maryam->joinDate, QDate(2019, 11, 24));
        QCOMPARE(maryam->mobile, u"+989121234567"_s);

        // Run again, it finds every row in and leaves the bank as it was: on
        // SQLite no index is built anew (each would get new pages) and no
        // member moves in the name order.
        const auto bankShape = [&] {
            if (m_db->isPostgres()) {
                return QString();
            }
            auto shape = m_db->run(u"SELECT (SELECT group_concat(name || ':' || rootpage) FROM "
                                   "sqlite_master WHERE tbl_name IN ('members', 'members_fts_data')"
                                   ") || ' / ' || (SELECT group_concat(name_rank) FROM members)"_s)
                             .value();
            return shape.next() ? shape.value(0).toString() : QString();
        };
        const QString shapeBefore = bankShape();
        const ImportReport again = import(path);
        QCOMPARE(again.imported, qint64(0));
        QCOMPARE(again.alreadyPresent, qint64(3));
        QCOMPARE(again.exitCode(), 0);
        QCOMPARE(members(), qint64(3));
        QCOMPARE(bankShape(), shapeBefore);
    }

    void importsWindows1256WithPersianDigitsAndLostZeros()
    {
        const QString code = nationalCode(1234567); // 001234567x: Excel shows 1234567x
        QVERIFY(code.startsWith(u"00"_s));
        const QString lines = QStringList {persianHeader,
            row(u"حقیقی"_s, u"علی"_s, u"کاشانی"_s, {},
                text::toPersianDigits(QString::number(code.toLongLong())),
                u"خراسان‌رضوی"_s, u"۰۹۳۵۱۲۳۴۵۶۷"_s, u"۱۴۰۲/۰۱/۰۱"_s)}
                                  .join(u"\r\n"_s);
        const QString path = write(u"excel-ansi.csv"_s, importing::encodeWindows1256(lines));
        const ImportReport report = import(path);
        for (const ImportProblem &problem : report.problems) {
            qWarning() << problem.row << problem.column << problem.value << problem.message;
        }
        QCOMPARE(report.table.encoding, importing::Encoding::Windows1256);
        QCOMPARE(report.imported, qint64(1));
        const auto ali = MemberService(*m_db).findByNationalId(m_admin, code).value();
        QVERIFY(ali.has_value());
        QCOMPARE(ali->nationalId, code);
        QCOMPARE(ali->province, u"IR-09"_s);
        QCOMPARE(ali->joinDate, QDate(1402, 1, 1, text::jalaliCalendar()));
        MemberQuery query;
        query.text = u"علی کاشانی"_s; // Persian yeh; the file had Arabic yeh
        QCOMPARE(MemberService(*m_db).count(m_admin, query).value(), qint64(1));
    }

    void everyProblemIsReportedWithRowColumnAndCode()
    {
        const QString valid = nationalCode(500);
        const QString wrongDigit
            = valid.left(9) + QString::number((valid.back().digitValue() + 3) % 10);
        const QString path = writeUtf8(u"problems.csv"_s,
            {persianHeader,
                row(u"حقیقی"_s, u"الف"_s, u"یک"_s, {}, nationalCode(501), u"تهران"_s), // 2 ok
                row(u"حقیقی"_s, u"ب"_s, u"دو"_s, {}, wrongDigit, u"تهران"_s), // 3
                row(u"حقیقی"_s, u"پ"_s, u"سه"_s, {}, nationalCode(503), u"آتلانتیس"_s), // 4
                row(u"حقیقی"_s, u"ت"_s, u"چهار"_s, {}, nationalCode(504), u"قم"_s, u"12345"_s), // 5
                row(u"حقیقی"_s, u"ث"_s, u"پنج"_s, {}, nationalCode(505), u"قم"_s, {},
                    u"1403/13/40"_s), // 6
                row(u"حقیقی"_s, u"ج"_s, {}, {}, nationalCode(506), u"قم"_s), // 7
                row(u"حقیقی"_s, u"چ"_s, u"هفت"_s, {}, nationalCode(501), u"قم"_s), // 8 dup of 2
                row(u"عجیب"_s, u"ح"_s, u"هشت"_s, {}, nationalCode(508), u"قم"_s), // 9
                row(u"حقیقی"_s, u"خ"_s, u"نه"_s, {}, nationalCode(509), u"قم"_s, {}, {},
                    u"گمشده"_s), // 10
                row(u"حقیقی"_s, u"د"_s, u"ده"_s, {}, nationalCode(510), u"قم"_s)}); // 11 ok
        const ImportReport report = import(path);
        QCOMPARE(report.dataRows, qint64(10));
        QCOMPARE(report.imported, qint64(2));
        QCOMPARE(report.rejected, qint64(8));
        QCOMPARE(report.exitCode(), 3);
        QCOMPARE(members(), qint64(2));
        QStringList seen;
        for (const ImportProblem &problem : report.problems) {
            seen << u"%1:%2:%3"_s.arg(problem.row).arg(problem.column, problem.code);
            QVERIFY(!problem.message.isEmpty());
        }
        QCOMPARE(seen,
            (QStringList {u"3:کد ملی:invalid_national_id"_s, u"4:استان:unknown_province"_s,
                u"5:تلفن همراه:invalid_mobile"_s, u"6:تاریخ عضویت:invalid_date"_s,
                u"7:نام خانوادگی:missing_required"_s, u"8:کد ملی:duplicate"_s,
                u"9:نوع عضو:invalid_kind"_s, u"10:وضعیت:invalid_status"_s}));
        QCOMPARE(report.problems.at(5).message.contains(u'2'), true); // names the first row

        const QString reportPath = m_dir.filePath(u"report.csv"_s);
        QVERIFY(report.saveCsv(reportPath).ok());
        QFile saved(reportPath);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray bytes = saved.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBFrow,column,value,code,message\r\n"));
        QVERIFY(bytes.contains("invalid_national_id"));
    }

    void nothingImportableExitsOne()
    {
        const ImportReport report = import(writeUtf8(u"bad.csv"_s,
            {persianHeader, row(u"حقیقی"_s, u"الف"_s, u"ب"_s, {}, u"123"_s, u"تهران"_s)}));
        QCOMPARE(report.imported, qint64(0));
        QCOMPARE(report.exitCode(), 1);
    }

    void aFileWithoutTheRequiredColumnsWritesNothing()
    {
        const QString path = writeUtf8(u"wrong.csv"_s, {u"نام,شهر"_s, u"علی,تهران"_s});
        const auto report = MemberImport(*m_db).run(m_admin, path, {});
        QVERIFY(!report.ok());
        QVERIFY2(report.errorMessage().contains(u"wrong.csv"_s), qPrintable(report.errorMessage()));
        QVERIFY(report.errorMessage().contains(u"کد ملی"_s));
        QCOMPARE(members(), qint64(0));
        QVERIFY(!MemberImport(*m_db).run(m_admin, m_dir.filePath(u"missing.csv"_s), {}).ok());
    }

    void dryRunWritesNothing()
    {
        const QString path = writeUtf8(u"dry.csv"_s,
            {persianHeader, row(u"حقیقی"_s, u"الف"_s, u"ب"_s, {}, nationalCode(91), u"تهران"_s),
                row(u"حقیقی"_s, u"پ"_s, u"ت"_s, {}, nationalCode(92), u"تهران"_s)});
        ImportOptions options;
        options.dryRun = true;
        const ImportReport report = import(path, options);
        QCOMPARE(report.imported, qint64(2));
        QCOMPARE(members(), qint64(0));
        auto audit = m_db->run(u"SELECT COUNT(*) FROM audit_log WHERE entity = 'member'"_s).value();
        audit.next();
        QCOMPARE(audit.value(0).toInt(), 0);
    }

    void cancelledImportResumesWithoutDuplicates()
    {
        QStringList lines {u"کد ملی,نام,نام خانوادگی,استان"_s};
        const int total = MemberImport::batchSize * 2 + 17;
        for (int i = 0; i < total; ++i) {
            lines << u"%1,نام%2,خانواده,یزد"_s.arg(nationalCode(100000 + quint32(i))).arg(i);
        }
        const QString path = writeUtf8(u"big.csv"_s, lines, false);
        ImportOptions cancelAfterFirstBatch;
        cancelAfterFirstBatch.progress = [](qint64) {
            return false;
        };
        const ImportReport partial = import(path, cancelAfterFirstBatch);
        QVERIFY(partial.cancelled);
        QCOMPARE(partial.imported, qint64(MemberImport::batchSize));
        QCOMPARE(partial.exitCode(), 3);
        QCOMPARE(members(), qint64(MemberImport::batchSize)); // whole batches only
        const ImportReport rest = import(path);
        QCOMPARE(rest.alreadyPresent, qint64(MemberImport::batchSize));
        QCOMPARE(rest.imported, qint64(total - MemberImport::batchSize));
        QCOMPARE(members(), qint64(total));
    }

    void importedAndTypedMembersAreSearchableAndCounted()
    {
        // The import indexes and counts its rows once per batch, the form a row
        // at a time: both must end in the same search index and total.
        const QString path = writeUtf8(u"batch.csv"_s,
            {persianHeader,
                row(u"حقیقی"_s, u"پرستو"_s, u"زرین‌کوب"_s, {}, nationalCode(801),
                    u"فارس"_s),
                row(u"حقوقی"_s, {}, {}, u"تعاونی پرستوی سبز"_s, legalId(802), u"فارس"_s)});
        QCOMPARE(import(path).imported, qint64(2));
        MemberService service(*m_db);
        QVERIFY(
            service.create(m_admin, person(u"پرستو نیکو"_s, nationalCode(803), u"IR-07"_s)).ok());

        MemberQuery query;
        query.text = u"پرس"_s;
        QCOMPARE(service.count(m_admin, query).value(), qint64(3));
        query.text = u"زرینکوب"_s; // without the ZWNJ the file had
        QCOMPARE(service.count(m_admin, query).value(), qint64(1));
        QCOMPARE(members(), qint64(3));
        auto counted = m_db->run(u"SELECT COUNT(*) FROM members"_s).value();
        QVERIFY(counted.next());
        QCOMPARE(counted.value(0).toLongLong(), qint64(3));
        auto marker
            = m_db->run(u"SELECT COUNT(*) FROM counters WHERE name = 'members_bulk'"_s).value();
        QVERIFY(marker.next());
        QCOMPARE(marker.value(0).toInt(), 0); // never left behind
        if (!m_db->isPostgres()) {
            QVERIFY(m_db->run(u"INSERT INTO members_fts (members_fts) VALUES ('integrity-check')"_s)
                        .ok());
        }
    }

    void anImportLargerThanTheBankKeepsNumbersNameOrderAndHistory()
    {
        // This file outgrows the bank, so its rows are staged and go in at the
        // end: on SQLite with the bank's name order and indexes built again
        // once, on PostgreSQL by a statement for the rows and one for their
        // history. Small imports go in a row at a time; the user must not see
        // which way was taken.
        const MemberImport::Tuning usual = MemberImport::tuning();
        const auto restore = qScopeGuard([&] { MemberImport::tuning() = usual; });
        MemberImport::tuning().stageFromRows = 1;
        MemberService service(*m_db);
        const QStringList bankNames {
            u"بهرام آذری"_s, u"سارا کیانی"_s, u"زهرا تهرانی"_s, u"امید نوری"_s};
        for (int i = 0; i < bankNames.size(); ++i) {
            const Member typed = person(
                bankNames.at(i), nationalCode(901 + quint32(i)), i % 2 ? u"IR-07"_s : u"IR-23"_s);
            QCOMPARE(service.create(m_admin, typed).value().membershipNo,
                u"M%1"_s.arg(i + 1, 7, 10, QChar(u'0')));
        }
        const QString header = u"شماره عضویت,نام,نام خانوادگی,کد ملی,استان"_s;
        QStringList lines {header,
            u"M0000009,مهسا,آذری,%1,تهران"_s.arg(nationalCode(911)), // row 2: its own number
            u"M0000001,بهرام,آذری,%1,تهران"_s.arg(nationalCode(901)), // 3: already in
            u"M0000002,کاوه,بهرامی,%1,فارس"_s.arg(nationalCode(913))}; // 4: number taken
        const QStringList firstNames {u"نیما"_s, u"آرش"_s, u"مینا"_s, u"یاسمن"_s, u"بهار"_s};
        const QStringList lastNames {u"آذری"_s, u"تهرانی"_s, u"نوری"_s, u"کیان"_s};
        for (int i = 0; i < 20; ++i) { // rows 5-24, numbered M0000005 on; 2 names twice
            lines << u",%1,%2,%3,%4"_s.arg(firstNames.at(i % 5), lastNames.at(i % 4 % 3),
                nationalCode(920 + quint32(i)), i % 3 ? u"تهران"_s : u"فارس"_s);
        }
        const QString path = writeUtf8(u"larger.csv"_s, lines);
        ImportOptions options;
        QList<qint64> written; // what the window is told before the rows go in
        options.writing = [&](qint64 rows) {
            written << rows;
        };
        const ImportReport report = import(path, options);
        QCOMPARE(written, QList<qint64> {23});
        QCOMPARE(report.dataRows, qint64(23));
        QCOMPARE(report.alreadyPresent, qint64(1));
        QCOMPARE(report.rejected, qint64(2));
        QCOMPARE(report.imported, qint64(20));
        QStringList problems;
        for (const ImportProblem &problem : report.problems) {
            problems << u"%1:%2:%3:%4"_s.arg(problem.row)
                            .arg(problem.column, problem.code, problem.value);
            QVERIFY(problem.message.contains(problem.value));
        }
        // Row 4 names a member's number; row 9 was handed M0000009, which row 2 has.
        QCOMPARE(problems,
            (QStringList {
                u"4:شماره عضویت:duplicate:M0000002"_s, u"9:شماره عضویت:duplicate:M0000009"_s}));
        QCOMPARE(members(), qint64(24));
        QCOMPARE(service.findByNationalId(m_admin, nationalCode(920)).value()->membershipNo,
            u"M0000005"_s);
        QCOMPARE(service.findByNationalId(m_admin, nationalCode(924)).value().has_value(), false);
        QCOMPARE(service.findByNationalId(m_admin, nationalCode(925)).value()->membershipNo,
            u"M0000010"_s);
        QCOMPARE(service.create(m_admin, person(u"آوا نوری"_s, nationalCode(999), u"IR-23"_s))
                     .value()
                     .membershipNo,
            u"M0000025"_s);

        // Every member in name order, the bank's and the file's interleaved.
        MemberQuery everyone;
        everyone.limit = 100;
        const QList<Member> all = service.search(m_admin, everyone).value();
        QCOMPARE(all.size(), 25);
        for (qsizetype i = 1; i < all.size(); ++i) {
            QVERIFY2(text::collationKey(all.at(i - 1).displayName())
                    <= text::collationKey(all.at(i).displayName()),
                qPrintable(all.at(i - 1).displayName() + u" > "_s + all.at(i).displayName()));
        }
        // Numbers handed out are searchable as typed ones are.
        for (const QString &typed :
            {u"آ"_s, u"آذ"_s, u"ن"_s, u"تهرانی"_s, u"بهار ت"_s, u"M000001"_s, u"m0000021"_s}) {
            for (const QString &province : {QString(), u"IR-23"_s}) {
                for (const bool descending : {false, true}) {
                    QList<qint64> expected = test::typedMatchIds(all, typed, province);
                    if (descending) {
                        std::reverse(expected.begin(), expected.end());
                    }
                    MemberQuery query;
                    query.text = typed;
                    query.province = province;
                    query.descending = descending;
                    query.limit = 100;
                    const QList<Member> matched = service.search(m_admin, query).value();
                    QList<qint64> found;
                    for (const Member &member : matched) {
                        found << member.id;
                    }
                    QVERIFY2(!expected.isEmpty() || !province.isEmpty(), qPrintable(typed));
                    QCOMPARE(found, expected);
                    QCOMPARE(service.count(m_admin, query).value(), qint64(expected.size()));
                }
            }
        }

        // Each new member's history says which file and row it came from.
        const Member mahsa = *service.findByNationalId(m_admin, nationalCode(911)).value();
        const auto history = service.changeHistory(m_admin, mahsa.id).value();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().action, u"member.create"_s);
        QCOMPARE(history.first().actor, m_admin.auditActor().name);
        QCOMPARE(history.first().after.value(u"source"_s).toString(), u"larger.csv"_s);
        QCOMPARE(history.first().after.value(u"row"_s).toInteger(), qint64(2));
        auto audited = m_db->run(u"SELECT COUNT(*) FROM audit_log WHERE action = 'member.create' "
                                 "AND after_json LIKE '%larger.csv%'"_s)
                           .value();
        QVERIFY(audited.next());
        QCOMPARE(audited.value(0).toInt(), 20);

        auto marker
            = m_db->run(u"SELECT COUNT(*) FROM counters WHERE name = 'members_bulk'"_s).value();
        QVERIFY(marker.next());
        QCOMPARE(marker.value(0).toInt(), 0);
        if (!m_db->isPostgres()) {
            auto indexes = m_db->run(u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' "
                                     "AND tbl_name = 'members' AND sql IS NOT NULL"_s)
                               .value();
            QVERIFY(indexes.next());
            QCOMPARE(indexes.value(0).toInt(), 5); // built again, none lost
            auto unplaced
                = m_db->run(u"SELECT COUNT(*) FROM members WHERE name_rank IS NULL"_s).value();
            QVERIFY(unplaced.next());
            QCOMPARE(unplaced.value(0).toInt(), 0);
            // Places follow (name, id), among members of the same name too.
            QList<qint64> byName;
            QList<qint64> byPlace;
            for (const auto &[order, ids] :
                {std::pair {u"sort_key, id"_s, &byName}, std::pair {u"name_rank"_s, &byPlace}}) {
                auto read = m_db->run(u"SELECT id FROM members ORDER BY "_s + order).value();
                while (read.next()) {
                    *ids << read.value(0).toLongLong();
                }
            }
            QCOMPARE(byPlace, byName);
            QVERIFY(m_db->run(u"INSERT INTO members_fts (members_fts) VALUES ('integrity-check')"_s)
                        .ok());
            auto checked = m_db->run(u"PRAGMA integrity_check"_s).value();
            QVERIFY(checked.next());
            QCOMPARE(checked.value(0).toString(), u"ok"_s);
        }
    }

    void rowsParsedAheadAreCheckedInFileOrder()
    {
        // Rows are parsed in chunks on a worker thread; duplicates within the
        // file must still name the first row, problems come in row order, and
        // every row is counted once.
        QStringList lines {u"کد ملی,نام,نام خانوادگی,استان,تلفن همراه"_s};
        const int total = 7001;
        for (int i = 0; i < total; ++i) {
            QString code = nationalCode(500000 + quint32(i));
            QString mobile = u"0912%1"_s.arg(1000000 + i);
            if (i == 4998) { // row 5000: the code of row 2
                code = nationalCode(500000);
            }
            if (i == 1400) { // row 1402: the code of row 1202
                code = nationalCode(500000 + 1200);
            }
            if (i == 2001 || i == 6999) { // rows 2003 and 7001
                mobile = u"12345"_s;
            }
            lines << u"%1,نام%2,خانواده,یزد,%3"_s.arg(code).arg(i).arg(mobile);
        }
        const ImportReport report = import(writeUtf8(u"ahead.csv"_s, lines));
        QCOMPARE(report.dataRows, qint64(total));
        QCOMPARE(report.rejected, qint64(4));
        QCOMPARE(report.imported, qint64(total - 4));
        QStringList problems;
        for (const ImportProblem &problem : report.problems) {
            problems << u"%1:%2:%3"_s.arg(problem.row).arg(problem.code, problem.message);
        }
        QCOMPARE(problems,
            QStringList({u"1402:duplicate:The same national code or ID as row 1202 of this file."_s,
                u"2003:invalid_mobile:\"12345\" is not a mobile number; write it as "
                "0912 345 6789."_s,
                u"5000:duplicate:The same national code or ID as row 2 of this file."_s,
                u"7001:invalid_mobile:\"12345\" is not a mobile number; write it as "
                "0912 345 6789."_s}));
        QCOMPARE(members(), qint64(total - 4));
    }

    void aFileThatWillOutgrowTheBankIsStagedFromItsFirstRow()
    {
        // Judged by its size when the first batch is written, this file will
        // outgrow the bank: all its rows are staged, none written one by one
        // first. A file in Windows-1256 (a byte a letter) looks smaller than it
        // is and goes the other way; both end with every row in.
        const MemberImport::Tuning usual = MemberImport::tuning();
        const auto restore = qScopeGuard([&] { MemberImport::tuning() = usual; });
        const int total = MemberImport::batchSize + MemberImport::batchSize / 4;
        MemberImport::tuning().stageFromRows = total - 500;
        QStringList lines {u"کد ملی,نام,نام خانوادگی,استان"_s};
        for (int i = 0; i < total; ++i) {
            lines << u"%1,نام%2,خانواده,یزد"_s.arg(nationalCode(300000 + quint32(i))).arg(i);
        }
        QList<qint64> written;
        ImportOptions options;
        options.writing = [&](qint64 rows) {
            written << rows;
        };
        const ImportReport whole = import(writeUtf8(u"whole.csv"_s, lines, false), options);
        QCOMPARE(written, QList<qint64> {total});
        QCOMPARE(whole.imported, qint64(total));
        QCOMPARE(members(), qint64(total));

        cleanup();
        init();
        written.clear();
        const ImportReport narrow = import(
            write(u"narrow.csv"_s, importing::encodeWindows1256(lines.join(u"\r\n"_s))), options);
        QCOMPARE(written, QList<qint64> {total - MemberImport::batchSize});
        QCOMPARE(narrow.imported, qint64(total));
        QCOMPARE(members(), qint64(total));
        MemberQuery query;
        query.text = u"نام"_s;
        QCOMPARE(MemberService(*m_db).count(m_admin, query).value(), qint64(total));
    }

    void aStagedImportThatFailsLeavesTheBankAsItWas()
    {
        // The staged rows go in by one transaction (on SQLite it drops and
        // rebuilds the members indexes): a failure after the rows are in (here
        // the audit entries) must take everything back, and the import can run
        // again.
        const bool postgres = m_db->isPostgres();
        const MemberImport::Tuning usual = MemberImport::tuning();
        const auto restore = qScopeGuard([&] { MemberImport::tuning() = usual; });
        MemberImport::tuning().stageFromRows = 1;
        MemberService service(*m_db);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(service
                        .create(m_admin,
                            person(u"سارا کیانی"_s, nationalCode(701 + quint32(i)), u"IR-23"_s))
                        .ok());
        }
        QStringList lines {u"نام,نام خانوادگی,کد ملی,استان"_s};
        for (int i = 0; i < 12; ++i) {
            lines << u"نیما,کیانی,%1,تهران"_s.arg(nationalCode(720 + quint32(i)));
        }
        const QString path = writeUtf8(u"failing.csv"_s, lines);
        const auto scalar = [&](const QString &sql) {
            auto query = m_db->run(sql).value();
            return query.next() ? query.value(0).toString() : u"(none)"_s;
        };
        const auto state = [&] {
            if (postgres) {
                return QStringList {scalar(u"SELECT COUNT(*) FROM members"_s),
                    scalar(u"SELECT string_agg(name || '=' || value, ',' ORDER BY name) "
                           "FROM counters"_s),
                    scalar(u"SELECT COUNT(*) FROM audit_log"_s)};
            }
            return QStringList {scalar(u"SELECT COUNT(*) FROM members"_s),
                scalar(u"SELECT group_concat(name || '=' || value) FROM counters"_s),
                scalar(u"SELECT group_concat(name) FROM sqlite_master WHERE tbl_name = "
                       "'members' AND type = 'index' AND sql IS NOT NULL"_s),
                scalar(u"SELECT COUNT(*) FROM audit_log"_s),
                scalar(u"SELECT group_concat(name_rank) FROM members"_s)};
        };
        const QStringList before = state();
        const QStringList failing = postgres
            ? QStringList {u"CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN RAISE EXCEPTION 'could not extend file: No space left "
                           "on device (disk is full)'; END $$"_s,
                u"CREATE TRIGGER full_disk BEFORE INSERT ON audit_log FOR EACH ROW "
                "WHEN (new.action = 'member.create') EXECUTE FUNCTION full_disk()"_s}
            : QStringList {u"CREATE TRIGGER full_disk BEFORE INSERT ON audit_log "
                           "WHEN new.action = 'member.create' BEGIN "
                           "SELECT RAISE(ABORT, 'database or disk is full'); END"_s};
        for (const QString &sql : failing) {
            QVERIFY2(m_db->run(sql).ok(), qPrintable(sql));
        }
        const auto failed = MemberImport(*m_db).run(m_admin, path, {});
        QVERIFY(!failed.ok());
        QVERIFY2(
            failed.errorMessage().contains(u"disk is full"_s), qPrintable(failed.errorMessage()));
        QCOMPARE(state(), before);
        if (!postgres) {
            QVERIFY(m_db->run(u"INSERT INTO members_fts (members_fts) VALUES ('integrity-check')"_s)
                        .ok());
        }
        MemberQuery query;
        query.text = u"کیانی"_s;
        QCOMPARE(service.count(m_admin, query).value(), qint64(3));

        QVERIFY(m_db->run(postgres ? u"DROP TRIGGER full_disk ON audit_log"_s
                                   : u"DROP TRIGGER full_disk"_s)
                    .ok());
        const ImportReport again = import(path);
        QCOMPARE(again.imported, qint64(12));
        QCOMPARE(service.count(m_admin, query).value(), qint64(15));
        QCOMPARE(members(), qint64(15));
    }

    void importsXlsx()
    {
        const QString path = m_dir.filePath(u"members.xlsx"_s);
        QList<QStringList> rows {{nationalCode(71), u"سحر"_s, u"نادری"_s, u"گیلان"_s},
            {nationalCode(72), u"کاوه"_s, u"بهرامی"_s, u"گلستان"_s}};
        QVERIFY(importing::writeXlsx(
            path, {u"کد ملی"_s, u"نام"_s, u"نام خانوادگی"_s, u"استان"_s},
            [&](QStringList &row) {
                if (rows.isEmpty()) {
                    return false;
                }
                row = rows.takeFirst();
                return true;
            },
            u"اعضا"_s, true)
                    .ok());
        const ImportReport report = import(path);
        QCOMPARE(report.table.format, u"xlsx"_s);
        QCOMPARE(report.imported, qint64(2));
    }

    void branchOfficerImportsOnlyTheirProvince()
    {
        accounts::Actor officer;
        officer.userId = 1;
        officer.role = accounts::Role::BranchOfficer;
        officer.province = u"IR-21"_s;
        const QString path = writeUtf8(u"yazd.csv"_s,
            {persianHeader, row(u"حقیقی"_s, u"الف"_s, u"ب"_s, {}, nationalCode(81), u"یزد"_s),
                row(u"حقیقی"_s, u"پ"_s, u"ت"_s, {}, nationalCode(82), u"کرمان"_s)});
        const ImportReport report = MemberImport(*m_db).run(officer, path, {}).value();
        QCOMPARE(report.imported, qint64(1));
        QCOMPARE(report.problems.size(), 1);
        QCOMPARE(report.problems.first().code, u"out_of_scope"_s);
        accounts::Actor viewer;
        viewer.role = accounts::Role::Viewer;
        QCOMPARE(MemberImport(*m_db).run(viewer, path, {}).error().kind, Error::Kind::Refused);
    }

    void exportRoundTrips()
    {
        QStringList lines {persianHeader};
        for (quint32 i = 0; i < 25; ++i) {
            lines << row(i % 5 ? u"حقیقی"_s : u"حقوقی"_s, u"نام"_s, u"خانواده%1"_s.arg(i),
                u"تعاونی %1"_s.arg(i), i % 5 ? nationalCode(300 + i) : legalId(300 + i),
                u"کرمانشاه"_s, u"0912000%1"_s.arg(1000 + i), u"1401/0%1/1%1"_s.arg(1 + i % 9));
        }
        QCOMPARE(import(writeUtf8(u"source.csv"_s, lines)).imported, qint64(25));
        for (const QString &name : {u"export.csv"_s, u"export.xlsx"_s}) {
            const QString path = m_dir.filePath(name);
            const auto written = exportMembers(*m_db, m_admin, {}, path);
            QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
            QCOMPARE(*written, qint64(25));
            test::TestDatabase other;
            auto otherDb = other.open();
            const accounts::Actor admin
                = accounts::AccountService(*otherDb)
                      .createFirstAdministrator(u"second"_s, u"Second"_s, u"admin-pass-1"_s)
                      .value()
                      .actor();
            const auto imported = MemberImport(*otherDb).run(admin, path, {});
            QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
            const ImportReport back = *imported;
            for (const ImportProblem &problem : back.problems) {
                qWarning() << problem.row << problem.column << problem.value << problem.message;
            }
            QCOMPARE(back.imported, qint64(25));
            QCOMPARE(back.rejected, qint64(0));
            const auto sample
                = MemberService(*otherDb).findByNationalId(admin, nationalCode(301)).value();
            QVERIFY(sample.has_value());
            QCOMPARE(sample->joinDate, QDate(1401, 2, 12, text::jalaliCalendar()));
        }
        QFile csv(m_dir.filePath(u"export.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readAll().startsWith("\xEF\xBB\xBF")); // Excel needs the BOM
    }
};

QTEST_GUILESS_MAIN(TestMemberImport)
#include "TestMemberImport.moc"
