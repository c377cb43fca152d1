// The login dialog shown on every start once the database has accounts.
#pragma once

#include "accounts/AccountService.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace daftar::ui {

class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    LoginDialog(
        accounts::AccountService &accounts, const QString &databaseName, QWidget *parent = nullptr);

    // The user who logged in, once the dialog was accepted.
    const accounts::User &user() const { return m_user; }

    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    accounts::AccountService &m_accounts;
    QString m_databaseName;
    accounts::User m_user;
    QLabel *m_title;
    QLabel *m_intro;
    QLabel *m_usernameLabel;
    QLabel *m_passwordLabel;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLabel *m_message;
    QLabel *m_database;
    QDialogButtonBox *m_buttons;
};

} // namespace daftar::ui
