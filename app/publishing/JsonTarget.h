// A custom portal speaking docs/publishing-json.md (schema daftar.v1): PUT by a
// stable id so retries overwrite instead of duplicating, every request signed
// with HMAC-SHA256 over method, path, timestamp and body.
#pragma once

#include "PublishTarget.h"

#include <QJsonObject>

namespace daftar::publishing {

class JsonTarget : public PublishTarget
{
public:
    JsonTarget(Site site, QString secret, HttpClient &http);

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

    // The document docs/publishing-json.md describes.
    static QJsonObject document(const Payload &payload);
    // "sha256=<hex>" over METHOD \n PATH \n TIMESTAMP \n BODY.
    static QByteArray signature(const QByteArray &secret, const QByteArray &method,
        const QByteArray &path, const QByteArray &timestamp, const QByteArray &body);

private:
    HttpRequest signedRequest(const QByteArray &method, const QString &path, const QByteArray &body,
        const QByteArray &contentType = {}) const;
    Result<RemoteItem> put(const Payload &payload);

    Site m_site;
    QByteArray m_secret;
    HttpClient &m_http;
};

} // namespace daftar::publishing
