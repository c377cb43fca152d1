#include "text/Identifiers.h"
#include "text/PersianText.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar::text;

namespace {

using Status = IdCheck::Status;

// Independent of the code under test: the rules as persian.md states them.
int nationalRemainder(const QString &firstNine)
{
    int sum = 0;
    for (int i = 0; i < 9; ++i)
        sum += firstNine.at(i).digitValue() * (10 - i);
    return sum % 11;
}

int nationalCheckDigitByRule(const QString &firstNine)
{
    const int r = nationalRemainder(firstNine);
    return r < 2 ? r : 11 - r;
}

int legalRemainder(const QString &firstTen)
{
    const int weights[] = {29, 27, 23, 19, 17, 29, 27, 23, 19, 17};
    const int offset = firstTen.at(9).digitValue() + 2;
    int sum = 0;
    for (int i = 0; i < 10; ++i)
        sum += (firstTen.at(i).digitValue() + offset) * weights[i];
    return sum % 11;
}

int legalCheckDigitByRule(const QString &firstTen)
{
    const int r = legalRemainder(firstTen);
    return r == 10 ? 0 : r;
}

bool isOneDigitRepeated(const QString &digits)
{
    return digits.count(digits.front()) == digits.size();
}

QString randomDigits(QRandomGenerator &random, int count)
{
    QString digits;
    for (int i = 0; i < count; ++i)
        digits.append(QChar(u'0' + random.bounded(10)));
    return digits;
}

// Valid national codes built from random nine-digit prefixes with the rule.
QStringList generatedNationalCodes(quint32 seed, int count, const QString &prefix = {})
{
    QRandomGenerator random(seed);
    QStringList codes;
    while (codes.size() < count) {
        const QString firstNine = prefix + randomDigits(random, 9 - int(prefix.size()));
        const QString code = firstNine + QChar(u'0' + nationalCheckDigitByRule(firstNine));
        if (!isOneDigitRepeated(code))
            codes.append(code);
    }
    return codes;
}

QStringList generatedLegalEntityIds(quint32 seed, int count)
{
    QRandomGenerator random(seed);
    QStringList ids;
    while (ids.size() < count) {
        // Issued IDs start with 1 (10000000000 and up); the rule itself does not care.
        const QString firstTen = u"1"_s + randomDigits(random, 9);
        const QString id = firstTen + QChar(u'0' + legalCheckDigitByRule(firstTen));
        if (!isOneDigitRepeated(id))
            ids.append(id);
    }
    return ids;
}

QString withDigit(QString code, qsizetype position, int digit)
{
    code[position] = QChar(u'0' + digit);
    return code;
}

} // namespace

class TestIdentifiers : public QObject
{
    Q_OBJECT

private slots:
    void generatedNationalCodesAreValid();
    void changedCheckDigitIsInvalid();
    void changedBodyDigitInvalidatesUnlessRemaindersCollide();
    void nationalCodeSpreadsheetPadding();
    void nationalCodeShapes_data();
    void nationalCodeShapes();
    void repeatedDigitsRejected();
    void checkDigitFunctions();
    void generatedLegalEntityIdsAreValid();
    void legalEntityIdSingleDigitChanges();
    void legalEntityIdShapes_data();
    void legalEntityIdShapes();
    void describeTellsWhatToDo();
    void canonicalMobile_data();
    void canonicalMobile();
    void displayMobile();
    void postalCode_data();
    void postalCode();
    void postalCodeAgreesWithTheRegex();
    void displayPostalCode();
};

void TestIdentifiers::generatedNationalCodesAreValid()
{
    const QStringList codes = generatedNationalCodes(1398, 5000);
    for (const QString &code : codes) {
        const IdCheck check = checkNationalCode(code);
        QVERIFY2(check.valid(), qPrintable(code));
        QCOMPARE(check.canonical, code);
        QVERIFY(!check.padded);
        QCOMPARE(nationalCodeCheckDigit(QStringView(code).first(9)), code.back().digitValue());
        // Any digit script, with the separators people type.
        QVERIFY(checkNationalCode(toPersianDigits(code)).valid());
        const QString grouped = code.first(3) + u'-' + code.sliced(3, 6) + u' ' + code.sliced(9);
        QVERIFY2(checkNationalCode(grouped).valid(), qPrintable(grouped));
    }
}

void TestIdentifiers::changedCheckDigitIsInvalid()
{
    for (const QString &code : generatedNationalCodes(7, 2000)) {
        for (int digit = 0; digit <= 9; ++digit) {
            if (digit == code.back().digitValue())
                continue;
            const IdCheck check = checkNationalCode(withDigit(code, 9, digit));
            QVERIFY(!check.valid());
        }
    }
}

// Weights 10..2 are all non-zero mod 11, so changing one of the first nine digits
// always changes the remainder r. But the check digit maps r = 0 → 0, r = 1 → 1 and
// r = 10 → 1, so a change that moves r between 1 and 10 keeps the code valid: the
// rule misses exactly those errors, and only in codes whose check digit is 1.
void TestIdentifiers::changedBodyDigitInvalidatesUnlessRemaindersCollide()
{
    int undetected = 0;
    for (const QString &code : generatedNationalCodes(2019, 2000)) {
        const int remainder = nationalRemainder(code.first(9));
        for (qsizetype position = 0; position < 9; ++position) {
            for (int digit = 0; digit <= 9; ++digit) {
                if (digit == code.at(position).digitValue())
                    continue;
                const QString changed = withDigit(code, position, digit);
                const int changedRemainder = nationalRemainder(changed.first(9));
                QVERIFY(changedRemainder != remainder);
                if (!checkNationalCode(changed).valid())
                    continue;
                ++undetected;
                QCOMPARE(code.back(), u'1');
                QVERIFY((remainder == 1 && changedRemainder == 10)
                    || (remainder == 10 && changedRemainder == 1));
            }
        }
    }
    // The collision is real, so nothing above may claim every change is caught.
    QVERIFY(undetected > 0);
}

void TestIdentifiers::nationalCodeSpreadsheetPadding()
{
    for (const QString &code : generatedNationalCodes(11, 500, u"00"_s)) {
        const IdCheck eight = checkNationalCode(code.sliced(2));
        QVERIFY2(eight.valid(), qPrintable(code));
        QVERIFY(eight.padded);
        QCOMPARE(eight.canonical, code);

        const IdCheck nine = checkNationalCode(code.sliced(1));
        QVERIFY(nine.valid());
        QVERIFY(nine.padded);
        QCOMPARE(nine.canonical, code);
    }
    for (const QString &code : generatedNationalCodes(12, 500, u"0"_s)) {
        if (code.at(1) == u'0')
            continue;
        const IdCheck nine = checkNationalCode(toPersianDigits(code.sliced(1)));
        QVERIFY(nine.valid());
        QVERIFY(nine.padded);
        QCOMPARE(nine.canonical, code);
    }
}

void TestIdentifiers::nationalCodeShapes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("canonical");

    QTest::addRow("empty") << QString() << int(Status::Empty) << QString();
    QTest::addRow("spaces and dashes only") << u" - "_s << int(Status::Empty) << QString();
    QTest::addRow("letters") << u"12345abcde"_s << int(Status::NotDigits) << QString();
    QTest::addRow("seven digits") << u"1234567"_s << int(Status::WrongLength) << u"1234567"_s;
    QTest::addRow("eleven digits")
        << u"12345678901"_s << int(Status::WrongLength) << u"12345678901"_s;
    QTest::addRow("one digit repeated, padded")
        << u"00000000"_s << int(Status::RepeatedDigits) << u"0000000000"_s;
    // 001234567: s = 0·10 + 0·9 + 1·8 + 2·7 + 3·6 + 4·5 + 5·4 + 6·3 + 7·2 = 112, r = 2,
    // so the check digit must be 11 − 2 = 9.
    QTest::addRow("bad checksum") << u"0012345678"_s << int(Status::BadChecksum) << u"0012345678"_s;
    QTest::addRow("worked example") << u"0012345679"_s << int(Status::Valid) << u"0012345679"_s;
    QTest::addRow("worked example, Persian digits and RLM")
        << u"\u200F۰۰۱۲۳۴۵۶۷۹"_s << int(Status::Valid) << u"0012345679"_s;
    QTest::addRow("worked example, Arabic-Indic with dashes")
        << u"٠٠١-٢٣٤٥٦٧-٩"_s << int(Status::Valid) << u"0012345679"_s;
}

void TestIdentifiers::nationalCodeShapes()
{
    QFETCH(QString, input);
    QFETCH(int, status);
    QFETCH(QString, canonical);
    const IdCheck check = checkNationalCode(input);
    QCOMPARE(int(check.status), status);
    QCOMPARE(check.canonical, canonical);
}

void TestIdentifiers::repeatedDigitsRejected()
{
    for (int digit = 0; digit <= 9; ++digit) {
        const QString national(10, QChar(u'0' + digit));
        QCOMPARE(checkNationalCode(national).status, Status::RepeatedDigits);
        const QString legal(11, QChar(u'0' + digit));
        QCOMPARE(checkLegalEntityId(legal).status, Status::RepeatedDigits);
    }
    // They would pass the national code checksum: that is why they are refused separately.
    QCOMPARE(nationalCodeCheckDigit(u"111111111"), 1);
    QCOMPARE(nationalCodeCheckDigit(u"000000000"), 0);
}

void TestIdentifiers::checkDigitFunctions()
{
    QCOMPARE(nationalCodeCheckDigit(u"001234567"), 9);
    QCOMPARE(nationalCodeCheckDigit(u"12345678"), -1);
    QCOMPARE(nationalCodeCheckDigit(u"1234567890"), -1);
    QCOMPARE(nationalCodeCheckDigit(u"۰۰۱۲۳۴۵۶۷"), -1);
    QCOMPARE(nationalCodeCheckDigit(u"00123456a"), -1);
    QCOMPARE(legalEntityIdCheckDigit(u"123456789"), -1);
    QCOMPARE(legalEntityIdCheckDigit(u"12345678901"), -1);

    QRandomGenerator random(5);
    for (int i = 0; i < 2000; ++i) {
        const QString nine = randomDigits(random, 9);
        QCOMPARE(nationalCodeCheckDigit(nine), nationalCheckDigitByRule(nine));
        const QString ten = randomDigits(random, 10);
        QCOMPARE(legalEntityIdCheckDigit(ten), legalCheckDigitByRule(ten));
    }
}

void TestIdentifiers::generatedLegalEntityIdsAreValid()
{
    for (const QString &id : generatedLegalEntityIds(1357, 5000)) {
        const IdCheck check = checkLegalEntityId(id);
        QVERIFY2(check.valid(), qPrintable(id));
        QCOMPARE(check.canonical, id);
        QVERIFY(!check.padded);
        QVERIFY(checkLegalEntityId(toPersianDigits(id)).valid());
        for (int digit = 0; digit <= 9; ++digit) {
            if (digit != id.back().digitValue())
                QVERIFY(!checkLegalEntityId(withDigit(id, 10, digit)).valid());
        }
    }
}

// Every weight, and the double weight d10 carries through t, is non-zero mod 11, so
// a one-digit change always moves r; r = 10 and r = 0 both give check digit 0, so
// such a change goes unnoticed exactly when it moves r between 0 and 10.
void TestIdentifiers::legalEntityIdSingleDigitChanges()
{
    int undetected = 0;
    for (const QString &id : generatedLegalEntityIds(1404, 2000)) {
        const int remainder = legalRemainder(id.first(10));
        for (qsizetype position = 0; position < 10; ++position) {
            for (int digit = 0; digit <= 9; ++digit) {
                if (digit == id.at(position).digitValue())
                    continue;
                const QString changed = withDigit(id, position, digit);
                const int changedRemainder = legalRemainder(changed.first(10));
                QVERIFY(changedRemainder != remainder);
                if (!checkLegalEntityId(changed).valid())
                    continue;
                ++undetected;
                QCOMPARE(id.back(), u'0');
                QVERIFY((remainder == 0 && changedRemainder == 10)
                    || (remainder == 10 && changedRemainder == 0));
            }
        }
    }
    QVERIFY(undetected > 0);
}

void TestIdentifiers::legalEntityIdShapes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("status");

    QTest::addRow("empty") << QString() << int(Status::Empty);
    QTest::addRow("ten digits are not padded") << u"1234567890"_s << int(Status::WrongLength);
    QTest::addRow("nine digits") << u"123456789"_s << int(Status::WrongLength);
    QTest::addRow("twelve digits") << u"123456789012"_s << int(Status::WrongLength);
    QTest::addRow("letters") << u"1234567890X"_s << int(Status::NotDigits);
    QTest::addRow("all zero") << u"00000000000"_s << int(Status::RepeatedDigits);
}

void TestIdentifiers::legalEntityIdShapes()
{
    QFETCH(QString, input);
    QFETCH(int, status);
    const IdCheck check = checkLegalEntityId(input);
    QCOMPARE(int(check.status), status);
    QVERIFY(!check.padded);
}

void TestIdentifiers::describeTellsWhatToDo()
{
    const QString what = u"national code"_s;
    QCOMPARE(describe(checkNationalCode(u"0012345678"), what),
        u"The national code 0012345678 fails its check digit: check it against the card."_s);
    QVERIFY(describe(checkNationalCode(u"0012345679"), what).isEmpty());

    const QString padded = describe(checkNationalCode(u"12345679"), what);
    QVERIFY2(padded.contains(u"0012345679"_s) && padded.contains(u"leading zeros"_s),
        qPrintable(padded));

    const QString repeated = describe(checkNationalCode(u"1111111111"), what);
    QVERIFY2(repeated.contains(u"1111111111"_s) && repeated.contains(u"repeated"_s),
        qPrintable(repeated));

    const QString length = describe(checkNationalCode(u"1234567"), what);
    QVERIFY2(length.contains(u"1234567"_s) && length.contains(u"7 digit"_s), qPrintable(length));

    const QString letters = describe(checkNationalCode(u"12a"), what);
    QVERIFY2(letters.contains(what) && letters.contains(u"only digits"_s), qPrintable(letters));

    const QString empty = describe(checkNationalCode(QString()), u"national ID"_s);
    QVERIFY2(empty.contains(u"national ID is empty"_s), qPrintable(empty));

    const QString legal = describe(checkLegalEntityId(u"10100000000"), u"national ID"_s);
    QVERIFY2(legal.contains(u"10100000000"_s), qPrintable(legal));
}

void TestIdentifiers::canonicalMobile_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    const QString canonical = u"+989123456789"_s;
    QTest::addRow("09") << u"09123456789"_s << canonical;
    QTest::addRow("9") << u"9123456789"_s << canonical;
    QTest::addRow("+989") << u"+989123456789"_s << canonical;
    QTest::addRow("00989") << u"00989123456789"_s << canonical;
    QTest::addRow("989") << u"989123456789"_s << canonical;
    QTest::addRow("spaces") << u"0912 345 6789"_s << canonical;
    QTest::addRow("dashes") << u"0912-345-6789"_s << canonical;
    QTest::addRow("+98 spaced") << u"+98 912 345 6789"_s << canonical;
    QTest::addRow("Persian digits") << u"۰۹۱۲۳۴۵۶۷۸۹"_s << canonical;
    QTest::addRow("Arabic-Indic digits") << u"٠٩١٢٣٤٥٦٧٨٩"_s << canonical;
    QTest::addRow("Persian +98 with RLM") << u"\u200F+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹"_s << canonical;
    QTest::addRow("other operator") << u"09351234567"_s << u"+989351234567"_s;

    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("landline") << u"02112345678"_s << QString();
    QTest::addRow("too short") << u"0912345678"_s << QString();
    QTest::addRow("too long") << u"091234567890"_s << QString();
    QTest::addRow("other country") << u"+449123456789"_s << QString();
    QTest::addRow("+ with 0") << u"+09123456789"_s << QString();
    QTest::addRow("plus in the middle") << u"0912+3456789"_s << QString();
    QTest::addRow("letters") << u"0912abc6789"_s << QString();
    QTest::addRow("0098 without 9") << u"00982112345678"_s << QString();
    QTest::addRow("98 landline") << u"982112345678"_s << QString();
}

void TestIdentifiers::canonicalMobile()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(daftar::text::canonicalMobile(input), expected);
}

void TestIdentifiers::displayMobile()
{
    QCOMPARE(daftar::text::displayMobile(u"+989123456789", false), u"0912 345 6789"_s);
    QCOMPARE(daftar::text::displayMobile(u"+989123456789", true), u"۰۹۱۲ ۳۴۵ ۶۷۸۹"_s);
    QCOMPARE(daftar::text::displayMobile(u"not a number", true), u"not a number"_s);
}

void TestIdentifiers::postalCode_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::addRow("plain") << u"1345678901"_s << u"1345678901"_s;
    QTest::addRow("5-5") << u"13456-78901"_s << u"1345678901"_s;
    QTest::addRow("spaces") << u"13456 78901"_s << u"1345678901"_s;
    QTest::addRow("Persian digits") << u"۱۳۴۵۶-۷۸۹۰۱"_s << u"1345678901"_s;
    QTest::addRow("zeros allowed in the last five") << u"9876500000"_s << u"9876500000"_s;
    QTest::addRow("three repeats allowed") << u"1113456789"_s << u"1113456789"_s;

    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("nine digits") << u"134567890"_s << QString();
    QTest::addRow("eleven digits") << u"13456789012"_s << QString();
    QTest::addRow("zero in the first five") << u"1305678901"_s << QString();
    QTest::addRow("two in the first five") << u"1325678901"_s << QString();
    QTest::addRow("first four repeated") << u"1111567890"_s << QString();
    QTest::addRow("letters") << u"13456a8901"_s << QString();
}

void TestIdentifiers::postalCode()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(canonicalPostalCode(input), expected);
}

void TestIdentifiers::postalCodeAgreesWithTheRegex()
{
    const QRegularExpression shape(u"^(?!(\\d)\\1{3})[13-9]{5}\\d{5}$"_s);
    QVERIFY(shape.isValid());
    QRandomGenerator random(10);
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        // Few digits per code make repeats and excluded digits common enough to test.
        const int alphabet = random.bounded(2, 11);
        QString digits;
        for (int d = 0; d < 10; ++d)
            digits.append(QChar(u'0' + (random.bounded(alphabet) * 7 + 3) % 10));
        const bool matches = shape.match(digits).hasMatch();
        QCOMPARE(canonicalPostalCode(digits), matches ? digits : QString());
        accepted += matches ? 1 : 0;
    }
    QVERIFY(accepted > 1000 && accepted < 19000);
}

void TestIdentifiers::displayPostalCode()
{
    QCOMPARE(daftar::text::displayPostalCode(u"1345678901", false), u"13456-78901"_s);
    QCOMPARE(daftar::text::displayPostalCode(u"1345678901", true), u"۱۳۴۵۶-۷۸۹۰۱"_s);
}

QTEST_GUILESS_MAIN(TestIdentifiers)
#include "TestIdentifiers.moc"
