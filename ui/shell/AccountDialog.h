// The frame the login and first-run dialogs share: a title beside the language
// switch, an introduction, the dialog's own form, a line for what went wrong,
// and the buttons. Subclasses fill the form and say what OK does.
#pragma once

#include "accounts/AccountService.h"

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;

namespace daftar::ui {

class AccountDialog : public QDialog
{
    Q_OBJECT

public:
    // The user who logged in or was created, once the dialog was accepted.
    const accounts::User &user() const { return m_user; }

protected:
    AccountDialog(accounts::AccountService &accounts, QWidget *parent);

    // Lays out the frame around `form`; `footer` (optional) goes above the buttons.
    void setUpLayout(QFormLayout *form, QWidget *footer = nullptr);
    void setTexts(const QString &title, const QString &introduction, const QString &okText,
        const QString &cancelText);
    void showProblem(const QString &problem, QWidget *field);
    void acceptAs(const accounts::User &user);

    virtual void retranslate() = 0;
    void changeEvent(QEvent *event) override;

    accounts::AccountService &m_accounts;

private:
    accounts::User m_user;
    QLabel *m_title;
    QLabel *m_intro;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace daftar::ui
