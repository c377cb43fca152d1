// The first rows of a file about to be imported, exactly as they will be read. The
// columns are the file's own, so there is no fixed Column enum: each column's
// header names the file's heading and, under it, the member field it feeds, or
// "not used" in grey.
#pragma once

#include "members/MemberImport.h"

#include <QAbstractTableModel>

namespace daftar::ui {

class ImportPreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit ImportPreviewModel(QObject *parent = nullptr);

    void setPreview(members::ColumnMapping mapping, QList<QStringList> rows);
    void clear();
    // Field names are translated.
    void retranslate();

    // The member field the column feeds; empty when unused.
    QString fieldOf(int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    members::ColumnMapping m_mapping;
    QList<QStringList> m_rows;
};

} // namespace daftar::ui
