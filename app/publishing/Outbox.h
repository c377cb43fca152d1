// The publishing outbox: every publish or unpublish is a job row, written before
// anything is sent and marked done only when the site's answer is stored, so a
// closed app, a crash or a lost network never loses or repeats one. This class
// queues and inspects jobs (quick database work, any thread); Publisher runs them.
#pragma once

#include "Site.h"
#include "accounts/Actor.h"
#include "core/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace daftar::storage {
class Database;
}

namespace daftar::publishing {

enum class JobAction { Publish, Unpublish };
enum class JobState {
    Pending, // waiting for the next run
    Running, // a publisher is working on it
    Failed, // the last attempt failed; lastError says why
    Conflict, // the site's copy changed since the last push; the chief editor decides
    Done,
    Cancelled,
};
// What a job publishes: an article/announcement, or one of the directory pages.
enum class Entity { Article, BranchesPage, MembersPage };

QString jobStateId(
    JobState state); // "pending", "running", "failed", "conflict", "done", "cancelled"
QString jobStateDisplayName(JobState state);
QString jobActionId(JobAction action); // "publish", "unpublish"
QString jobActionDisplayName(JobAction action);
QString entityId(Entity entity); // "article", "branches", "members"

struct Job
{
    qint64 id = 0;
    qint64 siteId = 0;
    QString siteName;
    Entity entity = Entity::Article;
    qint64 entityId = 0; // the article's id; 0 for pages
    QString language; // of the article, or of the page
    QString title; // the article's title or the page's name, for the screens
    JobAction action = JobAction::Publish;
    JobState state = JobState::Pending;
    int attempts = 0;
    int progress = 0; // 0–100 while running
    QString step; // what it is doing or did last, translated
    QString lastError; // translated; the site's own message where it gave one
    bool retryable = true; // false after a refusal (4xx) that a retry will not fix
    bool overwrite = false; // the chief editor chose to overwrite the site's copy
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime nextAttemptAt; // for failed, retryable jobs
};

// Where an article (or page) is on a site, as of the last push.
struct Publication
{
    qint64 siteId = 0;
    QString siteName;
    Entity entity = Entity::Article;
    qint64 entityId = 0;
    QString title;
    QString remoteId; // WordPress post id, or the JSON document id
    QUrl url; // the public address
    QString remoteModified; // the site's modified time the last push saw
    int pushedRevision = 0;
    QDateTime pushedAt;
    bool live = false; // published or scheduled there (false after unpublish)
    // The article changed in Daftar since it was pushed (a newer revision).
    bool changedSince = false;
};

// "in sync", "changed since" or "taken down", translated (screens and daftar-cli).
QString publicationStateBrief(const Publication &publication);

// Both versions of a post someone changed on the site.
struct Conflict
{
    Job job;
    QString siteTitle;
    QString siteContent; // HTML as the site keeps it
    QString siteModified; // UTC, as the site reports it
    QString ourTitle;
    QString ourContent;
};

enum class ConflictChoice {
    OverwriteSite, // push Daftar's version over the site's
    KeepSite, // leave the site's version; Daftar records it as seen
};

struct JobFilter
{
    std::optional<qint64> siteId;
    std::optional<qint64> articleId; // only this article's jobs
    bool includeFinished = true; // done and cancelled
    int limit = 500; // newest first
};

class Outbox
{
public:
    explicit Outbox(storage::Database &db);

    // Queues publishing the articles to the given site, or to every enabled site
    // whose language matches. Needs ReviewArticles; only approved, scheduled or
    // published articles can be published. A job already waiting for the same
    // article and site is reused, never doubled. Returns the job ids.
    Result<QList<qint64>> queuePublish(const accounts::Actor &actor,
        const QList<qint64> &articleIds, std::optional<qint64> siteId = std::nullopt);
    // Everything approved (and scheduled whose time has come) that is not on its
    // sites yet or changed since, plus the take-down of announcements whose
    // publish-until date has passed.
    Result<QList<qint64>> queueApproved(
        const accounts::Actor &actor, std::optional<qint64> siteId = std::nullopt);
    // Take-down of announcements past their publish-until date (every run does it).
    Result<QList<qint64>> queueExpired(
        const accounts::Actor &actor, std::optional<qint64> siteId = std::nullopt);
    Result<QList<qint64>> queueUnpublish(const accounts::Actor &actor, qint64 articleId,
        std::optional<qint64> siteId = std::nullopt);
    // The branches directory and the public member directory pages.
    Result<QList<qint64>> queueDirectories(
        const accounts::Actor &actor, std::optional<qint64> siteId = std::nullopt);

    Result<QList<Job>> jobs(const accounts::Actor &actor, const JobFilter &filter = {});
    Result<Job> job(const accounts::Actor &actor, qint64 jobId);
    // A failed, conflicting or cancelled job goes back to pending.
    Status retry(const accounts::Actor &actor, qint64 jobId);
    // A pending, failed or conflicting job is cancelled (a running one is not).
    Status cancel(const accounts::Actor &actor, qint64 jobId);
    Result<Conflict> conflict(const accounts::Actor &actor, qint64 jobId);
    Status resolveConflict(const accounts::Actor &actor, qint64 jobId, ConflictChoice choice);

    // Where things are published; for one article when articleId is given.
    Result<QList<Publication>> publications(
        const accounts::Actor &actor, std::optional<qint64> articleId = std::nullopt);

    // Jobs a run would take now: pending, failed and retryable whose time came,
    // and running ones whose process is gone.
    Result<QList<qint64>> runnableJobs();

    // For Publisher. claim() takes a runnable job for this process (false when
    // another process has it or it is no longer runnable).
    Result<bool> claim(qint64 jobId);
    Status markProgress(qint64 jobId, int progress, const QString &step);
    // Unavailable errors are retried by later runs, with growing waits; others
    // wait for the user's Retry.
    Status markFailed(qint64 jobId, const Error &error);
    Status markConflict(qint64 jobId, const QString &siteJson);
    // "host:pid" of this process, as claims record it.
    static QString processKey();

private:
    storage::Database &m_db;
};

} // namespace daftar::publishing
