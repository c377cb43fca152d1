// Spell checking of article text with hunspell: Persian-script words against the
// Persian dictionary, Latin words against the English one, plus the user's own
// words. Written for what a Persian editor expects: Arabic ي/ك, harakat and the
// ZWNJ choices of Persian spelling are not reported as mistakes, and numbers,
// addresses and acronyms are not words to check. Without a dictionary it checks
// nothing and says what to install.
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

namespace daftar::spelling {

class SpellChecker
{
public:
    // Loads fa and en_US from standardSearchPaths().
    SpellChecker();
    // Loads them from these folders only, in this order (tests, custom installs).
    explicit SpellChecker(const QStringList &folders);
    ~SpellChecker();
    SpellChecker(const SpellChecker &) = delete;
    SpellChecker &operator=(const SpellChecker &) = delete;

    // Where dictionaries are looked for, first match wins: the folders in
    // DAFTAR_DICTIONARY_PATH, "dictionaries" next to the executable (Windows
    // installs), /usr/share/hunspell, /usr/share/myspell/dicts, /usr/share/myspell.
    static QStringList standardSearchPaths();

    bool hasPersian() const;
    bool hasEnglish() const;
    // Which dictionary is missing and how to get it; empty when both are loaded.
    QString missingDictionariesMessage() const;

    struct Range
    {
        int start = 0;
        int length = 0;
    };
    // The misspelt words of one paragraph, as positions in `paragraph`.
    QList<Range> misspelledWords(const QString &paragraph) const;
    // True when `text` (usually one word) has no misspelt word.
    bool isCorrect(const QString &text) const;
    // Corrections for one misspelt word, the likeliest first.
    QStringList suggestions(const QString &word, int max = 7) const;
    // Words to accept from now on: the user's own dictionary, or "ignore" for this session.
    void addWords(const QStringList &words);

private:
    class Dictionary;
    struct Token
    {
        int start = 0;
        int length = 0;
        bool persian = false;
        bool afterLatin = false; // a Persian ending glued to a Latin word: "API‌ها"
    };

    void load(const QStringList &folders);
    QList<Token> tokens(const QString &paragraph) const;
    bool tokenIsCorrect(const QString &word, const Token &token) const;
    // Persian lookups, from the strictest: the dictionary with the user's and the
    // common words; plus regular endings (also used for suggestions); plus verb
    // prefixes; plus ZWNJ-separated parts; plus the ئ spellings.
    bool persianIsCorrect(const QString &word) const;
    bool persianFormIsCorrect(const QString &word) const;
    bool inPersianDictionary(const QString &word) const;
    bool isInflectedPersianWord(const QString &word) const;
    bool isPersianWord(const QString &word) const;
    QStringList persianSuggestions(const QString &word, int max) const;

    std::unique_ptr<Dictionary> m_persian;
    std::unique_ptr<Dictionary> m_english;
    QString m_persianProblem;
    QString m_englishProblem;
    QSet<QString> m_ownWords; // normalised, so that ي/ی and harakat do not matter
    mutable QHash<QString, bool> m_cache; // word as typed → correct
};

} // namespace daftar::spelling
