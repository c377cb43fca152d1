// The body editor: a QTextEdit that speaks the article's HTML dialect. Pasted
// Word, LibreOffice and web content keeps its structure and loses its junk;
// library images (daftar-media:ID) show from the database; each paragraph takes
// its direction from its first strong character unless forced.
#pragma once

#include <QTextEdit>
#include <QTextListFormat>

#include <functional>
#include <optional>

class QMenu;

namespace daftar::ui {

class RichTextEdit : public QTextEdit
{
    Q_OBJECT

public:
    explicit RichTextEdit(QWidget *parent = nullptr);

    // Supplies library images to the document, and takes pasted ones into the library.
    using MediaLoader = std::function<QImage(qint64 mediaId)>;
    using MediaImporter = std::function<std::optional<qint64>(const QImage &image)>;
    void setMediaLoader(MediaLoader loader) { m_loadMedia = std::move(loader); }
    void setMediaImporter(MediaImporter importer) { m_importMedia = std::move(importer); }
    // Extra entries at the top of the context menu (spelling suggestions).
    using MenuExtender = std::function<void(QMenu *menu, const QPoint &position)>;
    void setMenuExtender(MenuExtender extender) { m_extendMenu = std::move(extender); }

    // Replaces the content (and forgets the undo history: a freshly opened body).
    void setBodyHtml(const QString &html);
    // The body as the article stores it (sanitised).
    QString bodyHtml() const;

    // Formatting of the selection or the current paragraph; each is one undo step.
    void setHeading(int level); // 0: normal paragraph; 2, 3, 4
    int heading() const;
    void toggleList(QTextListFormat::Style style);
    void toggleQuote();
    bool isQuote() const;
    void setParagraphDirection(Qt::LayoutDirection direction); // LayoutDirectionAuto: by its text
    Qt::LayoutDirection paragraphDirection() const;
    void insertLink(const QString &url, const QString &text);
    void insertImage(qint64 mediaId, int width);
    void insertTable(int rows, int columns);

    // Paste and drop both come through here (public so tests can paste without
    // a system clipboard).
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

signals:
    // The cursor moved into different formatting (for the toolbar's checked states).
    void formattingChanged();

protected:
    QVariant loadResource(int type, const QUrl &name) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void insertSanitisedHtml(const QString &html);

    MediaLoader m_loadMedia;
    MediaImporter m_importMedia;
    MenuExtender m_extendMenu;
};

} // namespace daftar::ui
