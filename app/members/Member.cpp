#include "Member.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace daftar::members {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Members)
};
} // namespace

QString Member::displayName() const
{
    if (kind == MemberKind::Legal) {
        return organizationName;
    }
    return (firstName + u' ' + lastName).trimmed();
}

QJsonObject toJson(const Member &member)
{
    const auto orNull = [](const QString &value) {
        return value.isEmpty() ? QJsonValue() : QJsonValue(value);
    };
    return {{u"id"_s, member.id}, {u"membership_no"_s, member.membershipNo},
        {u"kind"_s, kindId(member.kind)}, {u"first_name"_s, orNull(member.firstName)},
        {u"last_name"_s, orNull(member.lastName)},
        {u"organization_name"_s, orNull(member.organizationName)},
        {u"national_id"_s, member.nationalId},
        {u"registration_no"_s, orNull(member.registrationNo)},
        {u"activity_sector"_s, orNull(member.activitySector)}, {u"province"_s, member.province},
        {u"city"_s, orNull(member.city)}, {u"address"_s, orNull(member.address)},
        {u"postal_code"_s, orNull(member.postalCode)}, {u"mobile"_s, orNull(member.mobile)},
        {u"phone"_s, orNull(member.phone)}, {u"email"_s, orNull(member.email)},
        {u"join_date"_s,
            member.joinDate.isValid() ? QJsonValue(member.joinDate.toString(Qt::ISODate))
                                      : QJsonValue()},
        {u"status"_s, statusId(member.status)}, {u"directory_consent"_s, member.directoryConsent}};
}

QString kindId(MemberKind kind)
{
    return kind == MemberKind::Legal ? u"legal"_s : u"person"_s;
}

std::optional<MemberKind> kindFromId(QStringView id)
{
    if (id == u"person") {
        return MemberKind::Person;
    }
    if (id == u"legal") {
        return MemberKind::Legal;
    }
    return std::nullopt;
}

QString statusId(MemberStatus status)
{
    switch (status) {
    case MemberStatus::Active:
        return u"active"_s;
    case MemberStatus::Suspended:
        return u"suspended"_s;
    case MemberStatus::Expired:
        return u"expired"_s;
    case MemberStatus::Resigned:
        return u"resigned"_s;
    }
    return {};
}

std::optional<MemberStatus> statusFromId(QStringView id)
{
    for (auto status : {MemberStatus::Active, MemberStatus::Suspended, MemberStatus::Expired,
             MemberStatus::Resigned}) {
        if (id == statusId(status)) {
            return status;
        }
    }
    return std::nullopt;
}

QString kindDisplayName(MemberKind kind)
{
    return kind == MemberKind::Legal ? Text::tr("Legal entity") : Text::tr("Person");
}

QString statusDisplayName(MemberStatus status)
{
    switch (status) {
    case MemberStatus::Active:
        return Text::tr("Active");
    case MemberStatus::Suspended:
        return Text::tr("Suspended");
    case MemberStatus::Expired:
        return Text::tr("Expired");
    case MemberStatus::Resigned:
        return Text::tr("Resigned");
    }
    return {};
}

} // namespace daftar::members
