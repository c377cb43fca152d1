// Spell checking of Persian and English article text with the system's hunspell
// dictionaries (myspell-fa, hunspell-en-us), and without any dictionary at all.
#include "spelling/SpellChecker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;
using daftar::spelling::SpellChecker;

namespace {

QString seedArticle()
{
    QFile file(qEnvironmentVariable("DAFTAR_TEST_DATA")
        + u"/newsroom/cooperative-house-news-1398-09-03.txt"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QString text = QString::fromUtf8(file.readAll());
    // The last line ends with the site's navigation links, glued to the article.
    return text.left(text.indexOf(u"صفحه اصلی"_s));
}

// The words of the seed article, as a reader counts them (two letters or more).
QStringList seedWords()
{
    QStringList words;
    const QRegularExpression word(u"[\\p{L}\\p{M}\u200C]+"_s);
    for (auto it = word.globalMatch(seedArticle()); it.hasNext();) {
        const QString found = it.next().captured();
        if (found.size() > 1) {
            words << found;
        }
    }
    return words;
}

// The misspelt words of `text` in order, joined by "|" (QCOMPARE then shows them).
QString misspelt(const SpellChecker &checker, const QString &text)
{
    QStringList words;
    for (const SpellChecker::Range &range : checker.misspelledWords(text)) {
        words << text.mid(range.start, range.length);
    }
    return words.join(u'|');
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class TestSpellChecker : public QObject
{
    Q_OBJECT

    std::unique_ptr<SpellChecker> m_checker;

private slots:
    void initTestCase()
    {
        m_checker = std::make_unique<SpellChecker>();
        QVERIFY2(m_checker->hasPersian(), qPrintable(m_checker->missingDictionariesMessage()));
        QVERIFY2(m_checker->hasEnglish(), qPrintable(m_checker->missingDictionariesMessage()));
        QVERIFY(m_checker->missingDictionariesMessage().isEmpty());
    }

    void persianMisspellingIsFound()
    {
        // Two slips from the seed article: ح for ج, and a missing final ه.
        const QString sentence = u"امیدی در میان فعالان اقتصادی ایحاد شد و برای توسع بخش تعاونی"_s;
        QCOMPARE(misspelt(*m_checker, sentence), u"ایحاد|توسع"_s);
        const QList<SpellChecker::Range> ranges = m_checker->misspelledWords(sentence);
        QCOMPARE(ranges.first().start, int(sentence.indexOf(u"ایحاد"_s)));
        QCOMPARE(ranges.first().length, 5);
    }

    void persianCorrections_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("correction");
        QTest::newRow("keys next to each other") << u"ایحاد"_s << u"ایجاد"_s;
        QTest::newRow("last letter missing") << u"توسع"_s << u"توسعه"_s;
        QTest::newRow("letters that sound alike") << u"حظور"_s << u"حضور"_s;
        QTest::newRow("letter missing inside") << u"اقتصدی"_s << u"اقتصادی"_s;
        QTest::newRow("letter doubled") << u"شوراههای"_s << u"شوراهای"_s;
        QTest::newRow("ZWNJ missing") << u"تعاونگران"_s << u"تعاون\u200Cگران"_s;
        QTest::newRow("ZWNJ missing in a compound") << u"کوتاهمدت"_s << u"کوتاه\u200Cمدت"_s;
        QTest::newRow("written with Arabic yeh") << u"اجتماعيي"_s << u"اجتماعی"_s;
    }
    void persianCorrections()
    {
        QFETCH(QString, word);
        QFETCH(QString, correction);
        QVERIFY(!m_checker->isCorrect(word));
        QVERIFY(m_checker->isCorrect(correction));
        QElapsedTimer timer;
        timer.start();
        const QStringList suggestions = m_checker->suggestions(word);
        // Quick enough for a context menu.
        QVERIFY2(timer.elapsed() < 200, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(suggestions.size() <= 7);
        QVERIFY2(suggestions.mid(0, 3).contains(correction), qPrintable(suggestions.join(u" / ")));
        QCOMPARE(m_checker->suggestions(word, 1).size(), 1);
    }

    void seedArticleIsMostlyClean()
    {
        const QString article = seedArticle();
        QVERIFY(article.size() > 2000);
        const QStringList words = seedWords();
        QVERIFY(words.size() > 350);
        int flagged = 0;
        for (const QString &paragraph : article.split(u'\n')) {
            flagged += int(m_checker->misspelledWords(paragraph).size());
        }
        const double accepted = 1.0 - double(flagged) / double(words.size());
        qInfo("%d of %d words of the seed article accepted (%.1f%%)", int(words.size()) - flagged,
            int(words.size()), accepted * 100);
        // Measured 96.5%: the rest are the federation's own words («تعاونگران»), joined
        // plurals the dictionary lacks and the article's real typos.
        QVERIFY2(accepted > 0.94, qPrintable(QString::number(accepted)));
        // Its real typos are among the flagged words.
        const QStringList flaggedWords = misspelt(*m_checker, article).split(u'|');

        QVERIFY(flaggedWords.contains(u"ایحاد"_s));
        QVERIFY(flaggedWords.contains(u"توسع"_s));
    }

    void correctPersianSentenceIsClean()
    {
        // From the seed article, with its Arabic yeh and kaf («انديشي», «،كار»).
        const QString sentence
            = u"جلسه هم انديشي تعاونگران با وزير تعاون ،كار و رفاه اجتماعي ۳ آذر ۱۳۹۸"_s;
        QCOMPARE(misspelt(*m_checker, sentence), u"تعاونگران"_s);
        QVERIFY(m_checker->isCorrect(
            u"سند توسعه بخش تعاون با تاخیر ۸ ساله تهیه و در سال ۹۲ ابلاغ شد"_s));
    }

    void persianSpellingVariantsAreAccepted()
    {
        // Harakat, the ezafe hamza and ۀ are pronunciation marks, not spelling.
        QVERIFY(m_checker->isCorrect(u"کِتاب"_s));
        QVERIFY(m_checker->isCorrect(u"خانهٔ"_s));
        QVERIFY(m_checker->isCorrect(u"خانۀ"_s));
        QVERIFY(m_checker->isCorrect(u"ايران"_s));
        QVERIFY(m_checker->isCorrect(u"كتاب"_s));
        QVERIFY(m_checker->isCorrect(u"تعـاون"_s)); // tatweel
        // Today's ئ spelling, which the dictionary writes with ؤ or ی.
        QVERIFY(m_checker->isCorrect(u"مسئول"_s));
        QVERIFY(m_checker->isCorrect(u"پائیز"_s));
    }

    void zwnjWords_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("correct");
        QTest::newRow("known with ZWNJ") << u"می\u200Cشود"_s << true;
        QTest::newRow("known joined") << u"میشود"_s << true;
        QTest::newRow("plural only known joined") << u"کتاب\u200Cها"_s << true;
        QTest::newRow("plural only known with ZWNJ") << u"سیاست\u200Cها"_s << true;
        QTest::newRow("ending ای") << u"خانه\u200Cای"_s << true;
        QTest::newRow("prefix and ending") << u"می\u200Cشود\u200Cها"_s << true;
        QTest::newRow("misspelt stem") << u"کتبتب\u200Cها"_s << false;
        QTest::newRow("endings alone") << u"ها\u200Cها"_s << false;
    }
    void zwnjWords()
    {
        QFETCH(QString, word);
        QFETCH(bool, correct);
        QCOMPARE(m_checker->isCorrect(word), correct);
        if (!correct) {
            // The whole word is underlined, not one part of it.
            const QString sentence = u"این "_s + word + u" است"_s;
            const QList<SpellChecker::Range> ranges = m_checker->misspelledWords(sentence);
            QCOMPARE(ranges.size(), 1);
            QCOMPARE(ranges.first().start, 4);
            QCOMPARE(ranges.first().length, int(word.size()));
        }
    }

    void englishWordsAreCheckedWithEnglish()
    {
        QVERIFY(m_checker->isCorrect(u"The cooperative's members don't receive the report."_s));
        QCOMPARE(misspelt(*m_checker, u"They will recieve it tomorow."_s), u"recieve|tomorow"_s);
        const QStringList suggestions = m_checker->suggestions(u"recieve"_s);
        QVERIFY2(suggestions.contains(u"receive"_s), qPrintable(suggestions.join(u' ')));
        QVERIFY(!suggestions.contains(u"recieve"_s));
        // English inside a Persian sentence, and a Persian ending glued to an English word.
        QCOMPARE(misspelt(*m_checker,
                     u"نسخه جدید browser و documment‌ها منتشر شد"_s),
            u"documment"_s);
    }

    void nonWordsAreIgnored_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("url") << u"متن https://example.org/xqzvt?a=wrngg پایان"_s;
        QTest::newRow("www") << u"see www.tahvonxq.ir/news"_s;
        QTest::newRow("domain") << u"(tahvonxq.ir)"_s;
        QTest::newRow("e-mail") << u"به xqzvt@tahvonxq.ir بنویسید."_s;
        QTest::newRow("numbers") << u"۳ آذر ۱۳۹۸ و 1398 و ۱۲٬۵۰۰"_s;
        QTest::newRow("words with digits") << u"MP3 abc123 ۴ام x86_64"_s;
        QTest::newRow("acronyms") << u"IRNA NATO XQZV"_s;
        QTest::newRow("single letters") << u"x q ب"_s;
        QTest::newRow("inner capitals") << u"iPhone WebEngine"_s;
        QTest::newRow("hashtag") << u"#تعاونگرانن @xqzvt"_s;
        QTest::newRow("other scripts") << u"Москва Ελλάδα"_s;
    }
    void nonWordsAreIgnored()
    {
        QFETCH(QString, text);
        QCOMPARE(misspelt(*m_checker, text), QString());
    }

    void addedWordsAreAccepted()
    {
        SpellChecker checker;
        QVERIFY(!checker.isCorrect(u"تعاونگران"_s));
        QVERIFY(!checker.isCorrect(u"Daftar"_s));
        checker.addWords({u"تعاونگران"_s, u" Daftar "_s});
        QVERIFY(checker.isCorrect(u"تعاونگران"_s));
        QVERIFY(checker.isCorrect(u"تعاونگران با Daftar کار می\u200Cکنند"_s));
        // The Arabic-yeh spelling of an added word is the same word.
        checker.addWords({u"انديشگاه"_s});
        QVERIFY(checker.isCorrect(u"اندیشگاه"_s));
        // An added word is offered as a correction of itself misspelt.
        const QStringList suggestions = checker.suggestions(u"تعاونگرن"_s);
        QVERIFY2(suggestions.contains(u"تعاونگران"_s), qPrintable(suggestions.join(u' ')));
        // Only this checker learnt them.
        QVERIFY(!m_checker->isCorrect(u"تعاونگران"_s));
    }

    void withoutDictionariesEverythingIsCorrect()
    {
        QTemporaryDir empty;
        SpellChecker checker({empty.path()});
        QVERIFY(!checker.hasPersian());
        QVERIFY(!checker.hasEnglish());
        QVERIFY(checker.isCorrect(u"ایحاد recieve"_s));
        QVERIFY(checker.misspelledWords(u"ایحاد recieve"_s).isEmpty());
        QVERIFY(checker.suggestions(u"ایحاد"_s).isEmpty());
        checker.addWords({u"تعاونگران"_s});
        const QString message = checker.missingDictionariesMessage();
        QVERIFY(message.contains(u"myspell-fa"_s));
        QVERIFY(message.contains(u"hunspell-en-us"_s));
        QVERIFY(message.contains(empty.path()));
    }

    void missingPersianDictionaryIsNamed()
    {
        QTemporaryDir folder;
        QVERIFY(QFile::link(u"/usr/share/hunspell/en_US.aff"_s, folder.filePath(u"en_US.aff"_s)));
        QVERIFY(QFile::link(u"/usr/share/hunspell/en_US.dic"_s, folder.filePath(u"en_US.dic"_s)));
        SpellChecker checker({folder.path()});
        QVERIFY(!checker.hasPersian());
        QVERIFY(checker.hasEnglish());
        QVERIFY(checker.isCorrect(u"ایحاد"_s));
        QVERIFY(!checker.isCorrect(u"recieve"_s));
        QVERIFY(checker.missingDictionariesMessage().contains(u"myspell-fa"_s));
        QVERIFY(!checker.missingDictionariesMessage().contains(u"hunspell-en-us"_s));
    }

    void dictionaryPathFromTheEnvironmentComesFirst()
    {
        QTemporaryDir folder;
        writeFile(folder.filePath(u"en_US.aff"_s), "SET UTF-8\n");
        writeFile(folder.filePath(u"en_US.dic"_s), "1\ndaftarkhaneh\n");
        qputenv("DAFTAR_DICTIONARY_PATH", QFile::encodeName(folder.path()));
        const QStringList folders = SpellChecker::standardSearchPaths();
        SpellChecker checker;
        qunsetenv("DAFTAR_DICTIONARY_PATH");
        QCOMPARE(folders.first(), folder.path());
        // Windows installs keep the dictionaries next to the program.
        QVERIFY(folders.contains(QCoreApplication::applicationDirPath() + u"/dictionaries"_s));
        QVERIFY(checker.isCorrect(u"daftarkhaneh"_s));
        QVERIFY(!checker.isCorrect(u"receive"_s));
        // The Persian dictionary still comes from the system.
        QVERIFY(checker.hasPersian());
    }

    void latin1DictionaryIsRead()
    {
        // Older English dictionaries are in ISO-8859-1, not UTF-8.
        QTemporaryDir folder;
        writeFile(folder.filePath(u"en_GB.aff"_s), "SET ISO8859-1\nTRY aeiouc\n");
        writeFile(
            folder.filePath(u"en_GB.dic"_s), QByteArray("3\ncaf\xe9\nna\xefve\ncolour\n", 19));
        SpellChecker checker({folder.path()});
        QVERIFY(checker.hasEnglish());
        QVERIFY(checker.isCorrect(u"café naïve colour"_s));
        QCOMPARE(misspelt(checker, u"a naive color"_s), u"naive|color"_s);
        QVERIFY(checker.suggestions(u"naive"_s).contains(u"naïve"_s));
    }

    void longArticleIsFast()
    {
        // About 3,000 words, most of them never looked up before: the seed article
        // eight times, each copy with its own letter added to every word.
        const QStringList words = seedWords();
        const QString letters = u"ابپتثجچح"_s;
        QStringList paragraphs;
        for (int copy = 0; copy < letters.size(); ++copy) {
            QStringList paragraph;
            for (const QString &word : words) {
                paragraph << (copy == 0 ? word : word + letters.at(copy));
                if (paragraph.size() == 80) {
                    paragraphs << paragraph.join(u' ');
                    paragraph.clear();
                }
            }
            paragraphs << paragraph.join(u' ');
        }
        QVERIFY(words.size() * letters.size() > 3000);
        // The best of three fresh checkers, so that a busy machine does not fail the test.
        qint64 fastest = std::numeric_limits<qint64>::max();
        for (int attempt = 0; attempt < 3; ++attempt) {
            SpellChecker checker;
            QElapsedTimer timer;
            timer.start();
            qsizetype flagged = 0;
            for (const QString &paragraph : std::as_const(paragraphs)) {
                flagged += checker.misspelledWords(paragraph).size();
            }
            fastest = std::min(fastest, timer.elapsed());
            QVERIFY(flagged > 1000);
        }
        qInfo("%d words checked in %lld ms", int(words.size() * letters.size()), fastest);
        QVERIFY2(fastest < 100, qPrintable(QString::number(fastest)));
    }
};

QTEST_GUILESS_MAIN(TestSpellChecker)
#include "TestSpellChecker.moc"
