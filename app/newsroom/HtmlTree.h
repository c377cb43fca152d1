// A forgiving HTML reader for article bodies: whatever people paste (Word,
// LibreOffice, web pages, half-finished fragments) becomes a tree of elements
// and text the way a browser would roughly see it, never an error. Only the
// body model (HtmlBody) reads it; the tree is not the body's dialect yet.
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringView>

#include <vector>

namespace daftar::newsroom::html {

struct Node
{
    enum class Type { Element, Text };
    Type type = Type::Text;
    QString name; // lower case; "#root" for the tree's root
    QList<QPair<QString, QString>> attributes; // names lower case, values decoded
    QString text; // Text nodes: decoded text
    std::vector<Node> children;

    bool isElement() const { return type == Type::Element; }
    bool isText() const { return type == Type::Text; }
    // The first value of the attribute, or a null string when it is absent.
    QString attribute(QStringView attributeName) const;
    bool hasAttribute(QStringView attributeName) const;
};

// Tokenises and builds the tree like a lenient browser: implied end tags for
// p/li/td/tr/headings, void elements, raw text inside script/style, comments
// (Word's conditional ones included) and doctypes skipped, entities decoded.
Node parse(const QString &html);

// The character references in `text` resolved (named, decimal, hexadecimal).
// `inAttribute` follows the HTML rule that a legacy name without ";" before
// "=" or a letter is left alone ("?a=1&copy=2" stays a URL).
QString decodeEntities(QStringView text, bool inAttribute = false);

// Text and attribute values written back: & < > always, " in attributes, and
// no-break spaces as &nbsp; so they stay visible in the source.
QString escapeText(QStringView text);
QString escapeAttribute(QStringView text);

} // namespace daftar::newsroom::html
