// Argon2id password hashes (libsodium), in the self-describing "$argon2id$..."
// string form so that the cost can be raised later without a schema change.
#pragma once

#include <QString>

namespace daftar::accounts {

class PasswordHash
{
public:
    static QString hash(const QString &password);
    static bool verify(const QString &storedHash, const QString &password);
    // True when the hash was made with weaker settings than today's.
    static bool needsRehash(const QString &storedHash);
};

} // namespace daftar::accounts
