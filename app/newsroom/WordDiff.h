// A readable word-level diff of two versions of a text, for the revision history.
#pragma once

#include <QList>
#include <QString>

namespace daftar::newsroom {

struct DiffSegment
{
    enum class Op { Equal, Inserted, Removed };
    Op op = Op::Equal;
    QString text; // whole words with the spaces/newlines between them
};

// Words are split on whitespace (ZWNJ stays inside a word, so «می‌شود» is one
// word); punctuation attached to a word is its own token. Adjacent segments of
// the same op are merged. Concatenating Equal+Removed gives `before`,
// Equal+Inserted gives `after`. Linear-space (Myers), fast for 3,000 words.
QList<DiffSegment> wordDiff(const QString &before, const QString &after);

// An HTML fragment showing the diff: <del> and <ins> inside paragraphs with
// dir="auto", newlines as paragraph breaks, text escaped.
QString diffAsHtml(const QList<DiffSegment> &segments);

} // namespace daftar::newsroom
