#include "HtmlBody.h"

#include "HtmlTree.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace daftar::newsroom::body {

using html::Node;

namespace {

constexpr char16_t lri = 0x2066;
constexpr char16_t rli = 0x2067;
constexpr char16_t fsi = 0x2068;
constexpr char16_t pdi = 0x2069;
constexpr char16_t nbsp = 0x00A0;
constexpr int maxColumnSpan = 100;
constexpr int maxImageSide = 10000;
// As deep as quotes go: the editor's document keeps no more levels.
constexpr int maxQuoteDepth = 16;

// --- reading HTML -----------------------------------------------------------------

// What an element means to the body, whatever it is called.
enum class Role {
    Drop, // gone with its content
    Transparent, // unwrapped: its content stays where it is
    Container, // a block boundary around its content (div, p, section…)
    Heading,
    Preformatted,
    Quote,
    List,
    ListItem,
    Table,
    Figure,
    Rule,
    Break,
    Image,
    Strong,
    Emphasis,
    Underline,
    Strike,
    Subscript,
    Superscript,
    Code,
    Link,
    Isolate,
};

Role roleOf(const QString &name)
{
    static const QHash<QString, Role> roles = [] {
        QHash<QString, Role> r;
        for (const char *n : {"script", "style", "iframe", "object", "embed", "form", "head",
                 "title", "template", "svg", "math", "xml", "select", "textarea", "button", "input",
                 "applet", "audio", "video", "canvas", "map", "noscript", "meta", "link", "base",
                 "frame", "frameset", "param", "source", "track", "area", "option", "optgroup",
                 "datalist", "output", "progress", "meter", "dialog", "wbr", "noembed", "noframes",
                 "colgroup", "col", "picture"})
            r.insert(QString::fromLatin1(n), Role::Drop);
        for (const char *n : {"p", "div", "section", "article", "header", "footer", "main", "aside",
                 "nav", "center", "address", "details", "summary", "dl", "dd", "dt", "fieldset",
                 "legend", "hgroup", "caption", "figcaption", "tr", "td", "th", "thead", "tbody",
                 "tfoot", "body", "html"})
            r.insert(QString::fromLatin1(n), Role::Container);
        for (const char *n : {"h1", "h2", "h3", "h4", "h5", "h6"})
            r.insert(QString::fromLatin1(n), Role::Heading);
        for (const char *n : {"pre", "xmp", "listing", "plaintext"})
            r.insert(QString::fromLatin1(n), Role::Preformatted);
        for (const char *n : {"ul", "ol", "menu", "dir"})
            r.insert(QString::fromLatin1(n), Role::List);
        for (const char *n : {"b", "strong"})
            r.insert(QString::fromLatin1(n), Role::Strong);
        for (const char *n : {"i", "em"})
            r.insert(QString::fromLatin1(n), Role::Emphasis);
        for (const char *n : {"u", "ins"})
            r.insert(QString::fromLatin1(n), Role::Underline);
        for (const char *n : {"s", "strike", "del"})
            r.insert(QString::fromLatin1(n), Role::Strike);
        for (const char *n : {"code", "tt", "kbd", "samp"})
            r.insert(QString::fromLatin1(n), Role::Code);
        for (const char *n : {"bdi", "bdo"})
            r.insert(QString::fromLatin1(n), Role::Isolate);
        r.insert(u"blockquote"_s, Role::Quote);
        r.insert(u"li"_s, Role::ListItem);
        r.insert(u"table"_s, Role::Table);
        r.insert(u"figure"_s, Role::Figure);
        r.insert(u"hr"_s, Role::Rule);
        r.insert(u"br"_s, Role::Break);
        r.insert(u"img"_s, Role::Image);
        r.insert(u"image"_s, Role::Image);
        r.insert(u"sub"_s, Role::Subscript);
        r.insert(u"sup"_s, Role::Superscript);
        r.insert(u"a"_s, Role::Link);
        return r;
    }();
    const auto found = roles.constFind(name);
    if (found != roles.constEnd())
        return found.value();
    if (name.startsWith(u"v:"))
        return Role::Drop; // Word's VML drawings; the picture is also there as an <img>
    return Role::Transparent;
}

bool isBlockRole(Role role)
{
    switch (role) {
    case Role::Container:
    case Role::Heading:
    case Role::Preformatted:
    case Role::Quote:
    case Role::List:
    case Role::ListItem:
    case Role::Table:
    case Role::Figure:
    case Role::Rule:
        return true;
    default:
        return false;
    }
}

using Style = QHash<QString, QString>;

Style styleOf(const Node &node)
{
    Style result;
    const QString style = node.attribute(u"style");
    if (style.isEmpty())
        return result;
    for (QStringView declaration : QStringView(style).split(u';')) {
        const qsizetype colon = declaration.indexOf(u':');
        if (colon < 0)
            continue;
        const QString property = declaration.left(colon).trimmed().toString().toLower();
        QString value = declaration.mid(colon + 1).toString().toLower();
        value.remove(u"!important"_s);
        result.insert(property, value.trimmed());
    }
    return result;
}

// Hidden content stays hidden: display:none, Word's mso-hide and the list
// numbers Word writes as text next to its real numbering (mso-list:Ignore).
bool isHidden(const Node &node, const Style &style)
{
    if (node.hasAttribute(u"hidden"))
        return true;
    return style.value(u"display"_s) == u"none" || style.value(u"visibility"_s) == u"hidden"
        || style.value(u"mso-hide"_s) == u"all" || style.value(u"mso-list"_s).startsWith(u"ignore");
}

bool isWhitespace(QStringView text)
{
    return std::all_of(text.begin(), text.end(),
        [](QChar c) { return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f'; });
}

std::optional<Direction> directionValue(const QString &value)
{
    const QString v = value.trimmed().toLower();
    if (v == u"ltr")
        return Direction::LeftToRight;
    if (v == u"rtl")
        return Direction::RightToLeft;
    if (v == u"auto")
        return Direction::Auto;
    return std::nullopt;
}

std::optional<Direction> ownDirection(const Node &node, const Style &style, bool block)
{
    if (node.hasAttribute(u"dir"))
        return directionValue(node.attribute(u"dir"));
    if (block && style.contains(u"direction"_s)) {
        const auto direction = directionValue(style.value(u"direction"_s));
        if (direction != Direction::Auto)
            return direction;
    }
    return std::nullopt;
}

// The forced direction of a block: its own ltr/rtl, else what it inherits. An
// explicit "auto" inherits too, since the dialect writes no dir="auto" on blocks.
Direction blockDirection(const Node &node, const Style &style, Direction inherited)
{
    const auto own = ownDirection(node, style, true);
    return own && *own != Direction::Auto ? *own : inherited;
}

struct Context
{
    Format format;
    Direction direction = Direction::Auto; // inherited by blocks inside
    bool spaceRun = false; // inside Word's mso-spacerun: its no-break spaces are plain spaces
};

int weightValue(const QString &value)
{
    if (value == u"bold" || value == u"bolder")
        return 700;
    if (value == u"normal" || value == u"lighter")
        return 400;
    bool ok = false;
    const int number = value.toInt(&ok);
    return ok ? number : 0;
}

Context enter(const Node &node, Role role, const Context &outer, const Style &style)
{
    Context context = outer;
    Format &format = context.format;
    switch (role) {
    case Role::Strong:
        format.strong = true;
        break;
    case Role::Emphasis:
        format.emphasis = true;
        break;
    case Role::Underline:
        format.underline = true;
        break;
    case Role::Strike:
        format.strike = true;
        break;
    case Role::Subscript:
        format.position = Format::Position::Subscript;
        break;
    case Role::Superscript:
        format.position = Format::Position::Superscript;
        break;
    case Role::Code:
        format.code = true;
        break;
    case Role::Link:
        if (node.hasAttribute(u"href")) {
            format.href = node.attribute(u"href");
            format.title = node.attribute(u"title");
        }
        break;
    default:
        break;
    }
    // Editors such as Google Docs say bold and italic with styles, and wrap a
    // whole paste in <b style="font-weight:normal">.
    if (const int weight = weightValue(style.value(u"font-weight"_s)); weight > 0)
        format.strong = weight >= 600;
    const QString fontStyle = style.value(u"font-style"_s);
    if (fontStyle == u"italic" || fontStyle == u"oblique")
        format.emphasis = true;
    else if (fontStyle == u"normal")
        format.emphasis = false;
    const QString decoration
        = style.value(u"text-decoration"_s) + u' ' + style.value(u"text-decoration-line"_s);
    if (decoration.contains(u"underline"))
        format.underline = true;
    if (decoration.contains(u"line-through"))
        format.strike = true;
    const QString verticalAlign = style.value(u"vertical-align"_s);
    if (verticalAlign == u"super")
        format.position = Format::Position::Superscript;
    else if (verticalAlign == u"sub")
        format.position = Format::Position::Subscript;
    if (style.value(u"mso-spacerun"_s) == u"yes")
        context.spaceRun = true;
    return context;
}

int dimensionValue(const QString &value)
{
    QString v = value.trimmed().toLower();
    if (v.endsWith(u"px"))
        v.chop(2);
    bool ok = false;
    const int number = v.toInt(&ok);
    return ok && number > 0 && number <= maxImageSide ? number : 0;
}

int spanValue(const QString &value)
{
    qsizetype end = 0;
    const QString v = value.trimmed();
    while (end < v.size() && v.at(end) >= u'0' && v.at(end) <= u'9' && end < 6)
        ++end;
    const int number = v.left(end).toInt();
    return number > 0 ? number : 1;
}

Inline imageToken(const Node &node, const Format &format)
{
    Inline token;
    token.kind = Inline::Kind::Image;
    token.format = format;
    token.image.src = node.attribute(u"src");
    if (node.hasAttribute(u"alt"))
        token.image.alt = node.attribute(u"alt");
    token.image.width = dimensionValue(node.attribute(u"width"));
    token.image.height = dimensionValue(node.attribute(u"height"));
    return token;
}

Inline isolateToken(Inline::Kind kind, Direction direction)
{
    Inline token;
    token.kind = kind;
    token.direction = direction;
    token.fromElement = true;
    return token;
}

QString textFor(const Node &node, const Context &context)
{
    if (!context.spaceRun)
        return node.text;
    QString text = node.text;
    text.replace(QChar(nbsp), u' ');
    return text;
}

// The text of a <pre>, with <br> and nested blocks as line ends.
void appendPreText(QString &out, const Node &node)
{
    for (const Node &child : node.children) {
        if (child.isText()) {
            out += child.text;
            continue;
        }
        if (isHidden(child, styleOf(child)))
            continue;
        const Role role = roleOf(child.name);
        if (role == Role::Drop || role == Role::Image)
            continue;
        if (role == Role::Break) {
            out += u'\n';
            continue;
        }
        const bool block = isBlockRole(role);
        if (block && !out.isEmpty() && !out.endsWith(u'\n'))
            out += u'\n';
        appendPreText(out, child);
        if (block && !out.endsWith(u'\n'))
            out += u'\n';
    }
}

// Inline content of something that can only hold one line of blocks (a heading,
// a list item, a figure): nested blocks become lines separated by <br>.
class InlineCollector
{
public:
    void addChildren(const Node &node, const Context &context)
    {
        for (const Node &child : node.children)
            add(child, context);
    }

    void add(const Node &node, const Context &context)
    {
        if (node.isText()) {
            append(Inline::makeText(textFor(node, context), context.format));
            return;
        }
        const Style style = styleOf(node);
        if (isHidden(node, style))
            return;
        const Role role = roleOf(node.name);
        Context inner = enter(node, role, context, style);
        switch (role) {
        case Role::Drop:
            return;
        case Role::Break:
            append(Inline::makeBreak(context.format));
            return;
        case Role::Image:
            append(imageToken(node, context.format));
            return;
        case Role::Rule:
            boundary();
            return;
        case Role::Preformatted: {
            QString text;
            appendPreText(text, node);
            Format code = context.format;
            code.code = true;
            boundary();
            const QStringList lines = text.split(u'\n');
            for (qsizetype i = 0; i < lines.size(); ++i) {
                if (i > 0)
                    append(Inline::makeBreak(code));
                append(Inline::makeText(lines.at(i), code));
            }
            boundary();
            return;
        }
        default:
            break;
        }
        if (isBlockRole(role)) {
            boundary();
            addChildren(node, inner);
            boundary();
            return;
        }
        const auto direction = ownDirection(node, style, false);
        if (role == Role::Isolate || direction) {
            const Direction d = direction.value_or(Direction::Auto);
            append(isolateToken(Inline::Kind::Open, d));
            addChildren(node, inner);
            append(isolateToken(Inline::Kind::Close, d));
            return;
        }
        addChildren(node, inner);
    }

    // What follows starts on a new line.
    void boundary() { m_breakPending = true; }

    Inlines take()
    {
        m_breakPending = false;
        m_visible = false;
        return std::exchange(m_out, {});
    }

private:
    void append(Inline token)
    {
        const bool whitespace = token.kind == Inline::Kind::Text && isWhitespace(token.text);
        if (m_breakPending) {
            if (whitespace)
                return;
            if (m_visible && token.kind != Inline::Kind::Close)
                m_out.push_back(Inline::makeBreak());
            if (token.kind != Inline::Kind::Close)
                m_breakPending = false;
        }
        if ((token.kind == Inline::Kind::Text && !whitespace) || token.kind == Inline::Kind::Image)
            m_visible = true;
        m_out.push_back(std::move(token));
    }

    Inlines m_out;
    bool m_breakPending = false;
    bool m_visible = false;
};

struct WordListParagraph
{
    const Node *node = nullptr;
    QString list;
    int level = 1;
};

// Word writes list items as paragraphs styled "mso-list:l0 level1 lfo1", with
// the number or bullet as hidden text; they become a real list again.
std::optional<WordListParagraph> wordListParagraph(const Node &node)
{
    if (!node.isElement() || (node.name != u"p" && node.name != u"div"))
        return std::nullopt;
    const QString value = styleOf(node).value(u"mso-list"_s);
    if (value.isEmpty() || value.startsWith(u"ignore") || value == u"none")
        return std::nullopt;
    WordListParagraph paragraph;
    paragraph.node = &node;
    const QStringList parts = value.split(u' ', Qt::SkipEmptyParts);
    paragraph.list = parts.value(0);
    for (const QString &part : parts) {
        if (part.startsWith(u"level")) {
            const int level = part.mid(5).toInt();
            if (level > 0)
                paragraph.level = level;
        }
    }
    return paragraph;
}

void appendAllText(QString &out, const Node &node)
{
    for (const Node &child : node.children) {
        if (child.isText())
            out += child.text;
        else
            appendAllText(out, child);
    }
}

const Node *wordListMarker(const Node &node)
{
    for (const Node &child : node.children) {
        if (!child.isElement())
            continue;
        if (styleOf(child).value(u"mso-list"_s).startsWith(u"ignore"))
            return &child;
        if (const Node *found = wordListMarker(child))
            return found;
    }
    return nullptr;
}

// "1." "a)" "iv." number a list; "·" "o" "§" "-" are bullets.
bool isOrderedMarker(const Node &paragraph)
{
    const Node *marker = wordListMarker(paragraph);
    if (!marker)
        return false;
    QString text;
    appendAllText(text, *marker);
    text = text.simplified().remove(QChar(nbsp)).remove(u' ');
    if (text.size() < 2 || (!text.endsWith(u'.') && !text.endsWith(u')')))
        return false;
    const QStringView body = QStringView(text).chopped(1);
    return std::all_of(body.begin(), body.end(), [](QChar c) { return c.isLetterOrNumber(); });
}

bool containsTableParts(const Node &node)
{
    for (const Node &child : node.children) {
        if (!child.isElement() || child.name == u"table")
            continue;
        if (child.name == u"tr" || child.name == u"td" || child.name == u"th"
            || child.name == u"thead" || child.name == u"tbody" || child.name == u"tfoot")
            return true;
        if (containsTableParts(child))
            return true;
    }
    return false;
}

class FlowBuilder
{
public:
    void addChildren(const Node &node, const Context &context)
    {
        const auto &children = node.children;
        for (size_t i = 0; i < children.size(); ++i) {
            if (wordListParagraph(children[i])) {
                std::vector<WordListParagraph> run;
                size_t j = i;
                for (; j < children.size(); ++j) {
                    if (auto paragraph = wordListParagraph(children[j]))
                        run.push_back(*paragraph);
                    else if (!(children[j].isText() && isWhitespace(children[j].text)))
                        break;
                }
                addWordList(run, context);
                i = j - 1;
                continue;
            }
            add(children[i], context);
        }
    }

    void add(const Node &node, const Context &context)
    {
        if (node.isText()) {
            appendInline(Inline::makeText(textFor(node, context), context.format), context);
            return;
        }
        const Style style = styleOf(node);
        if (isHidden(node, style))
            return;
        const Role role = roleOf(node.name);
        Context inner = enter(node, role, context, style);
        const Direction direction = blockDirection(node, style, context.direction);
        switch (role) {
        case Role::Drop:
            return;
        case Role::Break:
            appendInline(Inline::makeBreak(context.format), context);
            return;
        case Role::Image:
            appendInline(imageToken(node, context.format), context);
            return;
        case Role::Container:
            flush();
            inner.direction = direction;
            addChildren(node, inner);
            flush();
            return;
        case Role::Heading: {
            flush();
            Block block;
            block.kind = Block::Kind::Heading;
            block.level = node.name.at(1).unicode() - u'0';
            block.direction = direction;
            inner.direction = direction;
            InlineCollector collector;
            collector.addChildren(node, inner);
            block.inlines = collector.take();
            m_flow.push_back(std::move(block));
            return;
        }
        case Role::Preformatted: {
            flush();
            Block block;
            block.kind = Block::Kind::Preformatted;
            block.direction = direction;
            appendPreText(block.text, node);
            m_flow.push_back(std::move(block));
            return;
        }
        case Role::Quote: {
            flush();
            Block block;
            block.kind = Block::Kind::Quote;
            inner.direction = direction;
            FlowBuilder quote;
            quote.addChildren(node, inner);
            block.children = quote.take();
            m_flow.push_back(std::move(block));
            return;
        }
        case Role::List: {
            flush();
            Block block;
            block.kind = Block::Kind::List;
            block.list = buildList(node, inner, direction);
            m_flow.push_back(std::move(block));
            return;
        }
        case Role::ListItem: {
            flush();
            Block block;
            block.kind = Block::Kind::List;
            block.list.items = buildListItems(node, context, style);
            m_flow.push_back(std::move(block));
            return;
        }
        case Role::Table:
            addTable(node, inner, direction);
            return;
        case Role::Figure:
            flush();
            m_flow.push_back(buildFigure(node, inner, direction));
            return;
        case Role::Rule: {
            flush();
            Block block;
            block.kind = Block::Kind::Rule;
            m_flow.push_back(std::move(block));
            return;
        }
        default:
            break;
        }
        const auto own = ownDirection(node, style, false);
        if (role == Role::Isolate || own) {
            const Direction d = own.value_or(Direction::Auto);
            appendInline(isolateToken(Inline::Kind::Open, d), context);
            if (d != Direction::Auto)
                inner.direction = d;
            addChildren(node, inner);
            appendInline(isolateToken(Inline::Kind::Close, d), context);
            return;
        }
        addChildren(node, inner);
    }

    Flow take()
    {
        flush();
        return std::exchange(m_flow, {});
    }

private:
    void appendInline(Inline token, const Context &context)
    {
        const bool whitespace = token.kind == Inline::Kind::Text && isWhitespace(token.text);
        if (!m_directionSet && !whitespace) {
            m_pendingDirection = context.direction;
            m_directionSet = true;
        }
        m_pending.push_back(std::move(token));
    }

    void flush()
    {
        if (!m_pending.empty()) {
            Block block;
            block.direction = m_directionSet ? m_pendingDirection : Direction::Auto;
            block.inlines = std::exchange(m_pending, {});
            m_flow.push_back(std::move(block));
        }
        m_directionSet = false;
    }

    static List buildList(const Node &node, const Context &context, Direction direction)
    {
        List list;
        list.ordered = node.name == u"ol";
        Context inner = context;
        inner.direction = direction;
        for (const Node &child : node.children) {
            if (child.isText()) {
                if (isWhitespace(child.text))
                    continue;
                ListItem item;
                item.direction = direction;
                item.inlines.push_back(Inline::makeText(child.text, context.format));
                list.items.push_back(std::move(item));
                continue;
            }
            const Style style = styleOf(child);
            if (isHidden(child, style))
                continue;
            const Role role = roleOf(child.name);
            if (role == Role::Drop)
                continue;
            if (role == Role::ListItem) {
                for (ListItem &item : buildListItems(child, inner, style))
                    list.items.push_back(std::move(item));
            } else if (role == Role::List) {
                // A list straight inside a list belongs to the item before it.
                if (list.items.empty()) {
                    ListItem item;
                    item.direction = direction;
                    list.items.push_back(std::move(item));
                }
                ListItem &last = list.items.back();
                Context nested = enter(child, role, inner, style);
                last.children.push_back(
                    buildList(child, nested, blockDirection(child, style, last.direction)));
            } else {
                InlineCollector collector;
                collector.add(child, inner);
                ListItem item;
                item.direction = direction;
                item.inlines = collector.take();
                list.items.push_back(std::move(item));
            }
        }
        return list;
    }

    // One <li>, or several when text follows a nested list (a list item is one
    // line of text followed by its sublists).
    static std::vector<ListItem> buildListItems(
        const Node &node, const Context &context, const Style &style)
    {
        const Direction direction = blockDirection(node, style, context.direction);
        Context inner = enter(node, Role::ListItem, context, style);
        inner.direction = direction;
        std::vector<ListItem> items;
        ListItem item;
        item.direction = direction;
        InlineCollector collector;
        bool nested = false;
        for (const Node &child : node.children) {
            const Style childStyle = child.isElement() ? styleOf(child) : Style();
            const bool isList = child.isElement() && roleOf(child.name) == Role::List
                && !isHidden(child, childStyle);
            if (isList) {
                if (!nested) {
                    item.inlines = collector.take();
                    nested = true;
                }
                Context listContext = enter(child, Role::List, inner, childStyle);
                item.children.push_back(
                    buildList(child, listContext, blockDirection(child, childStyle, direction)));
                continue;
            }
            if (nested) {
                if (child.isText() && isWhitespace(child.text))
                    continue;
                items.push_back(std::exchange(item, {}));
                item.direction = direction;
                nested = false;
            }
            collector.add(child, inner);
        }
        if (!nested)
            item.inlines = collector.take();
        items.push_back(std::move(item));
        return items;
    }

    void addWordList(const std::vector<WordListParagraph> &run, const Context &context)
    {
        flush();
        size_t i = 0;
        while (i < run.size()) {
            Block block;
            block.kind = Block::Kind::List;
            block.list = wordListLevel(run, i, run[i].level, run[i].list, context);
            m_flow.push_back(std::move(block));
        }
    }

    static List wordListLevel(const std::vector<WordListParagraph> &run, size_t &i, int level,
        const QString &id, const Context &context)
    {
        List list;
        list.ordered = isOrderedMarker(*run[i].node);
        while (i < run.size() && run[i].list == id) {
            const WordListParagraph &paragraph = run[i];
            if (paragraph.level < level)
                break;
            if (paragraph.level == level) {
                const Style style = styleOf(*paragraph.node);
                ListItem item;
                item.direction = blockDirection(*paragraph.node, style, context.direction);
                Context inner = enter(*paragraph.node, Role::Container, context, style);
                inner.direction = item.direction;
                InlineCollector collector;
                collector.addChildren(*paragraph.node, inner);
                item.inlines = collector.take();
                list.items.push_back(std::move(item));
                ++i;
                continue;
            }
            if (list.items.empty()) {
                ListItem item;
                item.direction = context.direction;
                list.items.push_back(std::move(item));
            }
            Context nested = context;
            nested.direction = list.items.back().direction;
            list.items.back().children.push_back(
                wordListLevel(run, i, paragraph.level, id, nested));
        }
        return list;
    }

    enum class Section { Header, Body, Footer };

    struct TableRows
    {
        std::vector<std::vector<Cell>> header;
        std::vector<std::vector<Cell>> body;
        std::vector<std::vector<Cell>> footer;

        std::vector<std::vector<Cell>> &of(Section section)
        {
            return section == Section::Header ? header : section == Section::Body ? body : footer;
        }
    };

    static Cell buildCell(const Node &node, const Context &context)
    {
        const Style style = styleOf(node);
        Cell cell;
        cell.header = node.name == u"th";
        cell.columnSpan = spanValue(node.attribute(u"colspan"));
        cell.rowSpan = spanValue(node.attribute(u"rowspan"));
        Context inner = enter(node, Role::Container, context, style);
        inner.direction = blockDirection(node, style, context.direction);
        FlowBuilder content;
        content.addChildren(node, inner);
        cell.content = content.take();
        return cell;
    }

    static void collectCells(const Node &parent, const Context &context, std::vector<Cell> &cells,
        std::vector<const Node *> &foster)
    {
        for (const Node &child : parent.children) {
            if (child.isText()) {
                if (!isWhitespace(child.text))
                    foster.push_back(&child);
                continue;
            }
            const Style style = styleOf(child);
            if (isHidden(child, style) || roleOf(child.name) == Role::Drop)
                continue;
            if (child.name == u"td" || child.name == u"th")
                cells.push_back(buildCell(child, context));
            else if (containsTableParts(child))
                collectCells(child, context, cells, foster);
            else
                foster.push_back(&child);
        }
    }

    static void collectRows(const Node &parent, Section section, const Context &context,
        TableRows &rows, std::vector<const Node *> &foster)
    {
        bool implicitRow = false;
        for (const Node &child : parent.children) {
            if (child.isText()) {
                if (!isWhitespace(child.text)) {
                    foster.push_back(&child);
                    implicitRow = false;
                }
                continue;
            }
            const Style style = styleOf(child);
            if (isHidden(child, style) || roleOf(child.name) == Role::Drop)
                continue;
            const QString &name = child.name;
            Context inner = context;
            inner.direction = blockDirection(child, style, context.direction);
            if (name == u"thead" || name == u"tbody" || name == u"tfoot") {
                const Section childSection = name == u"thead" ? Section::Header
                    : name == u"tbody"                        ? Section::Body
                                                              : Section::Footer;
                collectRows(child, childSection, inner, rows, foster);
                implicitRow = false;
            } else if (name == u"tr") {
                std::vector<Cell> cells;
                collectCells(child, inner, cells, foster);
                rows.of(section).push_back(std::move(cells));
                implicitRow = false;
            } else if (name == u"td" || name == u"th") {
                if (!implicitRow) {
                    rows.of(section).emplace_back();
                    implicitRow = true;
                }
                rows.of(section).back().push_back(buildCell(child, context));
            } else if (name == u"caption") {
                foster.push_back(&child);
            } else if (containsTableParts(child)) {
                collectRows(child, section, context, rows, foster);
                implicitRow = false;
            } else {
                foster.push_back(&child);
                implicitRow = false;
            }
        }
    }

    // Text that stands in a table outside its cells (and the caption) is shown
    // before the table, as browsers do.
    void addTable(const Node &node, const Context &context, Direction direction)
    {
        flush();
        Block block;
        block.kind = Block::Kind::Table;
        block.table.direction = direction;
        Context inner = context;
        inner.direction = direction;
        TableRows rows;
        std::vector<const Node *> foster;
        collectRows(node, Section::Body, inner, rows, foster);
        for (const Node *fostered : foster)
            add(*fostered, context);
        flush();
        Table &table = block.table;
        table.headerRows = int(rows.header.size());
        for (auto *part : {&rows.header, &rows.body, &rows.footer}) {
            for (auto &row : *part)
                table.rows.push_back(std::move(row));
        }
        m_flow.push_back(std::move(block));
    }

    static Block buildFigure(const Node &node, const Context &context, Direction direction)
    {
        Block block;
        block.kind = Block::Kind::Figure;
        block.direction = direction;
        Context inner = context;
        inner.direction = direction;
        InlineCollector content;
        InlineCollector caption;
        for (const Node &child : node.children) {
            if (child.isElement() && child.name == u"figcaption") {
                const Style style = styleOf(child);
                if (isHidden(child, style))
                    continue;
                if (!block.hasCaption) {
                    block.hasCaption = true;
                    block.captionDirection = blockDirection(child, style, direction);
                } else {
                    caption.boundary();
                }
                Context captionContext = enter(child, Role::Container, inner, style);
                captionContext.direction = block.captionDirection;
                caption.addChildren(child, captionContext);
                continue;
            }
            content.add(child, inner);
        }
        block.inlines = content.take();
        block.caption = caption.take();
        return block;
    }

    Flow m_flow;
    Inlines m_pending;
    Direction m_pendingDirection = Direction::Auto;
    bool m_directionSet = false;
};

// --- normalising --------------------------------------------------------------------

bool isCollapsible(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f' || c == 0x2028
        || c == 0x2029;
}

// Characters no body should hold: controls, the document's own object and
// frame markers, non-characters and byte order marks.
bool isDropped(char16_t c)
{
    return (c < 0x20 && !isCollapsible(c)) || (c >= 0x7F && c <= 0x9F) || c == 0xFFFC || c == 0xFFFE
        || c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF) || c == 0xFEFF;
}

bool isInvisible(char32_t c)
{
    return c == u' ' || c == nbsp || QChar::category(c) == QChar::Other_Format;
}

QString simplifiedText(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (!isDropped(c.unicode()))
            out += c;
    }
    return out.simplified();
}

Format canonicalFormat(Format format, bool plainWeight)
{
    if (plainWeight)
        format.strong = false;
    if (!format.href.isEmpty())
        format.href = allowedLinkUrl(format.href);
    if (format.href.isEmpty())
        format.title.clear();
    else
        format.title = simplifiedText(format.title);
    return format;
}

// Characters to clean text; isolate controls to Open/Close; bad URLs out.
Inlines expand(const Inlines &tokens, bool plainWeight)
{
    Inlines out;
    out.reserve(tokens.size());
    for (const Inline &token : tokens) {
        switch (token.kind) {
        case Inline::Kind::Text: {
            const Format format = canonicalFormat(token.format, plainWeight);
            QString text;
            const QString &source = token.text;
            const qsizetype n = source.size();
            auto flushText = [&] {
                if (!text.isEmpty())
                    out.push_back(Inline::makeText(std::exchange(text, {}), format));
            };
            for (qsizetype i = 0; i < n; ++i) {
                const char16_t c = source.at(i).unicode();
                if (QChar::isHighSurrogate(c)) {
                    if (i + 1 < n && QChar::isLowSurrogate(source.at(i + 1).unicode())) {
                        text += source.at(i);
                        text += source.at(i + 1);
                        ++i;
                    }
                    continue;
                }
                if (QChar::isLowSurrogate(c) || isDropped(c))
                    continue;
                if (c == lri || c == rli || c == fsi || c == pdi) {
                    flushText();
                    Inline isolate;
                    isolate.kind = c == pdi ? Inline::Kind::Close : Inline::Kind::Open;
                    isolate.direction = c == lri ? Direction::LeftToRight
                        : c == rli               ? Direction::RightToLeft
                                                 : Direction::Auto;
                    out.push_back(std::move(isolate));
                    continue;
                }
                text += isCollapsible(c) ? QChar(u' ') : QChar(c);
            }
            flushText();
            break;
        }
        case Inline::Kind::Break: {
            Inline br = token;
            br.format = canonicalFormat(token.format, plainWeight);
            out.push_back(std::move(br));
            break;
        }
        case Inline::Kind::Image: {
            Inline image = token;
            image.format = canonicalFormat(token.format, plainWeight);
            image.image.src = allowedImageUrl(token.image.src);
            if (image.image.src.isEmpty())
                break;
            if (image.image.alt)
                image.image.alt = simplifiedText(*image.image.alt);
            if (image.image.width < 0 || image.image.width > maxImageSide)
                image.image.width = 0;
            if (image.image.height < 0 || image.image.height > maxImageSide)
                image.image.height = 0;
            out.push_back(std::move(image));
            break;
        }
        case Inline::Kind::Open:
        case Inline::Kind::Close:
            out.push_back(token);
            break;
        }
    }
    return out;
}

// Pairs isolates: a PDI closes the innermost isolate opened by a control
// character, an element's end closes everything opened inside it, unmatched
// closes go and unclosed isolates end with the block. An ltr/rtl isolate
// inside text already running that way carries nothing and is unwrapped.
Inlines balance(const Inlines &tokens, Direction blockDirection)
{
    struct Frame
    {
        bool fromElement = false;
        Direction direction = Direction::Auto;
        bool kept = true;
    };
    std::vector<Frame> stack;
    Inlines out;
    out.reserve(tokens.size());
    auto enclosing = [&] {
        for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
            if (it->kept)
                return it->direction;
        }
        return blockDirection;
    };
    auto closeTop = [&] {
        if (stack.back().kept) {
            Inline close;
            close.kind = Inline::Kind::Close;
            close.direction = stack.back().direction;
            out.push_back(std::move(close));
        }
        stack.pop_back();
    };
    for (const Inline &token : tokens) {
        if (token.kind == Inline::Kind::Open) {
            const bool redundant
                = token.direction != Direction::Auto && token.direction == enclosing();
            stack.push_back({token.fromElement, token.direction, !redundant});
            if (!redundant) {
                Inline open;
                open.kind = Inline::Kind::Open;
                open.direction = token.direction;
                out.push_back(std::move(open));
            }
        } else if (token.kind == Inline::Kind::Close) {
            if (token.fromElement) {
                auto element = std::find_if(stack.rbegin(), stack.rend(),
                    [](const Frame &frame) { return frame.fromElement; });
                if (element == stack.rend())
                    continue;
                const size_t index = size_t(std::distance(element, stack.rend())) - 1;
                while (stack.size() > index)
                    closeTop();
            } else if (!stack.empty() && !stack.back().fromElement) {
                closeTop();
            }
        } else {
            out.push_back(token);
        }
    }
    while (!stack.empty())
        closeTop();
    return out;
}

// Whitespace as a browser shows it: runs are one space, none at line starts.
void collapseWhitespace(Inlines &tokens)
{
    bool lineStart = true;
    bool lastSpace = true;
    for (Inline &token : tokens) {
        switch (token.kind) {
        case Inline::Kind::Text: {
            QString text;
            text.reserve(token.text.size());
            for (const QChar c : std::as_const(token.text)) {
                if (c == u' ') {
                    if (!lastSpace)
                        text += c;
                    lastSpace = true;
                } else if (c == QChar(nbsp) && lineStart) {
                    continue;
                } else {
                    text += c;
                    lastSpace = false;
                    lineStart = false;
                }
            }
            token.text = text;
            break;
        }
        case Inline::Kind::Break:
            lineStart = true;
            lastSpace = true;
            break;
        case Inline::Kind::Image:
            lineStart = false;
            lastSpace = false;
            break;
        default:
            break;
        }
    }
}

void trimBefore(Inlines &tokens, qsizetype end)
{
    for (qsizetype i = end - 1; i >= 0; --i) {
        Inline &token = tokens[i];
        if (token.kind == Inline::Kind::Open || token.kind == Inline::Kind::Close)
            continue;
        if (token.kind != Inline::Kind::Text)
            return;
        while (!token.text.isEmpty()
            && (token.text.back() == u' ' || token.text.back() == QChar(nbsp)))
            token.text.chop(1);
        if (!token.text.isEmpty())
            return;
    }
}

void trimLineEnds(Inlines &tokens)
{
    for (qsizetype i = 0; i < qsizetype(tokens.size()); ++i) {
        if (tokens[i].kind == Inline::Kind::Break)
            trimBefore(tokens, i);
    }
    trimBefore(tokens, qsizetype(tokens.size()));
}

bool isPlaceholder(const Inline &token)
{
    return token.kind == Inline::Kind::Open || token.kind == Inline::Kind::Close
        || (token.kind == Inline::Kind::Text && token.text.isEmpty());
}

void dropEdgeBreaks(Inlines &tokens)
{
    while (true) {
        auto first = std::find_if_not(tokens.begin(), tokens.end(), isPlaceholder);
        if (first == tokens.end() || first->kind != Inline::Kind::Break)
            break;
        tokens.erase(first);
    }
    while (true) {
        auto last = std::find_if_not(tokens.rbegin(), tokens.rend(), isPlaceholder);
        if (last == tokens.rend() || last->kind != Inline::Kind::Break)
            break;
        tokens.erase(std::next(last).base());
    }
}

Inlines compact(Inlines &tokens)
{
    Inlines out;
    out.reserve(tokens.size());
    for (Inline &token : tokens) {
        if (token.kind == Inline::Kind::Text) {
            if (token.text.isEmpty())
                continue;
            if (!out.empty() && out.back().kind == Inline::Kind::Text
                && out.back().format == token.format) {
                out.back().text += token.text;
                continue;
            }
        } else if (token.kind == Inline::Kind::Close) {
            if (!out.empty() && out.back().kind == Inline::Kind::Open) {
                out.pop_back();
                continue;
            }
        }
        out.push_back(std::move(token));
    }
    return out;
}

void normalizeInlines(Inlines &tokens, Direction direction, bool plainWeight)
{
    Inlines balanced = balance(expand(tokens, plainWeight), direction);
    collapseWhitespace(balanced);
    trimLineEnds(balanced);
    dropEdgeBreaks(balanced);
    tokens = compact(balanced);
}

QString cleanPreText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == u'\r') {
            out += u'\n';
            if (i + 1 < n && text.at(i + 1) == u'\n')
                ++i;
            continue;
        }
        if (c == 0x2028 || c == 0x2029 || c == u'\f') {
            out += u'\n';
            continue;
        }
        if (c == u'\n' || c == u'\t' || !isDropped(c))
            out += QChar(c);
    }
    return out;
}

QString trimBlankLines(const QString &text)
{
    QStringList lines = text.split(u'\n');
    auto blank = [](const QString &line) {
        return std::all_of(line.begin(), line.end(), [](QChar c) { return c.isSpace(); });
    };
    while (!lines.isEmpty() && blank(lines.front()))
        lines.removeFirst();
    while (!lines.isEmpty() && blank(lines.back()))
        lines.removeLast();
    return lines.join(u'\n');
}

void normalizeFlow(Flow &flow, bool plainWeight, int quoteDepth);

void normalizeList(List &list, bool plainWeight)
{
    std::vector<ListItem> items;
    for (ListItem &item : list.items) {
        normalizeInlines(item.inlines, item.direction, plainWeight);
        if (isBlank(item.inlines))
            item.inlines.clear();
        std::vector<List> children;
        for (List &child : item.children) {
            normalizeList(child, plainWeight);
            if (!child.items.empty())
                children.push_back(std::move(child));
        }
        item.children = std::move(children);
        if (!item.inlines.empty() || !item.children.empty())
            items.push_back(std::move(item));
    }
    list.items = std::move(items);
}

// The grid a browser lays out: each cell takes the next free column, spans are
// cut where they would overlap or leave their row group, and short rows are
// padded with empty cells so the table is a rectangle.
bool normalizeTable(Table &table, bool plainWeight)
{
    const int rowCount = int(table.rows.size());
    if (rowCount == 0)
        return false;
    table.headerRows = std::clamp(table.headerRows, 0, rowCount);
    std::vector<std::vector<bool>> occupied(static_cast<size_t>(rowCount));
    auto isOccupied = [&](int row, int column) {
        const auto &cells = occupied[size_t(row)];
        return size_t(column) < cells.size() && cells[size_t(column)];
    };
    auto occupy = [&](int row, int column) {
        auto &cells = occupied[size_t(row)];
        if (cells.size() <= size_t(column))
            cells.resize(size_t(column) + 1, false);
        cells[size_t(column)] = true;
    };
    int width = 0;
    for (int r = 0; r < rowCount; ++r) {
        const int sectionEnd = r < table.headerRows ? table.headerRows : rowCount;
        int column = 0;
        for (Cell &cell : table.rows[size_t(r)]) {
            while (isOccupied(r, column))
                ++column;
            int columnSpan = std::clamp(cell.columnSpan, 1, maxColumnSpan);
            for (int k = 1; k < columnSpan; ++k) {
                if (isOccupied(r, column + k)) {
                    columnSpan = k;
                    break;
                }
            }
            const int rowSpan = std::clamp(cell.rowSpan, 1, sectionEnd - r);
            for (int rr = r; rr < r + rowSpan; ++rr) {
                for (int cc = column; cc < column + columnSpan; ++cc)
                    occupy(rr, cc);
            }
            cell.column = column;
            cell.columnSpan = columnSpan;
            cell.rowSpan = rowSpan;
            column += columnSpan;
            width = std::max(width, column);
        }
    }
    if (width == 0)
        return false;
    for (int r = 0; r < rowCount; ++r) {
        std::vector<Cell> &row = table.rows[size_t(r)];
        std::vector<Cell> padded;
        size_t next = 0;
        for (int column = 0; column < width; ++column) {
            if (next < row.size() && row[next].column == column) {
                padded.push_back(std::move(row[next]));
                ++next;
            } else if (!isOccupied(r, column)) {
                Cell empty;
                empty.column = column;
                padded.push_back(std::move(empty));
            }
        }
        for (Cell &cell : padded)
            normalizeFlow(cell.content, plainWeight || cell.header, 0);
        row = std::move(padded);
    }
    table.columns = width;
    return true;
}

// Quotes next to each other are one quote, preformatted blocks next to each
// other one block; blank lines around preformatted text go.
void tidy(Flow &flow)
{
    bool changed = true;
    while (changed) {
        changed = false;
        Flow merged;
        for (Block &block : flow) {
            if (!merged.empty()) {
                Block &last = merged.back();
                if (last.kind == Block::Kind::Quote && block.kind == Block::Kind::Quote) {
                    for (Block &child : block.children)
                        last.children.push_back(std::move(child));
                    tidy(last.children);
                    continue;
                }
                if (last.kind == Block::Kind::Preformatted
                    && block.kind == Block::Kind::Preformatted
                    && last.direction == block.direction) {
                    last.text += u'\n' + block.text;
                    continue;
                }
            }
            merged.push_back(std::move(block));
        }
        Flow kept;
        for (Block &block : merged) {
            if (block.kind == Block::Kind::Preformatted) {
                block.text = trimBlankLines(block.text);
                if (block.text.isEmpty()) {
                    changed = true;
                    continue;
                }
            }
            if (block.kind == Block::Kind::Quote && block.children.empty()) {
                changed = true;
                continue;
            }
            kept.push_back(std::move(block));
        }
        flow = std::move(kept);
    }
}

void normalizeFlow(Flow &flow, bool plainWeight, int quoteDepth)
{
    // Quotes nested deeper than the editor keeps give up their innermost level.
    if (quoteDepth >= maxQuoteDepth) {
        Flow flattened;
        for (Block &block : flow) {
            if (block.kind == Block::Kind::Quote) {
                for (Block &child : block.children)
                    flattened.push_back(std::move(child));
            } else {
                flattened.push_back(std::move(block));
            }
        }
        flow = std::move(flattened);
        if (std::any_of(flow.begin(), flow.end(),
                [](const Block &block) { return block.kind == Block::Kind::Quote; })) {
            normalizeFlow(flow, plainWeight, quoteDepth);
            return;
        }
    }
    Flow out;
    for (Block &block : flow) {
        switch (block.kind) {
        case Block::Kind::Paragraph:
            normalizeInlines(block.inlines, block.direction, plainWeight);
            if (isBlank(block.inlines))
                continue;
            break;
        case Block::Kind::Heading:
            block.level = std::clamp(block.level, 2, 4);
            normalizeInlines(block.inlines, block.direction, true);
            if (isBlank(block.inlines))
                continue;
            break;
        case Block::Kind::Preformatted:
            block.text = cleanPreText(block.text);
            break;
        case Block::Kind::Quote:
            block.direction = Direction::Auto;
            normalizeFlow(block.children, plainWeight, quoteDepth + 1);
            if (block.children.empty())
                continue;
            break;
        case Block::Kind::List:
            block.direction = Direction::Auto;
            normalizeList(block.list, plainWeight);
            if (block.list.items.empty())
                continue;
            break;
        case Block::Kind::Table:
            block.direction = Direction::Auto;
            if (!normalizeTable(block.table, plainWeight))
                continue;
            break;
        case Block::Kind::Rule:
            block.direction = Direction::Auto;
            break;
        case Block::Kind::Figure:
            normalizeInlines(block.inlines, block.direction, plainWeight);
            if (isBlank(block.inlines))
                block.inlines.clear();
            normalizeInlines(block.caption, block.captionDirection, plainWeight);
            if (isBlank(block.caption)) {
                block.caption.clear();
                block.hasCaption = false;
            }
            if (!block.hasCaption)
                block.captionDirection = Direction::Auto;
            if (block.inlines.empty() && !block.hasCaption)
                continue;
            break;
        }
        out.push_back(std::move(block));
    }
    tidy(out);
    flow = std::move(out);
}

// --- writing ----------------------------------------------------------------------

struct Key
{
    enum class Kind { Link, Strong, Emphasis, Underline, Strike, Subscript, Superscript, Code };
    Kind kind = Kind::Strong;
    QString href;
    QString title;

    bool operator==(const Key &) const = default;
};

std::vector<Key> keysOf(const Format &format)
{
    std::vector<Key> keys;
    if (!format.href.isEmpty())
        keys.push_back({Key::Kind::Link, format.href, format.title});
    if (format.strong)
        keys.push_back({Key::Kind::Strong, {}, {}});
    if (format.emphasis)
        keys.push_back({Key::Kind::Emphasis, {}, {}});
    if (format.underline)
        keys.push_back({Key::Kind::Underline, {}, {}});
    if (format.strike)
        keys.push_back({Key::Kind::Strike, {}, {}});
    if (format.position == Format::Position::Subscript)
        keys.push_back({Key::Kind::Subscript, {}, {}});
    if (format.position == Format::Position::Superscript)
        keys.push_back({Key::Kind::Superscript, {}, {}});
    if (format.code)
        keys.push_back({Key::Kind::Code, {}, {}});
    return keys;
}

bool contains(const std::vector<Key> &keys, const Key &key)
{
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

Format intersection(const Format &a, const Format &b)
{
    Format f;
    if (a.href == b.href && a.title == b.title) {
        f.href = a.href;
        f.title = a.title;
    }
    f.strong = a.strong && b.strong;
    f.emphasis = a.emphasis && b.emphasis;
    f.underline = a.underline && b.underline;
    f.strike = a.strike && b.strike;
    f.position = a.position == b.position ? a.position : Format::Position::Normal;
    f.code = a.code && b.code;
    return f;
}

QString openTag(const Key &key)
{
    switch (key.kind) {
    case Key::Kind::Link:
        return u"<a href=\""_s + html::escapeAttribute(key.href) + u'"'
            + (key.title.isEmpty() ? QString()
                                   : u" title=\""_s + html::escapeAttribute(key.title) + u'"')
            + u'>';
    case Key::Kind::Strong:
        return u"<strong>"_s;
    case Key::Kind::Emphasis:
        return u"<em>"_s;
    case Key::Kind::Underline:
        return u"<u>"_s;
    case Key::Kind::Strike:
        return u"<s>"_s;
    case Key::Kind::Subscript:
        return u"<sub>"_s;
    case Key::Kind::Superscript:
        return u"<sup>"_s;
    case Key::Kind::Code:
        return u"<code>"_s;
    }
    return {};
}

QString closeTag(const Key &key)
{
    switch (key.kind) {
    case Key::Kind::Link:
        return u"</a>"_s;
    case Key::Kind::Strong:
        return u"</strong>"_s;
    case Key::Kind::Emphasis:
        return u"</em>"_s;
    case Key::Kind::Underline:
        return u"</u>"_s;
    case Key::Kind::Strike:
        return u"</s>"_s;
    case Key::Kind::Subscript:
        return u"</sub>"_s;
    case Key::Kind::Superscript:
        return u"</sup>"_s;
    case Key::Kind::Code:
        return u"</code>"_s;
    }
    return {};
}

QString imageHtml(const Image &image)
{
    QString out = u"<img src=\""_s + html::escapeAttribute(image.src) + u'"';
    if (image.alt)
        out += u" alt=\""_s + html::escapeAttribute(*image.alt) + u'"';
    if (image.width > 0)
        out += u" width=\""_s + QString::number(image.width) + u'"';
    if (image.height > 0)
        out += u" height=\""_s + QString::number(image.height) + u'"';
    return out + u'>';
}

// Writes runs with their tags nested in one fixed order, reusing what is
// already open; an isolate keeps outside it only what all of its content shares.
class InlineWriter
{
public:
    InlineWriter(const Inlines &tokens, QString &out)
        : m_tokens(tokens)
        , m_out(out)
    { }

    void write() { write(0, qsizetype(m_tokens.size()), Format()); }

private:
    qsizetype matchingClose(qsizetype open) const
    {
        int depth = 0;
        for (qsizetype i = open; i < qsizetype(m_tokens.size()); ++i) {
            if (m_tokens[size_t(i)].kind == Inline::Kind::Open)
                ++depth;
            else if (m_tokens[size_t(i)].kind == Inline::Kind::Close && --depth == 0)
                return i;
        }
        return qsizetype(m_tokens.size());
    }

    Format sharedFormat(qsizetype begin, qsizetype end, const Format &context) const
    {
        std::optional<Format> shared;
        for (qsizetype i = begin; i < end; ++i) {
            const Inline &token = m_tokens[size_t(i)];
            if (token.kind == Inline::Kind::Open || token.kind == Inline::Kind::Close)
                continue;
            shared = shared ? intersection(*shared, token.format) : token.format;
        }
        return shared.value_or(context);
    }

    void write(qsizetype begin, qsizetype end, const Format &context)
    {
        const std::vector<Key> contextKeys = keysOf(context);
        std::vector<Key> stack;
        auto wanted = [&](const Format &format) {
            std::vector<Key> keys;
            for (const Key &key : keysOf(format)) {
                if (!contains(contextKeys, key))
                    keys.push_back(key);
            }
            return keys;
        };
        auto adjust = [&](const std::vector<Key> &keys) {
            size_t keep = 0;
            while (keep < stack.size() && contains(keys, stack[keep]))
                ++keep;
            while (stack.size() > keep) {
                m_out += closeTag(stack.back());
                stack.pop_back();
            }
            for (const Key &key : keys) {
                if (!contains(stack, key)) {
                    m_out += openTag(key);
                    stack.push_back(key);
                }
            }
        };
        qsizetype i = begin;
        while (i < end) {
            const Inline &token = m_tokens[size_t(i)];
            switch (token.kind) {
            case Inline::Kind::Open: {
                const qsizetype close = std::min(matchingClose(i), end);
                const Format shared = sharedFormat(i + 1, close, context);
                adjust(wanted(shared));
                const bool bdi = token.direction == Direction::Auto;
                m_out += bdi
                    ? u"<bdi>"_s
                    : (token.direction == Direction::LeftToRight ? u"<span dir=\"ltr\">"_s
                                                                 : u"<span dir=\"rtl\">"_s);
                write(i + 1, close, shared);
                m_out += bdi ? u"</bdi>"_s : u"</span>"_s;
                i = close + 1;
                continue;
            }
            case Inline::Kind::Close:
                break;
            case Inline::Kind::Text:
                adjust(wanted(token.format));
                m_out += html::escapeText(token.text);
                break;
            case Inline::Kind::Break:
                adjust(wanted(token.format));
                m_out += u"<br>"_s;
                break;
            case Inline::Kind::Image:
                adjust(wanted(token.format));
                m_out += imageHtml(token.image);
                break;
            }
            ++i;
        }
        adjust({});
    }

    const Inlines &m_tokens;
    QString &m_out;
};

QString inlineHtml(const Inlines &tokens)
{
    QString out;
    InlineWriter(tokens, out).write();
    return out;
}

QString directionAttribute(Direction direction, Direction context)
{
    if (direction == Direction::Auto || direction == context)
        return {};
    return direction == Direction::LeftToRight ? u" dir=\"ltr\""_s : u" dir=\"rtl\""_s;
}

void writeFlow(QString &out, const Flow &flow, Direction context, bool topLevel);

void writeList(QString &out, const List &list, Direction context)
{
    out += list.ordered ? u"<ol>"_s : u"<ul>"_s;
    for (const ListItem &item : list.items) {
        out += u"<li"_s + directionAttribute(item.direction, context) + u'>';
        out += inlineHtml(item.inlines);
        const Direction inner = item.direction == Direction::Auto ? context : item.direction;
        for (const List &child : item.children)
            writeList(out, child, inner);
        out += u"</li>"_s;
    }
    out += list.ordered ? u"</ol>"_s : u"</ul>"_s;
}

void writeTable(QString &out, const Table &table, Direction context)
{
    out += u"<table"_s + directionAttribute(table.direction, context) + u'>';
    const Direction inner = table.direction == Direction::Auto ? context : table.direction;
    auto writeRows = [&](int begin, int end) {
        for (int r = begin; r < end; ++r) {
            out += u"<tr>"_s;
            for (const Cell &cell : table.rows[size_t(r)]) {
                const QString tag = cell.header ? u"th"_s : u"td"_s;
                const bool single = cell.content.size() == 1
                    && cell.content.front().kind == Block::Kind::Paragraph;
                out += u'<' + tag;
                if (single)
                    out += directionAttribute(cell.content.front().direction, inner);
                if (cell.columnSpan > 1)
                    out += u" colspan=\""_s + QString::number(cell.columnSpan) + u'"';
                if (cell.rowSpan > 1)
                    out += u" rowspan=\""_s + QString::number(cell.rowSpan) + u'"';
                out += u'>';
                if (single)
                    out += inlineHtml(cell.content.front().inlines);
                else
                    writeFlow(out, cell.content, inner, false);
                out += u"</"_s + tag + u'>';
            }
            out += u"</tr>"_s;
        }
    };
    const int rowCount = int(table.rows.size());
    if (table.headerRows > 0) {
        out += u"<thead>"_s;
        writeRows(0, table.headerRows);
        out += u"</thead>"_s;
    }
    if (rowCount > table.headerRows) {
        out += u"<tbody>"_s;
        writeRows(table.headerRows, rowCount);
        out += u"</tbody>"_s;
    }
    out += u"</table>"_s;
}

void writeBlock(QString &out, const Block &block, Direction context)
{
    switch (block.kind) {
    case Block::Kind::Paragraph:
        out += u"<p"_s + directionAttribute(block.direction, context) + u'>'
            + inlineHtml(block.inlines) + u"</p>"_s;
        break;
    case Block::Kind::Heading: {
        const QString tag = u'h' + QString::number(block.level);
        out += u'<' + tag + directionAttribute(block.direction, context) + u'>'
            + inlineHtml(block.inlines) + u"</"_s + tag + u'>';
        break;
    }
    case Block::Kind::Preformatted:
        out += u"<pre"_s + directionAttribute(block.direction, context) + u'>'
            + html::escapeText(block.text) + u"</pre>"_s;
        break;
    case Block::Kind::Quote:
        out += u"<blockquote>"_s;
        writeFlow(out, block.children, context, false);
        out += u"</blockquote>"_s;
        break;
    case Block::Kind::List:
        writeList(out, block.list, context);
        break;
    case Block::Kind::Table:
        writeTable(out, block.table, context);
        break;
    case Block::Kind::Rule:
        out += u"<hr>"_s;
        break;
    case Block::Kind::Figure: {
        out += u"<figure"_s + directionAttribute(block.direction, context) + u'>';
        out += inlineHtml(block.inlines);
        if (block.hasCaption) {
            const Direction inner = block.direction == Direction::Auto ? context : block.direction;
            out += u"<figcaption"_s + directionAttribute(block.captionDirection, inner) + u'>'
                + inlineHtml(block.caption) + u"</figcaption>"_s;
        }
        out += u"</figure>"_s;
        break;
    }
    }
}

void writeFlow(QString &out, const Flow &flow, Direction context, bool topLevel)
{
    bool first = true;
    for (const Block &block : flow) {
        if (topLevel && !first)
            out += u'\n';
        first = false;
        writeBlock(out, block, context);
    }
}

QString inlineText(const Inlines &tokens)
{
    QString out;
    for (const Inline &token : tokens) {
        if (token.kind == Inline::Kind::Text)
            out += token.text;
        else if (token.kind == Inline::Kind::Break)
            out += u'\n';
    }
    return out;
}

void appendLine(QStringList &lines, const QString &line)
{
    if (!line.trimmed().isEmpty())
        lines.append(line);
}

void listText(QStringList &lines, const List &list)
{
    for (const ListItem &item : list.items) {
        appendLine(lines, inlineText(item.inlines));
        for (const List &child : item.children)
            listText(lines, child);
    }
}

void flowText(QStringList &lines, const Flow &flow)
{
    for (const Block &block : flow) {
        switch (block.kind) {
        case Block::Kind::Paragraph:
        case Block::Kind::Heading:
            appendLine(lines, inlineText(block.inlines));
            break;
        case Block::Kind::Preformatted:
            lines.append(block.text);
            break;
        case Block::Kind::Quote:
            flowText(lines, block.children);
            break;
        case Block::Kind::List:
            listText(lines, block.list);
            break;
        case Block::Kind::Table:
            for (const auto &row : block.table.rows) {
                for (const Cell &cell : row)
                    flowText(lines, cell.content);
            }
            break;
        case Block::Kind::Rule:
            break;
        case Block::Kind::Figure:
            appendLine(lines, inlineText(block.inlines));
            appendLine(lines, inlineText(block.caption));
            break;
        }
    }
}

QString cleanedUrl(const QString &url)
{
    QString out;
    out.reserve(url.size());
    for (const QChar c : url) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            continue; // browsers drop tabs and newlines anywhere in a URL
        out += c;
    }
    return out.trimmed();
}

// The scheme in lower case; empty for a relative URL; null when the text
// before the first ':' is not a scheme at all (which is refused).
QString schemeOf(const QString &url)
{
    const qsizetype colon = url.indexOf(u':');
    qsizetype delimiter = -1;
    for (const char16_t d : {u'/', u'?', u'#'}) {
        const qsizetype at = url.indexOf(QChar(d));
        if (at >= 0 && (delimiter < 0 || at < delimiter))
            delimiter = at;
    }
    if (colon < 0 || (delimiter >= 0 && delimiter < colon))
        return u""_s;
    const QString scheme = url.left(colon).toLower();
    const bool valid = !scheme.isEmpty() && scheme.at(0) >= u'a' && scheme.at(0) <= u'z'
        && std::all_of(scheme.begin(), scheme.end(), [](QChar c) {
               return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'+' || c == u'-'
                   || c == u'.';
           });
    return valid ? scheme : QString();
}

} // namespace

Inline Inline::makeText(QString text, const Format &format)
{
    Inline token;
    token.text = std::move(text);
    token.format = format;
    return token;
}

Inline Inline::makeBreak(const Format &format)
{
    Inline token;
    token.kind = Kind::Break;
    token.format = format;
    return token;
}

Flow parseHtml(const QString &html)
{
    const Node root = html::parse(html);
    FlowBuilder builder;
    builder.addChildren(root, Context());
    return builder.take();
}

Flow parsePlainText(const QString &text)
{
    QString normalized = text;
    normalized.replace(u"\r\n"_s, u"\n"_s);
    normalized.replace(u'\r', u'\n');
    Flow flow;
    Block paragraph;
    auto flush = [&] {
        if (!paragraph.inlines.empty())
            flow.push_back(std::exchange(paragraph, {}));
    };
    for (const QString &line : normalized.split(u'\n')) {
        if (line.trimmed().isEmpty()) {
            flush();
            continue;
        }
        if (!paragraph.inlines.empty())
            paragraph.inlines.push_back(Inline::makeBreak());
        paragraph.inlines.push_back(Inline::makeText(line));
    }
    flush();
    return flow;
}

void normalize(Flow &flow)
{
    normalizeFlow(flow, false, 0);
}

bool isBlank(const Inlines &inlines)
{
    for (const Inline &token : inlines) {
        if (token.kind == Inline::Kind::Image)
            return false;
        if (token.kind != Inline::Kind::Text)
            continue;
        const QList<uint> codePoints = token.text.toUcs4();
        for (const uint c : codePoints) {
            if (!isInvisible(c))
                return false;
        }
    }
    return true;
}

QString toHtml(const Flow &flow)
{
    QString out;
    writeFlow(out, flow, Direction::Auto, true);
    return out;
}

QString toPlainText(const Flow &flow)
{
    QStringList lines;
    flowText(lines, flow);
    return lines.join(u'\n');
}

QString allowedLinkUrl(const QString &url)
{
    const QString cleaned = cleanedUrl(url);
    const QString scheme = schemeOf(cleaned);
    if (cleaned.isEmpty() || scheme.isNull())
        return {};
    if (scheme.isEmpty() || scheme == u"http" || scheme == u"https" || scheme == u"mailto")
        return cleaned;
    return {};
}

QString allowedImageUrl(const QString &url)
{
    const QString cleaned = cleanedUrl(url);
    const QString scheme = schemeOf(cleaned);
    if (scheme == u"http" || scheme == u"https" || scheme == u"daftar-media")
        return cleaned;
    if (scheme == u"data" && QStringView(cleaned).mid(5).startsWith(u"image/", Qt::CaseInsensitive))
        return cleaned;
    return {};
}

} // namespace daftar::newsroom::body
