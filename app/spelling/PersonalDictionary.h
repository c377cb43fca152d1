// The words each user has added to their own dictionary ("Add to dictionary" in
// the editor). Kept in the database, so they follow the user to every desktop
// that shares a PostgreSQL database. The words are the user's own: no permission
// beyond being someone is needed, and another user never sees them.
#pragma once

#include "accounts/Actor.h"
#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace daftar::storage {
class Database;
}

namespace daftar::spelling {

class PersonalDictionary
{
public:
    explicit PersonalDictionary(storage::Database &db);

    // The actor's words, in Persian alphabetical order.
    Result<QStringList> words(const accounts::Actor &actor);
    // Adding a word that is already there changes nothing.
    Status add(const accounts::Actor &actor, const QString &word);
    Status remove(const accounts::Actor &actor, const QString &word);

private:
    storage::Database &m_db;
};

} // namespace daftar::spelling
