#include "MemberDialog.h"

#include "DuesDialog.h"
#include "DuesModel.h"
#include "Language.h"
#include "MemberChangesModel.h"
#include "MemberDisplay.h"
#include "MemberFieldNames.h"
#include "StatusHistoryModel.h"
#include "members/BranchService.h"
#include "members/MemberPrint.h"
#include "render/PdfRenderer.h"
#include "storage/AuditLog.h"
#include "text/Identifiers.h"
#include "text/PersianText.h"
#include "widgets/JalaliDateEdit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

using members::Member;
using members::MemberKind;
using members::MemberStatus;

namespace {

const QList<MemberStatus> allStatuses {
    MemberStatus::Active, MemberStatus::Suspended, MemberStatus::Expired, MemberStatus::Resigned};

void setRowLabel(QFormLayout *form, QWidget *field, const QString &text)
{
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(field))) {
        label->setText(text);
    }
}

} // namespace

MemberDialog::MemberDialog(Session &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_service(session.db)
    , m_tabs(new QTabWidget(this))
    , m_identityForm(new QFormLayout)
    , m_contactForm(new QFormLayout)
    , m_kind(new QComboBox(this))
    , m_membershipNo(new QLineEdit(this))
    , m_firstName(new QLineEdit(this))
    , m_lastName(new QLineEdit(this))
    , m_organizationName(new QLineEdit(this))
    , m_nationalId(new QLineEdit(this))
    , m_registrationNo(new QLineEdit(this))
    , m_activitySector(new QLineEdit(this))
    , m_joinDate(new JalaliDateEdit(this))
    , m_status(new QComboBox(this))
    , m_province(new QComboBox(this))
    , m_branch(new QComboBox(this))
    , m_city(new QLineEdit(this))
    , m_address(new QLineEdit(this))
    , m_postalCode(new QLineEdit(this))
    , m_mobile(new QLineEdit(this))
    , m_phone(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_notes(new QPlainTextEdit(this))
    , m_notesLabel(new QLabel(this))
    , m_consent(new QCheckBox(this))
    , m_consentFieldsLabel(new QLabel(this))
    , m_duesView(new QTableView(this))
    , m_duesModel(new DuesModel(this))
    , m_recordDues(new QPushButton(this))
    , m_historyView(new QTableView(this))
    , m_historyModel(new StatusHistoryModel(this))
    , m_changesView(new QTableView(this))
    , m_changesModel(new MemberChangesModel(this))
    , m_changeDetail(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_message(new QLabel(this))
    , m_save(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(u"memberDialog"_s);
    m_tabs->setObjectName(u"memberTabs"_s);
    m_hint->setObjectName(u"hint"_s);
    m_message->setObjectName(u"message"_s);
    m_save->setObjectName(u"save"_s);
    m_cancel->setObjectName(u"cancel"_s);

    auto *details = new QWidget(m_tabs);
    buildDetails(details);
    m_tabs->addTab(details, QString());

    m_duesView->setObjectName(u"duesTable"_s);
    m_duesView->setModel(m_duesModel);
    m_recordDues->setObjectName(u"recordDues"_s);
    m_tabs->addTab(buildTablePage(m_duesView, m_recordDues), QString());

    m_historyView->setObjectName(u"statusHistoryTable"_s);
    m_historyView->setModel(m_historyModel);
    m_tabs->addTab(buildTablePage(m_historyView, nullptr), QString());

    m_changesView->setObjectName(u"changesTable"_s);
    m_changesView->setModel(m_changesModel);
    m_changeDetail->setObjectName(u"changeDetail"_s);
    m_changeDetail->setWordWrap(true);
    m_changeDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs->addTab(buildTablePage(m_changesView, m_changeDetail), QString());

    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(u"color: palette(placeholder-text);"_s);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(u"color: #b00020;"_s);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_card = new QPushButton(this);
    m_card->setObjectName(u"printCard"_s);
    m_card->setAutoDefault(false);
    connect(m_card, &QPushButton::clicked, this, &MemberDialog::printCard);
    buttons->addButton(m_card, QDialogButtonBox::ActionRole);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    m_save->setDefault(true);
    // The dialog presses Save itself on Enter, only while the details are shown.
    m_save->setAutoDefault(false);
    m_cancel->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_hint, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);

    connect(m_save, &QPushButton::clicked, this, &MemberDialog::save);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    auto *saveShortcut = new QShortcut(QKeySequence::Save, this);
    connect(saveShortcut, &QShortcut::activated, this, &MemberDialog::save);
    connect(m_tabs, &QTabWidget::currentChanged, this,
        [this](int tab) { m_save->setDefault(tab == DetailsTab); });
    connect(m_recordDues, &QPushButton::clicked, this, [this] { recordDues(std::nullopt); });
    connect(m_duesView, &QTableView::activated, this,
        [this](const QModelIndex &index) { recordDues(m_duesModel->dues().at(index.row()).year); });
    connect(m_changesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            m_changeDetail->setText(current.isValid()
                    ? current.siblingAtColumn(MemberChangesModel::Changes)
                          .data(Qt::ToolTipRole)
                          .toString()
                    : QString());
        });

    if (!m_session.user.province.isEmpty()) {
        // A branch officer adds members of their own province.
        m_province->setCurrentIndex(m_province->findData(m_session.user.province));
    }
    m_joinDate->setDate(QDate::currentDate());
    retranslate();
    updateKindFields();
    updateDirectionOfCodes();
    for (int tab : {DuesTab, StatusHistoryTab, ChangesTab}) {
        m_tabs->setTabEnabled(tab, false);
    }
    // The directory boxes are made after the buttons: Tab goes down the form, through
    // the other tabs' tables, and only then to the buttons.
    QList<QWidget *> chain {m_consent};
    for (const auto &[field, box] : std::as_const(m_directoryFields)) {
        chain << box;
    }
    chain << m_duesView << m_recordDues << m_historyView << m_changesView << m_save << m_cancel;
    for (qsizetype i = 1; i < chain.size(); ++i) {
        setTabOrder(chain.at(i - 1), chain.at(i));
    }
    validate();
    m_firstName->setFocus(Qt::OtherFocusReason);
    setMinimumWidth(880);
}

void MemberDialog::buildDetails(QWidget *page)
{
    m_kind->setObjectName(u"kind"_s);
    m_membershipNo->setObjectName(u"membershipNo"_s);
    m_firstName->setObjectName(u"firstName"_s);
    m_lastName->setObjectName(u"lastName"_s);
    m_organizationName->setObjectName(u"organizationName"_s);
    m_nationalId->setObjectName(u"nationalId"_s);
    m_registrationNo->setObjectName(u"registrationNo"_s);
    m_activitySector->setObjectName(u"activitySector"_s);
    m_joinDate->setObjectName(u"joinDate"_s);
    m_status->setObjectName(u"status"_s);
    m_province->setObjectName(u"province"_s);
    m_branch->setObjectName(u"branch"_s);
    m_city->setObjectName(u"city"_s);
    m_address->setObjectName(u"address"_s);
    m_postalCode->setObjectName(u"postalCode"_s);
    m_mobile->setObjectName(u"mobile"_s);
    m_phone->setObjectName(u"phone"_s);
    m_email->setObjectName(u"email"_s);
    m_notes->setObjectName(u"notes"_s);
    m_consent->setObjectName(u"directoryConsent"_s);

    for (MemberKind kind : {MemberKind::Person, MemberKind::Legal}) {
        m_kind->addItem(QString(), members::kindId(kind));
    }
    for (MemberStatus status : allStatuses) {
        m_status->addItem(QString(), members::statusId(status));
    }
    fillProvinces();
    m_membershipNo->setMaxLength(32);
    m_nationalId->setMaxLength(20);
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(m_notes->fontMetrics().lineSpacing() * 3 + 12);

    const auto addRow = [page](QFormLayout *form, QWidget *field) {
        auto *label = new QLabel(page);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    addRow(m_identityForm, m_kind);
    addRow(m_identityForm, m_membershipNo);
    addRow(m_identityForm, m_firstName);
    addProblemRow(m_identityForm, u"first_name"_s);
    addRow(m_identityForm, m_lastName);
    addProblemRow(m_identityForm, u"last_name"_s);
    addRow(m_identityForm, m_organizationName);
    addProblemRow(m_identityForm, u"organization_name"_s);
    addRow(m_identityForm, m_nationalId);
    addProblemRow(m_identityForm, u"national_id"_s);
    addRow(m_identityForm, m_registrationNo);
    addRow(m_identityForm, m_activitySector);
    addRow(m_identityForm, m_joinDate);
    addProblemRow(m_identityForm, u"join_date"_s);
    addRow(m_identityForm, m_status);

    addRow(m_contactForm, m_province);
    addProblemRow(m_contactForm, u"province"_s);
    addRow(m_contactForm, m_branch);
    addRow(m_contactForm, m_city);
    addRow(m_contactForm, m_address);
    addRow(m_contactForm, m_postalCode);
    addProblemRow(m_contactForm, u"postal_code"_s);
    addRow(m_contactForm, m_mobile);
    addProblemRow(m_contactForm, u"mobile"_s);
    addRow(m_contactForm, m_phone);
    addRow(m_contactForm, m_email);
    addProblemRow(m_contactForm, u"email"_s);
    m_notesLabel->setBuddy(m_notes);
    m_contactForm->addRow(m_notesLabel, m_notes);

    auto *directoryFields = new QHBoxLayout;
    directoryFields->addWidget(m_consentFieldsLabel);
    for (const QString &field : {u"name"_s, u"city"_s, u"province"_s, u"mobile"_s, u"email"_s}) {
        auto *box = new QCheckBox(page);
        box->setObjectName(u"directory_"_s + field);
        box->setChecked(field == "name"_L1 || field == "province"_L1);
        directoryFields->addWidget(box);
        m_directoryFields << qMakePair(field, box);
        connect(box, &QCheckBox::toggled, this, [this] { fieldEdited(u"directory_fields"_s); });
    }
    directoryFields->addStretch();

    auto *columns = new QHBoxLayout;
    columns->addLayout(m_identityForm, 1);
    columns->addSpacing(24);
    columns->addLayout(m_contactForm, 1);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(columns);
    layout->addWidget(m_consent);
    layout->addLayout(directoryFields);
    layout->addStretch();

    // Edits are named the way the core names the field of a problem.
    const QList<QPair<QLineEdit *, QString>> edits {{m_membershipNo, u"membership_no"_s},
        {m_firstName, u"first_name"_s}, {m_lastName, u"last_name"_s},
        {m_organizationName, u"organization_name"_s}, {m_nationalId, u"national_id"_s},
        {m_registrationNo, u"registration_no"_s}, {m_activitySector, u"activity_sector"_s},
        {m_city, u"city"_s}, {m_address, u"address"_s}, {m_postalCode, u"postal_code"_s},
        {m_mobile, u"mobile"_s}, {m_phone, u"phone"_s}, {m_email, u"email"_s}};
    for (const auto &[edit, field] : edits) {
        connect(edit, &QLineEdit::textEdited, this, [this, field] { fieldEdited(field); });
    }
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        updateKindFields();
        fieldEdited(u"kind"_s);
    });
    connect(m_province, &QComboBox::currentIndexChanged, this, [this] {
        fillBranches();
        fieldEdited(u"province"_s);
    });
    connect(m_branch, &QComboBox::activated, this, [this] { fieldEdited(u"branch"_s); });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] { fieldEdited(u"status"_s); });
    connect(
        m_joinDate, &JalaliDateEdit::dateChanged, this, [this] { fieldEdited(u"join_date"_s); });
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] { fieldEdited(u"notes"_s); });
    connect(m_consent, &QCheckBox::toggled, this, [this](bool on) {
        for (const auto &[field, box] : std::as_const(m_directoryFields)) {
            box->setEnabled(on);
        }
        m_consentFieldsLabel->setEnabled(on);
        fieldEdited(u"directory_consent"_s);
    });
    for (const auto &[field, box] : std::as_const(m_directoryFields)) {
        box->setEnabled(false);
    }
    m_consentFieldsLabel->setEnabled(false);
}

QLabel *MemberDialog::addProblemRow(QFormLayout *form, const QString &field)
{
    auto *problem = new QLabel(this);
    problem->setObjectName(u"problem_"_s + field);
    problem->setWordWrap(true);
    problem->setStyleSheet(u"color: #b00020; font-size: 9pt;"_s);
    form->addRow(QString(), problem);
    form->setRowVisible(problem, false);
    m_problems.insert(field, problem);
    return problem;
}

QWidget *MemberDialog::buildTablePage(QTableView *view, QWidget *below)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeading | Qt::AlignVCenter);
    auto *page = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(view, 1);
    if (below) {
        auto *row = new QHBoxLayout;
        row->addWidget(below, below == m_changeDetail ? 1 : 0);
        row->addStretch(below == m_changeDetail ? 0 : 1);
        layout->addLayout(row);
    }
    return page;
}

void MemberDialog::fillBranches()
{
    // Only the branches of the chosen province: a member belongs to one of them, or none.
    const QVariant current = m_branch->currentData();
    const QSignalBlocker blocker(m_branch);
    m_branch->clear();
    m_branch->addItem(tr("No branch"));
    const QString province = m_province->currentData().toString();
    if (!province.isEmpty()) {
        members::BranchService branches(m_session.db);
        if (auto list = branches.list(m_session.user.actor(), province)) {
            for (const members::Branch &branch : *list) {
                m_branch->addItem(branch.city + u" — "_s + branch.name, branch.id);
            }
        }
    }
    m_branch->setCurrentIndex(qMax(0, m_branch->findData(current)));
}

void MemberDialog::fillProvinces()
{
    const QString current = m_province->currentData().toString();
    m_province->clear();
    for (const text::Province &province : provincesInDisplayOrder(locale())) {
        m_province->addItem(
            isPersian(locale()) ? province.persianName : province.englishName, province.code);
    }
    m_province->setCurrentIndex(m_province->findData(current));
}

void MemberDialog::retranslate()
{
    setWindowTitle(m_member.id ? tr("Member %1").arg(m_member.displayName()) : tr("New member"));
    m_tabs->setTabText(DetailsTab, tr("&Details"));
    m_tabs->setTabText(DuesTab, tr("D&ues"));
    m_tabs->setTabText(StatusHistoryTab, tr("Status &history"));
    m_tabs->setTabText(ChangesTab, tr("Chan&ges"));
    for (int tab : {DuesTab, StatusHistoryTab, ChangesTab}) {
        m_tabs->setTabToolTip(
            tab, m_member.id ? QString() : tr("Available once the member has been saved."));
    }

    m_kind->setItemText(0, members::kindDisplayName(MemberKind::Person));
    m_kind->setItemText(1, members::kindDisplayName(MemberKind::Legal));
    for (int i = 0; i < allStatuses.size(); ++i) {
        m_status->setItemText(i, members::statusDisplayName(allStatuses.at(i)));
    }
    m_province->setPlaceholderText(tr("Choose a province"));
    m_membershipNo->setPlaceholderText(tr("Given when saved"));
    m_mobile->setPlaceholderText(tr("0912 345 6789"));
    m_postalCode->setPlaceholderText(tr("13145-67890"));
    m_email->setPlaceholderText(u"name@example.ir"_s);
    m_activitySector->setPlaceholderText(tr("e.g. housing, farming, consumer goods"));

    setRowLabel(m_identityForm, m_kind, tr("&Kind:"));
    setRowLabel(m_identityForm, m_membershipNo, tr("Membership &no.:"));
    setRowLabel(m_identityForm, m_firstName, tr("&First name:"));
    setRowLabel(m_identityForm, m_lastName, tr("&Last name:"));
    setRowLabel(m_identityForm, m_organizationName, tr("Name of the &cooperative:"));
    setRowLabel(m_identityForm, m_registrationNo, tr("&Registration no.:"));
    setRowLabel(m_identityForm, m_activitySector, tr("Activity sec&tor:"));
    setRowLabel(m_identityForm, m_joinDate, tr("&Joined on:"));
    setRowLabel(m_identityForm, m_status, tr("St&atus:"));
    setRowLabel(m_contactForm, m_province, tr("&Province:"));
    setRowLabel(m_contactForm, m_branch, tr("Branch:"));
    if (m_branch->count() > 0) {
        m_branch->setItemText(0, tr("No branch"));
    }
    setRowLabel(m_contactForm, m_city, tr("Cit&y:"));
    setRowLabel(m_contactForm, m_address, tr("Addr&ess:"));
    setRowLabel(m_contactForm, m_postalCode, tr("P&ostal code:"));
    setRowLabel(m_contactForm, m_mobile, tr("Mo&bile:"));
    setRowLabel(m_contactForm, m_phone, tr("Phone:"));
    setRowLabel(m_contactForm, m_email, tr("E&mail:"));
    m_notesLabel->setText(tr("Notes:"));
    m_consent->setText(tr("Sho&w this member in the public directory of the site"));
    m_consentFieldsLabel->setText(tr("with:"));
    const QHash<QString, QString> directoryNames {{u"name"_s, tr("name")}, {u"city"_s, tr("city")},
        {u"province"_s, tr("province")}, {u"mobile"_s, tr("mobile")}, {u"email"_s, tr("email")}};
    for (const auto &[field, box] : std::as_const(m_directoryFields)) {
        box->setText(directoryNames.value(field));
    }
    m_recordDues->setText(tr("&Record dues…"));
    m_save->setText(tr("&Save"));
    m_card->setText(tr("Membership card (PDF)…"));
    m_card->setEnabled(m_member.id != 0);
    m_save->setToolTip(tr("Save the details (Ctrl+S)"));
    m_cancel->setText(tr("Cancel"));
    updateKindFields();
    validate();
}

void MemberDialog::updateKindFields()
{
    const bool legal = m_kind->currentData().toString() == members::kindId(MemberKind::Legal);
    for (QWidget *field :
        {static_cast<QWidget *>(m_firstName), static_cast<QWidget *>(m_lastName)}) {
        m_identityForm->setRowVisible(field, !legal);
    }
    m_identityForm->setRowVisible(m_organizationName, legal);
    m_identityForm->setRowVisible(m_registrationNo, legal);
    setRowLabel(m_identityForm, m_nationalId, legal ? tr("Nat&ional ID:") : tr("Nat&ional code:"));
    m_nationalId->setPlaceholderText(legal ? tr("11 digits") : tr("10 digits"));
}

void MemberDialog::updateDirectionOfCodes()
{
    // Codes, numbers and e-mail addresses are typed and read left to right even in a
    // Persian form, but sit on the side where the form's text starts.
    for (QLineEdit *edit : {m_membershipNo, m_nationalId, m_registrationNo, m_postalCode, m_mobile,
             m_phone, m_email}) {
        edit->setLayoutDirection(Qt::LeftToRight);
        edit->setAlignment((isRightToLeft() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
}

void MemberDialog::fieldEdited(const QString &field)
{
    m_touched.insert(field);
    m_message->hide();
    validate();
}

Member MemberDialog::memberFromForm() const
{
    Member member = m_member;
    member.kind
        = members::kindFromId(m_kind->currentData().toString()).value_or(MemberKind::Person);
    member.membershipNo = m_membershipNo->text();
    if (member.kind == MemberKind::Person) {
        member.firstName = m_firstName->text();
        member.lastName = m_lastName->text();
        member.organizationName.clear();
        member.registrationNo.clear();
    } else {
        member.firstName.clear();
        member.lastName.clear();
        member.organizationName = m_organizationName->text();
        member.registrationNo = m_registrationNo->text();
    }
    member.nationalId = m_nationalId->text();
    member.activitySector = m_activitySector->text();
    member.joinDate = m_joinDate->date();
    member.status
        = members::statusFromId(m_status->currentData().toString()).value_or(MemberStatus::Active);
    member.province = m_province->currentData().toString();
    member.branchId = m_branch->currentData().isValid()
        ? std::optional<qint64>(m_branch->currentData().toLongLong())
        : std::nullopt;
    member.city = m_city->text();
    member.address = m_address->text();
    member.postalCode = m_postalCode->text();
    member.mobile = m_mobile->text();
    member.phone = m_phone->text();
    member.email = m_email->text();
    member.notes = m_notes->toPlainText().trimmed();
    member.directoryConsent = m_consent->isChecked();
    member.directoryFields.clear();
    if (member.directoryConsent) {
        for (const auto &[field, box] : std::as_const(m_directoryFields)) {
            if (box->isChecked()) {
                member.directoryFields << field;
            }
        }
    }
    return member;
}

void MemberDialog::validate()
{
    Member member = memberFromForm();
    QList<members::FieldProblem> problems = members::MemberService::normalize(member);
    if (!m_joinDate->hasAcceptableInput()) {
        problems.append({u"join_date"_s, u"invalid_date"_s, m_joinDate->errorText()});
    }
    QHash<QString, QString> shown;
    QStringList stillNeeded;
    for (const members::FieldProblem &problem : std::as_const(problems)) {
        if (m_touched.contains(problem.field) && m_problems.contains(problem.field)) {
            shown.insert(problem.field, problem.message);
        } else {
            stillNeeded << memberFieldName(problem.field);
        }
    }
    for (auto it = m_problems.cbegin(); it != m_problems.cend(); ++it) {
        QFormLayout *form
            = m_identityForm->indexOf(it.value()) >= 0 ? m_identityForm : m_contactForm;
        it.value()->setText(shown.value(it.key()));
        form->setRowVisible(it.value(), shown.contains(it.key()));
    }
    stillNeeded.removeDuplicates();
    m_hint->setText(stillNeeded.isEmpty()
            ? QString()
            : Language::inUiDirection(
                tr("Still needed: %1.")
                    .arg(stillNeeded.join(isPersian(locale()) ? u"، "_s : u", "_s))));
    m_save->setEnabled(problems.isEmpty());
}

void MemberDialog::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void MemberDialog::setMember(const Member &member)
{
    m_member = member;
    const bool persian = isPersian(locale());
    const auto digits = [persian](const QString &text) {
        return persian ? text::toPersianDigits(text) : text;
    };
    m_kind->setCurrentIndex(m_kind->findData(members::kindId(member.kind)));
    m_membershipNo->setText(digits(member.membershipNo));
    m_membershipNo->setReadOnly(true);
    m_firstName->setText(member.firstName);
    m_lastName->setText(member.lastName);
    m_organizationName->setText(member.organizationName);
    m_nationalId->setText(digits(member.nationalId));
    m_registrationNo->setText(digits(member.registrationNo));
    m_activitySector->setText(member.activitySector);
    m_joinDate->setDate(member.joinDate);
    m_status->setCurrentIndex(m_status->findData(members::statusId(member.status)));
    m_province->setCurrentIndex(m_province->findData(member.province));
    fillBranches();
    m_branch->setCurrentIndex(member.branchId ? qMax(0, m_branch->findData(*member.branchId)) : 0);
    m_city->setText(member.city);
    m_address->setText(member.address);
    m_postalCode->setText(member.postalCode.isEmpty()
            ? QString()
            : text::displayPostalCode(member.postalCode, persian));
    m_mobile->setText(
        member.mobile.isEmpty() ? QString() : text::displayMobile(member.mobile, persian));
    m_phone->setText(digits(member.phone));
    m_email->setText(member.email);
    m_notes->setPlainText(member.notes);
    m_consent->setChecked(member.directoryConsent);
    for (const auto &[field, box] : std::as_const(m_directoryFields)) {
        box->setChecked(member.directoryFields.contains(field));
    }
    // An existing member's problems, if any, are shown at once.
    const QList<members::FieldProblem> problems = members::MemberService::normalize(m_member);
    for (const members::FieldProblem &problem : problems) {
        m_touched.insert(problem.field);
    }
    for (int tab : {DuesTab, StatusHistoryTab, ChangesTab}) {
        m_tabs->setTabEnabled(tab, true);
    }
    showMessage({});
    retranslate();
    reloadRecords();
    (member.kind == MemberKind::Legal ? m_organizationName : m_firstName)
        ->setFocus(Qt::OtherFocusReason);
}

void MemberDialog::reloadRecords()
{
    if (!m_member.id) {
        return;
    }
    const accounts::Actor actor = m_session.user.actor();
    QStringList errors;
    const auto dues = m_service.dues(actor, m_member.id);
    m_duesModel->setDues(dues.ok() ? *dues : QList<members::Dues>());
    const auto history = m_service.statusHistory(actor, m_member.id);
    m_historyModel->setHistory(history.ok() ? *history : QList<members::StatusChange>());
    const auto changes = m_service.changeHistory(actor, m_member.id);
    m_changesModel->setEntries(changes.ok() ? *changes : QList<storage::AuditEntry>());
    for (const QString &error :
        {dues.errorMessage(), history.errorMessage(), changes.errorMessage()}) {
        if (!error.isEmpty() && !errors.contains(error)) {
            errors << error;
        }
    }
    showMessage(errors.join(u'\n'));
    for (QTableView *view : {m_duesView, m_historyView, m_changesView}) {
        view->resizeColumnsToContents();
    }
    m_changesView->setCurrentIndex(m_changesModel->index(0, 0));
}

void MemberDialog::recordDues(std::optional<int> year)
{
    auto *dialog
        = new DuesDialog(tr("Dues of %1").arg(m_member.displayName()), m_duesModel->dues(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (year) {
        dialog->setYear(*year);
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const Status recorded
            = m_service.recordDues(m_session.user.actor(), m_member.id, dialog->dues());
        reloadRecords();
        if (!recorded) {
            showMessage(recorded.errorMessage());
        }
    });
    dialog->open();
}

void MemberDialog::save()
{
    if (!m_save->isEnabled()) {
        return;
    }
    const accounts::Actor actor = m_session.user.actor();
    Member member = memberFromForm();
    if (!member.id) {
        const auto existing = m_service.findByNationalId(actor, member.nationalId);
        if (!existing) {
            showMessage(existing.errorMessage());
            return;
        }
        if (existing->has_value()) {
            offerExisting(**existing);
            return;
        }
    }
    const auto saved
        = member.id ? m_service.update(actor, member) : m_service.create(actor, member);
    if (!saved) {
        showMessage(saved.errorMessage());
        return;
    }
    m_saved = *saved;
    accept();
}

void MemberDialog::offerExisting(const Member &existing)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Already a member"),
        Language::inUiDirection(
            tr("%1 is already in the member bank: %2, membership number %3.")
                .arg(formatCode(existing.nationalId, locale()), existing.displayName(),
                    formatCode(existing.membershipNo, locale()))),
        QMessageBox::NoButton, this);
    box->setObjectName(u"duplicateMessage"_s);
    box->setInformativeText(tr("Open that member instead of adding them a second time?"));
    QPushButton *open = box->addButton(tr("&Open the member"), QMessageBox::AcceptRole);
    box->addButton(tr("&Back to the form"), QMessageBox::RejectRole);
    box->setDefaultButton(open);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, open, existing] {
        if (box->clickedButton() == open) {
            m_touched.clear();
            setMember(existing);
            m_tabs->setCurrentIndex(DetailsTab);
        }
    });
    box->open();
}

void MemberDialog::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslate();
        break;
    case QEvent::LocaleChange:
        fillProvinces();
        break;
    case QEvent::LayoutDirectionChange:
        updateDirectionOfCodes();
        break;
    default:
        break;
    }
    QDialog::changeEvent(event);
}

void MemberDialog::printCard()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Membership card"),
        tr("membership card %1").arg(m_member.membershipNo) + u".pdf"_s, tr("PDF files (*.pdf)"));
    if (path.isEmpty()) {
        return;
    }
    const QString organisation = Language::instance().current() == Language::Persian
        ? u"خانه تعاونگران ایران"_s
        : u"Iran Cooperatives House"_s;
    render::renderPdfAsync(
        members::membershipCardPage(m_member, organisation, Language::instance().locale()), path,
        {}, [this](const Status &done) { showMessage(done ? QString() : done.errorMessage()); });
}

} // namespace daftar::ui
