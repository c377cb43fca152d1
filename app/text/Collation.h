// Persian sort order through ICU's "fa" collator, the same on every platform
// (QCollator uses a different backend on Windows). Store sortKey() beside a
// Persian name and ORDER BY it; never ORDER BY the raw text.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace daftar::text {

// A byte string whose memcmp order is Persian alphabetical order. Hex-encoded
// (lower case) so it can be stored in a TEXT column and compared with ORDER BY
// under byte (C / BINARY) collation in SQLite and PostgreSQL alike.
QByteArray collationKey(QStringView text);

// <0, 0, >0 like strcmp, in Persian alphabetical order (Latin after Persian).
int comparePersian(QStringView a, QStringView b);

} // namespace daftar::text
