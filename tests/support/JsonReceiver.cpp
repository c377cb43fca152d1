#include "JsonReceiver.h"

#include "HttpWire.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QMimeDatabase>
#include <QMutex>
#include <QRegularExpression>

#include <algorithm>
#include <cstdlib>
#include <optional>

using namespace Qt::StringLiterals;

namespace daftar::test {

namespace {

constexpr qint64 allowedClockSkew = 300;
const QByteArray apiPrefix = "/daftar-api";

http::Response json(int status, const QJsonObject &object)
{
    return {status, {}, {{"Content-Type", "application/json; charset=utf-8"}},
        QJsonDocument(object).toJson(QJsonDocument::Compact)};
}

http::Response message(int status, const QString &text)
{
    return json(status, {{u"message"_s, text}});
}

// Signatures are compared in constant time, as the protocol asks of a portal.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return difference == 0;
}

QByteArray extensionFor(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    static const QMap<QByteArray, QByteArray> common {{"image/jpeg", "jpg"}, {"image/png", "png"},
        {"image/gif", "gif"}, {"image/webp", "webp"}, {"image/svg+xml", "svg"},
        {"image/avif", "avif"}};
    if (const auto it = common.constFind(type); it != common.constEnd()) {
        return it.value();
    }
    const QString suffix
        = QMimeDatabase().mimeTypeForName(QString::fromLatin1(type)).preferredSuffix();
    return suffix.isEmpty() ? "bin" : suffix.toLatin1();
}

// The src of every <img> in the body, with the entities an HTML writer puts in URLs decoded.
QStringList imageSources(const QString &html)
{
    static const QRegularExpression img(
        uR"re(<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))re"_s,
        QRegularExpression::CaseInsensitiveOption);
    QStringList sources;
    for (const auto &match : img.globalMatch(html)) {
        QString src = match.captured(1) + match.captured(2) + match.captured(3);
        src.replace(u"&quot;"_s, u"\""_s).replace(u"&#39;"_s, u"'"_s).replace(u"&amp;"_s, u"&"_s);
        sources.append(src.trimmed());
    }
    return sources;
}

} // namespace

struct JsonReceiver::State
{
    struct Media
    {
        QByteArray bytes;
        QByteArray contentType;
        QString alt;
        QByteArray path; // /media/<sha>.<ext>
    };

    mutable QMutex mutex;
    QByteArray secret;
    quint16 port = 0;
    QMap<QString, Item> items;
    QMap<QString, Media> media;
    QStringList log;
    int rejected = 0;
    QList<QString> deleted;
    QDateTime lastModified;

    http::Response handle(const http::Request &request);

    QString origin() const { return u"http://127.0.0.1:%1"_s.arg(port); }
    QString publicItemUrl(const QString &id) const
    {
        return origin() + u"/items/"_s + QString::fromLatin1(QUrl::toPercentEncoding(id));
    }
    QString nextModified();
    bool signatureValid(const http::Request &request) const;
    bool isMediaUrl(const QString &url) const;
    http::Response api(const http::Request &request, const QByteArray &route);
    http::Response putItem(const http::Request &request, const QString &id);
    http::Response getItem(const QString &id) const;
    http::Response deleteItem(const QString &id);
    http::Response putMedia(const http::Request &request, const QByteArray &sha);
    http::Response publicMedia(const QByteArray &path) const;
    http::Response publicItem(const QString &id) const;
};

QByteArray JsonReceiver::signature(
    QByteArray secret, QByteArray method, QByteArray path, QByteArray timestamp, QByteArray body)
{
    const QByteArray signedText = method + '\n' + path + '\n' + timestamp + '\n' + body;
    return "sha256="
        + QMessageAuthenticationCode::hash(signedText, secret, QCryptographicHash::Sha256).toHex();
}

QString JsonReceiver::State::nextModified()
{
    // Two PUTs within one millisecond must still get different values: a
    // conflict check compares them.
    QDateTime now = QDateTime::currentDateTimeUtc();
    if (lastModified.isValid() && now <= lastModified) {
        now = lastModified.addMSecs(1);
    }
    lastModified = now;
    return now.toString(Qt::ISODateWithMs);
}

bool JsonReceiver::State::signatureValid(const http::Request &request) const
{
    const QByteArray timestamp = http::header(request.headers, "x-daftar-timestamp");
    bool ok = false;
    const qint64 seconds = timestamp.toLongLong(&ok);
    if (!ok || timestamp.front() == '+'
        || std::llabs(seconds - QDateTime::currentSecsSinceEpoch()) > allowedClockSkew) {
        return false;
    }
    const QByteArray expected
        = signature(secret, request.method, request.path(), timestamp, request.body);
    return sameBytes(http::header(request.headers, "x-daftar-signature"), expected);
}

bool JsonReceiver::State::isMediaUrl(const QString &url) const
{
    const QString base = origin();
    return std::any_of(media.begin(), media.end(),
        [&](const Media &stored) { return url == base + QString::fromLatin1(stored.path); });
}

http::Response JsonReceiver::State::handle(const http::Request &request)
{
    QMutexLocker lock(&mutex);
    const QByteArray path = request.path();
    const bool get = request.method == "GET" || request.method == "HEAD";
    http::Response response;
    if (path.startsWith(apiPrefix + '/')) {
        response = api(request, path.mid(apiPrefix.size()));
    } else if (get && path.startsWith("/media/")) {
        response = publicMedia(path);
    } else if (get && path.startsWith("/items/")) {
        response = publicItem(QUrl::fromPercentEncoding(path.mid(7)));
    } else {
        response = message(404, u"Nothing here: %1"_s.arg(QString::fromLatin1(path)));
    }
    log.append(
        QString::fromLatin1(request.method + ' ' + path + ' ') + QString::number(response.status));
    return response;
}

http::Response JsonReceiver::State::api(const http::Request &request, const QByteArray &route)
{
    if (!signatureValid(request)) {
        ++rejected;
        return message(401, u"bad signature"_s);
    }
    const QByteArray &method = request.method;
    const auto notAllowed = [&](const QByteArray &allow) {
        http::Response refusal = message(405,
            u"%1 is not allowed here; use %2"_s.arg(
                QString::fromLatin1(method), QString::fromLatin1(allow)));
        refusal.headers.emplaceBack("Allow", allow);
        return refusal;
    };
    if (route == "/v1/ping") {
        return method == "GET" ? json(200, {{u"schema"_s, u"daftar.v1"_s}}) : notAllowed("GET");
    }
    const auto segment = [&](const QByteArray &prefix) -> std::optional<QByteArray> {
        if (!route.startsWith(prefix) || route.size() == prefix.size()
            || route.indexOf('/', prefix.size()) >= 0) {
            return std::nullopt;
        }
        return route.mid(prefix.size());
    };
    if (const auto id = segment("/v1/items/")) {
        const QString decoded = QUrl::fromPercentEncoding(*id);
        if (method == "PUT") {
            return putItem(request, decoded);
        }
        if (method == "GET") {
            return getItem(decoded);
        }
        if (method == "DELETE") {
            return deleteItem(decoded);
        }
        return notAllowed("GET, PUT, DELETE");
    }
    if (const auto sha = segment("/v1/media/")) {
        return method == "PUT" ? putMedia(request, *sha) : notAllowed("PUT");
    }
    return message(404, u"No such API path: %1"_s.arg(QString::fromLatin1(route)));
}

http::Response JsonReceiver::State::putItem(const http::Request &request, const QString &id)
{
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !parsed.isObject()) {
        return message(400,
            u"The body is not a JSON object: %1"_s.arg(error.error != QJsonParseError::NoError
                    ? error.errorString()
                    : u"not an object"_s));
    }
    const QJsonObject document = parsed.object();
    if (document.value(u"schema"_s) != u"daftar.v1"_s) {
        return message(400, u"\"schema\" must be \"daftar.v1\""_s);
    }
    if (!document.value(u"id"_s).isString() || document.value(u"id"_s).toString() != id) {
        return message(400,
            u"\"id\" in the document (%1) differs from the id in the path (%2)"_s.arg(
                document.value(u"id"_s).toVariant().toString(), id));
    }
    QStringList images = imageSources(document.value(u"body_html"_s).toString());
    const QJsonValue featured = document.value(u"featured_image"_s);
    if (featured.isObject() && featured[u"url"_s].isString()) {
        images.append(featured[u"url"_s].toString());
    } else if (!featured.isNull() && !featured.isUndefined()) {
        return message(400, u"\"featured_image\" must be null or an object with a \"url\""_s);
    }
    for (const QString &image : std::as_const(images)) {
        if (!isMediaUrl(image)) {
            return message(409, u"image not sent before the item: "_s + image);
        }
    }
    const bool created = !items.contains(id);
    Item &item = items[id];
    item.document = document;
    item.modified = nextModified();
    ++item.puts;
    return json(
        created ? 201 : 200, {{u"url"_s, publicItemUrl(id)}, {u"modified"_s, item.modified}});
}

http::Response JsonReceiver::State::getItem(const QString &id) const
{
    const auto it = items.constFind(id);
    if (it == items.constEnd()) {
        return message(404, u"No item %1"_s.arg(id));
    }
    QJsonObject document = it->document;
    document.insert(u"modified"_s, it->modified);
    return json(200, document);
}

http::Response JsonReceiver::State::deleteItem(const QString &id)
{
    if (!items.remove(id)) {
        return message(404, u"No item %1"_s.arg(id));
    }
    deleted.append(id);
    return {204, {}, {}, {}};
}

http::Response JsonReceiver::State::putMedia(const http::Request &request, const QByteArray &sha)
{
    const QByteArray actual
        = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
    const QString key = QString::fromLatin1(sha).toLower();
    if (key != QString::fromLatin1(actual)) {
        return message(400,
            u"The SHA-256 of the body is %1, not %2"_s.arg(
                QString::fromLatin1(actual), QString::fromLatin1(sha)));
    }
    const QByteArray contentType = http::header(request.headers, "content-type");
    const bool created = !media.contains(key);
    Media &stored = media[key];
    stored.bytes = request.body;
    stored.contentType = contentType.isEmpty() ? "application/octet-stream" : contentType;
    stored.alt = QString::fromUtf8(
        QByteArray::fromPercentEncoding(http::header(request.headers, "x-daftar-alt")));
    stored.path = "/media/" + actual + '.' + extensionFor(contentType);
    return json(created ? 201 : 200, {{u"url"_s, origin() + QString::fromLatin1(stored.path)}});
}

http::Response JsonReceiver::State::publicMedia(const QByteArray &path) const
{
    for (const Media &stored : media) {
        if (stored.path == path) {
            return {200, {}, {{"Content-Type", stored.contentType}}, stored.bytes};
        }
    }
    return message(404, u"No image at %1"_s.arg(QString::fromLatin1(path)));
}

http::Response JsonReceiver::State::publicItem(const QString &id) const
{
    const auto it = items.constFind(id);
    if (it == items.constEnd()) {
        return message(404, u"No item %1"_s.arg(id));
    }
    const QJsonObject &document = it->document;
    const QString language = document.value(u"language"_s).toString(u"fa"_s);
    const QString title = document.value(u"title"_s).toString().toHtmlEscaped();
    const QString page
        = u"<!doctype html>\n<html lang=\"%1\" dir=\"%2\"><head><meta "
          u"charset=\"utf-8\"><title>%3</title></head>\n<body><h1>%3</h1>\n%4\n"
          u"</body></html>\n"_s.arg(language, language == u"en"_s ? u"ltr"_s : u"rtl"_s, title,
              document.value(u"body_html"_s).toString());
    return {200, {}, {{"Content-Type", "text/html; charset=utf-8"}}, page.toUtf8()};
}

JsonReceiver::JsonReceiver(QByteArray secret, quint16 port)
    : m_state(std::make_unique<State>())
{
    m_state->secret = std::move(secret);
    State *state = m_state.get();
    m_server = std::make_unique<http::Server>(
        [state](http::Connection &connection, http::Request request) {
            connection.reply(state->handle(request));
        },
        port);
    QMutexLocker lock(&m_state->mutex);
    m_state->port = m_server->port();
}

JsonReceiver::~JsonReceiver()
{
    // The server thread uses the state until it has stopped.
    m_server.reset();
}

quint16 JsonReceiver::port() const
{
    return m_server->port();
}

QUrl JsonReceiver::url() const
{
    return QUrl(u"http://127.0.0.1:%1/daftar-api"_s.arg(port()));
}

QMap<QString, JsonReceiver::Item> JsonReceiver::items() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->items;
}

QMap<QString, QByteArray> JsonReceiver::media() const
{
    QMutexLocker lock(&m_state->mutex);
    QMap<QString, QByteArray> bytes;
    for (auto it = m_state->media.cbegin(); it != m_state->media.cend(); ++it) {
        bytes.insert(it.key(), it->bytes);
    }
    return bytes;
}

QMap<QString, QString> JsonReceiver::mediaAlt() const
{
    QMutexLocker lock(&m_state->mutex);
    QMap<QString, QString> alt;
    for (auto it = m_state->media.cbegin(); it != m_state->media.cend(); ++it) {
        alt.insert(it.key(), it->alt);
    }
    return alt;
}

QStringList JsonReceiver::log() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->log;
}

int JsonReceiver::rejectedSignatures() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->rejected;
}

QList<QString> JsonReceiver::deleted() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->deleted;
}

void JsonReceiver::editOnPortal(const QString &id, const QString &newTitle)
{
    QMutexLocker lock(&m_state->mutex);
    const auto it = m_state->items.find(id);
    if (it == m_state->items.end()) {
        qWarning("JsonReceiver::editOnPortal: no item %s", qPrintable(id));
        return;
    }
    it->document.insert(u"title"_s, newTitle);
    it->modified = m_state->nextModified();
}

} // namespace daftar::test
