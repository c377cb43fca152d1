#include "MainWindow.h"

#include "AboutDialog.h"
#include "Language.h"
#include "LanguageSwitch.h"
#include "SettingsPage.h"
#include "members/BranchesPage.h"
#include "members/DuplicatesDialog.h"
#include "members/ImportDialog.h"
#include "members/MembersPage.h"
#include "newsroom/ArticleEditor.h"
#include "newsroom/NewsroomPage.h"
#include "newsroom/RecoveryDialog.h"
#include "publishing/Outbox.h"
#include "publishing/PublishRunner.h"
#include "publishing/PublishingPage.h"
#include "text/Jalali.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {
const auto geometryKey = "ui/mainWindow/geometry"_L1;
const auto sectionKey = "ui/mainWindow/section"_L1;
} // namespace

MainWindow::MainWindow(Session &session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_appTitle(new QLabel(this))
    , m_organisation(new QLabel(this))
    , m_sections(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_userStatus(new QLabel(this))
    , m_dateStatus(new QLabel(this))
    , m_databaseStatus(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    m_sections->setObjectName(u"sections"_s);
    m_pages->setObjectName(u"pages"_s);
    m_userStatus->setObjectName(u"userStatus"_s);
    m_dateStatus->setObjectName(u"dateStatus"_s);
    m_databaseStatus->setObjectName(u"databaseStatus"_s);
    m_appTitle->setObjectName(u"appTitle"_s);

    auto *header = new QWidget(this);
    header->setObjectName(u"header"_s);
    header->setAutoFillBackground(true);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(16, 8, 16, 8);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    titles->addWidget(m_appTitle);
    titles->addWidget(m_organisation);
    headerLayout->addLayout(titles);
    headerLayout->addStretch();
    headerLayout->addWidget(new LanguageSwitch(header));

    m_sections->setFixedWidth(220);
    m_sections->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sections->setFrameShape(QFrame::NoFrame);
    m_sections->setSpacing(2);
    m_sections->setStyleSheet(u"QListWidget { font-size: 11pt; padding-top: 8px; }"
                              "QListWidget::item { padding: 8px 12px; }"_s);

    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    body->addWidget(m_sections);
    body->addWidget(m_pages, 1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addLayout(body, 1);
    setCentralWidget(central);

    statusBar()->addWidget(m_userStatus);
    statusBar()->addWidget(m_databaseStatus, 1);
    statusBar()->addPermanentWidget(m_dateStatus);

    buildPages();
    buildMenus();
    connect(m_sections, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    // The date in the status bar turns over at midnight.
    auto *clock = new QTimer(this);
    clock->setInterval(60 * 1000);
    connect(clock, &QTimer::timeout, this, &MainWindow::updateStatusBar);
    clock->start();

    retranslate();
    QSettings settings;
    if (!restoreGeometry(settings.value(geometryKey).toByteArray())) {
        resize(1100, 720);
    }
    showSection(Section(qBound(0, settings.value(sectionKey, 0).toInt(), SectionCount - 1)));
    // After a crash, the unsaved text is offered back once the window is up.
    QTimer::singleShot(0, this, &MainWindow::offerRecovery);
    // What a closed or crashed Daftar left in the outbox is finished soon after
    // the start, and failed jobs are tried again once their wait is over.
    QTimer::singleShot(3000, this, &MainWindow::resumePublishing);
    auto *outboxTimer = new QTimer(this);
    outboxTimer->setInterval(5 * 60 * 1000);
    connect(outboxTimer, &QTimer::timeout, this, &MainWindow::resumePublishing);
    outboxTimer->start();
}

void MainWindow::buildPages()
{
    m_newsroomPage = new NewsroomPage(m_session);
    connect(m_newsroomPage, &NewsroomPage::openArticleRequested, this,
        [this](qint64 id) { openArticle(id); });
    connect(m_newsroomPage, &NewsroomPage::newArticleRequested, this,
        [this](newsroom::ArticleKind kind) { newArticle(kind); });
    m_pages->addWidget(m_newsroomPage);
    m_membersPage = new MembersPage(m_session);
    m_pages->addWidget(m_membersPage);
    m_pages->addWidget(new BranchesPage(m_session));
    m_runner = new PublishRunner(m_session.db.location(), m_session.user.actor(), this);
    m_publishingPage = new PublishingPage(m_session, *m_runner);
    connect(m_publishingPage, &PublishingPage::openArticleRequested, this,
        [this](qint64 id) { openArticle(id); });
    m_pages->addWidget(m_publishingPage);
    m_pages->addWidget(new SettingsPage(m_session));
    for (int i = 0; i < SectionCount; ++i) {
        m_sections->addItem(QString());
    }
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_quitAction = m_fileMenu->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);
    m_viewMenu = menuBar()->addMenu(QString());
    for (int i = 0; i < SectionCount; ++i) {
        QAction *action
            = m_viewMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)),
                this, [this, i] { showSection(Section(i)); });
        m_sectionActions << action;
    }
    m_membersMenu = menuBar()->addMenu(QString());
    m_importAction
        = m_membersMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_I), this, [this] {
              ImportDialog dialog(m_session, this);
              connect(&dialog, &ImportDialog::importFinished, m_membersPage, &MembersPage::reload);
              dialog.exec();
          });
    m_duplicatesAction = m_membersMenu->addAction(QString(), this, [this] {
        DuplicatesDialog dialog(m_session, this);
        connect(&dialog, &DuplicatesDialog::membersMerged, m_membersPage, &MembersPage::reload);
        dialog.exec();
    });
    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Daftar"));
    m_appTitle->setText(u"<span style='font-size:16pt; font-weight:600'>%1</span>"_s.arg(
        tr("Daftar").toHtmlEscaped()));
    m_organisation->setText(tr("Secretariat of the federation of cooperatives"));
    const QStringList names {tr("News and announcements"), tr("Member bank"),
        tr("Provincial branches"), tr("Publishing"), tr("Settings")};
    for (int i = 0; i < SectionCount; ++i) {
        m_sections->item(i)->setText(names.at(i));
        m_sectionActions.at(i)->setText(names.at(i));
    }
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&Go"));
    m_membersMenu->setTitle(tr("&Members"));
    m_importAction->setText(tr("&Import members…"));
    m_duplicatesAction->setText(tr("Possible &duplicates…"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Daftar"));
    updateStatusBar();
}

void MainWindow::updateStatusBar()
{
    const QLocale locale = this->locale();
    const accounts::User &user = m_session.user;
    m_userStatus->setText(Language::inUiDirection(
        tr("%1 — %2").arg(user.displayName, accounts::roleDisplayName(user.role))));
    m_databaseStatus->setText(
        m_session.db.isPostgres() ? tr("Shared database") : tr("Database on this computer"));
    m_databaseStatus->setToolTip(m_session.db.location().displayName());
    m_dateStatus->setText(
        text::formatJalali(QDate::currentDate(), locale, text::DateStyle::LongWithWeekday));
}

void MainWindow::showSection(Section section)
{
    m_sections->setCurrentRow(section);
}

MainWindow::Section MainWindow::currentSection() const
{
    return Section(m_pages->currentIndex());
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::LocaleChange) {
        updateStatusBar();
    }
    QMainWindow::changeEvent(event);
}

ArticleEditor *MainWindow::createEditor()
{
    auto *editor = new ArticleEditor(m_session, this, m_runner);
    connect(editor, &ArticleEditor::articleSaved, m_newsroomPage, &NewsroomPage::reload);
    connect(editor, &ArticleEditor::articleSaved, m_publishingPage, &PublishingPage::reload);
    m_editors << editor;
    return editor;
}

ArticleEditor *MainWindow::openArticle(qint64 id)
{
    for (const QPointer<ArticleEditor> &open : std::as_const(m_editors)) {
        if (open && open->articleId() == id) {
            open->show();
            open->raise();
            open->activateWindow();
            return open;
        }
    }
    ArticleEditor *editor = createEditor();
    if (!editor->openArticle(id)) {
        editor->deleteLater();
        return nullptr;
    }
    editor->show();
    return editor;
}

ArticleEditor *MainWindow::newArticle(newsroom::ArticleKind kind)
{
    ArticleEditor *editor = createEditor();
    editor->newArticle(kind);
    editor->show();
    return editor;
}

void MainWindow::resumePublishing()
{
    if (m_runner->isRunning()
        || !m_session.user.actor().require(accounts::Permission::ReviewArticles)) {
        return;
    }
    const auto runnable = publishing::Outbox(m_session.db).runnableJobs();
    if (runnable && !runnable->isEmpty()) {
        m_runner->start();
    }
}

void MainWindow::offerRecovery()
{
    newsroom::ArticleService service(m_session.db);
    const accounts::Actor actor = m_session.user.actor();
    auto pending = service.pendingAutosaves(actor);
    if (!pending || pending->isEmpty()) {
        return;
    }
    RecoveryDialog dialog(*pending, this);
    dialog.exec();
    for (const newsroom::Autosave &autosave : dialog.toDiscard()) {
        (void)service.discardAutosave(actor, autosave.articleId);
    }
    for (const newsroom::Autosave &autosave : dialog.toRecover()) {
        ArticleEditor *editor = createEditor();
        if (editor->recover(autosave)) {
            editor->show();
        } else {
            editor->deleteLater();
        }
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Each editor asks about its own unsaved text; one "Cancel" keeps Daftar open.
    for (const QPointer<ArticleEditor> &editor : std::as_const(m_editors)) {
        if (editor && !editor->close()) {
            event->ignore();
            return;
        }
    }
    QSettings settings;
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(sectionKey, int(currentSection()));
    event->accept();
}

} // namespace daftar::ui
