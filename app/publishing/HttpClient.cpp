#include "HttpClient.h"

#include <QBuffer>
#include <QDateTime>
#include <QEventLoop>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimeZone>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace daftar::publishing {

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

QJsonDocument HttpReply::json() const
{
    return QJsonDocument::fromJson(body);
}

bool HttpReply::retryable() const
{
    if (status == 0) {
        // No answer: dropped, refused, reset or timed out. All may pass.
        return true;
    }
    return status == 408 || status == 429 || status >= 500;
}

// One request on its way, with its retries.
struct HttpClient::Flight
{
    HttpRequest request;
    Progress progress;
    HttpReply reply;
    QNetworkReply *network = nullptr;
    QTimer retryTimer;
    bool finished = false;
    std::function<void()> onFinished;
};

HttpClient::HttpClient(int timeoutMs, RetryPolicy policy)
    : m_network(std::make_unique<QNetworkAccessManager>())
    , m_timeoutMs(timeoutMs)
    , m_policy(policy)
{
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

HttpClient::~HttpClient() = default;

int HttpClient::backoffMs(const RetryPolicy &policy, int attempt)
{
    const qint64 exponential = qint64(policy.baseDelayMs) << std::clamp(attempt - 1, 0, 20);
    const qint64 capped = std::min<qint64>(exponential, policy.maxDelayMs);
    // Full jitter on the upper half: clients that failed together spread out.
    const qint64 jitter = QRandomGenerator::global()->bounded(capped / 2 + 1);
    return int(capped / 2 + jitter);
}

int HttpClient::retryAfterMs(const QByteArray &value)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty()) {
        return -1;
    }
    bool number = false;
    const int seconds = trimmed.toInt(&number);
    if (number) {
        return seconds < 0 ? -1 : int(std::min<qint64>(qint64(seconds) * 1000, INT_MAX));
    }
    const QDateTime when = QLocale::c().toDateTime(
        QString::fromLatin1(trimmed).replace(u" GMT"_s, QString()), u"ddd, dd MMM yyyy HH:mm:ss"_s);
    if (!when.isValid()) {
        return -1;
    }
    QDateTime utc = when;
    utc.setTimeZone(QTimeZone::utc());
    return int(std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(utc)));
}

void HttpClient::start(Flight &flight)
{
    if (m_aborted) {
        flight.reply.status = 0;
        flight.reply.errorText = u"cancelled"_s;
        flight.finished = true;
        flight.onFinished();
        return;
    }
    ++flight.reply.attempts;
    QNetworkRequest request(flight.request.url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto &[name, value] : std::as_const(flight.request.headers)) {
        request.setRawHeader(name, value);
    }
    QNetworkReply *reply = nullptr;
    const QByteArray &method = flight.request.method;
    if (method == "GET") {
        reply = m_network->get(request);
    } else if (method == "DELETE" && flight.request.body.isEmpty()) {
        reply = m_network->deleteResource(request);
    } else if (method == "POST") {
        reply = m_network->post(request, flight.request.body);
    } else if (method == "PUT") {
        reply = m_network->put(request, flight.request.body);
    } else {
        reply = m_network->sendCustomRequest(request, method, flight.request.body);
    }
    flight.network = reply;
    if (flight.progress) {
        QObject::connect(reply, &QNetworkReply::uploadProgress, reply,
            [&flight](qint64 sent, qint64 total) { flight.progress(sent, total); });
    }
    QObject::connect(reply, &QNetworkReply::finished, reply, [this, &flight, reply] {
        reply->deleteLater();
        flight.network = nullptr;
        HttpReply &out = flight.reply;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->isOpen() ? reply->readAll() : QByteArray();
        out.headers = reply->rawHeaderPairs();
        out.error = reply->error();
        out.timedOut = reply->error() == QNetworkReply::OperationCanceledError
            || reply->error() == QNetworkReply::TimeoutError;
        out.errorText = out.status == 0 ? reply->errorString() : QString();
        const bool mayRepeat = flight.request.idempotent || out.status == 429;
        if (out.ok() || !out.retryable() || !mayRepeat || out.attempts >= m_policy.maxAttempts
            || m_aborted) {
            flight.finished = true;
            flight.onFinished();
            return;
        }
        int delay = backoffMs(m_policy, out.attempts);
        if (out.status == 429 || out.status == 503) {
            const int asked = retryAfterMs(out.header("Retry-After"));
            if (asked > m_policy.maxRetryAfterMs) {
                flight.finished = true;
                flight.onFinished();
                return;
            }
            delay = std::max(delay, asked);
        }
        flight.retryTimer.setSingleShot(true);
        flight.retryTimer.setInterval(delay);
        QObject::disconnect(&flight.retryTimer, nullptr, nullptr, nullptr);
        QObject::connect(&flight.retryTimer, &QTimer::timeout, m_network.get(),
            [this, &flight] { start(flight); });
        flight.retryTimer.start();
    });
}

HttpReply HttpClient::send(const HttpRequest &request, const Progress &progress)
{
    Flight flight;
    flight.request = request;
    flight.progress = progress;
    QEventLoop loop;
    flight.onFinished = [&loop] {
        loop.quit();
    };
    start(flight);
    if (!flight.finished) {
        loop.exec();
    }
    return flight.reply;
}

QList<HttpReply> HttpClient::sendAll(const QList<HttpRequest> &requests)
{
    std::vector<std::unique_ptr<Flight>> flights;
    QEventLoop loop;
    qsizetype open = requests.size();
    for (const HttpRequest &request : requests) {
        auto flight = std::make_unique<Flight>();
        flight->request = request;
        flight->onFinished = [&open, &loop] {
            if (--open == 0) {
                loop.quit();
            }
        };
        flights.push_back(std::move(flight));
    }
    for (auto &flight : flights) {
        start(*flight);
    }
    if (open > 0) {
        loop.exec();
    }
    QList<HttpReply> replies;
    for (const auto &flight : flights) {
        replies << flight->reply;
    }
    return replies;
}

} // namespace daftar::publishing
