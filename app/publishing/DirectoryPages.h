// The two public directory pages: the provincial branches, and the members who
// consented to appear — with only the fields each of them consented to. Never a
// national code; a mobile or e-mail only where its owner ticked it. The page
// is written in the site's language (fixed words, not the UI's translation).
#pragma once

#include "PublishTarget.h"
#include "core/Result.h"

namespace daftar::storage {
class Database;
}

namespace daftar::publishing {

// language is "fa" or "en".
Result<Payload> branchesPage(storage::Database &db, const QString &language);
Result<Payload> membersPage(storage::Database &db, const QString &language);

} // namespace daftar::publishing
