#include "PublishingPage.h"

#include "ConflictDialog.h"
#include "JobListModel.h"
#include "PublicationListModel.h"
#include "PublishRunner.h"
#include "SiteSettingsDialog.h"
#include "accounts/Role.h"
#include "text/PersianText.h"
#include "widgets/ComboBoxes.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

using publishing::Job;
using publishing::JobState;

namespace {

// While a run goes on the queue is read again this often: jobs another desktop
// runs, and retries the publisher schedules, show up without a click.
constexpr int pollWhileRunningMs = 2000;
// Several progress reports in a row for jobs not listed yet cause one reload.
constexpr int reloadDelayMs = 100;

enum BodyPage { ContentPage, EmptyPage };
enum ListPage { TablePage, EmptyListPage };

// A running job's progress as a bar with its step written on it.
class ProgressDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        if (!index.data(JobListModel::RunningRole).toBool()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(3, 3, -3, -3);
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = qBound(0, index.data(JobListModel::ProgressRole).toInt(), 100);
        bar.text = option.fontMetrics.elidedText(
            index.data().toString(), Qt::ElideRight, bar.rect.width() - 8);
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
        bar.direction = option.direction;
        bar.palette = option.palette;
        bar.fontMetrics = option.fontMetrics;
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }
};

void setUpTable(QTableView *table, QWidget *page)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(page->fontMetrics().height() + 12);
    QHeaderView *header = table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeading | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
}

QLabel *emptyListLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    label->setStyleSheet(u"color: palette(placeholder-text); font-size: 11pt;"_s);
    label->setMargin(24);
    return label;
}

} // namespace

PublishingPage::PublishingPage(Session &session, PublishRunner &runner, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_runner(runner)
    , m_outbox(session.db)
    , m_sites(session.db)
    , m_canPublish(accounts::roleAllows(session.user.role, accounts::Permission::ReviewArticles))
    , m_title(new QLabel(this))
    , m_siteFilter(new QComboBox(this))
    , m_publishApproved(new QAction(this))
    , m_publishDirectories(new QAction(this))
    , m_runNow(new QAction(this))
    , m_stop(new QAction(this))
    , m_siteSettings(new QAction(this))
    , m_publishApprovedButton(new QToolButton(this))
    , m_publishDirectoriesButton(new QToolButton(this))
    , m_runNowButton(new QToolButton(this))
    , m_stopButton(new QToolButton(this))
    , m_siteSettingsButton(new QToolButton(this))
    , m_body(new QStackedWidget(this))
    , m_queueTitle(new QLabel(this))
    , m_showFinished(new QCheckBox(this))
    , m_queueStack(new QStackedWidget(this))
    , m_jobTable(new QTableView(m_queueStack))
    , m_jobs(new JobListModel(m_outbox, session.user.actor(), this))
    , m_queueEmpty(emptyListLabel(m_queueStack))
    , m_retry(new QAction(this))
    , m_cancel(new QAction(this))
    , m_resolve(new QAction(this))
    , m_retryButton(new QToolButton(this))
    , m_cancelButton(new QToolButton(this))
    , m_resolveButton(new QToolButton(this))
    , m_runState(new QLabel(this))
    , m_publicationsTitle(new QLabel(this))
    , m_publicationStack(new QStackedWidget(this))
    , m_publicationTable(new QTableView(m_publicationStack))
    , m_publications(new PublicationListModel(m_outbox, session.user.actor(), this))
    , m_publicationsEmpty(emptyListLabel(m_publicationStack))
    , m_emptyPage(new QWidget(m_body))
    , m_emptyText(new QLabel(m_emptyPage))
    , m_emptyAddSite(new QToolButton(m_emptyPage))
    , m_poll(new QTimer(this))
    , m_reloadSoon(new QTimer(this))
{
    setObjectName(u"publishingPage"_s);
    m_title->setObjectName(u"pageTitle"_s);
    m_siteFilter->setObjectName(u"siteFilter"_s);
    m_publishApproved->setObjectName(u"publishApprovedAction"_s);
    m_publishDirectories->setObjectName(u"publishDirectoriesAction"_s);
    m_runNow->setObjectName(u"runNowAction"_s);
    m_stop->setObjectName(u"stopAction"_s);
    m_siteSettings->setObjectName(u"siteSettingsAction"_s);
    m_publishApprovedButton->setObjectName(u"publishApproved"_s);
    m_publishDirectoriesButton->setObjectName(u"publishDirectories"_s);
    m_runNowButton->setObjectName(u"runNow"_s);
    m_stopButton->setObjectName(u"stopRun"_s);
    m_siteSettingsButton->setObjectName(u"siteSettings"_s);
    m_showFinished->setObjectName(u"showFinished"_s);
    m_jobTable->setObjectName(u"jobTable"_s);
    m_queueEmpty->setObjectName(u"queueEmpty"_s);
    m_retry->setObjectName(u"retryAction"_s);
    m_cancel->setObjectName(u"cancelJobAction"_s);
    m_resolve->setObjectName(u"resolveAction"_s);
    m_retryButton->setObjectName(u"retryJob"_s);
    m_cancelButton->setObjectName(u"cancelJob"_s);
    m_resolveButton->setObjectName(u"resolveConflict"_s);
    m_runState->setObjectName(u"runState"_s);
    m_publicationTable->setObjectName(u"publicationTable"_s);
    m_publicationsEmpty->setObjectName(u"publicationsEmpty"_s);
    m_emptyPage->setObjectName(u"emptyState"_s);
    m_emptyText->setObjectName(u"emptyStateText"_s);
    m_emptyAddSite->setObjectName(u"emptyStateAddSite"_s);

    // The core refuses too; disabling only saves the user a refusal.
    for (QAction *action : {m_publishApproved, m_publishDirectories, m_runNow}) {
        action->setEnabled(m_canPublish);
    }
    m_publishApprovedButton->setDefaultAction(m_publishApproved);
    m_publishDirectoriesButton->setDefaultAction(m_publishDirectories);
    m_runNowButton->setDefaultAction(m_runNow);
    m_stopButton->setDefaultAction(m_stop);
    m_siteSettingsButton->setDefaultAction(m_siteSettings);
    m_retryButton->setDefaultAction(m_retry);
    m_cancelButton->setDefaultAction(m_cancel);
    m_resolveButton->setDefaultAction(m_resolve);
    for (QToolButton *button :
        {m_publishApprovedButton, m_publishDirectoriesButton, m_runNowButton, m_stopButton,
            m_siteSettingsButton, m_retryButton, m_cancelButton, m_resolveButton, m_emptyAddSite}) {
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setMinimumHeight(m_siteFilter->sizeHint().height());
    }
    m_siteFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_showFinished->setChecked(true);

    setUpTable(m_jobTable, this);
    m_jobTable->setModel(m_jobs);
    m_jobTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_jobTable->setItemDelegateForColumn(JobListModel::Progress, new ProgressDelegate(m_jobTable));
    m_jobTable->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_jobTable->addActions({m_retry, m_cancel, m_resolve});
    setUpTable(m_publicationTable, this);
    m_publicationTable->setModel(m_publications);
    m_publicationTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_publicationTable->setMouseTracking(true);
    m_queueStack->addWidget(m_jobTable);
    m_queueStack->addWidget(m_queueEmpty);
    m_publicationStack->addWidget(m_publicationTable);
    m_publicationStack->addWidget(m_publicationsEmpty);

    QFont sectionFont = m_queueTitle->font();
    sectionFont.setBold(true);
    sectionFont.setPointSizeF(sectionFont.pointSizeF() * 1.1);
    m_queueTitle->setFont(sectionFont);
    m_publicationsTitle->setFont(sectionFont);
    m_runState->setWordWrap(true);
    m_runState->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *queue = new QWidget(this);
    auto *queueLayout = new QVBoxLayout(queue);
    queueLayout->setContentsMargins(0, 0, 0, 0);
    auto *queueHeader = new QHBoxLayout;
    queueHeader->addWidget(m_queueTitle);
    queueHeader->addStretch();
    queueHeader->addWidget(m_showFinished);
    queueLayout->addLayout(queueHeader);
    queueLayout->addWidget(m_queueStack, 1);
    auto *jobButtons = new QHBoxLayout;
    jobButtons->addWidget(m_retryButton);
    jobButtons->addWidget(m_cancelButton);
    jobButtons->addWidget(m_resolveButton);
    jobButtons->addSpacing(12);
    jobButtons->addWidget(m_runState, 1);
    queueLayout->addLayout(jobButtons);

    auto *published = new QWidget(this);
    auto *publishedLayout = new QVBoxLayout(published);
    publishedLayout->setContentsMargins(0, 8, 0, 0);
    publishedLayout->addWidget(m_publicationsTitle);
    publishedLayout->addWidget(m_publicationStack, 1);

    auto *splitter = new QSplitter(Qt::Vertical, m_body);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(queue);
    splitter->addWidget(published);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_emptyText->setWordWrap(true);
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setStyleSheet(u"color: palette(placeholder-text); font-size: 11pt;"_s);
    auto *emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->setContentsMargins(48, 48, 48, 48);
    emptyLayout->addStretch();
    emptyLayout->addWidget(m_emptyText);
    emptyLayout->addSpacing(12);
    emptyLayout->addWidget(m_emptyAddSite, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
    m_body->addWidget(splitter);
    m_body->addWidget(m_emptyPage);

    auto *top = new QHBoxLayout;
    top->addWidget(m_siteFilter);
    top->addSpacing(12);
    top->addWidget(m_publishApprovedButton);
    top->addWidget(m_publishDirectoriesButton);
    top->addWidget(m_runNowButton);
    top->addWidget(m_stopButton);
    top->addStretch();
    top->addWidget(m_siteSettingsButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addWidget(m_title);
    layout->addLayout(top);
    layout->addWidget(m_body, 1);

    setTabOrder(m_siteFilter, m_publishApprovedButton);
    setTabOrder(m_publishApprovedButton, m_publishDirectoriesButton);
    setTabOrder(m_publishDirectoriesButton, m_runNowButton);
    setTabOrder(m_runNowButton, m_stopButton);
    setTabOrder(m_stopButton, m_siteSettingsButton);
    setTabOrder(m_siteSettingsButton, m_showFinished);
    setTabOrder(m_showFinished, m_jobTable);
    setTabOrder(m_jobTable, m_retryButton);
    setTabOrder(m_retryButton, m_cancelButton);
    setTabOrder(m_cancelButton, m_resolveButton);
    setTabOrder(m_resolveButton, m_publicationTable);

    m_poll->setInterval(pollWhileRunningMs);
    m_reloadSoon->setSingleShot(true);
    m_reloadSoon->setInterval(reloadDelayMs);
    connect(m_poll, &QTimer::timeout, this, &PublishingPage::reloadLists);
    connect(m_reloadSoon, &QTimer::timeout, this, &PublishingPage::reloadLists);

    // F5 sends what waits (and shows the lists as they are now); a role that may
    // not publish still gets the lists read again.
    auto *refresh = new QShortcut(QKeySequence::Refresh, this);
    connect(refresh, &QShortcut::activated, this, [this] {
        if (m_canPublish) {
            runNow();
        } else {
            reload();
        }
    });
    connect(m_siteFilter, &QComboBox::currentIndexChanged, this, &PublishingPage::reloadLists);
    connect(m_showFinished, &QCheckBox::toggled, this, &PublishingPage::reloadLists);
    connect(m_publishApproved, &QAction::triggered, this, &PublishingPage::publishApproved);
    connect(m_publishDirectories, &QAction::triggered, this, &PublishingPage::publishDirectories);
    connect(m_runNow, &QAction::triggered, this, &PublishingPage::runNow);
    connect(m_stop, &QAction::triggered, &m_runner, &PublishRunner::stop);
    connect(m_siteSettings, &QAction::triggered, this, [this] { openSiteSettings(); });
    connect(m_emptyAddSite, &QToolButton::clicked, this, [this] { openSiteSettings(true); });
    connect(m_retry, &QAction::triggered, this, &PublishingPage::retrySelected);
    connect(m_cancel, &QAction::triggered, this, &PublishingPage::cancelSelected);
    connect(m_resolve, &QAction::triggered, this, &PublishingPage::resolveSelected);
    // Enter and double-click both activate a row.
    connect(m_jobTable, &QTableView::activated, this, &PublishingPage::activateJob);
    connect(m_publicationTable, &QTableView::clicked, this, [this](const QModelIndex &index) {
        if (index.column() == PublicationListModel::Url) {
            openPublication(index);
        }
    });
    connect(m_publicationTable, &QTableView::activated, this, &PublishingPage::openPublication);
    connect(m_jobTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &PublishingPage::updateActions);
    connect(m_jobs, &JobListModel::modelReset, this, &PublishingPage::updateActions);
    connect(m_jobs, &JobListModel::dataChanged, this, &PublishingPage::updateActions);

    connect(&m_runner, &PublishRunner::runStarted, this, [this] {
        m_poll->start();
        updateState();
    });
    connect(&m_runner, &PublishRunner::jobChanged, this,
        [this](qint64 jobId, int state, int progress, const QString &step) {
            if (!m_jobs->updateProgress(jobId, JobState(state), progress, step)) {
                scheduleReload();
            }
        });
    connect(
        &m_runner, &PublishRunner::jobFinished, this, [this](qint64 jobId, int, const QString &) {
            if (!m_jobs->refreshJob(jobId)) {
                scheduleReload();
            }
            m_publications->refresh();
            updateState();
        });
    connect(&m_runner, &PublishRunner::runFinished, this, &PublishingPage::runFinished);

    m_jobs->setLocale(locale());
    m_publications->setLocale(locale());
    retranslate();
    reload();
}

void PublishingPage::retranslate()
{
    m_title->setText(u"<h2>%1</h2>"_s.arg(tr("Publishing").toHtmlEscaped()));
    m_publishApproved->setText(tr("Publish &approved"));
    m_publishDirectories->setText(tr("Publish &directories"));
    m_runNow->setText(tr("&Run now"));
    m_stop->setText(tr("S&top"));
    m_stop->setToolTip(tr("Stop after the requests already on their way"));
    m_siteSettings->setText(tr("&Sites…"));
    m_siteSettings->setToolTip(tr("The sites Daftar publishes to, their addresses and secrets"));
    m_showFinished->setText(tr("Show &finished"));
    m_retry->setText(tr("Re&try"));
    m_retry->setToolTip(tr("Send the selected jobs again now"));
    m_cancel->setText(tr("&Cancel job"));
    m_cancel->setToolTip(tr("Do not send the selected jobs"));
    m_resolve->setText(tr("Resol&ve…"));
    m_resolve->setToolTip(tr("Compare the site's version with Daftar's and choose one"));
    m_queueTitle->setText(tr("Queue"));
    m_publicationsTitle->setText(tr("Where it is published"));
    m_emptyAddSite->setText(tr("Add a site…"));
    if (m_canPublish) {
        m_publishApproved->setToolTip(tr("Queue every approved item that is not on its sites "
                                         "yet or changed since, and send it"));
        m_publishDirectories->setToolTip(
            tr("Send the branches directory and the public member directory"));
        m_runNow->setToolTip(tr("Send everything that waits in the queue (F5)"));
    } else {
        const QString refusal
            = tr("Your role (%1) may see the queue but not publish; a chief editor can.")
                  .arg(accounts::roleDisplayName(m_session.user.role));
        for (QAction *action : {m_publishApproved, m_publishDirectories, m_runNow}) {
            action->setToolTip(refusal);
        }
    }
    fillSiteFilter();
    m_jobs->retranslate();
    m_publications->retranslate();
    sizeColumns();
    updateState();
}

void PublishingPage::fillSiteFilter()
{
    QList<QPair<QString, QVariant>> items {{tr("All sites"), QVariant()}};
    const auto sites = m_sites.list();
    m_sitesError = sites.errorMessage();
    m_siteCount = sites ? int(sites->size()) : 0;
    if (sites) {
        for (const publishing::Site &site : *sites) {
            items.append(
                {site.enabled ? site.name : tr("%1 (turned off)").arg(site.name), site.id});
        }
    }
    refillKeepingChoice(m_siteFilter, items);
}

std::optional<qint64> PublishingPage::siteFilter() const
{
    const QVariant data = m_siteFilter->currentData();
    return data.isValid() ? std::optional<qint64>(data.toLongLong()) : std::nullopt;
}

void PublishingPage::reload()
{
    fillSiteFilter();
    reloadLists();
}

void PublishingPage::reloadLists()
{
    m_reloadSoon->stop();
    QList<qint64> selected;
    for (const Job &job : selectedJobs()) {
        selected << job.id;
    }
    publishing::JobFilter filter;
    filter.siteId = siteFilter();
    filter.includeFinished = m_showFinished->isChecked();
    m_jobs->reload(filter);
    m_publications->reload(filter.siteId);
    for (qint64 id : std::as_const(selected)) {
        if (const int row = m_jobs->rowOf(id); row >= 0) {
            m_jobTable->selectionModel()->select(
                m_jobs->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
    if (!m_runner.isRunning() && !m_jobs->hasRunningJobs()) {
        m_poll->stop();
    }
    updateState();
}

void PublishingPage::scheduleReload()
{
    if (!m_reloadSoon->isActive()) {
        m_reloadSoon->start();
    }
}

void PublishingPage::updateState()
{
    const bool noSites = m_sitesError.isEmpty() && m_siteCount == 0;
    m_body->setCurrentIndex(noSites || !m_sitesError.isEmpty() ? EmptyPage : ContentPage);
    const bool canManage
        = accounts::roleAllows(m_session.user.role, accounts::Permission::ManageSites);
    if (!m_sitesError.isEmpty()) {
        m_emptyText->setText(m_sitesError);
    } else if (noSites) {
        m_emptyText->setText(canManage
                ? tr("No public site is set up yet. Add the site Daftar publishes to: a "
                     "WordPress site or a JSON portal.")
                : tr("No public site is set up yet; an administrator adds them under “Sites…”."));
    }
    m_emptyAddSite->setVisible(noSites && canManage);
    for (QWidget *widget : QList<QWidget *> {m_siteFilter, m_publishApprovedButton,
             m_publishDirectoriesButton, m_runNowButton, m_stopButton}) {
        widget->setVisible(!noSites);
    }

    if (!m_jobs->errorMessage().isEmpty()) {
        m_queueEmpty->setText(m_jobs->errorMessage());
    } else if (m_showFinished->isChecked()) {
        m_queueEmpty->setText(tr("Nothing has been queued yet. “Publish approved” queues every "
                                 "approved item that is not on its sites yet."));
    } else {
        m_queueEmpty->setText(tr("Nothing waits to be sent. Tick “Show finished” to see what "
                                 "was sent."));
    }
    m_queueStack->setCurrentIndex(m_jobs->rowCount() > 0 ? TablePage : EmptyListPage);
    m_publicationsEmpty->setText(m_publications->errorMessage().isEmpty()
            ? tr("Nothing is on a site yet. What Daftar publishes is listed here with its "
                 "address.")
            : m_publications->errorMessage());
    m_publicationStack->setCurrentIndex(m_publications->rowCount() > 0 ? TablePage : EmptyListPage);

    const bool running = m_runner.isRunning();
    m_stop->setEnabled(running);
    m_runState->setText(running ? tr("Sending…") : m_runText);
    updateActions();
}

void PublishingPage::updateActions()
{
    bool canRetry = false;
    bool canCancel = false;
    bool canResolve = false;
    for (const Job &job : selectedJobs()) {
        canRetry |= job.state == JobState::Failed || job.state == JobState::Conflict
            || job.state == JobState::Cancelled;
        canCancel |= job.state == JobState::Pending || job.state == JobState::Failed
            || job.state == JobState::Conflict;
        canResolve |= job.state == JobState::Conflict;
    }
    m_retry->setEnabled(m_canPublish && canRetry);
    m_cancel->setEnabled(m_canPublish && canCancel);
    m_resolve->setEnabled(m_canPublish && canResolve);
}

void PublishingPage::sizeColumns()
{
    const QFontMetrics metrics = m_jobTable->fontMetrics();
    const QLocale locale = this->locale();
    const auto inDigits = [&](const QString &pattern) {
        return metrics.horizontalAdvance(
            locale.language() == QLocale::Persian ? text::toPersianDigits(pattern) : pattern);
    };
    int stateWidth = 0;
    for (JobState state : {JobState::Pending, JobState::Running, JobState::Failed,
             JobState::Conflict, JobState::Done, JobState::Cancelled}) {
        stateWidth
            = qMax(stateWidth, metrics.horizontalAdvance(publishing::jobStateDisplayName(state)));
    }
    int actionWidth = 0;
    for (auto action : {publishing::JobAction::Publish, publishing::JobAction::Unpublish}) {
        actionWidth = qMax(
            actionWidth, metrics.horizontalAdvance(publishing::jobActionDisplayName(action)));
    }
    const QHash<int, int> jobWidths {
        {JobListModel::Item, metrics.horizontalAdvance(u"دبیرکل خانه تعاونگران خواستار برنامه"_s)},
        {JobListModel::Site, metrics.horizontalAdvance(u"پرتال تعاون ایران"_s)},
        {JobListModel::Action, actionWidth},
        // Room for the state's dot too.
        {JobListModel::State, stateWidth + 24},
        {JobListModel::Progress, metrics.horizontalAdvance(u"ارسال تصویرها ۱۰۰٪"_s)},
        {JobListModel::Attempts, inDigits(u"00"_s)},
        {JobListModel::Updated, inDigits(u"0000/00/00 00:00"_s)},
    };
    const QHash<int, int> publicationWidths {
        {PublicationListModel::Item,
            metrics.horizontalAdvance(u"دبیرکل خانه تعاونگران خواستار برنامه"_s)},
        {PublicationListModel::Site, metrics.horizontalAdvance(u"پرتال تعاون ایران"_s)},
        {PublicationListModel::Url,
            metrics.horizontalAdvance(u"https://portal.example.ir/news/00"_s)},
        {PublicationListModel::Pushed, inDigits(u"0000/00/00 00:00"_s)},
    };
    const auto apply = [](QTableView *table, const QHash<int, int> &widths) {
        const QFontMetrics headerMetrics = table->horizontalHeader()->fontMetrics();
        for (auto it = widths.cbegin(); it != widths.cend(); ++it) {
            const QString title = table->model()->headerData(it.key(), Qt::Horizontal).toString();
            table->setColumnWidth(
                it.key(), qMax(headerMetrics.horizontalAdvance(title) + 24, it.value() + 16));
        }
    };
    apply(m_jobTable, jobWidths);
    apply(m_publicationTable, publicationWidths);
}

QList<Job> PublishingPage::selectedJobs() const
{
    QList<Job> jobs;
    for (const QModelIndex &index : m_jobTable->selectionModel()->selectedRows()) {
        if (const auto job = m_jobs->jobAt(index.row())) {
            jobs << *job;
        }
    }
    if (jobs.isEmpty()) {
        if (const auto job = m_jobs->jobAt(m_jobTable->currentIndex().row());
            job && m_jobTable->selectionModel()->isRowSelected(m_jobTable->currentIndex().row())) {
            jobs << *job;
        }
    }
    return jobs;
}

void PublishingPage::showRefusal(const QString &message)
{
    QMessageBox::warning(this, tr("Publishing"), message);
}

void PublishingPage::queued(const Result<QList<qint64>> &jobs, const QString &nothingQueued)
{
    if (!jobs) {
        showRefusal(jobs.errorMessage());
        return;
    }
    reloadLists();
    if (jobs->isEmpty()) {
        m_runText = nothingQueued;
        updateState();
        return;
    }
    m_runner.start(*jobs);
}

void PublishingPage::publishApproved()
{
    queued(m_outbox.queueApproved(m_session.user.actor(), siteFilter()),
        tr("Nothing new to publish: every approved item is on its sites as it is now."));
}

void PublishingPage::publishDirectories()
{
    queued(m_outbox.queueDirectories(m_session.user.actor(), siteFilter()),
        tr("The directories were not queued: no site takes them."));
}

void PublishingPage::runNow()
{
    if (const Status allowed = m_session.user.actor().require(accounts::Permission::ReviewArticles);
        !allowed) {
        showRefusal(allowed.errorMessage());
        return;
    }
    reloadLists();
    m_runner.start();
}

void PublishingPage::retrySelected()
{
    QList<qint64> retried;
    QStringList problems;
    for (const Job &job : selectedJobs()) {
        if (job.state != JobState::Failed && job.state != JobState::Conflict
            && job.state != JobState::Cancelled) {
            continue;
        }
        const Status done = m_outbox.retry(m_session.user.actor(), job.id);
        if (done) {
            retried << job.id;
        } else {
            problems << done.errorMessage();
        }
    }
    reloadLists();
    if (!problems.isEmpty()) {
        showRefusal(problems.join(u'\n'));
    }
    if (!retried.isEmpty()) {
        m_runner.start(retried);
    }
}

void PublishingPage::cancelSelected()
{
    QStringList problems;
    for (const Job &job : selectedJobs()) {
        if (job.state != JobState::Pending && job.state != JobState::Failed
            && job.state != JobState::Conflict) {
            continue;
        }
        if (const Status done = m_outbox.cancel(m_session.user.actor(), job.id); !done) {
            problems << done.errorMessage();
        }
    }
    reloadLists();
    if (!problems.isEmpty()) {
        showRefusal(problems.join(u'\n'));
    }
}

void PublishingPage::resolveSelected()
{
    for (const Job &job : selectedJobs()) {
        if (job.state != JobState::Conflict) {
            continue;
        }
        ConflictDialog dialog(m_session, job.id, this);
        if (!dialog.isLoaded()) {
            showRefusal(dialog.errorMessage());
            return;
        }
        const bool decided = dialog.exec() == QDialog::Accepted;
        reloadLists();
        if (decided) {
            // Overwriting sends Daftar's version again; keeping may leave nothing to send.
            if (const auto after = m_outbox.job(m_session.user.actor(), job.id);
                after && after->state == JobState::Pending) {
                m_runner.start(QList<qint64> {job.id});
            }
        }
        return;
    }
}

void PublishingPage::activateJob(const QModelIndex &index)
{
    const auto job = m_jobs->jobAt(index.row());
    if (!job) {
        return;
    }
    if (job->state == JobState::Conflict) {
        m_jobTable->selectionModel()->select(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        resolveSelected();
    } else if (job->entity == publishing::Entity::Article && job->entityId > 0) {
        emit openArticleRequested(job->entityId);
    }
}

void PublishingPage::openPublication(const QModelIndex &index)
{
    const auto publication = m_publications->publicationAt(index.row());
    if (publication && publication->url.isValid() && !publication->url.isEmpty()) {
        QDesktopServices::openUrl(publication->url);
    }
}

void PublishingPage::openSiteSettings(bool addNew)
{
    SiteSettingsDialog dialog(m_session, this);
    connect(&dialog, &SiteSettingsDialog::sitesChanged, this, &PublishingPage::reload);
    if (addNew) {
        dialog.addSite();
    }
    dialog.exec();
}

void PublishingPage::runFinished(const publishing::RunSummary &summary)
{
    QStringList parts;
    parts << tr("%Ln sent", nullptr, summary.done);
    if (summary.failed > 0) {
        parts << tr("%Ln failed", nullptr, summary.failed);
    }
    if (summary.conflicts > 0) {
        parts << tr("%Ln changed on the site (choose a version with “Resolve…”)", nullptr,
            summary.conflicts);
    }
    m_runText = tr("Last run: %1.").arg(parts.join(tr(", ")));
    reloadLists();
}

void PublishingPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::LocaleChange) {
        m_jobs->setLocale(locale());
        m_publications->setLocale(locale());
        sizeColumns();
        updateState();
    }
    QWidget::changeEvent(event);
}

} // namespace daftar::ui
