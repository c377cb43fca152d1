// HTTP for publishing: timeouts, retries with exponential backoff and jitter on
// what a retry can fix (timeouts, dropped connections, 408, 429, 5xx; honouring
// Retry-After), and nothing else. Calls block the calling thread in a local
// event loop: publishing runs on worker threads, so step-by-step code stays
// readable while the GUI thread never waits. sendAll() runs requests in parallel
// over the same keep-alive connections.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QString>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace daftar::publishing {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    Headers headers;
    QByteArray body;
    // A create (POST) may have taken effect even when no answer or a 5xx came
    // back: such a request is retried here only after a 429. The caller looks
    // the item up before sending it again.
    bool idempotent = true;
};

struct HttpReply
{
    int status = 0; // 0 when no answer arrived
    Headers headers;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorText; // the network's own words when no answer arrived
    bool timedOut = false;
    int attempts = 0;

    bool ok() const { return status >= 200 && status < 300; }
    QByteArray header(const QByteArray &name) const;
    QJsonDocument json() const;
    // Whether trying again later can succeed (see the class comment).
    bool retryable() const;
};

struct RetryPolicy
{
    int maxAttempts = 4;
    int baseDelayMs = 400;
    int maxDelayMs = 20000;
    // A Retry-After longer than this ends the attempts; the job waits for a later run.
    int maxRetryAfterMs = 60000;
};

class HttpClient
{
public:
    explicit HttpClient(int timeoutMs, RetryPolicy policy = {});
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    using Progress = std::function<void(qint64 sent, qint64 total)>;
    HttpReply send(const HttpRequest &request, const Progress &progress = {});
    QList<HttpReply> sendAll(const QList<HttpRequest> &requests);

    // Stops waiting: requests in flight end as failed, no more retries.
    void abort() { m_aborted = true; }
    // The delay before attempt number `attempt` (1 = the first retry).
    static int backoffMs(const RetryPolicy &policy, int attempt);
    // Seconds or an HTTP date; -1 when absent or unreadable.
    static int retryAfterMs(const QByteArray &value);

private:
    struct Flight;
    void start(Flight &flight);

    std::unique_ptr<QNetworkAccessManager> m_network;
    int m_timeoutMs;
    RetryPolicy m_policy;
    std::atomic_bool m_aborted {false};
};

} // namespace daftar::publishing
