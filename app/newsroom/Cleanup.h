// The newsroom's clean-up: the typing habits of Persian text fixed in one
// command, shown first as a list of changes and undoable as one step.
#pragma once

#include <QList>
#include <QString>

namespace daftar::newsroom {

enum class CleanupRule {
    ArabicLetters, // ي ى → ی, ك → ک (also ة is left alone: it is a real letter)
    PersianDigits, // 0-9 and ٠-٩ in Persian text → ۰-۹; not in URLs, e-mail
                   // addresses, Latin words (Qt6, COVID-19) or numbers
                   // attached to Latin text
    PunctuationSpacing, // no space before ، ؛ ؟ . ! : ) » and one after; none after ( «
    PersianComma, // , ; ? between Persian words → ، ؛ ؟
    Guillemets, // "…" around Persian text → «…»
    ZeroWidthNonJoiner, // می / نمی prefixes, ها های ترین تر ام ای اید اند suffixes
                        // written with a space (or nothing) → ZWNJ
    DoubleSpaces, // runs of spaces → one; no space at paragraph ends
    IsolateLatin, // Latin runs with neutral edges inside a Persian paragraph are
                  // wrapped in FSI … PDI (U+2068/U+2069) so brackets render right
};

// Translated for the clean-up preview ("Newsroom" context).
QString cleanupRuleName(CleanupRule rule);

// One change inside a piece of plain text (a paragraph): replace `length`
// characters at `start` by `replacement`. Edits of one call never overlap and
// are sorted by start.
struct CleanupEdit
{
    int start = 0;
    int length = 0;
    QString replacement;
    CleanupRule rule = CleanupRule::ArabicLetters;
};

// The edits that clean one paragraph of plain text; empty when it is clean.
// Applying them and calling again yields no edits (idempotent).
QList<CleanupEdit> cleanupEdits(const QString &paragraph);
QString applyEdits(const QString &text, const QList<CleanupEdit> &edits);

// A change as the preview lists it.
struct CleanupChange
{
    CleanupRule rule = CleanupRule::ArabicLetters;
    QString before; // a few words of context around the change, as it was
    QString after; // the same context, cleaned
};

struct CleanupResult
{
    QString html; // the cleaned fragment (text nodes only; markup, hrefs, <code> and <pre> untouched)
    QList<CleanupChange> changes;
};

// Cleans a sanitised body (what `daftar-cli articles cleanup` and the editor's
// title/lead fields use).
CleanupResult cleanupHtml(const QString &html);
CleanupResult cleanupPlainText(const QString &text);

} // namespace daftar::newsroom
