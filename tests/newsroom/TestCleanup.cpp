#include "newsroom/ArticleHtml.h"
#include "newsroom/Cleanup.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar::newsroom;

namespace {

QString seedText()
{
    QFile file(qEnvironmentVariable("DAFTAR_TEST_DATA")
        + u"/newsroom/cooperative-house-news-1398-09-03.txt"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QString cleaned(const QString &paragraph)
{
    return applyEdits(paragraph, cleanupEdits(paragraph));
}

bool hasRule(const QList<CleanupChange> &changes, CleanupRule rule)
{
    return std::any_of(changes.cbegin(), changes.cend(),
        [rule](const CleanupChange &change) { return change.rule == rule; });
}

} // namespace

class TestCleanup : public QObject
{
    Q_OBJECT

private slots:
    void paragraph_data();
    void paragraph();
    void editsAreSortedAndApart_data() { paragraph_data(); }
    void editsAreSortedAndApart();
    void editsNameTheirRule();
    void applyEditsIgnoresOverlaps();
    void seedArticle();
    void html();
    void htmlLeavesCodeLinksAndPreformattedAlone();
    void htmlIsolatesLatinRuns();
    void changesShowContext();
    void ruleNames();
};

void TestCleanup::paragraph_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    // Arabic letters
    QTest::addRow("Arabic yeh and kaf") << u"علي كريمي"_s << u"علی کریمی"_s;
    QTest::addRow("alef maksura") << u"موسى آمد"_s << u"موسی آمد"_s;
    QTest::addRow("teh marbuta stays") << u"مدرسة علمیه"_s << u"مدرسة علمیه"_s;

    // Digits
    QTest::addRow("year in a Persian sentence")
        << u"در سال 1398 برگزار شد"_s << u"در سال ۱۳۹۸ برگزار شد"_s;
    QTest::addRow("date") << u"تاریخ 1398/09/03 است"_s << u"تاریخ ۱۳۹۸/۰۹/۰۳ است"_s;
    QTest::addRow("time") << u"ساعت 10:30 صبح"_s << u"ساعت ۱۰:۳۰ صبح"_s;
    QTest::addRow("decimal") << u"رشد 3.5 درصدی"_s << u"رشد ۳.۵ درصدی"_s;
    QTest::addRow("at the end of a sentence") << u"در سال 2019"_s << u"در سال ۲۰۱۹"_s;
    QTest::addRow("Arabic-Indic digits") << u"عدد ٣ و ٤"_s << u"عدد ۳ و ۴"_s;
    QTest::addRow("number glued to a Persian word") << u"دوره 3ماهه"_s << u"دوره ۳ماهه"_s;
    QTest::addRow("digits after a Latin name stay")
        << u"نسخه Qt 6.4 منتشر شد"_s << u"نسخه Qt 6.4 منتشر شد"_s;
    QTest::addRow("digits inside a Latin word stay")
        << u"بیماری COVID-19 و کتابخانه Qt6"_s << u"بیماری COVID-19 و کتابخانه Qt6"_s;
    QTest::addRow("digits in a URL stay") << u"صفحه http://example.com/page2?id=15 را ببینید"_s
                                          << u"صفحه http://example.com/page2?id=15 را ببینید"_s;
    QTest::addRow("www address stays")
        << u"سایت www.icc98.ir را ببینید"_s << u"سایت www.icc98.ir را ببینید"_s;
    QTest::addRow("e-mail stays") << u"نشانی info2@icc.ir است"_s << u"نشانی info2@icc.ir است"_s;
    QTest::addRow("English text stays")
        << u"The year 2019, was it?"_s << u"The year 2019, was it?"_s;
    QTest::addRow("number alone stays") << u"2019"_s << u"2019"_s;

    // Persian comma, semicolon, question mark
    QTest::addRow("comma and question mark") << u"سلام, خوبی?"_s << u"سلام، خوبی؟"_s;
    QTest::addRow("semicolon") << u"اول; دوم"_s << u"اول؛ دوم"_s;
    QTest::addRow("thousands separator stays") << u"قیمت ۱,۵۰۰ تومان"_s << u"قیمت ۱,۵۰۰ تومان"_s;

    // Guillemets
    QTest::addRow("quotes around Persian")
        << u"او گفت \"سلام\" و رفت"_s << u"او گفت «سلام» و رفت"_s;
    QTest::addRow("curly quotes") << u"او گفت “سلام” و رفت"_s << u"او گفت «سلام» و رفت"_s;
    QTest::addRow("quotes around Latin stay")
        << u"عبارت \"hello\" انگلیسی است"_s << u"عبارت \"hello\" انگلیسی است"_s;
    QTest::addRow("unpaired quote stays") << u"او گفت \"سلام و رفت"_s << u"او گفت \"سلام و رفت"_s;
    QTest::addRow("spaces inside quotes") << u"گفت \" سلام \" و"_s << u"گفت «سلام» و"_s;

    // Punctuation spacing
    QTest::addRow("space before comma") << u"تعاون ،كار"_s << u"تعاون، کار"_s;
    QTest::addRow("spaces around colon") << u"افزود : باید"_s << u"افزود: باید"_s;
    QTest::addRow("brackets") << u"( سلام ) و « خبر »"_s << u"(سلام) و «خبر»"_s;
    QTest::addRow("space after a full stop") << u"باشند.صفحه اصلی"_s << u"باشند. صفحه اصلی"_s;
    QTest::addRow("space after a question mark") << u"چرا؟ببین"_s << u"چرا؟ ببین"_s;
    QTest::addRow("exclamation") << u"عالی !خوب"_s << u"عالی! خوب"_s;
    QTest::addRow("decimal point stays") << u"عدد ۳.۵ است"_s << u"عدد ۳.۵ است"_s;
    QTest::addRow("time stays") << u"ساعت ۱۰:۳۰ است"_s << u"ساعت ۱۰:۳۰ است"_s;
    QTest::addRow("abbreviation stays")
        << u"سال ۱۳۹۸ ه.ش برگزار شد"_s << u"سال ۱۳۹۸ ه.ش برگزار شد"_s;
    QTest::addRow("marks together stay") << u"چرا؟!"_s << u"چرا؟!"_s;
    QTest::addRow("Latin full stop stays") << u"e.g. this : that"_s << u"e.g. this : that"_s;

    // Spaces
    QTest::addRow("double spaces") << u"سلام  دنیا   خوب"_s << u"سلام دنیا خوب"_s;
    QTest::addRow("paragraph edges") << u"  سلام \t"_s << u"سلام"_s;
    QTest::addRow("tab inside") << u"a\tb"_s << u"a b"_s;
    QTest::addRow("no-break spaces among spaces")
        << u"فارسی \u00a0|\u00a0 English"_s << u"فارسی | English"_s;
    QTest::addRow("a lone no-break space stays") << u"۱۰\u00a0درصد"_s << u"۱۰\u00a0درصد"_s;

    // ZWNJ
    QTest::addRow("mi with a space") << u"این کار می شود"_s << u"این کار می‌شود"_s;
    QTest::addRow("nemi with a space") << u"نمی توان گفت"_s << u"نمی‌توان گفت"_s;
    QTest::addRow("mi glued to a known verb")
        << u"میشود و نمیتوانند"_s << u"می‌شود و نمی‌توانند"_s;
    QTest::addRow("words that start with mi stay")
        << u"میز میدان میلیون میهمان نمیر میزان میانه بازدید میدانی"_s
        << u"میز میدان میلیون میهمان نمیر میزان میانه بازدید میدانی"_s;
    QTest::addRow("plural with a space")
        << u"کتاب ها و کتاب های ما"_s << u"کتاب‌ها و کتاب‌های ما"_s;
    QTest::addRow("plural glued") << u"سیاستها و راههای تازه"_s
                                  << u"سیاست‌ها و راه‌های تازه"_s;
    QTest::addRow("words that end in ha stay")
        << u"تنها اژدها گرانبها بهای شفاها کالاها برنامهای"_s
        << u"تنها اژدها گرانبها بهای شفاها کالاها برنامهای"_s;
    QTest::addRow("comparative and superlative")
        << u"بزرگ تر و بزرگ ترین"_s << u"بزرگ‌تر و بزرگ‌ترین"_s;
    QTest::addRow("tar after a small word stays") << u"خشک و تر"_s << u"خشک و تر"_s;
    QTest::addRow("verb endings after heh")
        << u"خانه ای که رفته اند"_s << u"خانه‌ای که رفته‌اند"_s;
    QTest::addRow("space next to a ZWNJ") << u"کتاب \u200cها"_s << u"کتاب\u200cها"_s;
    QTest::addRow("already joined")
        << u"می‌شود و کتاب‌ها"_s << u"می‌شود و کتاب‌ها"_s;
    QTest::addRow("mi written with Arabic yeh") << u"مي شود"_s << u"می‌شود"_s;

    // Latin runs
    QTest::addRow("bracketed Latin run")
        << u"از کتابخانه (Qt WebEngine 6.4) استفاده شد"_s
        << u"از کتابخانه \u2068(Qt WebEngine 6.4)\u2069 استفاده شد"_s;
    QTest::addRow("symbols at the end")
        << u"زبان C++ محبوب است"_s << u"زبان \u2068C++\u2069 محبوب است"_s;
    QTest::addRow("full stop after a Latin run")
        << u"با زبان C++."_s << u"با زبان \u2068C++\u2069."_s;
    QTest::addRow("Latin run with letter edges stays")
        << u"نسخه Qt 6.4 آمد"_s << u"نسخه Qt 6.4 آمد"_s;
    QTest::addRow("already isolated")
        << u"از \u2068(Qt)\u2069 استفاده"_s << u"از \u2068(Qt)\u2069 استفاده"_s;
    QTest::addRow("brackets of the Persian sentence") << u"(نسخه Qt 6.4)"_s << u"(نسخه Qt 6.4)"_s;
    QTest::addRow("English paragraph stays") << u"Use (Qt) here"_s << u"Use (Qt) here"_s;
    QTest::addRow("bracketed address")
        << u"سایت (www.icc.ir) را"_s << u"سایت \u2068(www.icc.ir)\u2069 را"_s;

    // Several at once
    QTest::addRow("everything")
        << u"جلسه هم انديشي  با شريعتمداري وزير تعاون ،كار و رفاه در سال 1398 , \"مهم\" بود"_s
        << u"جلسه هم اندیشی با شریعتمداری وزیر تعاون، کار و رفاه در سال ۱۳۹۸، «مهم» بود"_s;
}

void TestCleanup::paragraph()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(cleaned(input), expected);
    QVERIFY2(cleanupEdits(expected).isEmpty(), "a second clean-up must change nothing");
    const CleanupResult plain = cleanupPlainText(input);
    QCOMPARE(plain.html, expected);
    QCOMPARE(plain.changes.isEmpty(), input == expected);
}

void TestCleanup::editsAreSortedAndApart()
{
    QFETCH(QString, input);
    const QList<CleanupEdit> edits = cleanupEdits(input);
    int end = 0;
    for (const CleanupEdit &edit : edits) {
        QVERIFY(edit.start >= end);
        QVERIFY(edit.length >= 0);
        QVERIFY(edit.start + edit.length <= input.size());
        QVERIFY(input.mid(edit.start, edit.length) != edit.replacement);
        end = edit.start + edit.length;
    }
}

void TestCleanup::editsNameTheirRule()
{
    const QList<CleanupEdit> edits = cleanupEdits(u"علي  گفت می شود 1398 , و (C++) است"_s);
    QSet<CleanupRule> rules;
    for (const CleanupEdit &edit : edits)
        rules.insert(edit.rule);
    QCOMPARE(rules,
        (QSet<CleanupRule> {CleanupRule::ArabicLetters, CleanupRule::DoubleSpaces,
            CleanupRule::ZeroWidthNonJoiner, CleanupRule::PersianDigits, CleanupRule::PersianComma,
            CleanupRule::PunctuationSpacing, CleanupRule::IsolateLatin}));
}

void TestCleanup::applyEditsIgnoresOverlaps()
{
    const QList<CleanupEdit> edits = {{4, 1, u"X"_s, CleanupRule::ArabicLetters},
        {0, 2, u"ab"_s, CleanupRule::ArabicLetters}, {1, 2, u"zz"_s, CleanupRule::ArabicLetters},
        {6, 0, u"!"_s, CleanupRule::PunctuationSpacing}};
    QCOMPARE(applyEdits(u"012345"_s, edits), u"ab23X5!"_s);
    QCOMPARE(applyEdits(u"abc"_s, {}), u"abc"_s);
}

void TestCleanup::seedArticle()
{
    const QString seed = seedText();
    QVERIFY(!seed.isEmpty());
    const CleanupResult result = cleanupPlainText(seed);
    const QString &text = result.html;
    QVERIFY(!text.contains(QChar(0x064A)));
    QVERIFY(!text.contains(QChar(0x0643)));
    QVERIFY(!text.contains(u"  "_s));
    QVERIFY(!text.contains(u" ،"_s));
    QVERIFY(!text.contains(u" :"_s));
    for (const QString &expected :
        {u"هم اندیشی تعاونگران با شریعتمداری وزیر تعاون، کار و رفاه اجتماعی"_s,
            u"سیاست‌ها"_s, u"راه‌های رفته"_s, u"تعاونی‌ها"_s,
            u"برنامه‌ای برای"_s, u"با بیان اینکه، سیاستهای"_s, u"افزود: باید"_s,
            u"تشکل‌ها تقویت"_s, u"باشند. صفحه"_s, u"۳ آذر ۱۳۹۸"_s,
            u"فارسی | English"_s})
        QVERIFY2(text.contains(expected), qPrintable(expected));
    // Paragraph breaks are kept.
    QCOMPARE(text.count(u'\n'), seed.count(u'\n'));
    for (const CleanupRule rule : {CleanupRule::ArabicLetters, CleanupRule::DoubleSpaces,
             CleanupRule::PunctuationSpacing, CleanupRule::ZeroWidthNonJoiner})
        QVERIFY(hasRule(result.changes, rule));
    QVERIFY(cleanupPlainText(text).changes.isEmpty());

    // The same text as an HTML body gets the same clean-up.
    const QString body = htmlFromPlainText(seed);
    const CleanupResult html = cleanupHtml(body);
    QCOMPARE(plainTextOf(html.html), plainTextOf(htmlFromPlainText(text)));
    QVERIFY(cleanupHtml(html.html).changes.isEmpty());
}

void TestCleanup::html()
{
    const CleanupResult result = cleanupHtml(
        u"<p>سلام  <b>دنيا</b> ,كار</p><h2>عنوان  خبر ها</h2><ul><li>مورد 1</li></ul><table><tr><td>ستون ها</td></tr></table>"_s);
    QCOMPARE(result.html,
        u"<p>سلام <strong>دنیا</strong>، کار</p>\n<h2>عنوان خبر‌ها</h2>\n<ul><li>مورد ۱</li></ul>\n<table><tbody><tr><td>ستون‌ها</td></tr></tbody></table>"_s);
    QVERIFY(hasRule(result.changes, CleanupRule::ArabicLetters));
    QVERIFY(hasRule(result.changes, CleanupRule::PersianComma));
    QVERIFY(hasRule(result.changes, CleanupRule::PersianDigits));
    QVERIFY(cleanupHtml(result.html).changes.isEmpty());
    QCOMPARE(cleanupHtml(result.html).html, result.html);
    QCOMPARE(sanitizeHtml(result.html), result.html);
    QVERIFY(cleanupHtml(u"<p>متن تمیز است.</p>"_s).changes.isEmpty());
}

void TestCleanup::htmlLeavesCodeLinksAndPreformattedAlone()
{
    const QString input
        = u"<p>دستور <code>ls -la 10 ,كار</code> را در سال 1398 بزنيد</p><pre>سلام  ,كار 1398</pre><p><a href=\"https://x.ir/كتاب?id=1\" title=\"كتاب\">كتاب 1398</a> را ببينيد</p>"_s;
    const CleanupResult result = cleanupHtml(input);
    QCOMPARE(result.html,
        u"<p>دستور <code>ls -la 10 ,كار</code> را در سال ۱۳۹۸ بزنید</p>\n<pre>سلام  ,كار 1398</pre>\n<p><a href=\"https://x.ir/كتاب?id=1\" title=\"كتاب\">کتاب ۱۳۹۸</a> را ببینید</p>"_s);
}

void TestCleanup::htmlIsolatesLatinRuns()
{
    const CleanupResult result = cleanupHtml(
        u"<p>از کتابخانه (Qt WebEngine 6.4) استفاده شد</p><p>از <b>(Qt</b> WebEngine) و <bdi>(C++)</bdi> و <code>C++</code> استفاده</p>"_s);
    QCOMPARE(result.html,
        u"<p>از کتابخانه <bdi>(Qt WebEngine 6.4)</bdi> استفاده شد</p>\n<p>از <bdi><strong>(Qt</strong> WebEngine)</bdi> و <bdi>(C++)</bdi> و <code><bdi>C++</bdi></code> استفاده</p>"_s);
    QCOMPARE(std::count_if(result.changes.cbegin(), result.changes.cend(),
                 [](const CleanupChange &c) { return c.rule == CleanupRule::IsolateLatin; }),
        3);
    const CleanupResult again = cleanupHtml(result.html);
    QVERIFY(again.changes.isEmpty());
    QCOMPARE(again.html, result.html);
}

void TestCleanup::changesShowContext()
{
    const CleanupResult result
        = cleanupPlainText(u"یک دو سه چهار پنج شش هفت تعاون ،كار و رفاه اجتماعي هشت نه ده یازده"_s);
    QCOMPARE(result.changes.size(), 3);
    const CleanupChange &spacing = result.changes.at(0);
    QCOMPARE(spacing.rule, CleanupRule::PunctuationSpacing);
    QCOMPARE(spacing.before, u"شش هفت تعاون ،كار و رفاه"_s);
    QCOMPARE(spacing.after, u"شش هفت تعاون، كار و رفاه"_s);
    const CleanupChange &kaf = result.changes.at(1);
    QCOMPARE(kaf.rule, CleanupRule::ArabicLetters);
    QCOMPARE(kaf.before, u"هفت تعاون ،كار و رفاه"_s);
    QCOMPARE(kaf.after, u"هفت تعاون ،کار و رفاه"_s);
    const CleanupChange &yeh = result.changes.at(2);
    QCOMPARE(yeh.before, u"و رفاه اجتماعي هشت نه ده"_s);
    QCOMPARE(yeh.after, u"و رفاه اجتماعی هشت نه ده"_s);
}

void TestCleanup::ruleNames()
{
    QSet<QString> names;
    for (const CleanupRule rule :
        {CleanupRule::ArabicLetters, CleanupRule::PersianDigits, CleanupRule::PunctuationSpacing,
            CleanupRule::PersianComma, CleanupRule::Guillemets, CleanupRule::ZeroWidthNonJoiner,
            CleanupRule::DoubleSpaces, CleanupRule::IsolateLatin}) {
        const QString name = cleanupRuleName(rule);
        QVERIFY(!name.isEmpty());
        names.insert(name);
    }
    QCOMPARE(names.size(), 8);
}

QTEST_GUILESS_MAIN(TestCleanup)
#include "TestCleanup.moc"
