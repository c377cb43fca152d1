#include "AddUserDialog.h"

#include "text/Provinces.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

AddUserDialog::AddUserDialog(
    accounts::AccountService &accounts, const accounts::Actor &actor, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_actor(actor)
    , m_form(new QFormLayout)
    , m_name(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_province(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"addUserDialog"_s);
    setWindowTitle(tr("Add a user"));
    m_name->setObjectName(u"fullName"_s);
    m_username->setObjectName(u"username"_s);
    m_role->setObjectName(u"role"_s);
    m_province->setObjectName(u"province"_s);
    m_password->setObjectName(u"password"_s);
    m_repeat->setObjectName(u"repeatPassword"_s);
    m_message->setObjectName(u"message"_s);
    m_username->setLayoutDirection(Qt::LeftToRight);
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(
        tr("At least %n characters", nullptr, accounts::AccountService::minimumPasswordLength));
    for (accounts::Role role : accounts::allRoles()) {
        m_role->addItem(accounts::roleDisplayName(role), accounts::roleId(role));
    }
    m_role->setCurrentIndex(m_role->findData(accounts::roleId(accounts::Role::Viewer)));
    const bool persian = locale().language() == QLocale::Persian;
    for (const text::Province &province : text::allProvinces()) {
        m_province->addItem(persian ? province.persianName : province.englishName, province.code);
    }
    m_message->setWordWrap(true);
    m_message->setStyleSheet(u"color: #b00020;"_s);
    m_message->hide();

    m_form->addRow(tr("&Full name:"), m_name);
    m_form->addRow(tr("&User name:"), m_username);
    m_form->addRow(tr("&Role:"), m_role);
    m_form->addRow(tr("Pro&vince:"), m_province);
    m_form->addRow(tr("&Password:"), m_password);
    m_form->addRow(tr("R&epeat password:"), m_repeat);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add user"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddUserDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddUserDialog::reject);
    connect(m_role, &QComboBox::currentIndexChanged, this, &AddUserDialog::updateProvinceField);
    updateProvinceField();
    setMinimumWidth(440);
}

void AddUserDialog::updateProvinceField()
{
    const auto role = accounts::roleFromId(m_role->currentData().toString());
    // Only a branch officer's rights stop at a province.
    m_form->setRowVisible(m_province, role && accounts::roleIsProvinceScoped(*role));
}

void AddUserDialog::accept()
{
    if (m_password->text() != m_repeat->text()) {
        m_message->setText(tr("The two passwords differ. Type the password again."));
        m_message->show();
        m_repeat->clear();
        m_repeat->setFocus();
        return;
    }
    const auto role = accounts::roleFromId(m_role->currentData().toString());
    accounts::NewUser user {m_username->text(), m_name->text(),
        role.value_or(accounts::Role::Viewer), m_province->currentData().toString(),
        m_password->text()};
    const auto created = m_accounts.addUser(m_actor, user);
    if (!created) {
        m_message->setText(created.errorMessage());
        m_message->show();
        return;
    }
    QDialog::accept();
}

} // namespace daftar::ui
