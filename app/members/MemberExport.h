// Exporting members as the user's spreadsheet expects: CSV in UTF-8 with a BOM
// (Excel only reads Persian right with it) or XLSX with codes kept as text.
#pragma once

#include "MemberService.h"

namespace daftar::members {

// Writes every member `query` matches to `path`; the extension (.csv or .xlsx)
// chooses the format. Headers are Persian, as in the files provinces send, so an
// export can be imported again. Returns the number of members written.
Result<qint64> exportMembers(storage::Database &db, const accounts::Actor &actor,
    const MemberQuery &query, const QString &path);

} // namespace daftar::members
