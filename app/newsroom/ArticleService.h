// The newsroom's core: articles and announcements, their revisions, the review
// workflow, edit locks and crash-safe autosave. The GUI and daftar-cli both
// work through it; every write checks the actor and is audited in the same
// transaction.
#pragma once

#include "Article.h"
#include "accounts/Actor.h"
#include "core/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace daftar::storage {
class Database;
}

namespace daftar::newsroom {

struct ArticleQuery
{
    std::optional<ArticleStatus> status;
    std::optional<ArticleKind> kind;
    QString text; // matches title, lead and category, indifferent to ي/ی etc.
    int limit = 1000;
};

struct RevisionInfo
{
    int number = 0; // 1, 2, …
    QDateTime savedAt; // UTC
    QString savedBy;
    QString title;
    int words = 0;
    QString note; // e.g. "restored from revision 3"
};

struct Revision
{
    RevisionInfo info;
    QString title;
    QString lead;
    QString body; // sanitised HTML
};

struct EditLock
{
    qint64 articleId = 0;
    std::optional<qint64> userId;
    QString holder; // display name
    QString holderKey; // username (the OS user for daftar-cli)
    QString host; // computer name, so "you on another computer" is recognisable
    QDateTime since; // UTC
    QDateTime heartbeat; // UTC; refreshed while the editor is open
};

// Text typed but not yet saved, kept so that a crash or power cut loses at most
// a few seconds. One per user and article (article 0: a new, never saved one).
struct Autosave
{
    qint64 articleId = 0;
    QString owner; // username
    QDateTime savedAt; // UTC
    Article draft; // the editor's fields as they were
};

class ArticleService
{
public:
    explicit ArticleService(storage::Database &db);

    // Editors and chief editors. The body is sanitised, the slug made from the
    // title when empty; revision 1 is kept. Status starts at Draft.
    Result<Article> create(const accounts::Actor &actor, Article article);

    // Saves a new revision. `article.revision` must be the revision the editor
    // loaded: if someone saved in between, Conflict (nothing written). Returns
    // the article as stored, with the new revision number. Saving an approved,
    // scheduled or published article by an editor sends it back to review.
    Result<Article> save(const accounts::Actor &actor, Article article);

    Result<Article> get(const accounts::Actor &actor, qint64 id);
    Result<QList<ArticleSummary>> list(const accounts::Actor &actor, const ArticleQuery &query);

    // The workflow. Allowed moves and who may make them:
    //   Draft/NeedsChanges → InReview          author or anyone with WriteArticles
    //   InReview → NeedsChanges (comment required), Approved     ReviewArticles
    //   Approved → Scheduled (needs scheduledAt), Published       ReviewArticles
    //   Scheduled → Published, Approved                           ReviewArticles
    //   Published/Scheduled → Unpublished                         ReviewArticles
    //   Unpublished → Draft, Approved                             ReviewArticles
    //   InReview → Draft (withdraw)                               author
    // Anything else is Invalid with a message naming both states.
    Result<Article> setStatus(const accounts::Actor &actor, qint64 id, ArticleStatus to,
        const QString &comment = {}, const QDateTime &scheduledAt = {});
    // Which moves this actor may make now (for the editor's buttons).
    QList<ArticleStatus> allowedMoves(const accounts::Actor &actor, const Article &article) const;

    // Newest first. Opening an article with 200 revisions must stay well under 300 ms.
    Result<QList<RevisionInfo>> revisions(const accounts::Actor &actor, qint64 id);
    Result<Revision> revision(const accounts::Actor &actor, qint64 id, int number);
    // Saves a new revision whose title, lead and body are those of `number`.
    Result<Article> restore(const accounts::Actor &actor, qint64 id, int number);

    // Edit locks. acquire() succeeds when the article is free, already ours, or
    // its lock is stale (no heartbeat for 10 minutes); otherwise Locked, with the
    // holder in the message, unless `breakLock` and the actor may review.
    Result<EditLock> acquireLock(const accounts::Actor &actor, qint64 id, bool breakLock = false);
    Result<std::optional<EditLock>> lockOf(qint64 id);
    Status refreshLock(const accounts::Actor &actor, qint64 id);
    Status releaseLock(const accounts::Actor &actor, qint64 id);

    // Autosave: one upsert, cheap enough to run every few seconds while typing.
    Status autosave(const accounts::Actor &actor, const Article &draft);
    // What this user left unsaved (after a crash), newest first.
    Result<QList<Autosave>> pendingAutosaves(const accounts::Actor &actor);
    Status discardAutosave(const accounts::Actor &actor, qint64 articleId);

private:
    Result<Article> saveRevision(
        const accounts::Actor &actor, Article article, const QString &note);

    storage::Database &m_db;
};

} // namespace daftar::newsroom
