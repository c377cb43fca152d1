// Images imported once into the database and reused across articles: the
// original bytes, a thumbnail, alt text. Bodies refer to them as
// <img src="daftar-media:ID">; the preview and publishing resolve that.
#pragma once

#include "accounts/Actor.h"
#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace daftar::storage {
class Database;
}

namespace daftar::newsroom {

struct MediaItem
{
    qint64 id = 0;
    QString fileName;
    QString mimeType; // image/jpeg, image/png, image/webp, image/gif
    int width = 0;
    int height = 0;
    qint64 size = 0;
    QString alt;
    QString sha256; // hex; the same file imported twice is the same item
    QDateTime importedAt; // UTC
    QByteArray thumbnail; // PNG, at most 240 px on its longer side
};

// The URL scheme bodies use for library images.
inline constexpr char mediaScheme[] = "daftar-media";
QString mediaUrl(qint64 id);
std::optional<qint64> mediaIdFromUrl(const QString &url);

class MediaLibrary
{
public:
    explicit MediaLibrary(storage::Database &db);

    // Reads, checks (a real image, at most 20 MB) and stores the file; returns
    // the existing item when the same bytes were imported before.
    Result<MediaItem> importFile(
        const accounts::Actor &actor, const QString &path, const QString &alt = {});
    Result<MediaItem> importBytes(const accounts::Actor &actor, const QByteArray &bytes,
        const QString &fileName, const QString &alt = {});
    Result<QList<MediaItem>> list(); // newest first, with thumbnails
    Result<MediaItem> item(qint64 id);
    Result<QByteArray> bytes(qint64 id);
    Status setAlt(const accounts::Actor &actor, qint64 id, const QString &alt);

private:
    storage::Database &m_db;
};

} // namespace daftar::newsroom
