#include "Cleanup.h"

#include "HtmlBody.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace daftar::newsroom {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Newsroom)
};

constexpr char16_t zwnj = 0x200C;
constexpr char16_t lri = 0x2066;
constexpr char16_t rli = 0x2067;
constexpr char16_t fsi = 0x2068;
constexpr char16_t pdi = 0x2069;
constexpr char16_t commaMark = 0x060C;
constexpr char16_t semicolonMark = 0x061B;
constexpr char16_t questionMark = 0x061F;
constexpr char16_t leftGuillemet = 0x00AB;
constexpr char16_t rightGuillemet = 0x00BB;
constexpr char16_t heh = 0x0647;
constexpr int maxRounds = 8;

// --- characters ---------------------------------------------------------------------

bool isRightToLeft(QChar c)
{
    const auto direction = c.direction();
    return !c.isSurrogate() && (direction == QChar::DirR || direction == QChar::DirAL);
}

bool isLeftToRight(QChar c)
{
    return !c.isSurrogate() && c.direction() == QChar::DirL;
}

bool isArabicLetter(QChar c)
{
    return c.script() == QChar::Script_Arabic && c.isLetter();
}

bool isLatinLetter(QChar c)
{
    return c.script() == QChar::Script_Latin && c.isLetter();
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isArabicIndicDigit(QChar c)
{
    return c.unicode() >= 0x0660 && c.unicode() <= 0x0669;
}

bool isPersianDigit(QChar c)
{
    return c.unicode() >= 0x06F0 && c.unicode() <= 0x06F9;
}

bool isAnyDigit(QChar c)
{
    return isAsciiDigit(c) || isArabicIndicDigit(c) || isPersianDigit(c);
}

bool isIsolateInitiator(QChar c)
{
    return c == QChar(lri) || c == QChar(rli) || c == QChar(fsi);
}

// Letters of a Persian word, with its diacritics and the ZWNJ inside it.
bool isPersianWordCharacter(QChar c)
{
    return isArabicLetter(c) || (c.isMark() && !c.isSurrogate()) || c == QChar(zwnj);
}

// The spaces typists put between words: space, tab and the no-break space
// that word processors scatter next to them.
bool isSpaceOrTab(QChar c)
{
    return c == u' ' || c == u'\t' || c == QChar(0x00A0);
}

// Letters that do not join the letter after them: a suffix written straight
// after one of them is already visibly separate.
bool joinsToTheNext(QChar c)
{
    static const QSet<char16_t> nonJoining = {0x0627, 0x0622, 0x0623, 0x0625, 0x0671, 0x062F,
        0x0630, 0x0631, 0x0632, 0x0698, 0x0648, 0x0624, 0x0629, 0x06C0};
    return isArabicLetter(c) && !nonJoining.contains(c.unicode());
}

// --- the text a rule sees --------------------------------------------------------------

struct Edit
{
    int start = 0;
    int length = 0;
    QString replacement;
};

// The paragraph as the rules read it: characters, which of them nothing may
// touch (URLs, e-mail addresses, code, line breaks and images of the HTML),
// and where each isolate opened by FSI/LRI/RLI ends.
class Paragraph
{
public:
    Paragraph(const QString &text, const QList<bool> &guard)
        : m_text(text)
        , m_guard(guard)
    {
        guardAddresses();
        matchIsolates();
    }

    const QString &text() const { return m_text; }
    int size() const { return int(m_text.size()); }
    QChar at(int i) const { return i >= 0 && i < size() ? m_text.at(i) : QChar(); }
    bool guarded(int i) const { return i >= 0 && i < size() && m_guard.at(i); }

    bool anyGuarded(int from, int to) const
    {
        for (int i = std::max(from, 0); i < std::min(to, size()); ++i) {
            if (m_guard.at(i))
                return true;
        }
        return false;
    }

    // How deep inside isolates the character at `i` is.
    int isolateDepth(int i) const { return m_depth.at(i); }

    // The first strongly directional character before (step -1) or after
    // (step +1) `from`, looking past isolates, guarded text and line ends as
    // a reader's eye does; a null QChar when there is none.
    QChar strongNeighbour(int from, int step) const
    {
        int i = from + step;
        while (i >= 0 && i < size()) {
            const QChar c = m_text.at(i);
            if (c == u'\n')
                return {};
            if (step < 0 && c == QChar(pdi) && m_partner.at(i) >= 0) {
                i = m_partner.at(i) - 1;
                continue;
            }
            if (step > 0 && isIsolateInitiator(c) && m_partner.at(i) >= 0) {
                i = m_partner.at(i) + 1;
                continue;
            }
            if (!m_guard.at(i) && (isRightToLeft(c) || isLeftToRight(c)))
                return c;
            i += step;
        }
        return {};
    }

    // The paragraph runs right to left: its first strong character outside
    // isolates is Persian (or another right-to-left script).
    bool isRightToLeftParagraph() const
    {
        for (int i = 0; i < size(); ++i) {
            const QChar c = m_text.at(i);
            if (m_depth.at(i) > 0 || isIsolateInitiator(c) || c == QChar(pdi))
                continue;
            if (isRightToLeft(c))
                return true;
            if (isLeftToRight(c))
                return false;
        }
        return false;
    }

private:
    void guardAddresses()
    {
        static const QRegularExpression address(
            u"(?:(?:https?|ftp)://|www\\.|mailto:)[^\\s<>\"«»\u2066-\u2069]+"
            u"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+"_s,
            QRegularExpression::CaseInsensitiveOption);
        auto it = address.globalMatch(m_text);
        while (it.hasNext()) {
            const auto match = it.next();
            int start = int(match.capturedStart());
            int end = int(match.capturedEnd());
            // Sentence punctuation right after an address is not part of it.
            while (end > start && u".,;:!?)]}،؛؟"_s.contains(m_text.at(end - 1)))
                --end;
            for (int i = start; i < end; ++i)
                m_guard[i] = true;
        }
    }

    void matchIsolates()
    {
        m_partner.fill(-1, size());
        m_depth.fill(0, size());
        QList<int> open;
        for (int i = 0; i < size(); ++i) {
            const QChar c = m_text.at(i);
            if (c == u'\n') {
                open.clear();
            } else if (c == QChar(pdi) && !open.isEmpty()) {
                const int start = open.takeLast();
                m_partner[start] = i;
                m_partner[i] = start;
            }
            m_depth[i] = int(open.size());
            if (isIsolateInitiator(c))
                open.append(i);
        }
        // An isolate left open runs to the end of the line.
        for (int start : std::as_const(open)) {
            for (int i = start + 1; i < size() && m_text.at(i) != u'\n'; ++i)
                m_depth[i] = std::max(m_depth[i], 1);
        }
    }

    QString m_text;
    QList<bool> m_guard;
    QList<int> m_partner;
    QList<int> m_depth;
};

// A whitespace-separated word around [from, to).
std::pair<int, int> wordAround(const Paragraph &p, int from, int to)
{
    while (from > 0 && !p.at(from - 1).isSpace())
        --from;
    while (to < p.size() && !p.at(to).isSpace())
        ++to;
    return {from, to};
}

// --- the rules -----------------------------------------------------------------------

QList<Edit> arabicLetters(const Paragraph &p)
{
    QList<Edit> edits;
    for (int i = 0; i < p.size(); ++i) {
        if (p.guarded(i))
            continue;
        const char16_t c = p.at(i).unicode();
        if (c == 0x064A || c == 0x0649)
            edits.append({i, 1, QString(QChar(0x06CC))});
        else if (c == 0x0643)
            edits.append({i, 1, QString(QChar(0x06A9))});
    }
    return edits;
}

QList<Edit> persianDigits(const Paragraph &p)
{
    QList<Edit> edits;
    int i = 0;
    while (i < p.size()) {
        if (!isAsciiDigit(p.at(i)) && !isArabicIndicDigit(p.at(i))) {
            ++i;
            continue;
        }
        // The number: digits with the separators of dates, times and decimals.
        int end = i;
        while (end < p.size()) {
            if (isAnyDigit(p.at(end)))
                ++end;
            else if (u"./:,-٫٬"_s.contains(p.at(end)) && isAnyDigit(p.at(end + 1)))
                end += 2;
            else
                break;
        }
        const int start = i;
        i = end;
        const auto [wordStart, wordEnd] = wordAround(p, start, end);
        bool latinWord = false;
        for (int k = wordStart; k < wordEnd; ++k)
            latinWord = latinWord || isLatinLetter(p.at(k));
        if (latinWord || p.anyGuarded(start, end))
            continue;
        bool hasAscii = false;
        for (int k = start; k < end; ++k)
            hasAscii = hasAscii || isAsciiDigit(p.at(k));
        if (hasAscii) {
            // Latin digits become Persian only between Persian words: "Qt 6.4"
            // in a Persian sentence keeps its digits.
            const QChar before = p.strongNeighbour(start, -1);
            const QChar after = p.strongNeighbour(end - 1, +1);
            const bool persianBefore = before.isNull() || isRightToLeft(before);
            const bool persianAfter = after.isNull() || isRightToLeft(after);
            if (!persianBefore || !persianAfter || (before.isNull() && after.isNull()))
                continue;
        }
        QString number = p.text().mid(start, end - start);
        for (QChar &c : number) {
            if (isAsciiDigit(c))
                c = QChar(char16_t(0x06F0 + (c.unicode() - u'0')));
            else if (isArabicIndicDigit(c))
                c = QChar(char16_t(0x06F0 + (c.unicode() - 0x0660)));
        }
        edits.append({start, end - start, number});
    }
    return edits;
}

QList<Edit> persianComma(const Paragraph &p)
{
    QList<Edit> edits;
    for (int i = 0; i < p.size(); ++i) {
        const QChar c = p.at(i);
        if ((c != u',' && c != u';' && c != u'?') || p.guarded(i))
            continue;
        if (isAnyDigit(p.at(i - 1)) || isAnyDigit(p.at(i + 1)))
            continue;
        const QChar before = p.strongNeighbour(i, -1);
        const QChar after = p.strongNeighbour(i, +1);
        if (before.isNull() || !isRightToLeft(before))
            continue;
        const bool endsSentence = c == u'?' && after.isNull();
        if (!endsSentence && (after.isNull() || !isRightToLeft(after)))
            continue;
        const char16_t persian = c == u',' ? commaMark : c == u';' ? semicolonMark : questionMark;
        edits.append({i, 1, QString(QChar(persian))});
    }
    return edits;
}

QList<Edit> guillemets(const Paragraph &p)
{
    QList<int> quotes;
    for (int i = 0; i < p.size(); ++i) {
        const QChar c = p.at(i);
        if ((c == u'"' || c == QChar(0x201C) || c == QChar(0x201D)) && !p.guarded(i))
            quotes.append(i);
    }
    QList<Edit> edits;
    if (quotes.size() % 2 != 0)
        return edits; // unpaired: which quote opens what is a guess
    for (qsizetype k = 0; k + 1 < quotes.size(); k += 2) {
        const int open = quotes.at(k);
        const int close = quotes.at(k + 1);
        bool persian = false;
        for (int i = open + 1; i < close; ++i)
            persian = persian || isArabicLetter(p.at(i));
        if (!persian)
            continue;
        edits.append({open, 1, QString(QChar(leftGuillemet))});
        edits.append({close, 1, QString(QChar(rightGuillemet))});
    }
    return edits;
}

QList<Edit> doubleSpaces(const Paragraph &p)
{
    QList<Edit> edits;
    int i = 0;
    while (i < p.size()) {
        if (!isSpaceOrTab(p.at(i)) || p.guarded(i)) {
            ++i;
            continue;
        }
        int end = i;
        while (end < p.size() && isSpaceOrTab(p.at(end)) && !p.guarded(end))
            ++end;
        const bool atEdge = i == 0 || end == p.size() || p.at(i - 1) == u'\n' || p.at(end) == u'\n';
        const QStringView run = QStringView(p.text()).mid(i, end - i);
        // A lone no-break space is meant; one among spaces is not.
        const QString single = run == QStringView(u"\u00a0") ? QString(QChar(0x00A0)) : u" "_s;
        if (atEdge)
            edits.append({i, end - i, QString()});
        else if (run != single)
            edits.append({i, end - i, single});
        i = end;
    }
    return edits;
}

// The letters just before `end` form a word of one letter, as in the
// abbreviations «ه.ش» and «ق.ظ».
bool isSingleLetterBefore(const Paragraph &p, int end)
{
    return isArabicLetter(p.at(end - 1)) && !isArabicLetter(p.at(end - 2));
}

bool isSingleLetterAfter(const Paragraph &p, int start)
{
    return isArabicLetter(p.at(start)) && !isArabicLetter(p.at(start + 1));
}

QList<Edit> punctuationSpacing(const Paragraph &p)
{
    QList<Edit> edits;
    const QString closing = u"،؛؟.!:)»"_s;
    for (int i = 0; i < p.size(); ++i) {
        const QChar c = p.at(i);
        if (p.guarded(i))
            continue;
        if (closing.contains(c)) {
            // No space before it.
            int start = i;
            while (start > 0 && isSpaceOrTab(p.at(start - 1)) && !p.guarded(start - 1))
                --start;
            const bool persianMark
                = c == QChar(commaMark) || c == QChar(semicolonMark) || c == QChar(questionMark);
            const QChar before = p.strongNeighbour(i, -1);
            const bool persianBefore = !before.isNull() && isRightToLeft(before);
            const bool decimal = c == u'.' && isAnyDigit(p.at(i + 1));
            if (start < i && start > 0 && p.at(start - 1) != u'\n' && !decimal
                && (persianMark || persianBefore))
                edits.append({start, i - start, QString()});
            // One space after it when a word follows straight away.
            const QChar next = p.at(i + 1);
            if (p.guarded(i + 1) || next.isNull())
                continue;
            const bool wordFollows
                = next.isLetter() || next == QChar(leftGuillemet) || next == u'(';
            bool space = false;
            if (persianMark) {
                space = wordFollows;
            } else if (c == u'.') {
                space = isArabicLetter(next) && isArabicLetter(p.at(i - 1))
                    && !isSingleLetterBefore(p, i) && !isSingleLetterAfter(p, i + 1);
            } else if (c == u'!' || c == u':') {
                space = isArabicLetter(next) && (isArabicLetter(p.at(i - 1)) || persianBefore);
            } else {
                space = isArabicLetter(next) && persianBefore;
            }
            if (space)
                edits.append({i + 1, 0, u" "_s});
        } else if (c == u'(' || c == QChar(leftGuillemet)) {
            // No space after it.
            int end = i + 1;
            while (end < p.size() && isSpaceOrTab(p.at(end)) && !p.guarded(end))
                ++end;
            if (end == i + 1 || end == p.size() || p.at(end) == u'\n')
                continue;
            const QChar after = p.strongNeighbour(end - 1, +1);
            if (c == QChar(leftGuillemet) || (!after.isNull() && isRightToLeft(after)))
                edits.append({i + 1, end - i - 1, QString()});
        }
    }
    // Spaces removed before a mark and added after the previous one can meet.
    std::sort(edits.begin(), edits.end(), [](const Edit &a, const Edit &b) {
        return a.start < b.start || (a.start == b.start && a.length < b.length);
    });
    QList<Edit> kept;
    for (const Edit &edit : std::as_const(edits)) {
        if (!kept.isEmpty() && edit.start < kept.last().start + kept.last().length)
            continue;
        if (!kept.isEmpty() && edit.length == 0 && kept.last().length == 0
            && edit.start == kept.last().start)
            continue;
        kept.append(edit);
    }
    return kept;
}

QString lettersOf(QStringView word)
{
    QString letters;
    for (const QChar c : word) {
        if (!c.isMark())
            letters += c;
    }
    return letters;
}

const QSet<QString> &verbForms()
{
    static const QSet<QString> forms = [] {
        QSet<QString> result;
        const QStringList presentStems
            = {u"شو"_s, u"کن"_s, u"باش"_s, u"گو"_s, u"گوی"_s, u"توان"_s, u"ده"_s, u"رو"_s, u"آی"_s,
                u"گیر"_s, u"خواه"_s, u"دان"_s, u"بین"_s, u"رس"_s, u"مان"_s, u"یاب"_s, u"گذار"_s,
                u"ساز"_s, u"پذیر"_s, u"آور"_s, u"بر"_s, u"نویس"_s, u"خوان"_s, u"پرداز"_s, u"کوش"_s,
                u"افت"_s, u"زن"_s, u"دار"_s, u"گرد"_s, u"رسان"_s, u"کاه"_s, u"افزا"_s, u"افزای"_s,
                u"فروش"_s, u"خر"_s, u"شناس"_s, u"ترس"_s, u"خور"_s, u"گذر"_s, u"سپار"_s, u"بخش"_s,
                u"نشین"_s, u"شنو"_s, u"کش"_s, u"پرس"_s, u"بند"_s, u"چرخ"_s, u"جنگ"_s, u"کوب"_s};
        const QStringList pastStems
            = {u"شد"_s, u"کرد"_s, u"بود"_s, u"گفت"_s, u"توانست"_s, u"داد"_s, u"رفت"_s, u"آمد"_s,
                u"گرفت"_s, u"خواست"_s, u"دانست"_s, u"دید"_s, u"رسید"_s, u"ماند"_s, u"یافت"_s,
                u"گذاشت"_s, u"ساخت"_s, u"پذیرفت"_s, u"آورد"_s, u"برد"_s, u"نوشت"_s, u"خواند"_s,
                u"پرداخت"_s, u"کوشید"_s, u"افتاد"_s, u"زد"_s, u"داشت"_s, u"گشت"_s, u"رساند"_s,
                u"کاست"_s, u"افزود"_s, u"فروخت"_s, u"خرید"_s, u"شناخت"_s, u"ترسید"_s, u"خورد"_s,
                u"گذشت"_s, u"سپرد"_s, u"بخشید"_s, u"نشست"_s, u"شنید"_s, u"کشید"_s, u"پرسید"_s};
        for (const QString &stem : presentStems) {
            for (const QString &ending : {u"م"_s, u"ی"_s, u"د"_s, u"یم"_s, u"ید"_s, u"ند"_s})
                result.insert(stem + ending);
        }
        for (const QString &stem : pastStems) {
            for (const QString &ending : {QString(), u"م"_s, u"ی"_s, u"یم"_s, u"ید"_s, u"ند"_s})
                result.insert(stem + ending);
        }
        result.insert(u"توان"_s);
        result.insert(u"بایست"_s);
        result.insert(u"بایستی"_s);
        return result;
    }();
    return forms;
}

// Glued words that read as می + verb but are something else.
bool isGluedException(const QString &word)
{
    static const QSet<QString> words = {u"میدانی"_s};
    return words.contains(word);
}

// Words ending in ها/های that are not plurals.
bool isPluralException(const QString &word)
{
    static const QSet<QString> words = {u"علیها"_s, u"الیها"_s, u"فیها"_s, u"بارالها"_s};
    return words.contains(word) || word.endsWith(u"بها") || word.endsWith(u"بهای");
}

const QSet<QString> &pluralSuffixes()
{
    static const QSet<QString> suffixes = {u"ها"_s, u"های"_s, u"هایی"_s, u"هایم"_s, u"هایت"_s,
        u"هایش"_s, u"هایمان"_s, u"هایتان"_s, u"هایشان"_s};
    return suffixes;
}

// Small words after which "تر" and "ترین" are words of their own.
bool isFunctionWord(const QString &word)
{
    static const QSet<QString> words = {u"و"_s, u"یا"_s, u"که"_s, u"از"_s, u"به"_s, u"با"_s,
        u"در"_s, u"را"_s, u"این"_s, u"آن"_s, u"هم"_s, u"نه"_s, u"چه"_s, u"تا"_s, u"بر"_s};
    return words.contains(word);
}

struct Word
{
    int start = 0;
    int end = 0;
    QString letters; // without diacritics
    bool plain = false; // letters only: no diacritics, no ZWNJ
};

QList<Word> persianWords(const Paragraph &p)
{
    QList<Word> words;
    int i = 0;
    while (i < p.size()) {
        if (!isArabicLetter(p.at(i))) {
            ++i;
            continue;
        }
        int end = i;
        while (end < p.size() && isPersianWordCharacter(p.at(end)))
            ++end;
        while (end > i && p.at(end - 1) == QChar(zwnj))
            --end;
        Word word;
        word.start = i;
        word.end = end;
        const QStringView text = QStringView(p.text()).mid(i, end - i);
        word.letters = lettersOf(text);
        word.plain = word.letters.size() == text.size() && !text.contains(QChar(zwnj));
        words.append(word);
        i = end;
    }
    return words;
}

QList<Edit> zeroWidthNonJoiner(const Paragraph &p)
{
    QList<Edit> edits;
    const QList<Word> words = persianWords(p);
    for (qsizetype k = 0; k < words.size(); ++k) {
        const Word &word = words.at(k);
        if (p.anyGuarded(word.start, word.end))
            continue;
        // Glued prefix: میشود → می‌شود, only for known verbs (میز and میدان
        // stay).
        if (word.plain) {
            const QString &w = word.letters;
            for (const QString &prefix : {u"نمی"_s, u"می"_s}) {
                if (w.startsWith(prefix) && verbForms().contains(w.mid(prefix.size()))
                    && !isGluedException(w)) {
                    edits.append({word.start + int(prefix.size()), 0, QString(QChar(zwnj))});
                    break;
                }
            }
            // Glued plural: سیاستها → سیاست‌ها, راههای → راه‌های.
            const bool ha = w.endsWith(u"ها");
            const bool hay = w.endsWith(u"های");
            if (!w.startsWith(u"می") && !isPluralException(w) && (ha || hay)) {
                const int stemLength = int(w.size()) - (hay ? 3 : 2);
                const QChar last = stemLength > 0 ? w.at(stemLength - 1) : QChar();
                const bool safe = hay ? (stemLength >= 2 && last == QChar(heh))
                                      : (stemLength >= 3 && joinsToTheNext(last));
                if (safe)
                    edits.append({word.start + stemLength, 0, QString(QChar(zwnj))});
            }
        }
        if (k + 1 >= words.size())
            continue;
        const Word &next = words.at(k + 1);
        bool onlySpaces = next.start > word.end;
        for (int i = word.end; i < next.start; ++i)
            onlySpaces = onlySpaces && isSpaceOrTab(p.at(i)) && !p.guarded(i);
        if (!onlySpaces || p.anyGuarded(next.start, next.end))
            continue;
        const QString &a = word.letters;
        const QString &b = next.letters;
        bool join = false;
        QString joiner = QString(QChar(zwnj));
        if ((a == u"می" || a == u"نمی") && b.size() >= 2 && !isFunctionWord(b))
            join = true;
        else if (pluralSuffixes().contains(b) && a != u"می" && a != u"نمی")
            join = true;
        else if ((b == u"تر" || b == u"ترین") && a.size() >= 2 && !isFunctionWord(a))
            join = true;
        else if ((b == u"ام" || b == u"ای" || b == u"اید" || b == u"اند" || b == u"ایم")
            && a.size() >= 2 && a.endsWith(QChar(heh)) && !isFunctionWord(a))
            join = true;
        else if (b == u"ی" && a.endsWith(u"ها")) {
            join = true;
            joiner.clear(); // کتاب‌ها ی → کتاب‌های
        }
        if (join)
            edits.append({word.end, next.start - word.end, joiner});
    }
    // A space next to a ZWNJ between two letters: «کتاب ‌ها» → «کتاب‌ها».
    for (int i = 0; i < p.size(); ++i) {
        if (p.at(i) != QChar(zwnj) || p.guarded(i))
            continue;
        int start = i;
        while (start > 0 && isSpaceOrTab(p.at(start - 1)) && !p.guarded(start - 1))
            --start;
        int end = i + 1;
        while (end < p.size() && (isSpaceOrTab(p.at(end)) || p.at(end) == QChar(zwnj))
            && !p.guarded(end))
            ++end;
        if ((start < i || end > i + 1) && isArabicLetter(p.at(start - 1))
            && isArabicLetter(p.at(end)))
            edits.append({start, end - start, QString(QChar(zwnj))});
        i = end - 1;
    }
    std::sort(edits.begin(), edits.end(), [](const Edit &x, const Edit &y) {
        return x.start < y.start || (x.start == y.start && x.length < y.length);
    });
    QList<Edit> kept;
    for (const Edit &edit : std::as_const(edits)) {
        if (!kept.isEmpty() && edit.start < kept.last().start + std::max(kept.last().length, 1))
            continue;
        kept.append(edit);
    }
    return kept;
}

bool isSentencePunctuation(QChar c)
{
    return u".,;:!?،؛؟«»\"'"_s.contains(c);
}

QList<Edit> isolateLatin(const Paragraph &p)
{
    QList<Edit> edits;
    if (!p.isRightToLeftParagraph())
        return edits;
    const QString opening = u"([{"_s;
    const QString closing = u")]}"_s;
    int i = 0;
    while (i < p.size()) {
        if (!isLeftToRight(p.at(i)) || p.isolateDepth(i) > 0) {
            ++i;
            continue;
        }
        // The run: from a Latin letter up to the next right-to-left letter,
        // isolate or line end, without what trails its last letter or digit.
        int end = i;
        int lastStrong = i;
        while (end < p.size()) {
            const QChar c = p.at(end);
            if (isRightToLeft(c) || isIsolateInitiator(c) || c == QChar(pdi) || c == u'\n')
                break;
            if (isLeftToRight(c) || isAnyDigit(c))
                lastStrong = end;
            ++end;
        }
        int start = i;
        i = end;
        end = lastStrong + 1;
        // Symbols attached to the end ("C++", "C#") and brackets that close
        // inside the run belong to it; sentence punctuation does not.
        while (end < p.size() && !p.at(end).isSpace() && !isSentencePunctuation(p.at(end))
            && !isRightToLeft(p.at(end)) && p.at(end) != QChar(pdi)
            && !isIsolateInitiator(p.at(end)))
            ++end;
        while (start > 0 && opening.contains(p.at(start - 1)))
            --start;
        auto trim = [&] {
            while (end > start && (p.at(end - 1).isSpace() || isSentencePunctuation(p.at(end - 1))))
                --end;
            while (start < end && p.at(start).isSpace())
                ++start;
        };
        trim();
        // A bracket whose partner is outside the run belongs to the Persian
        // sentence around it: the run stops before it.
        for (bool again = true; again && start < end;) {
            again = false;
            QList<int> open;
            int unmatchedClose = -1;
            for (int k = start; k < end && unmatchedClose < 0; ++k) {
                if (opening.contains(p.at(k))) {
                    open.append(k);
                } else if (closing.contains(p.at(k))) {
                    if (open.isEmpty())
                        unmatchedClose = k;
                    else
                        open.removeLast();
                }
            }
            if (unmatchedClose >= 0) {
                end = unmatchedClose;
                again = true;
            } else if (!open.isEmpty()) {
                if (open.front() == start)
                    ++start;
                else
                    end = open.front();
                again = true;
            }
            trim();
        }
        if (start >= end || (p.guarded(start - 1) && p.guarded(start))
            || (p.guarded(end - 1) && p.guarded(end)))
            continue;
        const QChar first = p.at(start);
        const QChar last = p.at(end - 1);
        const bool neutralEdge = !(isLeftToRight(first) || isAnyDigit(first))
            || !(isLeftToRight(last) || isAnyDigit(last));
        if (!neutralEdge)
            continue;
        edits.append({start, 0, QString(QChar(fsi))});
        edits.append({end, 0, QString(QChar(pdi))});
    }
    return edits;
}

using RuleFunction = QList<Edit> (*)(const Paragraph &);

struct RulePass
{
    CleanupRule rule;
    RuleFunction apply;
};

constexpr RulePass rulePasses[] = {
    {CleanupRule::ArabicLetters, arabicLetters},
    {CleanupRule::PersianDigits, persianDigits},
    {CleanupRule::PersianComma, persianComma},
    {CleanupRule::Guillemets, guillemets},
    {CleanupRule::DoubleSpaces, doubleSpaces},
    {CleanupRule::PunctuationSpacing, punctuationSpacing},
    {CleanupRule::ZeroWidthNonJoiner, zeroWidthNonJoiner},
    {CleanupRule::IsolateLatin, isolateLatin},
};

// --- composing the rules ---------------------------------------------------------------

// A piece of the text being cleaned and the part of the original it stands for;
// the rules run one after another on the current text until nothing changes,
// and the pieces turn what they did into edits of the original.
struct Piece
{
    int originalStart = 0;
    int originalLength = 0;
    QString text;
    std::optional<CleanupRule> rule; // set when the piece was changed
    bool guarded = false;
};

QList<Piece> applyPass(const QList<Piece> &pieces, const QList<Edit> &edits, CleanupRule rule)
{
    QList<Piece> out;
    int position = 0; // where pieces[i] starts in the current text
    qsizetype i = 0;
    for (const Edit &edit : edits) {
        const int end = edit.start + edit.length;
        // Pieces before the edit stay; an insertion goes before the piece
        // that starts where it is made.
        while (i < pieces.size() && position + pieces.at(i).text.size() <= edit.start
            && !(edit.length == 0 && position == edit.start)) {
            position += int(pieces.at(i).text.size());
            out.append(pieces.at(i++));
        }
        Piece merged;
        merged.rule = rule;
        if (i < pieces.size())
            merged.originalStart = pieces.at(i).originalStart;
        else if (!out.isEmpty())
            merged.originalStart = out.last().originalStart + out.last().originalLength;
        // The pieces the edit touches become one changed piece.
        QString prefix;
        QString suffix;
        while (i < pieces.size() && position < end) {
            const Piece &piece = pieces.at(i);
            const int pieceEnd = position + int(piece.text.size());
            if (position < edit.start)
                prefix = piece.text.left(edit.start - position);
            if (pieceEnd > end)
                suffix = piece.text.mid(end - position);
            merged.originalLength += piece.originalLength;
            position = pieceEnd;
            ++i;
        }
        merged.text = prefix + edit.replacement + suffix;
        out.append(merged);
    }
    while (i < pieces.size())
        out.append(pieces.at(i++));
    return out;
}

QList<CleanupEdit> computeEdits(const QString &paragraph, const QList<bool> &guard)
{
    QList<Piece> pieces;
    pieces.reserve(paragraph.size());
    for (int i = 0; i < paragraph.size(); ++i)
        pieces.append({i, 1, QString(paragraph.at(i)), std::nullopt, guard.value(i)});
    for (int round = 0; round < maxRounds; ++round) {
        bool changed = false;
        for (const RulePass &pass : rulePasses) {
            QString text;
            QList<bool> mask;
            for (const Piece &piece : std::as_const(pieces)) {
                text += piece.text;
                for (qsizetype k = 0; k < piece.text.size(); ++k)
                    mask.append(piece.guarded);
            }
            const QList<Edit> edits = pass.apply(Paragraph(text, mask));
            if (edits.isEmpty())
                continue;
            pieces = applyPass(pieces, edits, pass.rule);
            changed = true;
        }
        if (!changed)
            break;
    }
    QList<CleanupEdit> edits;
    for (qsizetype i = 0; i < pieces.size();) {
        if (!pieces.at(i).rule) {
            ++i;
            continue;
        }
        CleanupEdit edit;
        edit.rule = *pieces.at(i).rule;
        edit.start = pieces.at(i).originalStart;
        while (i < pieces.size() && pieces.at(i).rule == edit.rule) {
            edit.length += pieces.at(i).originalLength;
            edit.replacement += pieces.at(i).text;
            ++i;
        }
        if (paragraph.mid(edit.start, edit.length) != edit.replacement)
            edits.append(edit);
    }
    return edits;
}

// --- describing the changes -----------------------------------------------------------

int contextStart(const QString &text, int from)
{
    int i = from;
    for (int words = 0; words < 3 && i > 0; ++words) {
        while (i > 0 && text.at(i - 1).isSpace())
            --i;
        while (i > 0 && !text.at(i - 1).isSpace())
            --i;
    }
    return i;
}

int contextEnd(const QString &text, int to)
{
    int i = to;
    const int n = int(text.size());
    for (int words = 0; words < 3 && i < n; ++words) {
        while (i < n && text.at(i).isSpace())
            ++i;
        while (i < n && !text.at(i).isSpace())
            ++i;
    }
    return i;
}

QString readable(QString text)
{
    text.replace(u'\n', u' ');
    text.remove(QChar::ObjectReplacementCharacter);
    return text.trimmed();
}

// One change per word touched (or per isolated run), shown with a few words
// around it.
QList<CleanupChange> describe(const QString &paragraph, const QList<CleanupEdit> &edits)
{
    QList<CleanupChange> changes;
    qsizetype i = 0;
    while (i < edits.size()) {
        qsizetype j = i + 1;
        const CleanupRule rule = edits.at(i).rule;
        if (rule == CleanupRule::IsolateLatin && j < edits.size()
            && edits.at(j).rule == CleanupRule::IsolateLatin) {
            ++j;
        } else {
            while (j < edits.size() && edits.at(j).rule == rule) {
                const int gapStart = edits.at(j - 1).start + edits.at(j - 1).length;
                const QStringView gap
                    = QStringView(paragraph).mid(gapStart, edits.at(j).start - gapStart);
                if (std::any_of(gap.begin(), gap.end(), [](QChar c) { return c.isSpace(); }))
                    break;
                ++j;
            }
        }
        const int from = contextStart(paragraph, edits.at(i).start);
        const int to = contextEnd(paragraph, edits.at(j - 1).start + edits.at(j - 1).length);
        QList<CleanupEdit> local = edits.mid(i, j - i);
        for (CleanupEdit &edit : local)
            edit.start -= from;
        const QString before = paragraph.mid(from, to - from);
        changes.append({rule, readable(before), readable(applyEdits(before, local))});
        i = j;
    }
    return changes;
}

// --- HTML bodies ---------------------------------------------------------------------

// Cleans the text of one block's inline content: the rules see the whole
// block, with code, breaks, images and isolate marks as untouchable characters.
void cleanInlines(body::Inlines &tokens, QList<CleanupChange> &changes)
{
    using body::Inline;
    QString text;
    QList<bool> guard;
    struct Origin
    {
        qsizetype token;
        qsizetype offset;
    };
    QList<Origin> origins;
    for (qsizetype t = 0; t < qsizetype(tokens.size()); ++t) {
        const Inline &token = tokens[size_t(t)];
        switch (token.kind) {
        case Inline::Kind::Text:
            for (qsizetype k = 0; k < token.text.size(); ++k) {
                text += token.text.at(k);
                guard.append(token.format.code);
                origins.append({t, k});
            }
            break;
        case Inline::Kind::Break:
            text += u'\n';
            guard.append(true);
            origins.append({t, -1});
            break;
        case Inline::Kind::Image:
            text += QChar::ObjectReplacementCharacter;
            guard.append(true);
            origins.append({t, -1});
            break;
        case Inline::Kind::Open:
            text += QChar(token.direction == body::Direction::LeftToRight ? lri
                    : token.direction == body::Direction::RightToLeft     ? rli
                                                                          : fsi);
            guard.append(true);
            origins.append({t, -1});
            break;
        case Inline::Kind::Close:
            text += QChar(pdi);
            guard.append(true);
            origins.append({t, -1});
            break;
        }
    }
    const QList<CleanupEdit> edits = computeEdits(text, guard);
    if (edits.isEmpty())
        return;
    changes += describe(text, edits);
    auto editable = [&](qsizetype position) {
        return position >= 0 && position < text.size() && !guard.at(position)
            && origins.at(position).offset >= 0;
    };
    for (auto it = edits.crbegin(); it != edits.crend(); ++it) {
        const CleanupEdit &edit = *it;
        if (edit.length == 0) {
            const bool opensIsolate
                = !edit.replacement.isEmpty() && isIsolateInitiator(edit.replacement.front());
            const bool afterEditable = editable(edit.start - 1);
            const bool beforeEditable = editable(edit.start);
            if (afterEditable && (!opensIsolate || !beforeEditable)) {
                const Origin origin = origins.at(edit.start - 1);
                tokens[size_t(origin.token)].text.insert(origin.offset + 1, edit.replacement);
            } else if (beforeEditable) {
                const Origin origin = origins.at(edit.start);
                tokens[size_t(origin.token)].text.insert(origin.offset, edit.replacement);
            } else {
                const qsizetype at = edit.start < text.size() ? origins.at(edit.start).token
                                                              : qsizetype(tokens.size());
                tokens.insert(tokens.begin() + at, Inline::makeText(edit.replacement));
            }
            continue;
        }
        // The characters of the edit, last token first; the first token
        // takes the replacement.
        for (int position = edit.start + edit.length - 1; position >= edit.start;) {
            const Origin origin = origins.at(position);
            int first = position;
            while (first > edit.start && origins.at(first - 1).token == origin.token)
                --first;
            const qsizetype offset = origins.at(first).offset;
            QString &tokenText = tokens[size_t(origin.token)].text;
            tokenText.remove(offset, position - first + 1);
            if (first == edit.start)
                tokenText.insert(offset, edit.replacement);
            position = first - 1;
        }
    }
}

void cleanList(body::List &list, QList<CleanupChange> &changes)
{
    for (body::ListItem &item : list.items) {
        cleanInlines(item.inlines, changes);
        for (body::List &child : item.children)
            cleanList(child, changes);
    }
}

void cleanFlow(body::Flow &flow, QList<CleanupChange> &changes)
{
    for (body::Block &block : flow) {
        switch (block.kind) {
        case body::Block::Kind::Paragraph:
        case body::Block::Kind::Heading:
            cleanInlines(block.inlines, changes);
            break;
        case body::Block::Kind::Figure:
            cleanInlines(block.inlines, changes);
            cleanInlines(block.caption, changes);
            break;
        case body::Block::Kind::Quote:
            cleanFlow(block.children, changes);
            break;
        case body::Block::Kind::List:
            cleanList(block.list, changes);
            break;
        case body::Block::Kind::Table:
            for (auto &row : block.table.rows) {
                for (body::Cell &cell : row)
                    cleanFlow(cell.content, changes);
            }
            break;
        case body::Block::Kind::Preformatted:
        case body::Block::Kind::Rule:
            break;
        }
    }
}

} // namespace

QString cleanupRuleName(CleanupRule rule)
{
    switch (rule) {
    case CleanupRule::ArabicLetters:
        return Text::tr("Arabic ye and kaf");
    case CleanupRule::PersianDigits:
        return Text::tr("Persian digits");
    case CleanupRule::PunctuationSpacing:
        return Text::tr("Spacing around punctuation");
    case CleanupRule::PersianComma:
        return Text::tr("Persian comma, semicolon and question mark");
    case CleanupRule::Guillemets:
        return Text::tr("Persian quotation marks");
    case CleanupRule::ZeroWidthNonJoiner:
        return Text::tr("Zero-width non-joiner");
    case CleanupRule::DoubleSpaces:
        return Text::tr("Extra spaces");
    case CleanupRule::IsolateLatin:
        return Text::tr("Latin text isolated");
    }
    return {};
}

QList<CleanupEdit> cleanupEdits(const QString &paragraph)
{
    return computeEdits(paragraph, QList<bool>(paragraph.size(), false));
}

QString applyEdits(const QString &text, const QList<CleanupEdit> &edits)
{
    QList<CleanupEdit> sorted = edits;
    std::stable_sort(sorted.begin(), sorted.end(),
        [](const CleanupEdit &a, const CleanupEdit &b) { return a.start < b.start; });
    QString out;
    qsizetype position = 0;
    for (const CleanupEdit &edit : std::as_const(sorted)) {
        if (edit.start < position || edit.start + edit.length > text.size() || edit.length < 0)
            continue; // overlapping or outside the text
        out += QStringView(text).mid(position, edit.start - position);
        out += edit.replacement;
        position = edit.start + edit.length;
    }
    out += QStringView(text).mid(position);
    return out;
}

CleanupResult cleanupHtml(const QString &html)
{
    CleanupResult result;
    body::Flow flow = body::parseHtml(html);
    body::normalize(flow);
    // Normalising the cleaned text can give the rules more to do (an isolate
    // left empty goes, spaces on both sides of it meet): clean until it is clean.
    for (int round = 0; round < maxRounds; ++round) {
        const qsizetype before = result.changes.size();
        cleanFlow(flow, result.changes);
        if (result.changes.size() == before)
            break;
        body::normalize(flow);
    }
    result.html = body::toHtml(flow);
    return result;
}

CleanupResult cleanupPlainText(const QString &text)
{
    CleanupResult result;
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        const QList<CleanupEdit> edits = cleanupEdits(line);
        if (edits.isEmpty())
            continue;
        result.changes += describe(line, edits);
        line = applyEdits(line, edits);
    }
    result.html = lines.join(u'\n');
    return result;
}

} // namespace daftar::newsroom
