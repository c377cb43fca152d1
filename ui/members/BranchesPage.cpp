#include "BranchesPage.h"

#include "BranchDialog.h"
#include "BranchListModel.h"
#include "BranchMembersModel.h"
#include "Language.h"
#include "MemberDisplay.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShowEvent>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

enum BodyPage { TablesPage, EmptyPage };

void setUpTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeading | Qt::AlignVCenter);
}

} // namespace

BranchesPage::BranchesPage(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_branches(session.db)
    , m_members(session.db)
    , m_title(new QLabel(this))
    , m_provinceFilter(new QComboBox(this))
    , m_newBranch(new QPushButton(this))
    , m_editBranch(new QPushButton(this))
    , m_body(new QStackedWidget(this))
    , m_tables(new QWidget(m_body))
    , m_table(new QTableView(m_tables))
    , m_model(new BranchListModel(this))
    , m_emptyState(new QLabel(m_body))
    , m_membersTitle(new QLabel(m_tables))
    , m_membersCount(new QLabel(m_tables))
    , m_membersTable(new QTableView(m_tables))
    , m_membersModel(new BranchMembersModel(m_members, session.user.actor(), this))
{
    setObjectName(u"branchesPage"_s);
    m_title->setObjectName(u"pageTitle"_s);
    m_provinceFilter->setObjectName(u"provinceFilter"_s);
    m_newBranch->setObjectName(u"newBranch"_s);
    m_editBranch->setObjectName(u"editBranch"_s);
    m_table->setObjectName(u"branchTable"_s);
    m_emptyState->setObjectName(u"emptyState"_s);
    m_membersTitle->setObjectName(u"branchMembersTitle"_s);
    m_membersCount->setObjectName(u"branchMemberCount"_s);
    m_membersTable->setObjectName(u"branchMembers"_s);

    m_provinceFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_table->setModel(m_model);
    setUpTable(m_table);
    // Counts stay beside their headings instead of drifting to the far edge.
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_membersTable->setModel(m_membersModel);
    setUpTable(m_membersTable);
    m_membersTable->setSelectionMode(QAbstractItemView::NoSelection);

    m_emptyState->setWordWrap(true);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setStyleSheet(u"color: palette(placeholder-text); font-size: 11pt;"_s);
    m_emptyState->setMargin(48);
    m_membersCount->setStyleSheet(u"color: palette(placeholder-text);"_s);
    m_membersTitle->setTextFormat(Qt::RichText);

    auto *membersPane = new QWidget(m_tables);
    auto *membersLayout = new QVBoxLayout(membersPane);
    membersLayout->setContentsMargins(0, 8, 0, 0);
    auto *membersHeader = new QHBoxLayout;
    membersHeader->addWidget(m_membersTitle);
    membersHeader->addStretch();
    membersHeader->addWidget(m_membersCount);
    membersLayout->addLayout(membersHeader);
    membersLayout->addWidget(m_membersTable, 1);
    auto *splitter = new QSplitter(Qt::Vertical, m_tables);
    splitter->addWidget(m_table);
    splitter->addWidget(membersPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *tablesLayout = new QVBoxLayout(m_tables);
    tablesLayout->setContentsMargins(0, 0, 0, 0);
    tablesLayout->addWidget(splitter);
    m_body->addWidget(m_tables);
    m_body->addWidget(m_emptyState);

    auto *top = new QHBoxLayout;
    top->addWidget(m_provinceFilter);
    top->addStretch();
    top->addWidget(m_editBranch);
    top->addWidget(m_newBranch);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addWidget(m_title);
    layout->addLayout(top);
    layout->addWidget(m_body, 1);

    connect(m_provinceFilter, &QComboBox::currentIndexChanged, this, &BranchesPage::reload);
    connect(m_newBranch, &QPushButton::clicked, this, &BranchesPage::newBranch);
    connect(m_editBranch, &QPushButton::clicked, this, &BranchesPage::editSelectedBranch);
    connect(m_table, &QTableView::activated, this, &BranchesPage::editSelectedBranch);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &BranchesPage::showSelectedBranch);

    fillProvinceFilter();
    retranslate();
    reload();
}

void BranchesPage::retranslate()
{
    m_title->setText(u"<h2>%1</h2>"_s.arg(tr("Provincial branches").toHtmlEscaped()));
    m_newBranch->setText(tr("&New branch"));
    m_editBranch->setText(tr("&Edit…"));
    m_editBranch->setToolTip(tr("Edit the chosen branch (or double-click it)"));
    fillProvinceFilter();
    m_model->retranslate();
    m_membersModel->retranslate();
    updateState();
}

void BranchesPage::fillProvinceFilter()
{
    const QLocale locale = this->locale();
    const QString current = m_provinceFilter->currentData().toString();
    const QSignalBlocker blocker(m_provinceFilter);
    m_provinceFilter->clear();
    m_provinceFilter->addItem(tr("All provinces"), QString());
    for (const text::Province &province : provincesInDisplayOrder(locale)) {
        m_provinceFilter->addItem(
            isPersian(locale) ? province.persianName : province.englishName, province.code);
    }
    m_provinceFilter->setCurrentIndex(qMax(0, m_provinceFilter->findData(current)));
}

void BranchesPage::reload()
{
    const std::optional<members::Branch> selected = selectedBranch();
    const auto listed
        = m_branches.list(m_session.user.actor(), m_provinceFilter->currentData().toString());
    // The core decides who may see which branches; the page shows its answer.
    m_loadError = listed.errorMessage();
    m_model->setBranches(listed.ok() ? *listed : QList<members::Branch>());
    m_table->resizeColumnsToContents();
    if (m_model->rowCount() > 0) {
        selectBranch(selected ? selected->id : m_model->branches().constFirst().id);
    }
    showSelectedBranch();
}

void BranchesPage::selectBranch(qint64 branchId)
{
    const int row = qMax(0, m_model->rowOf(branchId));
    // Not selectRow(): in a right-to-left table it picks no column and sets no current row.
    m_table->selectionModel()->setCurrentIndex(m_model->index(row, BranchListModel::Name),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

std::optional<members::Branch> BranchesPage::selectedBranch() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? m_model->branchAt(current.row()) : std::nullopt;
}

void BranchesPage::showSelectedBranch()
{
    const std::optional<members::Branch> branch = selectedBranch();
    m_membersModel->setBranch(branch ? std::optional<qint64>(branch->id) : std::nullopt);
    m_membersTable->resizeColumnsToContents();
    updateState();
}

void BranchesPage::updateState()
{
    const QLocale locale = this->locale();
    const bool refused = !m_loadError.isEmpty();
    const bool empty = !refused && m_model->rowCount() == 0;
    m_body->setCurrentIndex(refused || empty ? EmptyPage : TablesPage);
    if (refused) {
        m_emptyState->setText(m_loadError);
    } else if (empty) {
        const QString province = m_provinceFilter->currentData().toString();
        m_emptyState->setText(province.isEmpty()
                ? tr("No branches yet — add the first with “New branch”.")
                : tr("No branches in %1 yet — add one with “New branch”.")
                      .arg(provinceName(province, locale)));
    }
    m_newBranch->setVisible(!refused);
    const std::optional<members::Branch> branch = selectedBranch();
    m_editBranch->setVisible(!refused && !empty);
    m_editBranch->setEnabled(branch.has_value());
    if (!branch) {
        m_membersTitle->setText(tr("Choose a branch to see its members."));
        m_membersCount->clear();
        return;
    }
    m_membersTitle->setText(u"<b>%1</b>"_s.arg(
        Language::inUiDirection(tr("Members of %1").arg(branch->name)).toHtmlEscaped()));
    const qint64 total = m_membersModel->total();
    if (!m_membersModel->errorMessage().isEmpty()) {
        m_membersCount->setText(m_membersModel->errorMessage());
    } else if (total > m_membersModel->rowCount()) {
        m_membersCount->setText(
            tr("%1 members, the first %2 listed; the member bank lists all.")
                .arg(locale.toString(total), locale.toString(m_membersModel->rowCount())));
    } else if (total == 0) {
        m_membersCount->setText(tr("No member is assigned to this branch yet."));
    } else {
        m_membersCount->setText(tr("Members: %1").arg(locale.toString(total)));
    }
}

void BranchesPage::newBranch()
{
    auto *dialog = new BranchDialog(m_session, this);
    const QString province = m_provinceFilter->currentData().toString();
    if (!province.isEmpty()) {
        members::Branch branch;
        branch.province = province;
        dialog->setBranch(branch);
    }
    showBranchDialog(dialog);
}

void BranchesPage::editSelectedBranch()
{
    const std::optional<members::Branch> branch = selectedBranch();
    if (!branch) {
        return;
    }
    auto *dialog = new BranchDialog(m_session, this);
    dialog->setBranch(*branch);
    showBranchDialog(dialog);
}

void BranchesPage::showBranchDialog(BranchDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const qint64 saved = dialog->branch().id;
        reload();
        selectBranch(saved);
    });
    emit branchDialogOpened(dialog);
    dialog->open();
}

void BranchesPage::showEvent(QShowEvent *event)
{
    // Member counts change with imports, merges and edits made in other sections.
    if (!event->spontaneous()) {
        reload();
    }
    QWidget::showEvent(event);
}

void BranchesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::LocaleChange) {
        fillProvinceFilter();
        m_model->retranslate();
        m_membersModel->retranslate();
        updateState();
    }
    QWidget::changeEvent(event);
}

} // namespace daftar::ui
