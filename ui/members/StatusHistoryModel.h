// A member's status changes, newest first (the Status history tab of the member form).
#pragma once

#include "members/MemberService.h"

#include <QAbstractTableModel>

namespace daftar::ui {

class StatusHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Status, ChangedOn, Reason, ColumnCount };

    explicit StatusHistoryModel(QObject *parent = nullptr);

    void setHistory(QList<members::StatusChange> history);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<members::StatusChange> m_history;
};

} // namespace daftar::ui
