#include "Outbox.h"

#include "newsroom/ArticleService.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <cerrno>
#include <csignal>
#include <sys/types.h>
#endif

using namespace Qt::StringLiterals;

namespace daftar::publishing {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Publishing)
};

using accounts::Permission;
using newsroom::ArticleStatus;

QDateTime timeFrom(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

std::optional<JobState> jobStateFromId(const QString &id)
{
    for (JobState state : {JobState::Pending, JobState::Running, JobState::Failed,
             JobState::Conflict, JobState::Done, JobState::Cancelled}) {
        if (jobStateId(state) == id) {
            return state;
        }
    }
    return std::nullopt;
}

Entity entityFromId(const QString &id)
{
    if (id == "branches"_L1) {
        return Entity::BranchesPage;
    }
    if (id == "members"_L1) {
        return Entity::MembersPage;
    }
    return Entity::Article;
}

QString pageTitle(Entity entity)
{
    return entity == Entity::BranchesPage ? Text::tr("Branches directory (page)")
                                          : Text::tr("Member directory (page)");
}

const QString jobColumns = u"j.id, j.site_id, s.name, j.entity, j.entity_id, j.language, a.title, "
                           "j.action, j.state, j.attempts, j.progress, j.step, j.last_error, "
                           "j.retryable, j.overwrite, j.created_at, j.updated_at, "
                           "j.next_attempt_at FROM publish_jobs j JOIN sites s ON s.id = j.site_id "
                           "LEFT JOIN articles a ON j.entity = 'article' AND a.id = j.entity_id"_s;

Job jobFromRow(const QSqlQuery &query)
{
    Job job;
    job.id = query.value(0).toLongLong();
    job.siteId = query.value(1).toLongLong();
    job.siteName = query.value(2).toString();
    job.entity = entityFromId(query.value(3).toString());
    job.entityId = query.value(4).toLongLong();
    job.language = query.value(5).toString();
    job.title = job.entity == Entity::Article ? query.value(6).toString() : pageTitle(job.entity);
    job.action
        = query.value(7).toString() == "unpublish"_L1 ? JobAction::Unpublish : JobAction::Publish;
    job.state = jobStateFromId(query.value(8).toString()).value_or(JobState::Pending);
    job.attempts = query.value(9).toInt();
    job.progress = query.value(10).toInt();
    job.step = query.value(11).toString();
    job.lastError = query.value(12).toString();
    job.retryable = query.value(13).toInt() != 0;
    job.overwrite = query.value(14).toInt() != 0;
    job.createdAt = timeFrom(query.value(15));
    job.updatedAt = timeFrom(query.value(16));
    job.nextAttemptAt = timeFrom(query.value(17));
    return job;
}

// Whether the process that claimed a job ("host:pid") is still running.
bool claimantAlive(const QString &claimedBy, const QDateTime &claimedAt)
{
    const QString host = claimedBy.section(u':', 0, -2);
    const qint64 pid = claimedBy.section(u':', -1).toLongLong();
    if (host != QHostInfo::localHostName()) {
        // Another desktop of a shared database: trust its claim for a while.
        return claimedAt.isValid() && claimedAt.secsTo(QDateTime::currentDateTimeUtc()) < 15 * 60;
    }
    if (pid <= 0) {
        return false;
    }
#ifdef Q_OS_WIN
    HANDLE process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, DWORD(pid));
    if (!process) {
        return false;
    }
    DWORD code = 0;
    const bool running = GetExitCodeProcess(process, &code) && code == STILL_ACTIVE;
    CloseHandle(process);
    return running;
#else
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
#endif
}

} // namespace

QString jobStateId(JobState state)
{
    switch (state) {
    case JobState::Pending:
        return u"pending"_s;
    case JobState::Running:
        return u"running"_s;
    case JobState::Failed:
        return u"failed"_s;
    case JobState::Conflict:
        return u"conflict"_s;
    case JobState::Done:
        return u"done"_s;
    case JobState::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

QString jobStateDisplayName(JobState state)
{
    switch (state) {
    case JobState::Pending:
        return Text::tr("Waiting");
    case JobState::Running:
        return Text::tr("Sending");
    case JobState::Failed:
        return Text::tr("Failed");
    case JobState::Conflict:
        return Text::tr("Changed on the site");
    case JobState::Done:
        return Text::tr("Done");
    case JobState::Cancelled:
        return Text::tr("Cancelled");
    }
    return {};
}

QString publicationStateBrief(const Publication &publication)
{
    if (!publication.live) {
        return Text::tr("taken down");
    }
    return publication.changedSince ? Text::tr("changed since") : Text::tr("in sync");
}

QString jobActionId(JobAction action)
{
    return action == JobAction::Unpublish ? u"unpublish"_s : u"publish"_s;
}

QString jobActionDisplayName(JobAction action)
{
    return action == JobAction::Unpublish ? Text::tr("Take down") : Text::tr("Publish");
}

QString entityId(Entity entity)
{
    switch (entity) {
    case Entity::Article:
        return u"article"_s;
    case Entity::BranchesPage:
        return u"branches"_s;
    case Entity::MembersPage:
        return u"members"_s;
    }
    return {};
}

Outbox::Outbox(storage::Database &db)
    : m_db(db)
{ }

namespace {

// Queues one job, reusing one that waits for the same thing on the same site.
Result<qint64> upsertJob(storage::Database &db, const accounts::Actor &actor, const Site &site,
    Entity entity, qint64 itemId, const QString &language, JobAction action)
{
    qint64 id = 0;
    const Status written = db.inTransaction([&]() -> Status {
        auto waiting
            = db.run(u"SELECT id, action FROM publish_jobs WHERE site_id = ? AND entity = ? "
                     "AND entity_id = ? AND state IN ('pending', 'failed', 'conflict') "
                     "ORDER BY id"_s,
                {site.id, entityId(entity), itemId});
        if (!waiting) {
            return waiting.error();
        }
        QList<qint64> superseded;
        while (waiting->next()) {
            if (waiting->value(1).toString() == jobActionId(action) && id == 0) {
                id = waiting->value(0).toLongLong();
            } else {
                superseded << waiting->value(0).toLongLong();
            }
        }
        const QString now = storage::timestampNow();
        for (qint64 old : std::as_const(superseded)) {
            if (auto done = db.run(u"UPDATE publish_jobs SET state = 'cancelled', step = ?, "
                                   "updated_at = ? WHERE id = ?"_s,
                    {Text::tr("Replaced by a newer request"), now, old});
                !done) {
                return done.error();
            }
        }
        if (id != 0) {
            auto again = db.run(u"UPDATE publish_jobs SET state = 'pending', attempts = 0, "
                                "retryable = 1, last_error = '', next_attempt_at = NULL, "
                                "progress = 0, updated_at = ? WHERE id = ?"_s,
                {now, id});
            return again ? success() : Status(again.error());
        }
        auto inserted = db.run(
            u"INSERT INTO publish_jobs (site_id, entity, entity_id, language, action, state, "
            "step, created_at, updated_at, queued_by) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, "
            "?) "
            "RETURNING id"_s,
            {site.id, entityId(entity), itemId, language, jobActionId(action), Text::tr("Queued"),
                now, now, actor.auditActor().name});
        if (!inserted) {
            return inserted.error();
        }
        inserted->next();
        id = inserted->value(0).toLongLong();
        return storage::AuditLog::record(db, actor.auditActor(), u"publish.queue"_s,
            u"publish_job"_s, QString::number(id), {},
            {{u"site"_s, site.name}, {u"entity"_s, entityId(entity)}, {u"entity_id"_s, itemId},
                {u"action"_s, jobActionId(action)}});
    });
    if (!written) {
        return written.error();
    }
    return id;
}

Result<QList<Site>> sitesFor(
    storage::Database &db, std::optional<qint64> siteId, const QString &language)
{
    SiteService sites(db);
    if (siteId) {
        auto site = sites.get(*siteId);
        if (!site) {
            return site.error();
        }
        return QList<Site> {*site};
    }
    auto all = sites.list();
    if (!all) {
        return all.error();
    }
    QList<Site> matching;
    for (const Site &site : std::as_const(*all)) {
        if (site.enabled
            && (site.language.isEmpty() || language.isEmpty() || site.language == language)) {
            matching << site;
        }
    }
    return matching;
}

QString languageName(const QString &language)
{
    return language == "en"_L1 ? Text::tr("English") : Text::tr("Persian");
}

} // namespace

Result<QList<qint64>> Outbox::queuePublish(
    const accounts::Actor &actor, const QList<qint64> &articleIds, std::optional<qint64> siteId)
{
    if (const Status allowed = actor.require(Permission::ReviewArticles); !allowed) {
        return allowed.error();
    }
    newsroom::ArticleService articles(m_db);
    QList<qint64> jobIds;
    for (qint64 articleId : articleIds) {
        auto article = articles.get(actor, articleId);
        if (!article) {
            return article.error();
        }
        if (article->status != ArticleStatus::Approved
            && article->status != ArticleStatus::Scheduled
            && article->status != ArticleStatus::Published) {
            return makeError(Error::Kind::Invalid,
                Text::tr("\"%1\" is %2: only approved, scheduled or published articles go to "
                         "the site. Approve it first.")
                    .arg(article->title, newsroom::statusDisplayName(article->status)));
        }
        auto sites = sitesFor(m_db, siteId, article->language);
        if (!sites) {
            return sites.error();
        }
        if (sites->isEmpty()) {
            return makeError(Error::Kind::Invalid,
                Text::tr("No enabled site takes articles in %1. Add one under Publishing → "
                         "Sites, or with daftar-cli sites add.")
                    .arg(languageName(article->language)));
        }
        for (const Site &site : std::as_const(*sites)) {
            auto id = upsertJob(m_db, actor, site, Entity::Article, articleId, article->language,
                JobAction::Publish);
            if (!id) {
                return id.error();
            }
            jobIds << *id;
        }
    }
    return jobIds;
}

Result<QList<qint64>> Outbox::queueApproved(
    const accounts::Actor &actor, std::optional<qint64> siteId)
{
    if (const Status allowed = actor.require(Permission::ReviewArticles); !allowed) {
        return allowed.error();
    }
    auto sites = sitesFor(m_db, siteId, {});
    if (!sites) {
        return sites.error();
    }
    QList<qint64> jobIds;
    for (const Site &site : std::as_const(*sites)) {
        // Approved or scheduled, in the site's language (any, for a site named
        // explicitly), and not on the site at its latest revision.
        const QString language = siteId ? QString() : site.language;
        auto due = m_db.run(
            u"SELECT a.id, a.language FROM articles a WHERE a.status IN ('approved', 'scheduled') "
            "AND (? = '' OR a.language = ?) AND NOT EXISTS (SELECT 1 FROM publications p "
            "WHERE p.site_id = ? AND p.entity = 'article' AND p.entity_id = a.id AND p.live = 1 "
            "AND p.remote_id IS NOT NULL AND p.pushed_revision >= a.revision) ORDER BY a.id"_s,
            {language.isNull() ? u""_s : language, language.isNull() ? u""_s : language, site.id});
        if (!due) {
            return due.error();
        }
        QList<std::pair<qint64, QString>> articles;
        while (due->next()) {
            articles.append({due->value(0).toLongLong(), due->value(1).toString()});
        }
        for (const auto &[article, articleLanguage] : std::as_const(articles)) {
            auto id = upsertJob(
                m_db, actor, site, Entity::Article, article, articleLanguage, JobAction::Publish);
            if (!id) {
                return id.error();
            }
            jobIds << *id;
        }
    }
    auto expired = queueExpired(actor, siteId);
    if (!expired) {
        return expired.error();
    }
    return jobIds + *expired;
}

Result<QList<qint64>> Outbox::queueExpired(
    const accounts::Actor &actor, std::optional<qint64> siteId)
{
    if (const Status allowed = actor.require(Permission::ReviewArticles); !allowed) {
        return allowed.error();
    }
    // publish_until is the last day shown (in the office's calendar day).
    auto expired = m_db.run(
        u"SELECT p.site_id, a.id, a.language FROM publications p JOIN articles a ON "
        "p.entity = 'article' AND a.id = p.entity_id WHERE p.live = 1 AND a.kind = 'announcement' "
        "AND a.publish_until IS NOT NULL AND a.publish_until < ? ORDER BY a.id"_s,
        {QDate::currentDate().toString(Qt::ISODate)});
    if (!expired) {
        return expired.error();
    }
    QList<std::tuple<qint64, qint64, QString>> found;
    while (expired->next()) {
        found.append({expired->value(0).toLongLong(), expired->value(1).toLongLong(),
            expired->value(2).toString()});
    }
    QList<qint64> jobIds;
    SiteService sites(m_db);
    for (const auto &[site, article, language] : std::as_const(found)) {
        if (siteId && *siteId != site) {
            continue;
        }
        auto record = sites.get(site);
        if (!record) {
            return record.error();
        }
        auto id = upsertJob(
            m_db, actor, *record, Entity::Article, article, language, JobAction::Unpublish);
        if (!id) {
            return id.error();
        }
        jobIds << *id;
    }
    return jobIds;
}

Result<QList<qint64>> Outbox::queueUnpublish(
    const accounts::Actor &actor, qint64 articleId, std::optional<qint64> siteId)
{
    if (const Status allowed = actor.require(Permission::ReviewArticles); !allowed) {
        return allowed.error();
    }
    newsroom::ArticleService articles(m_db);
    auto article = articles.get(actor, articleId);
    if (!article) {
        return article.error();
    }
    auto live = m_db.run(u"SELECT site_id FROM publications WHERE entity = 'article' AND "
                         "entity_id = ? AND (live = 1 OR sending_since IS NOT NULL)"_s,
        {articleId});
    if (!live) {
        return live.error();
    }
    QList<qint64> siteIds;
    while (live->next()) {
        const qint64 site = live->value(0).toLongLong();
        if (!siteId || *siteId == site) {
            siteIds << site;
        }
    }
    if (siteIds.isEmpty()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("\"%1\" is not on any site, so there is nothing to take down.")
                .arg(article->title));
    }
    SiteService sites(m_db);
    QList<qint64> jobIds;
    for (qint64 site : std::as_const(siteIds)) {
        auto record = sites.get(site);
        if (!record) {
            return record.error();
        }
        auto id = upsertJob(m_db, actor, *record, Entity::Article, articleId, article->language,
            JobAction::Unpublish);
        if (!id) {
            return id.error();
        }
        jobIds << *id;
    }
    return jobIds;
}

Result<QList<qint64>> Outbox::queueDirectories(
    const accounts::Actor &actor, std::optional<qint64> siteId)
{
    if (const Status allowed = actor.require(Permission::ReviewArticles); !allowed) {
        return allowed.error();
    }
    auto sites = sitesFor(m_db, siteId, {});
    if (!sites) {
        return sites.error();
    }
    if (sites->isEmpty()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("There is no enabled site. Add one under Publishing → Sites, or with "
                     "daftar-cli sites add."));
    }
    QList<qint64> jobIds;
    for (const Site &site : std::as_const(*sites)) {
        const QString language = site.language.isEmpty() ? u"fa"_s : site.language;
        for (Entity page : {Entity::BranchesPage, Entity::MembersPage}) {
            auto id = upsertJob(m_db, actor, site, page, 0, language, JobAction::Publish);
            if (!id) {
                return id.error();
            }
            jobIds << *id;
        }
    }
    return jobIds;
}

Result<QList<Job>> Outbox::jobs(const accounts::Actor &, const JobFilter &filter)
{
    QString sql = u"SELECT "_s + jobColumns + u" WHERE 1 = 1"_s;
    QVariantList values;
    if (filter.siteId) {
        sql += u" AND j.site_id = ?"_s;
        values << *filter.siteId;
    }
    if (filter.articleId) {
        sql += u" AND j.entity = 'article' AND j.entity_id = ?"_s;
        values << *filter.articleId;
    }
    if (!filter.includeFinished) {
        sql += u" AND j.state NOT IN ('done', 'cancelled')"_s;
    }
    sql += u" ORDER BY j.id DESC LIMIT ?"_s;
    values << filter.limit;
    auto query = m_db.run(sql, values);
    if (!query) {
        return query.error();
    }
    QList<Job> jobs;
    while (query->next()) {
        jobs << jobFromRow(*query);
    }
    return jobs;
}

Result<Job> Outbox::job(const accounts::Actor &, qint64 jobId)
{
    auto query = m_db.run(u"SELECT "_s + jobColumns + u" WHERE j.id = ?"_s, {jobId});
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return makeError(
            Error::Kind::NotFound, Text::tr("There is no publishing job %1.").arg(jobId));
    }
    return jobFromRow(*query);
}

Status Outbox::retry(const accounts::Actor &actor, qint64 jobId)
{
    if (const Status allowed = actor.require(Permission::ReviewArticles); !allowed) {
        return allowed;
    }
    return m_db.inTransaction([&]() -> Status {
        auto current = job(actor, jobId);
        if (!current) {
            return current.error();
        }
        if (current->state == JobState::Running || current->state == JobState::Done) {
            return makeError(Error::Kind::Invalid,
                Text::tr("The job is %1; only a failed, conflicting or cancelled job can be "
                         "tried again.")
                    .arg(jobStateDisplayName(current->state)));
        }
        auto updated = m_db.run(u"UPDATE publish_jobs SET state = 'pending', attempts = 0, "
                                "retryable = 1, next_attempt_at = NULL, progress = 0, step = ?, "
                                "updated_at = ? WHERE id = ?"_s,
            {Text::tr("Queued again"), storage::timestampNow(), jobId});
        if (!updated) {
            return updated.error();
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"publish.retry"_s,
            u"publish_job"_s, QString::number(jobId), {}, {});
    });
}

Status Outbox::cancel(const accounts::Actor &actor, qint64 jobId)
{
    if (const Status allowed = actor.require(Permission::ReviewArticles); !allowed) {
        return allowed;
    }
    return m_db.inTransaction([&]() -> Status {
        auto current = job(actor, jobId);
        if (!current) {
            return current.error();
        }
        if (current->state == JobState::Running) {
            return makeError(Error::Kind::Locked,
                Text::tr("The job is being sent right now; wait for it to finish."));
        }
        if (current->state == JobState::Done || current->state == JobState::Cancelled) {
            return success();
        }
        auto updated = m_db.run(u"UPDATE publish_jobs SET state = 'cancelled', step = ?, "
                                "updated_at = ? WHERE id = ?"_s,
            {Text::tr("Cancelled by %1").arg(actor.auditActor().name), storage::timestampNow(),
                jobId});
        if (!updated) {
            return updated.error();
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"publish.cancel"_s,
            u"publish_job"_s, QString::number(jobId), {}, {});
    });
}

Result<Conflict> Outbox::conflict(const accounts::Actor &actor, qint64 jobId)
{
    auto current = job(actor, jobId);
    if (!current) {
        return current.error();
    }
    if (current->state != JobState::Conflict) {
        return makeError(Error::Kind::Invalid,
            Text::tr("The job is %1, not in conflict with the site.")
                .arg(jobStateDisplayName(current->state)));
    }
    auto stored = m_db.run(u"SELECT conflict_json FROM publish_jobs WHERE id = ?"_s, {jobId});
    if (!stored) {
        return stored.error();
    }
    stored->next();
    const QJsonObject site = QJsonDocument::fromJson(stored->value(0).toString().toUtf8()).object();
    Conflict conflict;
    conflict.job = *current;
    conflict.siteTitle = site.value(u"title"_s).toString();
    conflict.siteContent = site.value(u"content"_s).toString();
    conflict.siteModified = site.value(u"modified"_s).toString();
    conflict.ourTitle = site.value(u"our_title"_s).toString();
    conflict.ourContent = site.value(u"our_content"_s).toString();
    return conflict;
}

Status Outbox::resolveConflict(const accounts::Actor &actor, qint64 jobId, ConflictChoice choice)
{
    if (const Status allowed = actor.require(Permission::ReviewArticles); !allowed) {
        return allowed;
    }
    auto found = conflict(actor, jobId);
    if (!found) {
        return found.error();
    }
    return m_db.inTransaction([&]() -> Status {
        const QString now = storage::timestampNow();
        if (choice == ConflictChoice::OverwriteSite) {
            auto updated
                = m_db.run(u"UPDATE publish_jobs SET state = 'pending', overwrite = 1, "
                           "attempts = 0, retryable = 1, next_attempt_at = NULL, step = ?, "
                           "updated_at = ? WHERE id = ?"_s,
                    {Text::tr("Will overwrite the site's version"), now, jobId});
            if (!updated) {
                return updated.error();
            }
        } else {
            // The site's version stays; recording its time as seen means the next
            // push of a newer revision is not held up by the same change again.
            auto seen = m_db.run(u"UPDATE publications SET remote_modified = ? WHERE site_id = ? "
                                 "AND entity = ? AND entity_id = ?"_s,
                {found->siteModified, found->job.siteId, entityId(found->job.entity),
                    found->job.entityId});
            if (!seen) {
                return seen.error();
            }
            auto updated = m_db.run(u"UPDATE publish_jobs SET state = 'cancelled', step = ?, "
                                    "updated_at = ? WHERE id = ?"_s,
                {Text::tr("Kept the site's version"), now, jobId});
            if (!updated) {
                return updated.error();
            }
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"publish.resolve"_s,
            u"publish_job"_s, QString::number(jobId), {},
            {{u"choice"_s,
                 choice == ConflictChoice::OverwriteSite ? u"overwrite_site"_s : u"keep_site"_s},
                {u"site_modified"_s, found->siteModified}});
    });
}

Result<QList<Publication>> Outbox::publications(
    const accounts::Actor &, std::optional<qint64> articleId)
{
    QString sql = u"SELECT p.site_id, s.name, p.entity, p.entity_id, a.title, p.remote_id, p.url, "
                  "p.remote_modified, p.pushed_revision, p.pushed_at, p.live, a.revision "
                  "FROM publications p JOIN sites s ON s.id = p.site_id LEFT JOIN articles a ON "
                  "p.entity = 'article' AND a.id = p.entity_id WHERE p.remote_id IS NOT NULL"_s;
    QVariantList values;
    if (articleId) {
        sql += u" AND p.entity = 'article' AND p.entity_id = ?"_s;
        values << *articleId;
    }
    sql += u" ORDER BY p.pushed_at DESC"_s;
    auto query = m_db.run(sql, values);
    if (!query) {
        return query.error();
    }
    QList<Publication> list;
    while (query->next()) {
        Publication publication;
        publication.siteId = query->value(0).toLongLong();
        publication.siteName = query->value(1).toString();
        publication.entity = entityFromId(query->value(2).toString());
        publication.entityId = query->value(3).toLongLong();
        publication.title = publication.entity == Entity::Article ? query->value(4).toString()
                                                                  : pageTitle(publication.entity);
        publication.remoteId = query->value(5).toString();
        publication.url = QUrl(query->value(6).toString());
        publication.remoteModified = query->value(7).toString();
        publication.pushedRevision = query->value(8).toInt();
        publication.pushedAt = timeFrom(query->value(9));
        publication.live = query->value(10).toInt() != 0;
        publication.changedSince = publication.entity == Entity::Article
            && query->value(11).toInt() > publication.pushedRevision;
        list << publication;
    }
    return list;
}

Result<QList<qint64>> Outbox::runnableJobs()
{
    auto query = m_db.run(u"SELECT id, state, claimed_by, claimed_at, next_attempt_at, retryable "
                          "FROM publish_jobs WHERE state IN ('pending', 'running', 'failed') "
                          "ORDER BY id"_s);
    if (!query) {
        return query.error();
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<qint64> ids;
    while (query->next()) {
        const QString state = query->value(1).toString();
        if (state == "running"_L1
            && claimantAlive(query->value(2).toString(), timeFrom(query->value(3)))) {
            continue;
        }
        if (state == "failed"_L1) {
            const QDateTime next = timeFrom(query->value(4));
            if (query->value(5).toInt() == 0 || (next.isValid() && next > now)) {
                continue;
            }
        }
        ids << query->value(0).toLongLong();
    }
    return ids;
}

QString Outbox::processKey()
{
    return QHostInfo::localHostName() + u':' + QString::number(QCoreApplication::applicationPid());
}

Result<bool> Outbox::claim(qint64 jobId)
{
    bool claimed = false;
    const Status written = m_db.inTransaction([&]() -> Status {
        auto query = m_db.run(u"SELECT state, claimed_by, claimed_at, next_attempt_at, retryable "
                              "FROM publish_jobs WHERE id = ?"_s
                + (m_db.isPostgres() ? u" FOR UPDATE"_s : QString()),
            {jobId});
        if (!query) {
            return query.error();
        }
        if (!query->next()) {
            return success();
        }
        const QString state = query->value(0).toString();
        const QDateTime next = timeFrom(query->value(3));
        const bool runnable = state == "pending"_L1
            || (state == "failed"_L1 && query->value(4).toInt() != 0
                && (!next.isValid() || next <= QDateTime::currentDateTimeUtc()))
            || (state == "running"_L1
                && !claimantAlive(query->value(1).toString(), timeFrom(query->value(2))));
        if (!runnable) {
            return success();
        }
        const QString now = storage::timestampNow();
        auto updated = m_db.run(u"UPDATE publish_jobs SET state = 'running', claimed_by = ?, "
                                "claimed_at = ?, attempts = attempts + 1, progress = 0, step = ?, "
                                "updated_at = ? WHERE id = ?"_s,
            {processKey(), now, Text::tr("Starting"), now, jobId});
        if (!updated) {
            return updated.error();
        }
        claimed = true;
        return success();
    });
    if (!written) {
        return written.error();
    }
    return claimed;
}

Status Outbox::markProgress(qint64 jobId, int progress, const QString &step)
{
    auto updated
        = m_db.run(u"UPDATE publish_jobs SET progress = ?, step = ?, updated_at = ? WHERE id = ?"_s,
            {progress, step, storage::timestampNow(), jobId});
    return updated ? success() : Status(updated.error());
}

Status Outbox::markFailed(qint64 jobId, const Error &error)
{
    const bool retryable = error.kind == Error::Kind::Unavailable;
    auto attempts = m_db.run(u"SELECT attempts FROM publish_jobs WHERE id = ?"_s, {jobId});
    if (!attempts) {
        return attempts.error();
    }
    const int tries = attempts->next() ? attempts->value(0).toInt() : 1;
    // A minute, then doubling up to an hour: a site that is down is not hammered.
    const qint64 wait = std::min<qint64>(60LL << std::clamp(tries - 1, 0, 6), 3600);
    const QVariant next = retryable
        ? QVariant(QDateTime::currentDateTimeUtc().addSecs(wait).toString(Qt::ISODateWithMs))
        : QVariant(QMetaType::fromType<QString>());
    auto updated = m_db.run(u"UPDATE publish_jobs SET state = 'failed', last_error = ?, "
                            "retryable = ?, next_attempt_at = ?, claimed_by = NULL, step = ?, "
                            "updated_at = ? WHERE id = ?"_s,
        {error.message, retryable ? 1 : 0, next,
            retryable ? Text::tr("Will be tried again") : Text::tr("Needs attention"),
            storage::timestampNow(), jobId});
    return updated ? success() : Status(updated.error());
}

Status Outbox::markConflict(qint64 jobId, const QString &siteJson)
{
    auto updated
        = m_db.run(u"UPDATE publish_jobs SET state = 'conflict', conflict_json = ?, "
                   "claimed_by = NULL, step = ?, last_error = ?, updated_at = ? WHERE id = ?"_s,
            {siteJson, Text::tr("Waiting for the chief editor's choice"),
                Text::tr("Someone changed this on the site after Daftar last sent it. Choose which "
                         "version to keep."),
                storage::timestampNow(), jobId});
    return updated ? success() : Status(updated.error());
}

} // namespace daftar::publishing
