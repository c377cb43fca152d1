#include "SpellMenu.h"

#include "SpellHighlighter.h"

#include <QAction>
#include <QFont>
#include <QMenu>
#include <QPointer>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextEdit>

using namespace Qt::StringLiterals;

namespace daftar::ui {

bool SpellMenu::addActions(QMenu &menu, QTextEdit &editor, int position,
    SpellHighlighter &highlighter, const std::function<void(const QString &word)> &addWord)
{
    const QTextBlock block = editor.document()->findBlock(position);
    const int inBlock = position - block.position();
    int start = -1;
    int length = 0;
    for (const spelling::SpellChecker::Range &range : highlighter.misspelledWords(block)) {
        // A click on the right half of the last letter puts the position just after it.
        if (range.start <= inBlock && inBlock <= range.start + range.length) {
            start = block.position() + range.start;
            length = range.length;
            break;
        }
    }
    if (start < 0) {
        return false;
    }
    const QString word = block.text().mid(start - block.position(), length);

    QAction *before = menu.actions().value(0);
    const auto insert = [&](QAction *action) {
        menu.insertAction(before, action);
    };
    QPointer<QTextEdit> target(&editor);

    const QStringList suggestions = highlighter.checker().suggestions(word);
    for (qsizetype i = 0; i < suggestions.size(); ++i) {
        const QString suggestion = suggestions.at(i);
        auto *action = new QAction(suggestion, &menu);
        action->setObjectName(u"spellSuggestion%1"_s.arg(i));
        QFont font = action->font();
        font.setBold(true);
        action->setFont(font);
        QObject::connect(
            action, &QAction::triggered, &menu, [target, start, length, word, suggestion] {
                if (!target) {
                    return;
                }
                QTextCursor cursor(target->document());
                cursor.setPosition(start);
                cursor.setPosition(start + length, QTextCursor::KeepAnchor);
                if (cursor.selectedText() != word) {
                    return; // the text changed meanwhile; replacing now would hit another word
                }
                // The format of the word's first letter, not of the one before it.
                QTextCursor first(target->document());
                first.setPosition(start + 1);
                cursor.beginEditBlock();
                cursor.insertText(suggestion, first.charFormat());
                cursor.endEditBlock();
                target->setTextCursor(cursor);
            });
        insert(action);
    }
    if (suggestions.isEmpty()) {
        auto *none = new QAction(tr("No suggestions"), &menu);
        none->setObjectName(u"spellNoSuggestions"_s);
        none->setEnabled(false);
        insert(none);
    }

    QPointer<SpellHighlighter> guardedHighlighter(&highlighter);
    const auto accept = [guardedHighlighter, word] {
        if (guardedHighlighter) {
            guardedHighlighter->checker().addWords({word});
            guardedHighlighter->rehighlight();
        }
    };
    if (addWord) {
        auto *add = new QAction(tr("Add \"%1\" to My Dictionary").arg(word), &menu);
        add->setObjectName(u"spellAddToDictionary"_s);
        QObject::connect(add, &QAction::triggered, &menu, [addWord, accept, word] {
            addWord(word);
            accept();
        });
        insert(add);
    }
    auto *ignore = new QAction(tr("Ignore \"%1\"").arg(word), &menu);
    ignore->setObjectName(u"spellIgnore"_s);
    QObject::connect(ignore, &QAction::triggered, &menu, accept);
    insert(ignore);
    if (before) {
        menu.insertSeparator(before);
    }
    return true;
}

} // namespace daftar::ui
