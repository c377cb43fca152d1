#include "FirstRunDialog.h"

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

FirstRunDialog::FirstRunDialog(
    accounts::AccountService &accounts, const QString &databaseName, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_databaseName(databaseName)
    , m_title(new QLabel(this))
    , m_intro(new QLabel(this))
    , m_nameLabel(new QLabel(this))
    , m_usernameLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_repeatLabel(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"firstRunDialog"_s);
    m_name->setObjectName(u"fullName"_s);
    m_username->setObjectName(u"username"_s);
    m_password->setObjectName(u"password"_s);
    m_repeat->setObjectName(u"repeatPassword"_s);
    m_message->setObjectName(u"message"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    // User names are typed in Latin letters far more often; keep them left-to-right.
    m_username->setLayoutDirection(Qt::LeftToRight);
    m_intro->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(u"color: #b00020;"_s);
    m_message->hide();
    m_nameLabel->setBuddy(m_name);
    m_usernameLabel->setBuddy(m_username);
    m_passwordLabel->setBuddy(m_password);
    m_repeatLabel->setBuddy(m_repeat);

    auto *form = new QFormLayout;
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_usernameLabel, m_username);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_repeatLabel, m_repeat);

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
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &FirstRunDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &FirstRunDialog::reject);
    setMinimumWidth(480);
    retranslate();
}

void FirstRunDialog::retranslate()
{
    setWindowTitle(tr("Welcome to Daftar"));
    m_title->setText(u"<h2>%1</h2>"_s.arg(tr("Welcome to Daftar").toHtmlEscaped()));
    m_intro->setText(tr("This is a new database (%1). Create the administrator's account: "
                        "the administrator adds the other users and chooses their roles.")
                         .arg(text::isolateLeftToRight(m_databaseName)));
    m_nameLabel->setText(tr("&Full name:"));
    m_usernameLabel->setText(tr("&User name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_repeatLabel->setText(tr("&Repeat password:"));
    m_password->setPlaceholderText(
        tr("At least %n characters", nullptr, accounts::AccountService::minimumPasswordLength));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create account"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Quit"));
}

void FirstRunDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QDialog::changeEvent(event);
}

void FirstRunDialog::showProblem(const QString &problem, QWidget *field)
{
    m_message->setText(problem);
    m_message->show();
    field->setFocus();
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
    m_user = *created;
    QDialog::accept();
}

} // namespace daftar::ui
