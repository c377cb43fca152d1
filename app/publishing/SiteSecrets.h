// Where a site's secret (Application Password or shared HMAC key) comes from:
// the environment variable named in the site's settings when it is set (a
// headless server, a scheduled task), otherwise the OS keychain (QtKeychain).
// Never the database.
#pragma once

#include "Site.h"
#include "core/Result.h"

#include <QString>

namespace daftar::publishing {

class SiteSecrets
{
public:
    // Blocking (a local event loop while the keychain answers). The error says
    // which variable or keychain entry was tried and how to provide the secret.
    static Result<QString> read(const Site &site);
    static Status store(const Site &site, const QString &secret);
    static Status forget(const Site &site);
    // The keychain entry's name: "site:<name>@<host>" under the service "Daftar".
    static QString keychainKey(const Site &site);
};

} // namespace daftar::publishing
