// Printable pages of the member bank — a member list and a membership card —
// as self-contained HTML that render::renderPdf() prints (right-to-left in
// Persian, with the bundled font, Jalali dates and the locale's digits).
#pragma once

#include "Member.h"

#include <QList>
#include <QLocale>
#include <QString>

namespace daftar::members {

// A printed list stops here: beyond it the search and filters should narrow it.
inline constexpr int printableListLimit = 5000;

// `shown` of `total` members: the page says when the list was cut short.
QString memberListPage(
    const QList<Member> &members, qint64 total, const QString &title, const QLocale &locale);

// One member's card, the size of a bank card, at the top of an A4 page.
QString membershipCardPage(
    const Member &member, const QString &organisation, const QLocale &locale);

} // namespace daftar::members
