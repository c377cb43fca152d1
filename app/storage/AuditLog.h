// The audit trail: who changed what, when, with the values before and after.
// Services call record() inside the same transaction as the change itself, so a
// change and its audit entry are committed together or not at all.
#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace daftar::storage {

class Database;

struct AuditActor
{
    std::optional<qint64> userId; // empty for daftar-cli acting as the OS user
    QString name;
};

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at; // UTC
    std::optional<qint64> actorId;
    QString actor;
    QString action; // e.g. "user.create"
    QString entity; // e.g. "user"
    QString entityId;
    QJsonObject before;
    QJsonObject after;
};

class AuditLog
{
public:
    static Status record(Database &db, const AuditActor &actor, const QString &action,
        const QString &entity, const QString &entityId, const QJsonObject &before,
        const QJsonObject &after);
    // One entry per row of `rows`, a SELECT (bound to `values`) whose columns
    // entity_id and after_json (JSON text) give each entry's: for changes made
    // by one statement.
    static Status recordEach(Database &db, const AuditActor &actor, const QString &action,
        const QString &entity, const QString &rows, const QVariantList &values);

    // Newest first.
    static Result<QList<AuditEntry>> forEntity(
        Database &db, const QString &entity, const QString &entityId);
    static Result<QList<AuditEntry>> recent(Database &db, int limit);
};

} // namespace daftar::storage
