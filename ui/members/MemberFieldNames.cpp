#include "MemberFieldNames.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(MemberFieldNames)
};
} // namespace

QString memberFieldName(QStringView field)
{
    if (field == u"membership_no") {
        return Text::tr("Membership no.");
    }
    if (field == u"kind") {
        return Text::tr("Kind");
    }
    if (field == u"first_name") {
        return Text::tr("First name");
    }
    if (field == u"last_name") {
        return Text::tr("Last name");
    }
    if (field == u"organization_name") {
        return Text::tr("Name of the cooperative");
    }
    if (field == u"national_id") {
        return Text::tr("National code / ID");
    }
    if (field == u"registration_no") {
        return Text::tr("Registration no.");
    }
    if (field == u"activity_sector") {
        return Text::tr("Activity sector");
    }
    if (field == u"province") {
        return Text::tr("Province");
    }
    if (field == u"branch_id") {
        return Text::tr("Branch");
    }
    if (field == u"city") {
        return Text::tr("City");
    }
    if (field == u"address") {
        return Text::tr("Address");
    }
    if (field == u"postal_code") {
        return Text::tr("Postal code");
    }
    if (field == u"mobile") {
        return Text::tr("Mobile");
    }
    if (field == u"phone") {
        return Text::tr("Phone");
    }
    if (field == u"email") {
        return Text::tr("Email");
    }
    if (field == u"join_date") {
        return Text::tr("Joined on");
    }
    if (field == u"status") {
        return Text::tr("Status");
    }
    if (field == u"notes") {
        return Text::tr("Notes");
    }
    return field.toString();
}

QStringList mergeableMemberFields()
{
    return {u"kind"_s, u"membership_no"_s, u"first_name"_s, u"last_name"_s, u"organization_name"_s,
        u"national_id"_s, u"registration_no"_s, u"activity_sector"_s, u"province"_s, u"branch_id"_s,
        u"city"_s, u"address"_s, u"postal_code"_s, u"mobile"_s, u"phone"_s, u"email"_s,
        u"join_date"_s, u"status"_s, u"notes"_s};
}

} // namespace daftar::ui
