#include "text/Jalali.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar::text;
using daftar::Result;

namespace {

QDate jalali(int year, int month, int day)
{
    return QDate(year, month, day, jalaliCalendar());
}

const QLocale &persian()
{
    static const QLocale locale(QLocale::Persian, QLocale::Iran);
    return locale;
}

const QLocale &english()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

} // namespace

class TestJalali : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void conversion_data();
    void conversion();
    void parseAcceptsEveryFormat_data();
    void parseAcceptsEveryFormat();
    void parseRejects_data();
    void parseRejects();
    void esfandThirtyOnlyInLeapYears();
    void roundTripsEveryDay();
    void formatsMomentsInLocalJalali();
    void format_data();
    void format();
    void formatOfInvalidDateIsEmpty();
    void yearsHaveNoGroupSeparator();
    void monthNames();
    void monthNamesAgreeWithQtWhereQtIsRight();
    void persianWeekdays();
};

void TestJalali::initTestCase()
{
    // Error messages name months in the default locale's language.
    QLocale::setDefault(english());
}

void TestJalali::conversion_data()
{
    QTest::addColumn<QDate>("gregorian");
    QTest::addColumn<int>("year");
    QTest::addColumn<int>("month");
    QTest::addColumn<int>("day");

    QTest::addRow("3 Azar 1398") << QDate(2019, 11, 24) << 1398 << 9 << 3;
    QTest::addRow("first day of 1300") << QDate(1921, 3, 21) << 1300 << 1 << 1;
    QTest::addRow("22 Bahman 1357") << QDate(1979, 2, 11) << 1357 << 11 << 22;
    QTest::addRow("30 Esfand 1399") << QDate(2021, 3, 20) << 1399 << 12 << 30;
    QTest::addRow("Nowruz 1400") << QDate(2021, 3, 21) << 1400 << 1 << 1;
    QTest::addRow("Nowruz 1403") << QDate(2024, 3, 20) << 1403 << 1 << 1;
    QTest::addRow("Nowruz 1404") << QDate(2025, 3, 21) << 1404 << 1 << 1;
    QTest::addRow("31 Ordibehesht 1403") << QDate(2024, 5, 20) << 1403 << 2 << 31;
}

void TestJalali::conversion()
{
    QFETCH(QDate, gregorian);
    QFETCH(int, year);
    QFETCH(int, month);
    QFETCH(int, day);

    QCOMPARE(jalali(year, month, day), gregorian);
    const QCalendar::YearMonthDay parts = jalaliCalendar().partsFromDate(gregorian);
    QCOMPARE(parts.year, year);
    QCOMPARE(parts.month, month);
    QCOMPARE(parts.day, day);
}

void TestJalali::parseAcceptsEveryFormat_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QDate>("expected");

    const QDate date(2019, 11, 24);
    QTest::addRow("Jalali slashes") << u"1398/09/03"_s << date;
    QTest::addRow("Jalali Persian digits") << u"۱۳۹۸/۰۹/۰۳"_s << date;
    QTest::addRow("Jalali Arabic-Indic digits") << u"١٣٩٨/٠٩/٠٣"_s << date;
    QTest::addRow("Jalali dashes unpadded") << u"1398-9-3"_s << date;
    QTest::addRow("Jalali slashes unpadded") << u"1398/9/3"_s << date;
    QTest::addRow("Jalali dots") << u"1398.09.03"_s << date;
    QTest::addRow("Jalali mixed digits") << u"۱۳۹۸-09-۰۳"_s << date;
    QTest::addRow("surrounding spaces") << u"  1398/09/03\t"_s << date;
    QTest::addRow("bidi marks from RTL text") << u"\u200F۱۳۹۸/۰۹/۰۳\u200F"_s << date;
    QTest::addRow("ISO Gregorian") << u"2019-11-24"_s << date;
    QTest::addRow("Gregorian slashes") << u"2019/11/24"_s << date;
    QTest::addRow("Gregorian Persian digits") << u"۲۰۱۹-۱۱-۲۴"_s << date;
    QTest::addRow("Jalali 31 Ordibehesht") << u"1403/02/31"_s << QDate(2024, 5, 20);
    QTest::addRow("Jalali leap Esfand 30") << u"1399/12/30"_s << QDate(2021, 3, 20);
    QTest::addRow("Gregorian leap day") << u"2024-02-29"_s << QDate(2024, 2, 29);
    QTest::addRow("last Jalali year") << u"1699/01/01"_s << jalali(1699, 1, 1);
    QTest::addRow("first Gregorian year") << u"1700-01-01"_s << QDate(1700, 1, 1);
}

void TestJalali::parseAcceptsEveryFormat()
{
    QFETCH(QString, input);
    QFETCH(QDate, expected);
    const Result<QDate> parsed = parseDate(input);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed.value(), expected);
}

void TestJalali::parseRejects_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("mentioned");

    QTest::addRow("empty") << QString() << QStringList {u"1398/09/03"_s};
    QTest::addRow("spaces") << u"   "_s << QStringList {u"1398/09/03"_s};
    QTest::addRow("words") << u"yesterday"_s << QStringList {u"yesterday"_s, u"not a date"_s};
    QTest::addRow("no separators") << u"13980903"_s << QStringList {u"13980903"_s, u"not a date"_s};
    QTest::addRow("two parts") << u"1398/09"_s << QStringList {u"1398/09"_s, u"not a date"_s};
    QTest::addRow("four parts") << u"1398/09/03/01"_s << QStringList {u"not a date"_s};
    QTest::addRow("mixed separators") << u"1398/09-03"_s << QStringList {u"not a date"_s};
    QTest::addRow("letters in a part") << u"1398/0a/03"_s << QStringList {u"not a date"_s};
    QTest::addRow("three-digit month") << u"1398/009/03"_s << QStringList {u"not a date"_s};
    QTest::addRow("two-digit year")
        << u"98/09/03"_s << QStringList {u"98/09/03"_s, u"four-digit"_s};
    QTest::addRow("month 13") << u"1398/13/01"_s << QStringList {u"1398/13/01"_s, u"month 13"_s};
    QTest::addRow("month 0") << u"1398/00/10"_s << QStringList {u"month 0"_s};
    QTest::addRow("day 0") << u"1398/01/00"_s << QStringList {u"day 0"_s};
    QTest::addRow("year 0") << u"0000/01/01"_s << QStringList {u"year 0"_s};
    QTest::addRow("30 Esfand, not leap")
        << u"1398/12/30"_s << QStringList {u"1398/12/30"_s, u"leap"_s, u"Esfand"_s, u"29"_s};
    QTest::addRow("31 Esfand, leap")
        << u"1399/12/31"_s << QStringList {u"Esfand 1399"_s, u"30 days"_s};
    QTest::addRow("31 Mehr") << u"1398/07/31"_s << QStringList {u"Mehr 1398"_s, u"30 days"_s};
    QTest::addRow("32 Farvardin") << u"1398/01/32"_s << QStringList {u"Farvardin"_s, u"31 days"_s};
    QTest::addRow("29 February, not leap")
        << u"2019-02-29"_s << QStringList {u"2019-02-29"_s, u"February 2019"_s, u"28 days"_s};
    QTest::addRow("31 November") << u"2019/11/31"_s << QStringList {u"November"_s, u"30 days"_s};
    QTest::addRow("percent signs stay literal") << u"%1/%2/%3"_s << QStringList {u"%1/%2/%3"_s};
}

void TestJalali::parseRejects()
{
    QFETCH(QString, input);
    QFETCH(QStringList, mentioned);
    const Result<QDate> parsed = parseDate(input);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, daftar::Error::Kind::Invalid);
    for (const QString &part : mentioned)
        QVERIFY2(parsed.errorMessage().contains(part), qPrintable(parsed.errorMessage()));
}

void TestJalali::esfandThirtyOnlyInLeapYears()
{
    int leapYears = 0;
    for (int year = 1300; year <= 1450; ++year) {
        const QString input = u"%1/12/30"_s.arg(year);
        const Result<QDate> parsed = parseDate(input);
        const bool leap = jalaliCalendar().isLeapYear(year);
        QCOMPARE(parsed.ok(), leap);
        if (leap) {
            ++leapYears;
            QCOMPARE(parsed.value(), jalali(year + 1, 1, 1).addDays(-1));
        } else {
            QVERIFY2(parsed.errorMessage().contains(u"leap"_s), qPrintable(input));
        }
        QVERIFY(parseDate(u"%1/12/29"_s.arg(year)).ok());
    }
    // Roughly eight leap years in every 33.
    QVERIFY(leapYears > 30 && leapYears < 40);
    QVERIFY(jalaliCalendar().isLeapYear(1399));
    QVERIFY(jalaliCalendar().isLeapYear(1403));
    QVERIFY(!jalaliCalendar().isLeapYear(1398));
    QVERIFY(!jalaliCalendar().isLeapYear(1402));
}

void TestJalali::roundTripsEveryDay()
{
    const QDate first = jalali(1300, 1, 1);
    const QDate last = jalali(1450, 12, 29);
    QVERIFY(first.isValid() && last.isValid());
    qint64 days = 0;
    for (QDate date = first; date <= last; date = date.addDays(1), ++days) {
        for (const QLocale *locale : {&persian(), &english()}) {
            const QString shown = formatJalali(date, *locale, DateStyle::Numeric);
            const Result<QDate> parsed = parseDate(shown);
            if (!parsed.ok() || parsed.value() != date)
                QFAIL(qPrintable(date.toString(Qt::ISODate) + u" → "_s + shown));
        }
    }
    QCOMPARE(days, first.daysTo(last) + 1);
}

void TestJalali::format_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<int>("style");
    QTest::addColumn<QString>("expected");

    const QDate azar3(2019, 11, 24);
    const auto numeric = int(DateStyle::Numeric);
    const auto longStyle = int(DateStyle::Long);
    const auto weekday = int(DateStyle::LongWithWeekday);

    QTest::addRow("fa numeric") << azar3 << persian() << numeric << u"۱۳۹۸/۰۹/۰۳"_s;
    QTest::addRow("en numeric") << azar3 << english() << numeric << u"1398/09/03"_s;
    QTest::addRow("fa long") << azar3 << persian() << longStyle << u"۳ آذر ۱۳۹۸"_s;
    QTest::addRow("en long") << azar3 << english() << longStyle << u"3 Azar 1398"_s;
    QTest::addRow("fa weekday") << azar3 << persian() << weekday << u"یکشنبه ۳ آذر ۱۳۹۸"_s;
    QTest::addRow("en weekday") << azar3 << english() << weekday << u"Sunday 3 Azar 1398"_s;
    QTest::addRow("fa_AF long") << azar3 << QLocale(QLocale::Persian, QLocale::Afghanistan)
                                << longStyle << u"۳ آذر ۱۳۹۸"_s;
    QTest::addRow("de long") << azar3 << QLocale(QLocale::German, QLocale::Germany) << longStyle
                             << u"3 Azar 1398"_s;
    QTest::addRow("ar numeric, Latin digits")
        << azar3 << QLocale(QLocale::Arabic, QLocale::Egypt) << numeric << u"1398/09/03"_s;
    QTest::addRow("fa leap Esfand 30")
        << QDate(2021, 3, 20) << persian() << longStyle << u"۳۰ اسفند ۱۳۹۹"_s;
    QTest::addRow("fa Nowruz numeric")
        << QDate(2021, 3, 21) << persian() << numeric << u"۱۴۰۰/۰۱/۰۱"_s;
    QTest::addRow("fa Saturday") << QDate(2024, 3, 23) << persian() << weekday
                                 << u"شنبه ۴ فروردین ۱۴۰۳"_s;
    QTest::addRow("fa Friday") << QDate(2024, 3, 22) << persian() << weekday
                               << u"جمعه ۳ فروردین ۱۴۰۳"_s;
    QTest::addRow("fa Tuesday keeps ZWNJ")
        << QDate(2024, 3, 26) << persian() << weekday << u"سه\u200Cشنبه ۷ فروردین ۱۴۰۳"_s;
}

void TestJalali::format()
{
    QFETCH(QDate, date);
    QFETCH(QLocale, locale);
    QFETCH(int, style);
    QFETCH(QString, expected);
    QCOMPARE(formatJalali(date, locale, DateStyle(style)), expected);
}

void TestJalali::formatOfInvalidDateIsEmpty()
{
    QVERIFY(formatJalali(QDate(), persian()).isEmpty());
    QVERIFY(formatJalali(QDate(2019, 2, 29), english(), DateStyle::Numeric).isEmpty());
}

void TestJalali::yearsHaveNoGroupSeparator()
{
    // The trap this guards against: QLocale groups the year itself.
    QCOMPARE(persian().toString(1398), u"۱٬۳۹۸"_s);
    for (const QLocale *locale : {&persian(), &english()}) {
        for (const DateStyle style :
            {DateStyle::Numeric, DateStyle::Long, DateStyle::LongWithWeekday}) {
            const QString shown = formatJalali(QDate(2019, 11, 24), *locale, style);
            QVERIFY2(!shown.contains(QChar(0x066C)) && !shown.contains(u','), qPrintable(shown));
        }
    }
}

void TestJalali::monthNames()
{
    const QStringList persianNames = {u"فروردین"_s, u"اردیبهشت"_s, u"خرداد"_s, u"تیر"_s, u"مرداد"_s,
        u"شهریور"_s, u"مهر"_s, u"آبان"_s, u"آذر"_s, u"دی"_s, u"بهمن"_s, u"اسفند"_s};
    const QStringList latinNames
        = {u"Farvardin"_s, u"Ordibehesht"_s, u"Khordad"_s, u"Tir"_s, u"Mordad"_s, u"Shahrivar"_s,
            u"Mehr"_s, u"Aban"_s, u"Azar"_s, u"Dey"_s, u"Bahman"_s, u"Esfand"_s};
    for (int month = 1; month <= 12; ++month) {
        QCOMPARE(jalaliMonthName(month, persian()), persianNames.at(month - 1));
        QCOMPARE(jalaliMonthName(month, english()), latinNames.at(month - 1));
    }
    QVERIFY(jalaliMonthName(0, persian()).isEmpty());
    QVERIFY(jalaliMonthName(13, english()).isEmpty());
}

// Qt 6.4's own Jalali names match ours for Iranian Persian and English; for other
// locales (fa_AF, German, Arabic) Qt gives other names, hence our fixed tables.
void TestJalali::monthNamesAgreeWithQtWhereQtIsRight()
{
    const QCalendar calendar = jalaliCalendar();
    for (int month = 1; month <= 12; ++month) {
        for (const QLocale *locale : {&persian(), &english()}) {
            QCOMPARE(calendar.monthName(*locale, month), jalaliMonthName(month, *locale));
            QCOMPARE(calendar.standaloneMonthName(*locale, month), jalaliMonthName(month, *locale));
        }
    }
}

void TestJalali::persianWeekdays()
{
    const QStringList expected = {u"شنبه"_s, u"یکشنبه"_s, u"دوشنبه"_s, u"سه\u200Cشنبه"_s,
        u"چهارشنبه"_s, u"پنجشنبه"_s, u"جمعه"_s};
    // 1403/01/04 is a Saturday, the first day of the Persian week.
    const QDate saturday = jalali(1403, 1, 4);
    QCOMPARE(saturday.dayOfWeek(), int(Qt::Saturday));
    for (int i = 0; i < 7; ++i) {
        const QString shown
            = formatJalali(saturday.addDays(i), persian(), DateStyle::LongWithWeekday);
        QVERIFY2(shown.startsWith(expected.at(i) + u' '), qPrintable(shown));
        QCOMPARE(shown.section(u' ', 0, 0), expected.at(i));
    }
}

void TestJalali::formatsMomentsInLocalJalali()
{
    const QDateTime moment(QDate(2019, 11, 24), QTime(8, 5));
    QCOMPARE(formatJalaliDateTime(moment, QLocale(QLocale::Persian, QLocale::Iran)),
        QStringLiteral("۱۳۹۸/۰۹/۰۳ ۰۸:۰۵"));
    QCOMPARE(formatJalaliDateTime(moment, QLocale(QLocale::English)),
        QStringLiteral("1398/09/03 08:05"));
    QVERIFY(formatJalaliDateTime(QDateTime(), QLocale()).isEmpty());
}

QTEST_GUILESS_MAIN(TestJalali)
#include "TestJalali.moc"
