// User accounts: the first administrator, adding users, passwords and logging in
// with throttling. Every write checks the actor and is recorded in the audit trail
// in the same transaction.
#pragma once

#include "Actor.h"
#include "Role.h"
#include "core/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>

namespace daftar::storage {
class Database;
}

namespace daftar::accounts {

struct User
{
    qint64 id = 0;
    QString username;
    QString displayName;
    Role role = Role::Viewer;
    QString province;
    bool active = true;
    QDateTime lastLoginAt;

    Actor actor() const;
};

struct NewUser
{
    QString username;
    QString displayName;
    Role role = Role::Viewer;
    QString province; // ISO code or any spelling findProvince() knows
    QString password;
};

class AccountService
{
public:
    using Clock = std::function<QDateTime()>;

    // After this many failed logins in a row each further attempt waits longer;
    // after lockThreshold the account locks for lockMinutes.
    static constexpr int freeAttempts = 3;
    static constexpr int lockThreshold = 6;
    static constexpr int lockMinutes = 15;
    static constexpr int minimumPasswordLength = 8;

    explicit AccountService(storage::Database &db, Clock clock = {});

    Result<bool> hasUsers();

    // Only on a database without any account: the start of a new installation.
    Result<User> createFirstAdministrator(
        const QString &username, const QString &displayName, const QString &password);

    Result<User> addUser(const Actor &actor, const NewUser &user);
    Result<QList<User>> users(const Actor &actor);

    // Users change their own password; administrators anyone's (which also
    // unlocks an account locked by failed logins).
    Status changePassword(const Actor &actor, const QString &username, const QString &newPassword);

    // Wrong user name and wrong password get the same answer.
    Result<User> logIn(const QString &username, const QString &password);

    static Status checkPassword(const QString &username, const QString &password);

private:
    Result<User> addUserUnchecked(const storage::AuditActor &by, const NewUser &user);
    Result<std::optional<User>> findUser(const QString &username);
    Status recordFailedLogin(const QString &username, int failedBefore);
    QDateTime now() const;

    storage::Database &m_db;
    Clock m_clock;
};

} // namespace daftar::accounts
