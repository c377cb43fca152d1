// The provincial branches: each belongs to one of the 31 provinces; member counts
// are counted from the member bank, never stored.
#pragma once

#include "accounts/Actor.h"
#include "core/Result.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace daftar::storage {
class Database;
}

namespace daftar::members {

struct Branch
{
    qint64 id = 0;
    QString province; // ISO code; any spelling is accepted on save
    QString city;
    QString name;
    QString head;
    QString address;
    QString postalCode;
    QString phones;
    QString email;
    QDate establishedOn;
    bool active = true;
    qint64 memberCount = 0; // derived
    qint64 activeMemberCount = 0; // derived
};

class BranchService
{
public:
    explicit BranchService(storage::Database &db);

    // In Persian order of province, then branch name; branch officers see their province.
    Result<QList<Branch>> list(const accounts::Actor &actor, const QString &province = {});
    Result<Branch> create(const accounts::Actor &actor, Branch branch);
    Result<Branch> update(const accounts::Actor &actor, Branch branch);

private:
    Status normalize(Branch &branch) const;

    storage::Database &m_db;
};

} // namespace daftar::members
