// The login dialog shown on every start once the database has accounts.
#pragma once

#include "AccountDialog.h"

class QLabel;
class QLineEdit;

namespace daftar::ui {

class LoginDialog : public AccountDialog
{
    Q_OBJECT

public:
    LoginDialog(
        accounts::AccountService &accounts, const QString &databaseName, QWidget *parent = nullptr);

    void accept() override;

private:
    void retranslate() override;

    QString m_databaseName;
    QLabel *m_usernameLabel;
    QLabel *m_passwordLabel;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLabel *m_database;
};

} // namespace daftar::ui
