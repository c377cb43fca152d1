#include "newsroom/TextStats.h"
#include "newsroom/WordDiff.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar::newsroom;

using Op = DiffSegment::Op;

namespace {

QString side(const QList<DiffSegment> &segments, Op changed)
{
    QString text;
    for (const DiffSegment &segment : segments) {
        if (segment.op == Op::Equal || segment.op == changed)
            text += segment.text;
    }
    return text;
}

QStringList wordsOf(const QList<DiffSegment> &segments, Op op)
{
    QStringList words;
    for (const DiffSegment &segment : segments) {
        if (segment.op == op)
            words += segment.text.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
    }
    return words;
}

void verifyShape(const QList<DiffSegment> &segments)
{
    for (qsizetype i = 0; i < segments.size(); ++i) {
        QVERIFY(!segments.at(i).text.isEmpty());
        if (i > 0)
            QVERIFY(segments.at(i).op != segments.at(i - 1).op);
    }
}

QList<DiffSegment> segments(std::initializer_list<std::pair<Op, QString>> list)
{
    QList<DiffSegment> out;
    for (const auto &[op, text] : list)
        out.append({op, text});
    return out;
}

} // namespace

namespace daftar::newsroom {
bool operator==(const DiffSegment &a, const DiffSegment &b)
{
    return a.op == b.op && a.text == b.text;
}
} // namespace daftar::newsroom

namespace QTest {
template<>
char *toString(const DiffSegment &segment)
{
    const char *op = segment.op == Op::Equal ? "=" : segment.op == Op::Removed ? "-" : "+";
    return qstrdup((QByteArray(op) + segment.text.toUtf8()).constData());
}
} // namespace QTest

class TestWordDiff : public QObject
{
    Q_OBJECT

private slots:
    void concatenation_data();
    void concatenation();
    void replaceInsertRemove();
    void zwnjStaysInsideAWord();
    void punctuationIsItsOwnToken();
    void longBodyWithScatteredEdits();
    void html();
    void stats_data();
    void stats();
    void readingTime();
};

void TestWordDiff::concatenation_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");

    QTest::addRow("identical") << u"یک دو سه"_s << u"یک دو سه"_s;
    QTest::addRow("both empty") << QString() << QString();
    QTest::addRow("from nothing") << QString() << u"متن تازه"_s;
    QTest::addRow("to nothing") << u"متن کهنه"_s << QString();
    QTest::addRow("word inserted") << u"یک دو سه"_s << u"یک دو چهار سه"_s;
    QTest::addRow("word removed") << u"یک دو سه"_s << u"یک سه"_s;
    QTest::addRow("word replaced") << u"یک دو سه"_s << u"یک پنج سه"_s;
    QTest::addRow("spacing changed") << u"یک  دو"_s << u"یک دو"_s;
    QTest::addRow("paragraphs") << u"بند یک\nبند دو\nبند سه"_s << u"بند یک\nبند سه\nبند چهار"_s;
    QTest::addRow("mixed scripts") << u"نسخه Qt 6.4 آمد."_s << u"نسخه Qt 6.5 آمد!"_s;
    QTest::addRow("everything different") << u"الف ب پ"_s << u"x y z w"_s;
    QTest::addRow("repeated words") << u"a a a b a a"_s << u"a b a a a a b"_s;
}

void TestWordDiff::concatenation()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    const QList<DiffSegment> diff = wordDiff(before, after);
    QCOMPARE(side(diff, Op::Removed), before);
    QCOMPARE(side(diff, Op::Inserted), after);
    verifyShape(diff);
    if (before == after)
        QVERIFY(diff.size() <= 1);
}

void TestWordDiff::replaceInsertRemove()
{
    QCOMPARE(wordDiff(u"یک دو سه"_s, u"یک پنج سه"_s),
        segments({{Op::Equal, u"یک "_s}, {Op::Removed, u"دو"_s}, {Op::Inserted, u"پنج"_s},
            {Op::Equal, u" سه"_s}}));
    const QList<DiffSegment> inserted = wordDiff(u"یک دو"_s, u"یک سه دو"_s);
    QCOMPARE(wordsOf(inserted, Op::Inserted), QStringList {u"سه"_s});
    QVERIFY(wordsOf(inserted, Op::Removed).isEmpty());
    const QList<DiffSegment> removed = wordDiff(u"یک دو سه"_s, u"یک سه"_s);
    QCOMPARE(wordsOf(removed, Op::Removed), QStringList {u"دو"_s});
    QVERIFY(wordsOf(removed, Op::Inserted).isEmpty());
    // Two neighbouring words replaced read as one change, not interleaved.
    QCOMPARE(wordDiff(u"الف ب پ ت"_s, u"الف ج چ ت"_s),
        segments({{Op::Equal, u"الف "_s}, {Op::Removed, u"ب پ"_s}, {Op::Inserted, u"ج چ"_s},
            {Op::Equal, u" ت"_s}}));
    QCOMPARE(wordDiff(QString(), QString()), QList<DiffSegment>());
}

void TestWordDiff::zwnjStaysInsideAWord()
{
    QCOMPARE(wordDiff(u"این کار می‌شود"_s, u"این کار نمی‌شود"_s),
        segments({{Op::Equal, u"این کار "_s}, {Op::Removed, u"می‌شود"_s},
            {Op::Inserted, u"نمی‌شود"_s}}));
    QCOMPARE(wordDiff(u"کتاب‌ها"_s, u"کتاب ها"_s),
        segments({{Op::Removed, u"کتاب‌ها"_s}, {Op::Inserted, u"کتاب ها"_s}}));
}

void TestWordDiff::punctuationIsItsOwnToken()
{
    QCOMPARE(wordDiff(u"سلام، دنیا"_s, u"سلام دنیا"_s),
        segments({{Op::Equal, u"سلام"_s}, {Op::Removed, u"،"_s}, {Op::Equal, u" دنیا"_s}}));
    QCOMPARE(wordDiff(u"خبر (مهم)"_s, u"خبر (فوری)"_s),
        segments({{Op::Equal, u"خبر ("_s}, {Op::Removed, u"مهم"_s}, {Op::Inserted, u"فوری"_s},
            {Op::Equal, u")"_s}}));
}

void TestWordDiff::longBodyWithScatteredEdits()
{
    static const QStringList vocabulary
        = {u"تعاون"_s, u"خانه"_s, u"برنامه"_s, u"توسعه"_s, u"می‌شود"_s, u"اتاق"_s,
            u"وزارت"_s, u"سند"_s, u"۱۳۹۸"_s, u"Qt"_s, u"،"_s, u"و"_s, u"در"_s, u"به"_s, u"از"_s,
            u"دولت"_s, u"بخش"_s, u"اقدام"_s, u"کوتاه‌مدت"_s, u"اجرا"_s};
    QRandomGenerator random(3000);
    QStringList words;
    for (int i = 0; i < 3000; ++i)
        words.append(vocabulary.at(random.bounded(vocabulary.size())));
    QStringList changed = words;
    int edits = 0;
    for (int i = 0; i < 50; ++i) {
        const int at = random.bounded(changed.size());
        switch (random.bounded(3)) {
        case 0:
            changed[at] = u"تازه"_s + QString::number(i);
            break;
        case 1:
            changed.insert(at, u"افزوده"_s + QString::number(i));
            break;
        default:
            changed.removeAt(at);
        }
        ++edits;
    }
    const QString before = words.join(u' ');
    const QString after = changed.join(u' ');
    const QList<DiffSegment> diff = wordDiff(before, after);
    QCOMPARE(side(diff, Op::Removed), before);
    QCOMPARE(side(diff, Op::Inserted), after);
    verifyShape(diff);
    // A minimal diff touches no more words than the edits did.
    QVERIFY(wordsOf(diff, Op::Removed).size() <= edits);
    QVERIFY(wordsOf(diff, Op::Inserted).size() <= edits);
    QVERIFY(wordsOf(diff, Op::Inserted).size() >= 1);
}

void TestWordDiff::html()
{
    QCOMPARE(diffAsHtml(wordDiff(u"یک <دو> & سه\nچهار"_s, u"یک پنج & سه\nچهار"_s)),
        u"<p dir=\"auto\">یک <del>&lt;دو&gt;</del><ins>پنج</ins> &amp; سه</p>\n<p dir=\"auto\">چهار</p>"_s);
    QCOMPARE(diffAsHtml(wordDiff(u"بند"_s, u"بند\nتازه"_s)),
        u"<p dir=\"auto\">بند<ins>¶</ins></p>\n<p dir=\"auto\"><ins>تازه</ins></p>"_s);
    QCOMPARE(diffAsHtml({}), QString());
}

void TestWordDiff::stats_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("words");
    QTest::addColumn<int>("characters");
    QTest::addColumn<int>("charactersWithSpaces");

    QTest::addRow("empty") << QString() << 0 << 0 << 0;
    QTest::addRow("two words") << u"سلام دنیا"_s << 2 << 8 << 9;
    QTest::addRow("ZWNJ joins") << u"می‌شود"_s << 1 << 5 << 5;
    QTest::addRow("punctuation alone") << u"سلام ، دنیا !"_s << 2 << 10 << 13;
    QTest::addRow("isolates are invisible") << u"\u2068Qt 6.4\u2069"_s << 2 << 5 << 6;
    QTest::addRow("line breaks are not spaces") << u"یک\nدو\n"_s << 2 << 4 << 4;
    QTest::addRow("no-break space separates") << u"۱۰\u00a0درصد"_s << 2 << 6 << 7;
    QTest::addRow("characters beyond the BMP") << u"خوب 👍"_s << 1 << 4 << 5;
}

void TestWordDiff::stats()
{
    QFETCH(QString, text);
    QFETCH(int, words);
    QFETCH(int, characters);
    QFETCH(int, charactersWithSpaces);
    const TextStats stats = measureText(text);
    QCOMPARE(stats.words, words);
    QCOMPARE(stats.characters, characters);
    QCOMPARE(stats.charactersWithSpaces, charactersWithSpaces);
    QCOMPARE(stats.readingMinutes, text.isEmpty() ? 0 : 1);
}

void TestWordDiff::readingTime()
{
    auto minutesFor = [](int count) {
        QStringList words;
        for (int i = 0; i < count; ++i)
            words.append(u"کلمه"_s);
        return measureText(words.join(u' ')).readingMinutes;
    };
    QCOMPARE(minutesFor(1), 1);
    QCOMPARE(minutesFor(200), 1);
    QCOMPARE(minutesFor(201), 2);
    QCOMPARE(minutesFor(1000), 5);
    QCOMPARE(measureText(u"!!"_s).readingMinutes, 1);
    QCOMPARE(measureText(u"  \n "_s).readingMinutes, 0);
}

QTEST_GUILESS_MAIN(TestWordDiff)
#include "TestWordDiff.moc"
