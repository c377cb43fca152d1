// PDF export of an article page (as renderArticlePage() makes it) through
// Chromium, so the PDF looks like the preview and the site: A4, the page's own
// direction, the bundled fonts embedded, backgrounds printed, JavaScript off.
#pragma once

#include "MediaSchemeHandler.h"
#include "core/Result.h"

#include <QString>

#include <functional>

namespace daftar::render {

// Renders `pageHtml` to the PDF file `outputPath` (replaced if it exists; written
// whole or not at all). Library images come from `fetch`. Synchronous: runs a local
// event loop until the file is written. Needs a QGuiApplication (offscreen is fine)
// and registerMediaScheme() before it for library images.
Status renderPdf(
    const QString &pageHtml, const QString &outputPath, const MediaFetcher &fetch = {});

// The same without blocking, for the GUI: `done` is called later on this thread
// with the outcome, never from inside this call.
void renderPdfAsync(const QString &pageHtml, const QString &outputPath, const MediaFetcher &fetch,
    std::function<void(Status)> done);

// Whether QWebEnginePage::setHtml() can load the page: Chromium refuses a page whose
// data: URL (the percent-encoded UTF-8) is longer than 2 MB, which in practice is a
// body with pasted (data:) images.
bool fitsInSetHtml(const QString &pageHtml);

} // namespace daftar::render
