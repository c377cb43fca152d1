// Reading the rows of a member spreadsheet, whether the office sent CSV or XLSX,
// through one interface so that the importer does not care which.
#pragma once

#include "TextDecoding.h"
#include "core/Result.h"

#include <QChar>
#include <QString>
#include <QStringList>

#include <functional>

namespace daftar::importing {

struct TableInfo
{
    QString format; // "csv" or "xlsx"
    Encoding encoding = Encoding::Utf8; // XLSX: always UTF-8
    bool hadBom = false;
    QChar delimiter; // CSV only
    QString sheetName; // XLSX only: the sheet that was read
    qint64 rows = 0; // rows passed to the handler, the header included
    bool cancelled = false; // the handler returned false
    // Some bytes were not valid in the encoding and became U+FFFD: worth telling
    // the user to try another encoding.
    bool decodingErrors = false;
};

// Receives the rows in order, the header first. rowNumber is the row as Excel
// shows it, which the import report cites (the header is usually row 1). Rows
// with no text at all are not passed but keep their number; a quoted CSV cell
// spanning several lines is still one row. Cells come as written, untrimmed, as
// many as the row has. Return false to stop reading. Damage to a file may only
// show at its end, so when readTable fails, discard the rows already passed.
using RowHandler = std::function<bool(qint64 rowNumber, const QStringList &cells)>;

// Reads the table in `path`: .csv, .tsv and .txt as CSV, .xlsx and .xlsm as the
// first visible worksheet of the workbook; other names by their content. CSV is
// read in chunks, so a file of a million rows needs little memory. `encoding`
// applies to CSV only; Auto detects it.
Result<TableInfo> readTable(const QString &path, Encoding encoding, const RowHandler &onRow);

} // namespace daftar::importing
