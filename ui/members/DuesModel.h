// A member's dues, one row per Jalali year, newest first (the Dues tab of the member form).
#pragma once

#include "members/MemberService.h"

#include <QAbstractTableModel>

namespace daftar::ui {

class DuesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Year, Amount, Receipt, PaidOn, ColumnCount };

    explicit DuesModel(QObject *parent = nullptr);

    void setDues(QList<members::Dues> dues);
    const QList<members::Dues> &dues() const { return m_dues; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<members::Dues> m_dues;
};

} // namespace daftar::ui
