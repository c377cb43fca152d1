#include "AuditLog.h"

#include "Database.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace daftar::storage {

namespace {

QVariant jsonOrNull(const QJsonObject &object)
{
    if (object.isEmpty()) {
        return QVariant(QMetaType::fromType<QString>());
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject parseJson(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

Result<QList<AuditEntry>> readEntries(Result<QSqlQuery> query)
{
    if (!query) {
        return query.error();
    }
    QList<AuditEntry> entries;
    while (query->next()) {
        AuditEntry entry;
        entry.id = query->value(0).toLongLong();
        entry.at = QDateTime::fromString(query->value(1).toString(), Qt::ISODateWithMs);
        if (!query->value(2).isNull()) {
            entry.actorId = query->value(2).toLongLong();
        }
        entry.actor = query->value(3).toString();
        entry.action = query->value(4).toString();
        entry.entity = query->value(5).toString();
        entry.entityId = query->value(6).toString();
        entry.before = parseJson(query->value(7));
        entry.after = parseJson(query->value(8));
        entries << entry;
    }
    return entries;
}

// NULL when the actor is the operating-system user rather than an account.
QVariant actorIdOf(const AuditActor &actor)
{
    return actor.userId ? QVariant(*actor.userId) : QVariant(QMetaType::fromType<qlonglong>());
}

const QString selectColumns
    = u"SELECT id, at, actor_id, actor, action, entity, entity_id, before_json, after_json "
      "FROM audit_log "_s;

} // namespace

Status AuditLog::record(Database &db, const AuditActor &actor, const QString &action,
    const QString &entity, const QString &entityId, const QJsonObject &before,
    const QJsonObject &after)
{
    auto inserted
        = db.runRepeated(u"INSERT INTO audit_log (at, actor_id, actor, action, entity, "
                         "entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
            {timestampNow(), actorIdOf(actor), actor.name, action, entity, entityId,
                jsonOrNull(before), jsonOrNull(after)});
    return inserted ? success() : Status(inserted.error());
}

Status AuditLog::recordEach(Database &db, const AuditActor &actor, const QString &action,
    const QString &entity, const QString &rows, const QVariantList &values)
{
    QVariantList all {timestampNow(), actorIdOf(actor), actor.name, action, entity};
    all += values;
    auto inserted = db.run(u"INSERT INTO audit_log (at, actor_id, actor, action, entity, "
                           "entity_id, before_json, after_json) "
                           "SELECT CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT), "
                           "CAST(? AS TEXT), CAST(? AS TEXT), entry.entity_id, NULL, "
                           "entry.after_json FROM ("_s
            + rows + u") AS entry"_s,
        all);
    return inserted ? success() : Status(inserted.error());
}

Result<QList<AuditEntry>> AuditLog::forEntity(
    Database &db, const QString &entity, const QString &entityId)
{
    return readEntries(
        db.run(selectColumns + u"WHERE entity = ? AND entity_id = ? ORDER BY id DESC"_s,
            {entity, entityId}));
}

Result<QList<AuditEntry>> AuditLog::recent(Database &db, int limit)
{
    return readEntries(db.run(selectColumns + u"ORDER BY id DESC LIMIT ?"_s, {limit}));
}

} // namespace daftar::storage
