#include "PasswordHash.h"

#include <QByteArray>

#include <sodium.h>

namespace daftar::accounts {

namespace {

// libsodium's "interactive" limits: 64 MiB and two passes, about 0.1 s here.
// Memory-hard, so a stolen database is expensive to guess at on GPUs.
constexpr unsigned long long opsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t memLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

bool ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

QString PasswordHash::hash(const QString &password)
{
    if (!ensureSodium()) {
        return {};
    }
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
            opsLimit, memLimit, crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        return {}; // out of memory; callers treat an empty hash as a failure
    }
    return QString::fromLatin1(out);
}

bool PasswordHash::verify(const QString &storedHash, const QString &password)
{
    if (!ensureSodium() || storedHash.isEmpty()) {
        return false;
    }
    const QByteArray stored = storedHash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(
               stored.constData(), utf8.constData(), static_cast<unsigned long long>(utf8.size()))
        == 0;
}

bool PasswordHash::needsRehash(const QString &storedHash)
{
    if (!ensureSodium()) {
        return false;
    }
    return crypto_pwhash_str_needs_rehash(storedHash.toLatin1().constData(), opsLimit, memLimit)
        != 0;
}

} // namespace daftar::accounts
