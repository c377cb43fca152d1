// The test servers themselves: the JSON portal (JsonReceiver) keeps to
// docs/publishing-json.md, and the FaultProxy breaks exactly what a test asks
// and passes everything else through unchanged. Driven the way Daftar will
// drive them, over HTTP from this thread while they serve on their own.
#include "FaultProxy.h"
#include "HttpWire.h"
#include "JsonReceiver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using daftar::test::FaultProxy;
using daftar::test::JsonReceiver;

namespace {

const QByteArray secret = "portal-secret";

struct Answer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray retryAfter;
    qint64 elapsedMs = 0;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// HMAC-SHA256 written out from RFC 2104, so that the signing under test is
// checked against something that does not share its code.
QByteArray hmacSha256(QByteArray key, const QByteArray &message)
{
    constexpr int block = 64;
    if (key.size() > block) {
        key = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
    }
    key = key.leftJustified(block, '\0');
    QByteArray inner(block, '\0');
    QByteArray outer(block, '\0');
    for (int i = 0; i < block; ++i) {
        inner[i] = static_cast<char>(key[i] ^ 0x36);
        outer[i] = static_cast<char>(key[i] ^ 0x5c);
    }
    const QByteArray innerHash
        = QCryptographicHash::hash(inner + message, QCryptographicHash::Sha256);
    return QCryptographicHash::hash(outer + innerHash, QCryptographicHash::Sha256);
}

// Signs like the document says: METHOD \n PATH (as sent) \n TIMESTAMP \n BODY.
QNetworkRequest signedRequest(const QUrl &url, const QByteArray &method, const QByteArray &body,
    const QByteArray &key = secret, qint64 time = QDateTime::currentSecsSinceEpoch())
{
    QNetworkRequest request(url);
    const QByteArray timestamp = QByteArray::number(time);
    const QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    request.setRawHeader("X-Daftar-Timestamp", timestamp);
    request.setRawHeader("X-Daftar-Signature",
        "sha256=" + hmacSha256(key, method + '\n' + path + '\n' + timestamp + '\n' + body).toHex());
    return request;
}

QUrl under(const QUrl &base, const QString &path)
{
    return QUrl(base.toString() + path);
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// Waits for the answer in a local event loop; the servers run on their own threads.
Answer send(QNetworkAccessManager &network, const QNetworkRequest &request,
    const QByteArray &method, const QByteArray &body = {})
{
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *reply = body.isEmpty() ? network.sendCustomRequest(request, method)
                                          : network.sendCustomRequest(request, method, body);
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.error = reply->error();
    if (reply->isOpen()) {
        answer.body = reply->readAll();
    }
    answer.retryAfter = reply->rawHeader("Retry-After");
    answer.elapsedMs = clock.elapsed();
    delete reply;
    return answer;
}

QJsonObject article(const QString &id, const QString &title, const QString &bodyHtml,
    const QJsonValue &featured = QJsonValue::Null)
{
    return {
        {u"schema"_s, u"daftar.v1"_s},
        {u"id"_s, id},
        {u"type"_s, u"article"_s},
        {u"language"_s, u"fa"_s},
        {u"slug"_s, u"خانه-تعاون"_s},
        {u"title"_s, title},
        {u"lead"_s, u"گزارش نشست خانه تعاون"_s},
        {u"body_html"_s, bodyHtml},
        {u"category"_s, u"اخبار"_s},
        {u"tags"_s, QJsonArray {u"تعاون"_s}},
        {u"featured_image"_s, featured},
        {u"status"_s, u"published"_s},
        {u"published_at"_s, u"2019-11-24T09:30:00Z"_s},
        {u"publish_until"_s, QJsonValue::Null},
        {u"event_date"_s, u"2019-11-24"_s},
        {u"updated_at"_s, u"2019-11-24T09:29:51Z"_s},
        {u"revision"_s, 1},
        {u"translation_id"_s, QJsonValue::Null},
    };
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Reads answers from a raw connection until `count` of them are in.
QList<daftar::test::http::Response> readAnswers(QTcpSocket &socket, int count)
{
    using daftar::test::http::MessageReader;
    MessageReader reader(MessageReader::Kind::Response);
    QList<daftar::test::http::Response> answers;
    QByteArray input;
    while (answers.size() < count) {
        auto state = reader.read(input);
        if (state == MessageReader::State::Complete) {
            answers.append(reader.takeResponse());
            continue;
        }
        if (state == MessageReader::State::Failed || !socket.waitForReadyRead(10000)) {
            break;
        }
        input += socket.readAll();
    }
    return answers;
}

// In a child process: a signed ping, exit code 0 when it was answered 200.
int pingChild(const QUrl &url)
{
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    QNetworkAccessManager network;
    return send(network, signedRequest(url, "GET", {}), "GET").status == 200 ? 0 : 1;
}

} // namespace

class TestServers : public QObject
{
    Q_OBJECT

private:
    // Puts one image on the receiver (through `base`) and returns the URL it answered.
    QString putImage(QNetworkAccessManager &network, const QUrl &base, const QByteArray &bytes,
        const QByteArray &alt = {})
    {
        const QByteArray sha = sha256Hex(bytes).toLatin1();
        QNetworkRequest request
            = signedRequest(under(base, u"/v1/media/"_s + QString::fromLatin1(sha)), "PUT", bytes);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "image/png"_ba);
        request.setRawHeader("X-Daftar-Filename", "cooperative.png");
        request.setRawHeader("X-Daftar-Alt", alt);
        const Answer answer = send(network, request, "PUT", bytes);
        if (answer.status != 201 && answer.status != 200) {
            qWarning() << "media PUT answered" << answer.status << answer.body;
        }
        return answer.json().value(u"url"_s).toString();
    }

    Answer putItem(QNetworkAccessManager &network, const QUrl &base, const QJsonObject &document,
        const QByteArray &key = secret, int transferTimeoutMs = 0)
    {
        const QByteArray body = toJson(document);
        QNetworkRequest request = signedRequest(
            under(base, u"/v1/items/"_s + document.value(u"id"_s).toString()), "PUT", body, key);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json; charset=utf-8"_ba);
        if (transferTimeoutMs > 0) {
            request.setTransferTimeout(transferTimeoutMs);
        }
        return send(network, request, "PUT", body);
    }

    Answer getItem(QNetworkAccessManager &network, const QUrl &base, const QString &id)
    {
        return send(network, signedRequest(under(base, u"/v1/items/"_s + id), "GET", {}), "GET");
    }

private slots:
    void initTestCase()
    {
        // A proxy from the developer's environment must not stand between the test and its servers.
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    }

    // The reason the servers have threads of their own: a test waits for a
    // daftar-cli child without running an event loop.
    void serversAnswerWhileTheTestBlocks()
    {
        JsonReceiver receiver(secret);
        FaultProxy proxy(QUrl(u"http://127.0.0.1:%1"_s.arg(receiver.port())));
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(
            u"DAFTAR_PING_CHILD_URL"_s, under(proxy.url(), u"/daftar-api/v1/ping"_s).toString());
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 0);
        QCOMPARE(receiver.log(), QStringList {u"GET /daftar-api/v1/ping 200"_s});
        QCOMPARE(proxy.seen().size(), 1);
        QCOMPARE(proxy.seen().first().status, 200);
    }

    void signatureFollowsTheDocument()
    {
        // Worked out independently: python3 hmac.new(key, msg, hashlib.sha256).
        QCOMPARE(JsonReceiver::signature(secret, "PUT", "/daftar-api/v1/items/article-42",
                     "1764326400", R"({"id":"article-42"})"),
            "sha256=0a8096c1179a3bd738c50a24ff97ba9c74f62f596ddbaa3048d7defdf9fe0916"_ba);
        QCOMPARE(JsonReceiver::signature(secret, "GET", "/daftar-api/v1/ping", "1764326400", {}),
            "sha256=" + hmacSha256(secret, "GET\n/daftar-api/v1/ping\n1764326400\n").toHex());
    }

    void receiverStoresMediaThenItem()
    {
        JsonReceiver receiver(secret);
        QNetworkAccessManager network;
        QCOMPARE(
            receiver.url().toString(), u"http://127.0.0.1:%1/daftar-api"_s.arg(receiver.port()));

        const Answer ping
            = send(network, signedRequest(under(receiver.url(), u"/v1/ping"_s), "GET", {}), "GET");
        QCOMPARE(ping.status, 200);
        QCOMPARE(ping.json().value(u"schema"_s).toString(), u"daftar.v1"_s);

        const QByteArray image = "\x89PNG\r\n\x1a\n a picture of the cooperative's meeting";
        const QString alt = u"نشست خانه تعاون"_s;
        const QString imageUrl
            = putImage(network, receiver.url(), image, QUrl::toPercentEncoding(alt));
        const QString sha = sha256Hex(image);
        QCOMPARE(imageUrl, u"http://127.0.0.1:%1/media/%2.png"_s.arg(receiver.port()).arg(sha));
        QCOMPARE(receiver.media().value(sha), image);
        QCOMPARE(receiver.mediaAlt().value(sha), alt);
        // The image's public URL serves it without a signature.
        const Answer publicImage = send(network, QNetworkRequest(QUrl(imageUrl)), "GET");
        QCOMPARE(publicImage.status, 200);
        QCOMPARE(publicImage.body, image);
        // Sending the same picture again is harmless and answers the same URL.
        QCOMPARE(putImage(network, receiver.url(), image, QUrl::toPercentEncoding(alt)), imageUrl);
        QCOMPARE(receiver.media().size(), 1);

        const QJsonObject featured {
            {u"url"_s, imageUrl}, {u"alt"_s, alt}, {u"caption"_s, QJsonValue::Null}};
        QJsonObject document = article(u"article-1"_s, u"نشست خانه تعاون"_s,
            u"<p>متن خبر</p><figure><img alt=\"x\" src=\"%1\"></figure>"_s.arg(imageUrl), featured);
        const Answer created = putItem(network, receiver.url(), document);
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(u"url"_s).toString(),
            u"http://127.0.0.1:%1/items/article-1"_s.arg(receiver.port()));
        const QString firstModified = created.json().value(u"modified"_s).toString();
        QVERIFY(QDateTime::fromString(firstModified, Qt::ISODateWithMs).isValid());
        QVERIFY2(firstModified.endsWith(u'Z') && firstModified.contains(u'.'),
            qPrintable(firstModified));
        QCOMPARE(receiver.items().value(u"article-1"_s).document, document);
        QCOMPARE(receiver.items().value(u"article-1"_s).puts, 1);
        QCOMPARE(receiver.items().value(u"article-1"_s).modified, firstModified);

        // The public page shows the item.
        const Answer page = send(
            network, QNetworkRequest(QUrl(created.json().value(u"url"_s).toString())), "GET");
        QCOMPARE(page.status, 200);
        QVERIFY(QString::fromUtf8(page.body).contains(u"نشست خانه تعاون"_s));

        // An update right away still gets a later "modified".
        document.insert(u"revision"_s, 2);
        const Answer updated = putItem(network, receiver.url(), document);
        QCOMPARE(updated.status, 200);
        QVERIFY(updated.json().value(u"modified"_s).toString() > firstModified);
        QCOMPARE(receiver.items().value(u"article-1"_s).puts, 2);

        const Answer read = getItem(network, receiver.url(), u"article-1"_s);
        QCOMPARE(read.status, 200);
        QCOMPARE(read.json().value(u"revision"_s).toInt(), 2);
        QCOMPARE(read.json().value(u"modified"_s), updated.json().value(u"modified"_s));
        QCOMPARE(getItem(network, receiver.url(), u"article-2"_s).status, 404);

        const QStringList log = receiver.log();
        QVERIFY2(
            log.contains(u"PUT /daftar-api/v1/items/article-1 201"_s), qPrintable(log.join(u'\n')));
        QVERIFY(log.contains(u"PUT /daftar-api/v1/items/article-1 200"_s));
        QCOMPARE(log.first(), u"GET /daftar-api/v1/ping 200"_s);
    }

    void wrongSignaturesAreRefused()
    {
        JsonReceiver receiver(secret);
        QNetworkAccessManager network;
        const QJsonObject document = article(u"article-3"_s, u"عنوان"_s, u"<p>متن</p>"_s);

        const Answer wrongSecret = putItem(network, receiver.url(), document, "another-secret");
        QCOMPARE(wrongSecret.status, 401);
        QCOMPARE(wrongSecret.json().value(u"message"_s).toString(), u"bad signature"_s);
        QCOMPARE(receiver.rejectedSignatures(), 1);

        // Right secret, but a timestamp ten minutes old: a replayed request.
        const QByteArray body = toJson(document);
        const QUrl url = under(receiver.url(), u"/v1/items/article-3"_s);
        const Answer stale = send(network,
            signedRequest(url, "PUT", body, secret, QDateTime::currentSecsSinceEpoch() - 600),
            "PUT", body);
        QCOMPARE(stale.status, 401);

        // Signed, then changed on the way.
        const Answer tampered = send(network, signedRequest(url, "PUT", body), "PUT",
            QByteArray(body).replace("عنوان", "X"));
        QCOMPARE(tampered.status, 401);

        // No signature at all, even for the ping.
        QCOMPARE(send(network, QNetworkRequest(under(receiver.url(), u"/v1/ping"_s)), "GET").status,
            401);

        QCOMPARE(receiver.rejectedSignatures(), 4);
        QVERIFY(receiver.items().isEmpty());
        QCOMPARE(receiver.log().first(), u"PUT /daftar-api/v1/items/article-3 401"_s);

        // A timestamp four minutes off is within the five the document allows.
        const Answer skewed = send(network,
            signedRequest(url, "PUT", body, secret, QDateTime::currentSecsSinceEpoch() + 240),
            "PUT", body);
        QCOMPARE(skewed.status, 201);
    }

    void itemsAreChecked()
    {
        JsonReceiver receiver(secret);
        QNetworkAccessManager network;

        const QString unsent
            = u"http://127.0.0.1:%1/media/%2.jpg"_s.arg(receiver.port()).arg(sha256Hex("not sent"));
        const Answer missingImage = putItem(network, receiver.url(),
            article(u"article-4"_s, u"عنوان"_s, u"<p><img src='%1' alt=''></p>"_s.arg(unsent)));
        QCOMPARE(missingImage.status, 409);
        QCOMPARE(missingImage.json().value(u"message"_s).toString(),
            u"image not sent before the item: "_s + unsent);

        const QString elsewhere = u"https://example.org/photo.jpg"_s;
        const Answer missingFeatured = putItem(network, receiver.url(),
            article(u"article-4"_s, u"عنوان"_s, u"<p>متن</p>"_s,
                QJsonObject {{u"url"_s, elsewhere}, {u"alt"_s, u""_s}}));
        QCOMPARE(missingFeatured.status, 409);
        QVERIFY(missingFeatured.json().value(u"message"_s).toString().endsWith(elsewhere));
        QVERIFY(receiver.items().isEmpty());

        QJsonObject wrongSchema = article(u"article-5"_s, u"عنوان"_s, u"<p>متن</p>"_s);
        wrongSchema.insert(u"schema"_s, u"daftar.v2"_s);
        const Answer schema = putItem(network, receiver.url(), wrongSchema);
        QCOMPARE(schema.status, 400);
        QVERIFY(schema.json().value(u"message"_s).toString().contains(u"schema"_s));

        // The id inside must be the id in the path.
        QJsonObject otherId = article(u"article-6"_s, u"عنوان"_s, u"<p>متن</p>"_s);
        const QByteArray body = toJson(otherId);
        const Answer mismatch = send(network,
            signedRequest(under(receiver.url(), u"/v1/items/article-7"_s), "PUT", body), "PUT",
            body);
        QCOMPARE(mismatch.status, 400);
        QVERIFY(mismatch.json().value(u"message"_s).toString().contains(u"article-7"_s));

        const QByteArray notJson = "<html>";
        QCOMPARE(send(network,
                     signedRequest(under(receiver.url(), u"/v1/items/article-8"_s), "PUT", notJson),
                     "PUT", notJson)
                     .status,
            400);

        // Media whose bytes do not hash to the name they are sent under.
        const QByteArray image = "some image";
        const QUrl wrongSha = under(receiver.url(), u"/v1/media/"_s + sha256Hex("other image"));
        QCOMPARE(send(network, signedRequest(wrongSha, "PUT", image), "PUT", image).status, 400);
        QVERIFY(receiver.media().isEmpty());
        QVERIFY(receiver.items().isEmpty());
    }

    void editOnPortalBumpsModified()
    {
        JsonReceiver receiver(secret);
        QNetworkAccessManager network;
        const Answer put = putItem(
            network, receiver.url(), article(u"article-9"_s, u"عنوان اول"_s, u"<p>متن</p>"_s));
        QCOMPARE(put.status, 201);
        const QString pushed = put.json().value(u"modified"_s).toString();

        receiver.editOnPortal(u"article-9"_s, u"عنوانی که روی سایت عوض شد"_s);

        const Answer read = getItem(network, receiver.url(), u"article-9"_s);
        QCOMPARE(read.status, 200);
        QCOMPARE(read.json().value(u"title"_s).toString(), u"عنوانی که روی سایت عوض شد"_s);
        QVERIFY(read.json().value(u"modified"_s).toString() > pushed);
        QCOMPARE(receiver.items().value(u"article-9"_s).puts, 1);
    }

    void deletedItemsAreGone()
    {
        JsonReceiver receiver(secret);
        QNetworkAccessManager network;
        QCOMPARE(
            putItem(network, receiver.url(), article(u"article-10"_s, u"عنوان"_s, u"<p>متن</p>"_s))
                .status,
            201);
        const QUrl url = under(receiver.url(), u"/v1/items/article-10"_s);
        QCOMPARE(send(network, signedRequest(url, "DELETE", {}), "DELETE").status, 204);
        QVERIFY(receiver.items().isEmpty());
        QCOMPARE(receiver.deleted(), QList<QString> {u"article-10"_s});
        QCOMPARE(send(network, signedRequest(url, "DELETE", {}), "DELETE").status, 404);
        QCOMPARE(receiver.deleted().size(), 1);
        QCOMPARE(getItem(network, receiver.url(), u"article-10"_s).status, 404);
    }

    // What other clients than Qt's send: chunked bodies, pipelined requests,
    // percent-encoded ids, an oversized body.
    void receiverSpeaksPlainHttp()
    {
        JsonReceiver receiver(secret);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, receiver.port());
        QVERIFY(socket.waitForConnected(5000));

        const QByteArray body = toJson(article(u"article-11"_s, u"عنوان"_s, u"<p>متن</p>"_s));
        const QByteArray path = "/daftar-api/v1/items/article%2D11";
        const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        const QByteArray signature = "sha256="
            + hmacSha256(secret, "PUT\n" + path + '\n' + timestamp + '\n' + body).toHex();
        QByteArray chunked;
        for (qsizetype at = 0; at < body.size(); at += 50) {
            const QByteArray piece = body.mid(at, 50);
            chunked += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
        }
        chunked += "0\r\n\r\n";
        const QByteArray getPath = "/daftar-api/v1/items/article-11";
        const QByteArray getSignature
            = "sha256=" + hmacSha256(secret, "GET\n" + getPath + '\n' + timestamp + "\n").toHex();
        socket.write("PUT " + path + " HTTP/1.1\r\nHost: portal\r\nTransfer-Encoding: chunked\r\n"
            + "X-Daftar-Timestamp: " + timestamp + "\r\nx-daftar-signature: " + signature
            + "\r\n\r\n" + chunked + "GET " + getPath + " HTTP/1.1\r\nHost: portal\r\n"
            + "X-Daftar-Timestamp: " + timestamp + "\r\nX-Daftar-Signature: " + getSignature
            + "\r\n\r\n");
        const auto answers = readAnswers(socket, 2);
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].status, 201);
        QCOMPARE(daftar::test::http::header(answers[0].headers, "connection"), "keep-alive"_ba);
        QCOMPARE(answers[1].status, 200);
        QVERIFY(receiver.items().contains(u"article-11"_s));
        QCOMPARE(receiver.log().first(), u"PUT /daftar-api/v1/items/article%2D11 201"_s);

        // A body beyond 64 MB is refused from its headers, before it is sent.
        socket.write("PUT /daftar-api/v1/media/x HTTP/1.1\r\nHost: portal\r\n"
                     "Content-Length: 67108865\r\n\r\n");
        const auto tooLarge = readAnswers(socket, 1);
        QCOMPARE(tooLarge.size(), 1);
        QCOMPARE(tooLarge[0].status, 413);
        QVERIFY(socket.state() == QAbstractSocket::UnconnectedState
            || socket.waitForDisconnected(5000));
    }

    void proxyForwardsUnchanged()
    {
        JsonReceiver receiver(secret);
        FaultProxy proxy(QUrl(u"http://127.0.0.1:%1"_s.arg(receiver.port())));
        QCOMPARE(proxy.url().toString(), u"http://127.0.0.1:%1"_s.arg(proxy.port()));
        const QUrl base = under(proxy.url(), u"/daftar-api"_s);
        QNetworkAccessManager network;

        // A picture of a few megabytes arrives whole through the proxy.
        QByteArray image(3 * 1024 * 1024 + 17, '\0');
        for (qsizetype i = 0; i < image.size(); ++i) {
            image[i] = static_cast<char>((i * 7919) % 251);
        }
        const QString imageUrl = putImage(network, base, image);
        QCOMPARE(receiver.media().value(sha256Hex(image)), image);
        // The receiver's own URL comes back as it was: bodies are not rewritten.
        QVERIFY2(imageUrl.startsWith(u"http://127.0.0.1:%1/"_s.arg(receiver.port())),
            qPrintable(imageUrl));

        const Answer put = putItem(network, base,
            article(u"article-12"_s, u"عنوان"_s, u"<p><img src=\"%1\"></p>"_s.arg(imageUrl)));
        QCOMPARE(put.status, 201);
        QCOMPARE(receiver.items().value(u"article-12"_s).puts, 1);
        const Answer read = getItem(network, base, u"article-12"_s);
        QCOMPARE(read.status, 200);
        QCOMPARE(read.json().value(u"id"_s).toString(), u"article-12"_s);

        const QList<FaultProxy::Seen> seen = proxy.seen();
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen[1].method, "PUT"_ba);
        QCOMPARE(seen[1].target, "/daftar-api/v1/items/article-12"_ba);
        QCOMPARE(seen[1].status, 201);
        QCOMPARE(seen[1].action, FaultProxy::Action::Forward);
        QCOMPARE(seen[2].status, 200);
        proxy.clearSeen();
        QVERIFY(proxy.seen().isEmpty());
    }

    // Upstream framings other than Content-Length, and what the proxy changes on the way.
    void proxyRelaysEveryFraming()
    {
        QTcpServer upstream;
        QVERIFY(upstream.listen(QHostAddress::LocalHost));
        QList<QByteArray> requests;
        connect(&upstream, &QTcpServer::newConnection, &upstream, [&] {
            QTcpSocket *socket = upstream.nextPendingConnection();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            auto received = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [&requests, socket, received] {
                *received += socket->readAll();
                if (!received->contains("\r\n\r\n")) {
                    return;
                }
                requests.append(*received);
                if (received->startsWith("GET /closing")) {
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                  "Connection: close\r\n\r\n");
                    socket->write(u"سلام from a server that ends with the connection"_s.toUtf8());
                    socket->disconnectFromHost();
                } else {
                    socket->write("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n"
                                  "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n"
                                  "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n");
                }
            });
        });
        FaultProxy proxy(QUrl(u"http://127.0.0.1:%1/"_s.arg(upstream.serverPort())));
        QNetworkAccessManager network;

        QNetworkRequest closing(under(proxy.url(), u"/closing?x=%D8%A7"_s));
        closing.setRawHeader("Authorization", "Basic ZWRpdG9yOnNlY3JldA==");
        const Answer first = send(network, closing, "GET");
        QCOMPARE(first.status, 200);
        QCOMPARE(
            QString::fromUtf8(first.body), u"سلام from a server that ends with the connection"_s);
        QCOMPARE(requests.size(), 1);
        const QByteArray sent = requests.first();
        QVERIFY2(sent.startsWith("GET /closing?x=%D8%A7 HTTP/1.1\r\n"), sent.constData());
        QVERIFY2(sent.contains(
                     "\r\nHost: 127.0.0.1:" + QByteArray::number(upstream.serverPort()) + "\r\n"),
            sent.constData());
        QVERIFY(sent.contains("\r\nAuthorization: Basic ZWRpdG9yOnNlY3JldA==\r\n"));

        const Answer second
            = send(network, QNetworkRequest(under(proxy.url(), u"/chunked"_s)), "GET");
        QCOMPARE(second.status, 404);
        QCOMPARE(second.body, "hello, world"_ba);
        QCOMPARE(proxy.seen().size(), 2);
        QCOMPARE(proxy.seen()[1].status, 404);
    }

    void dropAfterForwardLosesOnlyTheAnswer()
    {
        JsonReceiver receiver(secret);
        FaultProxy proxy(QUrl(u"http://127.0.0.1:%1"_s.arg(receiver.port())));
        const QUrl base = under(proxy.url(), u"/daftar-api"_s);
        QNetworkAccessManager network;
        // Qt's HTTP client sends a request again by itself when the connection
        // closes before any byte of the answer: drop every attempt.
        proxy.addFault({.method = "PUT",
            .path = QRegularExpression(u"^/daftar-api/v1/items/"_s),
            .times = -1,
            .action = FaultProxy::Action::DropAfterForward});

        const Answer lost
            = putItem(network, base, article(u"article-13"_s, u"عنوان"_s, u"<p>متن</p>"_s));
        QVERIFY2(lost.error != QNetworkReply::NoError, qPrintable(QString::number(lost.error)));
        QCOMPARE(lost.status, 0);
        QVERIFY(receiver.items().contains(u"article-13"_s));
        const auto seen = proxy.seen();
        QVERIFY(!seen.isEmpty());
        for (const auto &request : seen) {
            QCOMPARE(request.status, 0);
            QCOMPARE(request.action, FaultProxy::Action::DropAfterForward);
        }
        QCOMPARE(receiver.items().value(u"article-13"_s).puts, seen.size());

        // The fault is lifted: the retry overwrites the same item.
        proxy.clearFaults();
        QCOMPARE(
            putItem(network, base, article(u"article-13"_s, u"عنوان"_s, u"<p>متن</p>"_s)).status,
            200);
        QCOMPARE(receiver.items().size(), 1);
    }

    void dropBeforeForwardSendsNothing()
    {
        JsonReceiver receiver(secret);
        FaultProxy proxy(QUrl(u"http://127.0.0.1:%1"_s.arg(receiver.port())));
        QNetworkAccessManager network;
        proxy.addFault({.times = -1, .action = FaultProxy::Action::DropBeforeForward});
        const Answer dropped = putItem(network, under(proxy.url(), u"/daftar-api"_s),
            article(u"article-14"_s, u"عنوان"_s, u"<p>متن</p>"_s));
        QVERIFY(dropped.error != QNetworkReply::NoError);
        QVERIFY(receiver.log().isEmpty());
        QVERIFY(!proxy.seen().isEmpty());
        QCOMPARE(proxy.seen().first().action, FaultProxy::Action::DropBeforeForward);
    }

    void respondAnswersInsteadOfTheSite()
    {
        JsonReceiver receiver(secret);
        FaultProxy proxy(QUrl(u"http://127.0.0.1:%1"_s.arg(receiver.port())));
        QNetworkAccessManager network;
        proxy.addFault({.action = FaultProxy::Action::Respond,
            .status = 429,
            .body = R"({"message":"slow down"})",
            .headers = {{"Retry-After", "1"}, {"Content-Type", "application/json"}}});
        const QUrl base = under(proxy.url(), u"/daftar-api"_s);
        const Answer busy
            = putItem(network, base, article(u"article-15"_s, u"عنوان"_s, u"<p>متن</p>"_s));
        QCOMPARE(busy.status, 429);
        QCOMPARE(busy.retryAfter, "1"_ba);
        QCOMPARE(busy.json().value(u"message"_s).toString(), u"slow down"_s);
        QVERIFY(receiver.log().isEmpty());
        // Applied once (times = 1): the next attempt reaches the receiver.
        QCOMPARE(
            putItem(network, base, article(u"article-15"_s, u"عنوان"_s, u"<p>متن</p>"_s)).status,
            201);
        const auto seen = proxy.seen();
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen[0].status, 429);
        QCOMPARE(seen[0].action, FaultProxy::Action::Respond);
        QCOMPARE(seen[1].status, 201);
    }

    void faultsCountMatchingRequests()
    {
        JsonReceiver receiver(secret);
        FaultProxy proxy(QUrl(u"http://127.0.0.1:%1"_s.arg(receiver.port())));
        QNetworkAccessManager network;
        proxy.addFault({.method = "GET",
            .path = QRegularExpression(u"/ping$"_s),
            .skip = 1,
            .times = 2,
            .action = FaultProxy::Action::Respond,
            .status = 503});
        const QUrl ping = under(proxy.url(), u"/daftar-api/v1/ping"_s);
        const QUrl media = under(proxy.url(), u"/daftar-api/v1/media/"_s + sha256Hex("x"));
        QList<int> statuses;
        for (int i = 0; i < 4; ++i) {
            statuses.append(send(network, signedRequest(ping, "GET", {}), "GET").status);
            // Neither the method nor the path of this one matches.
            QCOMPARE(send(network, signedRequest(media, "PUT", "x"), "PUT", "x").status,
                i == 0 ? 201 : 200);
        }
        QCOMPARE(statuses, (QList<int> {200, 503, 503, 200}));
        QCOMPARE(proxy.seen().size(), 8);
    }

    void delayOutlastsTheClientTimeout()
    {
        JsonReceiver receiver(secret);
        FaultProxy proxy(QUrl(u"http://127.0.0.1:%1"_s.arg(receiver.port())));
        QNetworkAccessManager network;
        const QUrl base = under(proxy.url(), u"/daftar-api"_s);

        proxy.addFault({.action = FaultProxy::Action::Delay, .delayMs = 300});
        const Answer slow
            = putItem(network, base, article(u"article-16"_s, u"عنوان"_s, u"<p>متن</p>"_s));
        QCOMPARE(slow.status, 201);
        QVERIFY2(slow.elapsedMs >= 300, qPrintable(QString::number(slow.elapsedMs)));

        proxy.addFault({.action = FaultProxy::Action::Delay, .delayMs = 2000});
        const Answer timedOut = putItem(
            network, base, article(u"article-17"_s, u"عنوان"_s, u"<p>متن</p>"_s), secret, 500);
        QVERIFY2(
            timedOut.error != QNetworkReply::NoError, qPrintable(QString::number(timedOut.error)));
        QCOMPARE(timedOut.status, 0);
        QVERIFY2(timedOut.elapsedMs < 1900, qPrintable(QString::number(timedOut.elapsedMs)));
        // The client gave up, so the delayed request never reaches the site.
        QTest::qWait(2200);
        QVERIFY(!receiver.items().contains(u"article-17"_s));
        QCOMPARE(proxy.seen().size(), 2);
        QCOMPARE(proxy.seen()[1].status, 0);
    }

    void killBeforeForwardKillsTheClient()
    {
        JsonReceiver receiver(secret);
        FaultProxy proxy(QUrl(u"http://127.0.0.1:%1"_s.arg(receiver.port())));
        QNetworkAccessManager network;
        QProcess child;
        child.start(u"sleep"_s, {u"30"_s});
        QVERIFY(child.waitForStarted());
        // Once only: the pid may belong to another process after this one. The
        // test's own client sends again when its connection closes, which
        // the second fault drops.
        proxy.addFault({.action = FaultProxy::Action::KillBeforeForward, .pid = child.processId()});
        proxy.addFault({.times = -1, .action = FaultProxy::Action::DropBeforeForward});

        const Answer killed = putItem(network, under(proxy.url(), u"/daftar-api"_s),
            article(u"article-18"_s, u"عنوان"_s, u"<p>متن</p>"_s));
        QVERIFY(killed.error != QNetworkReply::NoError);
        QVERIFY(child.state() == QProcess::NotRunning || child.waitForFinished(5000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QVERIFY(receiver.log().isEmpty());
        QCOMPARE(proxy.seen().first().action, FaultProxy::Action::KillBeforeForward);
        QCOMPARE(proxy.seen().first().status, 0);
    }

    void killAfterForwardKillsOnceStored()
    {
        JsonReceiver receiver(secret);
        FaultProxy proxy(QUrl(u"http://127.0.0.1:%1"_s.arg(receiver.port())));
        QNetworkAccessManager network;
        QProcess child;
        child.start(u"sleep"_s, {u"30"_s});
        QVERIFY(child.waitForStarted());
        proxy.addFault({.action = FaultProxy::Action::KillAfterForward, .pid = child.processId()});
        proxy.addFault({.times = -1, .action = FaultProxy::Action::DropAfterForward});

        const Answer killed = putItem(network, under(proxy.url(), u"/daftar-api"_s),
            article(u"article-19"_s, u"عنوان"_s, u"<p>متن</p>"_s));
        QVERIFY(killed.error != QNetworkReply::NoError);
        QVERIFY(child.state() == QProcess::NotRunning || child.waitForFinished(5000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QVERIFY(receiver.items().contains(u"article-19"_s));
        QCOMPARE(proxy.seen().first().action, FaultProxy::Action::KillAfterForward);
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("DAFTAR_PING_CHILD_URL")) {
        return pingChild(QUrl(qEnvironmentVariable("DAFTAR_PING_CHILD_URL")));
    }
    TestServers test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestServers.moc"
