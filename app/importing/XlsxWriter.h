// Writing a table as an Excel workbook: exports of the member list, import
// reports with the rejected rows, and sample files for the offices to fill in.
#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace daftar::importing {

// Called for each row after the header; fills `row` (it arrives empty) and
// returns true, or returns false when there are no more rows.
using NextRow = std::function<bool(QStringList &row)>;

// Writes one worksheet named `sheetName`: the header row in bold and frozen,
// then the rows nextRow gives. Every cell is text, never a number, so national
// codes keep their leading zeros. Rows go to disk as they come (libxlsxwriter's
// constant-memory mode), so exports of any length fit in memory. The file at
// `path` is replaced only once the new workbook is complete.
Status writeXlsx(const QString &path, const QStringList &header, const NextRow &nextRow,
    const QString &sheetName, bool rightToLeft);

} // namespace daftar::importing
