#include "accounts/Actor.h"
#include "accounts/Role.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar::accounts;

class TestPermissions : public QObject
{
    Q_OBJECT

private slots:
    void roleIdsRoundTrip()
    {
        for (Role role : allRoles()) {
            QCOMPARE(roleFromId(roleId(role)), std::optional<Role>(role));
            QVERIFY(!roleDisplayName(role).isEmpty());
        }
        QCOMPARE(roleFromId(u"Chief-Editor"_s), std::optional<Role>(Role::ChiefEditor));
        QVERIFY(!roleFromId(u"superuser"_s));
    }

    void matrix_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<Permission>("permission");
        QTest::addColumn<bool>("allowed");
        const auto row = [](const char *name, Role r, Permission p, bool a) {
            QTest::newRow(name) << r << p << a;
        };
        row("admin manages users", Role::Administrator, Permission::ManageUsers, true);
        row("chief editor publishes", Role::ChiefEditor, Permission::ReviewArticles, true);
        row("chief editor cannot manage users", Role::ChiefEditor, Permission::ManageUsers, false);
        row("editor writes", Role::Editor, Permission::WriteArticles, true);
        row("editor cannot publish", Role::Editor, Permission::ReviewArticles, false);
        row("editor cannot change members", Role::Editor, Permission::EditMembers, false);
        row("membership officer edits members", Role::MembershipOfficer, Permission::EditMembers,
            true);
        row("membership officer cannot publish", Role::MembershipOfficer,
            Permission::ReviewArticles, false);
        row("branch officer edits members", Role::BranchOfficer, Permission::EditMembers, true);
        row("branch officer cannot edit branches", Role::BranchOfficer, Permission::EditBranches,
            false);
        row("viewer views members", Role::Viewer, Permission::ViewMembers, true);
        row("viewer cannot edit members", Role::Viewer, Permission::EditMembers, false);
        row("viewer cannot write articles", Role::Viewer, Permission::WriteArticles, false);
        row("viewer cannot manage users", Role::Viewer, Permission::ManageUsers, false);
        row("viewer cannot manage database", Role::Viewer, Permission::ManageDatabase, false);
        row("viewer cannot manage sites", Role::Viewer, Permission::ManageSites, false);
    }
    void matrix()
    {
        QFETCH(Role, role);
        QFETCH(Permission, permission);
        QFETCH(bool, allowed);
        QCOMPARE(roleAllows(role, permission), allowed);
        Actor actor;
        actor.role = role;
        const daftar::Status status = actor.require(permission);
        QCOMPARE(status.ok(), allowed);
        if (!allowed) {
            QCOMPARE(status.error().kind, daftar::Error::Kind::Refused);
            QVERIFY(status.errorMessage().contains(roleDisplayName(role)));
        }
    }

    void branchOfficerStaysInProvince()
    {
        Actor officer;
        officer.role = Role::BranchOfficer;
        officer.province = u"IR-23"_s;
        QVERIFY(officer.require(Permission::EditMembers, u"IR-23"_s).ok());
        const auto refused = officer.require(Permission::EditMembers, u"IR-07"_s);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(u"Fars"_s), qPrintable(refused.errorMessage()));
        // A membership officer is national.
        Actor national;
        national.role = Role::MembershipOfficer;
        QVERIFY(national.require(Permission::EditMembers, u"IR-07"_s).ok());
    }

    void operatingSystemUserIsAdministrator()
    {
        qputenv("USER", "maryam");
        const Actor actor = Actor::operatingSystemUser();
        QCOMPARE(actor.role, Role::Administrator);
        QVERIFY(!actor.userId);
        QVERIFY(actor.auditActor().name.contains(u"maryam"_s));
        QVERIFY(actor.auditActor().name.contains(u"daftar-cli"_s));
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "TestPermissions.moc"
