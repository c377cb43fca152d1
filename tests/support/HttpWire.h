// HTTP/1.1 on the wire for the test servers (FaultProxy, JsonReceiver): an
// incremental reader of requests and responses, and a loopback server that runs
// on a thread of its own and hands every request of every keep-alive connection
// to a handler. Tests block their own thread (QProcess::waitForFinished) while a
// daftar-cli child talks to these servers, so they cannot share its event loop.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSemaphore>
#include <QThread>

#include <functional>

class QTcpSocket;

namespace daftar::test::http {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// The largest body either server reads; a larger one is answered 413.
inline constexpr qint64 maxBodySize = 64 * 1024 * 1024;

// The value of the first header called `name` (case-insensitive), empty when absent.
QByteArray header(const Headers &headers, QByteArrayView name);
bool hasHeader(const Headers &headers, QByteArrayView name);
void removeHeader(Headers &headers, QByteArrayView name);
// Replaces every header called `name` by one with `value`.
void setHeader(Headers &headers, const QByteArray &name, const QByteArray &value);

struct Request
{
    QByteArray method;
    QByteArray target; // as sent: path and query, percent-encoded
    QByteArray version; // "HTTP/1.1"
    Headers headers;
    QByteArray body; // de-chunked

    QByteArray path() const; // target without the query
    bool keepAlive() const;
};

struct Response
{
    int status = 200;
    QByteArray reason; // empty: the standard phrase
    Headers headers;
    QByteArray body;
};

QByteArray reasonPhrase(int status);
bool statusHasBody(int status);

// The request as it goes on the wire; the caller has arranged its framing headers.
QByteArray serialize(const Request &request);
// The response as it goes on the wire, with a Content-Length (unless one is
// there already) and a Connection header saying whether the connection stays open.
QByteArray serialize(Response response, bool keepAlive);

// Reads one message after another from the bytes of a connection as they come.
class MessageReader
{
public:
    enum class Kind { Request, Response };
    enum class State { NeedMore, Complete, Failed };

    explicit MessageReader(Kind kind);

    // For a response: the method of its request (the answer to HEAD has no body).
    void setRequestMethod(const QByteArray &method) { m_requestMethod = method; }

    // Consumes bytes from the front of `input`; Complete when a whole message is in.
    State read(QByteArray &input);
    // The peer closed the connection: completes a response framed by the close.
    // NeedMore means the connection closed cleanly between messages.
    State finish();

    // The headers of a request asking "Expect: 100-continue" are in, its body is not.
    bool wantsContinue() const;

    // After Complete; the reader then starts over for the next message.
    Request takeRequest();
    Response takeResponse();

    // After Failed: the status to answer (400, 413, 431) and why.
    int failureStatus() const { return m_failureStatus; }
    QByteArray failure() const { return m_failure; }

private:
    enum class Phase {
        StartLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailers,
        UntilClose,
        Done,
        Failed
    };

    bool takeLine(QByteArray &input, QByteArray &line);
    void parseStartLine(const QByteArray &line);
    void parseHeader(const QByteArray &line);
    void headersDone();
    void takeBody(QByteArray &input);
    void fail(int status, const QByteArray &why);
    void reset();

    Kind m_kind;
    Phase m_phase = Phase::StartLine;
    QByteArray m_requestMethod;
    QByteArray m_method;
    QByteArray m_target;
    QByteArray m_version;
    int m_status = 0;
    QByteArray m_reason;
    Headers m_headers;
    QByteArray m_body;
    qint64 m_remaining = 0;
    bool m_started = false;
    int m_failureStatus = 0;
    QByteArray m_failure;
};

// One client connection of a Server: reads its requests one at a time and
// writes the answers in order. The handler answers each request with reply() or
// drop(), at once or later; work it starts later should be parented to the
// connection, so that it ends when the client goes away.
class Connection : public QObject
{
public:
    using Handler = std::function<void(Connection &connection, Request request)>;

    Connection(QTcpSocket *socket, Handler handler, QObject *parent);
    ~Connection() override;

    void reply(Response response);
    // Closes the connection without answering.
    void drop();

private:
    void process();
    void closed();

    QTcpSocket *m_socket;
    Handler m_handler;
    MessageReader m_reader {MessageReader::Kind::Request};
    QByteArray m_input;
    bool m_busy = false;
    bool m_processing = false;
    bool m_closing = false;
    bool m_keepAlive = true;
    bool m_continueSent = false;
    QByteArray m_method;
};

// A QTcpServer on 127.0.0.1 and its connections, all living on this thread.
class Server : public QThread
{
public:
    // Listens on `port` (0: any free port) and returns once it does.
    Server(Connection::Handler handler, quint16 port = 0);
    // Closes every connection and joins the thread.
    ~Server() override;

    quint16 port() const { return m_port; }

protected:
    void run() override;

private:
    Connection::Handler m_handler;
    quint16 m_requestedPort;
    quint16 m_port = 0;
    QSemaphore m_listening;
};

} // namespace daftar::test::http
