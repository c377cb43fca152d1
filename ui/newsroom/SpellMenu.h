// The spelling part of the article editor's context menu: corrections for the
// misspelt word under the mouse, "Add to dictionary" and "Ignore", put above the
// editor's usual actions.
#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>

class QMenu;
class QTextEdit;

namespace daftar::ui {

class SpellHighlighter;

class SpellMenu
{
    Q_DECLARE_TR_FUNCTIONS(SpellMenu)

public:
    // For the word at `position` of `editor`'s document (from cursorForPosition()
    // in contextMenuEvent). A correction replaces the word in one undo step and
    // keeps its formatting. "Add to dictionary" hands the word to `addWord` (which
    // keeps it, e.g. in PersonalDictionary) and is left out without one; "Ignore"
    // accepts it until Daftar is closed. Both remove the underline everywhere.
    // Returns whether the word was misspelt, i.e. whether anything was added.
    static bool addActions(QMenu &menu, QTextEdit &editor, int position,
        SpellHighlighter &highlighter, const std::function<void(const QString &word)> &addWord);
};

} // namespace daftar::ui
