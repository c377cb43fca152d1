// What the main window works with after login: the open database and the user.
#pragma once

#include "accounts/AccountService.h"
#include "storage/Database.h"

namespace daftar::ui {

struct Session
{
    storage::Database &db;
    accounts::User user;
};

} // namespace daftar::ui
