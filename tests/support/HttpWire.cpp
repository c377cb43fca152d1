#include "HttpWire.h"

#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace daftar::test::http {

namespace {

// Longer start lines, header lines or chunk-size lines are refused (431).
constexpr qsizetype maxLineLength = 64 * 1024;
constexpr qsizetype maxHeaderCount = 200;

bool containsToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

} // namespace

QByteArray header(const Headers &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

bool hasHeader(const Headers &headers, QByteArrayView name)
{
    return std::any_of(headers.begin(), headers.end(),
        [name](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

void removeHeader(Headers &headers, QByteArrayView name)
{
    headers.removeIf(
        [name](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

void setHeader(Headers &headers, const QByteArray &name, const QByteArray &value)
{
    removeHeader(headers, name);
    headers.emplaceBack(name, value);
}

QByteArray Request::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

bool Request::keepAlive() const
{
    const QByteArray connection = header(headers, "connection");
    if (version == "HTTP/1.0") {
        return containsToken(connection, "keep-alive");
    }
    return !containsToken(connection, "close");
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

bool statusHasBody(int status)
{
    return status >= 200 && status != 204 && status != 304;
}

QByteArray serialize(const Request &request)
{
    QByteArray out = request.method + ' ' + request.target + " HTTP/1.1\r\n";
    for (const auto &[name, value] : request.headers) {
        out += name + ": " + value + "\r\n";
    }
    out += "\r\n";
    out += request.body;
    return out;
}

QByteArray serialize(Response response, bool keepAlive)
{
    setHeader(response.headers, "Connection", keepAlive ? "keep-alive" : "close");
    const bool hasBody = statusHasBody(response.status);
    if (hasBody && !hasHeader(response.headers, "content-length")
        && !hasHeader(response.headers, "transfer-encoding")) {
        response.headers.emplaceBack("Content-Length", QByteArray::number(response.body.size()));
    }
    const QByteArray reason
        = response.reason.isEmpty() ? reasonPhrase(response.status) : response.reason;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason + "\r\n";
    for (const auto &[name, value] : response.headers) {
        out += name + ": " + value + "\r\n";
    }
    out += "\r\n";
    if (hasBody) {
        out += response.body;
    }
    return out;
}

MessageReader::MessageReader(Kind kind)
    : m_kind(kind)
{ }

bool MessageReader::takeLine(QByteArray &input, QByteArray &line)
{
    const qsizetype end = input.indexOf('\n');
    if (end < 0) {
        if (input.size() > maxLineLength) {
            fail(431, "line too long");
        }
        return false;
    }
    if (end > maxLineLength) {
        fail(431, "line too long");
        return false;
    }
    line = input.left(end);
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    input.remove(0, end + 1);
    return true;
}

void MessageReader::fail(int status, const QByteArray &why)
{
    m_phase = Phase::Failed;
    m_failureStatus = status;
    m_failure = why;
}

void MessageReader::parseStartLine(const QByteArray &line)
{
    if (m_kind == Kind::Request) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty()
            || !parts[2].startsWith("HTTP/1.")) {
            fail(400, "bad request line: " + line.left(200));
            return;
        }
        m_method = parts[0];
        m_target = parts[1];
        m_version = parts[2];
    } else {
        // "HTTP/1.1 200 OK"; the reason may contain spaces or be missing.
        const qsizetype first = line.indexOf(' ');
        bool ok = false;
        m_status = first < 0 ? 0 : line.mid(first + 1, 3).toInt(&ok);
        if (!line.startsWith("HTTP/1.") || !ok || m_status < 100 || m_status > 999) {
            fail(400, "bad status line: " + line.left(200));
            return;
        }
        m_version = line.left(first);
        m_reason = line.mid(first + 5).trimmed();
    }
    m_phase = Phase::Headers;
}

void MessageReader::parseHeader(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || line.front() == ' ' || line.front() == '\t') {
        fail(400, "bad header line: " + line.left(200));
        return;
    }
    if (m_headers.size() >= maxHeaderCount) {
        fail(431, "too many headers");
        return;
    }
    m_headers.emplaceBack(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
}

void MessageReader::headersDone()
{
    if (m_kind == Kind::Response) {
        // Interim answers (100 Continue and the like) come before the real one.
        if (m_status < 200 && m_status != 101) {
            reset();
            return;
        }
        if (m_requestMethod == "HEAD" || !statusHasBody(m_status)) {
            m_phase = Phase::Done;
            return;
        }
    }
    if (containsToken(header(m_headers, "transfer-encoding"), "chunked")) {
        m_phase = Phase::ChunkSize;
        return;
    }
    if (hasHeader(m_headers, "content-length")) {
        bool ok = false;
        const QByteArray value = header(m_headers, "content-length");
        m_remaining = value.toLongLong(&ok);
        if (!ok || m_remaining < 0 || value.front() == '+') {
            fail(400, "bad Content-Length: " + value.left(40));
            return;
        }
        if (m_remaining > maxBodySize) {
            fail(413, "body larger than 64 MB");
            return;
        }
        m_body.reserve(m_remaining);
        m_phase = m_remaining == 0 ? Phase::Done : Phase::Body;
        return;
    }
    m_phase = m_kind == Kind::Request ? Phase::Done : Phase::UntilClose;
}

void MessageReader::takeBody(QByteArray &input)
{
    const qsizetype n = qMin<qint64>(m_remaining, input.size());
    m_body.append(input.constData(), n);
    input.remove(0, n);
    m_remaining -= n;
}

MessageReader::State MessageReader::read(QByteArray &input)
{
    QByteArray line;
    for (;;) {
        switch (m_phase) {
        case Phase::StartLine:
            if (!takeLine(input, line)) {
                break;
            }
            m_started = true;
            // Empty lines between messages are allowed (RFC 9112, 2.2).
            if (!line.isEmpty()) {
                parseStartLine(line);
            }
            continue;
        case Phase::Headers:
            if (!takeLine(input, line)) {
                break;
            }
            if (line.isEmpty()) {
                headersDone();
            } else {
                parseHeader(line);
            }
            continue;
        case Phase::Body:
            takeBody(input);
            if (m_remaining > 0) {
                break;
            }
            m_phase = Phase::Done;
            continue;
        case Phase::ChunkSize: {
            if (!takeLine(input, line)) {
                break;
            }
            const qsizetype extension = line.indexOf(';');
            const QByteArray digits = (extension < 0 ? line : line.left(extension)).trimmed();
            bool ok = false;
            const qint64 size = digits.toLongLong(&ok, 16);
            if (!ok || size < 0 || digits.size() > 15) {
                fail(400, "bad chunk size: " + line.left(40));
            } else if (m_body.size() + size > maxBodySize) {
                fail(413, "body larger than 64 MB");
            } else if (size == 0) {
                m_phase = Phase::Trailers;
            } else {
                m_remaining = size;
                m_phase = Phase::ChunkData;
            }
            continue;
        }
        case Phase::ChunkData:
            takeBody(input);
            if (m_remaining > 0) {
                break;
            }
            m_phase = Phase::ChunkEnd;
            continue;
        case Phase::ChunkEnd:
            if (!takeLine(input, line)) {
                break;
            }
            if (!line.isEmpty()) {
                fail(400, "chunk data longer than its size");
            } else {
                m_phase = Phase::ChunkSize;
            }
            continue;
        case Phase::Trailers:
            if (!takeLine(input, line)) {
                break;
            }
            if (line.isEmpty()) {
                m_phase = Phase::Done;
            }
            continue;
        case Phase::UntilClose:
            if (m_body.size() + input.size() > maxBodySize) {
                fail(413, "body larger than 64 MB");
                continue;
            }
            m_body += input;
            input.clear();
            break;
        case Phase::Done:
            return State::Complete;
        case Phase::Failed:
            return State::Failed;
        }
        return m_phase == Phase::Failed ? State::Failed : State::NeedMore;
    }
}

MessageReader::State MessageReader::finish()
{
    switch (m_phase) {
    case Phase::UntilClose:
        m_phase = Phase::Done;
        return State::Complete;
    case Phase::Done:
        return State::Complete;
    case Phase::StartLine:
        if (!m_started) {
            return State::NeedMore;
        }
        break;
    default:
        break;
    }
    fail(400, "connection closed in the middle of a message");
    return State::Failed;
}

bool MessageReader::wantsContinue() const
{
    const bool waitingForBody = m_phase == Phase::Body || m_phase == Phase::ChunkSize
        || m_phase == Phase::ChunkData || m_phase == Phase::ChunkEnd;
    return m_kind == Kind::Request && waitingForBody && m_body.isEmpty()
        && header(m_headers, "expect").compare("100-continue", Qt::CaseInsensitive) == 0;
}

Request MessageReader::takeRequest()
{
    Request request {m_method, m_target, m_version, m_headers, m_body};
    reset();
    return request;
}

Response MessageReader::takeResponse()
{
    Response response {m_status, m_reason, m_headers, m_body};
    reset();
    return response;
}

void MessageReader::reset()
{
    m_phase = Phase::StartLine;
    m_method.clear();
    m_target.clear();
    m_version.clear();
    m_status = 0;
    m_reason.clear();
    m_headers.clear();
    m_body = QByteArray();
    m_remaining = 0;
    m_started = false;
}

Connection::Connection(QTcpSocket *socket, Handler handler, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(std::move(handler))
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, [this] {
        m_input += m_socket->readAll();
        process();
    });
    connect(m_socket, &QTcpSocket::disconnected, this, &Connection::closed);
    if (m_socket->bytesAvailable() > 0) {
        m_input += m_socket->readAll();
        process();
    }
}

Connection::~Connection()
{
    // The socket, deleted with its parent, must not call back into a half-destroyed connection.
    disconnect(m_socket, nullptr, this, nullptr);
}

void Connection::process()
{
    // reply() from inside the handler would otherwise recurse once per pipelined request.
    if (m_processing) {
        return;
    }
    m_processing = true;
    while (!m_busy && !m_closing) {
        const auto state = m_reader.read(m_input);
        if (state == MessageReader::State::Failed) {
            Response refusal {m_reader.failureStatus(), {}, {{"Content-Type", "text/plain"}},
                m_reader.failure() + '\n'};
            m_socket->write(serialize(refusal, false));
            m_closing = true;
            m_socket->disconnectFromHost();
            break;
        }
        if (state == MessageReader::State::NeedMore) {
            if (!m_continueSent && m_reader.wantsContinue()) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                m_continueSent = true;
            }
            break;
        }
        Request request = m_reader.takeRequest();
        m_continueSent = false;
        m_keepAlive = request.keepAlive();
        m_method = request.method;
        m_busy = true;
        m_handler(*this, std::move(request));
    }
    m_processing = false;
}

void Connection::reply(Response response)
{
    if (!m_busy || m_closing) {
        return;
    }
    m_busy = false;
    QByteArray bytes = serialize(std::move(response), m_keepAlive);
    if (m_method == "HEAD") {
        bytes.truncate(bytes.indexOf("\r\n\r\n") + 4);
    }
    m_socket->write(bytes);
    if (!m_keepAlive) {
        m_closing = true;
        m_socket->disconnectFromHost();
        return;
    }
    process();
}

void Connection::drop()
{
    m_closing = true;
    m_busy = false;
    m_socket->abort();
    deleteLater();
}

void Connection::closed()
{
    m_closing = true;
    deleteLater();
}

Server::Server(Connection::Handler handler, quint16 port)
    : m_handler(std::move(handler))
    , m_requestedPort(port)
{
    start();
    m_listening.acquire();
}

Server::~Server()
{
    quit();
    wait();
}

void Server::run()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, m_requestedPort)) {
        qWarning("Test server cannot listen on 127.0.0.1:%u: %s", m_requestedPort,
            qPrintable(server.errorString()));
        m_listening.release();
        return;
    }
    m_port = server.serverPort();
    QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            new Connection(socket, m_handler, &server);
        }
    });
    m_listening.release();
    exec();
    // The connections are children of the server and go with it, here on their own thread.
}

} // namespace daftar::test::http
