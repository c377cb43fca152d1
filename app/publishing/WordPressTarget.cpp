#include "WordPressTarget.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace daftar::publishing {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Publishing)
};

QString gmtText(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss"_s);
}

} // namespace

WordPressTarget::WordPressTarget(Site site, QString password, HttpClient &http)
    : m_site(std::move(site))
    , m_http(http)
{
    // Application Passwords are shown with spaces; WordPress accepts them either way.
    const QString secret = password.remove(u' ');
    m_authorization = "Basic " + (m_site.user + u':' + secret).toUtf8().toBase64();
}

QString WordPressTarget::mediaSlug(const QString &sha256)
{
    return u"daftar-"_s + sha256.left(20).toLower();
}

QString WordPressTarget::collection(const Payload &payload)
{
    return payload.entity == Entity::Article ? u"posts"_s : u"pages"_s;
}

QUrl WordPressTarget::route(const QString &path, const QList<QPair<QString, QString>> &query) const
{
    QUrl url = m_site.url;
    QString base = url.path();
    if (!base.endsWith(u'/')) {
        base += u'/';
    }
    url.setPath(base);
    QUrlQuery items;
    items.addQueryItem(u"rest_route"_s, path);
    for (const auto &[key, value] : query) {
        items.addQueryItem(key, value);
    }
    url.setQuery(items);
    return url;
}

HttpRequest WordPressTarget::request(const QByteArray &method, const QUrl &url) const
{
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.headers = {{"Authorization", m_authorization}, {"Accept", "application/json"}};
    return request;
}

HttpRequest WordPressTarget::jsonRequest(
    const QByteArray &method, const QUrl &url, const QJsonObject &body) const
{
    HttpRequest out = request(method, url);
    out.headers.append({QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")});
    out.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return out;
}

RemoteItem WordPressTarget::itemFromJson(const QJsonObject &json)
{
    RemoteItem item;
    item.remoteId = QString::number(json.value(u"id"_s).toInteger());
    item.url = QUrl(json.value(u"link"_s).toString());
    item.modified = json.value(u"modified_gmt"_s).toString();
    item.title = json.value(u"title"_s).toObject().value(u"raw"_s).toString();
    item.content = json.value(u"content"_s).toObject().value(u"raw"_s).toString();
    item.status = json.value(u"status"_s).toString();
    return item;
}

Result<QString> WordPressTarget::checkConnection()
{
    const HttpReply reply
        = m_http.send(request("GET", route(u"/wp/v2/users/me"_s, {{u"context"_s, u"edit"_s}})));
    if (!reply.ok()) {
        return replyError(m_site, Text::tr("Checking the connection"), reply, false);
    }
    const QJsonObject me = reply.json().object();
    if (me.value(u"id"_s).toInteger() <= 0) {
        return makeError(Error::Kind::Invalid,
            Text::tr("The address %1 answered, but not as WordPress's REST API. Check the "
                     "site's address.")
                .arg(m_site.url.toString()));
    }
    QStringList roles;
    for (const QJsonValue &role : me.value(u"roles"_s).toArray()) {
        roles << role.toString();
    }
    return Text::tr("Connected to %1 as %2 (%3).")
        .arg(m_site.url.host(), me.value(u"name"_s).toString(), roles.join(u", "_s));
}

Result<std::optional<RemoteMedia>> WordPressTarget::findMedia(const MediaUpload &media)
{
    const QString slug = mediaSlug(media.sha256);
    const HttpReply reply = m_http.send(request("GET",
        route(u"/wp/v2/media"_s, {{u"slug"_s, slugFamily(slug)}, {u"context"_s, u"edit"_s}})));
    if (!reply.ok()) {
        return replyError(m_site, Text::tr("Looking for an image sent before"), reply);
    }
    auto kept = keepOne(u"media"_s, slug, media.fileName, reply.json().array());
    if (!kept) {
        return kept.error();
    }
    if (!*kept) {
        return std::optional<RemoteMedia>();
    }
    return std::optional<RemoteMedia>(
        RemoteMedia {QString::number((*kept)->value(u"id"_s).toInteger()),
            QUrl((*kept)->value(u"source_url"_s).toString())});
}

QString WordPressTarget::slugFamily(const QString &slug)
{
    QStringList family {slug};
    for (int copy = 2; copy <= 5; ++copy) {
        family << slug + u'-' + QString::number(copy);
    }
    return family.join(u',');
}

Result<std::optional<QJsonObject>> WordPressTarget::keepOne(const QString &collectionName,
    const QString &slug, const QString &title, const QJsonArray &found)
{
    std::optional<QJsonObject> keeper;
    QList<QJsonObject> copies;
    for (const QJsonValue &value : found) {
        const QJsonObject item = value.toObject();
        const QString itemSlug
            = QUrl::fromPercentEncoding(item.value(u"slug"_s).toString().toUtf8());
        const QString itemTitle = item.value(u"title"_s).toObject().value(u"raw"_s).toString();
        if (itemSlug == slug) {
            if (keeper) {
                copies << *keeper;
            }
            keeper = item;
        } else if (itemTitle.trimmed() == title.trimmed()) {
            copies << item;
        }
    }
    if (!keeper && !copies.isEmpty()) {
        std::sort(copies.begin(), copies.end(), [](const QJsonObject &a, const QJsonObject &b) {
            return a.value(u"id"_s).toInteger() < b.value(u"id"_s).toInteger();
        });
        keeper = copies.takeFirst();
    }
    for (const QJsonObject &copy : std::as_const(copies)) {
        const HttpReply gone = m_http.send(request("DELETE",
            route(u"/wp/v2/%1/%2"_s.arg(collectionName).arg(copy.value(u"id"_s).toInteger()),
                {{u"force"_s, u"true"_s}})));
        if (!gone.ok() && gone.status != 404 && gone.status != 410) {
            return replyError(
                m_site, Text::tr("Removing a second copy of \"%1\"").arg(title), gone);
        }
    }
    return keeper;
}

Result<RemoteMedia> WordPressTarget::uploadMedia(
    const MediaUpload &media, const HttpClient::Progress &progress)
{
    // Multipart, so the file and its alt text and slug go in one request.
    // WordPress does not read RFC 5987 file names: the name sent is ASCII.
    const QByteArray boundary = "daftar-" + media.sha256.left(32).toLatin1();
    const QString extension = media.fileName.section(u'.', -1).toLower();
    const QByteArray fileName
        = (mediaSlug(media.sha256) + u'.' + (extension.isEmpty() ? u"jpg"_s : extension))
              .toLatin1();
    QByteArray body;
    const auto field = [&](const QByteArray &name, const QString &value) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
            + "\"\r\n\r\n" + value.toUtf8() + "\r\n";
    };
    field("slug", mediaSlug(media.sha256));
    field("title", media.fileName);
    field("alt_text", media.alt);
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
        + fileName + "\"\r\nContent-Type: " + media.mimeType.toLatin1() + "\r\n\r\n";
    body += media.bytes;
    body += "\r\n--" + boundary + "--\r\n";

    HttpRequest upload = request("POST", route(u"/wp/v2/media"_s));
    upload.headers.append(
        {QByteArray("Content-Type"), QByteArray("multipart/form-data; boundary=" + boundary)});
    upload.body = body;
    upload.idempotent = false;
    const HttpReply reply = m_http.send(upload, progress);
    if (!reply.ok()) {
        return replyError(m_site, Text::tr("Uploading the image %1").arg(media.fileName), reply);
    }
    const QJsonObject item = reply.json().object();
    if (item.value(u"slug"_s).toString() != mediaSlug(media.sha256)) {
        // The site already had it (a request sent twice): keep one.
        auto kept = findMedia(media);
        if (!kept) {
            return kept.error();
        }
        if (*kept) {
            return **kept;
        }
    }
    return RemoteMedia {QString::number(item.value(u"id"_s).toInteger()),
        QUrl(item.value(u"source_url"_s).toString())};
}

Result<std::optional<RemoteItem>> WordPressTarget::find(const Payload &payload)
{
    const HttpReply reply = m_http.send(request("GET",
        route(u"/wp/v2/"_s + collection(payload),
            {{u"slug"_s, slugFamily(payload.slug)},
                {u"status"_s, u"publish,future,draft,pending,private"_s},
                {u"context"_s, u"edit"_s}})));
    if (!reply.ok()) {
        return replyError(
            m_site, Text::tr("Looking for \"%1\" on the site").arg(payload.title), reply);
    }
    auto kept = keepOne(collection(payload), payload.slug, payload.title, reply.json().array());
    if (!kept) {
        return kept.error();
    }
    if (!*kept) {
        return std::optional<RemoteItem>();
    }
    return std::optional<RemoteItem>(itemFromJson(**kept));
}

Result<std::optional<RemoteItem>> WordPressTarget::fetch(
    const Payload &payload, const QString &remoteId)
{
    const HttpReply reply = m_http.send(request("GET",
        route(u"/wp/v2/%1/%2"_s.arg(collection(payload), remoteId), {{u"context"_s, u"edit"_s}})));
    if (reply.status == 404 || reply.status == 410) {
        return std::optional<RemoteItem>();
    }
    if (!reply.ok()) {
        return replyError(
            m_site, Text::tr("Reading \"%1\" from the site").arg(payload.title), reply);
    }
    RemoteItem item = itemFromJson(reply.json().object());
    if (item.status == "trash"_L1) {
        return std::optional<RemoteItem>();
    }
    return std::optional<RemoteItem>(item);
}

Result<qint64> WordPressTarget::term(const QString &taxonomy, const QString &name)
{
    const QString key = taxonomy + u'/' + name;
    if (const auto known = m_terms.constFind(key); known != m_terms.constEnd()) {
        return *known;
    }
    // Creating answers with the id either way: 201 for a new term, 400
    // term_exists with data.term_id for one the site already has.
    const HttpReply reply
        = m_http.send(jsonRequest("POST", route(u"/wp/v2/"_s + taxonomy), {{u"name"_s, name}}));
    const QJsonObject json = reply.json().object();
    qint64 id = 0;
    if (reply.ok()) {
        id = json.value(u"id"_s).toInteger();
    } else if (json.value(u"code"_s).toString() == "term_exists"_L1) {
        id = json.value(u"data"_s).toObject().value(u"term_id"_s).toInteger();
    }
    if (id <= 0) {
        return replyError(m_site,
            taxonomy == "categories"_L1 ? Text::tr("Finding the category \"%1\"").arg(name)
                                        : Text::tr("Finding the tag \"%1\"").arg(name),
            reply);
    }
    m_terms.insert(key, id);
    return id;
}

Result<QJsonObject> WordPressTarget::postBody(const Payload &payload)
{
    QJsonObject body {
        {u"title"_s, payload.title}, {u"content"_s, payload.bodyHtml}, {u"slug"_s, payload.slug}};
    if (payload.scheduled()) {
        body.insert(u"status"_s, u"future"_s);
        body.insert(u"date_gmt"_s, gmtText(payload.publishAt));
    } else {
        body.insert(u"status"_s, u"publish"_s);
    }
    if (payload.entity != Entity::Article) {
        return body;
    }
    body.insert(u"excerpt"_s, payload.lead);
    if (!payload.category.isEmpty()) {
        auto id = term(u"categories"_s, payload.category);
        if (!id) {
            return id.error();
        }
        body.insert(u"categories"_s, QJsonArray {*id});
    }
    QJsonArray tags;
    for (const QString &tag : payload.tags) {
        auto id = term(u"tags"_s, tag);
        if (!id) {
            return id.error();
        }
        tags.append(*id);
    }
    body.insert(u"tags"_s, tags);
    body.insert(u"featured_media"_s,
        payload.featuredImage ? payload.featuredImage->remoteId.toLongLong() : 0);
    return body;
}

Result<RemoteItem> WordPressTarget::create(const Payload &payload)
{
    auto body = postBody(payload);
    if (!body) {
        return body.error();
    }
    HttpRequest request = jsonRequest("POST", route(u"/wp/v2/"_s + collection(payload)), *body);
    request.idempotent = false;
    const HttpReply reply = m_http.send(request);
    if (!reply.ok()) {
        return replyError(
            m_site, Text::tr("Creating \"%1\" on the site").arg(payload.title), reply);
    }
    const QJsonObject created = reply.json().object();
    const QString slug = QUrl::fromPercentEncoding(created.value(u"slug"_s).toString().toUtf8());
    if (slug != payload.slug) {
        // WordPress renamed it because the slug was taken: by the same post sent
        // twice (Qt resends a request whose connection dropped before the
        // answer), or by a post made on the site. Keep one; update it.
        auto kept = find(payload);
        if (!kept) {
            return kept.error();
        }
        if (*kept && (*kept)->remoteId != QString::number(created.value(u"id"_s).toInteger())) {
            return update((*kept)->remoteId, payload);
        }
    }
    return itemFromJson(created);
}

Result<RemoteItem> WordPressTarget::update(const QString &remoteId, const Payload &payload)
{
    auto body = postBody(payload);
    if (!body) {
        return body.error();
    }
    const HttpReply reply = m_http.send(jsonRequest("POST",
        route(u"/wp/v2/%1/%2"_s.arg(collection(payload), remoteId), {{u"context"_s, u"edit"_s}}),
        *body));
    if (!reply.ok()) {
        return replyError(
            m_site, Text::tr("Updating \"%1\" on the site").arg(payload.title), reply);
    }
    return itemFromJson(reply.json().object());
}

Status WordPressTarget::unpublish(const Payload &payload, const QString &remoteId)
{
    const QUrl url = route(u"/wp/v2/%1/%2"_s.arg(collection(payload), remoteId));
    const HttpReply reply = m_site.unpublishMode == UnpublishMode::Trash
        ? m_http.send(request("DELETE", url))
        : m_http.send(jsonRequest("POST", url, {{u"status"_s, u"draft"_s}}));
    // Gone already (deleted or trashed on the site) is what was asked for.
    if (reply.ok() || reply.status == 404 || reply.status == 410
        || reply.json().object().value(u"code"_s).toString() == "rest_already_trashed"_L1) {
        return success();
    }
    return replyError(m_site, Text::tr("Taking \"%1\" off the site").arg(payload.title), reply);
}

} // namespace daftar::publishing
