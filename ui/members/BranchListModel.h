// The provincial branches as the branches section lists them, with the member
// counts the core derives from the member bank.
#pragma once

#include "members/BranchService.h"

#include <QAbstractTableModel>

#include <optional>

namespace daftar::ui {

class BranchListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Province, City, Name, Head, Phones, Members, ActiveMembers, ColumnCount };

    explicit BranchListModel(QObject *parent = nullptr);

    void setBranches(QList<members::Branch> branches);
    const QList<members::Branch> &branches() const { return m_branches; }
    std::optional<members::Branch> branchAt(int row) const;
    int rowOf(qint64 branchId) const;
    // Digits and province names follow the locale; headers are translated.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<members::Branch> m_branches;
};

} // namespace daftar::ui
