#include "text/Slug.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QTest>
#include <QUrl>

#include <limits>

using namespace Qt::StringLiterals;
using namespace daftar::text;

namespace {

constexpr int unlimited = std::numeric_limits<int>::max();

const QString seedTitle = u"دبیرکل خانه تعاونگران خواستار تهیه برنامه اقدام توسعه تعاون شد"_s;

qsizetype encodedLength(const QString &slug)
{
    return QUrl::toPercentEncoding(slug, QByteArray(), QByteArray()).size();
}

bool isAllowedSlugChar(QChar c)
{
    if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-')
        return true;
    return c.unicode() >= 0x0600 && c.unicode() <= 0x06FF && c.isLetter() && c.unicode() != 0x0640;
}

// Titles as an editor might paste them: Persian and Latin words, ZWNJ compounds,
// every digit script, punctuation of both languages, bidi marks and diacritics.
QString randomTitle(QRandomGenerator &random)
{
    static const QStringList pieces = {
        u"تعاونی"_s,
        u"مصرف"_s,
        u"کارکنان"_s,
        u"خانه\u200Cها"_s,
        u"می\u200Cروند"_s,
        u"علي"_s,
        u"كتاب"_s,
        u"مُحَمَّد"_s,
        u"ســلام"_s,
        u"۱۴۰۳"_s,
        u"١٢"_s,
        u"2024"_s,
        u"Qt"_s,
        u"WebEngine"_s,
        u"6.4"_s,
        u"Café"_s,
        u"don't"_s,
        u"،"_s,
        u"؛"_s,
        u"؟"_s,
        u"«"_s,
        u"»"_s,
        u"!"_s,
        u"(نسخه"_s,
        u"\u200F"_s,
        u"\u2066x\u2069"_s,
        u"—"_s,
        u"..."_s,
        u"مدرسة"_s,
        u"\u200C"_s,
        u"اقتصاد"_s,
        u"تولید"_s,
        u"پایدار"_s,
        u"گزارش"_s,
        u"ژوئن"_s,
    };
    QString title;
    const int count = random.bounded(1, 40);
    for (int i = 0; i < count; ++i) {
        if (random.bounded(3) != 0)
            title.append(u' ');
        title.append(pieces.at(random.bounded(int(pieces.size()))));
    }
    return title;
}

} // namespace

class TestSlug : public QObject
{
    Q_OBJECT

private slots:
    void slugs_data();
    void slugs();
    void seedTitle();
    void propertiesOfRandomTitles();
    void cutAtWordBoundary_data();
    void cutAtWordBoundary();
    void longSingleWordIsCutInside();
};

void TestSlug::slugs_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("expected");

    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("spaces") << u"   "_s << QString();
    QTest::addRow("punctuation only") << u"!؟«»،"_s << QString();
    QTest::addRow("ZWNJ becomes a hyphen") << u"کتاب\u200Cهای جدید"_s << u"کتاب-های-جدید"_s;
    QTest::addRow("ZWNJ at the edges") << u"\u200Cسلام\u200C"_s << u"سلام"_s;
    QTest::addRow("Arabic yeh and kaf") << u"علي كريمي"_s << u"علی-کریمی"_s;
    QTest::addRow("Persian digits") << u"گزارش ۱۴۰۳"_s << u"گزارش-1403"_s;
    QTest::addRow("Arabic-Indic digits") << u"سال ١٤٠٣"_s << u"سال-1403"_s;
    QTest::addRow("harakat") << u"مُحَمَّد"_s << u"محمد"_s;
    QTest::addRow("tatweel") << u"ســـلام"_s << u"سلام"_s;
    QTest::addRow("bidi controls") << u"\u202Bسلام\u202C \u200Fدنیا"_s << u"سلام-دنیا"_s;
    QTest::addRow("Persian punctuation") << u"سلام، دنیا؟ «خبر»"_s << u"سلام-دنیا-خبر"_s;
    QTest::addRow("mixed with Latin")
        << u"انتشار Qt WebEngine 6.4 (نسخه نهایی)"_s << u"انتشار-qt-webengine-6-4-نسخه-نهایی"_s;
    QTest::addRow("Latin accents") << u"Café Résumé"_s << u"cafe-resume"_s;
    QTest::addRow("apostrophe dropped") << u"Don't stop"_s << u"dont-stop"_s;
    QTest::addRow("runs of separators") << u"a -- b  //  c"_s << u"a-b-c"_s;
    QTest::addRow("presentation forms") << u"\uFEDB\uFE98\uFE8E\uFE8F"_s << u"کتاب"_s;
    QTest::addRow("other scripts dropped") << u"Москва news"_s << u"news"_s;
    QTest::addRow("emoji separates") << u"سلام\U0001F600دنیا"_s << u"سلام-دنیا"_s;
}

void TestSlug::slugs()
{
    QFETCH(QString, title);
    QFETCH(QString, expected);
    QCOMPARE(slugify(title, unlimited), expected);
}

void TestSlug::seedTitle()
{
    const QString full = slugify(::seedTitle, unlimited);
    QCOMPARE(full, ::seedTitle.split(u' ').join(u'-'));

    // Persian letters take six bytes each once encoded, so the default limit cuts it.
    const QString cut = slugify(::seedTitle);
    QVERIFY(encodedLength(full) > 190);
    QVERIFY(encodedLength(cut) <= 190);
    QVERIFY(!cut.isEmpty());
    QVERIFY(full.startsWith(cut));
    QCOMPARE(full.at(cut.size()), u'-');
}

void TestSlug::propertiesOfRandomTitles()
{
    QRandomGenerator random(1403);
    for (int i = 0; i < 3000; ++i) {
        const QString title = randomTitle(random);
        const int limit = random.bounded(20, 400);
        const QString slug = slugify(title, limit);
        const QString full = slugify(title, unlimited);
        const QByteArray context = (title + u" → "_s + slug).toUtf8();

        QVERIFY2(!slug.contains(QChar(0x200C)), context.constData());
        QVERIFY2(std::all_of(slug.begin(), slug.end(), isAllowedSlugChar), context.constData());
        QVERIFY2(!slug.startsWith(u'-') && !slug.endsWith(u'-'), context.constData());
        QVERIFY2(!slug.contains(u"--"_s), context.constData());
        QVERIFY2(
            !slug.contains(QChar(0x064A)) && !slug.contains(QChar(0x0643)), context.constData());
        QVERIFY2(encodedLength(slug) <= limit, context.constData());
        QVERIFY2(full.startsWith(slug), context.constData());
        QCOMPARE(slugify(slug, unlimited), slug);
    }
}

void TestSlug::cutAtWordBoundary_data()
{
    QTest::addColumn<int>("limit");
    // From 40 up: the first word, دبیرکل, is 36 bytes encoded and always fits.
    for (int limit : {40, 60, 100, 150, 190, 200, 500})
        QTest::addRow("%d bytes", limit) << limit;
}

void TestSlug::cutAtWordBoundary()
{
    QFETCH(int, limit);
    const QString title = QStringList(8, ::seedTitle).join(u" Daftar ۱۴۰۳ "_s);
    const QString full = slugify(title, unlimited);
    const QString cut = slugify(title, limit);

    QVERIFY(encodedLength(cut) <= limit);
    QVERIFY(full.startsWith(cut));
    QVERIFY(cut.isEmpty() || cut.size() == full.size() || full.at(cut.size()) == u'-');
    if (cut.size() < full.size()) {
        // The longest whole-word prefix: one more word would not fit.
        const qsizetype nextEnd = full.indexOf(u'-', cut.size() + 1);
        const QString longer = nextEnd < 0 ? full : full.first(nextEnd);
        QVERIFY(encodedLength(longer) > limit);
    }
}

void TestSlug::longSingleWordIsCutInside()
{
    const QString word = QString(100, QChar(0x0628));
    const QString slug = slugify(word, 60);
    QCOMPARE(slug, QString(10, QChar(0x0628)));
    QCOMPARE(encodedLength(slug), 60);
    QVERIFY(slugify(u"abc"_s, 0).isEmpty());
}

QTEST_GUILESS_MAIN(TestSlug)
#include "TestSlug.moc"
