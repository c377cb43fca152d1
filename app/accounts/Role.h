// Roles and what each may do. Every core operation asks Actor::require() before it
// writes; the UI hides what a role cannot do only as a courtesy.
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace daftar::accounts {

enum class Role {
    Administrator,
    ChiefEditor,
    Editor,
    MembershipOfficer,
    BranchOfficer, // limited to the province of their account
    Viewer,
};

enum class Permission {
    ManageUsers, // add accounts, change roles, reset others' passwords
    ManageDatabase, // migrate, back up, restore, shared-database setup
    ManageSites, // public site connections and their secrets
    ViewAuditLog,
    ViewMembers,
    EditMembers, // includes import and export
    EditBranches,
    WriteArticles, // draft, edit, submit for review
    ReviewArticles, // approve, schedule, publish, unpublish
};

QList<Role> allRoles();

// Stable identifiers stored in the database and typed on the command line.
QString roleId(Role role);
std::optional<Role> roleFromId(const QString &id);

// Translated, for the user ("Accounts" context).
QString roleDisplayName(Role role);
QString permissionDescription(Permission permission);

bool roleAllows(Role role, Permission permission);

// Whether the role's rights stop at the province of the account.
bool roleIsProvinceScoped(Role role);

} // namespace daftar::accounts
