#include "MediaSchemeHandler.h"

#include "newsroom/MediaLibrary.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QWebEngineProfile>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>

using namespace Qt::StringLiterals;

namespace daftar::render {

MediaFetcher libraryFetcher(storage::Database &db)
{
    return [&db](qint64 mediaId) -> std::optional<MediaBytes> {
        newsroom::MediaLibrary media(db);
        auto item = media.item(mediaId);
        auto bytes = media.bytes(mediaId);
        if (!item || !bytes) {
            return std::nullopt;
        }
        return MediaBytes {*bytes, item->mimeType};
    };
}

void registerMediaScheme()
{
    const QByteArray name(newsroom::mediaScheme);
    if (QWebEngineUrlScheme::schemeByName(name).name() == name) {
        return;
    }
    if (QCoreApplication::instance()) {
        qWarning("registerMediaScheme() must run before the application object is created; "
                 "library images will not show in previews and PDFs");
        return;
    }
    QWebEngineUrlScheme scheme(name);
    // daftar-media:42 has neither host nor port.
    scheme.setSyntax(QWebEngineUrlScheme::Syntax::Path);
    // Secure, so that a page with an https base URL may still show library images.
    scheme.setFlags(QWebEngineUrlScheme::SecureScheme);
    QWebEngineUrlScheme::registerScheme(scheme);
}

void installMediaScheme(QWebEngineProfile *profile, MediaFetcher fetch)
{
    const QByteArray name(newsroom::mediaScheme);
    if (const QWebEngineUrlSchemeHandler *previous = profile->urlSchemeHandler(name)) {
        profile->removeUrlScheme(name);
        delete previous;
    }
    profile->installUrlSchemeHandler(name, new MediaSchemeHandler(std::move(fetch), profile));
}

MediaSchemeHandler::MediaSchemeHandler(MediaFetcher fetch, QObject *parent)
    : QWebEngineUrlSchemeHandler(parent)
    , m_fetch(std::move(fetch))
{ }

void MediaSchemeHandler::requestStarted(QWebEngineUrlRequestJob *job)
{
    if (job->requestMethod() != "GET") {
        job->fail(QWebEngineUrlRequestJob::RequestDenied);
        return;
    }
    const auto id = newsroom::mediaIdFromUrl(job->requestUrl().toString());
    if (!id) {
        job->fail(QWebEngineUrlRequestJob::UrlInvalid);
        return;
    }
    const std::optional<MediaBytes> media = m_fetch ? m_fetch(*id) : std::nullopt;
    if (!media || media->data.isEmpty()) {
        job->fail(QWebEngineUrlRequestJob::UrlNotFound);
        return;
    }
    // The job owns the buffer and deletes it once Chromium has read it.
    auto *buffer = new QBuffer(job);
    buffer->setData(media->data);
    buffer->open(QIODevice::ReadOnly);
    job->reply(media->mimeType.toUtf8(), buffer);
}

} // namespace daftar::render
