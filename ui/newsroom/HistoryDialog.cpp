#include "HistoryDialog.h"

#include "Language.h"
#include "accounts/Role.h"
#include "newsroom/ArticleHtml.h"
#include "newsroom/WordDiff.h"
#include "text/Jalali.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

constexpr auto removedStyle
    = "color: #a50e0e; background-color: #fce8e6; text-decoration: line-through;"_L1;
constexpr auto insertedStyle = "color: #0d652d; background-color: #e6f4ea;"_L1;

// Qt's rich text knows neither <del> nor <ins>; the same marks as styled spans.
QString styledDiff(QString html)
{
    static const QRegularExpression removedOpen(u"<del(\\s[^>]*)?>"_s);
    static const QRegularExpression insertedOpen(u"<ins(\\s[^>]*)?>"_s);
    html.replace(removedOpen, u"<span style=\"%1\">"_s.arg(removedStyle));
    html.replace(insertedOpen, u"<span style=\"%1\">"_s.arg(insertedStyle));
    html.replace(u"</del>"_s, u"</span>"_s);
    html.replace(u"</ins>"_s, u"</span>"_s);
    return html;
}

bool changed(const QList<newsroom::DiffSegment> &segments)
{
    return std::any_of(segments.cbegin(), segments.cend(),
        [](const auto &segment) { return segment.op != newsroom::DiffSegment::Op::Equal; });
}

} // namespace

HistoryDialog::HistoryDialog(Session &session, qint64 articleId, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_service(session.db)
    , m_articleId(articleId)
    , m_canWrite(accounts::roleAllows(session.user.role, accounts::Permission::WriteArticles))
    , m_intro(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_compareLabel(new QLabel(this))
    , m_compareWith(new QComboBox(this))
    , m_diffCaption(new QLabel(this))
    , m_diff(new QTextBrowser(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_restore(new QPushButton(this))
{
    setObjectName(u"historyDialog"_s);
    m_list->setObjectName(u"revisionList"_s);
    m_compareWith->setObjectName(u"compareWith"_s);
    m_diffCaption->setObjectName(u"diffCaption"_s);
    m_diff->setObjectName(u"diffView"_s);
    m_message->setObjectName(u"message"_s);
    m_restore->setObjectName(u"restoreRevision"_s);

    m_list->setColumnCount(ColumnCount);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    // The title takes the room left; the note is short and usually empty.
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(Title, QHeaderView::Stretch);
    m_list->header()->setDefaultAlignment(Qt::AlignLeading | Qt::AlignVCenter);

    m_compareWith->addItem(QString(), int(Comparison::PreviousRevision));
    m_compareWith->addItem(QString(), int(Comparison::CurrentVersion));
    m_compareWith->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_compareLabel->setBuddy(m_compareWith);

    m_diffCaption->setWordWrap(true);
    m_diffCaption->setTextFormat(Qt::RichText);
    m_diff->setOpenLinks(false);
    // Each paragraph takes the direction of its own first letter: a Persian
    // article reads right to left in the English UI too.
    QTextOption option = m_diff->document()->defaultTextOption();
    option.setTextDirection(Qt::LayoutDirectionAuto);
    m_diff->document()->setDefaultTextOption(option);

    m_intro->setWordWrap(true);
    m_intro->setStyleSheet(u"color: palette(placeholder-text);"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(u"color: #b3261e;"_s);
    m_message->hide();

    m_buttons->addButton(m_restore, QDialogButtonBox::ActionRole);
    m_restore->setAutoDefault(false);

    auto *diffPane = new QWidget(this);
    auto *compare = new QHBoxLayout;
    compare->addWidget(m_compareLabel);
    compare->addWidget(m_compareWith);
    compare->addStretch();
    auto *diffLayout = new QVBoxLayout(diffPane);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addLayout(compare);
    diffLayout->addWidget(m_diffCaption);
    diffLayout->addWidget(m_diff, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(diffPane);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] {
        showDiff();
        updateState();
    });
    connect(m_compareWith, &QComboBox::currentIndexChanged, this, &HistoryDialog::showDiff);
    connect(m_restore, &QPushButton::clicked, this, &HistoryDialog::restoreSelectedRevision);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &HistoryDialog::reject);

    load();
    retranslate();
    resize(1100, 680);
    splitter->setSizes({440, 660});
}

void HistoryDialog::retranslate()
{
    setWindowTitle(m_articleTitle.isEmpty()
            ? tr("Revision history")
            : tr("Revision history: %1").arg(Language::inUiDirection(m_articleTitle)));
    m_intro->setText(tr("Every save keeps a revision. Choose one to see which words it changed; "
                        "restoring an old revision saves it again as the newest, so the "
                        "current text stays in the history too."));
    m_list->setHeaderLabels(
        {tr("No."), tr("Saved"), tr("By"), tr("Title"), tr("Words"), tr("Note")});
    m_compareLabel->setText(tr("&Compare with:"));
    m_compareWith->setItemText(0, tr("the previous revision"));
    m_compareWith->setItemText(1, tr("the current version"));
    m_restore->setText(tr("&Restore this revision…"));
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    fillList();
    showDiff();
    updateState();
}

void HistoryDialog::load()
{
    const accounts::Actor actor = m_session.user.actor();
    const auto article = m_service.get(actor, m_articleId);
    if (!article) {
        showMessage(article.errorMessage());
        return;
    }
    m_articleTitle = article->title;
    m_current = Version {article->title, article->lead, article->body};
    const auto revisions = m_service.revisions(actor, m_articleId);
    if (!revisions) {
        showMessage(revisions.errorMessage());
        return;
    }
    m_revisions = *revisions;
    // Newest first, whatever order the core answered in.
    std::sort(m_revisions.begin(), m_revisions.end(),
        [](const auto &a, const auto &b) { return a.number > b.number; });
}

QString HistoryDialog::formatSavedAt(const QDateTime &savedAt) const
{
    if (!savedAt.isValid()) {
        return {};
    }
    const QLocale locale = this->locale();
    const QDateTime local = savedAt.toLocalTime();
    return text::formatJalali(local.date(), locale, text::DateStyle::Numeric) + u"  "_s
        + locale.toString(local.time(), u"HH:mm");
}

void HistoryDialog::fillList()
{
    const std::optional<int> selected = selectedNumber();
    const QLocale locale = this->locale();
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const newsroom::RevisionInfo &info : std::as_const(m_revisions)) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setData(Number, Qt::UserRole, info.number);
        item->setText(Number, locale.toString(info.number));
        item->setText(SavedAt, formatSavedAt(info.savedAt));
        item->setText(SavedBy, info.savedBy);
        item->setText(Title, info.title);
        item->setToolTip(Title, info.title);
        item->setText(Words, locale.toString(info.words));
        item->setText(Note, info.note);
        item->setToolTip(Note, info.note);
        item->setTextAlignment(Number, Qt::AlignCenter);
        item->setTextAlignment(Words, Qt::AlignCenter);
        if (selected == info.number) {
            m_list->setCurrentItem(item);
        }
    }
    if (!selected && m_list->topLevelItemCount() > 0) {
        m_list->setCurrentItem(m_list->topLevelItem(0));
    }
}

std::optional<int> HistoryDialog::selectedNumber() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item) {
        return std::nullopt;
    }
    return item->data(Number, Qt::UserRole).toInt();
}

void HistoryDialog::selectRevision(int number)
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (item->data(Number, Qt::UserRole).toInt() == number) {
            m_list->setCurrentItem(item);
            return;
        }
    }
}

void HistoryDialog::setComparison(Comparison comparison)
{
    m_compareWith->setCurrentIndex(m_compareWith->findData(int(comparison)));
}

std::optional<HistoryDialog::Version> HistoryDialog::revisionText(int number)
{
    const auto cached = m_texts.constFind(number);
    if (cached != m_texts.constEnd()) {
        return *cached;
    }
    const auto revision = m_service.revision(m_session.user.actor(), m_articleId, number);
    if (!revision) {
        showMessage(revision.errorMessage());
        return std::nullopt;
    }
    return *m_texts.insert(number, Version {revision->title, revision->lead, revision->body});
}

void HistoryDialog::showDiff()
{
    const std::optional<int> number = selectedNumber();
    if (!number) {
        m_diffCaption->clear();
        m_diff->clear();
        return;
    }
    const auto comparison = Comparison(m_compareWith->currentData().toInt());
    const QLocale locale = this->locale();
    std::optional<Version> older;
    std::optional<Version> newer;
    QString caption;
    if (comparison == Comparison::CurrentVersion) {
        older = revisionText(*number);
        newer = m_current;
        caption = tr("What changed from revision %1 to the current version.")
                      .arg(locale.toString(*number));
    } else if (*number > 1) {
        older = revisionText(*number - 1);
        newer = revisionText(*number);
        caption = tr("Changes made in revision %1, compared with revision %2.")
                      .arg(locale.toString(*number), locale.toString(*number - 1));
    } else {
        older = Version {};
        newer = revisionText(*number);
        caption = tr("Revision %1 is the first: all of its text was new.")
                      .arg(locale.toString(*number));
    }
    if (!older || !newer) {
        m_diffCaption->clear();
        m_diff->clear();
        return;
    }

    const QString headingDirection = layoutDirection() == Qt::RightToLeft ? u"rtl"_s : u"ltr"_s;
    QString html;
    bool anyChange = false;
    const auto addSection
        = [&](const QString &heading, const QString &before, const QString &after) {
              if (before.isEmpty() && after.isEmpty()) {
                  return;
              }
              const QList<newsroom::DiffSegment> segments = newsroom::wordDiff(before, after);
              anyChange = anyChange || changed(segments);
              html += u"<h4 dir=\"%1\">%2</h4>"_s.arg(headingDirection, heading.toHtmlEscaped());
              html += styledDiff(newsroom::diffAsHtml(segments));
          };
    addSection(tr("Title"), older->title, newer->title);
    addSection(tr("Lead"), older->lead, newer->lead);
    addSection(tr("Text"), newsroom::plainTextOf(older->body), newsroom::plainTextOf(newer->body));

    const QString legend = u"<span style=\"%1\">%2</span> <span style=\"%3\">%4</span>"_s.arg(
        removedStyle, tr("removed").toHtmlEscaped(), insertedStyle, tr("added").toHtmlEscaped());
    m_diffCaption->setText(anyChange ? caption.toHtmlEscaped() + u' ' + legend
                                     : tr("No differences: the two versions have the same "
                                          "title, lead and text."));
    m_diff->setHtml(html);
}

void HistoryDialog::updateState()
{
    const std::optional<int> number = selectedNumber();
    const bool newest = number && !m_revisions.isEmpty() && *number == m_revisions.first().number;
    m_restore->setEnabled(m_canWrite && number && !newest);
    if (!m_canWrite) {
        m_restore->setToolTip(tr("Your role (%1) may not change articles.")
                                  .arg(accounts::roleDisplayName(m_session.user.role)));
    } else if (newest) {
        m_restore->setToolTip(tr("This revision is the current version."));
    } else {
        m_restore->setToolTip(tr("Save this revision's title, lead and text as a new revision"));
    }
}

void HistoryDialog::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void HistoryDialog::restoreSelectedRevision()
{
    const std::optional<int> number = selectedNumber();
    if (!number || !m_restore->isEnabled()) {
        return;
    }
    const QLocale locale = this->locale();
    const int next = m_revisions.isEmpty() ? 1 : m_revisions.first().number + 1;
    QMessageBox confirm(QMessageBox::Question, tr("Restore a revision"),
        tr("Restore revision %1? Its title, lead and text are saved as revision %2; the current "
           "version stays in the history.")
            .arg(locale.toString(*number), locale.toString(next)),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    confirm.setObjectName(u"confirmRestore"_s);
    confirm.setDefaultButton(QMessageBox::Yes);
    confirm.button(QMessageBox::Yes)->setText(tr("Restore"));
    confirm.button(QMessageBox::Cancel)->setText(tr("Cancel"));
    if (confirm.exec() != QMessageBox::Yes) {
        return;
    }
    const auto saved = m_service.restore(m_session.user.actor(), m_articleId, *number);
    if (!saved) {
        showMessage(saved.errorMessage());
        return;
    }
    m_restoredRevision = saved->revision;
    emit restored(m_restoredRevision);
    accept();
}

void HistoryDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::LocaleChange) {
        fillList();
        showDiff();
    }
    QDialog::changeEvent(event);
}

} // namespace daftar::ui
