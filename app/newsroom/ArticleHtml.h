// The one HTML dialect of article bodies. Whatever comes in (the editor's
// document, a pasted Word or web page, a .txt/.md/.html file, a CLI argument)
// becomes a fragment of allowed tags and attributes only; the preview shows and
// publishing sends exactly that fragment.
#pragma once

#include <QString>

class QTextDocument;

namespace daftar::newsroom {

// Allow-list sanitiser. Keeps: p br h2 h3 h4 (h1→h2, h5/h6→h4) strong em u s
// sub sup code pre blockquote ul ol li a img figure figcaption table thead tbody
// tr th td hr bdi span(dir only). Attributes: dir (ltr|rtl|auto) on any kept
// element; a[href title] with http, https, mailto or relative URLs only;
// img[src alt width height] with http, https, data:image/* or daftar-media:;
// td/th[colspan rowspan]. Everything else goes: script/style/iframe/object/
// embed/form with their content, event handlers, style and class attributes
// (b→strong, i→em), Word's o:p and mso- junk, comments, <font>, spans that carry
// nothing, empty paragraphs; unknown elements are unwrapped (children kept).
// Idempotent: sanitizeHtml(sanitizeHtml(x)) == sanitizeHtml(x).
QString sanitizeHtml(const QString &html);

// The visible text, one paragraph (block) per line; for diffs, counts, search.
QString plainTextOf(const QString &html);

// A .txt body: blank-line-separated paragraphs become <p>, single newlines <br>.
QString htmlFromPlainText(const QString &text);
// A .md body (CommonMark/GitHub: headings, emphasis, lists, quotes, links,
// images, tables), sanitised.
QString htmlFromMarkdown(const QString &markdown);

// The editor's QTextDocument as a sanitised fragment: headings (headingLevel),
// lists, block quotes (BlockQuoteLevel), tables, links, images, bold/italic/
// underline/strike, fixed-pitch → code. A block whose direction was forced gets
// dir="ltr"/"rtl", others dir="auto" is not written (the site's paragraphs are
// auto by CSS). Text between FSI/LRI/RLI … PDI becomes <bdi>…</bdi>.
QString htmlFromDocument(const QTextDocument &document);

// The reverse, for opening a body in the editor: sets the document's content
// from a sanitised fragment, keeping forced directions and turning <bdi> and
// <span dir> into FSI/LRI/RLI … PDI so the editor's text layout isolates them.
void loadIntoDocument(const QString &html, QTextDocument &document);

} // namespace daftar::newsroom
