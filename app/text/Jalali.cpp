#include "Jalali.h"

#include "PersianText.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <optional>

namespace daftar::text {

using namespace Qt::StringLiterals;

namespace {

// Years from here on are Gregorian: the Jalali calendar reaches 1700 only in 2321.
constexpr int firstGregorianYear = 1700;

// Fixed tables rather than Qt's: Qt gives these names for fa_IR and English, but
// the Afghan zodiac names for fa_AF, German transliterations for German and
// unusual Arabic spellings for Arabic, and a secretariat in Iran wants one form.
const std::array<QString, 12> &persianMonthNames()
{
    static const std::array<QString, 12> names = {
        u"فروردین"_s,
        u"اردیبهشت"_s,
        u"خرداد"_s,
        u"تیر"_s,
        u"مرداد"_s,
        u"شهریور"_s,
        u"مهر"_s,
        u"آبان"_s,
        u"آذر"_s,
        u"دی"_s,
        u"بهمن"_s,
        u"اسفند"_s,
    };
    return names;
}

const std::array<QString, 12> &latinMonthNames()
{
    static const std::array<QString, 12> names = {
        u"Farvardin"_s,
        u"Ordibehesht"_s,
        u"Khordad"_s,
        u"Tir"_s,
        u"Mordad"_s,
        u"Shahrivar"_s,
        u"Mehr"_s,
        u"Aban"_s,
        u"Azar"_s,
        u"Dey"_s,
        u"Bahman"_s,
        u"Esfand"_s,
    };
    return names;
}

// Indexed by QDate::dayOfWeek() - 1 (Monday first); spelled as CLDR spells them, so
// they match what Qt's own date widgets show.
const std::array<QString, 7> &persianWeekdayNames()
{
    static const std::array<QString, 7> names = {
        u"دوشنبه"_s,
        u"سه\u200Cشنبه"_s,
        u"چهارشنبه"_s,
        u"پنجشنبه"_s,
        u"جمعه"_s,
        u"شنبه"_s,
        u"یکشنبه"_s,
    };
    return names;
}

bool isPersian(const QLocale &locale)
{
    return locale.language() == QLocale::Persian;
}

// Built digit by digit: QLocale would group the year (۱٬۳۹۸).
QString number(int value, int width, bool persianDigits)
{
    const QString latin = QStringLiteral("%1").arg(value, width, 10, QLatin1Char('0'));
    return persianDigits ? toPersianDigits(latin) : latin;
}

QString weekdayName(int dayOfWeek, const QLocale &locale)
{
    if (isPersian(locale))
        return persianWeekdayNames().at(dayOfWeek - 1);
    // English, like the transliterated month names beside it.
    return QLocale::c().dayName(dayOfWeek, QLocale::LongFormat);
}

Error invalidDate(const QString &message)
{
    return makeError(Error::Kind::Invalid, message);
}

QString quoted(QStringView input)
{
    return QCoreApplication::translate("Dates", "“%1”").arg(input);
}

struct DateFields
{
    int year = 0;
    int month = 0;
    int day = 0;
    qsizetype yearDigits = 0;
};

// year SEP month SEP day with one separator used twice; digits already ASCII.
std::optional<DateFields> splitDate(QStringView text)
{
    qsizetype firstSep = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'/' || c == u'-' || c == u'.') {
            firstSep = i;
            break;
        }
    }
    if (firstSep < 0)
        return std::nullopt;
    const QChar separator = text.at(firstSep);
    const qsizetype secondSep = text.indexOf(separator, firstSep + 1);
    if (secondSep < 0)
        return std::nullopt;

    const QStringView yearText = text.first(firstSep);
    const QStringView monthText = text.sliced(firstSep + 1, secondSep - firstSep - 1);
    const QStringView dayText = text.sliced(secondSep + 1);
    const auto allDigits = [](QStringView part) {
        return !part.isEmpty() && std::all_of(part.begin(), part.end(), [](QChar c) {
            return c >= u'0' && c <= u'9';
        });
    };
    if (!allDigits(yearText) || !allDigits(monthText) || !allDigits(dayText) || monthText.size() > 2
        || dayText.size() > 2 || yearText.size() > 4)
        return std::nullopt;

    return DateFields {yearText.toInt(), monthText.toInt(), dayText.toInt(), yearText.size()};
}

QString monthNameFor(int month, bool jalali)
{
    const QLocale locale;
    if (jalali)
        return jalaliMonthName(month, locale);
    return locale.monthName(month, QLocale::LongFormat);
}

} // namespace

QCalendar jalaliCalendar()
{
    return QCalendar(QCalendar::System::Jalali);
}

Result<QDate> parseDate(QStringView input)
{
    QString text;
    text.reserve(input.size());
    for (const QChar c : input) {
        if (c.category() == QChar::Number_DecimalDigit)
            text.append(QChar(u'0' + c.digitValue()));
        else if (c.category() != QChar::Other_Format)
            text.append(c);
    }
    text = text.trimmed();
    const QString shown = input.trimmed().toString();

    if (text.isEmpty())
        return invalidDate(
            QCoreApplication::translate("Dates", "No date given: enter one such as 1398/09/03."));

    const std::optional<DateFields> fields = splitDate(text);
    if (!fields)
        return invalidDate(QCoreApplication::translate("Dates",
            "%1 is not a date: write year/month/day, such as 1398/09/03 "
            "(Jalali) or 2019-11-24 (Gregorian).")
                               .arg(quoted(shown)));
    if (fields->yearDigits != 4)
        return invalidDate(QCoreApplication::translate("Dates",
            "%1 has no four-digit year: write the year in full, "
            "such as 1398/09/03.")
                               .arg(quoted(shown)));

    const bool jalali = fields->year < firstGregorianYear;
    const QCalendar calendar = jalali ? jalaliCalendar() : QCalendar(QCalendar::System::Gregorian);
    const bool persianUi = isPersian(QLocale());

    if (fields->year == 0)
        return invalidDate(
            QCoreApplication::translate("Dates", "%1 has year 0, which no calendar has.")
                .arg(quoted(shown)));
    if (fields->month < 1 || fields->month > 12)
        return invalidDate(
            QCoreApplication::translate("Dates", "%1 has month %2: months run from 1 to 12.")
                .arg(quoted(shown), number(fields->month, 1, persianUi)));
    if (fields->day < 1)
        return invalidDate(
            QCoreApplication::translate("Dates", "%1 has day 0: days are numbered from 1.")
                .arg(quoted(shown)));

    const int daysInMonth = calendar.daysInMonth(fields->month, fields->year);
    if (fields->day > daysInMonth) {
        const QString monthName = monthNameFor(fields->month, jalali);
        const QString year = number(fields->year, 1, persianUi);
        if (jalali && fields->month == 12 && fields->day == 30)
            return invalidDate(QCoreApplication::translate("Dates",
                "%1 is not a date: %2 is not a leap year, so "
                "%3 has only 29 days.")
                                   .arg(quoted(shown), year, monthName));
        return invalidDate(
            QCoreApplication::translate("Dates", "%1 is not a date: %2 %3 has only %4 days.")
                .arg(quoted(shown), monthName, year, number(daysInMonth, 1, persianUi)));
    }

    const QDate date(fields->year, fields->month, fields->day, calendar);
    if (!date.isValid())
        return invalidDate(
            QCoreApplication::translate("Dates", "%1 is not a date.").arg(quoted(shown)));
    return date;
}

QString formatJalali(QDate date, const QLocale &locale, DateStyle style)
{
    if (!date.isValid())
        return {};
    const QCalendar::YearMonthDay parts = jalaliCalendar().partsFromDate(date);
    const bool persianDigits = isPersian(locale);

    if (style == DateStyle::Numeric)
        return number(parts.year, 4, persianDigits) + QLatin1Char('/')
            + number(parts.month, 2, persianDigits) + QLatin1Char('/')
            + number(parts.day, 2, persianDigits);

    QString text = number(parts.day, 1, persianDigits) + QLatin1Char(' ')
        + jalaliMonthName(parts.month, locale) + QLatin1Char(' ')
        + number(parts.year, 1, persianDigits);
    if (style == DateStyle::LongWithWeekday)
        text.prepend(weekdayName(date.dayOfWeek(), locale) + QLatin1Char(' '));
    return text;
}

QString formatJalaliDateTime(const QDateTime &moment, const QLocale &locale)
{
    if (!moment.isValid())
        return {};
    const QDateTime local = moment.toLocalTime();
    const bool persianDigits = isPersian(locale);
    return formatJalali(local.date(), locale, DateStyle::Numeric) + QLatin1Char(' ')
        + number(local.time().hour(), 2, persianDigits) + QLatin1Char(':')
        + number(local.time().minute(), 2, persianDigits);
}

QString jalaliMonthName(int month, const QLocale &locale)
{
    if (month < 1 || month > 12)
        return {};
    const auto &names = isPersian(locale) ? persianMonthNames() : latinMonthNames();
    return names.at(std::size_t(month - 1));
}

} // namespace daftar::text
