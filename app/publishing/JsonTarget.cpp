#include "JsonTarget.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

using namespace Qt::StringLiterals;

namespace daftar::publishing {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Publishing)
};

QJsonValue dateOrNull(QDate date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate))
                          : QJsonValue(QJsonValue::Null);
}

} // namespace

JsonTarget::JsonTarget(Site site, QString secret, HttpClient &http)
    : m_site(std::move(site))
    , m_secret(secret.toUtf8())
    , m_http(http)
{ }

QByteArray JsonTarget::signature(const QByteArray &secret, const QByteArray &method,
    const QByteArray &path, const QByteArray &timestamp, const QByteArray &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret);
    mac.addData(method + '\n' + path + '\n' + timestamp + '\n');
    mac.addData(body);
    return "sha256=" + mac.result().toHex();
}

HttpRequest JsonTarget::signedRequest(const QByteArray &method, const QString &path,
    const QByteArray &body, const QByteArray &contentType) const
{
    QUrl url = m_site.url;
    QString base = url.path();
    while (base.endsWith(u'/')) {
        base.chop(1);
    }
    url.setPath(base + path);
    const QByteArray encodedPath = url.toEncoded(
        QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveQuery | QUrl::RemoveFragment);
    const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.body = body;
    request.headers = {{"X-Daftar-Timestamp", timestamp},
        {"X-Daftar-Signature", signature(m_secret, method, encodedPath, timestamp, body)},
        {"Accept", "application/json"}};
    if (!m_site.user.isEmpty()) {
        request.headers.append({QByteArray("X-Daftar-Client"), QByteArray(m_site.user.toUtf8())});
    }
    if (!contentType.isEmpty()) {
        request.headers.append({QByteArray("Content-Type"), QByteArray(contentType)});
    }
    return request;
}

QJsonObject JsonTarget::document(const Payload &payload)
{
    QJsonValue image = QJsonValue::Null;
    if (payload.featuredImage) {
        image = QJsonObject {{u"url"_s, payload.featuredImage->url.toString()},
            {u"alt"_s, payload.imageAlt}, {u"caption"_s, payload.imageCaption}};
    }
    return {{u"schema"_s, u"daftar.v1"_s}, {u"id"_s, payload.key}, {u"type"_s, payload.type},
        {u"language"_s, payload.language}, {u"slug"_s, payload.slug}, {u"title"_s, payload.title},
        {u"lead"_s, payload.lead}, {u"body_html"_s, payload.bodyHtml},
        {u"category"_s, payload.category}, {u"tags"_s, QJsonArray::fromStringList(payload.tags)},
        {u"featured_image"_s, image},
        {u"status"_s, payload.scheduled() ? u"scheduled"_s : u"published"_s},
        {u"published_at"_s,
            timeOrNull(
                payload.publishAt.isValid() ? payload.publishAt : QDateTime::currentDateTimeUtc())},
        {u"publish_until"_s, dateOrNull(payload.publishUntil)},
        {u"event_date"_s, dateOrNull(payload.eventDate)},
        {u"updated_at"_s, timeOrNull(payload.updatedAt)}, {u"revision"_s, payload.revision},
        {u"translation_id"_s,
            payload.translationKey.isEmpty() ? QJsonValue(QJsonValue::Null)
                                             : QJsonValue(payload.translationKey)}};
}

Result<QString> JsonTarget::checkConnection()
{
    const HttpReply reply = m_http.send(signedRequest("GET", u"/v1/ping"_s, {}));
    if (!reply.ok()) {
        return replyError(m_site, Text::tr("Checking the connection"), reply, false);
    }
    const QString schema = reply.json().object().value(u"schema"_s).toString();
    if (schema != "daftar.v1"_L1) {
        return makeError(Error::Kind::Invalid,
            Text::tr("The address %1 answered, but not as a Daftar portal (schema daftar.v1). "
                     "Check the portal's address.")
                .arg(m_site.url.toString()));
    }
    return Text::tr("Connected to the portal at %1; it accepts the signature.")
        .arg(m_site.url.host());
}

Result<std::optional<RemoteMedia>> JsonTarget::findMedia(const MediaUpload &)
{
    // A PUT by SHA-256 is safe to repeat: nothing to look up.
    return std::optional<RemoteMedia>();
}

Result<RemoteMedia> JsonTarget::uploadMedia(
    const MediaUpload &media, const HttpClient::Progress &progress)
{
    HttpRequest request = signedRequest(
        "PUT", u"/v1/media/"_s + media.sha256, media.bytes, media.mimeType.toLatin1());
    QString extension = media.fileName.section(u'.', -1).toLower();
    request.headers.append({QByteArray("X-Daftar-Filename"),
        (u"daftar-"_s + media.sha256.left(20) + u'.' + (extension.isEmpty() ? u"jpg"_s : extension))
            .toLatin1()});
    request.headers.append(
        {QByteArray("X-Daftar-Alt"), QByteArray(QUrl::toPercentEncoding(media.alt))});
    const HttpReply reply = m_http.send(request, progress);
    if (!reply.ok()) {
        return replyError(m_site, Text::tr("Sending the image %1").arg(media.fileName), reply);
    }
    return RemoteMedia {media.sha256, QUrl(reply.json().object().value(u"url"_s).toString())};
}

Result<std::optional<RemoteItem>> JsonTarget::find(const Payload &payload)
{
    return fetch(payload, payload.key);
}

Result<std::optional<RemoteItem>> JsonTarget::fetch(const Payload &payload, const QString &remoteId)
{
    const HttpReply reply = m_http.send(signedRequest("GET", u"/v1/items/"_s + remoteId, {}));
    if (reply.status == 404 || reply.status == 410) {
        return std::optional<RemoteItem>();
    }
    if (!reply.ok()) {
        return replyError(
            m_site, Text::tr("Reading \"%1\" from the portal").arg(payload.title), reply);
    }
    const QJsonObject json = reply.json().object();
    RemoteItem item;
    item.remoteId = remoteId;
    item.url = QUrl(json.value(u"url"_s).toString());
    item.modified = json.value(u"modified"_s).toString();
    item.title = json.value(u"title"_s).toString();
    item.content = json.value(u"body_html"_s).toString();
    item.status = json.value(u"status"_s).toString();
    return std::optional<RemoteItem>(item);
}

Result<RemoteItem> JsonTarget::put(const Payload &payload)
{
    const QByteArray body = QJsonDocument(document(payload)).toJson(QJsonDocument::Compact);
    const HttpReply reply = m_http.send(signedRequest(
        "PUT", u"/v1/items/"_s + payload.key, body, "application/json; charset=utf-8"));
    if (!reply.ok()) {
        return replyError(
            m_site, Text::tr("Sending \"%1\" to the portal").arg(payload.title), reply);
    }
    const QJsonObject json = reply.json().object();
    RemoteItem item;
    item.remoteId = payload.key;
    item.url = QUrl(json.value(u"url"_s).toString());
    item.modified = json.value(u"modified"_s).toString();
    item.title = payload.title;
    item.content = payload.bodyHtml;
    item.status = payload.scheduled() ? u"scheduled"_s : u"published"_s;
    return item;
}

Result<RemoteItem> JsonTarget::create(const Payload &payload)
{
    return put(payload);
}

Result<RemoteItem> JsonTarget::update(const QString &, const Payload &payload)
{
    return put(payload);
}

Status JsonTarget::unpublish(const Payload &payload, const QString &remoteId)
{
    const HttpReply reply = m_http.send(signedRequest("DELETE", u"/v1/items/"_s + remoteId, {}));
    if (reply.ok() || reply.status == 404 || reply.status == 410) {
        return success();
    }
    return replyError(m_site, Text::tr("Taking \"%1\" off the portal").arg(payload.title), reply);
}

} // namespace daftar::publishing
