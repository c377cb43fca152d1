// What the publisher asks of a site, whatever kind it is: WordPress
// (WordPressTarget) or a JSON portal (JsonTarget). Each call is one or a few
// HTTP requests; the publisher decides the order and records every answer.
#pragma once

#include "HttpClient.h"
#include "Outbox.h"
#include "Site.h"
#include "core/Result.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

namespace daftar::publishing {

struct RemoteMedia
{
    QString remoteId;
    QUrl url;
};

struct RemoteItem
{
    QString remoteId;
    QUrl url;
    QString modified; // the site's last-modified time, compared before updates
    QString title; // as the site keeps it (for conflicts)
    QString content;
    QString status; // WordPress: publish, future, draft, trash…
};

struct MediaUpload
{
    qint64 mediaId = 0;
    QString sha256;
    QString fileName;
    QString mimeType;
    QString alt;
    QByteArray bytes;
};

// One article or page, ready to send: images already point at the site.
struct Payload
{
    Entity entity = Entity::Article;
    QString key; // stable id: article-42, page-branches-fa, page-members-en
    QString type; // article, announcement, page
    QString language;
    QString slug;
    QString title;
    QString lead;
    QString bodyHtml;
    QString category;
    QStringList tags;
    std::optional<RemoteMedia> featuredImage;
    QString imageAlt;
    QString imageCaption;
    QDateTime publishAt; // UTC; in the future for scheduled items
    QDate eventDate;
    QDate publishUntil;
    QDateTime updatedAt;
    int revision = 0;
    QString translationKey;
    bool scheduled() const;
};

class PublishTarget
{
public:
    virtual ~PublishTarget();

    // An authenticated request; on success a line for the user ("Connected as …").
    virtual Result<QString> checkConnection() = 0;
    // Looks up media sent before whose answer was lost.
    virtual Result<std::optional<RemoteMedia>> findMedia(const MediaUpload &media) = 0;
    virtual Result<RemoteMedia> uploadMedia(
        const MediaUpload &media, const HttpClient::Progress &progress)
        = 0;
    // Finds an item a lost answer may have created (by the key Daftar controls).
    virtual Result<std::optional<RemoteItem>> find(const Payload &payload) = 0;
    // The item as the site has it now; nullopt when it is gone from the site.
    virtual Result<std::optional<RemoteItem>> fetch(const Payload &payload, const QString &remoteId)
        = 0;
    virtual Result<RemoteItem> create(const Payload &payload) = 0;
    virtual Result<RemoteItem> update(const QString &remoteId, const Payload &payload) = 0;
    virtual Status unpublish(const Payload &payload, const QString &remoteId) = 0;
};

std::unique_ptr<PublishTarget> makeTarget(
    const Site &site, const QString &secret, HttpClient &http);

// The reply as an Error for the user, in their language, with the site's own
// message when it gave one. Retryable failures are Kind::Unavailable; their
// message says a later run tries again unless laterRun is false (a connection test).
Error replyError(
    const Site &site, const QString &what, const HttpReply &reply, bool laterRun = true);

} // namespace daftar::publishing
