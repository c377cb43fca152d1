// Versioned, forward-only schema migrations. Each migration runs in its own
// transaction and is recorded in schema_version; a database written by a newer
// Daftar is refused untouched.
#pragma once

#include "core/Result.h"

#include <QStringList>

namespace daftar::storage {

class Database;

int latestSchemaVersion();

// The tables the latest schema has (for integrity checks).
QStringList expectedTables();

// Applies every pending migration, one transaction each.
Status migrateToLatest(Database &db);
// The same, stopping after `version`: for tests that upgrade an older bank.
Status migrateTo(Database &db, int version);

// Refuses a newer or foreign database without changing anything.
Status checkCompatible(Database &db);

} // namespace daftar::storage
