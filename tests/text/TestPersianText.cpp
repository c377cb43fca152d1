#include "text/PersianText.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar::text;

class TestPersianText : public QObject
{
    Q_OBJECT

private slots:
    void leftToRightRunKeepsItsNeutralEnds()
    {
        const QString path = u"/tmp/دفتر/d.sqlite"_s;
        const QString marked = daftar::text::isolateLeftToRight(path);
        QCOMPARE(marked.size(), path.size() + 2);
        QCOMPARE(marked.front(), QChar(0x200E));
        QCOMPARE(marked.back(), QChar(0x200E));
        QCOMPARE(marked.mid(1, path.size()), path);
        // Invisible to search: the key of the marked text is the key of the text.
        QCOMPARE(daftar::text::searchKey(marked), daftar::text::searchKey(path));
    }

    void searchKey_data();
    void searchKey();
    void searchKeyIsIdempotent_data() { searchKey_data(); }
    void searchKeyIsIdempotent();
    void searchKeyDropsInvisibleCharacters();
    void searchKeyMatchesAcrossSpellings_data();
    void searchKeyMatchesAcrossSpellings();
    void unifyArabicLetters_data();
    void unifyArabicLetters();
    void toLatinDigits();
    void toPersianDigits();
    void digitsOnly_data();
    void digitsOnly();
};

void TestPersianText::searchKey_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("only spaces") << u" \t\n "_s << QString();
    QTest::addRow("Arabic yeh and kaf") << u"علي كريمي"_s << u"علی کریمی"_s;
    QTest::addRow("alef maksura") << u"موسى"_s << u"موسی"_s;
    QTest::addRow("teh marbuta") << u"مدرسة"_s << u"مدرسه"_s;
    QTest::addRow("heh with yeh above") << u"خانۀ ما"_s << u"خانه ما"_s;
    QTest::addRow("heh and hamza mark") << u"خانه\u0654 ما"_s << u"خانه ما"_s;
    QTest::addRow("alef with hamza above") << u"أحمد"_s << u"احمد"_s;
    QTest::addRow("alef with hamza below") << u"إسلام"_s << u"اسلام"_s;
    QTest::addRow("alef wasla") << u"ٱلله"_s << u"الله"_s;
    QTest::addRow("alef with madda") << u"آب"_s << u"اب"_s;
    QTest::addRow("decomposed madda") << u"ا\u0653ب"_s << u"اب"_s;
    QTest::addRow("harakat") << u"مُحَمَّد"_s << u"محمد"_s;
    QTest::addRow("superscript alef") << u"رحمٰن"_s << u"رحمن"_s;
    QTest::addRow("tatweel") << u"ســـلام"_s << u"سلام"_s;
    QTest::addRow("Persian digits") << u"۱۳۹۸/۰۹/۰۳"_s << u"1398/09/03"_s;
    QTest::addRow("Arabic-Indic digits") << u"١٢٣٤٥٦٧٨٩٠"_s << u"1234567890"_s;
    QTest::addRow("fullwidth digits") << u"\uFF11\uFF12"_s << u"12"_s;
    QTest::addRow("Devanagari digits") << u"\u0967\u0968"_s << u"12"_s;
    QTest::addRow("ZWNJ") << u"می\u200Cروم"_s << u"میروم"_s;
    QTest::addRow("bidi embedding") << u"\u202Bسلام\u202C"_s << u"سلام"_s;
    QTest::addRow("bidi marks") << u"\u200Eabc\u200F"_s << u"abc"_s;
    QTest::addRow("bidi isolates") << u"Qt \u2066WebEngine 6.4\u2069"_s << u"qt webengine 6.4"_s;
    QTest::addRow("Arabic letter mark") << u"\u061Cسلام"_s << u"سلام"_s;
    QTest::addRow("Latin case") << u"HeLLo WORLD"_s << u"hello world"_s;
    QTest::addRow("Latin accented case") << u"ÉCOLE"_s << u"école"_s;
    QTest::addRow("whitespace runs") << u"  a \t\n b  "_s << u"a b"_s;
    QTest::addRow("no-break space") << u"a\u00A0b"_s << u"a b"_s;
    QTest::addRow("space around a removed mark") << u"a \u200C b"_s << u"a b"_s;
    QTest::addRow("kaf presentation form") << u"\uFEDB\uFE98\uFE8E\uFE8F"_s << u"کتاب"_s;
    QTest::addRow("Arabic yeh presentation form") << u"\uFEF3"_s << u"ی"_s;
    QTest::addRow("Farsi yeh presentation form") << u"\uFBFE"_s << u"ی"_s;
    QTest::addRow("mathematical bold A") << u"\U0001D400"_s << u"a"_s;
    QTest::addRow("emoji kept") << u"a\U0001F600b"_s << u"a\U0001F600b"_s;
    QTest::addRow("mixed sentence") << u"كد ملي:  ۰۰۱۲۳۴۵۶۷۸\u200F"_s << u"کد ملی: 0012345678"_s;
}

void TestPersianText::searchKey()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(daftar::text::searchKey(input), expected);
}

void TestPersianText::searchKeyIsIdempotent()
{
    QFETCH(QString, input);
    const QString once = daftar::text::searchKey(input);
    QCOMPARE(daftar::text::searchKey(once), once);
}

void TestPersianText::searchKeyDropsInvisibleCharacters()
{
    const QList<char16_t> invisible = {0x200C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D,
        0x202E, 0x2066, 0x2067, 0x2068, 0x2069};
    for (const char16_t c : invisible) {
        const QString text = u"سلام"_s + QChar(c) + u"دنیا"_s;
        QCOMPARE(daftar::text::searchKey(text), u"سلامدنیا"_s);
    }
}

// What a user types into the search box must find what an import stored.
void TestPersianText::searchKeyMatchesAcrossSpellings_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("typed");

    QTest::addRow("Arabic keyboard") << u"تعاونی مصرف کارکنان"_s << u"تعاوني مصرف كاركنان"_s;
    QTest::addRow("ZWNJ or none") << u"خانه\u200Cها"_s << u"خانهها"_s;
    QTest::addRow("digits") << u"شماره ۱۲"_s << u"شماره 12"_s;
    QTest::addRow("diacritics") << u"مُدیر"_s << u"مدیر"_s;
    QTest::addRow("Latin case") << u"Daftar"_s << u"DAFTAR"_s;
}

void TestPersianText::searchKeyMatchesAcrossSpellings()
{
    QFETCH(QString, stored);
    QFETCH(QString, typed);
    QCOMPARE(daftar::text::searchKey(typed), daftar::text::searchKey(stored));
}

void TestPersianText::unifyArabicLetters_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::addRow("yeh and kaf") << u"علي كريمي"_s << u"علی کریمی"_s;
    QTest::addRow("alef maksura") << u"موسى"_s << u"موسی"_s;
    QTest::addRow("Persian untouched") << u"علی کریمی"_s << u"علی کریمی"_s;
    QTest::addRow("keeps ZWNJ") << u"مي\u200Cروم"_s << u"می\u200Cروم"_s;
    QTest::addRow("keeps teh marbuta and harakat") << u"مدرسةُ"_s << u"مدرسةُ"_s;
    QTest::addRow("keeps digits") << u"١٢ ۱۲"_s << u"١٢ ۱۲"_s;
    QTest::addRow("keeps presentation forms") << u"\uFEDB\uFEF3"_s << u"\uFEDB\uFEF3"_s;
}

void TestPersianText::unifyArabicLetters()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(daftar::text::unifyArabicLetters(input), expected);
}

void TestPersianText::toLatinDigits()
{
    QCOMPARE(daftar::text::toLatinDigits(u"۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩ abc 42"_s),
        u"0123456789 0123456789 abc 42"_s);
    QCOMPARE(daftar::text::toLatinDigits(QString()), QString());
}

void TestPersianText::toPersianDigits()
{
    QCOMPARE(daftar::text::toPersianDigits(u"0123456789 ٠١٢٣٤٥٦٧٨٩ abc"_s),
        u"۰۱۲۳۴۵۶۷۸۹ ۰۱۲۳۴۵۶۷۸۹ abc"_s);
    QCOMPARE(daftar::text::toPersianDigits(u"۱۲"_s), u"۱۲"_s);
}

void TestPersianText::digitsOnly_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::addRow("ASCII") << u"0012345678"_s << u"0012345678"_s;
    QTest::addRow("Persian") << u"۰۹۱۲"_s << u"0912"_s;
    QTest::addRow("Arabic-Indic") << u"١٢"_s << u"12"_s;
    QTest::addRow("mixed scripts") << u"1۲٣"_s << u"123"_s;
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("letter") << u"12a"_s << QString();
    QTest::addRow("space") << u"12 34"_s << QString();
    QTest::addRow("dash") << u"12-34"_s << QString();
}

void TestPersianText::digitsOnly()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(daftar::text::digitsOnly(input), expected);
}

QTEST_GUILESS_MAIN(TestPersianText)
#include "TestPersianText.moc"
