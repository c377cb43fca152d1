#include "HtmlTree.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace daftar::newsroom::html {

namespace {

struct NamedEntity
{
    const char *name;
    char32_t codePoint;
};

// The HTML 4 entities, which is what editors and word processors write.
constexpr NamedEntity namedEntities[] = {
    {"quot", 34},
    {"amp", 38},
    {"apos", 39},
    {"lt", 60},
    {"gt", 62},
    {"nbsp", 160},
    {"iexcl", 161},
    {"cent", 162},
    {"pound", 163},
    {"curren", 164},
    {"yen", 165},
    {"brvbar", 166},
    {"sect", 167},
    {"uml", 168},
    {"copy", 169},
    {"ordf", 170},
    {"laquo", 171},
    {"not", 172},
    {"shy", 173},
    {"reg", 174},
    {"macr", 175},
    {"deg", 176},
    {"plusmn", 177},
    {"sup2", 178},
    {"sup3", 179},
    {"acute", 180},
    {"micro", 181},
    {"para", 182},
    {"middot", 183},
    {"cedil", 184},
    {"sup1", 185},
    {"ordm", 186},
    {"raquo", 187},
    {"frac14", 188},
    {"frac12", 189},
    {"frac34", 190},
    {"iquest", 191},
    {"Agrave", 192},
    {"Aacute", 193},
    {"Acirc", 194},
    {"Atilde", 195},
    {"Auml", 196},
    {"Aring", 197},
    {"AElig", 198},
    {"Ccedil", 199},
    {"Egrave", 200},
    {"Eacute", 201},
    {"Ecirc", 202},
    {"Euml", 203},
    {"Igrave", 204},
    {"Iacute", 205},
    {"Icirc", 206},
    {"Iuml", 207},
    {"ETH", 208},
    {"Ntilde", 209},
    {"Ograve", 210},
    {"Oacute", 211},
    {"Ocirc", 212},
    {"Otilde", 213},
    {"Ouml", 214},
    {"times", 215},
    {"Oslash", 216},
    {"Ugrave", 217},
    {"Uacute", 218},
    {"Ucirc", 219},
    {"Uuml", 220},
    {"Yacute", 221},
    {"THORN", 222},
    {"szlig", 223},
    {"agrave", 224},
    {"aacute", 225},
    {"acirc", 226},
    {"atilde", 227},
    {"auml", 228},
    {"aring", 229},
    {"aelig", 230},
    {"ccedil", 231},
    {"egrave", 232},
    {"eacute", 233},
    {"ecirc", 234},
    {"euml", 235},
    {"igrave", 236},
    {"iacute", 237},
    {"icirc", 238},
    {"iuml", 239},
    {"eth", 240},
    {"ntilde", 241},
    {"ograve", 242},
    {"oacute", 243},
    {"ocirc", 244},
    {"otilde", 245},
    {"ouml", 246},
    {"divide", 247},
    {"oslash", 248},
    {"ugrave", 249},
    {"uacute", 250},
    {"ucirc", 251},
    {"uuml", 252},
    {"yacute", 253},
    {"thorn", 254},
    {"yuml", 255},
    {"OElig", 338},
    {"oelig", 339},
    {"Scaron", 352},
    {"scaron", 353},
    {"Yuml", 376},
    {"fnof", 402},
    {"circ", 710},
    {"tilde", 732},
    {"Alpha", 913},
    {"Beta", 914},
    {"Gamma", 915},
    {"Delta", 916},
    {"Epsilon", 917},
    {"Zeta", 918},
    {"Eta", 919},
    {"Theta", 920},
    {"Iota", 921},
    {"Kappa", 922},
    {"Lambda", 923},
    {"Mu", 924},
    {"Nu", 925},
    {"Xi", 926},
    {"Omicron", 927},
    {"Pi", 928},
    {"Rho", 929},
    {"Sigma", 931},
    {"Tau", 932},
    {"Upsilon", 933},
    {"Phi", 934},
    {"Chi", 935},
    {"Psi", 936},
    {"Omega", 937},
    {"alpha", 945},
    {"beta", 946},
    {"gamma", 947},
    {"delta", 948},
    {"epsilon", 949},
    {"zeta", 950},
    {"eta", 951},
    {"theta", 952},
    {"iota", 953},
    {"kappa", 954},
    {"lambda", 955},
    {"mu", 956},
    {"nu", 957},
    {"xi", 958},
    {"omicron", 959},
    {"pi", 960},
    {"rho", 961},
    {"sigmaf", 962},
    {"sigma", 963},
    {"tau", 964},
    {"upsilon", 965},
    {"phi", 966},
    {"chi", 967},
    {"psi", 968},
    {"omega", 969},
    {"thetasym", 977},
    {"upsih", 978},
    {"piv", 982},
    {"ensp", 8194},
    {"emsp", 8195},
    {"thinsp", 8201},
    {"zwnj", 8204},
    {"zwj", 8205},
    {"lrm", 8206},
    {"rlm", 8207},
    {"ndash", 8211},
    {"mdash", 8212},
    {"lsquo", 8216},
    {"rsquo", 8217},
    {"sbquo", 8218},
    {"ldquo", 8220},
    {"rdquo", 8221},
    {"bdquo", 8222},
    {"dagger", 8224},
    {"Dagger", 8225},
    {"bull", 8226},
    {"hellip", 8230},
    {"permil", 8240},
    {"prime", 8242},
    {"Prime", 8243},
    {"lsaquo", 8249},
    {"rsaquo", 8250},
    {"oline", 8254},
    {"frasl", 8260},
    {"euro", 8364},
    {"image", 8465},
    {"weierp", 8472},
    {"real", 8476},
    {"trade", 8482},
    {"alefsym", 8501},
    {"larr", 8592},
    {"uarr", 8593},
    {"rarr", 8594},
    {"darr", 8595},
    {"harr", 8596},
    {"crarr", 8629},
    {"lArr", 8656},
    {"uArr", 8657},
    {"rArr", 8658},
    {"dArr", 8659},
    {"hArr", 8660},
    {"forall", 8704},
    {"part", 8706},
    {"exist", 8707},
    {"empty", 8709},
    {"nabla", 8711},
    {"isin", 8712},
    {"notin", 8713},
    {"ni", 8715},
    {"prod", 8719},
    {"sum", 8721},
    {"minus", 8722},
    {"lowast", 8727},
    {"radic", 8730},
    {"prop", 8733},
    {"infin", 8734},
    {"ang", 8736},
    {"and", 8743},
    {"or", 8744},
    {"cap", 8745},
    {"cup", 8746},
    {"int", 8747},
    {"there4", 8756},
    {"sim", 8764},
    {"cong", 8773},
    {"asymp", 8776},
    {"ne", 8800},
    {"equiv", 8801},
    {"le", 8804},
    {"ge", 8805},
    {"sub", 8834},
    {"sup", 8835},
    {"nsub", 8836},
    {"sube", 8838},
    {"supe", 8839},
    {"oplus", 8853},
    {"otimes", 8855},
    {"perp", 8869},
    {"sdot", 8901},
    {"lceil", 8968},
    {"rceil", 8969},
    {"lfloor", 8970},
    {"rfloor", 8971},
    {"lang", 9001},
    {"rang", 9002},
    {"loz", 9674},
    {"spades", 9824},
    {"clubs", 9827},
    {"hearts", 9829},
    {"diams", 9830},
    // HTML 5 names for ASCII punctuation, used to disguise URLs as much as in text.
    {"Tab", 9},
    {"NewLine", 10},
    {"excl", 33},
    {"num", 35},
    {"dollar", 36},
    {"percnt", 37},
    {"lpar", 40},
    {"rpar", 41},
    {"ast", 42},
    {"plus", 43},
    {"comma", 44},
    {"period", 46},
    {"sol", 47},
    {"colon", 58},
    {"semi", 59},
    {"equals", 61},
    {"quest", 63},
    {"commat", 64},
    {"lsqb", 91},
    {"bsol", 92},
    {"rsqb", 93},
    {"Hat", 94},
    {"lowbar", 95},
    {"grave", 96},
    {"lcub", 123},
    {"verbar", 124},
    {"rcub", 125},
    {"hyphen", 8208},
    {"dash", 8208},
    {"ZeroWidthSpace", 8203},
    {"NoBreak", 8288},
};

// Names browsers also accept without the closing ";".
constexpr const char *legacyEntities[] = {"amp", "lt", "gt", "quot", "nbsp", "copy", "reg"};

const QHash<QString, char32_t> &entityTable()
{
    static const QHash<QString, char32_t> table = [] {
        QHash<QString, char32_t> result;
        for (const NamedEntity &entity : namedEntities)
            result.insert(QString::fromLatin1(entity.name), entity.codePoint);
        return result;
    }();
    return table;
}

// What a numeric reference to one of the C1 controls means: the Windows-1252
// character that old pages wrote it for (the HTML parsing rule).
char32_t windows1252(char32_t c)
{
    static constexpr char16_t c1[32]
        = {0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
            0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
            0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};
    return (c >= 0x80 && c <= 0x9F) ? char32_t(c1[c - 0x80]) : c;
}

void appendCodePoint(QString &out, char32_t c)
{
    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        c = 0xFFFD;
    c = windows1252(c);
    if (c > 0xFFFF) {
        const char16_t pair[2] = {QChar::highSurrogate(c), QChar::lowSurrogate(c)};
        out.append(QStringView(pair, 2));
    } else {
        out.append(QChar(char16_t(c)));
    }
}

bool isAsciiAlpha(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isAsciiAlnum(QChar c)
{
    return isAsciiAlpha(c) || (c >= u'0' && c <= u'9');
}

bool isHtmlSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
}

// --- tokens -------------------------------------------------------------------

struct Token
{
    enum class Kind { Text, StartTag, EndTag };
    Kind kind = Kind::Text;
    QString name;
    QList<QPair<QString, QString>> attributes;
    QString text;
    bool selfClosing = false;
};

// Elements whose content is not markup: read verbatim up to their end tag.
bool isRawTextElement(const QString &name)
{
    static const QSet<QString> names = {u"script"_s, u"style"_s, u"xmp"_s, u"iframe"_s,
        u"noembed"_s, u"noframes"_s, u"noscript"_s, u"textarea"_s, u"title"_s};
    return names.contains(name);
}

class Tokenizer
{
public:
    explicit Tokenizer(const QString &html)
        : m_html(html)
    { }

    std::vector<Token> tokens()
    {
        std::vector<Token> out;
        const qsizetype n = m_html.size();
        while (m_pos < n) {
            const qsizetype lt = m_html.indexOf(u'<', m_pos);
            if (lt != m_pos) {
                const qsizetype end = lt < 0 ? n : lt;
                appendText(out, decodeEntities(QStringView(m_html).mid(m_pos, end - m_pos)));
                m_pos = end;
                continue;
            }
            readMarkup(out);
        }
        return out;
    }

private:
    static void appendText(std::vector<Token> &out, const QString &text)
    {
        if (text.isEmpty())
            return;
        if (!out.empty() && out.back().kind == Token::Kind::Text) {
            out.back().text += text;
            return;
        }
        Token token;
        token.text = text;
        out.push_back(std::move(token));
    }

    QChar at(qsizetype i) const { return i < m_html.size() ? m_html.at(i) : QChar(); }

    void skipPast(QChar c)
    {
        const qsizetype end = m_html.indexOf(c, m_pos);
        m_pos = end < 0 ? m_html.size() : end + 1;
    }

    // m_pos is on a '<'.
    void readMarkup(std::vector<Token> &out)
    {
        const QChar next = at(m_pos + 1);
        if (next == u'!') {
            if (QStringView(m_html).mid(m_pos, 4) == u"<!--") {
                readComment();
                return;
            }
            skipPast(u'>'); // doctype, CDATA, Word's <![if …]> and <![endif]>
            return;
        }
        if (next == u'?') {
            skipPast(u'>');
            return;
        }
        if (next == u'/') {
            if (isAsciiAlpha(at(m_pos + 2))) {
                m_pos += 2;
                Token token;
                token.kind = Token::Kind::EndTag;
                token.name = readTagName();
                readAttributes(token); // parsed so that quoted '>' does not end the tag
                if (m_complete)
                    out.push_back(std::move(token));
                return;
            }
            if (at(m_pos + 2) == u'>') {
                m_pos += 3;
                return;
            }
            skipPast(u'>');
            return;
        }
        if (isAsciiAlpha(next)) {
            m_pos += 1;
            Token token;
            token.kind = Token::Kind::StartTag;
            token.name = readTagName();
            readAttributes(token);
            if (!m_complete)
                return; // the input ended inside the tag: a browser drops it too
            const QString name = token.name;
            out.push_back(std::move(token));
            if (isRawTextElement(name))
                readRawText(out, name);
            return;
        }
        appendText(out, u"<"_s);
        m_pos += 1;
    }

    void readComment()
    {
        const qsizetype bodyStart = m_pos + 4;
        // "<!-->" and "<!--->" are complete (empty) comments.
        if (at(bodyStart) == u'>') {
            m_pos = bodyStart + 1;
            return;
        }
        if (at(bodyStart) == u'-' && at(bodyStart + 1) == u'>') {
            m_pos = bodyStart + 2;
            return;
        }
        const qsizetype end = m_html.indexOf(u"-->"_s, bodyStart);
        m_pos = end < 0 ? m_html.size() : end + 3;
    }

    QString readTagName()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_html.size()) {
            const QChar c = m_html.at(m_pos);
            if (isHtmlSpace(c) || c == u'/' || c == u'>')
                break;
            ++m_pos;
        }
        return m_html.mid(start, m_pos - start).toLower();
    }

    void readAttributes(Token &token)
    {
        m_complete = false;
        const qsizetype n = m_html.size();
        while (m_pos < n) {
            const QChar c = m_html.at(m_pos);
            if (isHtmlSpace(c)) {
                ++m_pos;
                continue;
            }
            if (c == u'>') {
                ++m_pos;
                m_complete = true;
                return;
            }
            if (c == u'/') {
                ++m_pos;
                if (at(m_pos) == u'>') {
                    token.selfClosing = true;
                    ++m_pos;
                    m_complete = true;
                    return;
                }
                continue;
            }
            const qsizetype nameStart = m_pos;
            ++m_pos; // an attribute name may start with '='
            while (m_pos < n) {
                const QChar d = m_html.at(m_pos);
                if (isHtmlSpace(d) || d == u'/' || d == u'>' || d == u'=')
                    break;
                ++m_pos;
            }
            const QString name = m_html.mid(nameStart, m_pos - nameStart).toLower();
            while (m_pos < n && isHtmlSpace(m_html.at(m_pos)))
                ++m_pos;
            QString value;
            if (at(m_pos) == u'=') {
                ++m_pos;
                while (m_pos < n && isHtmlSpace(m_html.at(m_pos)))
                    ++m_pos;
                const QChar quote = at(m_pos);
                if (quote == u'"' || quote == u'\'') {
                    const qsizetype close = m_html.indexOf(quote, m_pos + 1);
                    if (close < 0) {
                        m_pos = n;
                        return;
                    }
                    value = decodeEntities(
                        QStringView(m_html).mid(m_pos + 1, close - m_pos - 1), true);
                    m_pos = close + 1;
                } else {
                    const qsizetype valueStart = m_pos;
                    while (m_pos < n && !isHtmlSpace(m_html.at(m_pos)) && m_html.at(m_pos) != u'>')
                        ++m_pos;
                    value = decodeEntities(
                        QStringView(m_html).mid(valueStart, m_pos - valueStart), true);
                }
            }
            const bool seen = std::any_of(token.attributes.cbegin(), token.attributes.cend(),
                [&](const auto &attribute) { return attribute.first == name; });
            if (!seen)
                token.attributes.append({name, value});
        }
    }

    void readRawText(std::vector<Token> &out, const QString &name)
    {
        const QString closing = u"</"_s + name;
        qsizetype search = m_pos;
        qsizetype end = -1;
        while (true) {
            end = m_html.indexOf(closing, search, Qt::CaseInsensitive);
            if (end < 0)
                break;
            const QChar after = at(end + closing.size());
            if (after.isNull() || isHtmlSpace(after) || after == u'/' || after == u'>')
                break;
            search = end + 1;
        }
        const qsizetype stop = end < 0 ? m_html.size() : end;
        QString text = m_html.mid(m_pos, stop - m_pos);
        if (name == u"textarea" || name == u"title")
            text = decodeEntities(text);
        if (!text.isEmpty()) {
            Token token;
            token.text = text;
            out.push_back(std::move(token));
        }
        m_pos = stop;
        if (end >= 0) {
            m_pos = end + 2;
            Token token;
            token.kind = Token::Kind::EndTag;
            token.name = readTagName();
            readAttributes(token);
            out.push_back(std::move(token));
        }
    }

    const QString &m_html;
    qsizetype m_pos = 0;
    bool m_complete = false;
};

// --- tree -----------------------------------------------------------------------

const QSet<QString> &voidElements()
{
    static const QSet<QString> names = {u"area"_s, u"base"_s, u"br"_s, u"col"_s, u"embed"_s,
        u"hr"_s, u"img"_s, u"input"_s, u"link"_s, u"meta"_s, u"param"_s, u"source"_s, u"track"_s,
        u"wbr"_s, u"keygen"_s, u"basefont"_s, u"bgsound"_s, u"frame"_s, u"image"_s};
    return names;
}

// Start tags that end an open paragraph.
const QSet<QString> &paragraphClosers()
{
    static const QSet<QString> names = {u"address"_s, u"article"_s, u"aside"_s, u"blockquote"_s,
        u"center"_s, u"details"_s, u"dialog"_s, u"dir"_s, u"div"_s, u"dl"_s, u"fieldset"_s,
        u"figcaption"_s, u"figure"_s, u"footer"_s, u"form"_s, u"h1"_s, u"h2"_s, u"h3"_s, u"h4"_s,
        u"h5"_s, u"h6"_s, u"header"_s, u"hgroup"_s, u"hr"_s, u"main"_s, u"menu"_s, u"nav"_s,
        u"ol"_s, u"p"_s, u"pre"_s, u"section"_s, u"summary"_s, u"table"_s, u"ul"_s, u"li"_s,
        u"dd"_s, u"dt"_s, u"listing"_s, u"xmp"_s};
    return names;
}

// The HTML "special" elements: a list item or an end tag of an inline element
// does not reach past them.
const QSet<QString> &specialElements()
{
    static const QSet<QString> names = {u"#root"_s, u"address"_s, u"applet"_s, u"article"_s,
        u"aside"_s, u"blockquote"_s, u"body"_s, u"button"_s, u"caption"_s, u"center"_s, u"dd"_s,
        u"details"_s, u"dir"_s, u"div"_s, u"dl"_s, u"dt"_s, u"fieldset"_s, u"figcaption"_s,
        u"figure"_s, u"footer"_s, u"form"_s, u"h1"_s, u"h2"_s, u"h3"_s, u"h4"_s, u"h5"_s, u"h6"_s,
        u"head"_s, u"header"_s, u"hgroup"_s, u"html"_s, u"iframe"_s, u"li"_s, u"listing"_s,
        u"main"_s, u"marquee"_s, u"menu"_s, u"nav"_s, u"noembed"_s, u"noframes"_s, u"noscript"_s,
        u"object"_s, u"ol"_s, u"p"_s, u"pre"_s, u"script"_s, u"section"_s, u"select"_s, u"style"_s,
        u"summary"_s, u"table"_s, u"tbody"_s, u"td"_s, u"template"_s, u"textarea"_s, u"tfoot"_s,
        u"th"_s, u"thead"_s, u"title"_s, u"tr"_s, u"ul"_s, u"xmp"_s};
    return names;
}

bool isHeading(const QString &name)
{
    return name.size() == 2 && name.at(0) == u'h' && name.at(1) >= u'1' && name.at(1) <= u'6';
}

// Deeper than this, start tags are ignored and their content joins the
// element already open: pages nest a few dozen levels, not thousands.
constexpr qsizetype maxDepth = 256;

bool isTableBoundary(const QString &name)
{
    return name == u"#root" || name == u"table" || name == u"td" || name == u"th"
        || name == u"caption";
}

class TreeBuilder
{
public:
    TreeBuilder()
    {
        Node root;
        root.type = Node::Type::Element;
        root.name = u"#root"_s;
        m_open.push_back(std::move(root));
    }

    void add(Token &token)
    {
        switch (token.kind) {
        case Token::Kind::Text:
            appendText(std::move(token.text));
            break;
        case Token::Kind::StartTag:
            startTag(token);
            break;
        case Token::Kind::EndTag:
            endTag(token.name);
            break;
        }
    }

    Node finish()
    {
        while (m_open.size() > 1)
            pop();
        return std::move(m_open.front());
    }

private:
    void appendText(QString text)
    {
        auto &children = m_open.back().children;
        if (!children.empty() && children.back().isText()) {
            children.back().text += text;
            return;
        }
        Node node;
        node.text = std::move(text);
        children.push_back(std::move(node));
    }

    void pop()
    {
        Node node = std::move(m_open.back());
        m_open.pop_back();
        m_open.back().children.push_back(std::move(node));
    }

    void popThrough(qsizetype index)
    {
        while (qsizetype(m_open.size()) > index)
            pop();
    }

    // Index of the innermost open element named `name`, not looking past an
    // element for which `stop` holds; -1 when there is none.
    template<typename Stop>
    qsizetype find(const QString &name, Stop stop) const
    {
        for (qsizetype i = qsizetype(m_open.size()) - 1; i > 0; --i) {
            if (m_open[i].name == name)
                return i;
            if (stop(m_open[i].name))
                return -1;
        }
        return -1;
    }

    void closeParagraph()
    {
        const qsizetype p = find(u"p"_s, [](const QString &n) {
            return isTableBoundary(n) || n == u"button" || n == u"object" || n == u"applet";
        });
        if (p > 0)
            popThrough(p);
    }

    void closeListItem(const QStringList &names)
    {
        for (qsizetype i = qsizetype(m_open.size()) - 1; i > 0; --i) {
            const QString &n = m_open[i].name;
            if (names.contains(n)) {
                popThrough(i);
                return;
            }
            if (specialElements().contains(n) && n != u"address" && n != u"div" && n != u"p")
                return;
        }
    }

    void closeWithinTable(const QStringList &names)
    {
        for (qsizetype i = qsizetype(m_open.size()) - 1; i > 0; --i) {
            const QString &n = m_open[i].name;
            if (names.contains(n)) {
                popThrough(i);
                return;
            }
            if (n == u"table")
                return;
        }
    }

    void startTag(const Token &token)
    {
        const QString &name = token.name;
        if (name == u"html")
            return;
        if (name == u"body") {
            const qsizetype head = find(u"head"_s, [](const QString &) { return false; });
            if (head > 0)
                popThrough(head);
            return;
        }
        if (paragraphClosers().contains(name))
            closeParagraph();
        if (isHeading(name) && isHeading(m_open.back().name))
            pop();
        if (name == u"li")
            closeListItem({u"li"_s});
        else if (name == u"dd" || name == u"dt")
            closeListItem({u"dd"_s, u"dt"_s});
        else if (name == u"td" || name == u"th")
            closeWithinTable({u"td"_s, u"th"_s});
        else if (name == u"tr")
            closeWithinTable({u"tr"_s});
        else if (name == u"thead" || name == u"tbody" || name == u"tfoot")
            closeWithinTable({u"thead"_s, u"tbody"_s, u"tfoot"_s});
        else if (name == u"a") {
            const qsizetype open = find(u"a"_s, isTableBoundary);
            if (open > 0)
                popThrough(open);
        }

        Node node;
        node.type = Node::Type::Element;
        node.name = name;
        node.attributes = token.attributes;
        // Word's XML islands (o:p, st1:…) may close themselves; HTML elements may not.
        const bool selfClosed = token.selfClosing && name.contains(u':');
        if (voidElements().contains(name) || selfClosed) {
            m_open.back().children.push_back(std::move(node));
            return;
        }
        if (qsizetype(m_open.size()) >= maxDepth)
            return;
        m_open.push_back(std::move(node));
    }

    void endTag(const QString &name)
    {
        if (name == u"html" || name == u"body")
            return;
        if (name == u"br") {
            Token br;
            br.kind = Token::Kind::StartTag;
            br.name = u"br"_s;
            startTag(br);
            return;
        }
        if (name == u"p") {
            closeParagraph();
            return;
        }
        if (name == u"li" || name == u"dd" || name == u"dt") {
            const qsizetype open = find(name,
                [](const QString &n) { return isTableBoundary(n) || n == u"ul" || n == u"ol"; });
            if (open > 0)
                popThrough(open);
            return;
        }
        if (isHeading(name)) {
            for (qsizetype i = qsizetype(m_open.size()) - 1; i > 0; --i) {
                if (isHeading(m_open[i].name)) {
                    popThrough(i);
                    return;
                }
                if (isTableBoundary(m_open[i].name))
                    return;
            }
            return;
        }
        if (name == u"table") {
            const qsizetype open = find(name, [](const QString &) { return false; });
            if (open > 0)
                popThrough(open);
            return;
        }
        if (name == u"tbody" || name == u"thead" || name == u"tfoot" || name == u"tr"
            || name == u"td" || name == u"th" || name == u"caption") {
            const qsizetype open = find(name, [](const QString &n) { return n == u"table"; });
            if (open > 0)
                popThrough(open);
            return;
        }
        // Any other end tag closes its element unless a block or table boundary
        // is in the way: a stray </b> must not close the paragraph around it.
        const bool special = specialElements().contains(name);
        const qsizetype open = find(name, [special](const QString &n) {
            return isTableBoundary(n) || (!special && specialElements().contains(n));
        });
        if (open > 0)
            popThrough(open);
    }

    std::vector<Node> m_open;
};

} // namespace

QString Node::attribute(QStringView attributeName) const
{
    for (const auto &attribute : attributes) {
        if (attribute.first == attributeName)
            return attribute.second.isNull() ? u""_s : attribute.second;
    }
    return {};
}

bool Node::hasAttribute(QStringView attributeName) const
{
    return std::any_of(attributes.cbegin(), attributes.cend(),
        [&](const auto &attribute) { return attribute.first == attributeName; });
}

Node parse(const QString &html)
{
    Tokenizer tokenizer(html);
    std::vector<Token> tokens = tokenizer.tokens();
    TreeBuilder builder;
    for (Token &token : tokens)
        builder.add(token);
    return builder.finish();
}

QString decodeEntities(QStringView text, bool inAttribute)
{
    if (!text.contains(u'&'))
        return text.toString();
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c != u'&') {
            out.append(c);
            ++i;
            continue;
        }
        if (i + 1 < n && text.at(i + 1) == u'#') {
            qsizetype j = i + 2;
            const bool hex = j < n && (text.at(j) == u'x' || text.at(j) == u'X');
            if (hex)
                ++j;
            const qsizetype digitsStart = j;
            char32_t value = 0;
            bool overflow = false;
            while (j < n) {
                const QChar d = text.at(j);
                int digit = -1;
                if (d >= u'0' && d <= u'9')
                    digit = d.unicode() - u'0';
                else if (hex && d >= u'a' && d <= u'f')
                    digit = d.unicode() - u'a' + 10;
                else if (hex && d >= u'A' && d <= u'F')
                    digit = d.unicode() - u'A' + 10;
                if (digit < 0)
                    break;
                value = value * (hex ? 16 : 10) + char32_t(digit);
                if (value > 0x10FFFF) {
                    overflow = true;
                    value = 0x110000;
                }
                ++j;
            }
            if (j == digitsStart) {
                out.append(c);
                ++i;
                continue;
            }
            if (j < n && text.at(j) == u';')
                ++j;
            appendCodePoint(out, overflow ? 0xFFFD : value);
            i = j;
            continue;
        }
        qsizetype j = i + 1;
        while (j < n && isAsciiAlnum(text.at(j)) && j - i <= 32)
            ++j;
        const QString name = text.mid(i + 1, j - i - 1).toString();
        const bool terminated = j < n && text.at(j) == u';';
        if (terminated) {
            const auto found = entityTable().constFind(name);
            if (found != entityTable().constEnd()) {
                appendCodePoint(out, found.value());
                i = j + 1;
                continue;
            }
        } else {
            // Longest legacy name that prefixes the run ("&copy2" in text is ©2).
            bool matched = false;
            for (const char *legacy : legacyEntities) {
                const QLatin1StringView legacyName(legacy);
                if (!name.startsWith(legacyName))
                    continue;
                const qsizetype after = i + 1 + legacyName.size();
                const QChar next = after < n ? text.at(after) : QChar();
                if (inAttribute && (isAsciiAlnum(next) || next == u'='))
                    continue;
                appendCodePoint(out, entityTable().value(QString(legacyName)));
                i = after;
                matched = true;
                break;
            }
            if (matched)
                continue;
        }
        out.append(c);
        ++i;
    }
    return out;
}

QString escapeText(QStringView text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;"_s;
            break;
        case u'<':
            out += u"&lt;"_s;
            break;
        case u'>':
            out += u"&gt;"_s;
            break;
        case 0x00A0:
            out += u"&nbsp;"_s;
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString escapeAttribute(QStringView text)
{
    QString out = escapeText(text);
    out.replace(u'"', u"&quot;"_s);
    return out;
}

} // namespace daftar::newsroom::html
