#include "UsersModel.h"

#include "text/Jalali.h"
#include "text/Provinces.h"

#include <QLocale>

namespace daftar::ui {

UsersModel::UsersModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void UsersModel::setUsers(QList<accounts::User> users)
{
    beginResetModel();
    m_users = std::move(users);
    endResetModel();
}

int UsersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int UsersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || role != Qt::DisplayRole) {
        return {};
    }
    const accounts::User &user = m_users.at(index.row());
    const QLocale locale;
    switch (index.column()) {
    case Username:
        return user.username;
    case Name:
        return user.displayName;
    case Role:
        return accounts::roleDisplayName(user.role);
    case Province: {
        const auto province = text::provinceByCode(user.province);
        if (!province) {
            return QString();
        }
        return locale.language() == QLocale::Persian ? province->persianName
                                                     : province->englishName;
    }
    case LastLogin:
        if (!user.lastLoginAt.isValid()) {
            return tr("never");
        }
        return text::formatJalali(
                   user.lastLoginAt.toLocalTime().date(), locale, text::DateStyle::Numeric)
            + u' ' + locale.toString(user.lastLoginAt.toLocalTime().time(), u"HH:mm");
    }
    return {};
}

QVariant UsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Username:
        return tr("User name");
    case Name:
        return tr("Full name");
    case Role:
        return tr("Role");
    case Province:
        return tr("Province");
    case LastLogin:
        return tr("Last login");
    }
    return {};
}

} // namespace daftar::ui
