#include "MediaLibrary.h"

#include "storage/AuditLog.h"
#include "storage/Database.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace daftar::newsroom {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Newsroom)
};

constexpr qint64 largestImage = 20 * 1024 * 1024;
constexpr int thumbnailSide = 240;

const QString listColumns = u"id, file_name, mime_type, width, height, size, alt, sha256, "
                            "imported_at, thumbnail"_s;

MediaItem readItem(const QSqlQuery &row)
{
    MediaItem item;
    item.id = row.value(0).toLongLong();
    item.fileName = row.value(1).toString();
    item.mimeType = row.value(2).toString();
    item.width = row.value(3).toInt();
    item.height = row.value(4).toInt();
    item.size = row.value(5).toLongLong();
    item.alt = row.value(6).toString();
    item.sha256 = row.value(7).toString();
    item.importedAt = QDateTime::fromString(row.value(8).toString(), Qt::ISODateWithMs);
    item.importedAt.setTimeSpec(Qt::UTC);
    item.thumbnail = row.value(9).toByteArray();
    return item;
}

QString mimeOf(const QByteArray &format)
{
    if (format == "jpeg" || format == "jpg") {
        return u"image/jpeg"_s;
    }
    if (format == "png") {
        return u"image/png"_s;
    }
    if (format == "gif") {
        return u"image/gif"_s;
    }
    if (format == "webp") {
        return u"image/webp"_s;
    }
    return {};
}

} // namespace

QString mediaUrl(qint64 id)
{
    return QString::fromLatin1(mediaScheme) + u':' + QString::number(id);
}

std::optional<qint64> mediaIdFromUrl(const QString &url)
{
    const QString prefix = QString::fromLatin1(mediaScheme) + u':';
    if (!url.startsWith(prefix)) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 id = url.mid(prefix.size()).toLongLong(&ok);
    if (!ok || id <= 0) {
        return std::nullopt;
    }
    return id;
}

MediaLibrary::MediaLibrary(storage::Database &db)
    : m_db(db)
{ }

Result<MediaItem> MediaLibrary::importFile(
    const accounts::Actor &actor, const QString &path, const QString &alt)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (file.size() > largestImage) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is %2 MB; images up to 20 MB can be imported. Make it smaller (for "
                     "the site, 2,000 pixels wide is plenty) and import it again.")
                .arg(name)
                .arg(file.size() / (1024 * 1024)));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            Error::Kind::Invalid, Text::tr("Could not read %1: %2.").arg(path, file.errorString()));
    }
    return importBytes(actor, file.readAll(), name, alt);
}

Result<MediaItem> MediaLibrary::importBytes(const accounts::Actor &actor, const QByteArray &bytes,
    const QString &fileName, const QString &alt)
{
    if (const Status allowed = actor.require(accounts::Permission::WriteArticles); !allowed) {
        return allowed.error();
    }
    if (bytes.size() > largestImage) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is larger than 20 MB; make it smaller and import it again.")
                .arg(fileName));
    }
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QString mime = mimeOf(reader.format());
    const QImage image = reader.read();
    if (image.isNull() || mime.isEmpty()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is not an image Daftar can use (JPEG, PNG, GIF or WebP): %2")
                .arg(fileName, reader.errorString()));
    }
    MediaItem item;
    item.fileName = fileName;
    item.mimeType = mime;
    item.width = image.width();
    item.height = image.height();
    item.size = bytes.size();
    item.alt = alt.isNull() ? u""_s : alt.simplified();
    item.sha256
        = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    item.importedAt = QDateTime::currentDateTimeUtc();
    QBuffer thumbnail(&item.thumbnail);
    thumbnail.open(QIODevice::WriteOnly);
    image.scaled(thumbnailSide, thumbnailSide, Qt::KeepAspectRatio, Qt::SmoothTransformation)
        .save(&thumbnail, "PNG");

    const Status done = m_db.inTransaction([&]() -> Status {
        auto existing
            = m_db.run(u"SELECT %1 FROM media WHERE sha256 = ?"_s.arg(listColumns), {item.sha256});
        if (!existing) {
            return existing.error();
        }
        if (existing->next()) {
            item = readItem(*existing);
            return success();
        }
        auto inserted = m_db.run(u"INSERT INTO media (file_name, mime_type, width, height, size, "
                                 "alt, sha256, imported_at, data, thumbnail) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
            {item.fileName, item.mimeType, item.width, item.height, item.size, item.alt,
                item.sha256, item.importedAt.toString(Qt::ISODateWithMs), bytes, item.thumbnail});
        if (!inserted) {
            return inserted.error();
        }
        inserted->next();
        item.id = inserted->value(0).toLongLong();
        inserted->finish();
        return storage::AuditLog::record(m_db, actor.auditActor(), u"media.import"_s, u"media"_s,
            QString::number(item.id), {},
            {{u"file_name"_s, item.fileName}, {u"sha256"_s, item.sha256}, {u"size"_s, item.size}});
    });
    if (!done) {
        return done.error();
    }
    return item;
}

Result<QList<MediaItem>> MediaLibrary::list()
{
    auto rows
        = m_db.run(u"SELECT %1 FROM media ORDER BY imported_at DESC, id DESC"_s.arg(listColumns));
    if (!rows) {
        return rows.error();
    }
    QList<MediaItem> items;
    while (rows->next()) {
        items << readItem(*rows);
    }
    return items;
}

Result<MediaItem> MediaLibrary::item(qint64 id)
{
    auto row = m_db.run(u"SELECT %1 FROM media WHERE id = ?"_s.arg(listColumns), {id});
    if (!row) {
        return row.error();
    }
    if (!row->next()) {
        return makeError(
            Error::Kind::NotFound, Text::tr("Image %1 is not in the media library.").arg(id));
    }
    return readItem(*row);
}

Result<QByteArray> MediaLibrary::bytes(qint64 id)
{
    auto row = m_db.run(u"SELECT data FROM media WHERE id = ?"_s, {id});
    if (!row) {
        return row.error();
    }
    if (!row->next()) {
        return makeError(
            Error::Kind::NotFound, Text::tr("Image %1 is not in the media library.").arg(id));
    }
    return row->value(0).toByteArray();
}

Status MediaLibrary::setAlt(const accounts::Actor &actor, qint64 id, const QString &alt)
{
    if (const Status allowed = actor.require(accounts::Permission::WriteArticles); !allowed) {
        return allowed;
    }
    return m_db.inTransaction([&]() -> Status {
        auto old = item(id);
        if (!old) {
            return old.error();
        }
        const QString clean = alt.isNull() ? u""_s : alt.simplified();
        auto updated = m_db.run(u"UPDATE media SET alt = ? WHERE id = ?"_s, {clean, id});
        if (!updated) {
            return updated.error();
        }
        return storage::AuditLog::record(m_db, actor.auditActor(), u"media.alt"_s, u"media"_s,
            QString::number(id), {{u"alt"_s, old->alt}}, {{u"alt"_s, clean}});
    });
}

} // namespace daftar::newsroom
