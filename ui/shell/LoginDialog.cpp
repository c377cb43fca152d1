#include "LoginDialog.h"

#include "LanguageSwitch.h"
#include "text/PersianText.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

LoginDialog::LoginDialog(
    accounts::AccountService &accounts, const QString &databaseName, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_databaseName(databaseName)
    , m_title(new QLabel(this))
    , m_intro(new QLabel(this))
    , m_usernameLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_database(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"loginDialog"_s);
    m_username->setObjectName(u"username"_s);
    m_password->setObjectName(u"password"_s);
    m_message->setObjectName(u"message"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_title->setObjectName(u"dialogTitle"_s);
    m_intro->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(u"color: #b00020;"_s);
    m_message->hide();
    m_database->setObjectName(u"databaseName"_s);
    m_database->setWordWrap(true);
    m_database->setStyleSheet(u"color: palette(placeholder-text);"_s);
    m_usernameLabel->setBuddy(m_username);
    m_passwordLabel->setBuddy(m_password);

    auto *form = new QFormLayout;
    form->addRow(m_usernameLabel, m_username);
    form->addRow(m_passwordLabel, m_password);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(new LanguageSwitch(this), 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_intro);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch();
    layout->addWidget(m_database);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    setMinimumWidth(420);
    retranslate();
}

void LoginDialog::retranslate()
{
    setWindowTitle(tr("Log in to Daftar"));
    m_title->setText(u"<h2>%1</h2>"_s.arg(tr("Daftar").toHtmlEscaped()));
    m_intro->setText(tr("Welcome. Log in with the account your administrator gave you."));
    m_usernameLabel->setText(tr("&User name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_database->setText(tr("Database: %1").arg(text::isolateLeftToRight(m_databaseName)));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Log in"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Quit"));
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QDialog::changeEvent(event);
}

void LoginDialog::accept()
{
    if (m_username->text().trimmed().isEmpty()) {
        m_message->setText(tr("Enter your user name."));
        m_message->show();
        m_username->setFocus();
        return;
    }
    const auto user = m_accounts.logIn(m_username->text(), m_password->text());
    if (!user) {
        m_message->setText(user.errorMessage());
        m_message->show();
        m_password->clear();
        m_password->setFocus();
        return;
    }
    m_user = *user;
    QDialog::accept();
}

} // namespace daftar::ui
