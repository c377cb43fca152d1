// How member values read in the UI's language, shared by the member screens:
// province names, years, Rial amounts and codes in the locale's digits.
#pragma once

#include "text/Provinces.h"

#include <QList>
#include <QLocale>
#include <QString>
#include <QStringView>

#include <optional>

namespace daftar::ui {

bool isPersian(const QLocale &locale);

// The province's name in the locale's language; the code itself when unknown.
QString provinceName(const QString &code, const QLocale &locale);

// The 31 provinces in the alphabetical order of the locale's language.
QList<text::Province> provincesInDisplayOrder(const QLocale &locale);

// ۱۴۰۳ / 1403: a year never gets a group separator.
QString formatYear(int year, const QLocale &locale);

// ۱۲٬۵۰۰٬۰۰۰ ریال / 12,500,000 Rial.
QString formatRial(qint64 amount, const QLocale &locale);

// The same amount in Toman, which many users think in.
QString formatToman(qint64 amountRial, const QLocale &locale);

// An identifier made of digits (national code, membership number, phone) in the
// locale's digits, marked left-to-right so it keeps its order in a Persian line.
QString formatCode(const QString &code, const QLocale &locale);

// A Rial amount as typed: any digit script, with or without group separators
// (٬ , space). Nothing when it is not a whole non-negative number.
std::optional<qint64> parseAmount(QStringView input);

int currentJalaliYear();

} // namespace daftar::ui
