// A WordPress site over its REST API v2, authenticated with an Application
// Password. Routes go through ?rest_route= so they work with or without pretty
// permalinks. WordPress has no idempotency keys, so the publisher's own key is
// the slug: a create whose answer was lost is found again by it.
#pragma once

#include "PublishTarget.h"

#include <QHash>

namespace daftar::publishing {

class WordPressTarget : public PublishTarget
{
public:
    WordPressTarget(Site site, QString password, HttpClient &http);

    Result<QString> checkConnection() override;
    Result<std::optional<RemoteMedia>> findMedia(const MediaUpload &media) override;
    Result<RemoteMedia> uploadMedia(
        const MediaUpload &media, const HttpClient::Progress &progress) override;
    Result<std::optional<RemoteItem>> find(const Payload &payload) override;
    Result<std::optional<RemoteItem>> fetch(
        const Payload &payload, const QString &remoteId) override;
    Result<RemoteItem> create(const Payload &payload) override;
    Result<RemoteItem> update(const QString &remoteId, const Payload &payload) override;
    Status unpublish(const Payload &payload, const QString &remoteId) override;

    // The slug a media item gets on the site: stable, ASCII, from its SHA-256.
    static QString mediaSlug(const QString &sha256);

private:
    QUrl route(const QString &path, const QList<QPair<QString, QString>> &query = {}) const;
    HttpRequest request(const QByteArray &method, const QUrl &url) const;
    HttpRequest jsonRequest(
        const QByteArray &method, const QUrl &url, const QJsonObject &body) const;
    Result<qint64> term(const QString &taxonomy, const QString &name);
    Result<QJsonObject> postBody(const Payload &payload);
    static QString collection(const Payload &payload); // "posts" or "pages"
    static RemoteItem itemFromJson(const QJsonObject &json);
    // The slug and the suffixed ones WordPress gives a second copy (slug-2 …).
    static QString slugFamily(const QString &slug);
    // Of the items found, the one to keep: the exact slug first, else the
    // oldest. Copies with the same title (made by a request sent twice, e.g. a
    // resend after a dropped connection) are deleted for good.
    Result<std::optional<QJsonObject>> keepOne(const QString &collectionName, const QString &slug,
        const QString &title, const QJsonArray &found);

    Site m_site;
    QByteArray m_authorization;
    HttpClient &m_http;
    QHash<QString, qint64> m_terms; // "categories/name" → id, for this run
};

} // namespace daftar::publishing
