// The accounts table on the settings page.
#pragma once

#include "accounts/AccountService.h"

#include <QAbstractTableModel>

namespace daftar::ui {

class UsersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Username, Name, Role, Province, LastLogin, ColumnCount };

    explicit UsersModel(QObject *parent = nullptr);

    void setUsers(QList<accounts::User> users);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<accounts::User> m_users;
};

} // namespace daftar::ui
