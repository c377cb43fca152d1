// The members of one branch, below the branches table: the first few hundred are
// enough to see who belongs there; the member bank lists any number.
#pragma once

#include "members/MemberService.h"

#include <QAbstractTableModel>

namespace daftar::ui {

class BranchMembersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { MembershipNo, Name, NationalId, City, Mobile, Status, ColumnCount };

    static constexpr int rowsShown = 200;

    BranchMembersModel(
        members::MemberService &service, accounts::Actor actor, QObject *parent = nullptr);

    // Reads the branch's members again; no branch empties the table.
    void setBranch(std::optional<qint64> branchId);
    void refresh() { setBranch(m_branchId); }

    // Every member of the branch, of which the first rowsShown are listed.
    qint64 total() const { return m_total; }
    // Why the members could not be read (the core refused); empty when they could.
    QString errorMessage() const { return m_error; }
    // Digits are shown in the locale's script; headers are translated.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    members::MemberService &m_service;
    accounts::Actor m_actor;
    std::optional<qint64> m_branchId;
    QList<members::Member> m_members;
    qint64 m_total = 0;
    QString m_error;
};

} // namespace daftar::ui
