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
