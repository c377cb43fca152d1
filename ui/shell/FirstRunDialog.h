// First start on an empty database: creates the administrator's account.
#pragma once

#include "AccountDialog.h"

class QLabel;
class QLineEdit;

namespace daftar::ui {

class FirstRunDialog : public AccountDialog
{
    Q_OBJECT

public:
    FirstRunDialog(
        accounts::AccountService &accounts, const QString &databaseName, QWidget *parent = nullptr);

    void accept() override;

private:
    void retranslate() override;

    QString m_databaseName;
    QLabel *m_nameLabel;
    QLabel *m_usernameLabel;
    QLabel *m_passwordLabel;
    QLabel *m_repeatLabel;
    QLineEdit *m_name;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
};

} // namespace daftar::ui
