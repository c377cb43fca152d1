#include "AccountService.h"

#include "PasswordHash.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "text/PersianText.h"
#include "text/Provinces.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace daftar::accounts {

namespace {

// Translation context of this file's messages.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Accounts)
};

QString timestamp(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseTimestamp(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

// Logins ignore case, digit script and Arabic/Persian letter variants.
QString canonicalUsername(const QString &username)
{
    return text::toLatinDigits(text::unifyArabicLetters(username.trimmed())).toLower();
}

const QString userColumns = u"SELECT id, username, display_name, role, province, active, "
                            "last_login_at, password_hash, failed_logins, next_login_at "
                            "FROM users "_s;

struct StoredUser
{
    User user;
    QString passwordHash;
    int failedLogins = 0;
    QDateTime nextLoginAt;
};

StoredUser readUser(const QSqlQuery &query)
{
    StoredUser stored;
    stored.user.id = query.value(0).toLongLong();
    stored.user.username = query.value(1).toString();
    stored.user.displayName = query.value(2).toString();
    stored.user.role = roleFromId(query.value(3).toString()).value_or(Role::Viewer);
    stored.user.province = query.value(4).toString();
    stored.user.active = query.value(5).toInt() != 0;
    stored.user.lastLoginAt = parseTimestamp(query.value(6));
    stored.passwordHash = query.value(7).toString();
    stored.failedLogins = query.value(8).toInt();
    stored.nextLoginAt = parseTimestamp(query.value(9));
    return stored;
}

QJsonObject describeUser(const User &user)
{
    QJsonObject object {{u"username"_s, user.username}, {u"display_name"_s, user.displayName},
        {u"role"_s, roleId(user.role)}, {u"active"_s, user.active}};
    if (!user.province.isEmpty()) {
        object.insert(u"province"_s, user.province);
    }
    return object;
}

Error wrongCredentials()
{
    return makeError(Error::Kind::Refused,
        Text::tr("Wrong user name or password. Check the keyboard language and Caps Lock."));
}

Error waitMessage(const QDateTime &now, const QDateTime &until)
{
    const qint64 seconds = qMax<qint64>(1, now.secsTo(until));
    if (seconds > 60) {
        return makeError(Error::Kind::Locked,
            Text::tr("After repeated failed logins this account is locked for %n more "
                     "minute(s). An administrator can unlock it by setting a new "
                     "password.",
                nullptr, int((seconds + 59) / 60)));
    }
    return makeError(Error::Kind::Locked,
        Text::tr("Too many failed logins: wait %n second(s) before trying again.", nullptr,
            int(seconds)));
}

} // namespace

Actor User::actor() const
{
    Actor actor;
    actor.userId = id;
    actor.username = username;
    actor.displayName = displayName;
    actor.role = role;
    actor.province = province;
    return actor;
}

AccountService::AccountService(storage::Database &db, Clock clock)
    : m_db(db)
    , m_clock(std::move(clock))
{ }

QDateTime AccountService::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

Result<bool> AccountService::hasUsers()
{
    auto query = m_db.run(u"SELECT COUNT(*) FROM users"_s);
    if (!query) {
        return query.error();
    }
    query->next();
    return query->value(0).toLongLong() > 0;
}

Status AccountService::checkPassword(const QString &username, const QString &password)
{
    if (password.size() < minimumPasswordLength) {
        return makeError(Error::Kind::Invalid,
            Text::tr(
                "The password must have at least %n characters.", nullptr, minimumPasswordLength));
    }
    if (canonicalUsername(password) == canonicalUsername(username)) {
        return makeError(
            Error::Kind::Invalid, Text::tr("The password must not be the same as the user name."));
    }
    return success();
}

Result<User> AccountService::createFirstAdministrator(
    const QString &username, const QString &displayName, const QString &password)
{
    Result<User> created = makeError(Error::Kind::Storage, QString());
    const Status done = m_db.inTransaction([&]() -> Status {
        const auto any = hasUsers();
        if (!any) {
            return any.error();
        }
        if (*any) {
            return makeError(Error::Kind::Conflict,
                Text::tr("This database already has accounts; log in instead. Only an "
                         "administrator can add more."));
        }
        NewUser admin {username, displayName, Role::Administrator, {}, password};
        created = addUserUnchecked({std::nullopt, Text::tr("first start")}, admin);
        return created ? success() : Status(created.error());
    });
    if (!done) {
        return done.error();
    }
    return created;
}

Result<User> AccountService::addUser(const Actor &actor, const NewUser &user)
{
    if (const Status allowed = actor.require(Permission::ManageUsers); !allowed) {
        return allowed.error();
    }
    Result<User> created = makeError(Error::Kind::Storage, QString());
    const Status done = m_db.inTransaction([&]() -> Status {
        created = addUserUnchecked(actor.auditActor(), user);
        return created ? success() : Status(created.error());
    });
    if (!done) {
        return done.error();
    }
    return created;
}

Result<User> AccountService::addUserUnchecked(const storage::AuditActor &by, const NewUser &input)
{
    const QString username = canonicalUsername(input.username);
    static const QRegularExpression shape(
        u"^[\\w.\\-]{2,64}$"_s, QRegularExpression::UseUnicodePropertiesOption);
    if (!shape.match(username).hasMatch()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("The user name \"%1\" is not usable: use 2 to 64 letters, digits, dots, "
                     "dashes or underscores, without spaces.")
                .arg(input.username));
    }
    const QString displayName = input.displayName.simplified();
    if (displayName.isEmpty()) {
        return makeError(Error::Kind::Invalid, Text::tr("Enter the person's full name."));
    }
    QString province;
    if (roleIsProvinceScoped(input.role)) {
        const auto found = text::findProvince(input.province);
        if (!found) {
            return makeError(Error::Kind::Invalid,
                input.province.isEmpty()
                    ? Text::tr("A branch officer's account needs the province it is "
                               "limited to.")
                    : Text::tr("\"%1\" is not one of the 31 provinces. Use its name or "
                               "ISO code, e.g. IR-23 for Tehran.")
                          .arg(input.province));
        }
        province = found->code;
    }
    if (const Status strong = checkPassword(username, input.password); !strong) {
        return strong.error();
    }
    const auto existing = findUser(username);
    if (!existing) {
        return existing.error();
    }
    if (existing->has_value()) {
        return makeError(Error::Kind::Conflict,
            Text::tr("There is already an account named \"%1\".").arg(username));
    }
    const QString hash = PasswordHash::hash(input.password);
    if (hash.isEmpty()) {
        return makeError(Error::Kind::Storage,
            Text::tr("Not enough memory to protect the password. Close other programs "
                     "and try again."));
    }
    const QString at = timestamp(now());
    auto inserted
        = m_db.run(u"INSERT INTO users (username, display_name, role, province, password_hash, "
                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
            {username, displayName, roleId(input.role),
                province.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(province),
                hash, at, at});
    if (!inserted) {
        return inserted.error();
    }
    inserted->next();
    User user;
    user.id = inserted->value(0).toLongLong();
    user.username = username;
    user.displayName = displayName;
    user.role = input.role;
    user.province = province;
    const Status audited = storage::AuditLog::record(
        m_db, by, u"user.create"_s, u"user"_s, QString::number(user.id), {}, describeUser(user));
    if (!audited) {
        return audited.error();
    }
    return user;
}

Result<std::optional<User>> AccountService::findUser(const QString &username)
{
    auto query = m_db.run(userColumns + u"WHERE username = ?"_s, {canonicalUsername(username)});
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return std::optional<User>();
    }
    return std::optional<User>(readUser(*query).user);
}

Result<QList<User>> AccountService::users(const Actor &actor)
{
    if (const Status allowed = actor.require(Permission::ManageUsers); !allowed) {
        return allowed.error();
    }
    auto query = m_db.run(userColumns + u"ORDER BY username"_s);
    if (!query) {
        return query.error();
    }
    QList<User> all;
    while (query->next()) {
        all << readUser(*query).user;
    }
    return all;
}

Status AccountService::changePassword(
    const Actor &actor, const QString &username, const QString &newPassword)
{
    const QString target = canonicalUsername(username);
    const bool self = actor.userId && canonicalUsername(actor.username) == target;
    if (!self) {
        if (const Status allowed = actor.require(Permission::ManageUsers); !allowed) {
            return allowed;
        }
    }
    if (const Status strong = checkPassword(target, newPassword); !strong) {
        return strong;
    }
    return m_db.inTransaction([&]() -> Status {
        const auto found = findUser(target);
        if (!found) {
            return found.error();
        }
        if (!found->has_value()) {
            return makeError(
                Error::Kind::NotFound, Text::tr("There is no account named \"%1\".").arg(username));
        }
        const QString hash = PasswordHash::hash(newPassword);
        if (hash.isEmpty()) {
            return makeError(Error::Kind::Storage,
                Text::tr("Not enough memory to protect the password. Close other "
                         "programs and try again."));
        }
        auto updated = m_db.run(u"UPDATE users SET password_hash = ?, failed_logins = 0, "
                                "next_login_at = NULL, updated_at = ? WHERE id = ?"_s,
            {hash, timestamp(now()), (*found)->id});
        if (!updated) {
            return updated.error();
        }
        // The audit trail says that the password changed, never what it is.
        return storage::AuditLog::record(m_db, actor.auditActor(), u"user.password"_s, u"user"_s,
            QString::number((*found)->id), {}, {{u"password"_s, u"changed"_s}});
    });
}

Status AccountService::recordFailedLogin(const QString &username, int failedBefore)
{
    const int failed = failedBefore + 1;
    QVariant nextLogin(QMetaType::fromType<QString>());
    if (failed >= lockThreshold) {
        nextLogin = timestamp(now().addSecs(lockMinutes * 60));
    } else if (failed >= freeAttempts) {
        nextLogin = timestamp(now().addSecs(1LL << (failed - freeAttempts + 1)));
    }
    return m_db.inTransaction([&]() -> Status {
        auto updated = m_db.run(
            u"UPDATE users SET failed_logins = ?, next_login_at = ? WHERE username = ?"_s,
            {failed, nextLogin, username});
        return updated ? success() : Status(updated.error());
    });
}

Result<User> AccountService::logIn(const QString &username, const QString &password)
{
    auto query = m_db.run(userColumns + u"WHERE username = ?"_s, {canonicalUsername(username)});
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        // Spend the same time as a real check so that timing does not reveal
        // which user names exist.
        static const QString decoy = PasswordHash::hash(u"decoy password"_s);
        PasswordHash::verify(decoy, password);
        return wrongCredentials();
    }
    StoredUser stored = readUser(*query);
    query->finish();
    const QDateTime at = now();
    if (stored.nextLoginAt.isValid() && stored.nextLoginAt > at) {
        return waitMessage(at, stored.nextLoginAt);
    }
    if (!PasswordHash::verify(stored.passwordHash, password)) {
        if (const Status recorded = recordFailedLogin(stored.user.username, stored.failedLogins);
            !recorded) {
            return recorded.error();
        }
        if (stored.failedLogins + 1 >= lockThreshold) {
            return waitMessage(at, at.addSecs(lockMinutes * 60));
        }
        return wrongCredentials();
    }
    if (!stored.user.active) {
        return makeError(Error::Kind::Refused,
            Text::tr("The account \"%1\" is disabled. Ask an administrator.")
                .arg(stored.user.username));
    }
    const Status updated = m_db.inTransaction([&]() -> Status {
        QString sql = u"UPDATE users SET failed_logins = 0, next_login_at = NULL, "
                      "last_login_at = ?"_s;
        QVariantList values {timestamp(at)};
        if (PasswordHash::needsRehash(stored.passwordHash)) {
            sql += u", password_hash = ?"_s;
            values << PasswordHash::hash(password);
        }
        sql += u" WHERE id = ?"_s;
        values << stored.user.id;
        if (auto done = m_db.run(sql, values); !done) {
            return done.error();
        }
        return storage::AuditLog::record(m_db, stored.user.actor().auditActor(), u"user.login"_s,
            u"user"_s, QString::number(stored.user.id), {}, {});
    });
    if (!updated) {
        return updated.error();
    }
    stored.user.lastLoginAt = at;
    return stored.user;
}

} // namespace daftar::accounts
