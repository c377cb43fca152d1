// Persian text helpers shared by search, import and the editor: letter and digit
// unification, and the search key every index and query is built from.
#pragma once

#include <QString>
#include <QStringView>

namespace daftar::text {

// The key that search indexes and queries are built from (persian.md, "Text
// normalisation"): NFKC, Arabic yeh/kaf to Persian, ة/ۀ→ه, أإٱآ→ا, harakat and
// tatweel stripped, every digit script to ASCII, ZWNJ and bidi controls removed,
// Latin case folded, runs of whitespace collapsed to one space, trimmed.
QString searchKey(QStringView text);

// Arabic yeh (ي, ى and other yeh forms) to Persian yeh ی, Arabic kaf ك to ک.
// Safe for stored text: changes nothing a reader would call a different word.
QString unifyArabicLetters(QStringView text);

// Persian (U+06F0–9) and Arabic-Indic (U+0660–9) digits to ASCII; other text untouched.
QString toLatinDigits(QStringView text);

// ASCII and Arabic-Indic digits to Persian digits; other text untouched.
QString toPersianDigits(QStringView text);

// Only the digits 0-9 in any script, as ASCII; anything else makes it return an
// empty string. Used by identifier parsing.
QString digitsOnly(QStringView text);

} // namespace daftar::text

namespace daftar::text {

// Marks text as a left-to-right run (LRM on both sides) so that a path, URL or user
// name keeps its order inside a right-to-left sentence, even when it starts or ends
// with a neutral character such as "/". Qt 6.4's text layout does not honour the
// isolates U+2066…U+2069 (measured in TestShell), so this uses the marks.
QString isolateLeftToRight(QStringView text);

} // namespace daftar::text
