// A reverse proxy that breaks things on purpose, for the publishing tests: put
// between Daftar and a site (WordPress, a JsonReceiver), it forwards requests
// unchanged except for the faults a test adds (a lost connection, a lost answer,
// a slow answer, an answer of its own, a killed client process) and remembers
// every request it saw. It serves on a thread of its own, so tests may block
// while a daftar-cli child talks through it; every method may be called from
// the test's thread.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QUrl>

#include <memory>

namespace daftar::test {

namespace http {
class Server;
}

class FaultProxy
{
public:
    // Only the host and port of `upstream` matter: request targets go upstream
    // as they came, and answers come back with their bodies untouched.
    explicit FaultProxy(QUrl upstream, quint16 port = 0);
    ~FaultProxy();

    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    quint16 port() const;
    QUrl url() const; // http://127.0.0.1:<port>

    // Qt's QNetworkAccessManager sends a request again by itself (once, in Qt
    // 6.4) when the connection closes before any byte of the answer: for a Qt
    // client to see a Drop* fault, let it apply twice or forever (times = 2 or -1).
    enum class Action {
        Forward, // pass through
        DropBeforeForward, // close the client connection; nothing goes upstream
        // Send upstream, read the whole answer, then close the client connection
        // without answering: the "answer lost" case.
        DropAfterForward,
        // Wait delayMs, then forward. A client that gives up meanwhile closes its
        // connection, and the request then never goes upstream.
        Delay,
        Respond, // answer status/headers/body itself; nothing goes upstream
        KillBeforeForward, // SIGKILL pid, then drop; nothing goes upstream
        KillAfterForward, // forward, read the whole answer, SIGKILL pid, drop
    };

    struct Fault
    {
        QByteArray method {}; // "" = any
        // Matched against the request target (path and query, percent-encoded
        // as sent); the default, empty pattern matches every target.
        QRegularExpression path {};
        int skip = 0; // let this many matching requests through first
        int times = 1; // then apply to this many (-1 = forever)
        Action action = Action::Forward;
        int delayMs = 0;
        // For Respond, e.g. 429 with Retry-After: 1.
        int status = 500;
        QByteArray body {};
        QList<QPair<QByteArray, QByteArray>> headers {};
        // For Kill*; keep times = 1, as the pid may be another process's once this one is gone.
        qint64 pid = 0;
    };

    // Faults are examined in the order added, up to the first one that applies
    // to the request. A matching fault that is still skipping counts the request
    // and lets the examination go on to the next fault.
    void addFault(Fault fault);
    void clearFaults();

    struct Seen
    {
        QByteArray method {};
        QByteArray target {};
        int status = 0; // the status returned to the client, 0 when dropped (or not yet answered)
        Action action = Action::Forward;
    };
    QList<Seen> seen() const; // every request, in the order they arrived
    void clearSeen();

private:
    struct State;
    std::unique_ptr<State> m_state;
    std::unique_ptr<http::Server> m_server;
};

} // namespace daftar::test
