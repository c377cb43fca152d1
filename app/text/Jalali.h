// Solar Hijri (Jalali) dates: we store ISO Gregorian and show and accept Jalali.
#pragma once

#include "core/Result.h"

#include <QCalendar>
#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QStringView>

namespace daftar::text {

QCalendar jalaliCalendar();

// Accepts 1398/09/03, ۱۳۹۸/۰۹/۰۳, 1398-9-3, 1398.09.03 (Jalali: year below 1700)
// and ISO Gregorian 2019-11-24 / 2019/11/24 (year 1700 or later), in any digit
// script, with surrounding spaces. Fails with a message naming what is wrong.
Result<QDate> parseDate(QStringView input);

enum class DateStyle {
    Numeric, // ۱۳۹۸/۰۹/۰۳ in Persian, 1398/09/03 in English
    Long, // ۳ آذر ۱۳۹۸ in Persian, 3 Azar 1398 in English
    LongWithWeekday, // یکشنبه ۳ آذر ۱۳۹۸ / Sunday 3 Azar 1398
};

// Formats a Gregorian QDate as a Jalali date. A Persian locale gives Persian
// digits; any other language gives Latin digits. Years never get a group separator.
QString formatJalali(QDate date, const QLocale &locale, DateStyle style = DateStyle::Long);

// A moment as people read it on screen: the local Jalali date and the time,
// "۱۴۰۵/۰۹/۰۷ ۰۸:۱۴" (Persian digits in a Persian locale).
QString formatJalaliDateTime(const QDateTime &moment, const QLocale &locale);

// The Jalali month name (1..12) in the locale's language: "آذر" / "Azar".
QString jalaliMonthName(int month, const QLocale &locale);

} // namespace daftar::text
