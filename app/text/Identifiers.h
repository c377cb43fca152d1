// Iranian identifiers: national code (persons), national ID (legal entities),
// mobile numbers and postal codes. Input may use any digit script, spaces and
// dashes; results are canonical ASCII.
#pragma once

#include <QString>
#include <QStringView>

namespace daftar::text {

struct IdCheck
{
    enum class Status { Valid, Empty, NotDigits, WrongLength, RepeatedDigits, BadChecksum };
    Status status = Status::Empty;
    QString canonical; // the digits checked (after left-padding), ASCII
    bool padded = false; // leading zeros were restored (a spreadsheet had dropped them)

    bool valid() const { return status == Status::Valid; }
};

// 10-digit national code (کد ملی). 8 or 9 digits are left-padded with zeros first.
IdCheck checkNationalCode(QStringView input);

// 11-digit national ID of a legal entity (شناسه ملی), e.g. a cooperative.
IdCheck checkLegalEntityId(QStringView input);

// The check digit the rule demands for the first 9 (national code) or 10
// (legal ID) ASCII digits; -1 when the input is not that many digits.
int nationalCodeCheckDigit(QStringView firstNine);
int legalEntityIdCheckDigit(QStringView firstTen);

// A user-facing explanation of a failed check, translated ("Identifiers" context).
// `what` is the field's name as shown to the user, e.g. tr("national code").
QString describe(const IdCheck &check, const QString &what);

// Any accepted mobile shape (09…, 9…, +989…, 00989…, 989…, spaces, dashes, any
// digits) to E.164 "+989xxxxxxxxx"; empty when it is not a mobile number.
QString canonicalMobile(QStringView input);

// "+989123456789" → "0912 345 6789", with Persian digits when persianDigits.
QString displayMobile(QStringView canonical, bool persianDigits);

// 10 digits, shape ^(?!(\d)\1{3})[13-9]{5}\d{5}$; dashes/spaces and any digit script
// accepted. Returns the 10 ASCII digits, or empty when invalid.
QString canonicalPostalCode(QStringView input);

// "1234567890" → "12345-67890".
QString displayPostalCode(QStringView canonical, bool persianDigits);

} // namespace daftar::text
