#include "FaultProxy.h"

#include "HttpWire.h"

#include <QMutex>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <signal.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace daftar::test {

namespace {

// Headers that describe one hop, not the message: each side of the proxy sets its own.
constexpr QByteArrayView hopByHop[] = {"connection", "keep-alive", "proxy-connection", "te",
    "trailer", "transfer-encoding", "upgrade"};

void killProcess(qint64 pid)
{
    // kill(0) or kill(-1) would hit the test itself and its whole session.
    if (pid <= 0) {
        qWarning("FaultProxy: no process to kill (pid %lld)", pid);
        return;
    }
    ::kill(static_cast<pid_t>(pid), SIGKILL);
}

http::Response badGateway(const QByteArray &why)
{
    return {502, {}, {{"Content-Type", "text/plain; charset=utf-8"}}, "FaultProxy: " + why + '\n'};
}

// One request sent upstream on a connection of its own, and its complete answer
// read back (framed by Content-Length, chunks, or the upstream closing: PHP's
// built-in server answers "Connection: close"). The answer, or a 502 when there
// is none, goes to `done`.
class Forwarding : public QObject
{
public:
    using Done = std::function<void(http::Response)>;

    Forwarding(const QUrl &upstream, http::Request request, Done done, QObject *parent)
        : QObject(parent)
        , m_socket(new QTcpSocket(this))
        , m_done(std::move(done))
    {
        m_reader.setRequestMethod(request.method);
        const bool framed = http::hasHeader(request.headers, "content-length")
            || http::hasHeader(request.headers, "transfer-encoding");
        for (const QByteArrayView name : hopByHop) {
            http::removeHeader(request.headers, name);
        }
        http::removeHeader(request.headers, "expect");
        http::removeHeader(request.headers, "content-length");
        if (framed || !request.body.isEmpty()) {
            request.headers.emplaceBack("Content-Length", QByteArray::number(request.body.size()));
        }
        const QByteArray host = upstream.host().toUtf8();
        http::setHeader(request.headers, "Host",
            upstream.port() < 0 ? host : host + ':' + QByteArray::number(upstream.port()));
        request.headers.emplaceBack("Connection", "close");
        m_out = http::serialize(request);

        connect(m_socket, &QTcpSocket::connected, this, [this] {
            m_socket->write(m_out);
            m_out.clear();
        });
        connect(m_socket, &QTcpSocket::readyRead, this, &Forwarding::readAnswer);
        connect(m_socket, &QTcpSocket::disconnected, this, &Forwarding::closed);
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
            // The end of an answer framed by the close comes through closed().
            if (e != QAbstractSocket::RemoteHostClosedError) {
                finish(badGateway("upstream: " + m_socket->errorString().toUtf8()));
            }
        });
        m_socket->connectToHost(upstream.host(), static_cast<quint16>(upstream.port(80)));
    }

private:
    void readAnswer()
    {
        m_in += m_socket->readAll();
        const auto state = m_reader.read(m_in);
        if (state == http::MessageReader::State::Complete) {
            finish(m_reader.takeResponse());
        } else if (state == http::MessageReader::State::Failed) {
            finish(badGateway("upstream answer unreadable: " + m_reader.failure()));
        }
    }

    void closed()
    {
        if (m_finished) {
            return;
        }
        m_in += m_socket->readAll();
        auto state = m_reader.read(m_in);
        if (state == http::MessageReader::State::NeedMore) {
            state = m_reader.finish();
        }
        if (state == http::MessageReader::State::Complete) {
            finish(m_reader.takeResponse());
        } else {
            finish(badGateway("upstream closed the connection before a complete answer"));
        }
    }

    void finish(http::Response response)
    {
        if (m_finished) {
            return;
        }
        m_finished = true;
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        deleteLater();
        m_done(std::move(response));
    }

    QTcpSocket *m_socket;
    Done m_done;
    QByteArray m_out;
    QByteArray m_in;
    http::MessageReader m_reader {http::MessageReader::Kind::Response};
    bool m_finished = false;
};

} // namespace

struct FaultProxy::State
{
    struct Entry
    {
        quint64 id;
        Seen seen;
    };

    mutable QMutex mutex;
    QUrl upstream;
    QList<Fault> faults;
    QList<Entry> seen;
    quint64 nextId = 0;

    // The fault that applies to the request (a Forward one when none does), and
    // the request's entry in `seen`.
    std::pair<Fault, quint64> admit(const http::Request &request)
    {
        QMutexLocker lock(&mutex);
        Fault chosen;
        const QString target = QString::fromUtf8(request.target);
        for (Fault &fault : faults) {
            if ((!fault.method.isEmpty() && fault.method != request.method)
                || !fault.path.match(target).hasMatch()) {
                continue;
            }
            if (fault.skip > 0) {
                --fault.skip;
                continue;
            }
            if (fault.times == 0) {
                continue;
            }
            if (fault.times > 0) {
                --fault.times;
            }
            chosen = fault;
            break;
        }
        const quint64 id = nextId++;
        seen.append({id, {request.method, request.target, 0, chosen.action}});
        return {chosen, id};
    }

    void answered(quint64 id, int status)
    {
        QMutexLocker lock(&mutex);
        for (auto it = seen.rbegin(); it != seen.rend(); ++it) {
            if (it->id == id) {
                it->seen.status = status;
                return;
            }
        }
    }

    // Runs on the server's thread; `connection` outlives everything parented to it.
    void handle(http::Connection &connection, http::Request request)
    {
        const auto [fault, id] = admit(request);
        const QByteArray method = request.method;
        const auto relay = [this, id, method, &connection](http::Response response) {
            for (const QByteArrayView name : hopByHop) {
                http::removeHeader(response.headers, name);
            }
            if (method != "HEAD") {
                http::removeHeader(response.headers, "content-length");
            }
            answered(id, response.status);
            connection.reply(std::move(response));
        };
        switch (fault.action) {
        case Action::Forward:
            new Forwarding(upstream, std::move(request), relay, &connection);
            return;
        case Action::DropBeforeForward:
            connection.drop();
            return;
        case Action::DropAfterForward:
            new Forwarding(
                upstream, std::move(request), [&connection](http::Response) { connection.drop(); },
                &connection);
            return;
        case Action::Delay:
            QTimer::singleShot(fault.delayMs, &connection,
                [this, request = std::move(request), relay, &connection]() mutable {
                    new Forwarding(upstream, std::move(request), relay, &connection);
                });
            return;
        case Action::Respond: {
            http::Response response {fault.status, {}, fault.headers, fault.body};
            answered(id, response.status);
            connection.reply(std::move(response));
            return;
        }
        case Action::KillBeforeForward:
            killProcess(fault.pid);
            connection.drop();
            return;
        case Action::KillAfterForward:
            new Forwarding(
                upstream, std::move(request),
                [&connection, pid = fault.pid](http::Response) {
                    killProcess(pid);
                    connection.drop();
                },
                &connection);
            return;
        }
    }
};

FaultProxy::FaultProxy(QUrl upstream, quint16 port)
    : m_state(std::make_unique<State>())
{
    m_state->upstream = std::move(upstream);
    State *state = m_state.get();
    m_server = std::make_unique<http::Server>(
        [state](http::Connection &connection, http::Request request) {
            state->handle(connection, std::move(request));
        },
        port);
}

FaultProxy::~FaultProxy()
{
    // The server thread uses the state until it has stopped.
    m_server.reset();
}

quint16 FaultProxy::port() const
{
    return m_server->port();
}

QUrl FaultProxy::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(port()));
}

void FaultProxy::addFault(Fault fault)
{
    if (!fault.path.isValid()) {
        qWarning("FaultProxy: the fault's path pattern is invalid and will never match: %s",
            qPrintable(fault.path.errorString()));
    }
    QMutexLocker lock(&m_state->mutex);
    m_state->faults.append(std::move(fault));
}

void FaultProxy::clearFaults()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->faults.clear();
}

QList<FaultProxy::Seen> FaultProxy::seen() const
{
    QMutexLocker lock(&m_state->mutex);
    QList<Seen> requests;
    requests.reserve(m_state->seen.size());
    for (const auto &entry : std::as_const(m_state->seen)) {
        requests.append(entry.seen);
    }
    return requests;
}

void FaultProxy::clearSeen()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->seen.clear();
}

} // namespace daftar::test
