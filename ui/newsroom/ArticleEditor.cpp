#include "ArticleEditor.h"

#include "AutosaveWriter.h"
#include "CleanupDialog.h"
#include "HistoryDialog.h"
#include "Language.h"
#include "MediaLibraryDialog.h"
#include "PreviewPane.h"
#include "RichTextEdit.h"
#include "SpellHighlighter.h"
#include "SpellMenu.h"
#include "newsroom/Cleanup.h"
#include "newsroom/MediaLibrary.h"
#include "newsroom/TextStats.h"
#include "publishing/PublicationDisplay.h"
#include "publishing/PublishRunner.h"
#include "publishing/Site.h"
#include "render/MediaSchemeHandler.h"
#include "spelling/PersonalDictionary.h"
#include "spelling/SpellChecker.h"
#include "text/Jalali.h"
#include "text/PersianText.h"
#include "widgets/JalaliDateEdit.h"

#include <QActionGroup>
#include <QApplication>
#include <QBuffer>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

using newsroom::ArticleStatus;

// At most this much typing is at risk when the power goes.
constexpr int autosaveDelayMs = 2000;
// The preview and the counts follow typing after this pause.
constexpr int previewDelayMs = 40;
// Heartbeats keep the edit lock; ArticleService treats 10 minutes of silence as a crash.
constexpr int lockHeartbeatMs = 60 * 1000;
constexpr int contextChars = 18;
// A published address is cut to this many characters in the narrow details panel.
constexpr int publishedUrlChars = 40;

// One dictionary for all editor windows: loading hunspell's Persian dictionary
// takes a noticeable moment.
spelling::SpellChecker &sharedSpellChecker()
{
    static spelling::SpellChecker checker;
    return checker;
}

QStringList splitTags(const QString &text)
{
    QString unified = text;
    unified.replace(u'،', u',');
    QStringList tags;
    for (const QString &tag : unified.split(u',', Qt::SkipEmptyParts)) {
        if (const QString clean = tag.simplified(); !clean.isEmpty()) {
            tags << clean;
        }
    }
    return tags;
}

// Whether the characters [start, start+length) of `block` are code or a link,
// which the clean-up leaves alone.
bool touchesCodeOrLink(const QTextBlock &block, int start, int length)
{
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        const int from = fragment.position() - block.position();
        const int to = from + fragment.length();
        if (to <= start || from >= start + length) {
            continue;
        }
        const QTextCharFormat format = fragment.charFormat();
        if (format.fontFixedPitch() || format.isAnchor()
            || format.fontFamilies().toStringList().contains(u"monospace"_s)) {
            return true;
        }
    }
    return false;
}

newsroom::CleanupChange describeEdit(const QString &text, const newsroom::CleanupEdit &edit)
{
    const int from = std::max(0, edit.start - contextChars);
    const int to = std::min<int>(text.size(), edit.start + edit.length + contextChars);
    const QString before = text.mid(from, to - from);
    QString after = before;
    after.replace(edit.start - from, edit.length, edit.replacement);
    return {edit.rule, before.simplified(), after.simplified()};
}

} // namespace

ArticleEditor::ArticleEditor(Session &session, QWidget *parent, PublishRunner *runner)
    : QMainWindow(parent)
    , m_session(session)
    , m_service(session.db)
    , m_outbox(session.db)
    , m_runner(runner)
    , m_autosave(std::make_unique<AutosaveWriter>(session.db.location(), session.user.actor()))
    , m_autosaveTimer(new QTimer(this))
    , m_previewTimer(new QTimer(this))
    , m_lockTimer(new QTimer(this))
{
    setObjectName(u"articleEditor"_s);
    setAttribute(Qt::WA_DeleteOnClose);
    resize(1280, 820);

    m_banner = new QLabel;
    m_banner->setObjectName(u"editorBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setVisible(false);
    m_banner->setMargin(8);
    m_banner->setStyleSheet(u"background: #fff4ce; color: #3d3000; border-radius: 4px;"_s);

    m_title = new QLineEdit;
    m_title->setObjectName(u"articleTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setClearButtonEnabled(false);

    m_lead = new QPlainTextEdit;
    m_lead->setObjectName(u"articleLead"_s);
    m_lead->setTabChangesFocus(true);
    m_lead->setFixedHeight(m_lead->fontMetrics().lineSpacing() * 3 + 16);

    m_body = new RichTextEdit;
    m_body->setObjectName(u"articleBody"_s);
    m_body->setMediaLoader([this](qint64 id) { return mediaImage(id); });
    m_body->setMediaImporter([this](const QImage &image) -> std::optional<qint64> {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        newsroom::MediaLibrary media(m_session.db);
        auto item = media.importBytes(m_session.user.actor(), bytes, tr("pasted image.png"));
        if (!item) {
            showError(item.errorMessage());
            return std::nullopt;
        }
        return item->id;
    });
    m_highlighter = new SpellHighlighter(m_body->document(), sharedSpellChecker());
    if (auto words = spelling::PersonalDictionary(m_session.db).words(m_session.user.actor())) {
        sharedSpellChecker().addWords(*words);
    }
    m_body->setMenuExtender([this](QMenu *menu, const QPoint &position) {
        if (m_readOnly) {
            return;
        }
        const int at = m_body->cursorForPosition(position).position();
        SpellMenu::addActions(*menu, *m_body, at, *m_highlighter, [this](const QString &word) {
            const Status added
                = spelling::PersonalDictionary(m_session.db).add(m_session.user.actor(), word);
            if (!added) {
                showError(added.errorMessage());
            }
        });
    });

    auto *editorColumn = new QWidget;
    auto *column = new QVBoxLayout(editorColumn);
    column->setContentsMargins(8, 8, 8, 0);
    column->addWidget(m_banner);
    column->addWidget(m_title);
    column->addWidget(m_lead);
    column->addWidget(m_body, 1);

    m_preview = new PreviewPane(render::libraryFetcher(m_session.db));
    m_preview->setObjectName(u"articlePreview"_s);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->addWidget(editorColumn);
    m_splitter->addWidget(m_preview);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_counts = new QLabel;
    m_counts->setObjectName(u"editorCounts"_s);
    m_saveState = new QLabel;
    m_saveState->setObjectName(u"editorSaveState"_s);
    m_publishProgress = new QProgressBar;
    m_publishProgress->setObjectName(u"publishProgress"_s);
    m_publishProgress->setRange(0, 100);
    m_publishProgress->setMaximumWidth(160);
    m_publishProgress->setVisible(false);
    statusBar()->addWidget(m_counts, 1);
    statusBar()->addPermanentWidget(m_publishProgress);
    statusBar()->addPermanentWidget(m_saveState);

    buildActions();
    buildToolBars();
    buildDetails();

    m_autosaveTimer->setSingleShot(true);
    m_autosaveTimer->setInterval(autosaveDelayMs);
    connect(m_autosaveTimer, &QTimer::timeout, this, &ArticleEditor::autosaveNow);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(previewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, &ArticleEditor::updatePreviewAndCounts);
    m_lockTimer->setInterval(lockHeartbeatMs);
    connect(m_lockTimer, &QTimer::timeout, this, &ArticleEditor::refreshLock);
    connect(m_autosave.get(), &AutosaveWriter::saved, this, [this](const QDateTime &at) {
        m_saveState->setText(
            tr("Autosaved at %1").arg(QLocale().toString(at.toLocalTime().time(), u"HH:mm:ss"_s)));
    });
    connect(m_autosave.get(), &AutosaveWriter::failed, this, [this](const QString &message) {
        m_saveState->setText(tr("Autosave failed: %1").arg(message));
    });

    connect(m_title, &QLineEdit::textEdited, this, &ArticleEditor::markModified);
    connect(m_title, &QLineEdit::textChanged, this, &ArticleEditor::updateTitle);
    connect(m_lead, &QPlainTextEdit::textChanged, this, &ArticleEditor::markModified);
    connect(m_body, &QTextEdit::textChanged, this, &ArticleEditor::markModified);
    connect(
        m_body, &RichTextEdit::formattingChanged, this, &ArticleEditor::updateFormattingActions);
    if (m_runner) {
        connect(m_runner, &PublishRunner::jobChanged, this,
            [this](qint64 jobId, int state, int progress, const QString &) {
                publishJobChanged(jobId, state, progress);
            });
        connect(m_runner, &PublishRunner::jobFinished, this, &ArticleEditor::publishJobFinished);
    }

    if (!m_session.user.actor().require(accounts::Permission::WriteArticles)) {
        setReadOnly(true, tr("Your role can read articles but not change them."));
    }
    retranslate();
    newArticle(newsroom::ArticleKind::Article);
}

ArticleEditor::~ArticleEditor()
{
    if (m_holdsLock) {
        (void)m_service.releaseLock(m_session.user.actor(), m_article.id);
    }
}

void ArticleEditor::buildActions()
{
    const auto make = [this](const QString &name, const QKeySequence &shortcut = {}) {
        auto *action = new QAction(this);
        action->setObjectName(name);
        if (!shortcut.isEmpty()) {
            action->setShortcut(shortcut);
        }
        addAction(action);
        return action;
    };
    m_saveAction = make(u"saveArticle"_s, QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, [this] { save(); });
    m_cleanupAction = make(u"cleanUp"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(m_cleanupAction, &QAction::triggered, this, [this] { cleanUp(true); });
    m_historyAction = make(u"history"_s, QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_historyAction, &QAction::triggered, this, &ArticleEditor::showHistory);
    m_previewAction = make(u"togglePreview"_s, QKeySequence(Qt::Key_F8));
    m_previewAction->setCheckable(true);
    m_previewAction->setChecked(true);
    connect(m_previewAction, &QAction::toggled, this, [this](bool on) {
        m_preview->setVisible(on);
        if (on) {
            updatePreviewAndCounts();
        }
    });
    m_spellAction = make(u"spellCheck"_s, QKeySequence(Qt::Key_F7));
    m_spellAction->setCheckable(true);
    m_spellAction->setChecked(true);
    connect(
        m_spellAction, &QAction::toggled, this, [this](bool on) { m_highlighter->setEnabled(on); });
    m_pdfAction = make(u"exportPdf"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(m_pdfAction, &QAction::triggered, this, &ArticleEditor::exportPdf);
    m_publishAction = make(u"publishToSites"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    connect(m_publishAction, &QAction::triggered, this, [this] { publishToSites(); });

    m_boldAction = make(u"bold"_s, QKeySequence::Bold);
    m_boldAction->setCheckable(true);
    connect(m_boldAction, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontWeight(on ? QFont::Bold : QFont::Normal);
        m_body->mergeCurrentCharFormat(format);
    });
    m_italicAction = make(u"italic"_s, QKeySequence::Italic);
    m_italicAction->setCheckable(true);
    connect(m_italicAction, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontItalic(on);
        m_body->mergeCurrentCharFormat(format);
    });
    m_underlineAction = make(u"underline"_s, QKeySequence::Underline);
    m_underlineAction->setCheckable(true);
    connect(m_underlineAction, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontUnderline(on);
        m_body->mergeCurrentCharFormat(format);
    });
    m_strikeAction = make(u"strike"_s);
    m_strikeAction->setCheckable(true);
    connect(m_strikeAction, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontStrikeOut(on);
        m_body->mergeCurrentCharFormat(format);
    });
    m_bulletsAction = make(u"bulletList"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_8));
    connect(m_bulletsAction, &QAction::triggered, this,
        [this] { m_body->toggleList(QTextListFormat::ListDisc); });
    m_numbersAction = make(u"numberedList"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_7));
    connect(m_numbersAction, &QAction::triggered, this,
        [this] { m_body->toggleList(QTextListFormat::ListDecimal); });
    m_quoteAction = make(u"quote"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q));
    m_quoteAction->setCheckable(true);
    connect(m_quoteAction, &QAction::triggered, this, [this] { m_body->toggleQuote(); });
    m_linkAction = make(u"link"_s, QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_linkAction, &QAction::triggered, this, &ArticleEditor::insertLink);
    m_imageAction = make(u"insertImage"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    connect(m_imageAction, &QAction::triggered, this, &ArticleEditor::insertImageFromLibrary);
    m_tableAction = make(u"insertTable"_s);
    connect(m_tableAction, &QAction::triggered, this, &ArticleEditor::insertTable);

    m_directionGroup = new QActionGroup(this);
    m_autoDirectionAction = make(u"directionAuto"_s);
    m_rtlAction = make(u"directionRtl"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_ltrAction = make(u"directionLtr"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    for (QAction *action : {m_autoDirectionAction, m_rtlAction, m_ltrAction}) {
        action->setCheckable(true);
        m_directionGroup->addAction(action);
    }
    connect(m_autoDirectionAction, &QAction::triggered, this,
        [this] { m_body->setParagraphDirection(Qt::LayoutDirectionAuto); });
    connect(m_rtlAction, &QAction::triggered, this,
        [this] { m_body->setParagraphDirection(Qt::RightToLeft); });
    connect(m_ltrAction, &QAction::triggered, this,
        [this] { m_body->setParagraphDirection(Qt::LeftToRight); });
}

void ArticleEditor::buildToolBars()
{
    m_mainBar = addToolBar(QString());
    m_mainBar->setObjectName(u"editorMainBar"_s);
    m_mainBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_mainBar->addAction(m_saveAction);
    m_mainBar->addSeparator();
    m_mainBar->addAction(m_cleanupAction);
    m_mainBar->addAction(m_historyAction);
    m_mainBar->addAction(m_spellAction);
    m_mainBar->addAction(m_pdfAction);
    m_mainBar->addSeparator();
    m_mainBar->addAction(m_previewAction);

    m_workflowBar = addToolBar(QString());
    m_workflowBar->setObjectName(u"editorWorkflowBar"_s);
    m_workflowBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // The workflow's moves are inserted before this separator; publishing stays last.
    m_publishSeparator = m_workflowBar->addSeparator();
    m_workflowBar->addAction(m_publishAction);
    m_publishSeparator->setVisible(m_runner != nullptr);
    m_publishAction->setVisible(m_runner != nullptr);

    addToolBarBreak();
    m_formatBar = addToolBar(QString());
    m_formatBar->setObjectName(u"editorFormatBar"_s);
    m_formatBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_heading = new QComboBox;
    m_heading->setObjectName(u"headingLevel"_s);
    m_heading->addItems({QString(), QString(), QString(), QString()});
    connect(m_heading, &QComboBox::activated, this, [this](int index) {
        m_body->setHeading(index == 0 ? 0 : index + 1);
        m_body->setFocus();
    });
    m_formatBar->addWidget(m_heading);
    for (QAction *action : {m_boldAction, m_italicAction, m_underlineAction, m_strikeAction}) {
        m_formatBar->addAction(action);
    }
    m_formatBar->addSeparator();
    for (QAction *action : {m_bulletsAction, m_numbersAction, m_quoteAction}) {
        m_formatBar->addAction(action);
    }
    m_formatBar->addSeparator();
    for (QAction *action : {m_linkAction, m_imageAction, m_tableAction}) {
        m_formatBar->addAction(action);
    }
    m_formatBar->addSeparator();
    for (QAction *action : {m_autoDirectionAction, m_rtlAction, m_ltrAction}) {
        m_formatBar->addAction(action);
    }
}

void ArticleEditor::buildDetails()
{
    auto *panel = new QWidget;
    auto *form = new QFormLayout(panel);
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    const auto label = [](const QString &name) {
        auto *created = new QLabel;
        created->setObjectName(name);
        return created;
    };
    m_statusLabel = label(u"statusLabel"_s);
    m_status = label(u"articleStatus"_s);
    m_status->setWordWrap(true);
    form->addRow(m_statusLabel, m_status);
    m_provenance = label(u"articleProvenance"_s);
    m_provenance->setWordWrap(true);
    form->addRow(m_provenance);
    m_publishedLabel = label(u"publishedLabel"_s);
    m_published = label(u"articlePublished"_s);
    m_published->setWordWrap(true);
    m_published->setTextFormat(Qt::RichText);
    m_published->setOpenExternalLinks(true);
    m_published->setTextInteractionFlags(Qt::TextBrowserInteraction);
    form->addRow(m_publishedLabel, m_published);
    m_publishedLabel->setVisible(m_runner != nullptr);
    m_published->setVisible(m_runner != nullptr);

    m_kindLabel = label(u"kindLabel"_s);
    m_kind = new QComboBox;
    m_kind->setObjectName(u"articleKind"_s);
    m_kind->addItems({QString(), QString()});
    form->addRow(m_kindLabel, m_kind);
    connect(m_kind, &QComboBox::activated, this, [this] {
        const bool announcement = m_kind->currentIndex() == 1;
        m_until->setEnabled(announcement && !m_readOnly);
        markModified();
    });

    m_languageLabel = label(u"languageLabel"_s);
    m_language = new QComboBox;
    m_language->setObjectName(u"articleLanguage"_s);
    m_language->addItem(u"فارسی"_s, u"fa"_s);
    m_language->addItem(u"English"_s, u"en"_s);
    form->addRow(m_languageLabel, m_language);
    connect(m_language, &QComboBox::activated, this, [this] {
        fillTranslations();
        markModified();
    });
    m_translationLabel = label(u"translationLabel"_s);
    m_translation = new QComboBox;
    m_translation->setObjectName(u"articleTranslation"_s);
    form->addRow(m_translationLabel, m_translation);
    connect(m_translation, &QComboBox::activated, this, &ArticleEditor::markModified);

    m_categoryLabel = label(u"categoryLabel"_s);
    m_category = new QLineEdit;
    m_category->setObjectName(u"articleCategory"_s);
    form->addRow(m_categoryLabel, m_category);
    m_tagsLabel = label(u"tagsLabel"_s);
    m_tags = new QLineEdit;
    m_tags->setObjectName(u"articleTags"_s);
    form->addRow(m_tagsLabel, m_tags);
    m_slugLabel = label(u"slugLabel"_s);
    m_slug = new QLineEdit;
    m_slug->setObjectName(u"articleSlug"_s);
    m_slug->setLayoutDirection(Qt::LeftToRight);
    form->addRow(m_slugLabel, m_slug);
    for (QLineEdit *edit : {m_category, m_tags, m_slug}) {
        connect(edit, &QLineEdit::textEdited, this, &ArticleEditor::markModified);
    }

    m_eventDateLabel = label(u"eventDateLabel"_s);
    m_eventDate = new JalaliDateEdit;
    m_eventDate->setObjectName(u"articleEventDate"_s);
    form->addRow(m_eventDateLabel, m_eventDate);
    m_untilLabel = label(u"untilLabel"_s);
    m_until = new JalaliDateEdit;
    m_until->setObjectName(u"articlePublishUntil"_s);
    form->addRow(m_untilLabel, m_until);
    for (JalaliDateEdit *edit : {m_eventDate, m_until}) {
        connect(edit, &JalaliDateEdit::dateChanged, this, &ArticleEditor::markModified);
    }
    m_scheduledLabel = label(u"scheduledLabel"_s);
    m_scheduled = label(u"articleScheduledAt"_s);
    form->addRow(m_scheduledLabel, m_scheduled);

    m_imageLabel = label(u"imageLabel"_s);
    m_image = label(u"featuredImage"_s);
    m_image->setMinimumHeight(90);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setFrameShape(QFrame::StyledPanel);
    m_chooseImage = new QPushButton;
    m_chooseImage->setObjectName(u"chooseImage"_s);
    connect(m_chooseImage, &QPushButton::clicked, this, &ArticleEditor::chooseFeaturedImage);
    m_removeImage = new QPushButton;
    m_removeImage->setObjectName(u"removeImage"_s);
    connect(m_removeImage, &QPushButton::clicked, this, [this] {
        m_featuredImage.reset();
        updateImagePreview();
        markModified();
    });
    auto *imageBox = new QWidget;
    auto *imageLayout = new QVBoxLayout(imageBox);
    imageLayout->setContentsMargins(0, 0, 0, 0);
    imageLayout->addWidget(m_image);
    auto *imageButtons = new QHBoxLayout;
    imageButtons->addWidget(m_chooseImage);
    imageButtons->addWidget(m_removeImage);
    imageLayout->addLayout(imageButtons);
    form->addRow(m_imageLabel, imageBox);
    m_captionLabel = label(u"captionLabel"_s);
    m_caption = new QLineEdit;
    m_caption->setObjectName(u"imageCaption"_s);
    form->addRow(m_captionLabel, m_caption);
    m_altLabel = label(u"altLabel"_s);
    m_alt = new QLineEdit;
    m_alt->setObjectName(u"imageAlt"_s);
    form->addRow(m_altLabel, m_alt);

    m_seoTitleLabel = label(u"seoTitleLabel"_s);
    m_seoTitle = new QLineEdit;
    m_seoTitle->setObjectName(u"seoTitle"_s);
    form->addRow(m_seoTitleLabel, m_seoTitle);
    m_seoDescriptionLabel = label(u"seoDescriptionLabel"_s);
    m_seoDescription = new QPlainTextEdit;
    m_seoDescription->setObjectName(u"seoDescription"_s);
    m_seoDescription->setTabChangesFocus(true);
    m_seoDescription->setFixedHeight(m_seoDescription->fontMetrics().lineSpacing() * 3 + 16);
    form->addRow(m_seoDescriptionLabel, m_seoDescription);
    for (QLineEdit *edit : {m_caption, m_alt, m_seoTitle}) {
        connect(edit, &QLineEdit::textEdited, this, &ArticleEditor::markModified);
    }
    connect(m_seoDescription, &QPlainTextEdit::textChanged, this, &ArticleEditor::markModified);

    auto *scroll = new QScrollArea;
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_detailsDock = new QDockWidget;
    m_detailsDock->setObjectName(u"detailsDock"_s);
    m_detailsDock->setWidget(scroll);
    m_detailsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    m_detailsDock->setMinimumWidth(260);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
    m_detailsAction = m_detailsDock->toggleViewAction();
    m_detailsAction->setShortcut(QKeySequence(Qt::Key_F9));
    m_mainBar->addAction(m_detailsAction);
}

void ArticleEditor::retranslate()
{
    m_title->setPlaceholderText(tr("Title"));
    m_lead->setPlaceholderText(tr("Lead: one or two sentences that sum up the news"));
    m_mainBar->setWindowTitle(tr("Article"));
    m_workflowBar->setWindowTitle(tr("Workflow"));
    m_formatBar->setWindowTitle(tr("Format"));
    m_saveAction->setText(tr("Save"));
    m_saveAction->setToolTip(tr("Save a new revision (Ctrl+S)"));
    m_cleanupAction->setText(tr("Clean up"));
    m_cleanupAction->setToolTip(
        tr("Fix Arabic letters, digits, spacing, quotes and half-spaces (Ctrl+Shift+L)"));
    m_historyAction->setText(tr("History"));
    m_historyAction->setToolTip(tr("Revisions with their differences; restore one (Ctrl+H)"));
    m_previewAction->setText(tr("Preview"));
    m_previewAction->setToolTip(tr("Show the page as the site will show it (F8)"));
    m_spellAction->setText(tr("Spelling"));
    m_spellAction->setToolTip(tr("Underline misspelt words (F7)"));
    m_pdfAction->setText(tr("Export PDF…"));
    m_publishAction->setText(tr("Publish on the sites"));
    m_publishedLabel->setText(tr("Published"));
    m_detailsAction->setText(tr("Details"));
    m_boldAction->setText(tr("Bold"));
    m_italicAction->setText(tr("Italic"));
    m_underlineAction->setText(tr("Underline"));
    m_strikeAction->setText(tr("Strike"));
    m_bulletsAction->setText(tr("Bullets"));
    m_numbersAction->setText(tr("Numbering"));
    m_quoteAction->setText(tr("Quote"));
    m_linkAction->setText(tr("Link…"));
    m_imageAction->setText(tr("Image…"));
    m_tableAction->setText(tr("Table…"));
    m_autoDirectionAction->setText(tr("Auto direction"));
    m_autoDirectionAction->setToolTip(
        tr("The paragraph's direction follows its first letter (Persian: right to left)"));
    m_rtlAction->setText(tr("Right to left"));
    m_ltrAction->setText(tr("Left to right"));
    m_heading->setItemText(0, tr("Paragraph"));
    m_heading->setItemText(1, tr("Heading 2"));
    m_heading->setItemText(2, tr("Heading 3"));
    m_heading->setItemText(3, tr("Heading 4"));
    m_detailsDock->setWindowTitle(tr("Details"));
    m_statusLabel->setText(tr("Status"));
    m_kindLabel->setText(tr("&Kind"));
    m_kind->setItemText(0, newsroom::kindDisplayName(newsroom::ArticleKind::Article));
    m_kind->setItemText(1, newsroom::kindDisplayName(newsroom::ArticleKind::Announcement));
    m_languageLabel->setText(tr("&Language"));
    m_translationLabel->setText(tr("Same news in the other language"));
    if (m_translation->count() > 0) {
        m_translation->setItemText(0, tr("None"));
    }
    m_categoryLabel->setText(tr("&Category"));
    m_tagsLabel->setText(tr("&Tags (separated by commas)"));
    m_slugLabel->setText(tr("Address on the site (&slug)"));
    m_slug->setPlaceholderText(tr("made from the title"));
    m_eventDateLabel->setText(tr("&Date of the news"));
    m_untilLabel->setText(tr("Publish &until (announcements)"));
    m_scheduledLabel->setText(tr("Scheduled for"));
    m_imageLabel->setText(tr("Featured image"));
    m_chooseImage->setText(tr("Choose…"));
    m_removeImage->setText(tr("Remove"));
    m_captionLabel->setText(tr("Ca&ption"));
    m_altLabel->setText(tr("&Alternative text (for screen readers)"));
    m_seoTitleLabel->setText(tr("SEO title"));
    m_seoDescriptionLabel->setText(tr("SEO description"));
    m_kindLabel->setBuddy(m_kind);
    m_languageLabel->setBuddy(m_language);
    m_categoryLabel->setBuddy(m_category);
    m_tagsLabel->setBuddy(m_tags);
    m_slugLabel->setBuddy(m_slug);
    m_eventDateLabel->setBuddy(m_eventDate);
    m_untilLabel->setBuddy(m_until);
    m_captionLabel->setBuddy(m_caption);
    m_altLabel->setBuddy(m_alt);
    updateWorkflowActions();
    updateTitle();
    updateBanner();
    updateImagePreview();
    updatePreviewAndCounts();
    updatePublished();
    if (m_saveState->text().isEmpty() || !m_modified) {
        m_saveState->setText(m_article.id == 0
                ? tr("Not saved yet")
                : tr("Revision %1").arg(QLocale().toString(m_article.revision)));
    }
}

void ArticleEditor::newArticle(newsroom::ArticleKind kind)
{
    newsroom::Article article;
    article.kind = kind;
    article.language = QLocale().language() == QLocale::English ? u"en"_s : u"fa"_s;
    article.eventDate = QDate::currentDate();
    load(article);
}

bool ArticleEditor::openArticle(qint64 id, const LockQuestion &ask)
{
    auto article = m_service.get(m_session.user.actor(), id);
    if (!article) {
        showError(article.errorMessage());
        return false;
    }
    const accounts::Actor actor = m_session.user.actor();
    bool readOnly = !actor.require(accounts::Permission::WriteArticles);
    QString why = readOnly ? tr("Your role can read articles but not change them.") : QString();
    if (!readOnly) {
        auto lock = m_service.acquireLock(actor, id);
        if (!lock && lock.error().kind == Error::Kind::Locked) {
            const auto holder = m_service.lockOf(id);
            const bool sameUser = holder && *holder && (**holder).holderKey == actor.username;
            const bool canTakeOver
                = sameUser || actor.require(accounts::Permission::ReviewArticles);
            LockChoice choice = LockChoice::ReadOnly;
            if (ask) {
                choice = ask(lock.errorMessage(), canTakeOver);
            } else {
                QMessageBox box(QMessageBox::Warning, tr("Article in use"), lock.errorMessage(),
                    QMessageBox::NoButton, this);
                QPushButton *readButton
                    = box.addButton(tr("Open read-only"), QMessageBox::AcceptRole);
                QPushButton *takeButton = canTakeOver
                    ? box.addButton(tr("Take over editing"), QMessageBox::DestructiveRole)
                    : nullptr;
                box.addButton(QMessageBox::Cancel);
                box.setDefaultButton(readButton);
                box.exec();
                choice = box.clickedButton() == readButton              ? LockChoice::ReadOnly
                    : (takeButton && box.clickedButton() == takeButton) ? LockChoice::TakeOver
                                                                        : LockChoice::Cancel;
            }
            if (choice == LockChoice::Cancel) {
                return false;
            }
            if (choice == LockChoice::TakeOver) {
                lock = m_service.acquireLock(actor, id, true);
            } else {
                readOnly = true;
                why = lock.errorMessage();
            }
        }
        if (!readOnly && !lock) {
            showError(lock.errorMessage());
            return false;
        }
        m_holdsLock = !readOnly;
    }
    load(*article);
    setReadOnly(readOnly, why);
    if (m_holdsLock) {
        m_lockTimer->start();
    }
    return true;
}

bool ArticleEditor::recover(const newsroom::Autosave &autosave)
{
    if (autosave.articleId != 0 && !openArticle(autosave.articleId)) {
        return false;
    }
    newsroom::Article draft = autosave.draft;
    if (autosave.articleId != 0) {
        // The stored revision stays the base, so that saving still notices
        // anybody else's save since.
        draft.revision = m_article.revision;
        draft.status = m_article.status;
        draft.statusComment = m_article.statusComment;
    }
    const newsroom::Article base = m_article;
    load(draft);
    m_article = base.id != 0 ? base : m_article;
    m_modified = true;
    m_saveState->setText(tr("Recovered text from %1; not saved yet")
                             .arg(text::formatJalaliDateTime(autosave.savedAt, QLocale())));
    updateTitle();
    return true;
}

void ArticleEditor::load(const newsroom::Article &article)
{
    m_loading = true;
    if (m_article.id != article.id) {
        m_articleJobs.clear();
    }
    m_article = article;
    m_title->setText(article.title);
    m_lead->setPlainText(article.lead);
    m_body->setBodyHtml(article.body);
    m_kind->setCurrentIndex(article.kind == newsroom::ArticleKind::Announcement ? 1 : 0);
    m_language->setCurrentIndex(article.language == u"en" ? 1 : 0);
    m_category->setText(article.category);
    m_tags->setText(article.tags.join(u", "_s));
    m_slug->setText(article.slug);
    m_eventDate->setDate(article.eventDate);
    m_until->setDate(article.publishUntil);
    m_until->setEnabled(article.kind == newsroom::ArticleKind::Announcement && !m_readOnly);
    m_featuredImage = article.featuredImageId;
    m_caption->setText(article.imageCaption);
    m_alt->setText(article.imageAlt);
    m_seoTitle->setText(article.seoTitle);
    m_seoDescription->setPlainText(article.seoDescription);
    m_translation->clear(); // so that the loaded article's own link is chosen
    fillTranslations();
    m_modified = false;
    m_loading = false;
    m_autosaveTimer->stop();
    m_saveState->setText(article.id == 0
            ? tr("Not saved yet")
            : tr("Revision %1").arg(QLocale().toString(article.revision)));
    updateImagePreview();
    updateWorkflowActions();
    updateBanner();
    updateTitle();
    updatePreviewAndCounts();
    updatePublished();
}

newsroom::Article ArticleEditor::currentArticle() const
{
    newsroom::Article article = m_article;
    article.title = m_title->text();
    article.lead = m_lead->toPlainText();
    article.body = m_body->bodyHtml();
    article.kind = m_kind->currentIndex() == 1 ? newsroom::ArticleKind::Announcement
                                               : newsroom::ArticleKind::Article;
    article.language = m_language->currentData().toString();
    article.category = m_category->text();
    article.tags = splitTags(m_tags->text());
    article.slug = m_slug->text().trimmed();
    article.eventDate = m_eventDate->date();
    article.publishUntil
        = article.kind == newsroom::ArticleKind::Announcement ? m_until->date() : QDate();
    article.featuredImageId = m_featuredImage;
    article.translationOf = m_translation->currentData().isValid()
        ? std::optional<qint64>(m_translation->currentData().toLongLong())
        : std::nullopt;
    article.imageCaption = m_caption->text();
    article.imageAlt = m_alt->text();
    article.seoTitle = m_seoTitle->text();
    article.seoDescription = m_seoDescription->toPlainText();
    return article;
}

void ArticleEditor::markModified()
{
    if (m_loading) {
        return;
    }
    m_previewTimer->start();
    if (m_readOnly) {
        return;
    }
    if (!m_modified) {
        m_modified = true;
        updateTitle();
    }
    // Not restarted by every keystroke: while someone types without a pause the
    // text still reaches the disk every couple of seconds.
    if (!m_autosaveTimer->isActive()) {
        m_autosaveTimer->start();
    }
}

void ArticleEditor::autosaveNow()
{
    m_autosaveTimer->stop();
    if (!m_modified || m_readOnly) {
        return;
    }
    m_autosave->save(currentArticle());
}

void ArticleEditor::flushAutosave()
{
    m_autosave->flush();
}

bool ArticleEditor::save()
{
    if (m_readOnly) {
        return false;
    }
    const accounts::Actor actor = m_session.user.actor();
    newsroom::Article article = currentArticle();
    const bool isNew = article.id == 0;
    auto saved = isNew ? m_service.create(actor, article) : m_service.save(actor, article);
    if (!saved) {
        showError(saved.errorMessage());
        return false;
    }
    if (isNew) {
        m_autosave->discard(0);
        auto lock = m_service.acquireLock(actor, saved->id);
        m_holdsLock = lock.ok();
        if (m_holdsLock) {
            m_lockTimer->start();
        }
    }
    m_autosave->discard(saved->id);
    m_autosaveTimer->stop();
    // The fields keep what the user typed; only what the core decided changes.
    m_article = *saved;
    m_loading = true;
    m_slug->setText(saved->slug);
    m_loading = false;
    m_modified = false;
    m_body->document()->setModified(false);
    m_saveState->setText(tr("Saved as revision %1").arg(QLocale().toString(saved->revision)));
    updateWorkflowActions();
    updateBanner();
    updateTitle();
    updatePublished();
    emit articleSaved(saved->id);
    return true;
}

bool ArticleEditor::moveTo(
    ArticleStatus status, const QString &comment, const QDateTime &scheduledAt)
{
    if (m_modified && !save()) {
        return false;
    }
    if (m_article.id == 0) {
        showError(tr("Save the article before sending it on."));
        return false;
    }
    auto moved
        = m_service.setStatus(m_session.user.actor(), m_article.id, status, comment, scheduledAt);
    if (!moved) {
        showError(moved.errorMessage());
        return false;
    }
    m_article.status = moved->status;
    m_article.statusComment = moved->statusComment;
    m_article.scheduledAt = moved->scheduledAt;
    m_article.updatedAt = moved->updatedAt;
    updateWorkflowActions();
    updateBanner();
    emit articleSaved(m_article.id);
    return true;
}

void ArticleEditor::askToMove(ArticleStatus status)
{
    if (status == ArticleStatus::NeedsChanges) {
        bool ok = false;
        const QString comment = QInputDialog::getMultiLineText(
            this, tr("Request changes"), tr("What should the author change?"), QString(), &ok);
        if (ok) {
            moveTo(status, comment);
        }
        return;
    }
    if (status == ArticleStatus::Scheduled) {
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Schedule publishing"));
        auto *layout = new QFormLayout(&dialog);
        auto *date = new JalaliDateEdit;
        date->setObjectName(u"scheduleDate"_s);
        date->setDate(QDate::currentDate().addDays(1));
        auto *time = new QTimeEdit(QTime(8, 0));
        time->setObjectName(u"scheduleTime"_s);
        time->setDisplayFormat(u"HH:mm"_s);
        layout->addRow(tr("Date"), date);
        layout->addRow(tr("Time"), time);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        layout->addRow(buttons);
        connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        if (dialog.exec() == QDialog::Accepted) {
            moveTo(status, {}, QDateTime(date->date(), time->time()).toUTC());
        }
        return;
    }
    if (status == ArticleStatus::Unpublished) {
        if (QMessageBox::question(
                this, tr("Unpublish"), tr("Take \"%1\" off the site?").arg(m_title->text()))
            != QMessageBox::Yes) {
            return;
        }
        if (takeDownFromSites()) {
            return;
        }
    }
    moveTo(status);
}

bool ArticleEditor::publishesToSites() const
{
    if (!m_runner) {
        return false;
    }
    const auto sites = publishing::SiteService(m_session.db).list();
    return sites && std::any_of(sites->cbegin(), sites->cend(), [](const publishing::Site &site) {
        return site.enabled;
    });
}

bool ArticleEditor::takeDownFromSites()
{
    if (!m_runner || m_article.id == 0) {
        return false;
    }
    const auto where = m_outbox.publications(m_session.user.actor(), m_article.id);
    if (!where
        || std::none_of(where->cbegin(), where->cend(),
            [](const publishing::Publication &publication) { return publication.live; })) {
        return false; // on no site: only the status changes
    }
    auto jobs = m_outbox.queueUnpublish(m_session.user.actor(), m_article.id);
    if (!jobs) {
        showError(jobs.errorMessage());
        return true;
    }
    m_publishErrors.clear();
    m_takingDown = true;
    for (qint64 id : std::as_const(*jobs)) {
        m_articleJobs.insert(id, true);
        m_publishing.insert(id, 0);
    }
    m_publishProgress->setValue(0);
    m_publishProgress->setVisible(true);
    m_saveState->setText(tr("Taking it off %n site(s)…", nullptr, int(jobs->size())));
    m_runner->start(*jobs);
    updatePublished();
    return true;
}

void ArticleEditor::updateWorkflowActions()
{
    qDeleteAll(m_moveActions);
    m_moveActions.clear();
    updatePublishAction();
    if (m_article.id == 0 || m_readOnly) {
        return;
    }
    const ArticleStatus from = m_article.status;
    const bool sitesPublish = publishesToSites();
    for (ArticleStatus to : m_service.allowedMoves(m_session.user.actor(), m_article)) {
        if (to == ArticleStatus::Published && sitesPublish) {
            // "Publish on the sites" does it, and the status follows the site's answer.
            continue;
        }
        QString text;
        switch (to) {
        case ArticleStatus::InReview:
            text = from == ArticleStatus::NeedsChanges ? tr("Resubmit for review")
                                                       : tr("Submit for review");
            break;
        case ArticleStatus::Draft:
            text = from == ArticleStatus::InReview ? tr("Withdraw to draft") : tr("Back to draft");
            break;
        case ArticleStatus::NeedsChanges:
            text = tr("Request changes…");
            break;
        case ArticleStatus::Approved:
            text = from == ArticleStatus::Scheduled ? tr("Cancel schedule") : tr("Approve");
            break;
        case ArticleStatus::Scheduled:
            text = tr("Schedule…");
            break;
        case ArticleStatus::Published:
            text = tr("Publish now");
            break;
        case ArticleStatus::Unpublished:
            text = tr("Unpublish…");
            break;
        }
        auto *action = new QAction(text, this);
        action->setObjectName(u"move_"_s + newsroom::statusId(to));
        connect(action, &QAction::triggered, this, [this, to] { askToMove(to); });
        m_workflowBar->insertAction(m_publishSeparator, action);
        m_moveActions << action;
    }
}

void ArticleEditor::updateFormattingActions()
{
    const QTextCharFormat format = m_body->currentCharFormat();
    m_boldAction->setChecked(format.fontWeight() >= QFont::Bold);
    m_italicAction->setChecked(format.fontItalic());
    m_underlineAction->setChecked(format.fontUnderline() && !format.isAnchor());
    m_strikeAction->setChecked(format.fontStrikeOut());
    m_quoteAction->setChecked(m_body->isQuote());
    const int level = m_body->heading();
    m_heading->setCurrentIndex(level >= 2 && level <= 4 ? level - 1 : 0);
    switch (m_body->paragraphDirection()) {
    case Qt::RightToLeft:
        m_rtlAction->setChecked(true);
        break;
    case Qt::LeftToRight:
        m_ltrAction->setChecked(true);
        break;
    default:
        m_autoDirectionAction->setChecked(true);
        break;
    }
}

void ArticleEditor::updateTitle()
{
    const QString title = m_title->text().isEmpty()
        ? (m_kind->currentIndex() == 1 ? tr("New announcement") : tr("New article"))
        : m_title->text();
    setWindowTitle(tr("%1[*] — Daftar").arg(title));
    setWindowModified(m_modified);
}

void ArticleEditor::updateBanner()
{
    QStringList lines;
    if (!m_readOnlyReason.isEmpty()) {
        lines << m_readOnlyReason;
    }
    if (m_article.status == ArticleStatus::NeedsChanges && !m_article.statusComment.isEmpty()) {
        lines << tr("Needs changes: %1").arg(m_article.statusComment);
    }
    m_banner->setText(lines.join(u'\n'));
    m_banner->setVisible(!lines.isEmpty());
    QString status = newsroom::statusDisplayName(m_article.status);
    if (m_article.id == 0) {
        status = tr("New, not saved yet");
    }
    m_status->setText(status);
    const QLocale locale;
    m_provenance->setText(m_article.id == 0
            ? QString()
            : tr("Written by %1\nCreated %2\nLast saved %3")
                  .arg(m_article.authorName,
                      text::formatJalaliDateTime(m_article.createdAt, locale),
                      text::formatJalaliDateTime(m_article.updatedAt, locale)));
    m_scheduled->setText(m_article.scheduledAt.isValid()
            ? text::formatJalali(
                  m_article.scheduledAt.toLocalTime().date(), QLocale(), text::DateStyle::Long)
                + u' ' + QLocale().toString(m_article.scheduledAt.toLocalTime().time(), u"HH:mm"_s)
            : tr("—"));
}

void ArticleEditor::fillTranslations()
{
    // The same news in the site's other language: chosen from the articles in it.
    const QString otherLanguage = m_language->currentData().toString() == u"en" ? u"fa"_s : u"en"_s;
    const std::optional<qint64> chosen = m_translation->count() > 0
        ? (m_translation->currentData().isValid()
                ? std::optional<qint64>(m_translation->currentData().toLongLong())
                : std::nullopt)
        : m_article.translationOf;
    const QSignalBlocker blocker(m_translation);
    m_translation->clear();
    m_translation->addItem(tr("None"));
    newsroom::ArticleQuery query;
    query.limit = 500;
    if (auto articles = m_service.list(m_session.user.actor(), query)) {
        for (const newsroom::ArticleSummary &summary : *articles) {
            if (summary.language == otherLanguage && summary.id != m_article.id) {
                m_translation->addItem(summary.title, summary.id);
            }
        }
    }
    const int index = chosen ? m_translation->findData(*chosen) : 0;
    m_translation->setCurrentIndex(qMax(0, index));
}

void ArticleEditor::updateImagePreview()
{
    if (!m_featuredImage) {
        m_image->setPixmap({});
        m_image->setText(tr("No image"));
        m_removeImage->setEnabled(false);
        return;
    }
    newsroom::MediaLibrary media(m_session.db);
    auto item = media.item(*m_featuredImage);
    if (!item) {
        m_image->setText(item.errorMessage());
        return;
    }
    QPixmap thumbnail;
    thumbnail.loadFromData(item->thumbnail);
    m_image->setPixmap(thumbnail.scaledToHeight(std::min(thumbnail.height(), 120)));
    m_removeImage->setEnabled(!m_readOnly);
    if (m_alt->text().isEmpty() && !item->alt.isEmpty()) {
        m_alt->setText(item->alt);
    }
}

void ArticleEditor::updatePreviewAndCounts()
{
    const newsroom::Article article = currentArticle();
    if (m_preview->isVisible() || m_preview->pageHtml().isEmpty()) {
        m_preview->setArticleNow(article);
    }
    const newsroom::TextStats stats = newsroom::measureText(
        m_title->text() + u'\n' + m_lead->toPlainText() + u'\n' + m_body->toPlainText());
    const QLocale locale;
    m_counts->setText(tr("%1 words · %2 characters · %3 min read")
                          .arg(locale.toString(stats.words), locale.toString(stats.characters),
                              locale.toString(stats.readingMinutes)));
}

void ArticleEditor::setReadOnly(bool readOnly, const QString &why)
{
    m_readOnly = readOnly;
    m_readOnlyReason = readOnly ? why : QString();
    m_title->setReadOnly(readOnly);
    m_lead->setReadOnly(readOnly);
    m_body->setReadOnly(readOnly);
    for (QWidget *widget : std::initializer_list<QWidget *> {m_kind, m_language, m_translation,
             m_category, m_tags, m_slug, m_eventDate, m_until, m_chooseImage, m_removeImage,
             m_caption, m_alt, m_seoTitle, m_seoDescription, m_heading}) {
        widget->setEnabled(!readOnly);
    }
    for (QAction *action :
        {m_saveAction, m_cleanupAction, m_boldAction, m_italicAction, m_underlineAction,
            m_strikeAction, m_bulletsAction, m_numbersAction, m_quoteAction, m_linkAction,
            m_imageAction, m_tableAction, m_autoDirectionAction, m_rtlAction, m_ltrAction}) {
        action->setEnabled(!readOnly);
    }
    if (readOnly) {
        m_autosaveTimer->stop();
    }
    updateWorkflowActions();
    updateBanner();
}

int ArticleEditor::cleanUp(bool confirm)
{
    if (m_readOnly) {
        return 0;
    }
    const newsroom::CleanupResult title = newsroom::cleanupPlainText(m_title->text());
    const newsroom::CleanupResult lead = newsroom::cleanupPlainText(m_lead->toPlainText());
    QList<newsroom::CleanupChange> changes = title.changes + lead.changes;
    struct BlockEdits
    {
        int position;
        QList<newsroom::CleanupEdit> edits;
    };
    QList<BlockEdits> bodyEdits;
    QTextDocument *document = m_body->document();
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        QList<newsroom::CleanupEdit> kept;
        for (const newsroom::CleanupEdit &edit : newsroom::cleanupEdits(text)) {
            if (!touchesCodeOrLink(block, edit.start, std::max(edit.length, 1))) {
                kept << edit;
                changes << describeEdit(text, edit);
            }
        }
        if (!kept.isEmpty()) {
            bodyEdits << BlockEdits {block.position(), kept};
        }
    }
    if (confirm) {
        CleanupDialog dialog(changes, this);
        if (dialog.exec() != QDialog::Accepted || changes.isEmpty()) {
            return 0;
        }
    }
    if (changes.isEmpty()) {
        return 0;
    }
    if (m_title->text() != title.html) {
        m_title->selectAll();
        m_title->insert(title.html);
    }
    if (m_lead->toPlainText() != lead.html) {
        QTextCursor cursor(m_lead->document());
        cursor.beginEditBlock();
        cursor.select(QTextCursor::Document);
        cursor.insertText(lead.html);
        cursor.endEditBlock();
    }
    // One edit block: a single Undo takes the whole clean-up back. From the end,
    // so that earlier positions stay valid.
    QTextCursor cursor(document);
    cursor.beginEditBlock();
    for (auto block = bodyEdits.crbegin(); block != bodyEdits.crend(); ++block) {
        for (auto edit = block->edits.crbegin(); edit != block->edits.crend(); ++edit) {
            cursor.setPosition(block->position + edit->start);
            cursor.setPosition(
                block->position + edit->start + edit->length, QTextCursor::KeepAnchor);
            cursor.insertText(edit->replacement);
        }
    }
    cursor.endEditBlock();
    markModified();
    m_saveState->setText(tr(
        "%n change(s) made by the clean-up; Ctrl+Z takes them back", nullptr, int(changes.size())));
    return int(changes.size());
}

void ArticleEditor::showHistory()
{
    if (m_article.id == 0) {
        showError(tr("The article has no history yet: save it first."));
        return;
    }
    if (m_modified && !save()) {
        return;
    }
    HistoryDialog dialog(m_session, m_article.id, this);
    dialog.exec();
    if (dialog.restoredRevision() > 0) {
        auto article = m_service.get(m_session.user.actor(), m_article.id);
        if (article) {
            load(*article);
        }
        emit articleSaved(m_article.id);
    }
}

void ArticleEditor::chooseFeaturedImage()
{
    MediaLibraryDialog dialog(m_session, this);
    if (dialog.exec() != QDialog::Accepted || !dialog.chosen()) {
        return;
    }
    m_featuredImage = dialog.chosen()->id;
    if (!dialog.chosen()->alt.isEmpty()) {
        m_alt->setText(dialog.chosen()->alt);
    }
    updateImagePreview();
    markModified();
}

void ArticleEditor::insertImageFromLibrary()
{
    MediaLibraryDialog dialog(m_session, this);
    if (dialog.exec() != QDialog::Accepted || !dialog.chosen()) {
        return;
    }
    m_body->insertImage(dialog.chosen()->id, std::min(dialog.chosen()->width, 640));
    m_body->setFocus();
}

void ArticleEditor::insertLink()
{
    bool ok = false;
    const QString url = QInputDialog::getText(
        this, tr("Insert link"), tr("Address (https://…)"), QLineEdit::Normal, u"https://"_s, &ok)
                            .trimmed();
    if (!ok || url.isEmpty()) {
        return;
    }
    const QUrl parsed(url);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid()
        || (scheme != u"http" && scheme != u"https" && scheme != u"mailto" && !scheme.isEmpty())) {
        showError(tr("\"%1\" is not a web or e-mail address; links may start with https://, "
                     "http:// or mailto:.")
                      .arg(url));
        return;
    }
    m_body->insertLink(url, m_body->textCursor().hasSelection() ? QString() : url);
}

void ArticleEditor::insertTable()
{
    bool ok = false;
    const int columns
        = QInputDialog::getInt(this, tr("Insert table"), tr("Columns"), 3, 1, 12, 1, &ok);
    if (!ok) {
        return;
    }
    const int rows = QInputDialog::getInt(this, tr("Insert table"), tr("Rows"), 3, 1, 100, 1, &ok);
    if (ok) {
        m_body->insertTable(rows, columns);
    }
}

void ArticleEditor::exportPdf()
{
    QString name = m_article.slug.isEmpty() ? u"article"_s : m_article.slug;
    name = QUrl::fromPercentEncoding(name.toUtf8());
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export PDF"), name + u".pdf"_s, tr("PDF files (*.pdf)"));
    if (path.isEmpty()) {
        return;
    }
    m_preview->setArticleNow(currentArticle());
    m_preview->exportPdf(path, [this, path](const Status &done) {
        if (done) {
            m_saveState->setText(tr("PDF written to %1").arg(path));
        } else {
            showError(done.errorMessage());
        }
    });
}

void ArticleEditor::refreshLock()
{
    if (!m_holdsLock) {
        return;
    }
    const Status kept = m_service.refreshLock(m_session.user.actor(), m_article.id);
    if (!kept && kept.error().kind == Error::Kind::Locked) {
        m_holdsLock = false;
        m_lockTimer->stop();
        autosaveNow();
        setReadOnly(true, kept.errorMessage());
    }
}

QImage ArticleEditor::mediaImage(qint64 id)
{
    if (const auto cached = m_images.constFind(id); cached != m_images.constEnd()) {
        return *cached;
    }
    QImage image;
    if (auto bytes = newsroom::MediaLibrary(m_session.db).bytes(id)) {
        image.loadFromData(*bytes);
    }
    m_images.insert(id, image);
    return image;
}

void ArticleEditor::showError(const QString &message)
{
    m_lastError = message;
    m_saveState->setText(message);
    QMessageBox::warning(this, tr("Article"), message);
}

void ArticleEditor::updatePublishAction()
{
    if (!m_runner) {
        return;
    }
    const Status mayPublish = m_session.user.actor().require(accounts::Permission::ReviewArticles);
    const bool publishable = m_article.status == ArticleStatus::Approved
        || m_article.status == ArticleStatus::Scheduled
        || m_article.status == ArticleStatus::Published;
    m_publishAction->setEnabled(m_article.id != 0 && publishable && mayPublish.ok());
    if (!mayPublish) {
        m_publishAction->setToolTip(mayPublish.errorMessage());
    } else if (!publishable || m_article.id == 0) {
        m_publishAction->setToolTip(
            tr("Only approved, scheduled or published articles go to the sites."));
    } else {
        m_publishAction->setToolTip(
            tr("Send the article to every site it belongs on (Ctrl+Shift+U)"));
    }
}

bool ArticleEditor::publishToSites()
{
    if (!m_runner) {
        return false;
    }
    if (m_modified && !save()) {
        return false;
    }
    if (m_article.id == 0) {
        showError(tr("Save the article before publishing it."));
        return false;
    }
    auto jobs = m_outbox.queuePublish(m_session.user.actor(), {m_article.id});
    if (!jobs) {
        showError(jobs.errorMessage());
        return false;
    }
    if (jobs->isEmpty()) {
        showError(tr("No site takes this article: each enabled site is for the other language. "
                     "Check the sites' languages on the Publishing page."));
        return false;
    }
    m_publishErrors.clear();
    m_takingDown = false;
    m_saveState->setToolTip(QString());
    for (qint64 id : std::as_const(*jobs)) {
        m_articleJobs.insert(id, true);
        m_publishing.insert(id, 0);
    }
    m_publishProgress->setValue(0);
    m_publishProgress->setVisible(true);
    m_saveState->setText(tr("Publishing on %n site(s)…", nullptr, int(jobs->size())));
    m_runner->start(*jobs);
    updatePublished();
    return true;
}

bool ArticleEditor::isJobOfThisArticle(qint64 jobId)
{
    if (m_article.id == 0) {
        return false;
    }
    if (const auto known = m_articleJobs.constFind(jobId); known != m_articleJobs.constEnd()) {
        return *known;
    }
    const auto job = m_outbox.job(m_session.user.actor(), jobId);
    const bool ours
        = job && job->entity == publishing::Entity::Article && job->entityId == m_article.id;
    m_articleJobs.insert(jobId, ours);
    return ours;
}

void ArticleEditor::publishJobChanged(qint64 jobId, int state, int progress)
{
    if (!m_publishing.contains(jobId)) {
        if (isJobOfThisArticle(jobId) && state != int(publishing::JobState::Running)) {
            updatePublished();
        }
        return;
    }
    m_publishing[jobId] = progress;
    int total = 0;
    for (int each : std::as_const(m_publishing)) {
        total += each;
    }
    m_publishProgress->setValue(total / int(m_publishing.size()));
}

void ArticleEditor::publishJobFinished(qint64 jobId, int state, const QString &error)
{
    if (!isJobOfThisArticle(jobId)) {
        return;
    }
    updatePublished();
    // The status follows the site: published, scheduled or unpublished now.
    if (const auto stored = m_service.get(m_session.user.actor(), m_article.id);
        stored && stored->status != m_article.status) {
        m_article.status = stored->status;
        m_article.statusComment = stored->statusComment;
        m_article.scheduledAt = stored->scheduledAt;
        m_article.updatedAt = stored->updatedAt;
        updateWorkflowActions();
        updateBanner();
        emit articleSaved(m_article.id);
    }
    if (!m_publishing.remove(jobId)) {
        return;
    }
    if (state == int(publishing::JobState::Failed)) {
        m_publishErrors << error;
    } else if (state == int(publishing::JobState::Conflict)) {
        m_publishErrors << tr("The post was changed on the site; the chief editor chooses a "
                              "version on the Publishing page.");
    }
    if (!m_publishing.isEmpty()) {
        return;
    }
    m_publishProgress->setVisible(false);
    if (m_publishErrors.isEmpty()) {
        m_saveState->setText(
            m_takingDown ? tr("Taken off the sites") : tr("Published on the sites"));
    } else {
        m_lastError = m_publishErrors.join(u'\n');
        m_saveState->setText(tr("Publishing failed: %1").arg(m_publishErrors.constFirst()));
        m_saveState->setToolTip(m_lastError);
    }
}

void ArticleEditor::updatePublished()
{
    if (!m_runner) {
        return;
    }
    if (m_article.id == 0) {
        m_published->setText(tr("Not on any site: the article is not saved yet."));
        return;
    }
    const accounts::Actor actor = m_session.user.actor();
    const QLocale locale;
    QStringList lines;
    const auto publications = m_outbox.publications(actor, m_article.id);
    if (!publications) {
        m_published->setText(publications.errorMessage().toHtmlEscaped());
        return;
    }
    for (const publishing::Publication &publication : *publications) {
        QString line = u"<b>%1</b> — <span style=\"color:%2\">%3</span>"_s.arg(
            publication.siteName.toHtmlEscaped(), publicationStateColor(publication).name(),
            publicationStateBrief(publication).toHtmlEscaped());
        if (publication.live && !publication.url.isEmpty()) {
            QString shown = publication.url.toDisplayString();
            if (shown.size() > publishedUrlChars) {
                shown = shown.left(publishedUrlChars - 1) + u'…';
            }
            line += u"<br><a href=\"%1\">%2</a>"_s.arg(
                QString::fromUtf8(publication.url.toEncoded()).toHtmlEscaped(),
                text::isolateLeftToRight(shown).toHtmlEscaped());
        }
        if (publication.pushedAt.isValid()) {
            line += u"<br>"_s
                + tr("Last sent %1")
                      .arg(formatMoment(publication.pushedAt, locale))
                      .toHtmlEscaped();
        }
        lines << line;
    }
    publishing::JobFilter unfinished;
    unfinished.articleId = m_article.id;
    unfinished.includeFinished = false;
    if (const auto jobs = m_outbox.jobs(actor, unfinished)) {
        for (const publishing::Job &job : *jobs) {
            QString line = u"<b>%1</b> — <span style=\"color:%2\">%3</span>"_s.arg(
                job.siteName.toHtmlEscaped(), jobStateColor(job.state).name(),
                tr("%1: %2")
                    .arg(publishing::jobActionDisplayName(job.action),
                        publishing::jobStateDisplayName(job.state))
                    .toHtmlEscaped());
            if (job.state == publishing::JobState::Failed && !job.lastError.isEmpty()) {
                line += u"<br>"_s + job.lastError.toHtmlEscaped();
            }
            lines << line;
        }
    }
    if (lines.isEmpty()) {
        lines << tr("Not on any site yet.").toHtmlEscaped();
    }
    // Each line reads in the UI's direction even when it starts with a site name
    // in the other script.
    const QString paragraph
        = isRightToLeft() ? u"<p dir=\"rtl\">%1</p>"_s : u"<p dir=\"ltr\">%1</p>"_s;
    QString html;
    for (const QString &line : std::as_const(lines)) {
        html += paragraph.arg(line);
    }
    m_published->setText(html);
}

void ArticleEditor::closeEvent(QCloseEvent *event)
{
    if (m_modified && !m_readOnly) {
        const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
            tr("Save the changes to \"%1\" before closing?").arg(m_title->text()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save())) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Discard) {
            m_autosave->discard(m_article.id);
        }
    }
    m_autosave->flush();
    if (m_holdsLock) {
        (void)m_service.releaseLock(m_session.user.actor(), m_article.id);
        m_holdsLock = false;
    }
    QMainWindow::closeEvent(event);
}

void ArticleEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

} // namespace daftar::ui
