// Who is acting: a logged-in user, or daftar-cli acting for the OS user on a
// local database. Passed to every core operation, which checks it first.
#pragma once

#include "Role.h"
#include "core/Result.h"
#include "storage/AuditLog.h"

#include <QString>

#include <optional>

namespace daftar::accounts {

struct Actor
{
    std::optional<qint64> userId;
    QString username;
    QString displayName;
    Role role = Role::Viewer;
    QString province; // ISO code; only for province-scoped roles

    // daftar-cli on a local SQLite file acts as administrator for the person
    // logged in to the computer; the audit trail names them.
    static Actor operatingSystemUser();

    // Refuses with a message naming the role and what it may not do. With a
    // province, a province-scoped role is also refused outside its own province.
    Status require(Permission permission, const QString &recordProvince = {}) const;

    storage::AuditActor auditActor() const;
};

} // namespace daftar::accounts
