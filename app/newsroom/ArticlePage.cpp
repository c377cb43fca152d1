#include "ArticlePage.h"

#include "ArticleHtml.h"
#include "MediaLibrary.h"
#include "text/Jalali.h"

#include <QFile>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace daftar::newsroom {

namespace {

// The site's own wording in each of its languages. These follow the article's
// language, not the UI's: a Persian article shows the Persian site even in the
// English UI, so they are the site's content and do not go through tr().
struct SiteText
{
    QString siteName;
    QString login;
    QString welcome;
    QString menu;
    QString home;
    QString about;
    QString branches;
    QString members;
    QString contact;
    QString newsKind;
    QString announcementKind;
    QString category;
    QString tags;
    QString copyright;
};

const SiteText &siteText(bool english)
{
    static const SiteText persian {
        u"خانه تعاونگران ایران"_s,
        u"ورود"_s,
        u"کاربر محترم میهمان به پرتال خانه تعاونگران ایران خوش آمدید"_s,
        u"منو"_s,
        u"صفحه اصلی"_s,
        u"درباره ما"_s,
        u"شعب استانی"_s,
        u"بانک اعضا"_s,
        u"تماس با ما"_s,
        u"خبر"_s,
        u"آگهی"_s,
        u"دسته\u200cبندی:"_s,
        u"برچسب\u200cها:"_s,
        u"© تمامی حقوق برای خانه تعاونگران ایران محفوظ است."_s,
    };
    static const SiteText englishText {
        u"Iran Cooperatives House"_s,
        u"Login"_s,
        u"Dear guest, welcome to the portal of Iran Cooperatives House"_s,
        u"Menu"_s,
        u"Home"_s,
        u"About us"_s,
        u"Provincial branches"_s,
        u"Member bank"_s,
        u"Contact us"_s,
        u"News"_s,
        u"Announcement"_s,
        u"Category:"_s,
        u"Tags:"_s,
        u"© Iran Cooperatives House. All rights reserved."_s,
    };
    return english ? englishText : persian;
}

bool isEnglish(const Article &article)
{
    return article.language == u"en"_s;
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

// The template cut once into literal text and placeholder names, so that each
// render (one per keystroke in the preview) is a plain concatenation, and a value
// that happens to contain "{{body}}" is never filled a second time.
struct PageTemplate
{
    QStringList literals; // one more than names
    QStringList names;
};

const PageTemplate &pageTemplate()
{
    static const PageTemplate parsed = [] {
        QString html = readResource(u":/site/article.html"_s);
        html.remove(QRegularExpression(
            u"<!--.*?-->\\s*"_s, QRegularExpression::DotMatchesEverythingOption));
        html.replace(u"{{site-css}}"_s, readResource(u":/site/site.css"_s).trimmed());
        PageTemplate result;
        static const QRegularExpression placeholder(u"\\{\\{([a-z-]+)\\}\\}"_s);
        qsizetype from = 0;
        for (const auto &match : placeholder.globalMatch(html)) {
            result.literals.append(html.mid(from, match.capturedStart() - from));
            result.names.append(match.captured(1));
            from = match.capturedEnd();
        }
        result.literals.append(html.mid(from));
        return result;
    }();
    return parsed;
}

QDate shownDate(const Article &article)
{
    if (article.eventDate.isValid()) {
        return article.eventDate;
    }
    if (article.createdAt.isValid()) {
        return article.createdAt.toLocalTime().date();
    }
    return QDate::currentDate();
}

QString dateText(const Article &article)
{
    const QDate date = shownDate(article);
    if (isEnglish(article)) {
        return QLocale(QLocale::English).toString(date, u"d MMMM yyyy"_s);
    }
    return text::formatJalali(
        date, QLocale(QLocale::Persian, QLocale::Iran), text::DateStyle::Long);
}

QString imageSource(qint64 mediaId, const PageOptions &options)
{
    return options.mediaUrl ? options.mediaUrl(mediaId) : mediaUrl(mediaId);
}

QString mapMediaUrls(const QString &html, const PageOptions &options)
{
    if (!options.mediaUrl) {
        return html;
    }
    static const QRegularExpression source(u"(<img\\b[^>]*?\\bsrc\\s*=\\s*)([\"'])(.*?)\\2"_s,
        QRegularExpression::CaseInsensitiveOption);
    QString result;
    result.reserve(html.size());
    qsizetype from = 0;
    for (const auto &match : source.globalMatch(html)) {
        const auto id = mediaIdFromUrl(match.captured(3));
        if (!id) {
            continue;
        }
        result += QStringView(html).mid(from, match.capturedEnd(1) - from);
        result += u'"' + escaped(options.mediaUrl(*id)) + u'"';
        from = match.capturedEnd();
    }
    result += QStringView(html).mid(from);
    return result;
}

QString kindHtml(const Article &article)
{
    const SiteText &site = siteText(isEnglish(article));
    const QString label
        = article.kind == ArticleKind::Announcement ? site.announcementKind : site.newsKind;
    return u"<span class=\"kind kind-%1\">%2</span>"_s.arg(kindId(article.kind), label);
}

QString dateHtml(const Article &article)
{
    return u"<time datetime=\"%1\">%2</time>"_s.arg(
        shownDate(article).toString(Qt::ISODate), escaped(dateText(article)));
}

QString imageHtml(const Article &article, const PageOptions &options)
{
    if (!article.featuredImageId) {
        return {};
    }
    QString html = u"<img src=\"%1\" alt=\"%2\">"_s.arg(
        escaped(imageSource(*article.featuredImageId, options)), escaped(article.imageAlt));
    if (!article.imageCaption.trimmed().isEmpty()) {
        html += u"<figcaption>%1</figcaption>"_s.arg(escaped(article.imageCaption.trimmed()));
    }
    return html;
}

QString taxonomyHtml(const Article &article)
{
    const SiteText &site = siteText(isEnglish(article));
    QString html;
    if (!article.category.trimmed().isEmpty()) {
        html += u"<p class=\"category\"><span class=\"taxonomy-label\">%1</span>%2</p>"_s.arg(
            escaped(site.category), escaped(article.category.trimmed()));
    }
    QString tags;
    for (const QString &tag : article.tags) {
        if (!tag.trimmed().isEmpty()) {
            tags += u"<li>%1</li>"_s.arg(escaped(tag.trimmed()));
        }
    }
    if (!tags.isEmpty()) {
        html += u"<div class=\"tag-list\"><span class=\"taxonomy-label\">%1</span>"
                u"<ul class=\"tags\">%2</ul></div>"_s.arg(escaped(site.tags), tags);
    }
    return html;
}

} // namespace

QString articleBodyHtml(const Article &article, const PageOptions &options)
{
    return mapMediaUrls(sanitizeHtml(article.body), options);
}

QList<PagePart> articlePageParts(const Article &article, const PageOptions &options)
{
    return {
        {u"article-kind"_s, kindHtml(article)},
        {u"article-title"_s, escaped(article.title)},
        {u"article-date"_s, dateHtml(article)},
        {u"article-lead"_s, escaped(article.lead.trimmed())},
        {u"article-image"_s, imageHtml(article, options)},
        {u"article-body"_s, articleBodyHtml(article, options)},
        {u"article-taxonomy"_s, taxonomyHtml(article)},
    };
}

QString articlePageTitle(const Article &article)
{
    const QString siteName = siteText(isEnglish(article)).siteName;
    const QString title = article.title.trimmed();
    return title.isEmpty() ? siteName : title + u" | "_s + siteName;
}

QString renderArticlePage(const Article &article, const PageOptions &options)
{
    const bool english = isEnglish(article);
    const SiteText &site = siteText(english);
    QHash<QString, QString> values {
        {u"lang"_s, english ? u"en"_s : u"fa"_s},
        {u"dir"_s, english ? u"ltr"_s : u"rtl"_s},
        {u"page-title"_s, escaped(articlePageTitle(article))},
        {u"site-name"_s, escaped(site.siteName)},
        {u"login"_s, escaped(site.login)},
        {u"welcome"_s, escaped(site.welcome)},
        {u"menu"_s, escaped(site.menu)},
        {u"nav-home"_s, escaped(site.home)},
        {u"nav-about"_s, escaped(site.about)},
        {u"nav-branches"_s, escaped(site.branches)},
        {u"nav-members"_s, escaped(site.members)},
        {u"nav-contact"_s, escaped(site.contact)},
        {u"copyright"_s, escaped(site.copyright)},
    };
    // The template names each part's placeholder after its element: article-title → {{title}}.
    constexpr QStringView partIdPrefix = u"article-";
    for (PagePart &part : articlePageParts(article, options)) {
        values.insert(part.elementId.sliced(partIdPrefix.size()), std::move(part.html));
    }

    const PageTemplate &page = pageTemplate();
    QString html;
    html.reserve(page.literals.constFirst().size() * 2 + values.value(u"body"_s).size());
    for (qsizetype i = 0; i < page.names.size(); ++i) {
        html += page.literals.at(i);
        html += values.value(page.names.at(i));
    }
    html += page.literals.constLast();
    return html;
}

} // namespace daftar::newsroom
