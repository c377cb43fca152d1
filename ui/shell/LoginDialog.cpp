#include "LoginDialog.h"

#include "text/PersianText.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace daftar::ui {

LoginDialog::LoginDialog(
    accounts::AccountService &accounts, const QString &databaseName, QWidget *parent)
    : AccountDialog(accounts, parent)
    , m_databaseName(databaseName)
    , m_usernameLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_database(new QLabel(this))
{
    setObjectName(u"loginDialog"_s);
    m_username->setObjectName(u"username"_s);
    m_password->setObjectName(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_database->setObjectName(u"databaseName"_s);
    m_database->setWordWrap(true);
    m_database->setStyleSheet(u"color: palette(placeholder-text);"_s);
    m_usernameLabel->setBuddy(m_username);
    m_passwordLabel->setBuddy(m_password);

    auto *form = new QFormLayout;
    form->addRow(m_usernameLabel, m_username);
    form->addRow(m_passwordLabel, m_password);
    setUpLayout(form, m_database);
    setMinimumWidth(420);
    retranslate();
}

void LoginDialog::retranslate()
{
    setTexts(tr("Log in to Daftar"),
        tr("Welcome. Log in with the account your administrator gave you."), tr("Log in"),
        tr("Quit"));
    m_usernameLabel->setText(tr("&User name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_database->setText(tr("Database: %1").arg(text::isolateLeftToRight(m_databaseName)));
}

void LoginDialog::accept()
{
    if (m_username->text().trimmed().isEmpty()) {
        return showProblem(tr("Enter your user name."), m_username);
    }
    const auto user = m_accounts.logIn(m_username->text(), m_password->text());
    if (!user) {
        m_password->clear();
        return showProblem(user.errorMessage(), m_password);
    }
    acceptAs(*user);
}

} // namespace daftar::ui
