// Importing the member spreadsheets provinces send (CSV in any of the encodings
// Excel writes, or XLSX): every row goes in whole or is reported with its row
// number, column, value and reason. Rows already in the bank are recognised,
// so an import cancelled or cut off by a crash can simply be run again.
#pragma once

#include "Member.h"
#include "accounts/Actor.h"
#include "core/Result.h"
#include "importing/TableReader.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace daftar::storage {
class Database;
}

namespace daftar::members {

// Which member field each column of the file feeds.
struct ColumnMapping
{
    QStringList headers; // as written in the file
    QStringList fields; // canonical field per column ("national_id"…), empty when unused
    QStringList unknownHeaders; // headers that feed nothing (shown in the preview)

    int columnOf(const QString &field) const { return int(fields.indexOf(field)); }
};

// Maps Persian or English headers, whatever their spacing, ZWNJ or letter variants.
ColumnMapping mapHeaders(const QStringList &headers);

// The canonical field names, in the order of the export.
QStringList memberFields();

struct ImportProblem
{
    qint64 row = 0; // as the spreadsheet numbers it (header = 1)
    QString column; // the header as written in the file
    QString value;
    QString code; // stable word, e.g. invalid_national_id, duplicate, unknown_province
    QString message;
};

struct ImportOptions
{
    importing::Encoding encoding = importing::Encoding::Auto;
    bool dryRun = false; // check everything, write nothing
    // Called after each batch with the data rows read so far; return false to stop.
    std::function<bool(qint64 rowsRead)> progress;
    // Called once before staged rows (see MemberImport::Tuning) are written in
    // one transaction: no progress and no Cancel until it ends (a minute or
    // so for a million rows).
    std::function<void(qint64 rows)> writing;
};

struct ImportReport
{
    importing::TableInfo table;
    ColumnMapping mapping;
    qint64 dataRows = 0;
    qint64 imported = 0; // new members written (or that would be, in a dry run)
    qint64 alreadyPresent = 0; // same kind and national ID already in the bank
    qint64 rejected = 0; // rows with at least one problem
    bool cancelled = false;
    QList<ImportProblem> problems;

    // daftar-cli's exit code: 0 all rows in, 3 some rejected (or cancelled), 1 none possible.
    int exitCode() const;
    // row, column, value, code, message — UTF-8 with a BOM so that Excel opens it right.
    Status saveCsv(const QString &path) const;
};

// The first rows of a file as they would be read, for the preview dialog.
struct ImportPreview
{
    importing::TableInfo table;
    ColumnMapping mapping;
    QList<QStringList> rows;
};

class MemberImport
{
public:
    // Progress is reported, and Cancel honoured, every batchSize rows read. Rows
    // are committed in batches: the first of batchSize rows, each next one twice
    // as large up to 4 × batchSize. Cancel commits the rows read before it.
    static constexpr int batchSize = 10000;
    // Once an import has this many rows and at least as many as the bank held
    // before it (or its first batch shows that it will), the rest are staged
    // and written at the end in one transaction (MemberService::stage()); on
    // SQLite the bank's indexes are built once. Cancel then still writes the
    // rows read before it. Tests lower it.
    struct Tuning
    {
        qint64 stageFromRows = 50000;
    };
    static Tuning &tuning();

    explicit MemberImport(storage::Database &db);

    Result<ImportPreview> preview(const QString &path, importing::Encoding encoding, int rows = 20);

    // Fails (nothing written) when the file cannot be read or lacks a required
    // column; otherwise imports what it can and reports the rest.
    Result<ImportReport> run(
        const accounts::Actor &actor, const QString &path, const ImportOptions &options);

private:
    storage::Database &m_db;
};

} // namespace daftar::members
