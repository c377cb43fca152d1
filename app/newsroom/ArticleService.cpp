#include "ArticleService.h"

#include "ArticleHtml.h"
#include "TextStats.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "text/Jalali.h"
#include "text/PersianText.h"
#include "text/Slug.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSqlQuery>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace daftar::newsroom {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Newsroom)
};

using accounts::Actor;
using accounts::Permission;

// A lock whose editor stopped sending heartbeats (crash, power cut, laptop
// closed) stops protecting the article after this long.
constexpr qint64 staleLockSeconds = 10 * 60;

const QString columns = u"id, kind, title, lead, body, featured_image_id, image_caption, "
                        "image_alt, category, tags, slug, language, translation_of, author_id, "
                        "author_name, created_at, updated_at, event_date, scheduled_at, "
                        "publish_until, seo_title, seo_description, status, status_comment, "
                        "revision"_s;

QVariant dateValue(QDate date)
{
    return date.isValid() ? QVariant(date.toString(Qt::ISODate))
                          : QVariant(QMetaType::fromType<QString>());
}

QVariant timeValue(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toUTC().toString(Qt::ISODateWithMs))
                          : QVariant(QMetaType::fromType<QString>());
}

QVariant idValue(std::optional<qint64> id)
{
    return id ? QVariant(*id) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime timeFrom(const QVariant &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    time.setTimeSpec(Qt::UTC);
    return time;
}

std::optional<qint64> idFrom(const QVariant &value)
{
    if (value.isNull()) {
        return std::nullopt;
    }
    return value.toLongLong();
}

Article readRow(const QSqlQuery &row)
{
    Article article;
    article.id = row.value(0).toLongLong();
    article.kind = kindFromId(row.value(1).toString()).value_or(ArticleKind::Article);
    article.title = row.value(2).toString();
    article.lead = row.value(3).toString();
    article.body = row.value(4).toString();
    article.featuredImageId = idFrom(row.value(5));
    article.imageCaption = row.value(6).toString();
    article.imageAlt = row.value(7).toString();
    article.category = row.value(8).toString();
    for (const QJsonValue &tag :
        QJsonDocument::fromJson(row.value(9).toString().toUtf8()).array()) {
        article.tags << tag.toString();
    }
    article.slug = row.value(10).toString();
    article.language = row.value(11).toString();
    article.translationOf = idFrom(row.value(12));
    article.authorId = idFrom(row.value(13));
    article.authorName = row.value(14).toString();
    article.createdAt = timeFrom(row.value(15));
    article.updatedAt = timeFrom(row.value(16));
    article.eventDate = QDate::fromString(row.value(17).toString(), Qt::ISODate);
    if (!row.value(18).isNull()) {
        article.scheduledAt = timeFrom(row.value(18));
    }
    article.publishUntil = QDate::fromString(row.value(19).toString(), Qt::ISODate);
    article.seoTitle = row.value(20).toString();
    article.seoDescription = row.value(21).toString();
    article.status = statusFromId(row.value(22).toString()).value_or(ArticleStatus::Draft);
    article.statusComment = row.value(23).toString();
    article.revision = row.value(24).toInt();
    return article;
}

Result<Article> readArticle(storage::Database &db, qint64 id)
{
    auto row = db.run(u"SELECT %1 FROM articles WHERE id = ?"_s.arg(columns), {id});
    if (!row) {
        return row.error();
    }
    if (!row->next()) {
        return makeError(Error::Kind::NotFound,
            Text::tr("There is no article number %1. It may have been deleted; refresh the "
                     "list.")
                .arg(id));
    }
    return readRow(*row);
}

QString searchKeyOf(const Article &article)
{
    return text::searchKey(article.title + u' ' + article.lead + u' ' + article.category);
}

QString tagsJson(const QStringList &tags)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact));
}

// What the audit trail keeps of an article: enough to tell what changed, not
// the whole body (the revisions keep that).
QJsonObject describe(const Article &article)
{
    return {{u"title"_s, article.title}, {u"kind"_s, kindId(article.kind)},
        {u"status"_s, statusId(article.status)}, {u"category"_s, article.category},
        {u"slug"_s, article.slug}, {u"language"_s, article.language},
        {u"revision"_s, article.revision}};
}

// Trims and checks the editor's fields; makes the slug and sanitises the body.
Status normalize(Article &article)
{
    article.title = article.title.simplified();
    article.lead = article.lead.trimmed();
    article.category = article.category.simplified();
    QStringList tags;
    for (const QString &tag : std::as_const(article.tags)) {
        const QString clean = tag.simplified();
        if (!clean.isEmpty() && !tags.contains(clean)) {
            tags << clean;
        }
    }
    article.tags = tags;
    if (article.title.isEmpty()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("The article has no title. Write a title; it also makes the address "
                     "(slug) on the site."));
    }
    if (article.language != u"fa" && article.language != u"en") {
        return makeError(Error::Kind::Invalid,
            Text::tr("The language \"%1\" is not one the site has: use fa (Persian) or en "
                     "(English).")
                .arg(article.language));
    }
    if (article.kind == ArticleKind::Article) {
        article.publishUntil = {};
    } else if (article.publishUntil.isValid() && article.eventDate.isValid()
        && article.publishUntil < article.eventDate) {
        return makeError(Error::Kind::Invalid,
            Text::tr("The announcement would be taken down before its own date: choose a "
                     "\"publish until\" date after the event date."));
    }
    article.slug = text::slugify(article.slug.isEmpty() ? article.title : article.slug);
    if (article.slug.isEmpty()) {
        article.slug = u"article"_s;
    }
    article.body = sanitizeHtml(article.body);
    article.seoTitle = article.seoTitle.simplified();
    article.seoDescription = article.seoDescription.simplified();
    return success();
}

// Slugs are unique per language: the site finds the post by it. A taken one gets
// "-2", "-3"… like WordPress does.
Result<QString> freeSlug(storage::Database &db, const Article &article)
{
    QString candidate = article.slug;
    for (int suffix = 2;; ++suffix) {
        auto taken = db.run(u"SELECT 1 FROM articles WHERE language = ? AND slug = ? AND id <> ?"_s,
            {article.language, candidate, article.id});
        if (!taken) {
            return taken.error();
        }
        if (!taken->next()) {
            return candidate;
        }
        candidate = article.slug + u'-' + QString::number(suffix);
    }
}

Status insertRevision(
    storage::Database &db, const Actor &actor, const Article &article, const QString &note)
{
    const int words = measureText(plainTextOf(article.body)).words
        + measureText(article.title).words + measureText(article.lead).words;
    auto inserted = db.run(u"INSERT INTO article_revisions (article_id, number, saved_at, "
                           "saved_by, title, lead, body, words, note) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {article.id, article.revision, timeValue(article.updatedAt),
            storage::orEmpty(actor.displayName), storage::orEmpty(article.title),
            storage::orEmpty(article.lead), storage::orEmpty(article.body), words,
            storage::orEmpty(note)});
    return inserted ? success() : Status(inserted.error());
}

QVariantList valuesOf(const Article &article)
{
    return {kindId(article.kind), storage::orEmpty(article.title), storage::orEmpty(article.lead),
        storage::orEmpty(article.body), idValue(article.featuredImageId),
        storage::orEmpty(article.imageCaption), storage::orEmpty(article.imageAlt),
        storage::orEmpty(article.category), tagsJson(article.tags), storage::orEmpty(article.slug),
        storage::orEmpty(article.language), idValue(article.translationOf),
        dateValue(article.eventDate), timeValue(article.scheduledAt),
        dateValue(article.publishUntil), storage::orEmpty(article.seoTitle),
        storage::orEmpty(article.seoDescription), storage::orEmpty(searchKeyOf(article))};
}

QString localTime(const QDateTime &utc)
{
    return text::formatJalaliDateTime(utc, QLocale());
}

bool isStale(const QDateTime &heartbeat)
{
    return heartbeat.secsTo(QDateTime::currentDateTimeUtc()) > staleLockSeconds;
}

struct Move
{
    ArticleStatus from;
    ArticleStatus to;
    Permission permission;
    bool authorOnly = false;
};

const QList<Move> &moves()
{
    static const QList<Move> all = {
        {ArticleStatus::Draft, ArticleStatus::InReview, Permission::WriteArticles},
        {ArticleStatus::NeedsChanges, ArticleStatus::InReview, Permission::WriteArticles},
        {ArticleStatus::InReview, ArticleStatus::Draft, Permission::WriteArticles, true},
        {ArticleStatus::InReview, ArticleStatus::NeedsChanges, Permission::ReviewArticles},
        {ArticleStatus::InReview, ArticleStatus::Approved, Permission::ReviewArticles},
        {ArticleStatus::Approved, ArticleStatus::Scheduled, Permission::ReviewArticles},
        {ArticleStatus::Approved, ArticleStatus::Published, Permission::ReviewArticles},
        {ArticleStatus::Scheduled, ArticleStatus::Published, Permission::ReviewArticles},
        {ArticleStatus::Scheduled, ArticleStatus::Approved, Permission::ReviewArticles},
        {ArticleStatus::Scheduled, ArticleStatus::Unpublished, Permission::ReviewArticles},
        {ArticleStatus::Published, ArticleStatus::Unpublished, Permission::ReviewArticles},
        {ArticleStatus::Unpublished, ArticleStatus::Draft, Permission::ReviewArticles},
        {ArticleStatus::Unpublished, ArticleStatus::Approved, Permission::ReviewArticles},
    };
    return all;
}

bool isAuthor(const Actor &actor, const Article &article)
{
    if (article.authorId && actor.userId) {
        return *article.authorId == *actor.userId;
    }
    return !article.authorId && !actor.userId && article.authorName == actor.displayName;
}

} // namespace

ArticleService::ArticleService(storage::Database &db)
    : m_db(db)
{ }

Result<Article> ArticleService::create(const Actor &actor, Article article)
{
    if (const Status allowed = actor.require(Permission::WriteArticles); !allowed) {
        return allowed.error();
    }
    article.id = 0;
    if (const Status valid = normalize(article); !valid) {
        return valid.error();
    }
    article.status = ArticleStatus::Draft;
    article.statusComment.clear();
    article.authorId = actor.userId;
    article.authorName = actor.displayName;
    article.createdAt = article.updatedAt = QDateTime::currentDateTimeUtc();
    article.revision = 1;
    const Status done = m_db.inTransaction([&]() -> Status {
        auto slug = freeSlug(m_db, article);
        if (!slug) {
            return slug.error();
        }
        article.slug = *slug;
        auto inserted = m_db.run(u"INSERT INTO articles (kind, title, lead, body, "
                                 "featured_image_id, image_caption, image_alt, category, tags, "
                                 "slug, language, translation_of, event_date, scheduled_at, "
                                 "publish_until, seo_title, seo_description, search_key, "
                                 "author_id, author_name, created_at, updated_at, status, "
                                 "revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                 "?, ?, ?, ?, ?, ?, ?, 'draft', 1) RETURNING id"_s,
            valuesOf(article) << idValue(article.authorId) << storage::orEmpty(article.authorName)
                              << timeValue(article.createdAt) << timeValue(article.updatedAt));
        if (!inserted) {
            return inserted.error();
        }
        inserted->next();
        article.id = inserted->value(0).toLongLong();
        inserted->finish();
        if (const Status kept = insertRevision(m_db, actor, article, {}); !kept) {
            return kept;
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"article.create"_s,
            u"article"_s, QString::number(article.id), {}, describe(article));
    });
    if (!done) {
        return done.error();
    }
    return article;
}

Result<Article> ArticleService::save(const Actor &actor, Article article)
{
    return saveRevision(actor, std::move(article), {});
}

Result<Article> ArticleService::saveRevision(
    const Actor &actor, Article article, const QString &note)
{
    if (const Status allowed = actor.require(Permission::WriteArticles); !allowed) {
        return allowed.error();
    }
    if (const Status valid = normalize(article); !valid) {
        return valid.error();
    }
    Article stored;
    const Status done = m_db.inTransaction([&]() -> Status {
        auto current = readArticle(m_db, article.id);
        if (!current) {
            return current.error();
        }
        stored = *current;
        if (stored.revision != article.revision) {
            return makeError(Error::Kind::Conflict,
                Text::tr("%1 saved this article (revision %2) after you opened revision %3. "
                         "Your text is kept in the editor: copy what you need, reopen the "
                         "article and add it again.")
                    .arg(stored.authorName.isEmpty() ? Text::tr("Someone") : stored.authorName)
                    .arg(stored.revision)
                    .arg(article.revision));
        }
        auto lock = lockOf(article.id);
        if (!lock) {
            return lock.error();
        }
        if (*lock && !isStale((*lock)->heartbeat)
            && ((*lock)->holderKey != actor.username
                || (*lock)->host != QSysInfo::machineHostName())) {
            return makeError(Error::Kind::Locked,
                Text::tr("%1 is editing this article on %2 (since %3). Save again when they "
                         "have closed it, or ask a chief editor to take over the lock.")
                    .arg((*lock)->holder, (*lock)->host, localTime((*lock)->since)));
        }
        auto slug = freeSlug(m_db, article);
        if (!slug) {
            return slug.error();
        }
        article.slug = *slug;
        article.authorId = stored.authorId;
        article.authorName = stored.authorName;
        article.createdAt = stored.createdAt;
        article.updatedAt = QDateTime::currentDateTimeUtc();
        article.revision = stored.revision + 1;
        article.status = stored.status;
        article.statusComment = stored.statusComment;
        // Once approved, only a reviewer may change what the site will show:
        // an editor's change goes back to review.
        const bool reviewed = stored.status == ArticleStatus::Approved
            || stored.status == ArticleStatus::Scheduled
            || stored.status == ArticleStatus::Published;
        if (reviewed && !actor.require(Permission::ReviewArticles)) {
            article.status = ArticleStatus::InReview;
            article.statusComment.clear();
        }
        auto updated = m_db.run(u"UPDATE articles SET kind = ?, title = ?, lead = ?, body = ?, "
                                "featured_image_id = ?, image_caption = ?, image_alt = ?, "
                                "category = ?, tags = ?, slug = ?, language = ?, "
                                "translation_of = ?, event_date = ?, scheduled_at = ?, "
                                "publish_until = ?, seo_title = ?, seo_description = ?, "
                                "search_key = ?, updated_at = ?, revision = ?, status = ?, "
                                "status_comment = ? WHERE id = ? AND revision = ?"_s,
            valuesOf(article) << timeValue(article.updatedAt) << article.revision
                              << statusId(article.status) << storage::orEmpty(article.statusComment)
                              << article.id << stored.revision);
        if (!updated) {
            return updated.error();
        }
        if (const Status kept = insertRevision(m_db, actor, article, note); !kept) {
            return kept;
        }
        if (article.status != stored.status) {
            if (const Status audited = storage::AuditLog::record(m_db, actor.auditActor(),
                    u"article.status"_s, u"article"_s, QString::number(article.id),
                    {{u"status"_s, statusId(stored.status)}},
                    {{u"status"_s, statusId(article.status)},
                        {u"comment"_s, Text::tr("changed after approval")}});
                !audited) {
                return audited;
            }
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"article.update"_s,
            u"article"_s, QString::number(article.id), describe(stored), describe(article));
    });
    if (!done) {
        return done.error();
    }
    return article;
}

Result<Article> ArticleService::get(const Actor &, qint64 id)
{
    return readArticle(m_db, id);
}

Result<QList<ArticleSummary>> ArticleService::list(const Actor &, const ArticleQuery &query)
{
    QString sql = u"SELECT id, kind, title, category, language, author_name, status, "
                  "updated_at, event_date, scheduled_at, publish_until, revision FROM articles"_s;
    QStringList where;
    QVariantList values;
    if (query.status) {
        where << u"status = ?"_s;
        values << statusId(*query.status);
    }
    if (query.kind) {
        where << u"kind = ?"_s;
        values << kindId(*query.kind);
    }
    const QString key = text::searchKey(query.text).simplified();
    for (const QString &word : key.split(u' ', Qt::SkipEmptyParts)) {
        where << u"search_key LIKE ?"_s;
        QString escaped = word;
        escaped.replace(u'%', QString()).replace(u'_', QString());
        values << (u'%' + escaped + u'%');
    }
    if (!where.isEmpty()) {
        sql += u" WHERE "_s + where.join(u" AND "_s);
    }
    sql += u" ORDER BY updated_at DESC, id DESC LIMIT ?"_s;
    values << query.limit;
    auto rows = m_db.run(sql, values);
    if (!rows) {
        return rows.error();
    }
    QList<ArticleSummary> summaries;
    while (rows->next()) {
        ArticleSummary summary;
        summary.id = rows->value(0).toLongLong();
        summary.kind = kindFromId(rows->value(1).toString()).value_or(ArticleKind::Article);
        summary.title = rows->value(2).toString();
        summary.category = rows->value(3).toString();
        summary.language = rows->value(4).toString();
        summary.authorName = rows->value(5).toString();
        summary.status = statusFromId(rows->value(6).toString()).value_or(ArticleStatus::Draft);
        summary.updatedAt = timeFrom(rows->value(7));
        summary.eventDate = QDate::fromString(rows->value(8).toString(), Qt::ISODate);
        if (!rows->value(9).isNull()) {
            summary.scheduledAt = timeFrom(rows->value(9));
        }
        summary.publishUntil = QDate::fromString(rows->value(10).toString(), Qt::ISODate);
        summary.revision = rows->value(11).toInt();
        summaries << summary;
    }
    return summaries;
}

QList<ArticleStatus> ArticleService::allowedMoves(const Actor &actor, const Article &article) const
{
    QList<ArticleStatus> allowed;
    for (const Move &move : moves()) {
        if (move.from != article.status || !actor.require(move.permission)) {
            continue;
        }
        if (move.authorOnly && !isAuthor(actor, article)) {
            continue;
        }
        if (!allowed.contains(move.to)) {
            allowed << move.to;
        }
    }
    return allowed;
}

Result<Article> ArticleService::setStatus(const Actor &actor, qint64 id, ArticleStatus to,
    const QString &comment, const QDateTime &scheduledAt)
{
    Article article;
    const Status done = m_db.inTransaction([&]() -> Status {
        auto current = readArticle(m_db, id);
        if (!current) {
            return current.error();
        }
        article = *current;
        const ArticleStatus from = article.status;
        const auto move = std::find_if(moves().cbegin(), moves().cend(),
            [&](const Move &candidate) { return candidate.from == from && candidate.to == to; });
        if (move == moves().cend()) {
            return makeError(Error::Kind::Invalid,
                Text::tr("An article that is \"%1\" cannot become \"%2\".")
                    .arg(statusDisplayName(from), statusDisplayName(to)));
        }
        if (const Status allowed = actor.require(move->permission); !allowed) {
            return allowed;
        }
        if (move->authorOnly && !isAuthor(actor, article)) {
            return makeError(Error::Kind::Refused,
                Text::tr("Only the author (%1) can withdraw this article from review.")
                    .arg(article.authorName));
        }
        const QString reason = comment.trimmed();
        if (to == ArticleStatus::NeedsChanges && reason.isEmpty()) {
            return makeError(Error::Kind::Invalid,
                Text::tr("Say what needs to change: the comment goes back to the author."));
        }
        if (to == ArticleStatus::Scheduled) {
            const QDateTime when = scheduledAt.isValid() ? scheduledAt : article.scheduledAt;
            if (!when.isValid()) {
                return makeError(Error::Kind::Invalid,
                    Text::tr("Choose the date and time to publish at before scheduling."));
            }
            if (when <= QDateTime::currentDateTimeUtc()) {
                return makeError(Error::Kind::Invalid,
                    Text::tr("The publishing time %1 has already passed: choose a later one, "
                             "or publish now.")
                        .arg(localTime(when)));
            }
            article.scheduledAt = when.toUTC();
        }
        article.status = to;
        article.statusComment = reason;
        article.updatedAt = QDateTime::currentDateTimeUtc();
        auto updated = m_db.run(u"UPDATE articles SET status = ?, status_comment = ?, "
                                "scheduled_at = ?, updated_at = ? WHERE id = ?"_s,
            {statusId(to), storage::orEmpty(reason), timeValue(article.scheduledAt),
                timeValue(article.updatedAt), id});
        if (!updated) {
            return updated.error();
        }
        QJsonObject after {{u"status"_s, statusId(to)}};
        if (!reason.isEmpty()) {
            after.insert(u"comment"_s, reason);
        }
        if (to == ArticleStatus::Scheduled) {
            after.insert(u"scheduled_at"_s, article.scheduledAt.toString(Qt::ISODate));
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"article.status"_s,
            u"article"_s, QString::number(id), {{u"status"_s, statusId(from)}}, after);
    });
    if (!done) {
        return done.error();
    }
    return article;
}

Result<QList<RevisionInfo>> ArticleService::revisions(const Actor &, qint64 id)
{
    auto rows = m_db.run(u"SELECT number, saved_at, saved_by, title, words, note "
                         "FROM article_revisions WHERE article_id = ? ORDER BY number DESC"_s,
        {id});
    if (!rows) {
        return rows.error();
    }
    QList<RevisionInfo> infos;
    while (rows->next()) {
        RevisionInfo info;
        info.number = rows->value(0).toInt();
        info.savedAt = timeFrom(rows->value(1));
        info.savedBy = rows->value(2).toString();
        info.title = rows->value(3).toString();
        info.words = rows->value(4).toInt();
        info.note = rows->value(5).toString();
        infos << info;
    }
    return infos;
}

Result<Revision> ArticleService::revision(const Actor &, qint64 id, int number)
{
    auto row = m_db.run(u"SELECT number, saved_at, saved_by, title, words, note, lead, body "
                        "FROM article_revisions WHERE article_id = ? AND number = ?"_s,
        {id, number});
    if (!row) {
        return row.error();
    }
    if (!row->next()) {
        return makeError(
            Error::Kind::NotFound, Text::tr("Article %1 has no revision %2.").arg(id).arg(number));
    }
    Revision revision;
    revision.info.number = row->value(0).toInt();
    revision.info.savedAt = timeFrom(row->value(1));
    revision.info.savedBy = row->value(2).toString();
    revision.info.title = revision.title = row->value(3).toString();
    revision.info.words = row->value(4).toInt();
    revision.info.note = row->value(5).toString();
    revision.lead = row->value(6).toString();
    revision.body = row->value(7).toString();
    return revision;
}

Result<Article> ArticleService::restore(const Actor &actor, qint64 id, int number)
{
    auto old = revision(actor, id, number);
    if (!old) {
        return old.error();
    }
    auto current = get(actor, id);
    if (!current) {
        return current.error();
    }
    Article article = *current;
    article.title = old->title;
    article.lead = old->lead;
    article.body = old->body;
    return saveRevision(actor, article, Text::tr("restored from revision %1").arg(number));
}

Result<EditLock> ArticleService::acquireLock(const Actor &actor, qint64 id, bool breakLock)
{
    EditLock lock;
    const Status done = m_db.inTransaction([&]() -> Status {
        if (auto exists = readArticle(m_db, id); !exists) {
            return exists.error();
        }
        auto held = lockOf(id);
        if (!held) {
            return held.error();
        }
        const QString host = QSysInfo::machineHostName();
        if (*held && !isStale((*held)->heartbeat)) {
            const EditLock &other = **held;
            const bool mine = other.holderKey == actor.username && other.host == host;
            const bool myOtherComputer = other.holderKey == actor.username;
            if (!mine) {
                if (!breakLock) {
                    return makeError(Error::Kind::Locked,
                        Text::tr("%1 has had this article open on %2 since %3. You can read it, "
                                 "or wait until they close it; a chief editor can take over the "
                                 "lock.")
                            .arg(other.holder, other.host, localTime(other.since)));
                }
                if (!myOtherComputer) {
                    if (const Status allowed = actor.require(Permission::ReviewArticles);
                        !allowed) {
                        return allowed;
                    }
                }
                if (const Status audited = storage::AuditLog::record(m_db, actor.auditActor(),
                        u"article.lock_break"_s, u"article"_s, QString::number(id),
                        {{u"holder"_s, other.holder}, {u"host"_s, other.host}},
                        {{u"holder"_s, actor.displayName}, {u"host"_s, host}});
                    !audited) {
                    return audited;
                }
            }
        }
        const QString now = storage::timestampNow();
        auto cleared = m_db.run(u"DELETE FROM article_locks WHERE article_id = ?"_s, {id});
        if (!cleared) {
            return cleared.error();
        }
        auto taken = m_db.run(u"INSERT INTO article_locks (article_id, user_id, holder, "
                              "holder_key, host, since, heartbeat) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
            {id, idValue(actor.userId), storage::orEmpty(actor.displayName),
                storage::orEmpty(actor.username), storage::orEmpty(host), now, now});
        if (!taken) {
            return taken.error();
        }
        lock.articleId = id;
        lock.userId = actor.userId;
        lock.holder = actor.displayName;
        lock.holderKey = actor.username;
        lock.host = host;
        lock.since = lock.heartbeat = timeFrom(now);
        return success();
    });
    if (!done) {
        return done.error();
    }
    return lock;
}

Result<std::optional<EditLock>> ArticleService::lockOf(qint64 id)
{
    auto row = m_db.run(u"SELECT user_id, holder, holder_key, host, since, heartbeat "
                        "FROM article_locks WHERE article_id = ?"_s,
        {id});
    if (!row) {
        return row.error();
    }
    if (!row->next()) {
        return std::optional<EditLock>();
    }
    EditLock lock;
    lock.articleId = id;
    lock.userId = idFrom(row->value(0));
    lock.holder = row->value(1).toString();
    lock.holderKey = row->value(2).toString();
    lock.host = row->value(3).toString();
    lock.since = timeFrom(row->value(4));
    lock.heartbeat = timeFrom(row->value(5));
    return std::optional<EditLock>(lock);
}

Status ArticleService::refreshLock(const Actor &actor, qint64 id)
{
    auto updated = m_db.run(u"UPDATE article_locks SET heartbeat = ? "
                            "WHERE article_id = ? AND holder_key = ? AND host = ?"_s,
        {storage::timestampNow(), id, actor.username, QSysInfo::machineHostName()});
    if (!updated) {
        return updated.error();
    }
    if (updated->numRowsAffected() == 0) {
        return makeError(Error::Kind::Locked,
            Text::tr("Someone else has taken over this article; your changes can no longer be "
                     "saved over theirs. Copy what you need and reopen it."));
    }
    return success();
}

Status ArticleService::releaseLock(const Actor &actor, qint64 id)
{
    auto deleted = m_db.run(u"DELETE FROM article_locks "
                            "WHERE article_id = ? AND holder_key = ? AND host = ?"_s,
        {id, actor.username, QSysInfo::machineHostName()});
    return deleted ? success() : Status(deleted.error());
}

Status ArticleService::autosave(const Actor &actor, const Article &draft)
{
    const QString json
        = QString::fromUtf8(QJsonDocument(toJson(draft)).toJson(QJsonDocument::Compact));
    auto saved = m_db.run(u"INSERT INTO article_autosaves (owner, article_id, saved_at, draft) "
                          "VALUES (?, ?, ?, ?) ON CONFLICT (owner, article_id) "
                          "DO UPDATE SET saved_at = excluded.saved_at, draft = excluded.draft"_s,
        {storage::orEmpty(actor.username), draft.id, storage::timestampNow(), json});
    return saved ? success() : Status(saved.error());
}

Result<QList<Autosave>> ArticleService::pendingAutosaves(const Actor &actor)
{
    auto rows = m_db.run(u"SELECT article_id, saved_at, draft FROM article_autosaves "
                         "WHERE owner = ? ORDER BY saved_at DESC"_s,
        {actor.username});
    if (!rows) {
        return rows.error();
    }
    QList<Autosave> pending;
    while (rows->next()) {
        Autosave autosave;
        autosave.articleId = rows->value(0).toLongLong();
        autosave.owner = actor.username;
        autosave.savedAt = timeFrom(rows->value(1));
        autosave.draft
            = articleFromJson(QJsonDocument::fromJson(rows->value(2).toString().toUtf8()).object());
        pending << autosave;
    }
    return pending;
}

Status ArticleService::discardAutosave(const Actor &actor, qint64 articleId)
{
    auto deleted = m_db.run(u"DELETE FROM article_autosaves WHERE owner = ? AND article_id = ?"_s,
        {actor.username, articleId});
    return deleted ? success() : Status(deleted.error());
}

} // namespace daftar::newsroom
