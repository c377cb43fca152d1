// Serves <img src="daftar-media:ID"> to Chromium: article bodies refer to library
// images by id, and the preview and PDF export fetch their bytes from the
// database through a MediaFetcher when the page asks for them.
#pragma once

#include <QByteArray>
#include <QString>
#include <QWebEngineUrlSchemeHandler>

#include <functional>
#include <optional>

class QWebEngineProfile;

namespace daftar::storage {
class Database;
}

namespace daftar::render {

struct MediaBytes
{
    QByteArray data;
    QString mimeType;
};

// The bytes of a media library item, or nothing when there is no such item.
using MediaFetcher = std::function<std::optional<MediaBytes>(qint64 mediaId)>;

// A fetcher reading the media library of `db` (which must outlive it).
MediaFetcher libraryFetcher(storage::Database &db);

// Declares the daftar-media scheme to Chromium. Must run before the Q(Gui)Application
// exists; calling it again does nothing.
void registerMediaScheme();

// Makes pages of `profile` load daftar-media:ID through `fetch` (replacing a handler
// installed before). The handler belongs to the profile.
void installMediaScheme(QWebEngineProfile *profile, MediaFetcher fetch);

class MediaSchemeHandler : public QWebEngineUrlSchemeHandler
{
    Q_OBJECT

public:
    explicit MediaSchemeHandler(MediaFetcher fetch, QObject *parent = nullptr);

    void requestStarted(QWebEngineUrlRequestJob *job) override;

private:
    MediaFetcher m_fetch;
};

} // namespace daftar::render
