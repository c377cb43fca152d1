#include "RichTextEdit.h"

#include "newsroom/ArticleHtml.h"
#include "newsroom/MediaLibrary.h"

#include <QContextMenuEvent>
#include <QImage>
#include <QMenu>
#include <QMimeData>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QTextList>
#include <QTextTable>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

// Quotes indent on both sides, so they look the same in either direction.
constexpr qreal quoteMargin = 28;

} // namespace

RichTextEdit::RichTextEdit(QWidget *parent)
    : QTextEdit(parent)
{
    setAcceptRichText(true);
    setTabChangesFocus(false);
    document()->setDocumentMargin(12);
    connect(this, &QTextEdit::cursorPositionChanged, this, &RichTextEdit::formattingChanged);
    connect(this, &QTextEdit::currentCharFormatChanged, this, &RichTextEdit::formattingChanged);
}

void RichTextEdit::setBodyHtml(const QString &html)
{
    newsroom::loadIntoDocument(html, *document());
    document()->clearUndoRedoStacks();
    document()->setModified(false);
    moveCursor(QTextCursor::Start);
}

QString RichTextEdit::bodyHtml() const
{
    return newsroom::htmlFromDocument(*document());
}

void RichTextEdit::setHeading(int level)
{
    QTextCursor cursor = textCursor();
    cursor.beginEditBlock();
    QTextBlockFormat block;
    block.setHeadingLevel(level);
    cursor.mergeBlockFormat(block);
    // Headings look bold and larger here; the site's CSS styles them itself and
    // the body's HTML keeps only the level.
    static const qreal sizes[] = {1, 1, 1.6, 1.35, 1.15};
    const bool heading = level >= 2 && level <= 4;
    QTextCharFormat characters;
    characters.setFontWeight(heading ? QFont::Bold : QFont::Normal);
    characters.setFontPointSize(font().pointSizeF() * sizes[heading ? level : 0]);
    QTextCursor paragraphs = cursor;
    const int end = std::max(cursor.position(), cursor.anchor());
    paragraphs.setPosition(std::min(cursor.position(), cursor.anchor()));
    paragraphs.movePosition(QTextCursor::StartOfBlock);
    paragraphs.setPosition(end, QTextCursor::KeepAnchor);
    paragraphs.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    paragraphs.mergeCharFormat(characters);
    mergeCurrentCharFormat(characters);
    cursor.endEditBlock();
    emit formattingChanged();
}

int RichTextEdit::heading() const
{
    return textCursor().blockFormat().headingLevel();
}

void RichTextEdit::toggleList(QTextListFormat::Style style)
{
    QTextCursor cursor = textCursor();
    cursor.beginEditBlock();
    if (QTextList *list = cursor.currentList(); list && list->format().style() == style) {
        // Taking the paragraph out of its list turns it back into plain text.
        const QTextBlock block = cursor.block();
        list->remove(block);
        QTextBlockFormat format = cursor.blockFormat();
        format.setIndent(0);
        cursor.setBlockFormat(format);
    } else if (QTextList *other = cursor.currentList()) {
        QTextListFormat format = other->format();
        format.setStyle(style);
        other->setFormat(format);
    } else {
        QTextListFormat format;
        format.setStyle(style);
        cursor.createList(format);
    }
    cursor.endEditBlock();
    emit formattingChanged();
}

void RichTextEdit::toggleQuote()
{
    QTextCursor cursor = textCursor();
    const bool quoted = isQuote();
    QTextBlockFormat format;
    format.setProperty(QTextFormat::BlockQuoteLevel, quoted ? 0 : 1);
    format.setLeftMargin(quoted ? 0 : quoteMargin);
    format.setRightMargin(quoted ? 0 : quoteMargin);
    cursor.mergeBlockFormat(format);
    emit formattingChanged();
}

bool RichTextEdit::isQuote() const
{
    return textCursor().blockFormat().intProperty(QTextFormat::BlockQuoteLevel) > 0;
}

void RichTextEdit::setParagraphDirection(Qt::LayoutDirection direction)
{
    QTextCursor cursor = textCursor();
    QTextBlockFormat format;
    format.setLayoutDirection(direction);
    cursor.mergeBlockFormat(format);
    emit formattingChanged();
}

Qt::LayoutDirection RichTextEdit::paragraphDirection() const
{
    return textCursor().blockFormat().layoutDirection();
}

void RichTextEdit::insertLink(const QString &url, const QString &text)
{
    QTextCursor cursor = textCursor();
    QTextCharFormat format = cursor.charFormat();
    format.setAnchor(true);
    format.setAnchorHref(url);
    format.setForeground(palette().link());
    format.setFontUnderline(true);
    cursor.beginEditBlock();
    if (cursor.hasSelection() && text.isEmpty()) {
        cursor.mergeCharFormat(format);
    } else {
        cursor.insertText(text.isEmpty() ? url : text, format);
    }
    cursor.endEditBlock();
}

void RichTextEdit::insertImage(qint64 mediaId, int width)
{
    QTextImageFormat image;
    image.setName(newsroom::mediaUrl(mediaId));
    if (width > 0) {
        image.setWidth(width);
    }
    textCursor().insertImage(image);
}

void RichTextEdit::insertTable(int rows, int columns)
{
    QTextTableFormat format;
    format.setCellPadding(4);
    format.setCellSpacing(0);
    format.setBorder(1);
    format.setBorderCollapse(true);
    format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
    textCursor().insertTable(rows, columns, format);
}

bool RichTextEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasImage() || QTextEdit::canInsertFromMimeData(source);
}

void RichTextEdit::insertFromMimeData(const QMimeData *source)
{
    if (source->hasHtml()) {
        insertSanitisedHtml(newsroom::sanitizeHtml(source->html()));
        return;
    }
    if (source->hasImage() && m_importMedia) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        if (const auto id = m_importMedia(image)) {
            insertImage(*id, std::min(image.width(), 640));
        }
        return;
    }
    if (source->hasText()) {
        // Plain text keeps its paragraphs but none of the formatting around the caret.
        insertSanitisedHtml(newsroom::htmlFromPlainText(source->text()));
    }
}

void RichTextEdit::insertSanitisedHtml(const QString &html)
{
    QTextDocument pasted;
    newsroom::loadIntoDocument(html, pasted);
    textCursor().insertFragment(QTextDocumentFragment(&pasted));
    ensureCursorVisible();
}

QVariant RichTextEdit::loadResource(int type, const QUrl &name)
{
    if (type == QTextDocument::ImageResource && m_loadMedia) {
        if (const auto id = newsroom::mediaIdFromUrl(name.toString())) {
            return m_loadMedia(*id);
        }
    }
    return QTextEdit::loadResource(type, name);
}

void RichTextEdit::contextMenuEvent(QContextMenuEvent *event)
{
    std::unique_ptr<QMenu> menu(createStandardContextMenu(event->pos()));
    if (m_extendMenu) {
        m_extendMenu(menu.get(), event->pos());
    }
    menu->exec(event->globalPos());
}

} // namespace daftar::ui
