// The window an article is written in: title, lead and body beside a live
// preview of the site's page, the details (kind, category, dates, image, SEO)
// in a side panel, the review workflow in the toolbar. It never loses a word:
// it autosaves every couple of seconds on a background thread, holds an edit
// lock with a heartbeat, and refuses to overwrite a newer revision. With the
// main window's publishing runner it also sends the article to the public sites
// and shows where it is published.
#pragma once

#include "Session.h"
#include "newsroom/ArticleService.h"
#include "publishing/Outbox.h"

#include <QHash>
#include <QImage>
#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTimer;
class QToolBar;

namespace daftar::spelling {
class SpellChecker;
}

namespace daftar::ui {

class AutosaveWriter;
class JalaliDateEdit;
class PreviewPane;
class PublishRunner;
class RichTextEdit;
class SpellHighlighter;

class ArticleEditor : public QMainWindow
{
    Q_OBJECT

public:
    // Without a runner the editor does not publish (the "Publish" action is hidden).
    explicit ArticleEditor(
        Session &session, QWidget *parent = nullptr, PublishRunner *runner = nullptr);
    ~ArticleEditor() override;

    // Opens a stored article. When someone else holds its lock, asks whether to
    // read it only or (for a chief editor, or the same user elsewhere) take over.
    // `ask` answers that question in tests; without it a message box asks.
    enum class LockChoice { ReadOnly, TakeOver, Cancel };
    using LockQuestion = std::function<LockChoice(const QString &message, bool canTakeOver)>;
    bool openArticle(qint64 id, const LockQuestion &ask = {});
    void newArticle(newsroom::ArticleKind kind);
    // Puts text that a crash left unsaved back into the editor, marked unsaved.
    bool recover(const newsroom::Autosave &autosave);

    qint64 articleId() const { return m_article.id; }
    // The article as the fields now show it (the body as sanitised HTML).
    newsroom::Article currentArticle() const;
    bool isModified() const { return m_modified; }
    bool isReadOnly() const { return m_readOnly; }
    // The last problem shown to the user (also in the status bar).
    QString lastError() const { return m_lastError; }

    // Saves a new revision; shows what went wrong and keeps the text when it fails.
    bool save();
    // Moves the article through the workflow (asks for a comment or a time where needed).
    bool moveTo(newsroom::ArticleStatus status, const QString &comment = {},
        const QDateTime &scheduledAt = {});
    // The clean-up: finds the changes, shows them and applies them as one undo step.
    // With `confirm` false (tests, scripts) applies without asking.
    int cleanUp(bool confirm = true);
    void showHistory();
    // Saves first when modified, queues the article for every site it belongs on
    // and starts the runner; progress shows in the status bar.
    bool publishToSites();
    // Writes the pending autosave now (on close and in tests).
    void autosaveNow();
    void flushAutosave();

    RichTextEdit *bodyEdit() const { return m_body; }
    PreviewPane *preview() const { return m_preview; }

signals:
    void articleSaved(qint64 id);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void buildToolBars();
    void buildDetails();
    void retranslate();
    void load(const newsroom::Article &article);
    void setReadOnly(bool readOnly, const QString &why = {});
    void markModified();
    void updatePreviewAndCounts();
    void updateWorkflowActions();
    void updateFormattingActions();
    void updateTitle();
    void updateBanner();
    void updateImagePreview();
    void fillTranslations();
    void chooseFeaturedImage();
    void insertImageFromLibrary();
    void insertLink();
    void insertTable();
    void exportPdf();
    void askToMove(newsroom::ArticleStatus status);
    void refreshLock();
    QImage mediaImage(qint64 id);
    void showError(const QString &message);
    void updatePublishAction();
    // With a runner and an enabled site, publishing and unpublishing go through
    // the sites, and the article's status follows their answers.
    bool publishesToSites() const;
    // Queues the take-down on every site the article is on; false when it is on none.
    bool takeDownFromSites();
    void updatePublished();
    bool isJobOfThisArticle(qint64 jobId);
    void publishJobChanged(qint64 jobId, int state, int progress);
    void publishJobFinished(qint64 jobId, int state, const QString &error);

    Session &m_session;
    newsroom::ArticleService m_service;
    publishing::Outbox m_outbox;
    QPointer<PublishRunner> m_runner;
    newsroom::Article m_article; // as last loaded or saved
    bool m_modified = false;
    bool m_loading = false;
    bool m_readOnly = false;
    bool m_holdsLock = false;
    QString m_readOnlyReason;
    QString m_lastError;
    QHash<qint64, QImage> m_images;
    // Which jobs the runner reports are this article's (asked once per job).
    QHash<qint64, bool> m_articleJobs;
    // The jobs "Publish" started and their progress, for the status bar.
    QHash<qint64, int> m_publishing;
    QStringList m_publishErrors;
    bool m_takingDown = false; // the jobs in m_publishing take the article down

    std::unique_ptr<AutosaveWriter> m_autosave;
    QTimer *m_autosaveTimer;
    QTimer *m_previewTimer;
    QTimer *m_lockTimer;

    QLabel *m_banner;
    QLineEdit *m_title;
    QPlainTextEdit *m_lead;
    RichTextEdit *m_body;
    PreviewPane *m_preview;
    QSplitter *m_splitter;
    SpellHighlighter *m_highlighter = nullptr;

    QDockWidget *m_detailsDock;
    QLabel *m_kindLabel;
    QComboBox *m_kind;
    QLabel *m_statusLabel;
    QLabel *m_status;
    QLabel *m_categoryLabel;
    QLineEdit *m_category;
    QLabel *m_tagsLabel;
    QLineEdit *m_tags;
    QLabel *m_slugLabel;
    QLineEdit *m_slug;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QLabel *m_translationLabel;
    QComboBox *m_translation;
    QLabel *m_provenance;
    QLabel *m_publishedLabel;
    QLabel *m_published;
    QLabel *m_eventDateLabel;
    JalaliDateEdit *m_eventDate;
    QLabel *m_untilLabel;
    JalaliDateEdit *m_until;
    QLabel *m_scheduledLabel;
    QLabel *m_scheduled;
    QLabel *m_imageLabel;
    QLabel *m_image;
    QPushButton *m_chooseImage;
    QPushButton *m_removeImage;
    QLabel *m_captionLabel;
    QLineEdit *m_caption;
    QLabel *m_altLabel;
    QLineEdit *m_alt;
    QLabel *m_seoTitleLabel;
    QLineEdit *m_seoTitle;
    QLabel *m_seoDescriptionLabel;
    QPlainTextEdit *m_seoDescription;
    std::optional<qint64> m_featuredImage;

    QLabel *m_counts;
    QLabel *m_saveState;
    QProgressBar *m_publishProgress;

    QToolBar *m_mainBar;
    QToolBar *m_formatBar;
    QAction *m_saveAction;
    QAction *m_cleanupAction;
    QAction *m_historyAction;
    QAction *m_previewAction;
    QAction *m_spellAction;
    QAction *m_pdfAction;
    QAction *m_detailsAction;
    QAction *m_boldAction;
    QAction *m_italicAction;
    QAction *m_underlineAction;
    QAction *m_strikeAction;
    QComboBox *m_heading;
    QAction *m_bulletsAction;
    QAction *m_numbersAction;
    QAction *m_quoteAction;
    QAction *m_linkAction;
    QAction *m_imageAction;
    QAction *m_tableAction;
    QActionGroup *m_directionGroup;
    QAction *m_autoDirectionAction;
    QAction *m_rtlAction;
    QAction *m_ltrAction;
    QList<QAction *> m_moveActions;
    QAction *m_publishSeparator;
    QAction *m_publishAction;
    QToolBar *m_workflowBar;
};

} // namespace daftar::ui
