#include "text/Provinces.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar::text;

class TestProvinces : public QObject
{
    Q_OBJECT

private slots:
    void thirtyOneInCodeOrder();
    void officialNamesMatch();
    void variants_data();
    void variants();
    void unknownOrAmbiguous_data();
    void unknownOrAmbiguous();
    void byCode_data();
    void byCode();
};

void TestProvinces::thirtyOneInCodeOrder()
{
    const QList<Province> &provinces = allProvinces();
    QCOMPARE(provinces.size(), 31);
    QSet<QString> english;
    QSet<QString> persian;
    for (qsizetype i = 0; i < provinces.size(); ++i) {
        QCOMPARE(provinces.at(i).code, u"IR-%1"_s.arg(i, 2, 10, QLatin1Char('0')));
        english.insert(provinces.at(i).englishName);
        persian.insert(provinces.at(i).persianName);
    }
    QCOMPARE(english.size(), 31);
    QCOMPARE(persian.size(), 31);
    QCOMPARE(provinces.at(23).englishName, u"Tehran"_s);
    QCOMPARE(provinces.at(23).persianName, u"تهران"_s);
    QCOMPARE(provinces.at(9).persianName, u"خراسان رضوی"_s);
}

void TestProvinces::officialNamesMatch()
{
    for (const Province &province : allProvinces()) {
        for (const QString &name :
            {province.englishName, province.persianName, province.englishName.toUpper(),
                province.englishName.toLower(), u"  "_s + province.persianName + u" "_s}) {
            const std::optional<Province> found = findProvince(name);
            QVERIFY2(found, qPrintable(name));
            QCOMPARE(found->code, province.code);
        }
    }
}

void TestProvinces::variants_data()
{
    QTest::addColumn<QString>("spelling");
    QTest::addColumn<QString>("code");

    QTest::addRow("Persian with ZWNJ") << u"خراسان\u200Cرضوی"_s << u"IR-09"_s;
    QTest::addRow("Persian run together") << u"خراسانرضوی"_s << u"IR-09"_s;
    QTest::addRow("Persian with Arabic yeh") << u"خراسان رضوي"_s << u"IR-09"_s;
    QTest::addRow("Persian with Arabic kaf") << u"كردستان"_s << u"IR-12"_s;
    QTest::addRow("Persian with ostan") << u"استان تهران"_s << u"IR-23"_s;
    QTest::addRow("Persian ostan after") << u"کرمان استان"_s << u"IR-08"_s;
    QTest::addRow("Greater Tehran in Persian") << u"تهران بزرگ"_s << u"IR-23"_s;
    QTest::addRow("Greater Tehran") << u"Greater Tehran"_s << u"IR-23"_s;
    QTest::addRow("Persian alef without madda") << u"اذربایجان شرقی"_s << u"IR-03"_s;
    QTest::addRow("Persian West Azerbaijan ZWNJ") << u"آذربایجان\u200Cغربی"_s << u"IR-04"_s;
    QTest::addRow("Persian Sistan run together") << u"سیستان\u200Cوبلوچستان"_s << u"IR-11"_s;
    QTest::addRow("Persian Sistan without va") << u"سیستان بلوچستان"_s << u"IR-11"_s;
    QTest::addRow("Persian Chaharmahal without va") << u"چهارمحال بختیاری"_s << u"IR-14"_s;
    QTest::addRow("Persian Kohgiluyeh without va") << u"کهگیلویه بویراحمد"_s << u"IR-17"_s;
    QTest::addRow("Persian Kohkiluyeh") << u"کهکیلویه و بویراحمد"_s << u"IR-17"_s;
    QTest::addRow("Persian Chaharmahal split") << u"چهار محال و بختیاری"_s << u"IR-14"_s;
    QTest::addRow("Persian Kohgiluyeh split") << u"کهگیلویه و بویر احمد"_s << u"IR-17"_s;
    QTest::addRow("Persian with Arabic yeh and kaf") << u"كهگيلويه و بويراحمد"_s << u"IR-17"_s;
    QTest::addRow("Persian North Khorasan") << u"خراسان شمالی"_s << u"IR-28"_s;
    QTest::addRow("Persian South Khorasan") << u"استان خراسان جنوبي"_s << u"IR-29"_s;
    QTest::addRow("Persian Qom") << u"قم"_s << u"IR-25"_s;
    QTest::addRow("Persian Alborz") << u"البرز"_s << u"IR-30"_s;

    QTest::addRow("Khorasan Razavi") << u"Khorasan Razavi"_s << u"IR-09"_s;
    QTest::addRow("Razavi Khorasan") << u"Razavi Khorasan"_s << u"IR-09"_s;
    QTest::addRow("Khorasan-e Razavi") << u"Khorasan-e Razavi"_s << u"IR-09"_s;
    QTest::addRow("lower case") << u"khorasan razavi"_s << u"IR-09"_s;
    QTest::addRow("North Khorasan reversed") << u"Khorasan, North"_s << u"IR-28"_s;
    QTest::addRow("Khorasan-e Jonubi") << u"Khorasan-e Jonubi"_s << u"IR-29"_s;
    QTest::addRow("East Azarbaijan") << u"East Azarbaijan"_s << u"IR-03"_s;
    QTest::addRow("Azerbaijan, East") << u"Azerbaijan, East"_s << u"IR-03"_s;
    QTest::addRow("Azarbayjan-e Sharqi") << u"Azarbayjan-e Sharqi"_s << u"IR-03"_s;
    QTest::addRow("West Azarbaijan") << u"west azarbaijan"_s << u"IR-04"_s;
    QTest::addRow("Kohgiluyeh & Boyer-Ahmad") << u"Kohgiluyeh & Boyer-Ahmad"_s << u"IR-17"_s;
    QTest::addRow("Kohgiluyeh and Boyerahmad") << u"Kohgiluyeh and Boyerahmad"_s << u"IR-17"_s;
    QTest::addRow("Kohkiluyeh va Buyer Ahmad") << u"Kohkiluyeh va Buyer Ahmad"_s << u"IR-17"_s;
    QTest::addRow("Sistan & Baluchestan") << u"Sistan & Baluchestan"_s << u"IR-11"_s;
    QTest::addRow("Sistan and Baluchistan") << u"Sistan and Baluchistan"_s << u"IR-11"_s;
    QTest::addRow("Sistan-Baluchestan") << u"Sistan-Baluchestan"_s << u"IR-11"_s;
    QTest::addRow("Chahar Mahaal and Bakhtiari") << u"Chahar Mahaal and Bakhtiari"_s << u"IR-14"_s;
    QTest::addRow("Chaharmahal va Bakhtiari") << u"Chaharmahal va Bakhtiari"_s << u"IR-14"_s;
    QTest::addRow("Esfahan") << u"Esfahan"_s << u"IR-10"_s;
    QTest::addRow("Kordestan") << u"Kordestan"_s << u"IR-12"_s;
    QTest::addRow("Kurdestan") << u"Kurdestan"_s << u"IR-12"_s;
    QTest::addRow("Tehran Province") << u"Tehran Province"_s << u"IR-23"_s;
    QTest::addRow("Province of Tehran") << u"Province of Tehran"_s << u"IR-23"_s;
    QTest::addRow("Ostan-e Tehran") << u"Ostan-e Tehran"_s << u"IR-23"_s;
    QTest::addRow("TEHRAN") << u"TEHRAN"_s << u"IR-23"_s;
    QTest::addRow("Hamedan") << u"Hamedan"_s << u"IR-13"_s;
    QTest::addRow("Ardebil") << u"Ardebil"_s << u"IR-24"_s;
    QTest::addRow("Guilan") << u"Guilan"_s << u"IR-01"_s;
    QTest::addRow("Khuzestan with macron") << u"Khūzestān"_s << u"IR-06"_s;
    QTest::addRow("Luristan") << u"Luristan"_s << u"IR-15"_s;
    QTest::addRow("Bushire") << u"Bushire"_s << u"IR-18"_s;
    QTest::addRow("Qum") << u"Qum"_s << u"IR-25"_s;
    QTest::addRow("Ghazvin") << u"Ghazvin"_s << u"IR-26"_s;
    QTest::addRow("Kermanshahan") << u"Kermanshahan"_s << u"IR-05"_s;
    QTest::addRow("Kerman is not Kermanshah") << u"Kerman"_s << u"IR-08"_s;

    QTest::addRow("code") << u"IR-23"_s << u"IR-23"_s;
    QTest::addRow("code lower case") << u"ir-23"_s << u"IR-23"_s;
    QTest::addRow("code without dash") << u"IR23"_s << u"IR-23"_s;
    QTest::addRow("code IR-00") << u"IR-00"_s << u"IR-00"_s;
}

void TestProvinces::variants()
{
    QFETCH(QString, spelling);
    QFETCH(QString, code);
    const std::optional<Province> found = findProvince(spelling);
    QVERIFY2(found, qPrintable(spelling));
    QCOMPARE(found->code, code);
}

void TestProvinces::unknownOrAmbiguous_data()
{
    QTest::addColumn<QString>("spelling");

    QTest::addRow("empty") << QString();
    QTest::addRow("spaces") << u"   "_s;
    QTest::addRow("Atlantis in Persian") << u"آتلانتیس"_s;
    QTest::addRow("Atlantis") << u"Atlantis"_s;
    QTest::addRow("a Tehran neighbourhood") << u"تهرانسر"_s;
    QTest::addRow("a city, not its province") << u"مشهد"_s;
    QTest::addRow("Khorasan alone, three provinces") << u"Khorasan"_s;
    QTest::addRow("خراسان alone, three provinces") << u"خراسان"_s;
    QTest::addRow("Azerbaijan alone, two provinces") << u"آذربایجان"_s;
    QTest::addRow("the word province alone") << u"استان"_s;
    QTest::addRow("Province alone") << u"Province"_s;
    QTest::addRow("unknown code") << u"IR-31"_s;
    QTest::addRow("bare number") << u"23"_s;
    QTest::addRow("two names") << u"Tehran Qom"_s;
}

void TestProvinces::unknownOrAmbiguous()
{
    QFETCH(QString, spelling);
    const std::optional<Province> found = findProvince(spelling);
    QVERIFY2(!found, qPrintable(found ? found->code : QString()));
}

void TestProvinces::byCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("english");

    QTest::addRow("IR-23") << u"IR-23"_s << u"Tehran"_s;
    QTest::addRow("ir-23") << u"ir-23"_s << u"Tehran"_s;
    QTest::addRow("IR23") << u"IR23"_s << u"Tehran"_s;
    QTest::addRow("IR 09") << u"IR 09"_s << u"Razavi Khorasan"_s;
    QTest::addRow("Persian digits") << u"IR-۳۰"_s << u"Alborz"_s;
    QTest::addRow("unknown") << u"IR-31"_s << QString();
    QTest::addRow("three digits") << u"IR-123"_s << QString();
    QTest::addRow("name") << u"Tehran"_s << QString();
    QTest::addRow("other country") << u"AF-23"_s << QString();
}

void TestProvinces::byCode()
{
    QFETCH(QString, code);
    QFETCH(QString, english);
    const std::optional<Province> found = provinceByCode(code);
    QCOMPARE(found ? found->englishName : QString(), english);
}

QTEST_GUILESS_MAIN(TestProvinces)
#include "TestProvinces.moc"
