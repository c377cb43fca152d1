// A public site Daftar publishes to, and the service that keeps the list of them.
// The site's secret is never stored here: it lives in the OS keychain, or in the
// environment variable the site names (see SiteSecrets.h).
#pragma once

#include "accounts/Actor.h"
#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace daftar::storage {
class Database;
}

namespace daftar::publishing {

enum class SiteType {
    WordPress, // REST API v2 with an Application Password
    Json, // docs/publishing-json.md, signed with a shared secret
};

// What "unpublish" does on a WordPress site.
enum class UnpublishMode {
    Draft, // the post goes back to draft (kept, invisible)
    Trash, // the post goes to WordPress's trash
};

QString siteTypeId(SiteType type); // "wordpress", "json"
std::optional<SiteType> siteTypeFromId(const QString &id);
QString siteTypeDisplayName(SiteType type);
QString unpublishModeId(UnpublishMode mode); // "draft", "trash"
std::optional<UnpublishMode> unpublishModeFromId(const QString &id);

struct Site
{
    qint64 id = 0;
    QString name; // unique; how the CLI and the screens name it
    SiteType type = SiteType::WordPress;
    QUrl url; // the site's address (WordPress) or the portal's base URL (JSON)
    QString user; // WordPress user of the Application Password
    QString passwordEnv; // environment variable holding the secret, if any
    QString language; // "fa" or "en": only articles in it go there; empty: any
    UnpublishMode unpublishMode = UnpublishMode::Draft;
    int timeoutSeconds = 30; // per request
    bool enabled = true;
    QDateTime createdAt;
    QDateTime updatedAt;
};

QJsonObject toJson(const Site &site); // daftar-cli sites list --json

class SiteService
{
public:
    explicit SiteService(storage::Database &db);

    Result<QList<Site>> list(); // by name
    Result<Site> get(qint64 id);
    Result<Site> byName(const QString &name);
    // Validates (name, http(s) URL, user for WordPress, variable name) and
    // refuses a second site of the same name. Needs ManageSites; audited.
    Result<Site> add(const accounts::Actor &actor, Site site);
    Result<Site> update(const accounts::Actor &actor, Site site);
    // Also drops the site's queue and its record of what was published there.
    Status remove(const accounts::Actor &actor, qint64 id);

private:
    storage::Database &m_db;
};

} // namespace daftar::publishing
