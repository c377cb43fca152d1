#include "text/Collation.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

#include <algorithm>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace daftar::text;

namespace {

int sign(int value)
{
    return (value > 0) - (value < 0);
}

QStringList shuffled(QStringList list, quint32 seed)
{
    QRandomGenerator random(seed);
    std::shuffle(list.begin(), list.end(), random);
    return list;
}

QStringList sortedByKey(QStringList list)
{
    std::sort(list.begin(), list.end(),
        [](const QString &a, const QString &b) { return collationKey(a) < collationKey(b); });
    return list;
}

QStringList sortedByCompare(QStringList list)
{
    std::sort(list.begin(), list.end(),
        [](const QString &a, const QString &b) { return comparePersian(a, b) < 0; });
    return list;
}

const QStringList &persianNames()
{
    static const QStringList names = {
        u"آرش"_s,
        u"احمد"_s,
        u"بهرام"_s,
        u"پرویز"_s,
        u"تینا"_s,
        u"ثریا"_s,
        u"جمشید"_s,
        u"چنگیز"_s,
        u"حسین"_s,
        u"خدیجه"_s,
        u"داریوش"_s,
        u"ذبیح"_s,
        u"رضا"_s,
        u"زهرا"_s,
        u"ژاله"_s,
        u"سارا"_s,
        u"شیرین"_s,
        u"صادق"_s,
        u"ضیا"_s,
        u"طاهره"_s,
        u"ظریف"_s,
        u"عباس"_s,
        u"غلامرضا"_s,
        u"فاطمه"_s,
        u"قاسم"_s,
        u"کاوه"_s,
        u"گلناز"_s,
        u"لیلا"_s,
        u"مریم"_s,
        u"نسرین"_s,
        u"وحید"_s,
        u"هما"_s,
        u"یاسمن"_s,
        u"پریسا"_s,
        u"پروانه"_s,
        u"گیتی"_s,
        u"گلی"_s,
        u"ژیلا"_s,
        u"چکامه"_s,
        u"کیوان"_s,
        u"کامران"_s,
        u"مهسا"_s,
        u"محمدرضا"_s,
        u"محمد"_s,
        u"علی"_s,
        u"علیرضا"_s,
        u"زینب"_s,
        u"یوسف"_s,
    };
    return names;
}

} // namespace

class TestCollation : public QObject
{
    Q_OBJECT

private slots:
    void lettersSortInPersianOrder_data();
    void lettersSortInPersianOrder();
    void gafSortsBeforeLam();
    void keyOrderEqualsCompareOrder_data();
    void keyOrderEqualsCompareOrder();
    void keyAgreesWithCompareOnPairs();
    void keyIsLowerCaseHex();
    void latinSortsAfterPersian();
    void collatorWorksOnManyThreads();
};

void TestCollation::lettersSortInPersianOrder_data()
{
    QTest::addColumn<QStringList>("ordered");

    QTest::addRow("letters Arabic lacks")
        << QStringList {u"پ"_s, u"ت"_s, u"چ"_s, u"ح"_s, u"ز"_s, u"ژ"_s, u"گ"_s, u"ل"_s};
    QTest::addRow("whole alphabet") << QStringList {u"ا"_s, u"ب"_s, u"پ"_s, u"ت"_s, u"ث"_s, u"ج"_s,
        u"چ"_s, u"ح"_s, u"خ"_s, u"د"_s, u"ذ"_s, u"ر"_s, u"ز"_s, u"ژ"_s, u"س"_s, u"ش"_s, u"ص"_s,
        u"ض"_s, u"ط"_s, u"ظ"_s, u"ع"_s, u"غ"_s, u"ف"_s, u"ق"_s, u"ک"_s, u"گ"_s, u"ل"_s, u"م"_s,
        u"ن"_s, u"و"_s, u"ه"_s, u"ی"_s};
    QTest::addRow("words") << QStringList {
        u"پدر"_s, u"تاج"_s, u"چای"_s, u"حمید"_s, u"زری"_s, u"ژاله"_s, u"گل"_s, u"لاله"_s};
}

void TestCollation::lettersSortInPersianOrder()
{
    QFETCH(QStringList, ordered);
    for (quint32 seed = 1; seed <= 20; ++seed) {
        const QStringList mixed = shuffled(ordered, seed);
        QCOMPARE(sortedByKey(mixed), ordered);
        QCOMPARE(sortedByCompare(mixed), ordered);
    }
    for (qsizetype i = 1; i < ordered.size(); ++i)
        QVERIFY2(comparePersian(ordered.at(i - 1), ordered.at(i)) < 0,
            qPrintable(ordered.at(i - 1) + u" < "_s + ordered.at(i)));
}

void TestCollation::gafSortsBeforeLam()
{
    const QString gaf = u"گ"_s;
    const QString lam = u"ل"_s;
    // Code unit order (U+06AF against U+0644) gets this wrong, which is why keys exist.
    QVERIFY(QString::compare(gaf, lam) > 0);
    QVERIFY(comparePersian(gaf, lam) < 0);
    QVERIFY(collationKey(gaf) < collationKey(lam));
    QVERIFY(collationKey(u"گلناز"_s) < collationKey(u"لیلا"_s));
}

void TestCollation::keyOrderEqualsCompareOrder_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {7u, 42u, 1398u, 2019u, 31337u})
        QTest::addRow("seed %u", seed) << seed;
}

void TestCollation::keyOrderEqualsCompareOrder()
{
    QFETCH(quint32, seed);
    const QStringList mixed = shuffled(persianNames(), seed);
    const QStringList byKey = sortedByKey(mixed);
    QCOMPARE(byKey, sortedByCompare(mixed));
    QCOMPARE(byKey, sortedByKey(shuffled(persianNames(), seed + 1)));
}

void TestCollation::keyAgreesWithCompareOnPairs()
{
    QStringList texts = persianNames();
    texts << u"علي"_s << u"علی"_s << u"كاوه"_s << u"Ali"_s << u"ali"_s << u"۱۲"_s << u"12"_s
          << QString() << u"کتاب\u200Cها"_s << u"کتابها"_s;
    for (const QString &a : texts) {
        for (const QString &b : texts) {
            const int byCompare = sign(comparePersian(a, b));
            const int byKey = sign(collationKey(a).compare(collationKey(b)));
            QVERIFY2(byCompare == byKey, qPrintable(a + u" / "_s + b));
        }
    }
}

void TestCollation::keyIsLowerCaseHex()
{
    for (const QString &name : persianNames()) {
        const QByteArray key = collationKey(name);
        QVERIFY(!key.isEmpty());
        QCOMPARE(key.size() % 2, 0);
        QVERIFY(std::all_of(key.begin(), key.end(),
            [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }));
    }
}

void TestCollation::latinSortsAfterPersian()
{
    QVERIFY(comparePersian(u"علی"_s, u"Ali"_s) < 0);
    QVERIFY(comparePersian(u"یاسمن"_s, u"Aban"_s) < 0);
    QVERIFY(collationKey(u"یاسمن"_s) < collationKey(u"Aban"_s));
}

void TestCollation::collatorWorksOnManyThreads()
{
    std::vector<QByteArray> expected;
    for (const QString &name : persianNames())
        expected.push_back(collationKey(name));

    // One flag per thread in its own int: std::vector<bool> packs them into shared words.
    std::vector<int> agreed(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < agreed.size(); ++t) {
        threads.emplace_back([&, t] {
            bool same = true;
            for (int round = 0; round < 50; ++round) {
                for (qsizetype i = 0; i < persianNames().size(); ++i)
                    same
                        = same && collationKey(persianNames().at(i)) == expected.at(std::size_t(i));
            }
            agreed[t] = same ? 1 : 0;
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QVERIFY(std::all_of(agreed.begin(), agreed.end(), [](int same) { return same == 1; }));
}

QTEST_GUILESS_MAIN(TestCollation)
#include "TestCollation.moc"
