// The live preview as an editor uses it: the article shows as the site shows
// it, follows typing (the last keystroke wins) without reloading or jumping to
// the top, shows library images, runs nothing hostile from the body, keeps the
// reader inside the preview, and shows a phone's width in mobile mode.
#include "SeedArticle.h"
#include "newsroom/ArticlePage.h"
#include "newsroom/PreviewPane.h"
#include "render/PdfRenderer.h"
#include "shell/Language.h"

#include <QApplication>
#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QWebEnginePage>
#include <QWebEngineScript>
#include <QWebEngineView>

using namespace Qt::StringLiterals;
using namespace daftar;
using ui::Language;
using ui::PreviewPane;

namespace {

constexpr int shownTimeout = 30000;

newsroom::Article seed()
{
    return test::seedArticle(test::seedArticlePath(qEnvironmentVariable("DAFTAR_TEST_DATA")));
}

// The seed's paragraphs several times over: long enough to scroll.
newsroom::Article longSeed()
{
    newsroom::Article article = seed();
    const QStringList paragraphs
        = test::seedParagraphs(test::seedArticlePath(qEnvironmentVariable("DAFTAR_TEST_DATA")));
    QStringList body;
    for (int i = 0; i < 6; ++i) {
        body += paragraphs.mid(1);
    }
    article.body = test::paragraphsHtml(body);
    return article;
}

std::optional<render::MediaBytes> libraryImage(qint64 id)
{
    if (id != 1) {
        return std::nullopt;
    }
    QImage image(60, 40, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return render::MediaBytes {bytes, u"image/png"_s};
}

// A PNG of random pixels (which do not compress) as a data: URL, as a pasted photo.
QString noiseImageDataUrl(int side)
{
    QImage image(side, side, QImage::Format_RGB32);
    QRandomGenerator random(7);
    for (int y = 0; y < side; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < side; ++x) {
            line[x] = random.generate() | 0xff000000u;
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return u"data:image/png;base64,"_s + QString::fromLatin1(bytes.toBase64());
}

// Runs a script in the isolated world, as the preview itself does (the page's own
// JavaScript is off).
QVariant evaluate(QWebEngineView *view, const QString &script)
{
    QVariant result;
    bool done = false;
    view->page()->runJavaScript(
        script, QWebEngineScript::ApplicationWorld, [&](const QVariant &value) {
            result = value;
            done = true;
        });
    if (!QTest::qWaitFor([&] { return done; }, 10000)) {
        qWarning("no answer to %s", qPrintable(script));
    }
    return result;
}

QString textOf(QWebEngineView *view, const QString &id)
{
    return evaluate(view, u"document.getElementById('%1').textContent"_s.arg(id)).toString();
}

bool show(PreviewPane &pane, const newsroom::Article &article, bool debounced = false)
{
    QSignalSpy shown(&pane, &PreviewPane::contentShown);
    if (debounced) {
        pane.setArticle(article);
    } else {
        pane.setArticleNow(article);
    }
    return !shown.isEmpty() || shown.wait(shownTimeout);
}

} // namespace

class TestPreviewPane : public QObject
{
    Q_OBJECT

    std::unique_ptr<PreviewPane> m_pane;

    QWebEngineView *desktop() const
    {
        return m_pane->findChild<QWebEngineView *>(u"previewDesktopView"_s);
    }
    QWebEngineView *mobile() const
    {
        return m_pane->findChild<QWebEngineView *>(u"previewMobileView"_s);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"DaftarTest"_s);
        QCoreApplication::setApplicationName(u"DaftarTest"_s);
    }

    void init()
    {
        m_pane = std::make_unique<PreviewPane>(&libraryImage);
        m_pane->resize(1100, 800);
        m_pane->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
        QVERIFY(desktop());
        QVERIFY(mobile());
    }

    void cleanup() { m_pane.reset(); }

    void showsTheArticleAsTheSiteDoes()
    {
        const newsroom::Article article = seed();
        QVERIFY(show(*m_pane, article));
        QCOMPARE(textOf(desktop(), u"article-title"_s), article.title);
        QCOMPARE(textOf(desktop(), u"article-date"_s), u"۳ آذر ۱۳۹۸"_s);
        QCOMPARE(textOf(desktop(), u"article-kind"_s), u"آگهی"_s);
        QVERIFY(textOf(desktop(), u"article-body"_s).contains(u"علی حسین شهریور افزود"_s));
        QCOMPARE(evaluate(desktop(), u"document.documentElement.dir"_s).toString(), u"rtl"_s);
        QCOMPARE(m_pane->bodyHtml(), newsroom::articleBodyHtml(article));
        QCOMPARE(m_pane->pageHtml(), newsroom::renderArticlePage(article));
        // The bundled font is the one the page uses.
        QVERIFY(evaluate(desktop(), u"document.fonts.check('17px Vazirmatn')"_s).toBool());
    }

    void typingUpdatesInPlaceAndTheLastKeystrokeWins()
    {
        newsroom::Article article = seed();
        QVERIFY(show(*m_pane, article));
        // Lives as long as the document: gone if the page were loaded again.
        evaluate(desktop(), u"window.sameDocument = true"_s);

        QSignalSpy shown(m_pane.get(), &PreviewPane::contentShown);
        for (int i = 1; i <= 20; ++i) {
            article.title = u"نسخه %1"_s.arg(i);
            article.body = u"<p>متن شماره %1</p>"_s.arg(i);
            m_pane->setArticle(article);
            if (i % 5 == 0) {
                QTest::qWait(30);
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(
            textOf(desktop(), u"article-title"_s), u"نسخه 20"_s, shownTimeout);
        QVERIFY(!shown.isEmpty() || shown.wait(shownTimeout));
        QCOMPARE(textOf(desktop(), u"article-body"_s), u"متن شماره 20"_s);
        QCOMPARE(evaluate(desktop(), u"document.title"_s).toString(),
            newsroom::articlePageTitle(article));
        QCOMPARE(evaluate(desktop(), u"window.sameDocument === true"_s).toBool(), true);

        // Updates given while one is under way end with the newest one.
        for (int i = 21; i <= 25; ++i) {
            article.title = u"نسخه %1"_s.arg(i);
            m_pane->setArticleNow(article);
        }
        QTRY_COMPARE_WITH_TIMEOUT(
            textOf(desktop(), u"article-title"_s), u"نسخه 25"_s, shownTimeout);
    }

    void scrollPositionSurvivesUpdatesAndALanguageSwitch()
    {
        newsroom::Article article = longSeed();
        QVERIFY(show(*m_pane, article));
        evaluate(desktop(), u"window.scrollTo(0, 1500)"_s);
        QTRY_COMPARE(evaluate(desktop(), u"window.scrollY"_s).toInt(), 1500);

        article.title += u" (ویرایش)"_s;
        article.body.replace(u"<p>علی حسین"_s, u"<p>آقای علی حسین"_s);
        QVERIFY(show(*m_pane, article, true));
        QVERIFY(textOf(desktop(), u"article-body"_s).contains(u"آقای علی حسین"_s));
        QCOMPARE(evaluate(desktop(), u"window.scrollY"_s).toInt(), 1500);

        // Another language is another page (direction, menus); it opens at the same place.
        evaluate(desktop(), u"window.sameDocument = true"_s);
        article.language = u"en"_s;
        QVERIFY(show(*m_pane, article));
        QCOMPARE(evaluate(desktop(), u"document.documentElement.dir"_s).toString(), u"ltr"_s);
        QCOMPARE(evaluate(desktop(), u"window.sameDocument === true"_s).toBool(), false);
        QCOMPARE(evaluate(desktop(), u"window.scrollY"_s).toInt(), 1500);
    }

    void hostileBodyShowsNothingActive_data()
    {
        QTest::addColumn<bool>("inPlace");
        QTest::newRow("first page") << false;
        QTest::newRow("update in place") << true;
    }

    void hostileBodyShowsNothingActive()
    {
        QFETCH(bool, inPlace);
        newsroom::Article article = seed();
        if (inPlace) {
            QVERIFY(show(*m_pane, article));
        }
        article.body = u"<p>پیش</p><script>document.title = 'hacked'</script>"
                       u"<img src=\"daftar-media:99\" onerror=\"document.title = 'hacked'\">"
                       u"<p onclick=\"x()\"><a href=\"javascript:alert(1)\">پیوند</a></p>"
                       u"<iframe src=\"https://example.org\"></iframe><p>پس</p>"_s;
        QVERIFY(show(*m_pane, article));
        QVERIFY(textOf(desktop(), u"article-body"_s).contains(u"پس"_s));
        QCOMPARE(
            evaluate(desktop(), u"document.querySelectorAll('script, iframe').length"_s).toInt(),
            0);
        QCOMPARE(evaluate(desktop(), u"document.querySelectorAll('[onerror], [onclick]').length"_s)
                     .toInt(),
            0);
        QCOMPARE(
            evaluate(desktop(),
                u"[...document.querySelectorAll('a[href]')].filter(a => "
                u"a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length"_s)
                .toInt(),
            0);
        QVERIFY(m_pane->pageHtml().indexOf(u"<script"_s, 0, Qt::CaseInsensitive) < 0);
        QCOMPARE(evaluate(desktop(), u"document.title"_s).toString(),
            newsroom::articlePageTitle(article));
    }

    void libraryImagesShow()
    {
        newsroom::Article article = seed();
        article.body
            = u"<p>عکس</p><p><img src=\"daftar-media:1\" alt=\"یک\"><img src=\"daftar-media:2\" alt=\"دو\"></p>"_s;
        article.featuredImageId = 1;
        QVERIFY(show(*m_pane, article));
        QTRY_COMPARE(
            evaluate(desktop(), u"document.querySelector('#article-body img').naturalWidth"_s)
                .toInt(),
            60);
        QCOMPARE(evaluate(desktop(), u"document.querySelector('#article-image img').naturalWidth"_s)
                     .toInt(),
            60);
        // An id the library does not have shows as a broken image, not as an error.
        QCOMPARE(
            evaluate(desktop(), u"document.querySelectorAll('#article-body img')[1].naturalWidth"_s)
                .toInt(),
            0);
    }

    void pastedImagesTooLargeForOnePageStillShow()
    {
        newsroom::Article article = seed();
        article.body = u"<p>پیش</p><p><img src=\"%1\" alt=\"بزرگ\"></p><p>پس</p>"_s.arg(
            noiseImageDataUrl(900));
        QVERIFY(!render::fitsInSetHtml(newsroom::renderArticlePage(article)));
        QVERIFY(show(*m_pane, article));
        QVERIFY(textOf(desktop(), u"article-body"_s).contains(u"پس"_s));
        QTRY_COMPARE(
            evaluate(desktop(), u"document.querySelector('#article-body img').naturalWidth"_s)
                .toInt(),
            900);
    }

    void englishParagraphInAPersianArticleReadsLeftToRight()
    {
        newsroom::Article article = seed();
        article.body = u"<p>این بند فارسی است.</p><p>This paragraph is in English.</p>"_s;
        QVERIFY(show(*m_pane, article));
        // Where each paragraph's text starts: against the right edge or the left.
        const QString gap
            = u"(() => { const p = document.querySelectorAll('#article-body p')[%1];"
              u" const range = document.createRange(); range.selectNodeContents(p);"
              u" const text = range.getBoundingClientRect(), box = p.getBoundingClientRect();"
              u" return [text.left - box.left, box.right - text.right]; })()"_s;
        const QVariantList persian = evaluate(desktop(), gap.arg(0)).toList();
        const QVariantList english = evaluate(desktop(), gap.arg(1)).toList();
        QCOMPARE(persian.size(), 2);
        QCOMPARE(english.size(), 2);
        QVERIFY(persian.at(1).toDouble() < 1 && persian.at(0).toDouble() > 50);
        QVERIFY(english.at(0).toDouble() < 1 && english.at(1).toDouble() > 50);
    }

    void linksDoNotLeaveThePreview()
    {
        QVERIFY(show(*m_pane, seed()));
        evaluate(desktop(), u"window.sameDocument = true"_s);
        QSignalSpy refused(desktop()->page(), &QWebEnginePage::loadFinished);
        evaluate(desktop(), u"document.querySelector('.site-nav a[href=\"/about\"]').click()"_s);
        QVERIFY(refused.wait(shownTimeout));
        QCOMPARE(refused.first().first().toBool(), false);
        QTest::qWait(300);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(evaluate(desktop(), u"window.sameDocument === true"_s).toBool(), true);
        QCOMPARE(textOf(desktop(), u"article-title"_s), seed().title);
    }

    void mobileModeIsAPhoneWide()
    {
        auto *mobileButton = m_pane->findChild<QToolButton *>(u"previewMobileMode"_s);
        QVERIFY(mobileButton);
        QVERIFY(show(*m_pane, seed()));
        QSignalSpy shown(m_pane.get(), &PreviewPane::contentShown);
        mobileButton->click();
        QCOMPARE(m_pane->mode(), PreviewPane::Mode::Mobile);
        QVERIFY(!shown.isEmpty() || shown.wait(shownTimeout));
        QVERIFY(mobile()->isVisible());
        QVERIFY(!desktop()->isVisible());
        QCOMPARE(mobile()->width(), 390);
        QCOMPARE(evaluate(mobile(), u"window.innerWidth"_s).toInt(), 390);
        QCOMPARE(textOf(mobile(), u"article-title"_s), seed().title);
        // The site's phone layout: the menu folds behind its button.
        QCOMPARE(
            evaluate(mobile(), u"getComputedStyle(document.querySelector('.site-nav')).display"_s)
                .toString(),
            u"none"_s);
        QVERIFY(evaluate(mobile(),
                    u"getComputedStyle(document.querySelector('.nav-toggle-label')).display"_s)
                    .toString()
            != u"none"_s);

        // Side by side, both follow the article.
        m_pane->setMode(PreviewPane::Mode::SideBySide);
        newsroom::Article changed = seed();
        changed.title = u"هر دو نما"_s;
        QVERIFY(show(*m_pane, changed));
        QVERIFY(desktop()->isVisible() && mobile()->isVisible());
        QCOMPARE(textOf(desktop(), u"article-title"_s), changed.title);
        QCOMPARE(textOf(mobile(), u"article-title"_s), changed.title);
        QCOMPARE(evaluate(mobile(), u"window.innerWidth"_s).toInt(), 390);
        QVERIFY(evaluate(desktop(), u"window.innerWidth"_s).toInt() >= 800);
    }

    void modeButtonsFollowTheLayoutDirection()
    {
        auto *desktopButton = m_pane->findChild<QToolButton *>(u"previewDesktopMode"_s);
        auto *mobileButton = m_pane->findChild<QToolButton *>(u"previewMobileMode"_s);
        auto *sideBySideButton = m_pane->findChild<QToolButton *>(u"previewSideBySideMode"_s);
        QVERIFY(desktopButton && mobileButton && sideBySideButton);
        QVERIFY(desktopButton->isChecked());

        Language::instance().apply(Language::English, false);
        QCOMPARE(desktopButton->text(), u"Desktop"_s);
        QCOMPARE(mobileButton->text(), u"Mobile"_s);
        QCOMPARE(sideBySideButton->text(), u"Side by side"_s);
        QTRY_VERIFY(desktopButton->x() < mobileButton->x());
        QVERIFY(mobileButton->x() < sideBySideButton->x());

        Language::instance().apply(Language::Persian, false);
        QTRY_VERIFY(desktopButton->x() > mobileButton->x());
        QVERIFY(mobileButton->x() > sideBySideButton->x());
        QVERIFY(!desktopButton->text().isEmpty());

        sideBySideButton->click();
        QCOMPARE(m_pane->mode(), PreviewPane::Mode::SideBySide);
        QVERIFY(sideBySideButton->isChecked() && !desktopButton->isChecked());
    }

    void exportsThePdf()
    {
        QVERIFY(show(*m_pane, seed()));
        QTemporaryDir dir;
        const QString path = dir.filePath(u"article.pdf"_s);
        std::optional<Status> outcome;
        m_pane->exportPdf(path, [&](Status status) { outcome = std::move(status); });
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), shownTimeout);
        QVERIFY2(outcome->ok(), qPrintable(outcome->errorMessage()));
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");

        PreviewPane empty(&libraryImage);
        outcome.reset();
        empty.exportPdf(
            dir.filePath(u"nothing.pdf"_s), [&](Status status) { outcome = std::move(status); });
        QTRY_VERIFY(outcome.has_value());
        QVERIFY(!outcome->ok());
        QVERIFY(!QFile::exists(dir.filePath(u"nothing.pdf"_s)));
    }
};

int main(int argc, char **argv)
{
    // Chromium needs the scheme before the application exists.
    render::registerMediaScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestPreviewPane test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestPreviewPane.moc"
