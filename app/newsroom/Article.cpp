#include "Article.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace daftar::newsroom {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Newsroom)
};
} // namespace

QList<ArticleStatus> allArticleStatuses()
{
    return {ArticleStatus::Draft, ArticleStatus::InReview, ArticleStatus::NeedsChanges,
        ArticleStatus::Approved, ArticleStatus::Scheduled, ArticleStatus::Published,
        ArticleStatus::Unpublished};
}

QString statusId(ArticleStatus status)
{
    switch (status) {
    case ArticleStatus::Draft:
        return u"draft"_s;
    case ArticleStatus::InReview:
        return u"in_review"_s;
    case ArticleStatus::NeedsChanges:
        return u"needs_changes"_s;
    case ArticleStatus::Approved:
        return u"approved"_s;
    case ArticleStatus::Scheduled:
        return u"scheduled"_s;
    case ArticleStatus::Published:
        return u"published"_s;
    case ArticleStatus::Unpublished:
        return u"unpublished"_s;
    }
    return {};
}

std::optional<ArticleStatus> statusFromId(const QString &id)
{
    const QString wanted = id.trimmed().toLower().replace(u'-', u'_');
    for (ArticleStatus status : allArticleStatuses()) {
        if (statusId(status) == wanted) {
            return status;
        }
    }
    return std::nullopt;
}

QString kindId(ArticleKind kind)
{
    return kind == ArticleKind::Announcement ? u"announcement"_s : u"article"_s;
}

std::optional<ArticleKind> kindFromId(const QString &id)
{
    const QString wanted = id.trimmed().toLower();
    if (wanted == u"article") {
        return ArticleKind::Article;
    }
    if (wanted == u"announcement") {
        return ArticleKind::Announcement;
    }
    return std::nullopt;
}

QString statusDisplayName(ArticleStatus status)
{
    switch (status) {
    case ArticleStatus::Draft:
        return Text::tr("Draft");
    case ArticleStatus::InReview:
        return Text::tr("In review");
    case ArticleStatus::NeedsChanges:
        return Text::tr("Needs changes");
    case ArticleStatus::Approved:
        return Text::tr("Approved");
    case ArticleStatus::Scheduled:
        return Text::tr("Scheduled");
    case ArticleStatus::Published:
        return Text::tr("Published");
    case ArticleStatus::Unpublished:
        return Text::tr("Unpublished");
    }
    return {};
}

QString kindDisplayName(ArticleKind kind)
{
    return kind == ArticleKind::Announcement ? Text::tr("Announcement") : Text::tr("News");
}

QJsonObject toJson(const Article &article)
{
    const auto date = [](QDate value) {
        return value.isValid() ? QJsonValue(value.toString(Qt::ISODate)) : QJsonValue();
    };
    const auto time = [](const QDateTime &value) {
        return value.isValid() ? QJsonValue(value.toUTC().toString(Qt::ISODateWithMs))
                               : QJsonValue();
    };
    const auto id = [](std::optional<qint64> value) {
        return value ? QJsonValue(*value) : QJsonValue();
    };
    return {{u"id"_s, article.id}, {u"kind"_s, kindId(article.kind)}, {u"title"_s, article.title},
        {u"lead"_s, article.lead}, {u"body"_s, article.body},
        {u"featured_image_id"_s, id(article.featuredImageId)},
        {u"image_caption"_s, article.imageCaption}, {u"image_alt"_s, article.imageAlt},
        {u"category"_s, article.category}, {u"tags"_s, QJsonArray::fromStringList(article.tags)},
        {u"slug"_s, article.slug}, {u"language"_s, article.language},
        {u"translation_of"_s, id(article.translationOf)}, {u"author_id"_s, id(article.authorId)},
        {u"author"_s, article.authorName}, {u"created_at"_s, time(article.createdAt)},
        {u"updated_at"_s, time(article.updatedAt)}, {u"event_date"_s, date(article.eventDate)},
        {u"scheduled_at"_s, time(article.scheduledAt)},
        {u"publish_until"_s, date(article.publishUntil)}, {u"seo_title"_s, article.seoTitle},
        {u"seo_description"_s, article.seoDescription}, {u"status"_s, statusId(article.status)},
        {u"status_comment"_s, article.statusComment}, {u"revision"_s, article.revision}};
}

Article articleFromJson(const QJsonObject &json)
{
    const auto date = [&](const QString &key) {
        return QDate::fromString(json.value(key).toString(), Qt::ISODate);
    };
    const auto time = [&](const QString &key) {
        return QDateTime::fromString(json.value(key).toString(), Qt::ISODateWithMs);
    };
    const auto id = [&](const QString &key) -> std::optional<qint64> {
        const QJsonValue value = json.value(key);
        if (value.isDouble()) {
            return qint64(value.toDouble());
        }
        return std::nullopt;
    };
    Article article;
    article.id = qint64(json.value(u"id"_s).toDouble());
    article.kind = kindFromId(json.value(u"kind"_s).toString()).value_or(ArticleKind::Article);
    article.title = json.value(u"title"_s).toString();
    article.lead = json.value(u"lead"_s).toString();
    article.body = json.value(u"body"_s).toString();
    article.featuredImageId = id(u"featured_image_id"_s);
    article.imageCaption = json.value(u"image_caption"_s).toString();
    article.imageAlt = json.value(u"image_alt"_s).toString();
    article.category = json.value(u"category"_s).toString();
    for (const QJsonValue &tag : json.value(u"tags"_s).toArray()) {
        article.tags << tag.toString();
    }
    article.slug = json.value(u"slug"_s).toString();
    article.language = json.value(u"language"_s).toString(u"fa"_s);
    article.translationOf = id(u"translation_of"_s);
    article.authorId = id(u"author_id"_s);
    article.authorName = json.value(u"author"_s).toString();
    article.createdAt = time(u"created_at"_s);
    article.updatedAt = time(u"updated_at"_s);
    article.eventDate = date(u"event_date"_s);
    article.scheduledAt = time(u"scheduled_at"_s);
    article.publishUntil = date(u"publish_until"_s);
    article.seoTitle = json.value(u"seo_title"_s).toString();
    article.seoDescription = json.value(u"seo_description"_s).toString();
    article.status
        = statusFromId(json.value(u"status"_s).toString()).value_or(ArticleStatus::Draft);
    article.statusComment = json.value(u"status_comment"_s).toString();
    article.revision = json.value(u"revision"_s).toInt();
    return article;
}

} // namespace daftar::newsroom
