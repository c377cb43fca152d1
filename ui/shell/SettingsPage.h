// Settings: the logged-in account, the database in use and, for administrators,
// the user accounts.
#pragma once

#include "Session.h"

#include <QWidget>

class QGroupBox;
class QLabel;
class QPushButton;
class QTableView;

namespace daftar::ui {

class UsersModel;

class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    explicit SettingsPage(Session &session, QWidget *parent = nullptr);

    void reloadUsers();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void addUser();

    Session &m_session;
    accounts::AccountService m_accounts;
    QLabel *m_title;
    QGroupBox *m_accountBox;
    QLabel *m_accountText;
    QGroupBox *m_databaseBox;
    QLabel *m_databaseText;
    QGroupBox *m_usersBox;
    QLabel *m_usersRefusal;
    QTableView *m_usersView;
    UsersModel *m_usersModel;
    QPushButton *m_addUser;
};

} // namespace daftar::ui
