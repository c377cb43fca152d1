// The pairs of members that may be one and the same, with the reason each pair
// was found, for the list of the duplicates dialog.
#pragma once

#include "members/MemberService.h"

#include <QAbstractTableModel>

namespace daftar::ui {

class DuplicatePairsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FirstMember, SecondMember, Province, Reason, ColumnCount };

    explicit DuplicatePairsModel(QObject *parent = nullptr);

    void setPairs(QList<members::DuplicatePair> pairs);
    const QList<members::DuplicatePair> &pairs() const { return m_pairs; }
    // Digits and province names follow the locale; headers and reasons are translated.
    void retranslate();

    static QString reasonText(const QString &reason);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<members::DuplicatePair> m_pairs;
};

} // namespace daftar::ui
