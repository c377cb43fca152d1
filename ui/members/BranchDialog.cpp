#include "BranchDialog.h"

#include "Language.h"
#include "MemberDisplay.h"
#include "text/Identifiers.h"
#include "text/PersianText.h"
#include "widgets/JalaliDateEdit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

void setRowLabel(QFormLayout *form, QWidget *field, const QString &text)
{
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(field))) {
        label->setText(text);
    }
}

} // namespace

BranchDialog::BranchDialog(Session &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_service(session.db)
    , m_form(new QFormLayout)
    , m_province(new QComboBox(this))
    , m_city(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_head(new QLineEdit(this))
    , m_address(new QLineEdit(this))
    , m_postalCode(new QLineEdit(this))
    , m_phones(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_establishedOn(new JalaliDateEdit(this))
    , m_active(new QCheckBox(this))
    , m_message(new QLabel(this))
    , m_save(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(u"branchDialog"_s);
    m_province->setObjectName(u"province"_s);
    m_city->setObjectName(u"city"_s);
    m_name->setObjectName(u"name"_s);
    m_head->setObjectName(u"head"_s);
    m_address->setObjectName(u"address"_s);
    m_postalCode->setObjectName(u"postalCode"_s);
    m_phones->setObjectName(u"phones"_s);
    m_email->setObjectName(u"email"_s);
    m_establishedOn->setObjectName(u"establishedOn"_s);
    m_active->setObjectName(u"active"_s);
    m_message->setObjectName(u"message"_s);
    m_save->setObjectName(u"save"_s);
    m_cancel->setObjectName(u"cancel"_s);

    fillProvinces();
    if (!m_session.user.province.isEmpty()) {
        // A branch officer records the branches of their own province.
        m_province->setCurrentIndex(m_province->findData(m_session.user.province));
    }
    // Codes, numbers and addresses of mail are typed and read left to right even in a
    // Persian form, but sit on the side where the form's text starts.
    for (QLineEdit *edit : {m_postalCode, m_phones, m_email}) {
        edit->setLayoutDirection(Qt::LeftToRight);
        edit->setAlignment((isRightToLeft() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    m_email->setPlaceholderText(u"tehran@example.ir"_s);
    m_active->setChecked(true);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(u"color: #b00020;"_s);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    for (QWidget *field : std::initializer_list<QWidget *> {m_province, m_city, m_name, m_head,
             m_address, m_postalCode, m_phones, m_email, m_establishedOn}) {
        auto *label = new QLabel(this);
        label->setBuddy(field);
        m_form->addRow(label, field);
    }
    m_form->addRow(QString(), m_active);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    m_save->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &BranchDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &BranchDialog::reject);
    retranslate();
    setMinimumWidth(520);
}

void BranchDialog::fillProvinces()
{
    const QString current = m_province->currentData().toString();
    m_province->clear();
    const QLocale locale = this->locale();
    for (const text::Province &province : provincesInDisplayOrder(locale)) {
        m_province->addItem(
            isPersian(locale) ? province.persianName : province.englishName, province.code);
    }
    m_province->setCurrentIndex(m_province->findData(current));
}

void BranchDialog::setBranch(const members::Branch &branch)
{
    m_branch = branch;
    m_province->setCurrentIndex(m_province->findData(branch.province));
    m_city->setText(branch.city);
    m_name->setText(branch.name);
    m_head->setText(branch.head);
    m_address->setText(branch.address);
    m_postalCode->setText(branch.postalCode.isEmpty()
            ? QString()
            : text::displayPostalCode(branch.postalCode, isPersian(locale())));
    m_phones->setText(isPersian(locale()) ? text::toPersianDigits(branch.phones) : branch.phones);
    m_email->setText(branch.email);
    m_establishedOn->setDate(branch.establishedOn);
    m_active->setChecked(branch.active);
    retranslate();
}

void BranchDialog::retranslate()
{
    setWindowTitle(m_branch.id ? tr("Branch %1").arg(m_branch.name) : tr("New branch"));
    m_province->setPlaceholderText(tr("Choose a province"));
    m_city->setPlaceholderText(tr("The city the office is in"));
    m_name->setPlaceholderText(tr("e.g. Tabriz branch"));
    m_postalCode->setPlaceholderText(tr("13145-67890"));
    m_phones->setPlaceholderText(tr("021 8888 0000, 021 8888 0001"));
    setRowLabel(m_form, m_province, tr("&Province:"));
    setRowLabel(m_form, m_city, tr("&City:"));
    setRowLabel(m_form, m_name, tr("&Name:"));
    setRowLabel(m_form, m_head, tr("&Head:"));
    setRowLabel(m_form, m_address, tr("&Address:"));
    setRowLabel(m_form, m_postalCode, tr("P&ostal code:"));
    setRowLabel(m_form, m_phones, tr("P&hones:"));
    setRowLabel(m_form, m_email, tr("&Email:"));
    setRowLabel(m_form, m_establishedOn, tr("Es&tablished on:"));
    m_active->setText(tr("The branch is open"));
    m_save->setText(tr("&Save"));
    m_cancel->setText(tr("Cancel"));
}

void BranchDialog::accept()
{
    members::Branch branch = m_branch;
    branch.province = m_province->currentData().toString();
    branch.city = m_city->text();
    branch.name = m_name->text();
    branch.head = m_head->text();
    branch.address = m_address->text().trimmed();
    branch.postalCode = m_postalCode->text();
    branch.phones = m_phones->text();
    branch.email = m_email->text().trimmed();
    branch.establishedOn = m_establishedOn->date();
    branch.active = m_active->isChecked();
    if (branch.province.isEmpty()) {
        showMessage(tr("Choose the province of the branch."));
        m_province->setFocus();
        return;
    }
    if (!m_establishedOn->hasAcceptableInput()) {
        showMessage(m_establishedOn->errorText());
        m_establishedOn->setFocus();
        return;
    }
    const auto saved = branch.id ? m_service.update(m_session.user.actor(), branch)
                                 : m_service.create(m_session.user.actor(), branch);
    if (!saved) {
        showMessage(saved.errorMessage());
        return;
    }
    m_branch = *saved;
    QDialog::accept();
}

void BranchDialog::showMessage(const QString &message)
{
    m_message->setText(Language::inUiDirection(message));
    m_message->show();
}

void BranchDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::LocaleChange) {
        fillProvinces();
    }
    QDialog::changeEvent(event);
}

} // namespace daftar::ui
