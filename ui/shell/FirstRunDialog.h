// First start on an empty database: creates the administrator's account.
#pragma once

#include "accounts/AccountService.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace daftar::ui {

class FirstRunDialog : public QDialog
{
    Q_OBJECT

public:
    FirstRunDialog(
        accounts::AccountService &accounts, const QString &databaseName, QWidget *parent = nullptr);

    const accounts::User &user() const { return m_user; }

    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showProblem(const QString &problem, QWidget *field);

    accounts::AccountService &m_accounts;
    QString m_databaseName;
    accounts::User m_user;
    QLabel *m_title;
    QLabel *m_intro;
    QLabel *m_nameLabel;
    QLabel *m_usernameLabel;
    QLabel *m_passwordLabel;
    QLabel *m_repeatLabel;
    QLineEdit *m_name;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace daftar::ui
