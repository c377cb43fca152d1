#include "MemberGenerator.h"
#include "text/Identifiers.h"
#include "text/Jalali.h"
#include "text/Provinces.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar;
using bench::MemberGenerator;
using bench::SyntheticMember;

class TestMemberGenerator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void identifiersAreValid();
    void identifiersAreUnique();
    void someNationalCodesStartWithZero();
    void everyProvinceAppears();
    void mobilesAndPostalCodesAreValid();
    void joinDatesParseAndStayInRange();
    void personsAndLegalEntitiesHaveTheirFields();
    void namesComeFromLongLists();
    void sharesAreRealistic();
    void sameSeedGivesSameSequence();
    void differentSeedsDiffer();

private:
    static QList<SyntheticMember> generate(quint32 seed, int count);

    QList<SyntheticMember> m_members;
};

namespace {

constexpr int sampleSize = 20000;

qsizetype countIf(const QList<SyntheticMember> &members, auto predicate)
{
    return std::count_if(members.begin(), members.end(), predicate);
}

} // namespace

QList<SyntheticMember> TestMemberGenerator::generate(quint32 seed, int count)
{
    MemberGenerator generator(seed);
    QList<SyntheticMember> members;
    members.reserve(count);
    for (int i = 0; i < count; ++i)
        members.append(generator.next());
    return members;
}

void TestMemberGenerator::initTestCase()
{
    m_members = generate(20240321, sampleSize);
}

void TestMemberGenerator::identifiersAreValid()
{
    for (const SyntheticMember &member : std::as_const(m_members)) {
        const bool person = member.kind == u"person";
        const text::IdCheck check = person ? text::checkNationalCode(member.nationalId)
                                           : text::checkLegalEntityId(member.nationalId);
        QVERIFY2(check.valid(), qPrintable(member.nationalId));
        // Stored in full: a code that lost its zeros would be padded, which is a quirk of
        // files, not of the members behind them.
        QVERIFY2(!check.padded, qPrintable(member.nationalId));
        QCOMPARE(member.nationalId.size(), person ? 10 : 11);
    }
}

void TestMemberGenerator::identifiersAreUnique()
{
    QSet<QString> ids;
    QSet<QString> membershipNumbers;
    for (const SyntheticMember &member : std::as_const(m_members)) {
        ids.insert(member.nationalId);
        membershipNumbers.insert(member.membershipNo);
    }
    QCOMPARE(ids.size(), m_members.size());
    QCOMPARE(membershipNumbers.size(), m_members.size());
    QCOMPARE(m_members.front().membershipNo, u"M-0000001"_s);
}

void TestMemberGenerator::someNationalCodesStartWithZero()
{
    // About one in ten: the cases that spreadsheets spoil must be there to test imports.
    const qsizetype leadingZero = countIf(m_members, [](const SyntheticMember &m) {
        return m.kind == u"person" && m.nationalId.startsWith(u'0');
    });
    QVERIFY2(leadingZero > sampleSize / 20, qPrintable(QString::number(leadingZero)));
    // Never three zeros: that prefix is not issued, and 7 digits could not be padded back.
    QCOMPARE(countIf(m_members,
                 [](const SyntheticMember &m) { return m.nationalId.startsWith(u"000"); }),
        0);
}

void TestMemberGenerator::everyProvinceAppears()
{
    QHash<QString, int> perProvince;
    for (const SyntheticMember &member : std::as_const(m_members)) {
        const std::optional<text::Province> province = text::provinceByCode(member.provinceCode);
        QVERIFY2(province, qPrintable(member.provinceCode));
        QCOMPARE(member.provinceName, province->persianName);
        QVERIFY(!member.city.isEmpty());
        ++perProvince[member.provinceCode];
    }
    QCOMPARE(perProvince.size(), text::allProvinces().size());
    const auto largest = std::max_element(perProvince.cbegin(), perProvince.cend());
    QCOMPARE(largest.key(), u"IR-23"_s);
}

void TestMemberGenerator::mobilesAndPostalCodesAreValid()
{
    static const QRegularExpression mobileShape(u"^09\\d{9}$"_s);
    static const QRegularExpression postalShape(u"^(?!(\\d)\\1{3})[13-9]{5}\\d{5}$"_s);
    for (const SyntheticMember &member : std::as_const(m_members)) {
        QVERIFY2(mobileShape.match(member.mobile).hasMatch(), qPrintable(member.mobile));
        QVERIFY2(!text::canonicalMobile(member.mobile).isEmpty(), qPrintable(member.mobile));
        QVERIFY2(postalShape.match(member.postalCode).hasMatch(), qPrintable(member.postalCode));
        QCOMPARE(text::canonicalPostalCode(member.postalCode), member.postalCode);
    }
}

void TestMemberGenerator::joinDatesParseAndStayInRange()
{
    static const QRegularExpression dateShape(u"^\\d{4}/\\d{2}/\\d{2}$"_s);
    const QCalendar jalali = text::jalaliCalendar();
    const QDate first(1370, 1, 1, jalali);
    const QDate last(1404, 12, 29, jalali);
    QSet<int> years;
    for (const SyntheticMember &member : std::as_const(m_members)) {
        QVERIFY2(
            dateShape.match(member.joinDateJalali).hasMatch(), qPrintable(member.joinDateJalali));
        const Result<QDate> date = text::parseDate(member.joinDateJalali);
        QVERIFY2(date.ok(), qPrintable(member.joinDateJalali + u": "_s + date.errorMessage()));
        QVERIFY2(*date >= first && *date <= last, qPrintable(member.joinDateJalali));
        years.insert(jalali.partsFromDate(*date).year);
    }
    QCOMPARE(years.size(), 1404 - 1370 + 1);
}

void TestMemberGenerator::personsAndLegalEntitiesHaveTheirFields()
{
    for (const SyntheticMember &member : std::as_const(m_members)) {
        if (member.kind == u"person") {
            QVERIFY(!member.firstName.isEmpty());
            QVERIFY(!member.lastName.isEmpty());
            QVERIFY(member.organizationName.isEmpty());
            QVERIFY(member.registrationNo.isEmpty());
        } else {
            QCOMPARE(member.kind, u"legal"_s);
            QVERIFY(member.firstName.isEmpty());
            QVERIFY(member.lastName.isEmpty());
            QVERIFY2(
                member.organizationName.contains(u"تعاونی"), qPrintable(member.organizationName));
            QVERIFY(!member.registrationNo.isEmpty());
            QVERIFY(!member.activitySector.isEmpty());
        }
        QVERIFY(!member.address.isEmpty());
        QVERIFY(QStringList({u"active"_s, u"suspended"_s, u"expired"_s, u"resigned"_s})
                    .contains(member.status));
    }
}

void TestMemberGenerator::namesComeFromLongLists()
{
    QSet<QString> firstNames;
    QSet<QString> lastNames;
    for (const SyntheticMember &member : std::as_const(m_members)) {
        if (member.kind != u"person")
            continue;
        firstNames.insert(member.firstName);
        lastNames.insert(member.lastName);
        // Persian letters only: Arabic yeh and kaf are a quirk of the files, added there.
        for (const QString &name : {member.firstName, member.lastName, member.city}) {
            QVERIFY2(!name.contains(u'\u064A') && !name.contains(u'\u0643'), qPrintable(name));
        }
    }
    QVERIFY2(firstNames.size() >= 150, qPrintable(QString::number(firstNames.size())));
    QVERIFY2(lastNames.size() >= 200, qPrintable(QString::number(lastNames.size())));
    QVERIFY(firstNames.contains(u"محمدعلی"_s));
    QVERIFY(firstNames.contains(u"علی\u200Cاکبر"_s));
    QVERIFY(lastNames.contains(u"میرزایی"_s));
    QVERIFY(lastNames.contains(u"موسوی"_s));
    QVERIFY(lastNames.contains(u"حسین\u200Cزاده"_s));
}

void TestMemberGenerator::sharesAreRealistic()
{
    const auto percent = [this](auto predicate) {
        return 100.0 * double(countIf(m_members, predicate)) / double(m_members.size());
    };
    const double persons = percent([](const SyntheticMember &m) { return m.kind == u"person"; });
    QVERIFY2(persons > 82 && persons < 88, qPrintable(QString::number(persons)));
    const double active = percent([](const SyntheticMember &m) { return m.status == u"active"; });
    QVERIFY2(active > 70, qPrintable(QString::number(active)));
    const double withEmail = percent([](const SyntheticMember &m) { return !m.email.isEmpty(); });
    QVERIFY2(withEmail > 25 && withEmail < 35, qPrintable(QString::number(withEmail)));
}

void TestMemberGenerator::sameSeedGivesSameSequence()
{
    QCOMPARE(generate(20240321, 2000), m_members.first(2000));
}

void TestMemberGenerator::differentSeedsDiffer()
{
    const QList<SyntheticMember> other = generate(20240322, 2000);
    QSet<QString> ids;
    for (const SyntheticMember &member : m_members.first(2000))
        ids.insert(member.nationalId);
    const qsizetype shared = std::count_if(other.begin(), other.end(),
        [&](const SyntheticMember &member) { return ids.contains(member.nationalId); });
    QVERIFY2(shared < 10, qPrintable(QString::number(shared)));
    QVERIFY(other.front().nationalId != m_members.front().nationalId);
}

QTEST_GUILESS_MAIN(TestMemberGenerator)
#include "TestMemberGenerator.moc"
