#include "ImportPreviewModel.h"

#include "MemberFieldNames.h"

#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace daftar::ui {

ImportPreviewModel::ImportPreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ImportPreviewModel::setPreview(members::ColumnMapping mapping, QList<QStringList> rows)
{
    beginResetModel();
    m_mapping = std::move(mapping);
    m_rows = std::move(rows);
    endResetModel();
}

void ImportPreviewModel::clear()
{
    setPreview({}, {});
}

void ImportPreviewModel::retranslate()
{
    if (columnCount() > 0) {
        emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    }
}

QString ImportPreviewModel::fieldOf(int column) const
{
    return m_mapping.fields.value(column);
}

int ImportPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImportPreviewModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid()) {
        return 0;
    }
    // A row may hold more cells than the header names.
    qsizetype columns = m_mapping.headers.size();
    for (const QStringList &row : m_rows) {
        columns = qMax(columns, row.size());
    }
    return int(columns);
}

QVariant ImportPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return m_rows.at(index.row()).value(index.column());
    case Qt::ForegroundRole:
        if (fieldOf(index.column()).isEmpty()) {
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        }
        return {};
    }
    return {};
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return {};
    }
    const QString field = fieldOf(section);
    switch (role) {
    case Qt::DisplayRole: {
        const QString heading = m_mapping.headers.value(section).trimmed();
        const QString use = field.isEmpty()
            ? tr("not used")
            //: The member field a column of the file feeds. Headers lose the direction of a
            //: leading arrow in Persian, so start with a word there, e.g. «فیلد: %1».
            : tr("→ %1").arg(memberFieldName(field));
        return heading + u'\n' + use;
    }
    case Qt::ForegroundRole:
        if (field.isEmpty()) {
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        }
        return {};
    case Qt::ToolTipRole:
        return field.isEmpty()
            ? tr("No member field has this heading, so the column is not imported.")
            : tr("This column is imported as “%1”.").arg(memberFieldName(field));
    }
    return {};
}

} // namespace daftar::ui
