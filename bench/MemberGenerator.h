// Realistic synthetic members of the federation, for benchmarks (a million members)
// and import tests: Persian names, valid and unique identifiers, the 31 provinces in
// proportion to their population, cities, phones, postal codes and Jalali join dates.
// The same seed always gives the same sequence of members, whichever compiler built it.
// Identifiers are unique within a sequence for its first hundred million legal
// entities and nearly a billion persons.
#pragma once

#include <QCalendar>
#include <QRandomGenerator>
#include <QString>

namespace daftar::bench {

struct SyntheticMember
{
    QString membershipNo; // "M-0000001", unique within a run
    QString kind; // "person" | "legal"
    QString firstName; // persons only
    QString lastName; // persons only
    QString organizationName; // legal entities only: "شرکت تعاونی مصرف کارکنان …"
    QString nationalId; // 10-digit national code or 11-digit legal entity ID, ASCII digits
    QString registrationNo; // legal entities only: the company registration number
    QString activitySector; // legal entities only: "مصرف", "مسکن", "کشاورزی", …
    QString provinceCode; // "IR-23"
    QString provinceName; // the official Persian name: "تهران"
    QString city;
    QString address;
    QString postalCode; // 10 ASCII digits
    QString mobile; // "09xxxxxxxxx"
    QString phone; // "021-88776655", or empty
    QString email; // or empty
    QString joinDateJalali; // "1398/09/03"
    QString status; // "active" | "suspended" | "expired" | "resigned"

    friend bool operator==(const SyntheticMember &, const SyntheticMember &) = default;
};

class MemberGenerator
{
public:
    explicit MemberGenerator(quint32 seed);

    SyntheticMember next();

private:
    // A bijection of the numbers with `digits` decimal digits: consecutive counters
    // come out looking unrelated, yet no two counters give the same number, so
    // identifiers are unique without remembering the ones already handed out.
    class DecimalScramble
    {
    public:
        DecimalScramble(int digits, QRandomGenerator &random);
        quint64 map(quint64 value) const;

    private:
        quint64 reversedDigits(quint64 value) const;

        int m_digits;
        quint64 m_modulus;
        quint64 m_firstMultiplier;
        quint64 m_firstOffset;
        quint64 m_secondMultiplier;
        quint64 m_secondOffset;
    };

    void fillPerson(SyntheticMember &member);
    void fillLegalEntity(SyntheticMember &member);
    QString nextNationalCode();
    QString nextLegalEntityId();
    QString randomAddress(const QString &city);
    QString randomJoinDate();
    QString randomStatus();
    QString randomDigits(int count);
    bool chance(int percent);
    template<typename List>
    const auto &pick(const List &list);

    QRandomGenerator m_random;
    DecimalScramble m_personScramble;
    DecimalScramble m_legalScramble;
    QCalendar m_jalali;
    qint64 m_firstJoinDay;
    qint64 m_joinDaySpan;
    quint64 m_memberCount = 0;
    quint64 m_personCodeCounter = 0;
    quint64 m_legalIdCounter = 0;
};

} // namespace daftar::bench
