// The article body as structure rather than text: blocks (paragraphs, headings,
// lists, quotes, tables, figures…) holding runs of formatted text, line breaks,
// images and bidi isolates. The sanitiser reads HTML into it, the editor bridge
// reads a QTextDocument into it, and both write it back through the same
// normalise + serialise steps, which is what makes the dialect canonical: one
// body, one spelling of it.
#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace daftar::newsroom::body {

// A forced direction; Auto means "not forced" (decided by the text, or inherited).
enum class Direction { Auto, LeftToRight, RightToLeft };

// The formatting of a run, in the order tags nest when written (link outermost).
struct Format
{
    enum class Position { Normal, Subscript, Superscript };
    QString href; // empty: not a link
    QString title;
    bool strong = false;
    bool emphasis = false;
    bool underline = false;
    bool strike = false;
    Position position = Position::Normal;
    bool code = false;

    bool operator==(const Format &) const = default;
};

struct Image
{
    QString src;
    std::optional<QString> alt;
    int width = 0; // 0: not given
    int height = 0;

    bool operator==(const Image &) const = default;
};

// One piece of inline content. Open/Close bracket a bidi isolate (<bdi> or
// <span dir>); after normalisation they are balanced inside each block.
struct Inline
{
    enum class Kind { Text, Break, Image, Open, Close };
    Kind kind = Kind::Text;
    QString text;
    Format format;
    Image image;
    Direction direction = Direction::Auto; // Open: Auto is <bdi>
    bool fromElement = false; // Open/Close written as an element, not as U+2066…U+2069

    static Inline makeText(QString text, const Format &format = {});
    static Inline makeBreak(const Format &format = {});
};
using Inlines = std::vector<Inline>;

struct Block;
using Flow = std::vector<Block>;

struct ListItem;
struct List
{
    bool ordered = false;
    std::vector<ListItem> items;
};

struct ListItem
{
    Direction direction = Direction::Auto;
    Inlines inlines;
    std::vector<List> children; // nested lists after the item's own text
};

struct Cell
{
    bool header = false; // <th>
    int columnSpan = 1;
    int rowSpan = 1;
    int column = 0; // set by normalize(): the grid column the cell starts in
    Flow content;
};

struct Table
{
    Direction direction = Direction::Auto;
    int headerRows = 0; // the first rows, written in <thead>
    int columns = 0; // set by normalize()
    std::vector<std::vector<Cell>> rows; // the cells that start in each row, left to right
};

struct Block
{
    enum class Kind { Paragraph, Heading, Preformatted, Quote, List, Table, Rule, Figure };
    Kind kind = Kind::Paragraph;
    Direction direction = Direction::Auto;
    int level = 2; // Heading: 2…4
    Inlines inlines; // Paragraph, Heading; Figure: what the figure shows
    QString text; // Preformatted, lines separated by '\n'
    Flow children; // Quote
    body::List list; // List
    body::Table table; // Table
    bool hasCaption = false; // Figure
    Direction captionDirection = Direction::Auto;
    Inlines caption;
};

// Reads any HTML into blocks; the result still needs normalize().
Flow parseHtml(const QString &html);
// Blocks from plain text: blank-line-separated paragraphs, single newlines as breaks.
Flow parsePlainText(const QString &text);

// The canonical form: whitespace collapsed as a browser shows it, isolates
// balanced, URLs checked, empty blocks dropped, adjacent quotes and
// preformatted blocks joined, table grids made rectangular.
void normalize(Flow &flow);
// Whether inline content shows nothing (only spaces, breaks and invisible marks).
bool isBlank(const Inlines &inlines);

QString toHtml(const Flow &flow);
QString toPlainText(const Flow &flow);

// The URL rules of the dialect; an empty result means "not allowed".
QString allowedLinkUrl(const QString &url);
QString allowedImageUrl(const QString &url);

} // namespace daftar::newsroom::body
