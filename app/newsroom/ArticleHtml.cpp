#include "ArticleHtml.h"

#include "HtmlBody.h"

#include <QColor>
#include <QFont>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace daftar::newsroom {

namespace {

using namespace body;

// What the body dialect has and QTextFormat has no property for.
constexpr int figureRoleProperty = QTextFormat::UserProperty + 0x4401;
constexpr int headerCellProperty = QTextFormat::UserProperty + 0x4402;
constexpr int tableQuoteLevelProperty = QTextFormat::UserProperty + 0x4403;
enum FigureRole { NoFigure = 0, FigureContent = 1, FigureCaption = 2 };

constexpr int quoteIndent = 30;
constexpr int maxQuoteLevel = 16;
constexpr char16_t lri = 0x2066;
constexpr char16_t rli = 0x2067;
constexpr char16_t fsi = 0x2068;
constexpr char16_t pdi = 0x2069;

Direction directionOf(const QTextFormat &format)
{
    if (!format.hasProperty(QTextFormat::LayoutDirection))
        return Direction::Auto;
    switch (format.layoutDirection()) {
    case Qt::LeftToRight:
        return Direction::LeftToRight;
    case Qt::RightToLeft:
        return Direction::RightToLeft;
    default:
        return Direction::Auto;
    }
}

void setDirection(QTextFormat &format, Direction direction)
{
    if (direction == Direction::LeftToRight)
        format.setLayoutDirection(Qt::LeftToRight);
    else if (direction == Direction::RightToLeft)
        format.setLayoutDirection(Qt::RightToLeft);
}

bool isOrdered(const QTextList *list)
{
    switch (list->format().style()) {
    case QTextListFormat::ListDecimal:
    case QTextListFormat::ListLowerAlpha:
    case QTextListFormat::ListUpperAlpha:
    case QTextListFormat::ListLowerRoman:
    case QTextListFormat::ListUpperRoman:
        return true;
    default:
        return false;
    }
}

// --- document → body -------------------------------------------------------------

Format formatOf(const QTextCharFormat &charFormat)
{
    Format format;
    format.strong = charFormat.fontWeight() >= QFont::DemiBold;
    format.emphasis = charFormat.fontItalic();
    format.underline = charFormat.fontUnderline();
    format.strike = charFormat.fontStrikeOut();
    format.code = charFormat.fontFixedPitch();
    if (charFormat.verticalAlignment() == QTextCharFormat::AlignSubScript)
        format.position = Format::Position::Subscript;
    else if (charFormat.verticalAlignment() == QTextCharFormat::AlignSuperScript)
        format.position = Format::Position::Superscript;
    if (charFormat.isAnchor() && !charFormat.anchorHref().isEmpty()) {
        format.href = charFormat.anchorHref();
        format.title = charFormat.toolTip();
    }
    return format;
}

Inlines inlinesOf(const QTextBlock &block)
{
    Inlines out;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        if (!fragment.isValid())
            continue;
        const QTextCharFormat charFormat = fragment.charFormat();
        const Format format = formatOf(charFormat);
        const QString text = fragment.text();
        if (charFormat.isImageFormat()) {
            const QTextImageFormat imageFormat = charFormat.toImageFormat();
            for (const QChar c : text) {
                if (c != QChar::ObjectReplacementCharacter)
                    continue;
                Inline image;
                image.kind = Inline::Kind::Image;
                image.format = format;
                image.image.src = imageFormat.name();
                if (imageFormat.hasProperty(QTextFormat::ImageAltText))
                    image.image.alt = imageFormat.stringProperty(QTextFormat::ImageAltText);
                if (imageFormat.hasProperty(QTextFormat::ImageWidth))
                    image.image.width = qRound(imageFormat.width());
                if (imageFormat.hasProperty(QTextFormat::ImageHeight))
                    image.image.height = qRound(imageFormat.height());
                out.push_back(std::move(image));
            }
            continue;
        }
        QString run;
        for (const QChar c : text) {
            if (c == QChar::LineSeparator) {
                if (!run.isEmpty())
                    out.push_back(Inline::makeText(std::exchange(run, {}), format));
                out.push_back(Inline::makeBreak(format));
                continue;
            }
            run += c;
        }
        if (!run.isEmpty())
            out.push_back(Inline::makeText(run, format));
    }
    return out;
}

class DocumentReader
{
public:
    Flow read(QTextFrame::iterator it)
    {
        Flow root;
        for (; !it.atEnd(); ++it) {
            if (QTextFrame *frame = it.currentFrame()) {
                flushLists(root);
                m_lastFigureLevel = -1;
                if (auto *table = qobject_cast<QTextTable *>(frame)) {
                    const int level = std::clamp(
                        table->format().intProperty(tableQuoteLevelProperty), 0, maxQuoteLevel);
                    target(root, level).push_back(readTable(table));
                } else {
                    for (Block &block : DocumentReader().read(frame->begin()))
                        root.push_back(std::move(block));
                }
                continue;
            }
            const QTextBlock block = it.currentBlock();
            if (block.isValid())
                readBlock(root, block);
        }
        flushLists(root);
        return root;
    }

private:
    struct ListEntry
    {
        QTextList *list = nullptr;
        int indent = 0;
        ListItem item;
    };

    // The flow that blocks of a quote level go into: the last quote's content
    // when the previous block was in the same quote, a new quote otherwise.
    static Flow &target(Flow &root, int level)
    {
        Flow *flow = &root;
        for (int k = 0; k < level; ++k) {
            if (flow->empty() || flow->back().kind != Block::Kind::Quote) {
                Block quote;
                quote.kind = Block::Kind::Quote;
                flow->push_back(std::move(quote));
            }
            flow = &flow->back().children;
        }
        return *flow;
    }

    void readBlock(Flow &root, const QTextBlock &block)
    {
        const QTextBlockFormat format = block.blockFormat();
        const int level
            = std::clamp(format.intProperty(QTextFormat::BlockQuoteLevel), 0, maxQuoteLevel);
        const Direction direction = directionOf(format);
        if (QTextList *list = block.textList()) {
            if (!m_entries.empty() && m_entriesLevel != level)
                flushLists(root);
            m_entriesLevel = level;
            ListEntry entry;
            entry.list = list;
            entry.indent = list->format().indent();
            entry.item.direction = direction;
            entry.item.inlines = inlinesOf(block);
            m_entries.push_back(std::move(entry));
            m_lastFigureLevel = -1;
            return;
        }
        flushLists(root);
        const int figureRole = format.intProperty(figureRoleProperty);
        if (figureRole == FigureCaption && m_lastFigureLevel == level) {
            Block &figure = target(root, level).back();
            figure.hasCaption = true;
            figure.captionDirection = direction;
            figure.caption = inlinesOf(block);
            m_lastFigureLevel = -1;
            return;
        }
        m_lastFigureLevel = -1;
        Block out;
        out.direction = direction;
        if (format.hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth)) {
            out.kind = Block::Kind::Rule;
        } else if (format.nonBreakableLines() || format.hasProperty(QTextFormat::BlockCodeFence)) {
            out.kind = Block::Kind::Preformatted;
            out.text = block.text();
            out.text.replace(QChar::LineSeparator, u'\n');
        } else if (format.headingLevel() > 0) {
            out.kind = Block::Kind::Heading;
            out.level = format.headingLevel();
            out.inlines = inlinesOf(block);
        } else if (figureRole == FigureContent) {
            out.kind = Block::Kind::Figure;
            out.inlines = inlinesOf(block);
            m_lastFigureLevel = level;
        } else if (figureRole == FigureCaption) {
            out.kind = Block::Kind::Figure;
            out.hasCaption = true;
            out.captionDirection = direction;
            out.direction = Direction::Auto;
            out.caption = inlinesOf(block);
        } else {
            out.inlines = inlinesOf(block);
        }
        target(root, level).push_back(std::move(out));
    }

    // Consecutive list items become lists: a QTextList is one list, its indent
    // the nesting depth; a deeper list belongs to the item before it.
    void flushLists(Flow &root)
    {
        if (m_entries.empty())
            return;
        struct Open
        {
            QTextList *list;
            int indent;
            List model;
        };
        std::vector<Open> stack;
        std::vector<List> lists;
        auto closeTop = [&] {
            Open top = std::move(stack.back());
            stack.pop_back();
            if (stack.empty())
                lists.push_back(std::move(top.model));
            else
                stack.back().model.items.back().children.push_back(std::move(top.model));
        };
        for (ListEntry &entry : m_entries) {
            while (!stack.empty()
                && (stack.back().indent > entry.indent
                    || (stack.back().indent == entry.indent && stack.back().list != entry.list)))
                closeTop();
            if (!stack.empty() && stack.back().list == entry.list) {
                stack.back().model.items.push_back(std::move(entry.item));
                continue;
            }
            Open open {entry.list, entry.indent, List()};
            open.model.ordered = isOrdered(entry.list);
            open.model.items.push_back(std::move(entry.item));
            stack.push_back(std::move(open));
        }
        while (!stack.empty())
            closeTop();
        Flow &flow = target(root, m_entriesLevel);
        for (List &list : lists) {
            Block block;
            block.kind = Block::Kind::List;
            block.list = std::move(list);
            flow.push_back(std::move(block));
        }
        m_entries.clear();
    }

    static Block readTable(QTextTable *table)
    {
        Block block;
        block.kind = Block::Kind::Table;
        const QTextTableFormat format = table->format();
        block.table.direction = directionOf(format);
        block.table.headerRows = format.headerRowCount();
        for (int r = 0; r < table->rows(); ++r) {
            std::vector<Cell> row;
            for (int c = 0; c < table->columns(); ++c) {
                const QTextTableCell cell = table->cellAt(r, c);
                if (!cell.isValid() || cell.row() != r || cell.column() != c)
                    continue;
                Cell out;
                out.header = cell.format().boolProperty(headerCellProperty);
                out.columnSpan = cell.columnSpan();
                out.rowSpan = cell.rowSpan();
                out.content = DocumentReader().read(cell.begin());
                row.push_back(std::move(out));
            }
            block.table.rows.push_back(std::move(row));
        }
        return block;
    }

    std::vector<ListEntry> m_entries;
    int m_entriesLevel = 0;
    int m_lastFigureLevel = -1;
};

// --- body → document ---------------------------------------------------------------

QTextCharFormat headingFormat(int level)
{
    QTextCharFormat format;
    format.setFontWeight(QFont::Bold);
    format.setProperty(QTextFormat::FontSizeAdjustment, 4 - level);
    return format;
}

QTextCharFormat monospaceFormat()
{
    QTextCharFormat format;
    format.setFontFixedPitch(true);
    format.setFontFamilies(QStringList {u"monospace"_s});
    return format;
}

QTextCharFormat charFormat(QTextCharFormat base, const Format &format)
{
    if (format.strong)
        base.setFontWeight(QFont::Bold);
    if (format.emphasis)
        base.setFontItalic(true);
    if (format.underline)
        base.setFontUnderline(true);
    if (format.strike)
        base.setFontStrikeOut(true);
    if (format.code) {
        base.setFontFixedPitch(true);
        base.setFontFamilies(QStringList {u"monospace"_s});
    }
    if (format.position == Format::Position::Subscript)
        base.setVerticalAlignment(QTextCharFormat::AlignSubScript);
    else if (format.position == Format::Position::Superscript)
        base.setVerticalAlignment(QTextCharFormat::AlignSuperScript);
    if (!format.href.isEmpty()) {
        base.setAnchor(true);
        base.setAnchorHref(format.href);
        if (!format.title.isEmpty())
            base.setToolTip(format.title);
        base.setForeground(QColor(0x1a, 0x5f, 0xb4));
    }
    return base;
}

QTextBlockFormat blockFormat(Direction direction, int quoteLevel)
{
    QTextBlockFormat format;
    setDirection(format, direction);
    if (quoteLevel > 0) {
        format.setProperty(QTextFormat::BlockQuoteLevel, quoteLevel);
        format.setLeftMargin(quoteIndent * quoteLevel);
        format.setRightMargin(quoteIndent * quoteLevel);
    }
    return format;
}

class DocumentWriter
{
public:
    DocumentWriter(const QTextCursor &cursor, bool fresh)
        : m_cursor(cursor)
        , m_fresh(fresh)
    { }

    // `plainWeight`: inside a header cell, whose text is bold anyway.
    void writeFlow(const Flow &flow, int quoteLevel, bool plainWeight)
    {
        const QTextCharFormat plain = plainWeight ? headingFormat(4) : QTextCharFormat();
        for (const Block &block : flow) {
            switch (block.kind) {
            case Block::Kind::Paragraph: {
                QTextBlockFormat format = blockFormat(block.direction, quoteLevel);
                format.setBottomMargin(6);
                startBlock(format);
                writeInlines(block.inlines, plain);
                break;
            }
            case Block::Kind::Heading: {
                QTextBlockFormat format = blockFormat(block.direction, quoteLevel);
                format.setHeadingLevel(block.level);
                format.setTopMargin(12);
                format.setBottomMargin(6);
                startBlock(format);
                writeInlines(block.inlines, headingFormat(block.level));
                break;
            }
            case Block::Kind::Preformatted:
                for (const QString &line : block.text.split(u'\n')) {
                    QTextBlockFormat format = blockFormat(block.direction, quoteLevel);
                    format.setNonBreakableLines(true);
                    startBlock(format);
                    if (!line.isEmpty())
                        m_cursor.insertText(line, monospaceFormat());
                }
                break;
            case Block::Kind::Quote:
                writeFlow(block.children, quoteLevel + 1, plainWeight);
                break;
            case Block::Kind::List:
                writeList(block.list, quoteLevel, 1, plain);
                break;
            case Block::Kind::Table:
                writeTable(block.table, quoteLevel);
                break;
            case Block::Kind::Rule: {
                QTextBlockFormat format = blockFormat(Direction::Auto, quoteLevel);
                format.setProperty(QTextFormat::BlockTrailingHorizontalRulerWidth,
                    QTextLength(QTextLength::PercentageLength, 100));
                startBlock(format);
                break;
            }
            case Block::Kind::Figure: {
                QTextBlockFormat format = blockFormat(block.direction, quoteLevel);
                format.setProperty(figureRoleProperty, FigureContent);
                format.setAlignment(Qt::AlignHCenter);
                startBlock(format);
                writeInlines(block.inlines, plain);
                if (block.hasCaption) {
                    QTextBlockFormat caption = blockFormat(block.captionDirection, quoteLevel);
                    caption.setProperty(figureRoleProperty, FigureCaption);
                    caption.setAlignment(Qt::AlignHCenter);
                    caption.setBottomMargin(6);
                    startBlock(caption);
                    writeInlines(block.caption, plain);
                }
                break;
            }
            }
        }
    }

private:
    void startBlock(const QTextBlockFormat &format)
    {
        if (m_fresh)
            m_cursor.setBlockFormat(format);
        else
            m_cursor.insertBlock(format, QTextCharFormat());
        m_fresh = false;
    }

    void writeInlines(const Inlines &tokens, const QTextCharFormat &base)
    {
        for (const Inline &token : tokens) {
            switch (token.kind) {
            case Inline::Kind::Text:
                m_cursor.insertText(token.text, charFormat(base, token.format));
                break;
            case Inline::Kind::Break:
                m_cursor.insertText(QString(QChar::LineSeparator), charFormat(base, token.format));
                break;
            case Inline::Kind::Image: {
                QTextImageFormat image;
                image.merge(charFormat(base, token.format));
                image.setName(token.image.src);
                if (token.image.width > 0)
                    image.setWidth(token.image.width);
                if (token.image.height > 0)
                    image.setHeight(token.image.height);
                if (token.image.alt)
                    image.setProperty(QTextFormat::ImageAltText, *token.image.alt);
                m_cursor.insertImage(image);
                break;
            }
            case Inline::Kind::Open: {
                const char16_t control = token.direction == Direction::LeftToRight ? lri
                    : token.direction == Direction::RightToLeft                    ? rli
                                                                                   : fsi;
                m_cursor.insertText(QString(QChar(control)), base);
                break;
            }
            case Inline::Kind::Close:
                m_cursor.insertText(QString(QChar(pdi)), base);
                break;
            }
        }
    }

    void writeList(const List &list, int quoteLevel, int depth, const QTextCharFormat &base)
    {
        QTextListFormat format;
        if (list.ordered)
            format.setStyle(QTextListFormat::ListDecimal);
        else
            format.setStyle(depth % 3 == 1 ? QTextListFormat::ListDisc
                    : depth % 3 == 2       ? QTextListFormat::ListCircle
                                           : QTextListFormat::ListSquare);
        format.setIndent(depth);
        QTextList *textList = nullptr;
        for (const ListItem &item : list.items) {
            startBlock(blockFormat(item.direction, quoteLevel));
            if (!textList)
                textList = m_cursor.createList(format);
            else
                textList->add(m_cursor.block());
            writeInlines(item.inlines, base);
            for (const List &child : item.children)
                writeList(child, quoteLevel, depth + 1, base);
        }
    }

    void writeTable(const Table &table, int quoteLevel)
    {
        QTextTableFormat format;
        format.setHeaderRowCount(table.headerRows);
        format.setBorder(1);
        format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        format.setBorderCollapse(true);
        format.setCellPadding(4);
        format.setCellSpacing(0);
        format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
        setDirection(format, table.direction);
        if (quoteLevel > 0) {
            format.setProperty(tableQuoteLevelProperty, quoteLevel);
            format.setLeftMargin(quoteIndent * quoteLevel);
            format.setRightMargin(quoteIndent * quoteLevel);
        }
        const int rows = int(table.rows.size());
        QTextTable *textTable = m_cursor.insertTable(rows, table.columns, format);
        for (int r = 0; r < rows; ++r) {
            for (const Cell &cell : table.rows[size_t(r)]) {
                if (cell.rowSpan > 1 || cell.columnSpan > 1)
                    textTable->mergeCells(r, cell.column, cell.rowSpan, cell.columnSpan);
            }
        }
        for (int r = 0; r < rows; ++r) {
            for (const Cell &cell : table.rows[size_t(r)]) {
                QTextTableCell textCell = textTable->cellAt(r, cell.column);
                DocumentWriter(textCell.firstCursorPosition(), true)
                    .writeFlow(cell.content, 0, cell.header);
                if (cell.header) {
                    QTextTableCellFormat cellFormat = textCell.format().toTableCellFormat();
                    cellFormat.setProperty(headerCellProperty, true);
                    textCell.setFormat(cellFormat);
                }
            }
        }
        m_cursor.setPosition(textTable->lastPosition() + 1);
        m_fresh = true;
    }

    QTextCursor m_cursor;
    bool m_fresh = true;
};

Flow sanitizedFlow(const QString &html)
{
    Flow flow = parseHtml(html);
    normalize(flow);
    return flow;
}

void markTableHeaders(QTextFrame *frame)
{
    for (QTextFrame *child : frame->childFrames()) {
        if (auto *table = qobject_cast<QTextTable *>(child)) {
            QTextTableFormat format = table->format();
            if (format.headerRowCount() == 0 && table->rows() > 0) {
                format.setHeaderRowCount(1);
                table->setFormat(format);
            }
            for (int c = 0; c < table->columns(); ++c) {
                QTextTableCell cell = table->cellAt(0, c);
                QTextTableCellFormat cellFormat = cell.format().toTableCellFormat();
                cellFormat.setProperty(headerCellProperty, true);
                cell.setFormat(cellFormat);
            }
        }
        markTableHeaders(child);
    }
}

} // namespace

QString sanitizeHtml(const QString &html)
{
    return toHtml(sanitizedFlow(html));
}

QString plainTextOf(const QString &html)
{
    return toPlainText(sanitizedFlow(html));
}

QString htmlFromPlainText(const QString &text)
{
    Flow flow = parsePlainText(text);
    normalize(flow);
    return toHtml(flow);
}

QString htmlFromMarkdown(const QString &markdown)
{
    QTextDocument document;
    // Without a GUI application (daftar-cli) the default font has no size, and
    // Qt's Markdown reader warns about every block it sizes from it.
    QFont font;
    font.setPointSize(12);
    document.setDefaultFont(font);
    document.setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    // A Markdown table always has a header row; Qt reads it as an ordinary one.
    markTableHeaders(document.rootFrame());
    return htmlFromDocument(document);
}

QString htmlFromDocument(const QTextDocument &document)
{
    Flow flow = DocumentReader().read(document.rootFrame()->begin());
    normalize(flow);
    return toHtml(flow);
}

void loadIntoDocument(const QString &html, QTextDocument &document)
{
    const Flow flow = sanitizedFlow(html);
    // One edit block replacing everything, so that the editor can undo a load
    // (a clean-up applied through it) as a single step.
    QTextCursor cursor(&document);
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.removeSelectedText();
    cursor.setBlockFormat(QTextBlockFormat());
    cursor.setBlockCharFormat(QTextCharFormat());
    cursor.setCharFormat(QTextCharFormat());
    DocumentWriter(cursor, true).writeFlow(flow, 0, false);
    cursor.endEditBlock();
}

} // namespace daftar::newsroom
