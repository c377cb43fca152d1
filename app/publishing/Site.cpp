#include "Site.h"

#include "storage/AuditLog.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace daftar::publishing {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Publishing)
};

using accounts::Permission;

const QString columns = u"id, name, type, url, username, password_env, language, unpublish_mode, "
                        "timeout_seconds, enabled, created_at, updated_at"_s;

Site siteFromRow(const QSqlQuery &query)
{
    Site site;
    site.id = query.value(0).toLongLong();
    site.name = query.value(1).toString();
    site.type = siteTypeFromId(query.value(2).toString()).value_or(SiteType::WordPress);
    site.url = QUrl(query.value(3).toString());
    site.user = query.value(4).toString();
    site.passwordEnv = query.value(5).toString();
    site.language = query.value(6).toString();
    site.unpublishMode
        = unpublishModeFromId(query.value(7).toString()).value_or(UnpublishMode::Draft);
    site.timeoutSeconds = query.value(8).toInt();
    site.enabled = query.value(9).toInt() != 0;
    site.createdAt = QDateTime::fromString(query.value(10).toString(), Qt::ISODateWithMs);
    site.updatedAt = QDateTime::fromString(query.value(11).toString(), Qt::ISODateWithMs);
    return site;
}

Status validate(Site &site)
{
    site.name = site.name.trimmed();
    site.user = site.user.trimmed();
    site.passwordEnv = site.passwordEnv.trimmed();
    if (site.name.isEmpty()) {
        return makeError(Error::Kind::Invalid, Text::tr("Give the site a name, e.g. \"main\"."));
    }
    if (site.name.size() > 60) {
        return makeError(
            Error::Kind::Invalid, Text::tr("A site's name can have at most 60 characters."));
    }
    const QString scheme = site.url.scheme();
    if (!site.url.isValid() || (scheme != "http"_L1 && scheme != "https"_L1)
        || site.url.host().isEmpty()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("\"%1\" is not a web address. Write the site's address with http:// or "
                     "https://, e.g. https://example.org.")
                .arg(site.url.toString()));
    }
    if (site.type == SiteType::WordPress && site.user.isEmpty()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("A WordPress site needs the user name its Application Password belongs to."));
    }
    static const QRegularExpression variable(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if (!site.passwordEnv.isEmpty() && !variable.match(site.passwordEnv).hasMatch()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("\"%1\" is not an environment variable name: use letters, digits and _, "
                     "e.g. DAFTAR_SITE_PASSWORD.")
                .arg(site.passwordEnv));
    }
    if (!site.language.isEmpty() && site.language != "fa"_L1 && site.language != "en"_L1) {
        return makeError(
            Error::Kind::Invalid, Text::tr("A site's language is fa, en or empty (any)."));
    }
    if (site.timeoutSeconds < 1 || site.timeoutSeconds > 600) {
        return makeError(
            Error::Kind::Invalid, Text::tr("The timeout must be between 1 and 600 seconds."));
    }
    return success();
}

Error duplicateName(const QString &name)
{
    return makeError(Error::Kind::Conflict,
        Text::tr("There is already a site named \"%1\". Choose another name.").arg(name));
}

} // namespace

QString siteTypeId(SiteType type)
{
    return type == SiteType::Json ? u"json"_s : u"wordpress"_s;
}

std::optional<SiteType> siteTypeFromId(const QString &id)
{
    if (id == "wordpress"_L1) {
        return SiteType::WordPress;
    }
    if (id == "json"_L1) {
        return SiteType::Json;
    }
    return std::nullopt;
}

QString siteTypeDisplayName(SiteType type)
{
    return type == SiteType::Json ? Text::tr("JSON portal") : Text::tr("WordPress");
}

QString unpublishModeId(UnpublishMode mode)
{
    return mode == UnpublishMode::Trash ? u"trash"_s : u"draft"_s;
}

std::optional<UnpublishMode> unpublishModeFromId(const QString &id)
{
    if (id == "draft"_L1) {
        return UnpublishMode::Draft;
    }
    if (id == "trash"_L1) {
        return UnpublishMode::Trash;
    }
    return std::nullopt;
}

QJsonObject toJson(const Site &site)
{
    return {{u"id"_s, site.id}, {u"name"_s, site.name}, {u"type"_s, siteTypeId(site.type)},
        {u"url"_s, site.url.toString()}, {u"user"_s, site.user},
        {u"password_env"_s, site.passwordEnv}, {u"language"_s, site.language},
        {u"unpublish"_s, unpublishModeId(site.unpublishMode)},
        {u"timeout_seconds"_s, site.timeoutSeconds}, {u"enabled"_s, site.enabled}};
}

SiteService::SiteService(storage::Database &db)
    : m_db(db)
{ }

Result<QList<Site>> SiteService::list()
{
    auto query = m_db.run(u"SELECT "_s + columns + u" FROM sites ORDER BY name"_s);
    if (!query) {
        return query.error();
    }
    QList<Site> sites;
    while (query->next()) {
        sites << siteFromRow(*query);
    }
    return sites;
}

Result<Site> SiteService::get(qint64 id)
{
    auto query = m_db.run(u"SELECT "_s + columns + u" FROM sites WHERE id = ?"_s, {id});
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return makeError(Error::Kind::NotFound, Text::tr("There is no site number %1.").arg(id));
    }
    return siteFromRow(*query);
}

Result<Site> SiteService::byName(const QString &name)
{
    auto query
        = m_db.run(u"SELECT "_s + columns + u" FROM sites WHERE name = ?"_s, {name.trimmed()});
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return makeError(Error::Kind::NotFound,
            Text::tr("There is no site named \"%1\". `daftar-cli sites list` shows the sites.")
                .arg(name));
    }
    return siteFromRow(*query);
}

Result<Site> SiteService::add(const accounts::Actor &actor, Site site)
{
    if (const Status allowed = actor.require(Permission::ManageSites); !allowed) {
        return allowed.error();
    }
    if (const Status valid = validate(site); !valid) {
        return valid.error();
    }
    const Status written = m_db.inTransaction([&]() -> Status {
        auto existing = m_db.run(u"SELECT 1 FROM sites WHERE name = ?"_s, {site.name});
        if (!existing) {
            return existing.error();
        }
        if (existing->next()) {
            return duplicateName(site.name);
        }
        const QString now = storage::timestampNow();
        auto inserted
            = m_db.run(u"INSERT INTO sites (name, type, url, username, password_env, language, "
                       "unpublish_mode, timeout_seconds, enabled, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
                {site.name, siteTypeId(site.type), site.url.toString(), storage::orEmpty(site.user),
                    storage::orEmpty(site.passwordEnv), storage::orEmpty(site.language),
                    unpublishModeId(site.unpublishMode), site.timeoutSeconds, site.enabled ? 1 : 0,
                    now, now});
        if (!inserted) {
            return inserted.error();
        }
        inserted->next();
        site.id = inserted->value(0).toLongLong();
        return storage::AuditLog::record(m_db, actor.auditActor(), u"site.add"_s, u"site"_s,
            QString::number(site.id), {}, toJson(site));
    });
    if (!written) {
        return written.error();
    }
    return get(site.id);
}

Result<Site> SiteService::update(const accounts::Actor &actor, Site site)
{
    if (const Status allowed = actor.require(Permission::ManageSites); !allowed) {
        return allowed.error();
    }
    if (const Status valid = validate(site); !valid) {
        return valid.error();
    }
    const Status written = m_db.inTransaction([&]() -> Status {
        auto before = get(site.id);
        if (!before) {
            return before.error();
        }
        auto clash
            = m_db.run(u"SELECT 1 FROM sites WHERE name = ? AND id <> ?"_s, {site.name, site.id});
        if (!clash) {
            return clash.error();
        }
        if (clash->next()) {
            return duplicateName(site.name);
        }
        auto updated = m_db.run(
            u"UPDATE sites SET name = ?, type = ?, url = ?, username = ?, password_env = ?, "
            "language = ?, unpublish_mode = ?, timeout_seconds = ?, enabled = ?, updated_at = ? "
            "WHERE id = ?"_s,
            {site.name, siteTypeId(site.type), site.url.toString(), storage::orEmpty(site.user),
                storage::orEmpty(site.passwordEnv), storage::orEmpty(site.language),
                unpublishModeId(site.unpublishMode), site.timeoutSeconds, site.enabled ? 1 : 0,
                storage::timestampNow(), site.id});
        if (!updated) {
            return updated.error();
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"site.update"_s, u"site"_s,
            QString::number(site.id), toJson(*before), toJson(site));
    });
    if (!written) {
        return written.error();
    }
    return get(site.id);
}

Status SiteService::remove(const accounts::Actor &actor, qint64 id)
{
    if (const Status allowed = actor.require(Permission::ManageSites); !allowed) {
        return allowed;
    }
    return m_db.inTransaction([&]() -> Status {
        auto before = get(id);
        if (!before) {
            return before.error();
        }
        // Explicit deletes: SQLite's ON DELETE CASCADE needs foreign_keys, and
        // the order keeps PostgreSQL's checks happy as well.
        for (const QString &table : {u"publish_jobs"_s, u"publications"_s, u"remote_media"_s}) {
            if (auto gone = m_db.run(u"DELETE FROM "_s + table + u" WHERE site_id = ?"_s, {id});
                !gone) {
                return gone.error();
            }
        }
        if (auto gone = m_db.run(u"DELETE FROM sites WHERE id = ?"_s, {id}); !gone) {
            return gone.error();
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"site.remove"_s, u"site"_s,
            QString::number(id), toJson(*before), {});
    });
}

} // namespace daftar::publishing
