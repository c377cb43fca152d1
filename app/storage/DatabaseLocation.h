// Where the data lives: one connection string for both engines.
//   /path/to/daftar.sqlite, sqlite:/path, sqlite:///path  -> embedded SQLite file
//   postgresql://user[:password]@host[:port]/db          -> shared PostgreSQL
#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringView>

namespace daftar::storage {

struct DatabaseLocation
{
    enum class Engine { SQLite, PostgreSQL };

    Engine engine = Engine::SQLite;
    QString path; // SQLite file
    QString host; // PostgreSQL
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;

    static Result<DatabaseLocation> parse(QStringView text);

    // The SQLite file under the per-user application data directory.
    static DatabaseLocation defaultLocation();

    // Safe to show and log: never includes the password.
    QString displayName() const;
};

} // namespace daftar::storage
