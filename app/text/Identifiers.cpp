#include "Identifiers.h"

#include "PersianText.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>

namespace daftar::text {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype nationalCodeLength = 10;
constexpr qsizetype legalEntityIdLength = 11;

// People type identifiers with spaces or dashes between groups, and text copied from
// a right-to-left document carries bidi marks; none of them is part of the number.
QString withoutSeparators(QStringView input)
{
    QString kept;
    kept.reserve(input.size());
    for (const QChar c : input) {
        if (c.isSpace() || c.category() == QChar::Punctuation_Dash || c == QChar(0x2212)
            || c.category() == QChar::Other_Format)
            continue;
        kept.append(c);
    }
    return kept;
}

bool isAsciiDigits(QStringView text, qsizetype length)
{
    return text.size() == length
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

int digitAt(QStringView digits, qsizetype index)
{
    return digits.at(index).unicode() - u'0';
}

bool isOneDigitRepeated(QStringView digits)
{
    return std::all_of(digits.begin(), digits.end(), [&](QChar c) { return c == digits.front(); });
}

// The checks both identifiers share; `padFrom` is the shortest length a spreadsheet
// may have left after dropping leading zeros (0 = never pad).
IdCheck checkDigits(
    QStringView input, qsizetype length, qsizetype padFrom, int (*checkDigit)(QStringView))
{
    IdCheck check;
    const QString compact = withoutSeparators(input);
    if (compact.isEmpty())
        return check;

    QString digits = digitsOnly(compact);
    if (digits.isEmpty()) {
        check.status = IdCheck::Status::NotDigits;
        return check;
    }
    if (padFrom > 0 && digits.size() >= padFrom && digits.size() < length) {
        digits = digits.rightJustified(length, QLatin1Char('0'));
        check.padded = true;
    }
    check.canonical = digits;
    if (digits.size() != length) {
        check.status = IdCheck::Status::WrongLength;
        return check;
    }
    if (isOneDigitRepeated(digits)) {
        check.status = IdCheck::Status::RepeatedDigits;
        return check;
    }
    const bool matches
        = checkDigit(QStringView(digits).first(length - 1)) == digitAt(digits, length - 1);
    check.status = matches ? IdCheck::Status::Valid : IdCheck::Status::BadChecksum;
    return check;
}

} // namespace

int nationalCodeCheckDigit(QStringView firstNine)
{
    if (!isAsciiDigits(firstNine, nationalCodeLength - 1))
        return -1;
    int sum = 0;
    for (qsizetype i = 0; i < firstNine.size(); ++i)
        sum += digitAt(firstNine, i) * int(nationalCodeLength - i);
    const int remainder = sum % 11;
    return remainder < 2 ? remainder : 11 - remainder;
}

int legalEntityIdCheckDigit(QStringView firstTen)
{
    if (!isAsciiDigits(firstTen, legalEntityIdLength - 1))
        return -1;
    static constexpr std::array<int, 10> weights = {29, 27, 23, 19, 17, 29, 27, 23, 19, 17};
    const int offset = digitAt(firstTen, 9) + 2;
    int sum = 0;
    for (qsizetype i = 0; i < firstTen.size(); ++i)
        sum += (digitAt(firstTen, i) + offset) * weights[std::size_t(i)];
    const int remainder = sum % 11;
    return remainder == 10 ? 0 : remainder;
}

IdCheck checkNationalCode(QStringView input)
{
    // Spreadsheets store the code as a number, so 0012345678 comes back as 12345678.
    return checkDigits(input, nationalCodeLength, 8, nationalCodeCheckDigit);
}

IdCheck checkLegalEntityId(QStringView input)
{
    // Legal entity IDs are issued from 10000000000 up, so a short one is not a number
    // that lost its zeros but a mistyped one.
    return checkDigits(input, legalEntityIdLength, 0, legalEntityIdCheckDigit);
}

QString describe(const IdCheck &check, const QString &what)
{
    switch (check.status) {
    case IdCheck::Status::Valid:
        if (check.padded)
            return QCoreApplication::translate("Identifiers",
                "The %1 had lost its leading zeros (as spreadsheets do); "
                "it was restored as %2.")
                .arg(what, check.canonical);
        return {};
    case IdCheck::Status::Empty:
        return QCoreApplication::translate(
            "Identifiers", "The %1 is empty: enter it as written on the card.")
            .arg(what);
    case IdCheck::Status::NotDigits:
        return QCoreApplication::translate("Identifiers",
            "The %1 may contain only digits, spaces and dashes: remove the "
            "other characters.")
            .arg(what);
    case IdCheck::Status::WrongLength:
        return QCoreApplication::translate("Identifiers",
            "The %1 %2 has %n digit(s), which is not the right number: look "
            "for a missing or extra digit.",
            nullptr, int(check.canonical.size()))
            .arg(what, check.canonical);
    case IdCheck::Status::RepeatedDigits:
        return QCoreApplication::translate("Identifiers",
            "The %1 %2 is one digit repeated, which is never issued: enter the "
            "real number.")
            .arg(what, check.canonical);
    case IdCheck::Status::BadChecksum:
        return QCoreApplication::translate(
            "Identifiers", "The %1 %2 fails its check digit: check it against the card.")
            .arg(what, check.canonical);
    }
    return {};
}

QString canonicalMobile(QStringView input)
{
    const QString compact = withoutSeparators(input);
    const bool plus = compact.startsWith(u'+');
    const QString digits = digitsOnly(plus ? QStringView(compact).sliced(1) : QStringView(compact));
    if (digits.isEmpty())
        return {};

    // Whatever the prefix, what remains must be the ten digits 9xxxxxxxxx.
    QStringView national;
    if (plus) {
        if (digits.startsWith(u"98"))
            national = QStringView(digits).sliced(2);
    } else if (digits.startsWith(u"0098")) {
        national = QStringView(digits).sliced(4);
    } else if (digits.startsWith(u"98") && digits.size() == 12) {
        national = QStringView(digits).sliced(2);
    } else if (digits.startsWith(u'0') && digits.size() == 11) {
        national = QStringView(digits).sliced(1);
    } else {
        national = digits;
    }
    if (national.size() != 10 || !national.startsWith(u'9'))
        return {};
    return u"+98"_s + national.toString();
}

QString displayMobile(QStringView canonical, bool persianDigits)
{
    const QString mobile = canonicalMobile(canonical);
    if (mobile.isEmpty())
        return canonical.toString();
    const QStringView national = QStringView(mobile).sliced(3);
    const QString shown
        = u"0%1 %2 %3"_s.arg(national.first(3), national.sliced(3, 3), national.sliced(6));
    return persianDigits ? toPersianDigits(shown) : shown;
}

QString canonicalPostalCode(QStringView input)
{
    QString digits = digitsOnly(withoutSeparators(input));
    if (digits.size() != 10)
        return {};
    // ^(?!(\d)\1{3})[13-9]{5}\d{5}$: no 0 or 2 in the first five, and the first four
    // not all the same digit.
    const QStringView area = QStringView(digits).first(5);
    const bool areaDigitsAllowed
        = std::none_of(area.begin(), area.end(), [](QChar c) { return c == u'0' || c == u'2'; });
    if (!areaDigitsAllowed || isOneDigitRepeated(area.first(4)))
        return {};
    return digits;
}

QString displayPostalCode(QStringView canonical, bool persianDigits)
{
    const QString code = canonicalPostalCode(canonical);
    if (code.isEmpty())
        return canonical.toString();
    const QString shown = u"%1-%2"_s.arg(QStringView(code).first(5), QStringView(code).sliced(5));
    return persianDigits ? toPersianDigits(shown) : shown;
}

} // namespace daftar::text
