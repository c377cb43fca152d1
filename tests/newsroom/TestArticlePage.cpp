// The article page as the public site shows it: the site's frame in the article's
// language and direction, the Jalali date, every field escaped, only the
// sanitised body as HTML, no script, and library images mapped for publishing.
#include "newsroom/ArticleHtml.h"
#include "newsroom/ArticlePage.h"
#include "text/Jalali.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar;
using newsroom::Article;
using newsroom::ArticleKind;

namespace {

Article persianArticle()
{
    Article article;
    article.title = u"دبیرکل خانه تعاونگران خواستار تهیه برنامه اقدام توسعه تعاون شد"_s;
    article.lead = u"جلسه هم‌اندیشی تعاونگران برگزار شد."_s;
    article.body = u"<p>متن خبر</p>"_s;
    article.eventDate = QDate(2019, 11, 24);
    return article;
}

// The content of the element with this id: the part the preview swaps in place.
QString elementContent(const QString &page, const QString &id)
{
    const QRegularExpression element(u"<(\\w+)[^>]*\\bid=\"%1\"[^>]*>(.*?)</\\1>"_s.arg(id),
        QRegularExpression::DotMatchesEverythingOption);
    return element.match(page).captured(2);
}

} // namespace

class TestArticlePage : public QObject
{
    Q_OBJECT

private slots:
    void persianPageIsRightToLeftWithTheSiteFrame()
    {
        const QString page = newsroom::renderArticlePage(persianArticle());
        QVERIFY(page.startsWith(u"<!DOCTYPE html>"_s));
        QVERIFY(page.contains(u"<html lang=\"fa\" dir=\"rtl\">"_s));
        QVERIFY(page.contains(u"خانه تعاونگران ایران"_s));
        QVERIFY(page.contains(u"فارسی"_s));
        QVERIFY(page.contains(u"English"_s));
        // The navigation is in the header and again in the footer.
        for (const QString &item :
            {u"صفحه اصلی"_s, u"درباره ما"_s, u"شعب استانی"_s, u"بانک اعضا"_s, u"تماس با ما"_s}) {
            QCOMPARE(page.count(u">%1</a>"_s.arg(item)), 2);
        }
        QCOMPARE(elementContent(page, u"article-title"_s), persianArticle().title);
        QCOMPARE(elementContent(page, u"article-kind"_s),
            u"<span class=\"kind kind-article\">خبر</span>"_s);
        QVERIFY(elementContent(page, u"article-lead"_s).contains(u"هم‌اندیشی"_s));
        QVERIFY(page.contains(
            u"<title>%1 | خانه تعاونگران ایران</title>"_s.arg(persianArticle().title)));
    }

    void eventDateIsJalaliWithPersianDigits()
    {
        const QString page = newsroom::renderArticlePage(persianArticle());
        QCOMPARE(elementContent(page, u"article-date"_s),
            u"<time datetime=\"2019-11-24\">۳ آذر ۱۳۹۸</time>"_s);
    }

    void dateFallsBackToCreationThenToday()
    {
        Article article = persianArticle();
        article.eventDate = {};
        article.createdAt = QDateTime(QDate(2020, 3, 20), QTime(12, 0), Qt::UTC);
        QVERIFY(elementContent(newsroom::renderArticlePage(article), u"article-date"_s)
                    .contains(u">۱ فروردین ۱۳۹۹<"_s));

        article.createdAt = {};
        const QString today = text::formatJalali(
            QDate::currentDate(), QLocale(QLocale::Persian, QLocale::Iran), text::DateStyle::Long);
        QVERIFY(elementContent(newsroom::renderArticlePage(article), u"article-date"_s)
                    .contains(u">%1<"_s.arg(today)));
    }

    void englishPageIsLeftToRightInEnglish()
    {
        Article article;
        article.language = u"en"_s;
        article.kind = ArticleKind::Announcement;
        article.title = u"General assembly"_s;
        article.eventDate = QDate(2019, 11, 24);
        const QString page = newsroom::renderArticlePage(article);
        QVERIFY(page.contains(u"<html lang=\"en\" dir=\"ltr\">"_s));
        QVERIFY(page.contains(u"Iran Cooperatives House"_s));
        for (const QString &item : {u"Home"_s, u"About us"_s, u"Provincial branches"_s,
                 u"Member bank"_s, u"Contact us"_s}) {
            QCOMPARE(page.count(u">%1</a>"_s.arg(item)), 2);
        }
        QVERIFY(!page.contains(u"صفحه اصلی"_s));
        QCOMPARE(elementContent(page, u"article-date"_s),
            u"<time datetime=\"2019-11-24\">24 November 2019</time>"_s);
        QVERIFY(elementContent(page, u"article-kind"_s).contains(u">Announcement<"_s));
    }

    void everyFieldIsEscaped()
    {
        Article article = persianArticle();
        article.title = u"<script>alert(\"x\")</script> & co"_s;
        article.lead = u"<b>lead</b>"_s;
        article.featuredImageId = 3;
        article.imageAlt = u"\" onerror=\"alert(1)"_s;
        article.imageCaption = u"<i>caption</i>"_s;
        article.category = u"<u>category</u>"_s;
        article.tags = {u"<em>tag</em>"_s};
        const QString page = newsroom::renderArticlePage(article);

        QCOMPARE(elementContent(page, u"article-title"_s),
            u"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"_s);
        QCOMPARE(elementContent(page, u"article-lead"_s), u"&lt;b&gt;lead&lt;/b&gt;"_s);
        QVERIFY(page.contains(u"alt=\"&quot; onerror=&quot;alert(1)\""_s));
        QVERIFY(page.contains(u"&lt;i&gt;caption&lt;/i&gt;"_s));
        QVERIFY(page.contains(u"&lt;u&gt;category&lt;/u&gt;"_s));
        QVERIFY(page.contains(u"&lt;em&gt;tag&lt;/em&gt;"_s));
        QVERIFY(!page.contains(u"<script"_s, Qt::CaseInsensitive));
        QVERIFY(!page.contains(u"<b>lead"_s));
    }

    void placeholdersTypedByTheUserStayText()
    {
        Article article = persianArticle();
        article.title = u"{{body}} {{site-css}}"_s;
        article.body = u"<p>BODYTEXT</p>"_s;
        const QString page = newsroom::renderArticlePage(article);
        QCOMPARE(elementContent(page, u"article-title"_s), u"{{body}} {{site-css}}"_s);
        QCOMPARE(page.count(u"BODYTEXT"_s), 1);
    }

    void bodyIsTheSanitisedFragment()
    {
        Article article = persianArticle();
        article.body = u"<p>یک</p><script>alert(1)</script><p onclick=\"x()\">دو "
                       u"<a href=\"javascript:alert(1)\">پیوند</a></p>"
                       u"<img src=\"x.png\" onerror=\"alert(1)\">"_s;
        const QString body = newsroom::articleBodyHtml(article);
        QCOMPARE(body, newsroom::sanitizeHtml(article.body));
        const QString page = newsroom::renderArticlePage(article);
        QCOMPARE(elementContent(page, u"article-body"_s), body);
        QVERIFY(page.contains(u"یک"_s));
        QVERIFY(!page.contains(u"<script"_s, Qt::CaseInsensitive));
        QVERIFY(!page.contains(u"onclick"_s, Qt::CaseInsensitive));
        QVERIFY(!page.contains(u"onerror"_s, Qt::CaseInsensitive));
        QVERIFY(!page.contains(u"javascript:"_s, Qt::CaseInsensitive));
    }

    void libraryImagesAreMappedWhenAsked()
    {
        Article article = persianArticle();
        article.body = u"<p>متن</p><p><img src=\"daftar-media:7\" alt=\"عکس\"></p>"_s;
        article.featuredImageId = 3;
        article.imageCaption = u"زیرنویس"_s;

        const QString preview = newsroom::renderArticlePage(article);
        QVERIFY(preview.contains(u"src=\"daftar-media:7\""_s));
        QVERIFY(preview.contains(u"src=\"daftar-media:3\""_s));
        QVERIFY(elementContent(preview, u"article-image"_s)
                    .contains(u"<figcaption>زیرنویس</figcaption>"_s));

        newsroom::PageOptions publishing;
        publishing.mediaUrl = [](qint64 id) {
            return u"https://example.org/media/%1.jpg?size=large&v=2"_s.arg(id);
        };
        const QString published = newsroom::renderArticlePage(article, publishing);
        QVERIFY(
            published.contains(u"src=\"https://example.org/media/7.jpg?size=large&amp;v=2\""_s));
        QVERIFY(
            published.contains(u"src=\"https://example.org/media/3.jpg?size=large&amp;v=2\""_s));
        QVERIFY(!published.contains(u"daftar-media:"_s));
        QVERIFY(newsroom::articleBodyHtml(article, publishing)
                    .contains(u"https://example.org/media/7.jpg"_s));
        QVERIFY(!newsroom::articleBodyHtml(article, publishing).contains(u"daftar-media:"_s));
    }

    void emptyPartsStayEmptyAndCategoryAndTagsShow()
    {
        Article article = persianArticle();
        article.lead.clear();
        const QString bare = newsroom::renderArticlePage(article);
        QVERIFY(elementContent(bare, u"article-lead"_s).isEmpty());
        QVERIFY(elementContent(bare, u"article-image"_s).isEmpty());
        QVERIFY(elementContent(bare, u"article-taxonomy"_s).isEmpty());

        article.category = u"اخبار استان‌ها"_s;
        article.tags = {u"تعاون"_s, u"  "_s, u"برنامه اقدام"_s};
        const QString taxonomy
            = elementContent(newsroom::renderArticlePage(article), u"article-taxonomy"_s);
        QVERIFY(taxonomy.contains(u"اخبار استان‌ها"_s));
        QVERIFY(taxonomy.contains(u"<li>تعاون</li>"_s));
        QVERIFY(taxonomy.contains(u"<li>برنامه اقدام</li>"_s));
        QCOMPARE(taxonomy.count(u"<li>"_s), 2);
    }

    void partsAreWhatThePageHolds()
    {
        Article article = persianArticle();
        article.featuredImageId = 4;
        article.tags = {u"تعاون"_s};
        const QString page = newsroom::renderArticlePage(article);
        const QList<newsroom::PagePart> parts = newsroom::articlePageParts(article);
        QCOMPARE(parts.size(), 7);
        for (const newsroom::PagePart &part : parts) {
            QCOMPARE(page.count(u"id=\"%1\""_s.arg(part.elementId)), 1);
            QCOMPARE(elementContent(page, part.elementId), part.html);
        }
    }

    void pageUsesTheBundledFontAndNoScript()
    {
        const QString page = newsroom::renderArticlePage(persianArticle());
        QVERIFY(QFile::exists(u":/fonts/Vazirmatn-Regular.ttf"_s));
        QVERIFY(page.contains(u"url(\"qrc:/fonts/Vazirmatn-Regular.ttf\")"_s));
        QVERIFY(!page.contains(u"<script"_s, Qt::CaseInsensitive));
        QVERIFY(!page.contains(u"{{"_s));
        QVERIFY(!page.contains(u"<!--"_s));
    }
};

QTEST_GUILESS_MAIN(TestArticlePage)
#include "TestArticlePage.moc"
