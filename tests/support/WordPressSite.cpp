#include "WordPressSite.h"

#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace daftar::test {

namespace {

WordPressSite::Reply send(const QString &site, const QByteArray &verb, const QString &route,
    const QByteArray &body, const QString &login, const QString &secret)
{
    // The ?rest_route= form works whatever the permalink settings are; the route's own
    // query joins it as further parameters.
    const qsizetype question = route.indexOf(u'?');
    const QString path = question < 0 ? route : route.left(question);
    QString address
        = site + u"/?rest_route="_s + QString::fromLatin1(QUrl::toPercentEncoding(path, "/"));
    if (question >= 0)
        address += u'&' + route.mid(question + 1);

    QNetworkRequest request(QUrl(address, QUrl::TolerantMode));
    if (!login.isEmpty())
        request.setRawHeader(
            "Authorization", "Basic " + (login + u':' + secret).toUtf8().toBase64());
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", "application/json; charset=utf-8");

    QNetworkAccessManager manager;
    // A proxy from the environment (CI) must not stand between the test and 127.0.0.1.
    manager.setProxy(QNetworkProxy::NoProxy);
    std::unique_ptr<QNetworkReply> reply(manager.sendCustomRequest(request, verb, body));
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(30s);
    if (!reply->isFinished())
        loop.exec();

    WordPressSite::Reply result;
    if (!reply->isFinished()) {
        reply->abort();
        qWarning().noquote() << verb << address << "got no answer within 30 s";
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body);
    result.headers = reply->rawHeaderPairs();
    return result;
}

QString describe(const WordPressSite::Reply &reply)
{
    return u"HTTP %1: %2"_s.arg(reply.status).arg(QString::fromUtf8(reply.body.left(500)));
}

} // namespace

std::optional<WordPressSite> WordPressSite::fromEnvironment(QString *why)
{
    const auto missing = [why](const QString &reason) {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    const QString path = qEnvironmentVariable("DAFTAR_TEST_WP_ENV");
    if (path.isEmpty()) {
        return missing(u"DAFTAR_TEST_WP_ENV is not set: run this test through ctest, whose "
                       "\"wordpress\" fixture starts the test site"_s);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return missing(u"No test WordPress: %1 is missing (tests/services/wordpress.sh start "
                       "writes it)"_s.arg(path));
    }
    QHash<QString, QString> values;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0)
            values.insert(QString::fromUtf8(line.left(equals)).trimmed(),
                QString::fromUtf8(line.mid(equals + 1)).trimmed());
    }
    WordPressSite site;
    const std::pair<QString *, QString> fields[] = {
        {&site.url, u"DAFTAR_TEST_WP_URL"_s},
        {&site.user, u"DAFTAR_TEST_WP_USER"_s},
        {&site.password, u"DAFTAR_TEST_WP_PASSWORD"_s},
        {&site.adminUser, u"DAFTAR_TEST_WP_ADMIN_USER"_s},
        {&site.adminPassword, u"DAFTAR_TEST_WP_ADMIN_PASSWORD"_s},
    };
    for (const auto &[field, key] : fields) {
        *field = values.value(key);
        if (field->isEmpty())
            return missing(u"%1 has no %2"_s.arg(path, key));
    }
    return site;
}

WordPressSite::Reply WordPressSite::get(const QString &route) const
{
    return getAs(route, adminUser, adminPassword);
}

WordPressSite::Reply WordPressSite::post(const QString &route, const QJsonObject &body) const
{
    return postAs(route, body, adminUser, adminPassword);
}

WordPressSite::Reply WordPressSite::del(const QString &route) const
{
    return send(url, "DELETE", route, {}, adminUser, adminPassword);
}

WordPressSite::Reply WordPressSite::getAs(
    const QString &route, const QString &login, const QString &secret) const
{
    return send(url, "GET", route, {}, login, secret);
}

WordPressSite::Reply WordPressSite::postAs(const QString &route, const QJsonObject &body,
    const QString &login, const QString &secret) const
{
    return send(
        url, "POST", route, QJsonDocument(body).toJson(QJsonDocument::Compact), login, secret);
}

void WordPressSite::reset() const
{
    const QString everyPostStatus = u"&status=publish,future,draft,pending,private,trash"_s;
    const std::pair<QString, QString> collections[] = {
        {u"/wp/v2/posts"_s, everyPostStatus},
        {u"/wp/v2/pages"_s, everyPostStatus},
        {u"/wp/v2/media"_s, u"&status=inherit,private,trash"_s},
        // WordPress refuses to delete the default category.
        {u"/wp/v2/categories"_s, u"&exclude=1"_s},
        {u"/wp/v2/tags"_s, {}},
    };
    for (const auto &[collection, filter] : collections) {
        // Always the first page again: what was deleted no longer counts.
        for (;;) {
            const Reply page = get(collection + u"?per_page=100&_fields=id"_s + filter);
            QVERIFY2(page.status == 200 && page.json.isArray(),
                qPrintable(u"Listing %1 for the reset: %2"_s.arg(collection, describe(page))));
            const QJsonArray items = page.json.array();
            if (items.isEmpty())
                break;
            for (const QJsonValue &item : items) {
                const QString route
                    = u"%1/%2?force=true"_s.arg(collection).arg(item[u"id"_s].toInteger());
                const Reply deleted = del(route);
                QVERIFY2(deleted.status == 200,
                    qPrintable(u"Deleting %1 for the reset: %2"_s.arg(route, describe(deleted))));
            }
        }
    }
}

} // namespace daftar::test
