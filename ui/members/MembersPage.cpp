#include "MembersPage.h"

#include "DuesDialog.h"
#include "Language.h"
#include "MemberDialog.h"
#include "MemberDisplay.h"
#include "MemberListModel.h"
#include "StatusChangeDialog.h"
#include "members/MemberExport.h"
#include "members/MemberPrint.h"
#include "render/PdfRenderer.h"
#include "widgets/ComboBoxes.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QShortcut>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

using members::MemberKind;
using members::MemberStatus;

namespace {

// Typing pauses this long before the bank is searched, so that a fast typist's
// every letter does not start a search of a million members.
constexpr int searchDelayMs = 150;
// A bulk change reads each selected member; beyond this many the selection should
// be narrowed with the filters instead.
constexpr int maximumBulkSelection = 10000;
// Dues can be looked for as unpaid this many years back.
constexpr int unpaidYearsShown = 5;

enum BodyPage { TablePage, EmptyPage };

} // namespace

MembersPage::MembersPage(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_service(session.db)
    , m_title(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_searchDelay(new QTimer(this))
    , m_provinceFilter(new QComboBox(this))
    , m_kindFilter(new QComboBox(this))
    , m_statusFilter(new QComboBox(this))
    , m_unpaidFilter(new QComboBox(this))
    , m_body(new QStackedWidget(this))
    , m_table(new QTableView(m_body))
    , m_model(new MemberListModel(m_service, session.user.actor(), this))
    , m_emptyState(new QLabel(m_body))
    , m_count(new QLabel(this))
    , m_result(new QLabel(this))
    , m_newMember(new QAction(this))
    , m_open(new QAction(this))
    , m_changeStatus(new QAction(this))
    , m_recordDues(new QAction(this))
    , m_export(new QAction(this))
    , m_exportSelected(new QAction(this))
    , m_newMemberButton(new QToolButton(this))
    , m_changeStatusButton(new QToolButton(this))
    , m_recordDuesButton(new QToolButton(this))
    , m_exportButton(new QToolButton(this))
    , m_filters(new QWidget(this))
{
    setObjectName(u"membersPage"_s);
    m_title->setObjectName(u"pageTitle"_s);
    m_search->setObjectName(u"memberSearch"_s);
    m_provinceFilter->setObjectName(u"provinceFilter"_s);
    m_kindFilter->setObjectName(u"kindFilter"_s);
    m_statusFilter->setObjectName(u"statusFilter"_s);
    m_unpaidFilter->setObjectName(u"unpaidFilter"_s);
    m_table->setObjectName(u"memberTable"_s);
    m_emptyState->setObjectName(u"emptyState"_s);
    m_count->setObjectName(u"memberCount"_s);
    m_result->setObjectName(u"bulkResult"_s);
    m_newMember->setObjectName(u"newMemberAction"_s);
    m_open->setObjectName(u"openMemberAction"_s);
    m_changeStatus->setObjectName(u"changeStatusAction"_s);
    m_recordDues->setObjectName(u"recordDuesAction"_s);
    m_newMemberButton->setObjectName(u"newMember"_s);
    m_changeStatusButton->setObjectName(u"changeStatus"_s);
    m_recordDuesButton->setObjectName(u"recordDues"_s);
    m_export->setObjectName(u"exportAction"_s);
    m_exportSelected->setObjectName(u"exportSelectedAction"_s);
    m_exportSelected->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportSelected->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_exportButton->setObjectName(u"exportMembers"_s);

    m_search->setClearButtonEnabled(true);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(searchDelayMs);

    m_newMember->setShortcut(QKeySequence::New);
    m_newMember->setShortcutContext(Qt::WindowShortcut);
    addAction(m_newMember);
    m_newMemberButton->setDefaultAction(m_newMember);
    m_changeStatusButton->setDefaultAction(m_changeStatus);
    m_recordDuesButton->setDefaultAction(m_recordDues);
    m_exportButton->setDefaultAction(m_export);
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_export->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_export);
    for (QToolButton *button :
        {m_newMemberButton, m_changeStatusButton, m_recordDuesButton, m_exportButton}) {
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setMinimumHeight(m_search->sizeHint().height());
    }

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_open, m_changeStatus, m_recordDues, m_exportSelected});
    // Rows of one height let the view place a million of them without measuring any.
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeading | Qt::AlignVCenter);
    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_table->setSortingEnabled(true);
    // Only some columns can be sorted by the core; clicking another keeps the order.
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this, header](int column) {
        if (!MemberListModel::isSortable(column)) {
            header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
        }
    });

    m_emptyState->setWordWrap(true);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setStyleSheet(u"color: palette(placeholder-text); font-size: 11pt;"_s);
    m_emptyState->setMargin(48);
    m_body->addWidget(m_table);
    m_body->addWidget(m_emptyState);
    m_result->setStyleSheet(u"color: palette(placeholder-text);"_s);

    auto *filters = new QHBoxLayout(m_filters);
    filters->setContentsMargins(0, 0, 0, 0);
    for (QComboBox *filter : {m_provinceFilter, m_kindFilter, m_statusFilter, m_unpaidFilter}) {
        filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        filters->addWidget(filter);
        connect(filter, &QComboBox::currentIndexChanged, this, &MembersPage::applyFilters);
    }
    filters->addStretch();

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_newMemberButton);
    top->addWidget(m_changeStatusButton);
    top->addWidget(m_recordDuesButton);
    top->addWidget(m_exportButton);
    // Keeps the buttons at the start of the line when the empty bank hides the search.
    top->addStretch();
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count);
    bottom->addStretch();
    bottom->addWidget(m_result);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addWidget(m_title);
    layout->addLayout(top);
    layout->addWidget(m_filters);
    layout->addWidget(m_body, 1);
    layout->addLayout(bottom);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &MembersPage::applyFilters);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        applyFilters();
        if (m_model->rowCount() > 0) {
            m_table->setFocus(Qt::OtherFocusReason);
            // Not selectRow(): in a right-to-left table it picks no column and sets no current row.
            m_table->selectionModel()->setCurrentIndex(m_model->index(0, MemberListModel::Name),
                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
    });
    connect(m_newMember, &QAction::triggered, this, &MembersPage::newMember);
    connect(m_open, &QAction::triggered, this, &MembersPage::openSelectedMember);
    connect(m_changeStatus, &QAction::triggered, this, &MembersPage::changeStatusOfSelection);
    connect(m_recordDues, &QAction::triggered, this, &MembersPage::recordDuesOfSelection);
    connect(m_export, &QAction::triggered, this, &MembersPage::exportShownMembers);
    connect(m_exportSelected, &QAction::triggered, this, &MembersPage::exportSelectedMembers);
    connect(m_table, &QTableView::activated, this, &MembersPage::openSelectedMember);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &MembersPage::updateActions);
    connect(m_model, &MemberListModel::modelReset, this, &MembersPage::updateActions);
    connect(m_model, &MemberListModel::countChanged, this, &MembersPage::updateCount);
    connect(m_model, &MemberListModel::loadFailed, m_count,
        [this](const QString &message) { m_count->setText(message); });

    m_model->setLocale(locale());
    fillFilters();
    retranslate();
    reload();
}

void MembersPage::retranslate()
{
    m_title->setText(u"<h2>%1</h2>"_s.arg(tr("Member bank").toHtmlEscaped()));
    m_search->setPlaceholderText(
        tr("Search by name, national code, mobile, membership no. or city (Ctrl+F)"));
    m_newMember->setText(tr("&New member"));
    m_newMember->setToolTip(tr("Add a member (Ctrl+N)"));
    m_open->setText(tr("&Open"));
    m_changeStatus->setText(tr("Change &status…"));
    m_changeStatus->setToolTip(tr("Change the status of the selected members"));
    m_recordDues->setText(tr("Record &dues…"));
    m_export->setText(tr("&Export…"));
    m_export->setToolTip(
        tr("Write the members shown to Excel, CSV or a PDF for printing (Ctrl+E)"));
    m_recordDues->setToolTip(tr("Record one year's dues for the selected members"));
    m_exportSelected->setText(tr("Export the &selected…"));
    m_exportSelected->setToolTip(
        tr("Write only the selected members to Excel, CSV or a PDF (Ctrl+Shift+E)"));
    fillFilters();
    m_model->retranslate();
    sizeColumns();
    updateCount();
}

void MembersPage::fillFilters()
{
    const QLocale locale = this->locale();
    QList<QPair<QString, QVariant>> provinces {{tr("All provinces"), QString()}};
    for (const text::Province &province : provincesInDisplayOrder(locale)) {
        provinces.append(
            {isPersian(locale) ? province.persianName : province.englishName, province.code});
    }
    refillKeepingChoice(m_provinceFilter, provinces);
    refillKeepingChoice(m_kindFilter,
        {{tr("Persons and legal entities"), QString()},
            {members::kindDisplayName(MemberKind::Person), members::kindId(MemberKind::Person)},
            {members::kindDisplayName(MemberKind::Legal), members::kindId(MemberKind::Legal)}});
    QList<QPair<QString, QVariant>> statuses {{tr("Any status"), QString()}};
    for (auto status : {MemberStatus::Active, MemberStatus::Suspended, MemberStatus::Expired,
             MemberStatus::Resigned}) {
        statuses.append({members::statusDisplayName(status), members::statusId(status)});
    }
    refillKeepingChoice(m_statusFilter, statuses);
    QList<QPair<QString, QVariant>> years {{tr("Dues paid or not"), QVariant()}};
    const int thisYear = currentJalaliYear();
    for (int year = thisYear; year > thisYear - unpaidYearsShown; --year) {
        years.append({tr("Dues unpaid for %1").arg(formatYear(year, locale)), year});
    }
    refillKeepingChoice(m_unpaidFilter, years);
}

members::MemberQuery MembersPage::filteredQuery() const
{
    members::MemberQuery query = m_model->query();
    query.text = m_search->text();
    query.province = m_provinceFilter->currentData().toString();
    query.kind = members::kindFromId(m_kindFilter->currentData().toString());
    query.status = members::statusFromId(m_statusFilter->currentData().toString());
    const QVariant year = m_unpaidFilter->currentData();
    query.unpaidYear = year.isValid() ? std::optional<int>(year.toInt()) : std::nullopt;
    return query;
}

void MembersPage::applyFilters()
{
    m_searchDelay->stop();
    m_result->clear();
    m_model->setQuery(filteredQuery());
}

void MembersPage::reload()
{
    const auto total = m_service.count(m_session.user.actor(), members::MemberQuery {});
    m_total = total.ok() ? *total : 0;
    m_totalError = total.errorMessage();
    m_model->setQuery(filteredQuery());
}

void MembersPage::updateCount()
{
    const QLocale locale = this->locale();
    const bool refused = !m_totalError.isEmpty();
    const bool empty = !refused && m_total == 0;
    // The core decides who may see members; the page shows its answer in place of the table.
    m_body->setCurrentIndex(refused || empty ? EmptyPage : TablePage);
    if (refused) {
        m_emptyState->setText(m_totalError);
    } else if (empty) {
        m_emptyState->setText(tr("No members yet. Add the first one with “New member” (Ctrl+N); "
                                 "every member you add can be found here by name, national "
                                 "code, mobile or city."));
    }
    m_filters->setVisible(!refused && !empty);
    m_search->setVisible(!refused && !empty);
    m_count->setVisible(!refused && !empty);
    m_newMember->setVisible(!refused);
    m_changeStatusButton->setVisible(!refused && !empty);
    m_recordDuesButton->setVisible(!refused && !empty);

    const members::MemberQuery &query = m_model->query();
    const bool filtered = !query.text.trimmed().isEmpty() || !query.province.isEmpty() || query.kind
        || query.status || query.unpaidYear;
    if (!m_model->errorMessage().isEmpty()) {
        m_count->setText(m_model->errorMessage());
    } else if (filtered) {
        m_count->setText(tr("%1 of %2 members shown")
                             .arg(locale.toString(m_model->count()), locale.toString(m_total)));
    } else {
        m_count->setText(tr("%1 members").arg(locale.toString(m_total)));
    }
}

void MembersPage::updateActions()
{
    const bool selected = m_table->selectionModel()->hasSelection();
    m_open->setEnabled(m_table->currentIndex().isValid());
    m_changeStatus->setEnabled(selected);
    m_recordDues->setEnabled(selected);
    m_exportSelected->setEnabled(selected);
}

void MembersPage::sizeColumns()
{
    // Widths from what the columns can hold rather than from their rows, which may be a million.
    const QFontMetrics metrics = m_table->fontMetrics();
    const QLocale locale = this->locale();
    // Digits differ in width (Persian zero is a dot), so codes are measured in the widest one.
    QChar widestDigit = u'0';
    for (QChar digit = u'0'; digit <= u'9'; digit = QChar(digit.unicode() + 1)) {
        if (metrics.horizontalAdvance(formatCode(digit, locale))
            > metrics.horizontalAdvance(formatCode(widestDigit, locale))) {
            widestDigit = digit;
        }
    }
    const auto codeWidth = [&](QString pattern) {
        for (QChar &c : pattern) {
            if (c.isDigit()) {
                c = widestDigit;
            }
        }
        return metrics.horizontalAdvance(formatCode(pattern, locale));
    };
    int provinceWidth = 0;
    for (const text::Province &province : text::allProvinces()) {
        provinceWidth
            = qMax(provinceWidth, metrics.horizontalAdvance(provinceName(province.code, locale)));
    }
    const QHash<int, int> contentWidths {
        {MemberListModel::MembershipNo, codeWidth(u"M0000000"_s)},
        {MemberListModel::Name,
            metrics.horizontalAdvance(u"محمدحسین عبدالرحیمی‌نژاد"_s)},
        {MemberListModel::Kind,
            metrics.horizontalAdvance(members::kindDisplayName(MemberKind::Legal))},
        {MemberListModel::NationalId, codeWidth(u"00000000000"_s)},
        {MemberListModel::Province, provinceWidth},
        {MemberListModel::City, metrics.horizontalAdvance(u"بندر ترکمن"_s)},
        {MemberListModel::Mobile, codeWidth(u"0912 000 0000"_s)},
        {MemberListModel::JoinDate, codeWidth(u"1403/00/00"_s)},
    };
    const QFontMetrics headerMetrics = m_table->horizontalHeader()->fontMetrics();
    for (auto it = contentWidths.cbegin(); it != contentWidths.cend(); ++it) {
        const QString title = m_model->headerData(it.key(), Qt::Horizontal).toString();
        // Room for the cell margins, and in the header for the sort arrow.
        m_table->setColumnWidth(
            it.key(), qMax(headerMetrics.horizontalAdvance(title) + 32, it.value() + 16));
    }
}

std::optional<QList<QPair<qint64, QString>>> MembersPage::selectedMembers()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() > maximumBulkSelection) {
        QMessageBox::information(this, tr("Too many members selected"),
            tr("%1 members are selected; a change applies to at most %2 at once. Narrow the "
               "list with the search and the filters first.")
                .arg(locale().toString(rows.size()), locale().toString(maximumBulkSelection)));
        return std::nullopt;
    }
    QList<QPair<qint64, QString>> members;
    for (const QModelIndex &row : rows) {
        if (const auto member = m_model->memberAt(row.row())) {
            members.append({member->id, member->displayName()});
        }
    }
    return members;
}

void MembersPage::report(const QString &done, const QStringList &failures, int attempted)
{
    m_result->setText(done);
    if (failures.isEmpty()) {
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Some members were not changed"),
        tr("%1 of %2 members could not be changed; the others were.")
            .arg(locale().toString(failures.size()), locale().toString(attempted)),
        QMessageBox::Ok, this);
    box->setObjectName(u"bulkFailures"_s);
    box->setDetailedText(failures.join(u'\n'));
    box->setInformativeText(failures.mid(0, 5).join(u'\n'));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MembersPage::changeStatusOfSelection()
{
    const auto selected = selectedMembers();
    if (!selected || selected->isEmpty()) {
        return;
    }
    auto *dialog = new StatusChangeDialog(int(selected->size()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, members = *selected] {
        const accounts::Actor actor = m_session.user.actor();
        QProgressDialog progress(
            tr("Changing the status…"), tr("Stop"), 0, int(members.size()), this);
        progress.setWindowModality(Qt::WindowModal);
        progress.setMinimumDuration(500);
        QStringList failures;
        int changed = 0;
        int handled = 0;
        for (const auto &[id, name] : members) {
            if (progress.wasCanceled()) {
                break;
            }
            const Status done = m_service.setStatus(
                actor, id, dialog->status(), dialog->effectiveDate(), dialog->reason());
            if (done) {
                ++changed;
            } else {
                failures << Language::inUiDirection(tr("%1: %2").arg(name, done.errorMessage()));
            }
            progress.setValue(++handled);
        }
        reload();
        report(tr("Status changed to “%1” for %2 members.")
                   .arg(members::statusDisplayName(dialog->status()), locale().toString(changed)),
            failures, int(members.size()));
    });
    dialog->open();
}

void MembersPage::recordDuesOfSelection()
{
    const auto selected = selectedMembers();
    if (!selected || selected->isEmpty()) {
        return;
    }
    auto *dialog
        = new DuesDialog(tr("The same payment is recorded for each of the %1 selected members.")
                             .arg(locale().toString(selected->size())),
            {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, members = *selected] {
        const accounts::Actor actor = m_session.user.actor();
        const members::Dues dues = dialog->dues();
        QProgressDialog progress(tr("Recording dues…"), tr("Stop"), 0, int(members.size()), this);
        progress.setWindowModality(Qt::WindowModal);
        progress.setMinimumDuration(500);
        QStringList failures;
        int recorded = 0;
        int handled = 0;
        for (const auto &[id, name] : members) {
            if (progress.wasCanceled()) {
                break;
            }
            const Status done = m_service.recordDues(actor, id, dues);
            if (done) {
                ++recorded;
            } else {
                failures << Language::inUiDirection(tr("%1: %2").arg(name, done.errorMessage()));
            }
            progress.setValue(++handled);
        }
        reload();
        report(tr("Dues for %1 recorded for %2 members.")
                   .arg(formatYear(dues.year, locale()), locale().toString(recorded)),
            failures, int(members.size()));
    });
    dialog->open();
}

void MembersPage::newMember()
{
    showMemberDialog(new MemberDialog(m_session, this));
}

void MembersPage::openSelectedMember()
{
    const QModelIndex current = m_table->currentIndex();
    const auto listed = current.isValid() ? m_model->memberAt(current.row()) : std::nullopt;
    if (!listed) {
        return;
    }
    // Read again: the row may be older than the member.
    const auto found = m_service.get(m_session.user.actor(), listed->id);
    if (!found || !found->has_value()) {
        QMessageBox::warning(this, tr("Member bank"),
            found ? tr("This member is no longer in the bank.") : found.errorMessage());
        reload();
        return;
    }
    auto *dialog = new MemberDialog(m_session, this);
    dialog->setMember(**found);
    showMemberDialog(dialog);
}

void MembersPage::showMemberDialog(MemberDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Dues are recorded from the form even when its details are not saved.
    connect(dialog, &QDialog::finished, this, &MembersPage::reload);
    dialog->open();
}

void MembersPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::LocaleChange) {
        m_model->setLocale(locale());
        fillFilters();
        sizeColumns();
        updateCount();
    }
    QWidget::changeEvent(event);
}

void MembersPage::exportShownMembers()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the members shown"),
        tr("members") + u".xlsx"_s,
        tr("Excel workbook (*.xlsx);;CSV for Excel (*.csv);;PDF for printing (*.pdf)"));
    if (!path.isEmpty()) {
        exportShownMembersTo(path);
    }
}

void MembersPage::exportShownMembersTo(const QString &path)
{
    exportTo(path, filteredQuery());
}

void MembersPage::exportSelectedMembers()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the selected members"),
        tr("members") + u".xlsx"_s,
        tr("Excel workbook (*.xlsx);;CSV for Excel (*.csv);;PDF for printing (*.pdf)"));
    if (!path.isEmpty()) {
        exportSelectedMembersTo(path);
    }
}

void MembersPage::exportSelectedMembersTo(const QString &path)
{
    const auto selected = selectedMembers();
    if (!selected || selected->isEmpty()) {
        return;
    }
    members::MemberQuery query = filteredQuery();
    for (const auto &[id, name] : *selected) {
        query.ids << id;
    }
    exportTo(path, query);
}

void MembersPage::exportTo(const QString &path, members::MemberQuery query)
{
    const accounts::Actor actor = m_session.user.actor();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    if (!path.endsWith(u".pdf"_s, Qt::CaseInsensitive)) {
        const auto written = members::exportMembers(m_session.db, actor, query, path);
        QApplication::restoreOverrideCursor();
        m_result->setText(written
                ? tr("%n member(s) written to %1.", nullptr, int(*written)).arg(path)
                : written.errorMessage());
        return;
    }
    const auto total = m_service.count(actor, query);
    query.limit = members::printableListLimit;
    const auto shown = m_service.search(actor, query);
    if (!total || !shown) {
        QApplication::restoreOverrideCursor();
        m_result->setText(total ? shown.errorMessage() : total.errorMessage());
        return;
    }
    const qint64 count = shown->size();
    const QString page
        = members::memberListPage(*shown, *total, m_title->text(), Language::instance().locale());
    render::renderPdfAsync(page, path, {}, [this, path, count, all = *total](const Status &done) {
        QApplication::restoreOverrideCursor();
        if (!done) {
            m_result->setText(done.errorMessage());
        } else if (all > count) {
            m_result->setText(tr("The first %1 of %2 members were printed to %3; narrow the "
                                 "list to print the others.")
                                  .arg(locale().toString(count), locale().toString(all), path));
        } else {
            m_result->setText(tr("%n member(s) written to %1.", nullptr, int(count)).arg(path));
        }
        emit exportFinished(path);
    });
}

} // namespace daftar::ui
