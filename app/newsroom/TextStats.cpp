#include "TextStats.h"

#include <QChar>
#include <QList>

#include <algorithm>

namespace daftar::newsroom {

namespace {

constexpr int wordsPerMinute = 200;

bool isLineBreak(char32_t c)
{
    return c == u'\n' || c == u'\r' || c == 0x2028 || c == 0x2029;
}

// ZWNJ, ZWJ, the bidi marks and isolates, soft hyphens: they shape and order
// text but are not characters a reader counts.
bool isInvisible(char32_t c)
{
    const QChar::Category category = QChar::category(c);
    return category == QChar::Other_Format || category == QChar::Other_Control;
}

} // namespace

TextStats measureText(const QString &plainText)
{
    TextStats stats;
    bool inWord = false;
    for (const char32_t c : plainText.toUcs4()) {
        if (QChar::isSpace(c)) {
            if (inWord)
                ++stats.words;
            inWord = false;
            if (!isLineBreak(c))
                ++stats.charactersWithSpaces;
            continue;
        }
        if (isInvisible(c))
            continue;
        ++stats.characters;
        ++stats.charactersWithSpaces;
        if (QChar::isLetterOrNumber(c))
            inWord = true;
    }
    if (inWord)
        ++stats.words;
    if (stats.characters > 0)
        stats.readingMinutes = std::max(1, (stats.words + wordsPerMinute - 1) / wordsPerMinute);
    return stats;
}

} // namespace daftar::newsroom
