// Adds an account: name, user name, role (and province for branch officers), password.
#pragma once

#include "accounts/AccountService.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace daftar::ui {

class AddUserDialog : public QDialog
{
    Q_OBJECT

public:
    AddUserDialog(accounts::AccountService &accounts, const accounts::Actor &actor,
        QWidget *parent = nullptr);

    void accept() override;

private:
    void updateProvinceField();

    accounts::AccountService &m_accounts;
    accounts::Actor m_actor;
    QFormLayout *m_form;
    QLineEdit *m_name;
    QLineEdit *m_username;
    QComboBox *m_role;
    QComboBox *m_province;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace daftar::ui
