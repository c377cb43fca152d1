#include "Role.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace daftar::accounts {

namespace {

// Translation context of this file's messages.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Accounts)
};

} // namespace

QList<Role> allRoles()
{
    return {Role::Administrator, Role::ChiefEditor, Role::Editor, Role::MembershipOfficer,
        Role::BranchOfficer, Role::Viewer};
}

QString roleId(Role role)
{
    switch (role) {
    case Role::Administrator:
        return u"administrator"_s;
    case Role::ChiefEditor:
        return u"chief_editor"_s;
    case Role::Editor:
        return u"editor"_s;
    case Role::MembershipOfficer:
        return u"membership_officer"_s;
    case Role::BranchOfficer:
        return u"branch_officer"_s;
    case Role::Viewer:
        return u"viewer"_s;
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<Role> roleFromId(const QString &id)
{
    const QString wanted = id.trimmed().toLower().replace(u'-', u'_');
    for (Role role : allRoles()) {
        if (roleId(role) == wanted) {
            return role;
        }
    }
    return std::nullopt;
}

QString roleDisplayName(Role role)
{
    switch (role) {
    case Role::Administrator:
        return Text::tr("Administrator");
    case Role::ChiefEditor:
        return Text::tr("Chief editor");
    case Role::Editor:
        return Text::tr("Editor");
    case Role::MembershipOfficer:
        return Text::tr("Membership officer");
    case Role::BranchOfficer:
        return Text::tr("Branch officer");
    case Role::Viewer:
        return Text::tr("Viewer");
    }
    Q_UNREACHABLE();
    return {};
}

QString permissionDescription(Permission permission)
{
    switch (permission) {
    case Permission::ManageUsers:
        return Text::tr("managing user accounts");
    case Permission::ManageDatabase:
        return Text::tr("managing the database");
    case Permission::ManageSites:
        return Text::tr("managing the public site connections");
    case Permission::ViewAuditLog:
        return Text::tr("reading the audit trail");
    case Permission::ViewMembers:
        return Text::tr("viewing the member bank");
    case Permission::EditMembers:
        return Text::tr("changing the member bank");
    case Permission::EditBranches:
        return Text::tr("changing the provincial branches");
    case Permission::WriteArticles:
        return Text::tr("writing articles");
    case Permission::ReviewArticles:
        return Text::tr("reviewing and publishing articles");
    }
    Q_UNREACHABLE();
    return {};
}

bool roleAllows(Role role, Permission permission)
{
    switch (role) {
    case Role::Administrator:
        return true;
    case Role::ChiefEditor:
        return permission == Permission::WriteArticles || permission == Permission::ReviewArticles
            || permission == Permission::ViewAuditLog || permission == Permission::ViewMembers;
    case Role::Editor:
        return permission == Permission::WriteArticles || permission == Permission::ViewMembers;
    case Role::MembershipOfficer:
        return permission == Permission::ViewMembers || permission == Permission::EditMembers
            || permission == Permission::EditBranches;
    case Role::BranchOfficer:
        return permission == Permission::ViewMembers || permission == Permission::EditMembers;
    case Role::Viewer:
        return permission == Permission::ViewMembers;
    }
    return false;
}

bool roleIsProvinceScoped(Role role)
{
    return role == Role::BranchOfficer;
}

} // namespace daftar::accounts
