#include "DuplicatesDialog.h"

#include "DuplicatePairsModel.h"
#include "Language.h"
#include "MemberDisplay.h"
#include "MergeChoiceModel.h"
#include "members/BranchService.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

// The core looks for this many pairs at most; a bank with more has them merged in rounds.
constexpr int pairsShown = 500;

void setUpTable(QTableView *view)
{
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeading | Qt::AlignVCenter);
    view->horizontalHeader()->setStretchLastSection(true);
}

QString nameWithNumber(const members::Member &member, const QLocale &locale)
{
    return DuplicatesDialog::tr("“%1” (%2)")
        .arg(member.displayName(), formatCode(member.membershipNo, locale));
}

} // namespace

DuplicatesDialog::DuplicatesDialog(Session &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_service(session.db)
    , m_intro(new QLabel(this))
    , m_pairsView(new QTableView(this))
    , m_pairsModel(new DuplicatePairsModel(this))
    , m_emptyState(new QLabel(this))
    , m_pairTitle(new QLabel(this))
    , m_comparisonView(new QTableView(this))
    , m_choiceModel(new MergeChoiceModel(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_merge(new QPushButton(this))
{
    setObjectName(u"duplicatesDialog"_s);
    m_pairsView->setObjectName(u"pairsList"_s);
    m_emptyState->setObjectName(u"emptyState"_s);
    m_pairTitle->setObjectName(u"pairTitle"_s);
    m_comparisonView->setObjectName(u"comparison"_s);
    m_message->setObjectName(u"message"_s);
    m_merge->setObjectName(u"mergeButton"_s);

    m_pairsView->setModel(m_pairsModel);
    setUpTable(m_pairsView);
    m_pairsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pairsView->setSelectionMode(QAbstractItemView::SingleSelection);

    m_comparisonView->setModel(m_choiceModel);
    setUpTable(m_comparisonView);
    m_comparisonView->setSelectionMode(QAbstractItemView::NoSelection);
    m_comparisonView->setFocusPolicy(Qt::StrongFocus);
    m_comparisonView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    for (QLabel *label : {m_intro, m_emptyState, m_pairTitle, m_message}) {
        label->setWordWrap(true);
    }
    m_intro->setStyleSheet(u"color: palette(placeholder-text);"_s);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setStyleSheet(u"color: palette(placeholder-text); font-size: 11pt;"_s);
    m_emptyState->setMargin(32);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_buttons->addButton(m_merge, QDialogButtonBox::ActionRole);
    m_merge->setAutoDefault(false);

    auto *pairsPane = new QWidget(this);
    auto *pairsLayout = new QVBoxLayout(pairsPane);
    pairsLayout->setContentsMargins(0, 0, 0, 0);
    pairsLayout->addWidget(m_pairsView);
    pairsLayout->addWidget(m_emptyState);
    auto *comparisonPane = new QWidget(this);
    auto *comparisonLayout = new QVBoxLayout(comparisonPane);
    comparisonLayout->setContentsMargins(0, 0, 0, 0);
    comparisonLayout->addWidget(m_pairTitle);
    comparisonLayout->addWidget(m_comparisonView, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(pairsPane);
    splitter->addWidget(comparisonPane);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_pairsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &DuplicatesDialog::showSelectedPair);
    connect(m_comparisonView, &QTableView::clicked, this, &DuplicatesDialog::chooseValue);
    connect(m_merge, &QPushButton::clicked, this, &DuplicatesDialog::mergeSelectedPair);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &DuplicatesDialog::reject);

    retranslate();
    reload();
    resize(900, 680);
}

void DuplicatesDialog::retranslate()
{
    setWindowTitle(tr("Possible duplicates"));
    m_intro->setText(tr("Members who share a mobile, or a name in one province, may be recorded "
                        "twice. Choose a pair, then for each field the value to keep. Merging "
                        "keeps the first record, moves the second's dues and status history "
                        "to it and deletes the second."));
    m_merge->setText(tr("&Merge"));
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    m_pairsModel->retranslate();
    m_choiceModel->retranslate();
    updateState();
}

void DuplicatesDialog::reload()
{
    const int previousRow = selectedRow();
    const auto found = m_service.possibleDuplicates(m_session.user.actor(), pairsShown);
    // The core decides who may merge members; the dialog shows its answer.
    m_loadError = found.errorMessage();
    m_pairsModel->setPairs(found.ok() ? *found : QList<members::DuplicatePair>());
    m_pairsView->resizeColumnsToContents();
    if (m_pairsModel->rowCount() > 0) {
        const int row = qBound(0, previousRow, m_pairsModel->rowCount() - 1);
        m_pairsView->selectionModel()->setCurrentIndex(m_pairsModel->index(row, 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    showSelectedPair();
}

int DuplicatesDialog::selectedRow() const
{
    const QModelIndex current = m_pairsView->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : 0;
}

void DuplicatesDialog::showSelectedPair()
{
    const QModelIndex current = m_pairsView->selectionModel()->currentIndex();
    if (!current.isValid() || current.row() >= m_pairsModel->rowCount()) {
        m_choiceModel->clear();
        updateState();
        return;
    }
    const members::DuplicatePair &pair = m_pairsModel->pairs().at(current.row());
    QHash<qint64, QString> branchNames;
    if (pair.first.branchId || pair.second.branchId) {
        const auto branches = members::BranchService(m_session.db).list(m_session.user.actor());
        for (const members::Branch &branch : branches.ok() ? *branches : QList<members::Branch>()) {
            branchNames.insert(branch.id, branch.name);
        }
    }
    m_choiceModel->setMembers(pair.first, pair.second, branchNames);
    m_comparisonView->resizeColumnToContents(MergeChoiceModel::Field);
    m_comparisonView->resizeColumnToContents(MergeChoiceModel::FirstValue);
    m_comparisonView->setColumnWidth(MergeChoiceModel::FirstValue,
        qMax(240, m_comparisonView->columnWidth(MergeChoiceModel::FirstValue)));
    updateState();
}

void DuplicatesDialog::chooseValue(const QModelIndex &index)
{
    // A click anywhere in a value's cell chooses it, not only on its check box.
    m_choiceModel->choose(index.row(), index.column());
}

void DuplicatesDialog::updateState()
{
    const bool refused = !m_loadError.isEmpty();
    const bool empty = m_pairsModel->rowCount() == 0;
    m_pairsView->setVisible(!refused && !empty);
    m_emptyState->setVisible(refused || empty);
    m_emptyState->setText(refused ? m_loadError
                                  : tr("No possible duplicates: no two members share a mobile, "
                                       "or a name in one province."));
    const bool chosen = !m_choiceModel->isEmpty();
    m_comparisonView->setVisible(chosen);
    m_pairTitle->setVisible(chosen);
    m_merge->setEnabled(chosen);
    if (chosen) {
        const QModelIndex current = m_pairsView->selectionModel()->currentIndex();
        const members::DuplicatePair &pair = m_pairsModel->pairs().at(current.row());
        m_pairTitle->setText(Language::inUiDirection(
            tr("%1 is kept; %2 is merged into it. Tick the value to keep where they differ.")
                .arg(nameWithNumber(pair.first, locale()), nameWithNumber(pair.second, locale()))));
    }
}

void DuplicatesDialog::mergeSelectedPair()
{
    const QModelIndex current = m_pairsView->selectionModel()->currentIndex();
    if (!current.isValid() || m_choiceModel->isEmpty()) {
        return;
    }
    const members::DuplicatePair pair = m_pairsModel->pairs().at(current.row());
    const QStringList fromSecond = m_choiceModel->fieldsFromSecond();
    QMessageBox confirm(QMessageBox::Question, tr("Merge two members"),
        Language::inUiDirection(
            tr("Merge %2 into %1? %2 is deleted afterwards; its dues and "
               "status history move to %1. This cannot be undone.")
                .arg(nameWithNumber(pair.first, locale()), nameWithNumber(pair.second, locale()))),
        QMessageBox::Yes | QMessageBox::No, this);
    confirm.setObjectName(u"confirmMerge"_s);
    confirm.setDefaultButton(QMessageBox::Yes);
    confirm.button(QMessageBox::Yes)->setText(tr("Merge"));
    confirm.button(QMessageBox::No)->setText(tr("Cancel"));
    if (confirm.exec() != QMessageBox::Yes) {
        return;
    }
    const auto merged
        = m_service.merge(m_session.user.actor(), pair.first.id, pair.second.id, fromSecond);
    if (!merged) {
        showMessage(merged.errorMessage(), true);
        return;
    }
    showMessage(
        tr("%1 and %2 are now one member.")
            .arg(nameWithNumber(pair.first, locale()), nameWithNumber(pair.second, locale())),
        false);
    emit membersMerged();
    reload();
}

void DuplicatesDialog::showMessage(const QString &message, bool error)
{
    m_message->setStyleSheet(error ? u"color: #b00020;"_s : QString());
    m_message->setText(Language::inUiDirection(message));
    m_message->show();
}

void DuplicatesDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::LocaleChange) {
        m_pairsModel->retranslate();
        m_choiceModel->retranslate();
        updateState();
    }
    QDialog::changeEvent(event);
}

} // namespace daftar::ui
