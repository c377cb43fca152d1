// A piece of news or an announcement as the newsroom keeps it: the fields the
// editor shows, the workflow state, and the stable values publishing needs.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace daftar::newsroom {

enum class ArticleKind {
    Article, // خبر
    Announcement, // آگهی: taken down after publishUntil
};

// draft → in review → approved → scheduled / published → unpublished, and
// "needs changes" back to the author from review.
enum class ArticleStatus {
    Draft,
    InReview,
    NeedsChanges,
    Approved,
    Scheduled,
    Published,
    Unpublished,
};

QList<ArticleStatus> allArticleStatuses();
// Stable identifiers stored in the database and typed on the command line
// ("draft", "in_review", "needs_changes", "approved", "scheduled", "published",
// "unpublished"; "article", "announcement").
QString statusId(ArticleStatus status);
std::optional<ArticleStatus> statusFromId(const QString &id);
QString kindId(ArticleKind kind);
std::optional<ArticleKind> kindFromId(const QString &id);
// Translated for the user ("Newsroom" context).
QString statusDisplayName(ArticleStatus status);
QString kindDisplayName(ArticleKind kind);

struct Article
{
    qint64 id = 0; // 0 until created
    ArticleKind kind = ArticleKind::Article;
    QString title;
    QString lead; // summary shown under the title; the excerpt on the site
    QString body; // sanitised HTML fragment (see ArticleHtml.h)
    std::optional<qint64> featuredImageId; // media library id
    QString imageCaption;
    QString imageAlt;
    QString category;
    QStringList tags;
    QString slug; // made from the title when left empty
    QString language = QStringLiteral("fa"); // "fa" or "en"
    std::optional<qint64> translationOf; // the same article in the other language
    std::optional<qint64> authorId;
    QString authorName;
    QDateTime createdAt; // UTC
    QDateTime updatedAt; // UTC
    QDate eventDate; // the date the news is about; shown in Jalali
    QDateTime scheduledAt; // UTC; publish time for scheduled items
    QDate publishUntil; // announcements only
    QString seoTitle;
    QString seoDescription;
    ArticleStatus status = ArticleStatus::Draft;
    QString statusComment; // e.g. why it needs changes
    int revision = 0; // number of the latest saved revision (1 after create)
};

// One row of the newsroom list: enough to show and sort without the body.
struct ArticleSummary
{
    qint64 id = 0;
    ArticleKind kind = ArticleKind::Article;
    QString title;
    QString category;
    QString language;
    QString authorName;
    ArticleStatus status = ArticleStatus::Draft;
    QDateTime updatedAt;
    QDate eventDate;
    QDateTime scheduledAt;
    QDate publishUntil;
    int revision = 0;
};

// The article as JSON (daftar-cli --json, autosave): ISO dates, ids of kind and
// status as above. fromJson accepts what toJson writes.
QJsonObject toJson(const Article &article);
Article articleFromJson(const QJsonObject &json);

} // namespace daftar::newsroom
