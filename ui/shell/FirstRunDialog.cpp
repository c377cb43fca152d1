#include "FirstRunDialog.h"

#include "text/PersianText.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace daftar::ui {

FirstRunDialog::FirstRunDialog(
    accounts::AccountService &accounts, const QString &databaseName, QWidget *parent)
    : AccountDialog(accounts, parent)
    , m_databaseName(databaseName)
    , m_nameLabel(new QLabel(this))
    , m_usernameLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_repeatLabel(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
{
    setObjectName(u"firstRunDialog"_s);
    m_name->setObjectName(u"fullName"_s);
    m_username->setObjectName(u"username"_s);
    m_password->setObjectName(u"password"_s);
    m_repeat->setObjectName(u"repeatPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    // User names are typed in Latin letters far more often; keep them left-to-right.
    m_username->setLayoutDirection(Qt::LeftToRight);
    m_nameLabel->setBuddy(m_name);
    m_usernameLabel->setBuddy(m_username);
    m_passwordLabel->setBuddy(m_password);
    m_repeatLabel->setBuddy(m_repeat);

    auto *form = new QFormLayout;
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_usernameLabel, m_username);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_repeatLabel, m_repeat);
    setUpLayout(form);
    setMinimumWidth(480);
    retranslate();
}

void FirstRunDialog::retranslate()
{
    setTexts(tr("Welcome to Daftar"),
        tr("This is a new database (%1). Create the administrator's account: the "
           "administrator adds the other users and chooses their roles.")
            .arg(text::isolateLeftToRight(m_databaseName)),
        tr("Create account"), tr("Quit"));
    m_nameLabel->setText(tr("&Full name:"));
    m_usernameLabel->setText(tr("&User name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_repeatLabel->setText(tr("&Repeat password:"));
    m_password->setPlaceholderText(
        tr("At least %n characters", nullptr, accounts::AccountService::minimumPasswordLength));
}

void FirstRunDialog::accept()
{
    if (m_name->text().trimmed().isEmpty()) {
        return showProblem(tr("Enter the administrator's full name."), m_name);
    }
    if (m_username->text().trimmed().isEmpty()) {
        return showProblem(tr("Choose a user name for logging in."), m_username);
    }
    if (m_password->text() != m_repeat->text()) {
        m_repeat->clear();
        return showProblem(tr("The two passwords differ. Type the password again."), m_repeat);
    }
    const auto created = m_accounts.createFirstAdministrator(
        m_username->text(), m_name->text(), m_password->text());
    if (!created) {
        return showProblem(created.errorMessage(), m_password);
    }
    acceptAs(*created);
}

} // namespace daftar::ui
