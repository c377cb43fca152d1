#include "SpellHighlighter.h"

#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextDocument>

#include <algorithm>

namespace daftar::ui {

SpellHighlighter::SpellHighlighter(QTextDocument *document, spelling::SpellChecker &checker)
    : QSyntaxHighlighter(document)
    , m_checker(checker)
{ }

void SpellHighlighter::setEnabled(bool enabled)
{
    if (m_enabled == enabled) {
        return;
    }
    m_enabled = enabled;
    rehighlight();
}

namespace {

// Qt's HTML reader marks <code> with the family "monospace" rather than with
// fixed pitch; pasted or older documents name a typewriter font instead.
bool isCode(const QTextCharFormat &format)
{
    if (format.fontFixedPitch() || format.fontStyleHint() == QFont::Monospace
        || format.fontStyleHint() == QFont::TypeWriter) {
        return true;
    }
    const QStringList families = format.fontFamilies().toStringList();
    return std::any_of(families.cbegin(), families.cend(), [](const QString &family) {
        return family.contains(u"mono", Qt::CaseInsensitive)
            || family.contains(u"courier", Qt::CaseInsensitive)
            || family.contains(u"consolas", Qt::CaseInsensitive);
    });
}

} // namespace

QList<spelling::SpellChecker::Range> SpellHighlighter::misspelledWords(
    const QTextBlock &block) const
{
    if (!m_enabled || !block.isValid() || block.blockFormat().nonBreakableLines()) {
        return {}; // a <pre> block
    }
    struct Span
    {
        int start;
        int end;
    };
    QList<Span> excluded;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        const QTextCharFormat format = fragment.charFormat();
        if (isCode(format) || format.isAnchor()) {
            const int start = fragment.position() - block.position();
            excluded << Span {start, start + fragment.length()};
        }
    }
    QList<spelling::SpellChecker::Range> words = m_checker.misspelledWords(block.text());
    if (!excluded.isEmpty()) {
        words.removeIf([&](const spelling::SpellChecker::Range &word) {
            return std::any_of(excluded.cbegin(), excluded.cend(), [&](const Span &span) {
                return word.start < span.end && span.start < word.start + word.length;
            });
        });
    }
    return words;
}

void SpellHighlighter::highlightBlock(const QString &)
{
    QTextCharFormat underline;
    underline.setUnderlineStyle(QTextCharFormat::SpellCheckUnderline);
    underline.setUnderlineColor(Qt::red);
    for (const spelling::SpellChecker::Range &word : misspelledWords(currentBlock())) {
        setFormat(word.start, word.length, underline);
    }
}

} // namespace daftar::ui
