// An article as the public site shows it: the site's page template
// (resources/site) filled with the article. The preview, PDF export and
// publishing all start from here, so what the editor sees is what goes out.
#pragma once

#include "Article.h"

#include <QList>
#include <QString>

#include <functional>

namespace daftar::newsroom {

struct PageOptions
{
    // How <img src="daftar-media:ID"> (body and featured image) appear in the page: unchanged when
    // empty (the preview resolves the scheme), otherwise replaced by what this returns (a data: URL
    // for a standalone file, the site's media URL when publishing).
    std::function<QString(qint64 mediaId)> mediaUrl;
};

// The sanitised body fragment publishing sends and the preview shows (sanitizeHtml(article.body),
// with media URLs mapped by options).
QString articleBodyHtml(const Article &article, const PageOptions &options = {});

// The whole page: template + title, kind label, date (eventDate, else createdAt, else today; Jalali
// with Persian digits for language "fa"; Gregorian English long date for "en"), lead, featured
// image with caption/alt, body, category/tags. All fields HTML-escaped except the (sanitised) body.
// Persian (right-to-left) unless the article's language is "en". No JavaScript.
QString renderArticlePage(const Article &article, const PageOptions &options = {});

// One part of the page that follows the article: the content (inner HTML) of the element with
// this id. The ids are article-kind, article-title, article-date, article-lead, article-image,
// article-body and article-taxonomy; a part the article leaves empty is an empty string (the
// element then takes no room).
struct PagePart
{
    QString elementId;
    QString html;
};

// The parts renderArticlePage() puts into the page, in page order. The preview replaces
// them in place while the user types instead of loading the page again; only a change
// of language changes anything else.
QList<PagePart> articlePageParts(const Article &article, const PageOptions &options = {});

// The text of the page's <title> (not escaped): the article's title and the site's name.
QString articlePageTitle(const Article &article);

} // namespace daftar::newsroom
