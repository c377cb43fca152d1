#include "PersianText.h"

#include <QChar>

#include <array>

namespace daftar::text {

namespace {

constexpr char16_t persianYeh = 0x06CC;
constexpr char16_t persianKaf = 0x06A9;
constexpr char16_t persianZero = 0x06F0;

// Letters that Arabic and other keyboards produce where a Persian writer means ی or ک.
// Presentation forms are left alone: swapping one for a base letter inside a run of
// presentation forms would break the joining of its neighbours in stored text.
char32_t unifiedLetter(char32_t c)
{
    switch (c) {
    case 0x064A: // ي Arabic yeh
    case 0x0649: // ى alef maksura
    case 0x06CD: // ۍ yeh with tail (Pashto keyboards)
    case 0x06D0: // ې yeh (Pashto and Uyghur keyboards)
        return persianYeh;
    case 0x0643: // ك Arabic kaf
        return persianKaf;
    default:
        return c;
    }
}

// Variants that spell the same word to a reader searching for it, though a careful
// writer keeps them apart in the text itself.
char32_t searchFolded(char32_t c)
{
    switch (c) {
    case 0x0629: // ة teh marbuta
    case 0x06C0: // ۀ heh with yeh above
        return 0x0647;
    case 0x0622: // آ
    case 0x0623: // أ
    case 0x0625: // إ
    case 0x0671: // ٱ
        return 0x0627;
    default:
        return c;
    }
}

bool isHarakaOrTatweel(char32_t c)
{
    return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;
}

// Invisible characters that change how text is shaped or ordered, not what it says:
// ZWNJ, the bidi marks, embeddings, overrides and isolates, and the other zero-width
// format characters that pasted text tends to carry.
bool isInvisibleFormatting(char32_t c)
{
    return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2060 && c <= 0x2069) || c == 0x061C || c == 0xFEFF || c == 0x00AD;
}

bool isArabicScriptDigit(char16_t c)
{
    return (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
}

// What searchKey() makes of one character apart from whitespace handling: the
// character itself, another one, or `droppedFromKey` (which drops U+0000 as well,
// a character no key should hold).
constexpr char32_t droppedFromKey = 0;
constexpr char32_t whitespaceInKey = 0xFFFFFFFF;

char32_t keyCharacter(char32_t c)
{
    if (QChar::isSpace(c))
        return whitespaceInKey;
    if (isHarakaOrTatweel(c) || isInvisibleFormatting(c))
        return droppedFromKey;
    if (QChar::category(c) == QChar::Number_DecimalDigit)
        return U'0' + char32_t(QChar::digitValue(c));
    return QChar::toCaseFolded(searchFolded(unifiedLetter(c)));
}

// Latin and Arabic text, nearly all of what gets indexed, is looked up in a table
// built once from keyCharacter(); a million-row reindex spends its time here.
constexpr char16_t tableEnd = 0x0700;

const std::array<char32_t, tableEnd> &keyCharacterTable()
{
    static const std::array<char32_t, tableEnd> table = [] {
        std::array<char32_t, tableEnd> built {};
        for (char16_t c = 0; c < tableEnd; ++c)
            built[c] = keyCharacter(c);
        return built;
    }();
    return table;
}

} // namespace

QString searchKey(QStringView text)
{
    const QString normalized = text.toString().normalized(QString::NormalizationForm_KC);
    const std::array<char32_t, tableEnd> &table = keyCharacterTable();

    // Every step maps one code point to at most one, and no BMP character case-folds
    // to a supplementary one, so the key is never longer than the normalized text.
    QString key(normalized.size(), Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(key.data());
    char16_t *const begin = out;
    bool spacePending = false;

    const char16_t *in = reinterpret_cast<const char16_t *>(normalized.constData());
    const char16_t *const end = in + normalized.size();
    while (in != end) {
        char32_t c = *in++;
        if (c < tableEnd) {
            c = table[c];
        } else {
            if (QChar::isHighSurrogate(c) && in != end && QChar::isLowSurrogate(*in))
                c = QChar::surrogateToUcs4(char16_t(c), *in++);
            c = keyCharacter(c);
        }

        if (c == whitespaceInKey) {
            spacePending = out != begin;
            continue;
        }
        if (c == droppedFromKey)
            continue;
        if (spacePending) {
            *out++ = u' ';
            spacePending = false;
        }
        if (QChar::requiresSurrogates(c)) {
            *out++ = QChar::highSurrogate(c);
            *out++ = QChar::lowSurrogate(c);
        } else {
            *out++ = char16_t(c);
        }
    }
    key.truncate(out - begin);
    return key;
}

QString unifyArabicLetters(QStringView text)
{
    QString result = text.toString();
    for (QChar &c : result)
        c = QChar(char16_t(unifiedLetter(c.unicode())));
    return result;
}

QString toLatinDigits(QStringView text)
{
    QString result = text.toString();
    for (QChar &c : result) {
        if (isArabicScriptDigit(c.unicode()))
            c = QChar(u'0' + c.digitValue());
    }
    return result;
}

QString toPersianDigits(QStringView text)
{
    QString result = text.toString();
    for (QChar &c : result) {
        const char16_t u = c.unicode();
        if ((u >= u'0' && u <= u'9') || (u >= 0x0660 && u <= 0x0669))
            c = QChar(char16_t(persianZero + c.digitValue()));
    }
    return result;
}

QString digitsOnly(QStringView text)
{
    QString digits;
    digits.reserve(text.size());
    for (const QChar c : text) {
        if (c.category() != QChar::Number_DecimalDigit)
            return {};
        digits.append(QChar(u'0' + c.digitValue()));
    }
    return digits;
}

} // namespace daftar::text

namespace daftar::text {

QString isolateLeftToRight(QStringView text)
{
    const QChar leftToRightMark(0x200E);
    return leftToRightMark + text.toString() + leftToRightMark;
}

} // namespace daftar::text
