#include "Publisher.h"

#include "DirectoryPages.h"
#include "PublishTarget.h"
#include "SiteSecrets.h"
#include "newsroom/ArticlePage.h"
#include "newsroom/ArticleService.h"
#include "newsroom/MediaLibrary.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QThread>

#include <map>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace daftar::publishing {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Publishing)
};

using newsroom::ArticleStatus;

// Tries of a create or upload within one run, each after looking whether the
// previous one arrived.
constexpr int createAttempts = 4;

// A site as a run sees it: its settings and its secret, or why there is none.
struct SiteContext
{
    Site site;
    Result<QString> secret = QString();
};

// What a job is about, read when it is claimed.
struct JobRow
{
    qint64 id = 0;
    qint64 siteId = 0;
    Entity entity = Entity::Article;
    qint64 entityId = 0;
    QString language;
    JobAction action = JobAction::Publish;
    bool overwrite = false;
};

struct PublicationRow
{
    QString remoteId;
    QString remoteModified;
    bool sending = false; // a create went out and its answer was never stored
};

// Runs jobs on one thread: its own database connection and HTTP client.
class Worker
{
public:
    Worker(storage::Database &db, const accounts::Actor &actor,
        const QHash<qint64, SiteContext> &sites, Publisher &publisher)
        : m_db(db)
        , m_outbox(db)
        , m_actor(actor)
        , m_sites(sites)
        , m_publisher(publisher)
    { }

    void run(qint64 jobId);

private:
    struct Connection
    {
        std::unique_ptr<HttpClient> http;
        std::unique_ptr<PublishTarget> target;
    };

    void progress(qint64 jobId, int percent, const QString &step, bool store = true);
    Result<JobRow> readJob(qint64 jobId);
    Result<PublicationRow> publication(const JobRow &job);
    Status setSending(const JobRow &job);
    Result<RemoteMedia> ensureMedia(
        const JobRow &job, PublishTarget &target, qint64 mediaId, const QString &alt);
    // Creates or updates; nullopt when the site's copy changed and the job went to conflict.
    Result<std::optional<RemoteItem>> push(const JobRow &job, PublishTarget &target,
        const Payload &payload, const QString &ourContent);
    Status finishPublished(const JobRow &job, const RemoteItem &item, int revision);
    Status publishArticle(const JobRow &job, PublishTarget &target, bool &conflict);
    Status publishPage(const JobRow &job, PublishTarget &target, bool &conflict);
    Status unpublish(const JobRow &job, PublishTarget &target);

    storage::Database &m_db;
    Outbox m_outbox;
    accounts::Actor m_actor;
    const QHash<qint64, SiteContext> &m_sites;
    Publisher &m_publisher;
    std::map<qint64, Connection> m_connections;
};

void Worker::progress(qint64 jobId, int percent, const QString &step, bool store)
{
    if (store) {
        // Best effort: the row's progress is for other windows to see.
        (void)m_outbox.markProgress(jobId, percent, step);
    }
    emit m_publisher.jobChanged(jobId, int(JobState::Running), percent, step);
}

Result<JobRow> Worker::readJob(qint64 jobId)
{
    auto query = m_db.run(u"SELECT site_id, entity, entity_id, language, action, overwrite "
                          "FROM publish_jobs WHERE id = ?"_s,
        {jobId});
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return makeError(
            Error::Kind::NotFound, Text::tr("There is no publishing job %1.").arg(jobId));
    }
    JobRow job;
    job.id = jobId;
    job.siteId = query->value(0).toLongLong();
    const QString entity = query->value(1).toString();
    job.entity = entity == "branches"_L1 ? Entity::BranchesPage
        : entity == "members"_L1         ? Entity::MembersPage
                                         : Entity::Article;
    job.entityId = query->value(2).toLongLong();
    job.language = query->value(3).toString();
    job.action
        = query->value(4).toString() == "unpublish"_L1 ? JobAction::Unpublish : JobAction::Publish;
    job.overwrite = query->value(5).toInt() != 0;
    return job;
}

Result<PublicationRow> Worker::publication(const JobRow &job)
{
    auto query = m_db.run(u"SELECT remote_id, remote_modified, sending_since FROM publications "
                          "WHERE site_id = ? AND entity = ? AND entity_id = ?"_s,
        {job.siteId, entityId(job.entity), job.entityId});
    if (!query) {
        return query.error();
    }
    PublicationRow row;
    if (query->next()) {
        row.remoteId = query->value(0).toString();
        row.remoteModified = query->value(1).toString();
        row.sending = !query->value(2).isNull();
    }
    return row;
}

Status Worker::setSending(const JobRow &job)
{
    auto written
        = m_db.run(u"INSERT INTO publications (site_id, entity, entity_id, sending_since) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (site_id, entity, entity_id) "
                   "DO UPDATE SET sending_since = excluded.sending_since, remote_id = NULL"_s,
            {job.siteId, entityId(job.entity), job.entityId, storage::timestampNow()});
    return written ? success() : Status(written.error());
}

Result<RemoteMedia> Worker::ensureMedia(
    const JobRow &job, PublishTarget &target, qint64 mediaId, const QString &alt)
{
    auto known = m_db.run(u"SELECT remote_id, url, sending_since FROM remote_media "
                          "WHERE site_id = ? AND media_id = ?"_s,
        {job.siteId, mediaId});
    if (!known) {
        return known.error();
    }
    bool sending = false;
    if (known->next()) {
        if (!known->value(0).isNull() && !known->value(1).toString().isEmpty()) {
            return RemoteMedia {known->value(0).toString(), QUrl(known->value(1).toString())};
        }
        sending = !known->value(2).isNull();
    }
    newsroom::MediaLibrary library(m_db);
    auto item = library.item(mediaId);
    if (!item) {
        return item.error();
    }
    auto bytes = library.bytes(mediaId);
    if (!bytes) {
        return bytes.error();
    }
    MediaUpload upload {mediaId, item->sha256, item->fileName, item->mimeType,
        alt.isEmpty() ? item->alt : alt, *bytes};
    const auto store = [&](const RemoteMedia &remote) -> Status {
        auto written = m_db.run(
            u"INSERT INTO remote_media (site_id, media_id, remote_id, url, "
            "uploaded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (site_id, media_id) "
            "DO UPDATE SET remote_id = excluded.remote_id, url = excluded.url, "
            "uploaded_at = excluded.uploaded_at, sending_since = NULL"_s,
            {job.siteId, mediaId, remote.remoteId, remote.url.toString(), storage::timestampNow()});
        return written ? success() : Status(written.error());
    };
    if (sending) {
        // The last upload went out but its answer never arrived: the site may have it.
        auto found = target.findMedia(upload);
        if (!found) {
            return found.error();
        }
        if (*found) {
            if (const Status stored = store(**found); !stored) {
                return stored.error();
            }
            return **found;
        }
    }
    for (int attempt = 1;; ++attempt) {
        auto marked
            = m_db.run(u"INSERT INTO remote_media (site_id, media_id, sending_since) VALUES "
                       "(?, ?, ?) ON CONFLICT (site_id, media_id) DO UPDATE SET "
                       "sending_since = excluded.sending_since"_s,
                {job.siteId, mediaId, storage::timestampNow()});
        if (!marked) {
            return marked.error();
        }
        QElapsedTimer throttle;
        throttle.start();
        auto remote = target.uploadMedia(upload, [&](qint64 sent, qint64 total) {
            if (total > 0 && throttle.elapsed() > 200) {
                throttle.restart();
                progress(job.id, 10 + int(40 * sent / total),
                    Text::tr("Uploading %1 (%2 of %3 KB)")
                        .arg(item->fileName)
                        .arg(sent / 1024)
                        .arg(total / 1024),
                    false);
            }
        });
        if (remote) {
            if (const Status stored = store(*remote); !stored) {
                return stored.error();
            }
            return *remote;
        }
        if (remote.error().kind != Error::Kind::Unavailable || attempt >= createAttempts) {
            return remote.error();
        }
        // The upload may have arrived although its answer did not: look first.
        QThread::msleep(HttpClient::backoffMs(RetryPolicy {}, attempt));
        auto found = target.findMedia(upload);
        if (!found) {
            // Still unreachable: the upload's own failure says more.
            return found.error().kind == Error::Kind::Unavailable ? remote.error() : found.error();
        }
        if (*found) {
            if (const Status stored = store(**found); !stored) {
                return stored.error();
            }
            return **found;
        }
    }
}

Result<std::optional<RemoteItem>> Worker::push(
    const JobRow &job, PublishTarget &target, const Payload &payload, const QString &ourContent)
{
    auto row = publication(job);
    if (!row) {
        return row.error();
    }
    QString remoteId = row->remoteId;
    if (!remoteId.isEmpty()) {
        auto current = target.fetch(payload, remoteId);
        if (!current) {
            return current.error();
        }
        if (!*current) {
            remoteId.clear(); // deleted on the site: it is made again
        } else if (!job.overwrite && !row->remoteModified.isEmpty()
            && (*current)->modified != row->remoteModified) {
            const QJsonObject both {{u"title"_s, (*current)->title},
                {u"content"_s, (*current)->content}, {u"modified"_s, (*current)->modified},
                {u"our_title"_s, payload.title}, {u"our_content"_s, ourContent}};
            if (const Status marked = m_outbox.markConflict(
                    job.id, QString::fromUtf8(QJsonDocument(both).toJson(QJsonDocument::Compact)));
                !marked) {
                return marked.error();
            }
            return std::optional<RemoteItem>();
        }
    } else if (row->sending) {
        // A create went out before and its answer was lost: adopt what it made.
        auto found = target.find(payload);
        if (!found) {
            return found.error();
        }
        if (*found) {
            remoteId = (*found)->remoteId;
        }
    }
    for (int attempt = 1; remoteId.isEmpty(); ++attempt) {
        if (const Status marked = setSending(job); !marked) {
            return marked.error();
        }
        auto created = target.create(payload);
        if (created) {
            return std::optional<RemoteItem>(*created);
        }
        if (created.error().kind != Error::Kind::Unavailable || attempt >= createAttempts) {
            return created.error();
        }
        // No answer, or a failure after the site may have saved it: a create is
        // never simply repeated; what it made is looked for first.
        QThread::msleep(HttpClient::backoffMs(RetryPolicy {}, attempt));
        auto found = target.find(payload);
        if (!found) {
            return found.error().kind == Error::Kind::Unavailable ? created.error() : found.error();
        }
        if (*found) {
            remoteId = (*found)->remoteId;
        }
    }
    auto updated = target.update(remoteId, payload);
    if (!updated) {
        return updated.error();
    }
    return std::optional<RemoteItem>(*updated);
}

Status Worker::finishPublished(const JobRow &job, const RemoteItem &item, int revision)
{
    return m_db.inTransaction([&]() -> Status {
        const QString now = storage::timestampNow();
        auto stored = m_db.run(
            u"INSERT INTO publications (site_id, entity, entity_id, remote_id, url, "
            "remote_modified, pushed_revision, pushed_at, live, sending_since) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, NULL) ON CONFLICT (site_id, entity, entity_id) "
            "DO UPDATE SET remote_id = excluded.remote_id, url = excluded.url, "
            "remote_modified = excluded.remote_modified, pushed_revision = "
            "excluded.pushed_revision, "
            "pushed_at = excluded.pushed_at, live = 1, sending_since = NULL"_s,
            {job.siteId, entityId(job.entity), job.entityId, item.remoteId, item.url.toString(),
                item.modified, revision, now});
        if (!stored) {
            return stored.error();
        }
        auto done = m_db.run(u"UPDATE publish_jobs SET state = 'done', progress = 100, step = ?, "
                             "last_error = '', overwrite = 0, claimed_by = NULL, updated_at = ? "
                             "WHERE id = ?"_s,
            {Text::tr("On the site: %1").arg(item.url.toString()), now, job.id});
        return done ? success() : Status(done.error());
    });
}

Status Worker::publishArticle(const JobRow &job, PublishTarget &target, bool &conflict)
{
    newsroom::ArticleService articles(m_db);
    auto article = articles.get(m_actor, job.entityId);
    if (!article) {
        return article.error();
    }
    if (article->status != ArticleStatus::Approved && article->status != ArticleStatus::Scheduled
        && article->status != ArticleStatus::Published) {
        return makeError(Error::Kind::Refused,
            Text::tr("\"%1\" is %2 now, so it was not sent. Approve it, then publish again.")
                .arg(article->title, newsroom::statusDisplayName(article->status)));
    }
    // Media first: the post must never point at an image the site lacks.
    QList<qint64> mediaIds;
    if (article->featuredImageId) {
        mediaIds << *article->featuredImageId;
    }
    static const QRegularExpression inBody(u"daftar-media:(\\d+)"_s);
    for (auto match = inBody.globalMatch(article->body); match.hasNext();) {
        const qint64 id = match.next().captured(1).toLongLong();
        if (!mediaIds.contains(id)) {
            mediaIds << id;
        }
    }
    QHash<qint64, RemoteMedia> sent;
    for (int i = 0; i < mediaIds.size(); ++i) {
        progress(job.id, 10 + 40 * i / int(mediaIds.size()),
            Text::tr("Sending image %1 of %2").arg(i + 1).arg(mediaIds.size()));
        const bool featured = article->featuredImageId && *article->featuredImageId == mediaIds[i];
        auto remote
            = ensureMedia(job, target, mediaIds[i], featured ? article->imageAlt : QString());
        if (!remote) {
            return remote.error();
        }
        sent.insert(mediaIds[i], *remote);
    }
    // The same fragment the preview shows, sanitised again on the way out,
    // with the images pointing at the site's copies.
    newsroom::PageOptions options;
    options.mediaUrl = [&sent](qint64 id) {
        return sent.value(id).url.toString(QUrl::FullyEncoded);
    };
    const QString body = newsroom::articleBodyHtml(*article, options);
    Payload payload;
    payload.entity = Entity::Article;
    payload.key = u"article-%1"_s.arg(article->id);
    payload.type = newsroom::kindId(article->kind);
    payload.language = article->language;
    payload.slug = article->slug;
    payload.title = article->title;
    payload.lead = article->lead;
    payload.bodyHtml = body;
    payload.category = article->category;
    payload.tags = article->tags;
    if (article->featuredImageId) {
        payload.featuredImage = sent.value(*article->featuredImageId);
    }
    payload.imageAlt = article->imageAlt;
    payload.imageCaption = article->imageCaption;
    payload.publishAt = article->scheduledAt;
    payload.eventDate = article->eventDate;
    payload.publishUntil = article->publishUntil;
    payload.updatedAt = article->updatedAt;
    payload.revision = article->revision;
    if (article->translationOf) {
        payload.translationKey = u"article-%1"_s.arg(*article->translationOf);
    }
    progress(job.id, 60, Text::tr("Sending the text"));
    auto item = push(job, target, payload, article->body);
    if (!item) {
        return item.error();
    }
    if (!*item) {
        conflict = true;
        return success();
    }
    if (const Status finished = finishPublished(job, **item, article->revision); !finished) {
        return finished;
    }
    if (article->status == ArticleStatus::Approved) {
        // The newsroom shows what the site shows. A refusal here (e.g. the
        // move is not allowed any more) leaves the status as it was.
        const bool later = payload.scheduled();
        (void)articles.setStatus(m_actor, article->id,
            later ? ArticleStatus::Scheduled : ArticleStatus::Published, {},
            later ? article->scheduledAt : QDateTime());
    }
    return success();
}

Status Worker::publishPage(const JobRow &job, PublishTarget &target, bool &conflict)
{
    progress(job.id, 20, Text::tr("Writing the page"));
    auto payload = job.entity == Entity::BranchesPage ? branchesPage(m_db, job.language)
                                                      : membersPage(m_db, job.language);
    if (!payload) {
        return payload.error();
    }
    progress(job.id, 60, Text::tr("Sending the page"));
    auto item = push(job, target, *payload, payload->bodyHtml);
    if (!item) {
        return item.error();
    }
    if (!*item) {
        conflict = true;
        return success();
    }
    return finishPublished(job, **item, 0);
}

Status Worker::unpublish(const JobRow &job, PublishTarget &target)
{
    auto row = publication(job);
    if (!row) {
        return row.error();
    }
    Payload payload;
    payload.entity = job.entity;
    payload.key = u"article-%1"_s.arg(job.entityId);
    newsroom::ArticleService articles(m_db);
    auto article = articles.get(m_actor, job.entityId);
    if (article) {
        payload.title = article->title;
        payload.slug = article->slug;
    }
    QString remoteId = row->remoteId;
    if (remoteId.isEmpty() && row->sending) {
        auto found = target.find(payload);
        if (!found) {
            return found.error();
        }
        if (*found) {
            remoteId = (*found)->remoteId;
        }
    }
    if (!remoteId.isEmpty()) {
        progress(job.id, 50, Text::tr("Taking it off the site"));
        if (const Status gone = target.unpublish(payload, remoteId); !gone) {
            return gone;
        }
    }
    const Status written = m_db.inTransaction([&]() -> Status {
        const QString now = storage::timestampNow();
        auto stored
            = m_db.run(u"UPDATE publications SET live = 0, pushed_at = ?, "
                       "sending_since = NULL WHERE site_id = ? AND entity = ? AND entity_id = ?"_s,
                {now, job.siteId, entityId(job.entity), job.entityId});
        if (!stored) {
            return stored.error();
        }
        auto done = m_db.run(u"UPDATE publish_jobs SET state = 'done', progress = 100, step = ?, "
                             "last_error = '', claimed_by = NULL, updated_at = ? WHERE id = ?"_s,
            {remoteId.isEmpty() ? Text::tr("Was not on the site") : Text::tr("Taken off the site"),
                now, job.id});
        return done ? success() : Status(done.error());
    });
    if (!written) {
        return written;
    }
    if (article
        && (article->status == ArticleStatus::Published
            || article->status == ArticleStatus::Scheduled)) {
        auto live = m_db.run(u"SELECT COUNT(*) FROM publications WHERE entity = 'article' AND "
                             "entity_id = ? AND live = 1"_s,
            {job.entityId});
        if (live && live->next() && live->value(0).toInt() == 0) {
            (void)articles.setStatus(m_actor, job.entityId, ArticleStatus::Unpublished);
        }
    }
    return success();
}

void Worker::run(qint64 jobId)
{
    auto claimed = m_outbox.claim(jobId);
    if (!claimed || !*claimed) {
        return;
    }
    auto job = readJob(jobId);
    if (!job) {
        (void)m_outbox.markFailed(jobId, job.error());
        emit m_publisher.jobFinished(jobId, int(JobState::Failed), job.error().message);
        return;
    }
    emit m_publisher.jobChanged(jobId, int(JobState::Running), 0, Text::tr("Starting"));
    if (!m_sites.contains(job->siteId)) {
        const QString why = Text::tr("The job's site is gone from the settings.");
        (void)m_outbox.markFailed(jobId, makeError(Error::Kind::NotFound, why));
        emit m_publisher.jobFinished(jobId, int(JobState::Failed), why);
        return;
    }
    const SiteContext &context = m_sites[job->siteId];
    Status outcome = success();
    bool conflict = false;
    if (!context.secret) {
        outcome = context.secret.error();
    } else {
        Connection &connection = m_connections[job->siteId];
        if (!connection.http) {
            connection.http = std::make_unique<HttpClient>(context.site.timeoutSeconds * 1000);
            connection.target = makeTarget(context.site, *context.secret, *connection.http);
        }
        PublishTarget &target = *connection.target;
        if (job->action == JobAction::Unpublish) {
            outcome = unpublish(*job, target);
        } else if (job->entity == Entity::Article) {
            outcome = publishArticle(*job, target, conflict);
        } else {
            outcome = publishPage(*job, target, conflict);
        }
    }
    if (!outcome) {
        (void)m_outbox.markFailed(jobId, outcome.error());
        emit m_publisher.jobFinished(jobId, int(JobState::Failed), outcome.error().message);
    } else if (conflict) {
        emit m_publisher.jobFinished(jobId, int(JobState::Conflict), {});
    } else {
        emit m_publisher.jobFinished(jobId, int(JobState::Done), {});
    }
}

} // namespace

Publisher::Publisher(storage::DatabaseLocation location, accounts::Actor actor, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_actor(std::move(actor))
{ }

void Publisher::setParallelJobs(int count)
{
    m_parallel = std::max(1, count);
}

void Publisher::requestStop()
{
    m_stop = true;
}

Result<QString> Publisher::connectionReport(const Site &site)
{
    auto secret = SiteSecrets::read(site);
    if (!secret) {
        return secret.error();
    }
    HttpClient http(site.timeoutSeconds * 1000, RetryPolicy {1, 0, 0, 0});
    return makeTarget(site, *secret, http)->checkConnection();
}

Status Publisher::checkConnection(const Site &site)
{
    auto report = connectionReport(site);
    return report ? success() : Status(report.error());
}

RunSummary Publisher::run(const std::optional<QList<qint64>> &jobIds)
{
    RunSummary summary;
    m_stop = false;
    auto db = storage::Database::open(m_location);
    if (!db) {
        summary.failed = 1;
        summary.errors << db.errorMessage();
        return summary;
    }
    Outbox outbox(**db);
    if (!jobIds) {
        // Every run takes down announcements whose time is over.
        (void)outbox.queueExpired(m_actor);
    }
    QList<qint64> ids;
    if (jobIds) {
        ids = *jobIds;
    } else {
        auto runnable = outbox.runnableJobs();
        if (!runnable) {
            summary.failed = 1;
            summary.errors << runnable.errorMessage();
            return summary;
        }
        ids = *runnable;
    }
    if (ids.isEmpty()) {
        return summary;
    }

    // Secrets are read once, here: the keychain may ask the user.
    QHash<qint64, SiteContext> sites;
    // Jobs about the same item on the same site run in order, on one thread.
    QList<QList<qint64>> groups;
    QHash<QString, int> groupOf;
    SiteService siteService(**db);
    for (qint64 id : std::as_const(ids)) {
        auto job = outbox.job(m_actor, id);
        if (!job) {
            continue;
        }
        if (!sites.contains(job->siteId)) {
            auto site = siteService.get(job->siteId);
            if (!site) {
                continue;
            }
            sites.insert(job->siteId, SiteContext {*site, SiteSecrets::read(*site)});
        }
        const QString key
            = u"%1/%2/%3"_s.arg(job->siteId).arg(entityId(job->entity)).arg(job->entityId);
        if (const auto found = groupOf.constFind(key); found != groupOf.constEnd()) {
            groups[*found] << id;
        } else {
            groupOf.insert(key, int(groups.size()));
            groups << QList<qint64> {id};
        }
    }

    QMutex mutex;
    qsizetype next = 0;
    const auto work = [&] {
        auto own = storage::Database::open(m_location, storage::Database::Migration::Refuse);
        if (!own) {
            return;
        }
        Worker worker(**own, m_actor, sites, *this);
        while (!m_stop) {
            QList<qint64> group;
            {
                QMutexLocker lock(&mutex);
                if (next >= groups.size()) {
                    return;
                }
                group = groups[next++];
            }
            for (qint64 id : std::as_const(group)) {
                worker.run(id);
            }
        }
    };
    const int threads = int(std::min<qsizetype>(m_parallel, groups.size()));
    std::vector<std::unique_ptr<QThread>> workers;
    for (int i = 0; i < threads; ++i) {
        workers.emplace_back(QThread::create(work));
        workers.back()->start();
    }
    for (auto &worker : workers) {
        worker->wait();
    }

    for (qint64 id : std::as_const(ids)) {
        auto job = outbox.job(m_actor, id);
        if (!job) {
            continue;
        }
        switch (job->state) {
        case JobState::Done:
            ++summary.done;
            break;
        case JobState::Conflict:
            ++summary.conflicts;
            summary.errors
                << Text::tr("%1 — %2: %3").arg(job->siteName, job->title, job->lastError);
            break;
        case JobState::Failed:
        case JobState::Pending:
        case JobState::Running:
            ++summary.failed;
            summary.errors << Text::tr("%1 — %2: %3")
                                  .arg(job->siteName, job->title,
                                      job->lastError.isEmpty() ? jobStateDisplayName(job->state)
                                                               : job->lastError);
            break;
        case JobState::Cancelled:
            break;
        }
    }
    return summary;
}

} // namespace daftar::publishing
