#include "WordDiff.h"

#include <QHash>

#include <algorithm>
#include <span>
#include <vector>

using namespace Qt::StringLiterals;

namespace daftar::newsroom {

namespace {

using Op = DiffSegment::Op;

bool isWordCharacter(QChar c)
{
    // ZWNJ, ZWJ and bidi marks are format characters: they stay inside a word.
    return c.isLetterOrNumber() || c.isMark() || c.category() == QChar::Other_Format;
}

// Words, runs of whitespace, and each punctuation mark on its own.
QStringList tokenize(const QString &text)
{
    QStringList tokens;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        qsizetype end = i + 1;
        const QChar c = text.at(i);
        if (c.isSpace()) {
            while (end < n && text.at(end).isSpace())
                ++end;
        } else if (isWordCharacter(c)) {
            while (end < n && isWordCharacter(text.at(end)))
                ++end;
        } else if (c.isHighSurrogate() && end < n && text.at(end).isLowSurrogate()) {
            ++end;
        }
        tokens.append(text.mid(i, end - i));
        i = end;
    }
    return tokens;
}

struct Step
{
    Op op;
    qsizetype index; // token index in `before` (Equal, Removed) or `after` (Inserted)
};

// Myers' O(ND) difference in linear space: the middle snake splits the
// problem in two until what is left is all inserted or all removed.
class Differ
{
public:
    Differ(const std::vector<int> &before, const std::vector<int> &after)
        : m_before(before)
        , m_after(after)
    { }

    std::vector<Step> run()
    {
        diff(0, qsizetype(m_before.size()), 0, qsizetype(m_after.size()));
        return std::move(m_steps);
    }

private:
    void record(Op op, qsizetype from, qsizetype to)
    {
        for (qsizetype i = from; i < to; ++i)
            m_steps.push_back({op, i});
    }

    void diff(qsizetype a0, qsizetype a1, qsizetype b0, qsizetype b1)
    {
        qsizetype prefix = 0;
        while (
            a0 + prefix < a1 && b0 + prefix < b1 && m_before[a0 + prefix] == m_after[b0 + prefix])
            ++prefix;
        record(Op::Equal, a0, a0 + prefix);
        a0 += prefix;
        b0 += prefix;
        qsizetype suffix = 0;
        while (a1 - suffix > a0 && b1 - suffix > b0
            && m_before[a1 - suffix - 1] == m_after[b1 - suffix - 1])
            ++suffix;
        const qsizetype equalFrom = a1 - suffix;
        a1 -= suffix;
        b1 -= suffix;
        if (a0 == a1)
            record(Op::Inserted, b0, b1);
        else if (b0 == b1)
            record(Op::Removed, a0, a1);
        else
            bisect(a0, a1, b0, b1);
        record(Op::Equal, equalFrom, equalFrom + suffix);
    }

    void bisect(qsizetype a0, qsizetype a1, qsizetype b0, qsizetype b1)
    {
        const std::span<const int> a(m_before.data() + a0, size_t(a1 - a0));
        const std::span<const int> b(m_after.data() + b0, size_t(b1 - b0));
        const qsizetype n = qsizetype(a.size());
        const qsizetype m = qsizetype(b.size());
        const qsizetype maxD = (n + m + 1) / 2;
        const qsizetype offset = maxD;
        const qsizetype length = 2 * maxD + 2;
        std::vector<qsizetype> forward(size_t(length), -1);
        std::vector<qsizetype> reverse(size_t(length), -1);
        forward[size_t(offset + 1)] = 0;
        reverse[size_t(offset + 1)] = 0;
        const qsizetype delta = n - m;
        const bool oddDelta = delta % 2 != 0;
        qsizetype k1start = 0, k1end = 0, k2start = 0, k2end = 0;
        for (qsizetype d = 0; d < maxD; ++d) {
            for (qsizetype k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
                const qsizetype k1Offset = offset + k1;
                qsizetype x1
                    = (k1 == -d
                          || (k1 != d
                              && forward[size_t(k1Offset - 1)] < forward[size_t(k1Offset + 1)]))
                    ? forward[size_t(k1Offset + 1)]
                    : forward[size_t(k1Offset - 1)] + 1;
                qsizetype y1 = x1 - k1;
                while (x1 < n && y1 < m && a[size_t(x1)] == b[size_t(y1)]) {
                    ++x1;
                    ++y1;
                }
                forward[size_t(k1Offset)] = x1;
                if (x1 > n) {
                    k1end += 2;
                } else if (y1 > m) {
                    k1start += 2;
                } else if (oddDelta) {
                    const qsizetype k2Offset = offset + delta - k1;
                    if (k2Offset >= 0 && k2Offset < length && reverse[size_t(k2Offset)] != -1
                        && x1 >= n - reverse[size_t(k2Offset)]) {
                        split(a0, a1, b0, b1, x1, y1);
                        return;
                    }
                }
            }
            for (qsizetype k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
                const qsizetype k2Offset = offset + k2;
                qsizetype x2
                    = (k2 == -d
                          || (k2 != d
                              && reverse[size_t(k2Offset - 1)] < reverse[size_t(k2Offset + 1)]))
                    ? reverse[size_t(k2Offset + 1)]
                    : reverse[size_t(k2Offset - 1)] + 1;
                qsizetype y2 = x2 - k2;
                while (x2 < n && y2 < m && a[size_t(n - x2 - 1)] == b[size_t(m - y2 - 1)]) {
                    ++x2;
                    ++y2;
                }
                reverse[size_t(k2Offset)] = x2;
                if (x2 > n) {
                    k2end += 2;
                } else if (y2 > m) {
                    k2start += 2;
                } else if (!oddDelta) {
                    const qsizetype k1Offset = offset + delta - k2;
                    if (k1Offset >= 0 && k1Offset < length && forward[size_t(k1Offset)] != -1) {
                        const qsizetype x1 = forward[size_t(k1Offset)];
                        const qsizetype y1 = offset + x1 - k1Offset;
                        if (x1 >= n - x2) {
                            split(a0, a1, b0, b1, x1, y1);
                            return;
                        }
                    }
                }
            }
        }
        record(Op::Removed, a0, a1);
        record(Op::Inserted, b0, b1);
    }

    void split(qsizetype a0, qsizetype a1, qsizetype b0, qsizetype b1, qsizetype x, qsizetype y)
    {
        diff(a0, a0 + x, b0, b0 + y);
        diff(a0 + x, a1, b0 + y, b1);
    }

    const std::vector<int> &m_before;
    const std::vector<int> &m_after;
    std::vector<Step> m_steps;
};

bool isWhitespace(const QString &text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.isSpace(); });
}

void append(QList<DiffSegment> &segments, Op op, const QString &text)
{
    if (text.isEmpty())
        return;
    if (!segments.isEmpty() && segments.last().op == op)
        segments.last().text += text;
    else
        segments.append({op, text});
}

// Readable changes: a space between two changes is part of the change, each
// change shows what went before what came, and whitespace both sides share
// stays outside it.
QList<DiffSegment> tidy(const QList<DiffSegment> &raw)
{
    QList<DiffSegment> segments;
    qsizetype i = 0;
    while (i < raw.size()) {
        if (raw.at(i).op == Op::Equal) {
            append(segments, Op::Equal, raw.at(i).text);
            ++i;
            continue;
        }
        QString removed;
        QString inserted;
        while (i < raw.size()) {
            const DiffSegment &segment = raw.at(i);
            if (segment.op == Op::Equal) {
                const bool between = isWhitespace(segment.text) && i + 1 < raw.size();
                if (!between)
                    break;
                removed += segment.text;
                inserted += segment.text;
            } else if (segment.op == Op::Removed) {
                removed += segment.text;
            } else {
                inserted += segment.text;
            }
            ++i;
        }
        qsizetype prefix = 0;
        while (prefix < removed.size() && prefix < inserted.size()
            && removed.at(prefix) == inserted.at(prefix) && removed.at(prefix).isSpace())
            ++prefix;
        qsizetype suffix = 0;
        while (suffix < removed.size() - prefix && suffix < inserted.size() - prefix
            && removed.at(removed.size() - 1 - suffix) == inserted.at(inserted.size() - 1 - suffix)
            && removed.at(removed.size() - 1 - suffix).isSpace())
            ++suffix;
        append(segments, Op::Equal, removed.left(prefix));
        append(segments, Op::Removed, removed.mid(prefix, removed.size() - prefix - suffix));
        append(segments, Op::Inserted, inserted.mid(prefix, inserted.size() - prefix - suffix));
        append(segments, Op::Equal, removed.right(suffix));
    }
    return segments;
}

} // namespace

QList<DiffSegment> wordDiff(const QString &before, const QString &after)
{
    const QStringList beforeTokens = tokenize(before);
    const QStringList afterTokens = tokenize(after);
    QHash<QString, int> ids;
    auto idsOf = [&ids](const QStringList &tokens) {
        std::vector<int> out;
        out.reserve(size_t(tokens.size()));
        for (const QString &token : tokens) {
            auto id = ids.constFind(token);
            if (id == ids.constEnd())
                id = ids.insert(token, int(ids.size()));
            out.push_back(id.value());
        }
        return out;
    };
    const std::vector<int> a = idsOf(beforeTokens);
    const std::vector<int> b = idsOf(afterTokens);
    QList<DiffSegment> raw;
    for (const Step &step : Differ(a, b).run()) {
        const QString &token
            = step.op == Op::Inserted ? afterTokens.at(step.index) : beforeTokens.at(step.index);
        append(raw, step.op, token);
    }
    return tidy(raw);
}

QString diffAsHtml(const QList<DiffSegment> &segments)
{
    QStringList paragraphs;
    QString paragraph;
    bool visible = false;
    auto flush = [&] {
        if (visible)
            paragraphs.append(u"<p dir=\"auto\">"_s + paragraph + u"</p>"_s);
        paragraph.clear();
        visible = false;
    };
    auto write = [&](Op op, const QString &text) {
        if (text.isEmpty())
            return;
        const QString escaped = text.toHtmlEscaped();
        if (op == Op::Removed)
            paragraph += u"<del>"_s + escaped + u"</del>"_s;
        else if (op == Op::Inserted)
            paragraph += u"<ins>"_s + escaped + u"</ins>"_s;
        else
            paragraph += escaped;
        visible = visible || !isWhitespace(text) || op != Op::Equal;
    };
    for (const DiffSegment &segment : segments) {
        const QStringList lines = segment.text.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i > 0) {
                // A paragraph break that came or went is shown as a pilcrow.
                if (segment.op != Op::Equal)
                    write(segment.op, u"¶"_s);
                flush();
            }
            write(segment.op, lines.at(i));
        }
    }
    flush();
    return paragraphs.join(u'\n');
}

} // namespace daftar::newsroom
