#include "SpellChecker.h"

#include "text/PersianText.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QStringEncoder>

#include <hunspell.hxx>
#include <optional>
#include <string>

using namespace Qt::StringLiterals;

namespace daftar::spelling {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Newsroom)
};

constexpr char16_t zwnj = 0x200C;
constexpr char16_t zwj = 0x200D;
constexpr char16_t tatweel = 0x0640;

// Endings and prefixes that Persian writes apart from the word with a ZWNJ
// («کتاب‌ها», «خانه‌ای», «می‌رود»). Several are not words of their own
// in the Persian dictionary, so a ZWNJ-separated part that is one of them is fine.
const QSet<QString> &persianAffixes()
{
    static const QSet<QString> affixes {u"ها"_s, u"های"_s, u"هایی"_s, u"هایم"_s, u"هایت"_s,
        u"هایش"_s, u"هایمان"_s, u"هایتان"_s, u"هایشان"_s, u"ی"_s, u"ای"_s, u"ام"_s, u"ات"_s,
        u"اش"_s, u"ایم"_s, u"اید"_s, u"اند"_s, u"است"_s, u"مان"_s, u"تان"_s, u"شان"_s, u"تر"_s,
        u"ترین"_s, u"تری"_s, u"می"_s, u"نمی"_s, u"بی"_s};
    return affixes;
}

// Everyday words that the Persian dictionary (myspell-fa, 2007) lacks, such as
// «برای», «یک» and most number words: without them almost every sentence would
// be underlined.
const QSet<QString> &commonPersianWords()
{
    static const QSet<QString> words {u"برای"_s, u"نزد"_s, u"یک"_s, u"سه"_s, u"چهار"_s, u"پنج"_s,
        u"شش"_s, u"هفت"_s, u"هشت"_s, u"یازده"_s, u"دوازده"_s, u"سیزده"_s, u"چهارده"_s, u"پانزده"_s,
        u"شانزده"_s, u"هفده"_s, u"هجده"_s, u"هیجده"_s, u"نوزده"_s, u"بیست"_s, u"سی"_s, u"چهل"_s,
        u"پنجاه"_s, u"شصت"_s, u"هفتاد"_s, u"هشتاد"_s, u"نود"_s, u"صد"_s, u"دویست"_s, u"سیصد"_s,
        u"چهارصد"_s, u"پانصد"_s, u"ششصد"_s, u"هفتصد"_s, u"هشتصد"_s, u"نهصد"_s, u"هزار"_s,
        u"میلیون"_s, u"میلیارد"_s, u"تریلیون"_s, u"یکم"_s, u"دوم"_s, u"سوم"_s, u"چهارم"_s,
        u"پنجم"_s, u"ششم"_s, u"هفتم"_s, u"هشتم"_s, u"نهم"_s, u"دهم"_s, u"یکمین"_s, u"دومین"_s,
        u"سومین"_s, u"چهارمین"_s, u"پنجمین"_s, u"ششمین"_s, u"هفتمین"_s, u"هشتمین"_s, u"نهمین"_s,
        u"دهمین"_s};
    return words;
}

// Written apart from their word with a space («سازمان ها»), these endings are a
// spacing matter for the clean-up, not a misspelling.
bool isDetachedEnding(const QString &word)
{
    return word == u"ها"_s || word == u"های"_s || word == u"هایی"_s;
}

// Letters Persian pronounces alike: the classic spelling mistakes («طرح»/«ترح»).
const QList<QString> &persianHomophones()
{
    static const QList<QString> groups {
        u"تط"_s, u"سصث"_s, u"زذضظ"_s, u"حه"_s, u"قغ"_s, u"اعآأ"_s, u"یئ"_s, u"وؤ"_s};
    return groups;
}

// Neighbouring keys on the standard Persian keyboard (ISIRI 9147): typing slips.
const QList<QString> &persianKeyboardRows()
{
    static const QList<QString> rows {u"ضصثقفغعهخحجچ"_s, u"شسیبلاتنمکگ"_s, u"ظطزرذدپو"_s};
    return rows;
}

// Letters that differ only in their dots: slips of reading and writing.
const QList<QString> &persianLookalikes()
{
    static const QList<QString> groups {u"بپتثنی"_s, u"جچحخ"_s, u"دذ"_s, u"رزژ"_s, u"سش"_s, u"صض"_s,
        u"طظ"_s, u"عغ"_s, u"فق"_s, u"کگ"_s};
    return groups;
}

// The letters that may stand for `letter` in a one-letter slip: the ones that
// sound alike (kind 0), neighbouring keys (kind 1), or differ in dots (kind 2).
QString persianReplacements(QChar letter, int kind)
{
    QString result;
    const auto addGroups = [&](const QList<QString> &groups) {
        for (const QString &group : groups) {
            if (group.contains(letter)) {
                result += group;
            }
        }
    };
    if (kind == 0) {
        addGroups(persianHomophones());
    } else if (kind == 1) {
        for (const QString &row : persianKeyboardRows()) {
            const qsizetype at = row.indexOf(letter);
            if (at > 0) {
                result += row.at(at - 1);
            }
            if (at >= 0 && at + 1 < row.size()) {
                result += row.at(at + 1);
            }
        }
    } else {
        addGroups(persianLookalikes());
    }
    result.remove(letter);
    return result;
}

const QString &persianAlphabet()
{
    static const QString alphabet = u"آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءأؤئ"_s;
    return alphabet;
}

// Letters that never join the next one: a ZWNJ after them changes nothing.
bool isNonJoining(QChar c)
{
    static const QString letters = u"آاأإدذرزژوؤ"_s;
    return letters.contains(c);
}

bool isArabicScriptLetter(QChar c)
{
    return c.unicode() == tatweel || (c.script() == QChar::Script_Arabic && c.isLetter());
}

bool isLatinLetter(QChar c)
{
    return c.script() == QChar::Script_Latin && c.isLetter();
}

bool isApostrophe(QChar c)
{
    return c == u'\'' || c.unicode() == 0x2019;
}

bool isJoiner(QChar c)
{
    return c.unicode() == zwnj || c.unicode() == zwj;
}

// What the Persian dictionary spells: Persian yeh and kaf, no harakat, tatweel
// or ZWJ, ۀ as ه (the hamza is a pronunciation mark). ZWNJ stays: it is spelling.
QString normalizePersian(QStringView word)
{
    QString text = word.toString();
    for (QChar c : word) {
        if (c.unicode() >= 0xFB50 && c.unicode() <= 0xFEFF) {
            text = text.normalized(QString::NormalizationForm_KC);
            break;
        }
    }
    text = text::unifyArabicLetters(text);
    QString result;
    result.reserve(text.size());
    for (QChar c : std::as_const(text)) {
        const char16_t u = c.unicode();
        if ((u >= 0x064B && u <= 0x065F) || u == 0x0670 || u == tatweel || u == zwj) {
            continue;
        }
        result.append(u == 0x06C0 ? QChar(u'\u0647') : c);
    }
    return result;
}

bool isAffixChain(const QString &normalized)
{
    const QStringList parts = normalized.split(QChar(zwnj), Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        return false;
    }
    for (const QString &part : parts) {
        if (!persianAffixes().contains(part)) {
            return false;
        }
    }
    return true;
}

// Whitespace-separated chunks that are addresses rather than prose: URLs, domain
// names, e-mail addresses, paths, hashtags and mentions.
bool isAddress(QStringView chunk)
{
    static const QString opening = u"([{«\"'“‘<"_s;
    static const QString closing = u".,;:!?)]}»\"'”’>،؛؟"_s;
    while (!chunk.isEmpty() && opening.contains(chunk.front())) {
        chunk = chunk.mid(1);
    }
    while (!chunk.isEmpty() && closing.contains(chunk.back())) {
        chunk.chop(1);
    }
    if (chunk.isEmpty()) {
        return false;
    }
    const QChar first = chunk.front();
    if (first == u'#' || first == u'@' || first == u'/' || first == u'\\' || first == u'~') {
        return true;
    }
    if (chunk.contains(u"://") || chunk.startsWith(u"www.", Qt::CaseInsensitive)) {
        return true;
    }
    static const QRegularExpression email(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    static const QRegularExpression domain(u"^(?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,}(?:[:/?#].*)?$"_s);
    static const QRegularExpression drive(u"^[A-Za-z]:[\\\\/]"_s);
    return email.match(chunk).hasMatch() || domain.match(chunk).hasMatch()
        || drive.match(chunk).hasMatch();
}

bool mayBeAddress(QStringView chunk)
{
    for (QChar c : chunk) {
        if (c == u'.' || c == u'@' || c == u':' || c == u'/' || c == u'\\' || c == u'#'
            || c == u'~') {
            return true;
        }
    }
    return false;
}

QString nativeFolderList(const QStringList &folders)
{
    QStringList shown;
    for (const QString &folder : folders) {
        shown << text::isolateLeftToRight(QDir::toNativeSeparators(folder));
    }
    return shown.join(u", "_s);
}

} // namespace

// One hunspell dictionary, and the conversion of words to its character set.
class SpellChecker::Dictionary
{
public:
    enum class Charset { Utf8, Latin1, Other };

    Dictionary(const QString &affPath, const QString &dicPath)
        : m_hunspell(std::make_unique<Hunspell>(
            QFile::encodeName(affPath).constData(), QFile::encodeName(dicPath).constData()))
        , m_encodingName(QString::fromStdString(m_hunspell->get_dict_encoding()))
    {
        const QString simple = m_encodingName.toUpper().remove(u'-').remove(u'_');
        if (simple == u"UTF8"_s) {
            m_charset = Charset::Utf8;
        } else if (simple == u"ISO88591"_s || simple == u"LATIN1"_s) {
            m_charset = Charset::Latin1;
        } else {
            m_charset = Charset::Other;
            m_supported = QStringEncoder(m_encodingName.toLatin1().constData()).isValid();
        }
    }

    bool isSupported() const { return m_supported; }
    QString encodingName() const { return m_encodingName; }

    // Words the character set cannot hold are accepted: there is nothing to check them with.
    bool spell(const QString &word) const
    {
        const std::optional<std::string> encoded = encode(word);
        return !encoded || m_hunspell->spell(*encoded);
    }

    QStringList suggest(const QString &word) const
    {
        const std::optional<std::string> encoded = encode(word);
        if (!encoded) {
            return {};
        }
        QStringList result;
        for (const std::string &suggestion : m_hunspell->suggest(*encoded)) {
            result << decode(suggestion);
        }
        return result;
    }

    void add(const QString &word)
    {
        if (const std::optional<std::string> encoded = encode(word)) {
            m_hunspell->add(*encoded);
        }
    }

private:
    std::optional<std::string> encode(const QString &word) const
    {
        switch (m_charset) {
        case Charset::Utf8:
            return word.toStdString();
        case Charset::Latin1:
            for (QChar c : word) {
                if (c.unicode() > 0xFF) {
                    return std::nullopt;
                }
            }
            return word.toLatin1().toStdString();
        case Charset::Other:
            break;
        }
        QStringEncoder encoder(m_encodingName.toLatin1().constData());
        const QByteArray bytes = encoder(word);
        if (encoder.hasError()) {
            return std::nullopt;
        }
        return bytes.toStdString();
    }

    QString decode(const std::string &bytes) const
    {
        switch (m_charset) {
        case Charset::Utf8:
            return QString::fromStdString(bytes);
        case Charset::Latin1:
            return QString::fromLatin1(bytes.data(), qsizetype(bytes.size()));
        case Charset::Other:
            break;
        }
        QStringDecoder decoder(m_encodingName.toLatin1().constData());
        return decoder(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
    }

    std::unique_ptr<Hunspell> m_hunspell;
    QString m_encodingName;
    Charset m_charset = Charset::Utf8;
    bool m_supported = true;
};

SpellChecker::SpellChecker()
    : SpellChecker(standardSearchPaths())
{ }

SpellChecker::SpellChecker(const QStringList &folders)
{
    load(folders);
}

SpellChecker::~SpellChecker() = default;

QStringList SpellChecker::standardSearchPaths()
{
    QStringList folders;
    const QString fromEnvironment = qEnvironmentVariable("DAFTAR_DICTIONARY_PATH");
    folders << fromEnvironment.split(QDir::listSeparator(), Qt::SkipEmptyParts);
    if (QCoreApplication::instance()) {
        folders << QCoreApplication::applicationDirPath() + u"/dictionaries"_s;
    }
#ifndef Q_OS_WIN
    folders << u"/usr/share/hunspell"_s << u"/usr/share/myspell/dicts"_s << u"/usr/share/myspell"_s;
#endif
    return folders;
}

void SpellChecker::load(const QStringList &folders)
{
    const auto open = [&](const QStringList &names, QString &problem) {
        std::unique_ptr<Dictionary> dictionary;
        for (const QString &folder : folders) {
            for (const QString &name : names) {
                const QString aff = QDir(folder).filePath(name + u".aff"_s);
                const QString dic = QDir(folder).filePath(name + u".dic"_s);
                if (!QFileInfo::exists(aff) || !QFileInfo::exists(dic)) {
                    continue;
                }
                dictionary = std::make_unique<Dictionary>(aff, dic);
                if (dictionary->isSupported()) {
                    return dictionary;
                }
                problem = Text::tr("The spelling dictionary %1 is written in the character set "
                                   "%2, which Daftar cannot read, so it is not used. Replace it "
                                   "with a UTF-8 version.")
                              .arg(text::isolateLeftToRight(QDir::toNativeSeparators(dic)),
                                  dictionary->encodingName());
            }
        }
        return std::unique_ptr<Dictionary>();
    };
    m_persian = open({u"fa_IR"_s, u"fa"_s}, m_persianProblem);
    if (!m_persian && m_persianProblem.isEmpty()) {
        m_persianProblem = Text::tr("The Persian spelling dictionary was not found, so Persian "
                                    "words are not checked. Install the package myspell-fa, or "
                                    "copy fa_IR.aff and fa_IR.dic into one of these folders: %1.")
                               .arg(nativeFolderList(folders));
    }
    m_english = open({u"en_US"_s, u"en_GB"_s, u"en_CA"_s, u"en_AU"_s, u"en"_s}, m_englishProblem);
    if (!m_english && m_englishProblem.isEmpty()) {
        m_englishProblem = Text::tr("The English spelling dictionary was not found, so English "
                                    "words are not checked. Install the package hunspell-en-us, "
                                    "or copy en_US.aff and en_US.dic into one of these folders: "
                                    "%1.")
                               .arg(nativeFolderList(folders));
    }
    if (m_persian) {
        m_persianProblem.clear();
    }
    if (m_english) {
        m_englishProblem.clear();
    }
}

bool SpellChecker::hasPersian() const
{
    return m_persian != nullptr;
}

bool SpellChecker::hasEnglish() const
{
    return m_english != nullptr;
}

QString SpellChecker::missingDictionariesMessage() const
{
    QStringList problems;
    if (!m_persianProblem.isEmpty()) {
        problems << m_persianProblem;
    }
    if (!m_englishProblem.isEmpty()) {
        problems << m_englishProblem;
    }
    return problems.join(u'\n');
}

QList<SpellChecker::Token> SpellChecker::tokens(const QString &paragraph) const
{
    QList<Token> result;
    const qsizetype size = paragraph.size();
    const auto isWordCharacter = [&](qsizetype i) {
        const QChar c = paragraph.at(i);
        if (c.isLetter() || c.isMark() || c.isDigit() || isJoiner(c) || c == u'_') {
            return true;
        }
        // An apostrophe inside a Latin word belongs to it: "don't", "O'Brien".
        return isApostrophe(c) && i > 0 && i + 1 < size && isLatinLetter(paragraph.at(i - 1))
            && isLatinLetter(paragraph.at(i + 1));
    };

    qsizetype i = 0;
    while (i < size) {
        if (paragraph.at(i).isSpace()) {
            ++i;
            continue;
        }
        if (i == 0 || paragraph.at(i - 1).isSpace()) {
            qsizetype chunkEnd = i;
            while (chunkEnd < size && !paragraph.at(chunkEnd).isSpace()) {
                ++chunkEnd;
            }
            const QStringView chunk = QStringView(paragraph).mid(i, chunkEnd - i);
            if (mayBeAddress(chunk) && isAddress(chunk)) {
                i = chunkEnd;
                continue;
            }
        }
        if (!isWordCharacter(i)) {
            ++i;
            continue;
        }
        const qsizetype runStart = i;
        bool hasDigit = false;
        while (i < size && isWordCharacter(i)) {
            const QChar c = paragraph.at(i);
            hasDigit = hasDigit || c.isDigit() || c == u'_';
            ++i;
        }
        if (hasDigit) {
            continue; // "MP3", "۴ام", snake_case: not words to check
        }

        // One run can hold both scripts ("API‌ها"); each part is a word of its own.
        // Letters of other scripts are not checked.
        enum class Script { None, Persian, Latin, Other };
        QList<Token> parts;
        Script current = Script::None;
        bool hasLatin = false;
        const auto close = [&](qsizetype end) {
            if (current != Script::Persian && current != Script::Latin) {
                return;
            }
            Token &token = parts.last();
            while (end > token.start && isJoiner(paragraph.at(end - 1))) {
                --end;
            }
            token.length = int(end - token.start);
        };
        for (qsizetype k = runStart; k < i; ++k) {
            const QChar c = paragraph.at(k);
            if (c.isMark() || isJoiner(c)) {
                continue;
            }
            const Script script = isArabicScriptLetter(c) ? Script::Persian
                : (isLatinLetter(c) || isApostrophe(c))   ? Script::Latin
                                                          : Script::Other;
            if (script == current) {
                continue;
            }
            close(k);
            current = script;
            if (script == Script::Persian || script == Script::Latin) {
                hasLatin = hasLatin || script == Script::Latin;
                Token token;
                token.start = int(k);
                token.persian = script == Script::Persian;
                parts << token;
            }
        }
        close(i);

        for (Token token : std::as_const(parts)) {
            const QStringView word = QStringView(paragraph).mid(token.start, token.length);
            int letters = 0;
            bool innerCapital = false;
            for (qsizetype k = 0; k < word.size(); ++k) {
                if (word.at(k).isLetter() && word.at(k).unicode() != tatweel) {
                    ++letters;
                    innerCapital = innerCapital || (k > 0 && word.at(k).isUpper());
                }
            }
            if (letters < 2) {
                continue;
            }
            // ALL-CAPS acronyms and names such as "iPhone" or "WebEngine" are not in
            // any dictionary; flagging them would only teach users to ignore the lines.
            if (!token.persian && innerCapital) {
                continue;
            }
            token.afterLatin = token.persian && hasLatin;
            result << token;
        }
    }
    return result;
}

bool SpellChecker::inPersianDictionary(const QString &word) const
{
    return m_ownWords.contains(word) || commonPersianWords().contains(word)
        || m_persian->spell(word);
}

namespace {

bool endsWithOneOf(QStringView text, QStringView letters)
{
    return !text.isEmpty() && letters.contains(text.back());
}

} // namespace

bool SpellChecker::isInflectedPersianWord(const QString &word) const
{
    if (inPersianDictionary(word)) {
        return true;
    }
    // The dictionary has no affix rules and lists only some inflected forms. These
    // endings make a word of any stem, so a known stem with one of them is a word:
    // «مدیران», «نمایندگان», «دانشجویان», «اجرای», «کارشناسی», «سیاستهای», «مهمترین».
    const QStringView view(word);
    const auto stemIsWord = [&](qsizetype endingLength, const QString &restore = {}) {
        const QString stem = word.chopped(endingLength) + restore;
        return stem.size() > 1 && inPersianDictionary(stem);
    };
    // A plural is not made plural again («شوراهاهای»).
    const auto pluralStemIsWord = [&](qsizetype endingLength, const QString &restore = {}) {
        const QStringView stem = view.chopped(endingLength);
        return !stem.endsWith(u"ها") && !stem.endsWith(u"ان") && stemIsWord(endingLength, restore);
    };
    if (view.endsWith(u"گان") && pluralStemIsWord(3, u"ه"_s)) {
        return true;
    }
    if (view.endsWith(u"یان") && endsWithOneOf(view.chopped(3), u"اآو") && pluralStemIsWord(3)) {
        return true;
    }
    if (view.endsWith(u"ان") && !endsWithOneOf(view.chopped(2), u"اآوه") && pluralStemIsWord(2)) {
        return true;
    }
    if (view.endsWith(u"ی") && !endsWithOneOf(view.chopped(1), u"یه") && stemIsWord(1)) {
        return true;
    }
    for (const QStringView ending : {u"هایی", u"های", u"ها"}) {
        if (view.endsWith(ending) && !endsWithOneOf(view.chopped(ending.size()), u"ه")
            && pluralStemIsWord(ending.size())) {
            return true;
        }
    }
    for (const QStringView ending : {u"ترین", u"تر"}) {
        if (view.endsWith(ending) && stemIsWord(ending.size())) {
            return true;
        }
    }
    return false;
}

bool SpellChecker::isPersianWord(const QString &word) const
{
    if (isInflectedPersianWord(word)) {
        return true;
    }
    // Verbs: «می»/«نمی» written joined («میتوانند»), and the negative «ن» before a
    // verb ending in a past stem or a person ending («نتوانستند», «نداشتیم»).
    // Too loose to find corrections with, so suggestions do not use it.
    const QStringView view(word);
    const auto restIsWord = [&](qsizetype prefixLength) {
        const QString rest = word.mid(prefixLength);
        return rest.size() > 1 && inPersianDictionary(rest);
    };
    if ((view.startsWith(u"نمی") && restIsWord(3)) || (view.startsWith(u"می") && restIsWord(2))) {
        return true;
    }
    return view.startsWith(u"ن") && endsWithOneOf(view, u"دتمی") && restIsWord(1);
}

bool SpellChecker::persianFormIsCorrect(const QString &word) const
{
    if (isPersianWord(word)) {
        return true;
    }
    if (!word.contains(QChar(zwnj))) {
        return false;
    }
    // The dictionary knows some words only joined («کتابها») and some only with a
    // ZWNJ («سیاست‌ها»); both spellings are Persian, so either is accepted.
    QString joined = word;
    joined.remove(QChar(zwnj));
    if (isPersianWord(joined)) {
        return true;
    }
    bool hasWord = false;
    for (const QString &part : word.split(QChar(zwnj), Qt::SkipEmptyParts)) {
        if (part.size() > 1 && isPersianWord(part)) {
            hasWord = true;
        } else if (!persianAffixes().contains(part)) {
            return false;
        }
    }
    return hasWord;
}

bool SpellChecker::persianIsCorrect(const QString &word) const
{
    if (persianFormIsCorrect(word)) {
        return true;
    }
    // The dictionary predates the ئ spellings now standard («مسئول», «پائیز»); it
    // holds the same words written with ی, ؤ or أ.
    if (word.contains(u'\u0626')) {
        for (const QChar replacement : {u'\u06CC', u'\u0624', u'\u0623'}) {
            QString variant = word;
            variant.replace(u'\u0626', replacement);
            if (persianFormIsCorrect(variant)) {
                return true;
            }
        }
    }
    return false;
}

bool SpellChecker::tokenIsCorrect(const QString &word, const Token &token) const
{
    if (token.persian) {
        if (!m_persian) {
            return true;
        }
        const QString normalized = normalizePersian(word);
        if ((token.afterLatin && isAffixChain(normalized)) || isDetachedEnding(normalized)) {
            return true;
        }
        const auto cached = m_cache.constFind(word);
        if (cached != m_cache.cend()) {
            return *cached;
        }
        const bool correct = persianIsCorrect(normalized);
        m_cache.insert(word, correct);
        return correct;
    }
    if (!m_english) {
        return true;
    }
    const auto cached = m_cache.constFind(word);
    if (cached != m_cache.cend()) {
        return *cached;
    }
    const bool correct = m_ownWords.contains(word) || m_english->spell(word);
    m_cache.insert(word, correct);
    return correct;
}

QList<SpellChecker::Range> SpellChecker::misspelledWords(const QString &paragraph) const
{
    QList<Range> ranges;
    if (!m_persian && !m_english) {
        return ranges;
    }
    for (const Token &token : tokens(paragraph)) {
        if (!tokenIsCorrect(paragraph.mid(token.start, token.length), token)) {
            ranges << Range {token.start, token.length};
        }
    }
    return ranges;
}

bool SpellChecker::isCorrect(const QString &text) const
{
    return misspelledWords(text).isEmpty();
}

QStringList SpellChecker::suggestions(const QString &word, int max) const
{
    const QString trimmed = word.trimmed();
    for (QChar c : trimmed) {
        if (isArabicScriptLetter(c) && c.unicode() != tatweel) {
            if (!m_persian) {
                return {};
            }
            QString normalized = normalizePersian(trimmed);
            while (normalized.startsWith(QChar(zwnj))) {
                normalized.remove(0, 1);
            }
            while (normalized.endsWith(QChar(zwnj))) {
                normalized.chop(1);
            }
            return persianSuggestions(normalized, max);
        }
        if (isLatinLetter(c)) {
            if (!m_english) {
                return {};
            }
            QStringList result = m_english->suggest(trimmed);
            result.removeAll(trimmed);
            return result.mid(0, max);
        }
    }
    return {};
}

QStringList SpellChecker::persianSuggestions(const QString &word, int max) const
{
    QStringList result;
    const auto offer = [&](const QString &candidate) {
        if (candidate != word && !result.contains(candidate)) {
            result << candidate;
        }
    };
    const auto offerKnown = [&](const QString &candidate) {
        if (result.size() < max && isInflectedPersianWord(candidate)) {
            offer(candidate);
        }
    };
    const qsizetype size = word.size();

    // A missing ZWNJ is the commonest Persian misspelling: «تعاونگران» →
    // «تعاون‌گران».
    for (qsizetype i = 2; i + 1 < size; ++i) {
        const QChar before = word.at(i - 1);
        if (isNonJoining(before) || before.unicode() == zwnj || word.at(i).unicode() == zwnj) {
            continue;
        }
        const QString left = word.left(i);
        const QString right = word.mid(i);
        const QString candidate = left + QChar(zwnj) + right;
        // Two short dictionary words side by side are too often nonsense («ای‌حاد»).
        const bool leftIsWord = inPersianDictionary(left);
        const bool compound
            = left.size() > 2 && right.size() > 2 && leftIsWord && inPersianDictionary(right);
        if (inPersianDictionary(candidate) || compound
            || (leftIsWord && persianAffixes().contains(right))
            || ((left == u"می"_s || left == u"نمی"_s) && inPersianDictionary(right))) {
            offer(candidate);
        }
    }
    // Then one letter changed for one that sounds alike, sits next to it on the
    // keyboard, or differs in its dots: «ایحاد» → «ایجاد».
    for (int kind = 0; kind < 3; ++kind) {
        for (qsizetype i = 0; i < size; ++i) {
            for (QChar letter : persianReplacements(word.at(i), kind)) {
                QString candidate = word;
                candidate[i] = letter;
                offerKnown(candidate);
            }
        }
    }
    // One letter missing, most often the last one («توسع» → «توسعه»), doubled or swapped.
    for (qsizetype i = size; i >= 0; --i) {
        for (QChar letter : persianAlphabet()) {
            offerKnown(word.left(i) + letter + word.mid(i));
        }
    }
    for (qsizetype i = 0; i < size; ++i) {
        offerKnown(word.left(i) + word.mid(i + 1));
    }
    for (qsizetype i = 0; i + 1 < size; ++i) {
        QString candidate = word;
        std::swap(candidate[i], candidate[i + 1]);
        offerKnown(candidate);
    }
    for (qsizetype i = 0; i < size && result.size() < max; ++i) {
        for (QChar letter : persianAlphabet()) {
            if (letter != word.at(i)) {
                QString candidate = word;
                candidate[i] = letter;
                offerKnown(candidate);
            }
        }
    }
    // Two words typed together: «برنامهریزی» → «برنامه ریزی».
    for (qsizetype i = 2; i + 1 < size && result.size() < max; ++i) {
        const QString left = word.left(i);
        const QString right = word.mid(i);
        if (left.back().unicode() != zwnj && right.front().unicode() != zwnj
            && inPersianDictionary(left) && inPersianDictionary(right)) {
            offer(left + u' ' + right);
        }
    }
    // hunspell's own search takes a few hundred milliseconds on the large Persian
    // word list, and these edits find what it would: it is the last resort.
    if (result.isEmpty()) {
        for (const QString &suggestion : m_persian->suggest(word)) {
            offer(normalizePersian(suggestion));
        }
    }
    return result.mid(0, max);
}

void SpellChecker::addWords(const QStringList &words)
{
    for (const QString &typed : words) {
        const QString word = typed.trimmed();
        if (word.isEmpty()) {
            continue;
        }
        bool persian = false;
        for (QChar c : word) {
            persian = persian || isArabicScriptLetter(c);
        }
        if (persian) {
            const QString normalized = normalizePersian(word);
            m_ownWords.insert(normalized);
            if (m_persian) {
                m_persian->add(normalized); // so that suggestions offer it too
            }
        } else {
            m_ownWords.insert(word);
            if (m_english) {
                m_english->add(word);
            }
        }
    }
    m_cache.clear();
}

} // namespace daftar::spelling
