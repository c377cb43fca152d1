// A member of the federation: a person (national code, 10 digits) or a legal
// entity such as a cooperative (national ID, 11 digits).
#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace daftar::members {

enum class MemberKind { Person, Legal };
enum class MemberStatus { Active, Suspended, Expired, Resigned };

struct Member
{
    qint64 id = 0;
    QString membershipNo; // generated when empty
    MemberKind kind = MemberKind::Person;
    QString firstName;
    QString lastName;
    QString organizationName;
    QString nationalId; // canonical ASCII digits
    QString registrationNo;
    QString activitySector;
    QString province; // ISO 3166-2:IR code
    std::optional<qint64> branchId;
    QString city;
    QString address;
    QString postalCode; // 10 ASCII digits
    QString mobile; // E.164
    QString phone;
    QString email;
    QDate joinDate;
    MemberStatus status = MemberStatus::Active;
    QString notes;
    bool directoryConsent = false;
    QStringList directoryFields;
    QDateTime createdAt;
    QDateTime updatedAt;

    // "first last" for a person, the organisation's name for a legal entity.
    QString displayName() const;
};

QString kindId(MemberKind kind); // "person" / "legal"
std::optional<MemberKind> kindFromId(QStringView id);
QString statusId(MemberStatus status); // "active" …
std::optional<MemberStatus> statusFromId(QStringView id);

// The member as daftar-cli's --json prints it (canonical keys, ISO dates).
QJsonObject toJson(const Member &member);

// Translated for the user ("Members" context).
QString kindDisplayName(MemberKind kind);
QString statusDisplayName(MemberStatus status);

// One problem with one field of a member, as the form shows it beside the field
// and the import report lists it: `code` is a stable word for scripts.
struct FieldProblem
{
    QString field; // canonical column name, e.g. "national_id"
    QString code; // e.g. "invalid_national_id"
    QString message;
};

} // namespace daftar::members
