#include "AccountDialog.h"

#include "LanguageSwitch.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

AccountDialog::AccountDialog(accounts::AccountService &accounts, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_title(new QLabel(this))
    , m_intro(new QLabel(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_title->setObjectName(u"dialogTitle"_s);
    m_message->setObjectName(u"message"_s);
    m_intro->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(u"color: #b00020;"_s);
    m_message->hide();
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void AccountDialog::setUpLayout(QFormLayout *form, QWidget *footer)
{
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
    if (footer) {
        layout->addWidget(footer);
    }
    layout->addWidget(m_buttons);
}

void AccountDialog::setTexts(const QString &title, const QString &introduction,
    const QString &okText, const QString &cancelText)
{
    setWindowTitle(title);
    m_title->setText(u"<h2>%1</h2>"_s.arg(title.toHtmlEscaped()));
    m_intro->setText(introduction);
    m_buttons->button(QDialogButtonBox::Ok)->setText(okText);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(cancelText);
}

void AccountDialog::showProblem(const QString &problem, QWidget *field)
{
    m_message->setText(problem);
    m_message->show();
    field->setFocus();
}

void AccountDialog::acceptAs(const accounts::User &user)
{
    m_user = user;
    QDialog::accept();
}

void AccountDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QDialog::changeEvent(event);
}

} // namespace daftar::ui
