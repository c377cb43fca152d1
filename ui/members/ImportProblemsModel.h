// The rows an import could not take, one problem per line: where it is in the
// spreadsheet, what was written there and what to do about it.
#pragma once

#include "members/MemberImport.h"

#include <QAbstractTableModel>

namespace daftar::ui {

class ImportProblemsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Row, FileColumn, Value, Message, ColumnCount };

    explicit ImportProblemsModel(QObject *parent = nullptr);

    void setProblems(QList<members::ImportProblem> problems);
    // Row numbers follow the locale's digits; headers are translated.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<members::ImportProblem> m_problems;
};

} // namespace daftar::ui
