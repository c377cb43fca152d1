// The editor's spelling underline and context menu, on a real QTextEdit.
#include "newsroom/SpellHighlighter.h"
#include "newsroom/SpellMenu.h"

#include <QAction>
#include <QMenu>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextEdit>
#include <QTextLayout>

using namespace Qt::StringLiterals;
using daftar::spelling::SpellChecker;
using daftar::ui::SpellHighlighter;
using daftar::ui::SpellMenu;

namespace {

struct Underline
{
    int position;
    int length;
    bool operator==(const Underline &) const = default;
};

// What the user sees underlined: the spelling formats of every block's layout,
// as positions in the document.
QList<Underline> underlines(const QTextDocument &document)
{
    QList<Underline> found;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
            if (range.format.underlineStyle() == QTextCharFormat::SpellCheckUnderline) {
                if (range.format.underlineColor() != QColor(Qt::red)) {
                    return {};
                }
                found << Underline {block.position() + range.start, range.length};
            }
        }
    }
    return found;
}

int positionOf(const QTextEdit &editor, const QString &word, int from = 0)
{
    return int(editor.document()->toPlainText().indexOf(word, from));
}

QStringList actionNames(const QMenu &menu)
{
    QStringList names;
    for (const QAction *action : menu.actions()) {
        names << (action->isSeparator() ? u"-"_s : action->objectName());
    }
    return names;
}

} // namespace

class TestSpellHighlighter : public QObject
{
    Q_OBJECT

    std::unique_ptr<SpellChecker> m_checker;

private slots:
    void initTestCase()
    {
        m_checker = std::make_unique<SpellChecker>();
        QVERIFY2(m_checker->hasPersian() && m_checker->hasEnglish(),
            qPrintable(m_checker->missingDictionariesMessage()));
    }

    void misspeltWordIsUnderlinedWhileTyping()
    {
        QTextEdit editor;
        editor.setLayoutDirection(Qt::RightToLeft);
        SpellHighlighter highlighter(editor.document(), *m_checker);
        editor.setPlainText(u"این جلسه برای توسع بخش تعاونی بود.\nپاراگراف دوم درست است."_s);
        const int towse = positionOf(editor, u"توسع"_s);
        QCOMPARE(underlines(*editor.document()), QList<Underline>({{towse, 4}}));

        // Typing the missing letter takes the underline away.
        QTextCursor cursor(editor.document());
        cursor.setPosition(towse + 4);
        cursor.insertText(u"ه"_s);
        QCOMPARE(underlines(*editor.document()), QList<Underline>());
        // And a new slip in the second paragraph is underlined there.
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(u" ایحاد"_s);
        QCOMPARE(underlines(*editor.document()),
            QList<Underline>({{positionOf(editor, u"ایحاد"_s), 5}}));
    }

    void codeAndLinksAreNotUnderlined()
    {
        QTextEdit editor;
        SpellHighlighter highlighter(editor.document(), *m_checker);
        editor.setHtml(
            u"<p>recieve <code>recieve</code> <a href=\"https://example.org\">recieve</a> "
            "recieve</p><pre>recieve tomorow</pre>"_s);
        const int last = positionOf(editor, u"recieve"_s, 17);
        QCOMPARE(underlines(*editor.document()), QList<Underline>({{0, 7}, {last, 7}}));
    }

    void switchedOffNothingIsUnderlined()
    {
        QTextEdit editor;
        SpellHighlighter highlighter(editor.document(), *m_checker);
        editor.setPlainText(u"They will recieve it."_s);
        QCOMPARE(underlines(*editor.document()).size(), 1);
        highlighter.setEnabled(false);
        QVERIFY(!highlighter.isEnabled());
        QCOMPARE(underlines(*editor.document()), QList<Underline>());
        QMenu menu;
        QVERIFY(!SpellMenu::addActions(menu, editor, 12, highlighter, {}));
        QVERIFY(menu.actions().isEmpty());
        highlighter.setEnabled(true);
        QCOMPARE(underlines(*editor.document()).size(), 1);
    }

    void correctionReplacesTheWordInOneUndoStep_data()
    {
        QTest::addColumn<Qt::LayoutDirection>("direction");
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("correction");
        QTest::newRow("English, left to right")
            << Qt::LeftToRight << u"<p>They will <b>recieve</b> it.</p>"_s << u"recieve"_s
            << u"receive"_s;
        QTest::newRow("Persian, right to left")
            << Qt::RightToLeft << u"<p dir=\"rtl\">امیدی <b>ایحاد</b> شد.</p>"_s << u"ایحاد"_s
            << u"ایجاد"_s;
    }
    void correctionReplacesTheWordInOneUndoStep()
    {
        QFETCH(Qt::LayoutDirection, direction);
        QFETCH(QString, html);
        QFETCH(QString, word);
        QFETCH(QString, correction);
        QTextEdit editor;
        editor.setLayoutDirection(direction);
        SpellHighlighter highlighter(editor.document(), *m_checker);
        editor.setHtml(html);
        const QString original = editor.toPlainText();
        const int start = positionOf(editor, word);

        QMenu menu;
        menu.addAction(u"Copy"_s)->setObjectName(u"copy"_s);
        QVERIFY(SpellMenu::addActions(menu, editor, start + 2, highlighter, {}));
        // Corrections on top, the editor's own actions below.
        const QStringList names = actionNames(menu);
        QCOMPARE(names.first(), u"spellSuggestion0"_s);
        QCOMPARE(names.mid(names.size() - 3), QStringList({u"spellIgnore"_s, u"-"_s, u"copy"_s}));
        QVERIFY(!names.contains(u"spellAddToDictionary"_s));
        QVERIFY(names.size() <= 7 + 3);

        QAction *fix = menu.findChild<QAction *>(u"spellSuggestion0"_s);
        QCOMPARE(fix->text(), correction);
        fix->trigger();
        QString corrected = original;
        corrected.replace(word, correction);
        QCOMPARE(editor.toPlainText(), corrected);
        QCOMPARE(underlines(*editor.document()), QList<Underline>());
        // The corrected word keeps the bold of the word it replaced.
        QTextCursor inside(editor.document());
        inside.setPosition(start + 1);
        QCOMPARE(inside.charFormat().fontWeight(), int(QFont::Bold));
        inside.setPosition(start + int(correction.size()));
        QCOMPARE(inside.charFormat().fontWeight(), int(QFont::Bold));

        editor.undo();
        QCOMPARE(editor.toPlainText(), original);
        QCOMPARE(underlines(*editor.document()), QList<Underline>({{start, int(word.size())}}));
    }

    void clickJustAfterTheWordCounts()
    {
        QTextEdit editor;
        SpellHighlighter highlighter(editor.document(), *m_checker);
        editor.setPlainText(u"They will recieve it."_s);
        QMenu menu;
        QVERIFY(SpellMenu::addActions(menu, editor, 10 + 7, highlighter, {}));
        QMenu onCorrectWord;
        QVERIFY(!SpellMenu::addActions(onCorrectWord, editor, 2, highlighter, {}));
        QVERIFY(onCorrectWord.actions().isEmpty());
    }

    void addToDictionaryRemovesTheUnderlineEverywhere()
    {
        SpellChecker checker;
        QTextEdit editor;
        editor.setLayoutDirection(Qt::RightToLeft);
        SpellHighlighter highlighter(editor.document(), checker);
        editor.setPlainText(u"دبیرکل خانه تعاونگران گفت.\nتعاونگران و recieve"_s);
        QCOMPARE(underlines(*editor.document()).size(), 3);

        QStringList kept;
        QMenu menu;
        QVERIFY(SpellMenu::addActions(menu, editor, positionOf(editor, u"تعاونگران"_s) + 1,
            highlighter, [&](const QString &word) { kept << word; }));
        QAction *add = menu.findChild<QAction *>(u"spellAddToDictionary"_s);
        QVERIFY(add);
        QVERIFY(add->text().contains(u"تعاونگران"_s));
        add->trigger();
        QCOMPARE(kept, QStringList({u"تعاونگران"_s}));
        QCOMPARE(underlines(*editor.document()),
            QList<Underline>({{positionOf(editor, u"recieve"_s), 7}}));
    }

    void ignoreRemovesTheUnderline()
    {
        SpellChecker checker;
        QTextEdit editor;
        SpellHighlighter highlighter(editor.document(), checker);
        editor.setPlainText(u"Daftar keeps the news. Daftar prints it."_s);
        QCOMPARE(underlines(*editor.document()).size(), 2);
        QMenu menu;
        QVERIFY(SpellMenu::addActions(menu, editor, 3, highlighter, {}));
        menu.findChild<QAction *>(u"spellIgnore"_s)->trigger();
        QCOMPARE(underlines(*editor.document()), QList<Underline>());
        // Only for this checker: another editor session still underlines it.
        QVERIFY(!m_checker->isCorrect(u"Daftar"_s));
    }
};

QTEST_MAIN(TestSpellHighlighter)
#include "TestSpellHighlighter.moc"
