#include "NewsroomPage.h"

#include "ArticleListModel.h"
#include "accounts/Role.h"
#include "text/PersianText.h"
#include "widgets/ComboBoxes.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

using newsroom::ArticleKind;
using newsroom::ArticleStatus;

namespace {

// Typing pauses this long before the list is asked again, so that every letter
// of a fast typist does not start a query.
constexpr int searchDelayMs = 200;

enum BodyPage { TablePage, EmptyPage };

} // namespace

NewsroomPage::NewsroomPage(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_service(session.db)
    , m_canWrite(accounts::roleAllows(session.user.role, accounts::Permission::WriteArticles))
    , m_title(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_searchDelay(new QTimer(this))
    , m_statusFilter(new QComboBox(this))
    , m_kindFilter(new QComboBox(this))
    , m_body(new QStackedWidget(this))
    , m_table(new QTableView(m_body))
    , m_model(new ArticleListModel(m_service, session.user.actor(), this))
    , m_emptyPage(new QWidget(m_body))
    , m_emptyText(new QLabel(m_emptyPage))
    , m_emptyNewArticle(new QToolButton(m_emptyPage))
    , m_emptyNewAnnouncement(new QToolButton(m_emptyPage))
    , m_count(new QLabel(this))
    , m_newArticle(new QAction(this))
    , m_newAnnouncement(new QAction(this))
    , m_open(new QAction(this))
    , m_newArticleButton(new QToolButton(this))
    , m_newAnnouncementButton(new QToolButton(this))
    , m_openButton(new QToolButton(this))
{
    setObjectName(u"newsroomPage"_s);
    m_title->setObjectName(u"pageTitle"_s);
    m_search->setObjectName(u"articleSearch"_s);
    m_statusFilter->setObjectName(u"statusFilter"_s);
    m_kindFilter->setObjectName(u"kindFilter"_s);
    m_table->setObjectName(u"articleTable"_s);
    m_emptyPage->setObjectName(u"emptyState"_s);
    m_emptyText->setObjectName(u"emptyStateText"_s);
    m_emptyNewArticle->setObjectName(u"emptyStateNewArticle"_s);
    m_emptyNewAnnouncement->setObjectName(u"emptyStateNewAnnouncement"_s);
    m_count->setObjectName(u"articleCount"_s);
    m_newArticle->setObjectName(u"newArticleAction"_s);
    m_newAnnouncement->setObjectName(u"newAnnouncementAction"_s);
    m_open->setObjectName(u"openArticleAction"_s);
    m_newArticleButton->setObjectName(u"newArticle"_s);
    m_newAnnouncementButton->setObjectName(u"newAnnouncement"_s);
    m_openButton->setObjectName(u"openArticle"_s);

    m_search->setClearButtonEnabled(true);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(searchDelayMs);

    m_newArticle->setShortcut(QKeySequence::New);
    m_newArticle->setShortcutContext(Qt::WindowShortcut);
    addAction(m_newArticle);
    // The core refuses too; disabling only saves the user a refusal.
    m_newArticle->setEnabled(m_canWrite);
    m_newAnnouncement->setEnabled(m_canWrite);
    m_newArticleButton->setDefaultAction(m_newArticle);
    m_newAnnouncementButton->setDefaultAction(m_newAnnouncement);
    m_openButton->setDefaultAction(m_open);
    m_emptyNewArticle->setDefaultAction(m_newArticle);
    m_emptyNewAnnouncement->setDefaultAction(m_newAnnouncement);
    for (QToolButton *button : {m_newArticleButton, m_newAnnouncementButton, m_openButton,
             m_emptyNewArticle, m_emptyNewAnnouncement}) {
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setMinimumHeight(m_search->sizeHint().height());
    }

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_open, m_newArticle, m_newAnnouncement});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeading | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ArticleListModel::Title, QHeaderView::Stretch);
    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_table->setSortingEnabled(true);

    m_emptyText->setWordWrap(true);
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setStyleSheet(u"color: palette(placeholder-text); font-size: 11pt;"_s);
    auto *emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->setContentsMargins(48, 48, 48, 48);
    emptyLayout->addStretch();
    emptyLayout->addWidget(m_emptyText);
    emptyLayout->addSpacing(12);
    auto *emptyButtons = new QHBoxLayout;
    emptyButtons->addStretch();
    emptyButtons->addWidget(m_emptyNewArticle);
    emptyButtons->addWidget(m_emptyNewAnnouncement);
    emptyButtons->addStretch();
    emptyLayout->addLayout(emptyButtons);
    emptyLayout->addStretch(2);
    m_body->addWidget(m_table);
    m_body->addWidget(m_emptyPage);

    for (QComboBox *filter : {m_statusFilter, m_kindFilter}) {
        filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(filter, &QComboBox::currentIndexChanged, this, &NewsroomPage::applyFilters);
    }

    auto *top = new QHBoxLayout;
    top->addWidget(m_newArticleButton);
    top->addWidget(m_newAnnouncementButton);
    top->addWidget(m_openButton);
    top->addSpacing(12);
    top->addWidget(m_search, 1);
    top->addWidget(m_statusFilter);
    top->addWidget(m_kindFilter);
    // Keeps the buttons at the start of the line when an empty newsroom hides the search.
    top->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addWidget(m_title);
    layout->addLayout(top);
    layout->addWidget(m_body, 1);
    layout->addWidget(m_count);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &NewsroomPage::applyFilters);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        applyFilters();
        if (m_model->rowCount() > 0) {
            m_table->setFocus(Qt::OtherFocusReason);
            // Not selectRow(): in a right-to-left table it picks no column and sets no current row.
            m_table->selectionModel()->setCurrentIndex(m_model->index(0, ArticleListModel::Title),
                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
    });
    connect(m_newArticle, &QAction::triggered, this,
        [this] { emit newArticleRequested(ArticleKind::Article); });
    connect(m_newAnnouncement, &QAction::triggered, this,
        [this] { emit newArticleRequested(ArticleKind::Announcement); });
    connect(m_open, &QAction::triggered, this, &NewsroomPage::openSelectedArticle);
    // Enter and double-click both activate a row.
    connect(m_table, &QTableView::activated, this, &NewsroomPage::openSelectedArticle);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &NewsroomPage::updateActions);
    connect(m_model, &ArticleListModel::modelReset, this, &NewsroomPage::updateActions);
    connect(m_model, &ArticleListModel::loaded, this, &NewsroomPage::updateState);

    m_model->setLocale(locale());
    fillFilters();
    retranslate();
    reload();
}

void NewsroomPage::retranslate()
{
    m_title->setText(u"<h2>%1</h2>"_s.arg(tr("Newsroom").toHtmlEscaped()));
    m_search->setPlaceholderText(tr("Search titles, leads and categories (Ctrl+F)"));
    m_newArticle->setText(tr("&New article"));
    m_newAnnouncement->setText(tr("New &announcement"));
    m_open->setText(tr("&Open"));
    m_open->setToolTip(tr("Open the selected item in the editor (Enter)"));
    if (m_canWrite) {
        m_newArticle->setToolTip(tr("Write a news article (Ctrl+N)"));
        m_newAnnouncement->setToolTip(tr("Write an announcement, taken down after its end date"));
    } else {
        const QString refusal
            = tr("Your role (%1) may read the newsroom but not write in it; an administrator "
                 "can change your role.")
                  .arg(accounts::roleDisplayName(m_session.user.role));
        m_newArticle->setToolTip(refusal);
        m_newAnnouncement->setToolTip(refusal);
    }
    fillFilters();
    m_model->retranslate();
    sizeColumns();
    updateState();
}

void NewsroomPage::fillFilters()
{
    QList<QPair<QString, QVariant>> statuses {{tr("All statuses"), QString()}};
    for (ArticleStatus status : newsroom::allArticleStatuses()) {
        statuses.append({newsroom::statusDisplayName(status), newsroom::statusId(status)});
    }
    refillKeepingChoice(m_statusFilter, statuses);
    refillKeepingChoice(m_kindFilter,
        {{tr("News and announcements"), QString()},
            {newsroom::kindDisplayName(ArticleKind::Article),
                newsroom::kindId(ArticleKind::Article)},
            {newsroom::kindDisplayName(ArticleKind::Announcement),
                newsroom::kindId(ArticleKind::Announcement)}});
}

newsroom::ArticleQuery NewsroomPage::filteredQuery() const
{
    newsroom::ArticleQuery query;
    query.text = m_search->text().trimmed();
    query.status = newsroom::statusFromId(m_statusFilter->currentData().toString());
    query.kind = newsroom::kindFromId(m_kindFilter->currentData().toString());
    return query;
}

void NewsroomPage::applyFilters()
{
    m_searchDelay->stop();
    const std::optional<qint64> current = [this]() -> std::optional<qint64> {
        const auto article = m_model->articleAt(m_table->currentIndex().row());
        return article ? std::optional<qint64>(article->id) : std::nullopt;
    }();
    m_model->reload(filteredQuery());
    const int row = current ? m_model->rowOf(*current) : -1;
    if (row >= 0) {
        m_table->selectionModel()->setCurrentIndex(m_model->index(row, ArticleListModel::Title),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
}

void NewsroomPage::reload()
{
    // The whole newsroom, unfiltered, tells an empty newsroom from an empty search.
    const auto all = m_service.list(m_session.user.actor(), newsroom::ArticleQuery {});
    m_total = all.ok() ? int(all->size()) : 0;
    m_totalError = all.errorMessage();
    applyFilters();
}

void NewsroomPage::updateState()
{
    const QLocale locale = this->locale();
    const bool refused = !m_totalError.isEmpty();
    const bool empty = !refused && m_total == 0;
    m_body->setCurrentIndex(refused || empty ? EmptyPage : TablePage);
    if (refused) {
        m_emptyText->setText(m_totalError);
    } else if (empty) {
        m_emptyText->setText(m_canWrite
                ? tr("No news or announcements yet. Write the first one with “New article” "
                     "(Ctrl+N); it stays a draft until it is sent for review.")
                : tr("No news or announcements yet. They appear here as soon as an editor "
                     "writes them."));
    }
    m_emptyNewArticle->setVisible(empty);
    m_emptyNewAnnouncement->setVisible(empty);
    // An empty newsroom shows its New buttons under the explanation instead.
    const bool listed = !refused && !empty;
    for (QWidget *widget : QList<QWidget *> {m_search, m_count, m_statusFilter, m_kindFilter,
             m_openButton, m_newArticleButton, m_newAnnouncementButton}) {
        widget->setVisible(listed);
    }

    const newsroom::ArticleQuery &query = m_model->query();
    const bool filtered = !query.text.isEmpty() || query.status || query.kind;
    const int shown = m_model->rowCount();
    if (!m_model->errorMessage().isEmpty()) {
        m_count->setText(m_model->errorMessage());
    } else if (filtered && shown == 0) {
        m_count->setText(tr("Nothing matches the search and filters; %1 items in all.")
                             .arg(locale.toString(m_total)));
    } else if (filtered) {
        m_count->setText(
            tr("%1 of %2 items shown").arg(locale.toString(shown), locale.toString(m_total)));
    } else if (shown == 1) {
        m_count->setText(tr("1 item"));
    } else {
        m_count->setText(tr("%1 items").arg(locale.toString(shown)));
    }
}

void NewsroomPage::updateActions()
{
    m_open->setEnabled(m_model->articleAt(m_table->currentIndex().row()).has_value());
}

void NewsroomPage::sizeColumns()
{
    const QFontMetrics metrics = m_table->fontMetrics();
    const QLocale locale = this->locale();
    int statusWidth = 0;
    for (ArticleStatus status : newsroom::allArticleStatuses()) {
        statusWidth
            = qMax(statusWidth, metrics.horizontalAdvance(newsroom::statusDisplayName(status)));
    }
    // Persian digits are narrower than Latin ones; dates are measured in the digits shown.
    const auto inDigits = [&](const QString &pattern) {
        return metrics.horizontalAdvance(
            locale.language() == QLocale::Persian ? text::toPersianDigits(pattern) : pattern);
    };
    const QHash<int, int> contentWidths {
        {ArticleListModel::Kind,
            qMax(metrics.horizontalAdvance(newsroom::kindDisplayName(ArticleKind::Article)),
                metrics.horizontalAdvance(newsroom::kindDisplayName(ArticleKind::Announcement)))},
        // Room for the status dot too.
        {ArticleListModel::Status, statusWidth + 20},
        {ArticleListModel::Category,
            metrics.horizontalAdvance(u"تعاونی‌های مسکن"_s)},
        {ArticleListModel::Language, metrics.horizontalAdvance(tr("Persian"))},
        {ArticleListModel::Author, metrics.horizontalAdvance(u"محمدحسین عبدالرحیمی"_s)},
        {ArticleListModel::EventDate, inDigits(u"0000/00/00"_s)},
        {ArticleListModel::Updated, inDigits(u"0000/00/00  00:00"_s)},
        {ArticleListModel::Revision, inDigits(u"000"_s)},
    };
    const QFontMetrics headerMetrics = m_table->horizontalHeader()->fontMetrics();
    for (auto it = contentWidths.cbegin(); it != contentWidths.cend(); ++it) {
        const QString title = m_model->headerData(it.key(), Qt::Horizontal).toString();
        // Room for the cell margins, and in the header for the sort arrow.
        m_table->setColumnWidth(
            it.key(), qMax(headerMetrics.horizontalAdvance(title) + 32, it.value() + 16));
    }
}

void NewsroomPage::openSelectedArticle()
{
    const auto article = m_model->articleAt(m_table->currentIndex().row());
    if (article) {
        emit openArticleRequested(article->id);
    }
}

void NewsroomPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::LocaleChange) {
        m_model->setLocale(locale());
        sizeColumns();
        updateState();
    }
    QWidget::changeEvent(event);
}

} // namespace daftar::ui
