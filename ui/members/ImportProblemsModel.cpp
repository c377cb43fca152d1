#include "ImportProblemsModel.h"

#include <QLocale>

namespace daftar::ui {

ImportProblemsModel::ImportProblemsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ImportProblemsModel::setProblems(QList<members::ImportProblem> problems)
{
    beginResetModel();
    m_problems = std::move(problems);
    endResetModel();
}

void ImportProblemsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
    }
}

int ImportProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_problems.size());
}

int ImportProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    const members::ImportProblem &problem = m_problems.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == Message) {
        return problem.message;
    }
    if (role == Qt::TextAlignmentRole && index.column() == Row) {
        return QVariant::fromValue(Qt::AlignTrailing | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case Row:
        // Row 0 is a problem of the whole import, such as a failure that stopped it.
        return problem.row > 0 ? QLocale().toString(problem.row) : QString();
    case FileColumn:
        return problem.column;
    case Value:
        return problem.value;
    case Message:
        return problem.message;
    }
    return {};
}

QVariant ImportProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Row:
        return tr("Row");
    case FileColumn:
        return tr("Column");
    case Value:
        return tr("Value");
    case Message:
        return tr("Problem");
    }
    return {};
}

} // namespace daftar::ui
