// Two records of one member side by side, one row per field, with the value to
// keep chosen per row. The first record is the one kept; choosing the second's
// value in a row takes that field from it when the two are merged.
#pragma once

#include "members/Member.h"

#include <QAbstractTableModel>
#include <QHash>

namespace daftar::ui {

class MergeChoiceModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Field, FirstValue, SecondValue, ColumnCount };

    explicit MergeChoiceModel(QObject *parent = nullptr);

    // `branchNames` names the branches the records may point to.
    void setMembers(const members::Member &first, const members::Member &second,
        QHash<qint64, QString> branchNames);
    void clear();
    // Values follow the locale's digits; field names and headers are translated.
    void retranslate();

    bool isEmpty() const { return m_fields.isEmpty(); }
    int rowOf(const QString &field) const { return int(m_fields.indexOf(field)); }
    QString fieldAt(int row) const { return m_fields.value(row); }
    bool valuesDiffer(int row) const;

    // Picks the value of `column` (FirstValue or SecondValue) in `row`; false when
    // there is nothing to choose there.
    bool choose(int row, int column);
    bool secondChosen(int row) const { return m_takeSecond.value(row); }
    // The fields whose value comes from the second record, as MemberService::merge takes them.
    QStringList fieldsFromSecond() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString display(const members::Member &member, const QString &field) const;

    members::Member m_first;
    members::Member m_second;
    QHash<qint64, QString> m_branchNames;
    QStringList m_fields;
    QList<bool> m_takeSecond;
};

} // namespace daftar::ui
