// Word and character counts and reading time, as the editor's status line shows.
#pragma once

#include <QString>

namespace daftar::newsroom {

struct TextStats
{
    int words = 0; // ZWNJ joins, whitespace separates; punctuation alone is not a word
    int characters = 0; // visible characters, without spaces and bidi controls
    int charactersWithSpaces = 0;
    int readingMinutes = 0; // at 200 words a minute, at least 1 for any text
};

TextStats measureText(const QString &plainText);

} // namespace daftar::newsroom
