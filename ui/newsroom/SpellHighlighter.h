// Underlines misspelt words in the article editor with the red wavy line people
// know from word processors. Code (fixed-pitch text) and links are left alone:
// their words are not prose. The context menu (SpellMenu) asks it which words
// are underlined, so that the menu and the underline always agree.
#pragma once

#include "spelling/SpellChecker.h"

#include <QList>
#include <QSyntaxHighlighter>

class QTextBlock;
class QTextDocument;

namespace daftar::ui {

class SpellHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    SpellHighlighter(QTextDocument *document, spelling::SpellChecker &checker);

    spelling::SpellChecker &checker() const { return m_checker; }

    // Switched off, nothing is underlined and the context menu offers nothing.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

    // The underlined words of `block`, as positions in its text.
    QList<spelling::SpellChecker::Range> misspelledWords(const QTextBlock &block) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    spelling::SpellChecker &m_checker;
    bool m_enabled = true;
};

} // namespace daftar::ui
