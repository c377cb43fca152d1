#include "XlsxWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryFile>

#include <algorithm>
#include <vector>
#include <xlsxwriter.h>

using namespace Qt::StringLiterals;

namespace daftar::importing {

namespace {

// Translation context of this file's messages.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Importing)
};

constexpr int maxSheetNameLength = 31;
constexpr lxw_row_t maxRows = LXW_ROW_MAX;
constexpr qsizetype maxColumns = LXW_COL_MAX;

// Excel refuses sheet names with []:*?/\, longer than 31 characters, or
// starting or ending with an apostrophe.
QString validSheetName(const QString &name)
{
    QString valid;
    int length = 0;
    for (const char32_t c : name.toUcs4()) {
        if (length++ == maxSheetNameLength)
            break;
        const bool forbidden = c == U'[' || c == U']' || c == U':' || c == U'*' || c == U'?'
            || c == U'/' || c == U'\\' || c < 0x20;
        valid += forbidden ? u"_"_s : QString::fromUcs4(&c, 1);
    }
    while (valid.startsWith(u'\''))
        valid.remove(0, 1);
    while (valid.endsWith(u'\''))
        valid.chop(1);
    return valid.trimmed().isEmpty() ? u"Sheet1"_s : valid;
}

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// Excel reads _xHHHH_ in a cell as an escaped character, and libxlsxwriter
// escapes control characters that way but leaves text that merely looks like
// an escape alone; escaping its underscore as Excel does keeps it as typed.
QByteArray cellText(const QString &text)
{
    if (!text.contains(u"_x"))
        return text.toUtf8();
    QString escaped;
    escaped.reserve(text.size() + 12);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool looksEscaped = text[i] == u'_' && i + 6 < text.size() && text[i + 1] == u'x'
            && std::all_of(text.begin() + i + 2, text.begin() + i + 6, isHexDigit)
            && text[i + 6] == u'_';
        if (looksEscaped)
            escaped += u"_x005F"_s;
        escaped += text[i];
    }
    return escaped.toUtf8();
}

QByteArray nativePath(const QString &path)
{
#ifdef Q_OS_WIN
    // libxlsxwriter opens files with _wfopen after converting from UTF-8.
    return QDir::toNativeSeparators(path).toUtf8();
#else
    return QFile::encodeName(path);
#endif
}

// Frees a workbook that was never closed, without writing anything.
struct WorkbookGuard
{
    lxw_workbook *workbook = nullptr;
    ~WorkbookGuard()
    {
        if (workbook)
            lxw_workbook_free(workbook);
    }
};

} // namespace

Status writeXlsx(const QString &path, const QStringList &header, const NextRow &nextRow,
    const QString &sheetName, bool rightToLeft)
{
    const QString shownPath = QDir::toNativeSeparators(path);
    const auto cannotWrite = [&](const QString &reason) {
        return makeError(Error::Kind::Invalid,
            Text::tr("Cannot write %1: %2. Check that the folder exists and that you may "
                     "write there, and close the file if Excel has it open.")
                .arg(shownPath, reason));
    };

    // Written beside the target and renamed at the end, so that a failed export
    // leaves an earlier file of the same name as it was. (QTemporaryFile adds its
    // random suffix to the name.)
    QTemporaryFile partial(path);
    if (!partial.open())
        return cannotWrite(partial.errorString());
    partial.close();

    lxw_workbook_options options {};
    options.constant_memory = LXW_TRUE;
    WorkbookGuard guard {workbook_new_opt(nativePath(partial.fileName()).constData(), &options)};
    if (!guard.workbook)
        return cannotWrite(Text::tr("the workbook could not be created"));
    lxw_worksheet *sheet
        = workbook_add_worksheet(guard.workbook, validSheetName(sheetName).toUtf8().constData());
    lxw_format *bold = workbook_add_format(guard.workbook);
    if (!sheet || !bold)
        return cannotWrite(Text::tr("the sheet could not be created"));
    format_set_bold(bold);
    if (rightToLeft)
        worksheet_right_to_left(sheet);
    worksheet_freeze_panes(sheet, 1, 0);

    // Column widths follow the longest text, within reason; in constant-memory
    // mode they may still be set after the rows.
    std::vector<qsizetype> widths;
    lxw_row_t rowIndex = 0;
    const auto writeRow = [&](const QStringList &cells, lxw_format *format) -> Status {
        if (rowIndex >= maxRows) {
            return cannotWrite(
                Text::tr("an Excel sheet holds at most %1 rows; export fewer rows, or as CSV")
                    .arg(maxRows));
        }
        if (cells.size() > maxColumns) {
            return cannotWrite(Text::tr("an Excel sheet holds at most %1 columns, row %2 has %3")
                                   .arg(maxColumns)
                                   .arg(rowIndex + 1)
                                   .arg(cells.size()));
        }
        if (widths.size() < size_t(cells.size()))
            widths.resize(cells.size(), 0);
        for (qsizetype column = 0; column < cells.size(); ++column) {
            const QString &cell = cells[column];
            if (cell.isEmpty())
                continue;
            widths[column] = std::max(widths[column], cell.size());
            const lxw_error error = worksheet_write_string(
                sheet, rowIndex, lxw_col_t(column), cellText(cell).constData(), format);
            if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
                return cannotWrite(
                    Text::tr("the cell in row %1, column %2 is longer than the 32,767 "
                             "characters Excel allows")
                        .arg(rowIndex + 1)
                        .arg(column + 1));
            }
            if (error != LXW_NO_ERROR)
                return cannotWrite(QString::fromUtf8(lxw_strerror(error)));
        }
        ++rowIndex;
        return success();
    };

    if (Status written = writeRow(header, bold); !written)
        return written;
    QStringList row;
    while (true) {
        row.clear();
        if (!nextRow(row))
            break;
        if (Status written = writeRow(row, nullptr); !written)
            return written;
    }
    for (size_t column = 0; column < widths.size(); ++column) {
        const double width = std::clamp(double(widths[column]) * 1.2 + 2, 8.0, 60.0);
        worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nullptr);
    }

    const lxw_error closed = workbook_close(std::exchange(guard.workbook, nullptr));
    if (closed != LXW_NO_ERROR)
        return cannotWrite(QString::fromUtf8(lxw_strerror(closed)));
    if (QFile::exists(path) && !QFile::remove(path))
        return cannotWrite(Text::tr("the existing file could not be replaced"));
    if (!partial.rename(path))
        return cannotWrite(partial.errorString());
    partial.setAutoRemove(false);
    // Temporary files are private to their owner; an export is meant to be shared.
    QFile::setPermissions(
        path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    return success();
}

} // namespace daftar::importing
