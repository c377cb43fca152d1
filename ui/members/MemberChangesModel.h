// A member's audit trail, newest first (the Changes tab of the member form): who
// changed the member, when, and which fields their change touched.
#pragma once

#include "storage/AuditLog.h"

#include <QAbstractTableModel>

namespace daftar::ui {

class MemberChangesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { When, Who, Action, Changes, ColumnCount };

    explicit MemberChangesModel(QObject *parent = nullptr);

    void setEntries(QList<storage::AuditEntry> entries);

    // The name a user reads for a field of the audit record ("city" → "City").
    static QString fieldName(const QString &key);
    // The keys whose value differs before and after the change, in a stable order.
    static QStringList changedKeys(const storage::AuditEntry &entry);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString actionName(const QString &action) const;
    QString valueText(const QString &key, const QJsonValue &value) const;
    QString changesText(const storage::AuditEntry &entry) const;
    QString changesDetail(const storage::AuditEntry &entry) const;

    QList<storage::AuditEntry> m_entries;
};

} // namespace daftar::ui
