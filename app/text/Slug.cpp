#include "Slug.h"

#include "PersianText.h"

#include <QStringList>

namespace daftar::text {

namespace {

constexpr char16_t zwnj = 0x200C;

// What one character contributes to a slug.
enum class Role { WordPart, Separator, Dropped };

Role roleOf(QChar c)
{
    // ZWNJ sits between the parts of a compound (کتاب‌ها, می‌روم, بی‌نام).
    // Dropping it would join the parts into one shape that can read as another
    // word; a hyphen keeps each part readable in the address bar.
    if (c == QChar(zwnj))
        return Role::Separator;
    // WordPress drops apostrophes rather than splitting at them: "don't" → "dont".
    if (c == u'\'' || c == QChar(0x2019))
        return Role::Dropped;
    switch (c.category()) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
    case QChar::Letter_Modifier: // tatweel and small waw/yeh only stretch or decorate
        return Role::Dropped;
    case QChar::Number_DecimalDigit:
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Other:
        return Role::WordPart;
    default:
        return Role::Separator;
    }
}

// The character as it appears in the slug, or a null QChar when the slug cannot hold
// it (letters of scripts other than Latin and Arabic, Latin letters with no ASCII base).
QChar slugChar(QChar c)
{
    if (c.category() == QChar::Number_DecimalDigit)
        return QChar(u'0' + c.digitValue());
    if (c.unicode() >= 0x0600 && c.unicode() <= 0x06FF)
        return c;
    while (c.script() == QChar::Script_Latin && c.decompositionTag() == QChar::Canonical)
        c = c.decomposition().front();
    const QChar lower = c.toLower();
    if (lower >= u'a' && lower <= u'z')
        return lower;
    return {};
}

// Bytes of the word once WordPress has percent-encoded its UTF-8.
int encodedLength(QStringView word)
{
    int length = 0;
    for (const QChar c : word)
        length += c.unicode() < 0x80 ? 1 : (c.unicode() < 0x800 ? 2 : 3) * 3;
    return length;
}

QStringList slugWords(QStringView title)
{
    const QString text
        = unifyArabicLetters(title.toString().normalized(QString::NormalizationForm_KC));
    QStringList words;
    QString word;
    for (const QChar c : text) {
        switch (roleOf(c)) {
        case Role::WordPart:
            if (const QChar kept = slugChar(c); !kept.isNull())
                word.append(kept);
            break;
        case Role::Separator:
            if (!word.isEmpty())
                words.append(word);
            word.clear();
            break;
        case Role::Dropped:
            break;
        }
    }
    if (!word.isEmpty())
        words.append(word);
    return words;
}

} // namespace

QString slugify(QStringView title, int maxEncodedLength)
{
    QString slug;
    int length = 0;
    for (const QString &word : slugWords(title)) {
        const int separator = slug.isEmpty() ? 0 : 1;
        const int wordLength = encodedLength(word);
        if (length + separator + wordLength <= maxEncodedLength) {
            if (separator)
                slug.append(QLatin1Char('-'));
            slug.append(word);
            length += separator + wordLength;
            continue;
        }
        // A first word longer than the whole limit has no boundary to cut at; keep
        // as much of it as fits rather than return nothing.
        if (slug.isEmpty()) {
            for (const QChar c : word) {
                length += encodedLength(QStringView(&c, 1));
                if (length > maxEncodedLength)
                    break;
                slug.append(c);
            }
        }
        break;
    }
    return slug;
}

} // namespace daftar::text
