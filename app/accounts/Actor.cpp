#include "Actor.h"

#include "text/Provinces.h"

#include <QCoreApplication>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace daftar::accounts {

namespace {

// Translation context of this file's messages.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Accounts)
};

QString provinceName(const QString &code)
{
    const auto province = text::provinceByCode(code);
    if (!province) {
        return code;
    }
    return QCoreApplication::translate("Accounts", "%1 (%2)")
        .arg(province->persianName, province->englishName);
}

} // namespace

Actor Actor::operatingSystemUser()
{
    QString login = qEnvironmentVariable("USER");
    if (login.isEmpty()) {
        login = qEnvironmentVariable("USERNAME"); // Windows
    }
#ifdef Q_OS_UNIX
    // Services and some shells run without USER set; the account database knows.
    if (login.isEmpty()) {
        if (const passwd *entry = getpwuid(geteuid())) {
            login = QString::fromLocal8Bit(entry->pw_name);
        }
    }
#endif
    if (login.isEmpty()) {
        login = u"unknown"_s;
    }
    Actor actor;
    actor.username = login;
    actor.displayName = u"%1 (OS user, daftar-cli)"_s.arg(login);
    actor.role = Role::Administrator;
    return actor;
}

Status Actor::require(Permission permission, const QString &recordProvince) const
{
    if (!roleAllows(role, permission)) {
        return makeError(Error::Kind::Refused,
            Text::tr("Your role (%1) does not allow %2. Ask an administrator if you "
                     "need it.")
                .arg(roleDisplayName(role), permissionDescription(permission)));
    }
    if (roleIsProvinceScoped(role) && !recordProvince.isEmpty() && recordProvince != province) {
        return makeError(Error::Kind::Refused,
            Text::tr("Your account is limited to the province %1; this record belongs to "
                     "%2.")
                .arg(provinceName(province), provinceName(recordProvince)));
    }
    return success();
}

storage::AuditActor Actor::auditActor() const
{
    return {userId, userId ? u"%1 (%2)"_s.arg(displayName, username) : displayName};
}

} // namespace daftar::accounts
