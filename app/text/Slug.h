// URL slugs for articles on the public site.
#pragma once

#include <QString>
#include <QStringView>

namespace daftar::text {

// A slug WordPress keeps as it is: lower-case Latin letters, ASCII digits,
// Persian letters (Arabic yeh/kaf unified) and single hyphens; no ZWNJ, bidi
// control, punctuation or diacritic; digits of any script become ASCII. Cut at a
// word boundary so the percent-encoded form (as WordPress stores it) stays
// within maxEncodedLength bytes.
QString slugify(QStringView title, int maxEncodedLength = 190);

} // namespace daftar::text
