// The portal side of Daftar's JSON publishing target (docs/publishing-json.md),
// for the publishing tests: checks every request's signature, stores the
// documents and media it is sent, and lets a test look at what arrived or
// change an item "on the portal" to provoke a conflict. It serves on a thread
// of its own, so tests may block while a daftar-cli child talks to it; every
// method may be called from the test's thread.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace daftar::test {

namespace http {
class Server;
}

class JsonReceiver
{
public:
    explicit JsonReceiver(QByteArray secret, quint16 port = 0);
    ~JsonReceiver();

    JsonReceiver(const JsonReceiver &) = delete;
    JsonReceiver &operator=(const JsonReceiver &) = delete;

    quint16 port() const;
    // The base URL for Daftar's settings: http://127.0.0.1:<port>/daftar-api
    QUrl url() const;

    struct Item
    {
        QJsonObject document; // as last sent (or edited on the portal), without "modified"
        QString modified; // UTC ISO 8601 with milliseconds
        int puts = 0;
    };
    QMap<QString, Item> items() const; // id -> item currently stored
    QMap<QString, QByteArray> media() const; // sha256 hex -> bytes
    QMap<QString, QString> mediaAlt() const; // sha256 hex -> decoded alt text
    // One "METHOD /path STATUS" line per request, in order, refused ones included.
    QStringList log() const;
    int rejectedSignatures() const;
    QList<QString> deleted() const; // ids deleted, in order

    // Someone edits the item on the portal: its title changes and "modified" moves on.
    void editOnPortal(const QString &id, const QString &newTitle);

    // The X-Daftar-Signature header value ("sha256=<hex>") for a request.
    static QByteArray signature(QByteArray secret, QByteArray method, QByteArray path,
        QByteArray timestamp, QByteArray body);

private:
    struct State;
    std::unique_ptr<State> m_state;
    std::unique_ptr<http::Server> m_server;
};

} // namespace daftar::test
