// The live article preview while typing: a 3,000-word Persian article (the seed
// article's paragraphs repeated) in a QTextDocument as the editor holds it, 60
// keystrokes 120 ms apart, each one editing the document, turning it into the
// body's HTML (htmlFromDocument) and handing the article to the PreviewPane.
// Prints keystroke → contentShown (p50/p90/max), the time of each stage, and the
// same typing with a full QWebEngineView::setHtml() reload per keystroke.
//   QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 build/release/bench/bench_preview
#include "SeedArticle.h"
#include "newsroom/ArticleHtml.h"
#include "newsroom/ArticlePage.h"
#include "newsroom/PreviewPane.h"
#include "render/MediaSchemeHandler.h"
#include "shell/Application.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace daftar;

namespace {

constexpr int keystrokes = 60;
constexpr int intervalMs = 120;
constexpr int articleWords = 3000;
constexpr int settleTimeoutMs = 30000;
// Letters only: each keystroke makes the body's HTML exactly one character longer,
// which tells how many keystrokes a shown page holds.
const QString typedLetters = u"تعاونگرانکشوربرنامهاقدامتوسعهبخشتعاونیراپیگیریمیکنند"_s;

struct Percentiles
{
    double p50 = 0;
    double p90 = 0;
    double max = 0;
};

Percentiles percentiles(QList<double> values)
{
    if (values.isEmpty()) {
        return {};
    }
    std::sort(values.begin(), values.end());
    const auto rank = [&](double p) {
        return values.at(std::clamp(
            qsizetype(p * double(values.size()) + 0.999999) - 1, qsizetype(0), values.size() - 1));
    };
    return {rank(0.5), rank(0.9), values.constLast()};
}

void print(const char *what, const QList<double> &values)
{
    const Percentiles p = percentiles(values);
    std::printf("  %-44s p50 %7.1f ms   p90 %7.1f ms   max %7.1f ms\n", what, p.p50, p.p90, p.max);
}

double msSince(const QElapsedTimer &clock, qint64 startNs)
{
    return double(clock.nsecsElapsed() - startNs) / 1e6;
}

void waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    while (!done() && waited.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
}

// The editor's state: the document being typed into and the article it becomes.
class Typist
{
public:
    Typist(const QStringList &paragraphs, const newsroom::Article &article)
        : m_article(article)
    {
        newsroom::loadIntoDocument(test::paragraphsHtml(paragraphs), m_document);
        m_article.body = newsroom::htmlFromDocument(m_document);
    }

    const newsroom::Article &article() const { return m_article; }

    // One keystroke in the middle of the article; returns how long htmlFromDocument took.
    double type(const QElapsedTimer &clock)
    {
        QTextCursor cursor(m_document.findBlockByNumber(m_document.blockCount() / 2));
        cursor.movePosition(QTextCursor::EndOfBlock);
        cursor.insertText(typedLetters.at(m_typed++ % typedLetters.size()));
        const qint64 start = clock.nsecsElapsed();
        m_article.body = newsroom::htmlFromDocument(m_document);
        return msSince(clock, start);
    }

private:
    QTextDocument m_document;
    newsroom::Article m_article;
    int m_typed = 0;
};

struct Run
{
    QList<double> shown; // keystroke → the page shows it
    QList<double> html; // htmlFromDocument
    QList<double> render; // sanitize + render (setArticleNow's own time)
    QList<double> inPage; // setArticleNow returned → contentShown
    int missing = 0;
    int cancelled = 0;
};

// Types 60 keystrokes into the pane at the editor's pace. With `debounced` the
// article goes through setArticle() as the editor sends it; without, through
// setArticleNow(), which times the stages apart.
Run typeIntoPane(ui::PreviewPane &pane, Typist &typist, bool debounced)
{
    Run run;
    QElapsedTimer clock;
    clock.start();
    QList<qint64> typedAt;
    QList<qint64> handedAt;
    const qsizetype baseSize = pane.bodyHtml().size();
    QObject context;
    QObject::connect(&pane, &ui::PreviewPane::contentShown, &context, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qsizetype held = std::min(pane.bodyHtml().size() - baseSize, typedAt.size());
        for (qsizetype k = run.shown.size(); k < held; ++k) {
            run.shown.append(double(now - typedAt.at(k)) / 1e6);
            if (!debounced) {
                run.inPage.append(double(now - handedAt.at(k)) / 1e6);
            }
        }
    });
    QTimer keys;
    keys.setTimerType(Qt::PreciseTimer);
    keys.setInterval(intervalMs);
    QObject::connect(&keys, &QTimer::timeout, &context, [&] {
        typedAt.append(clock.nsecsElapsed());
        run.html.append(typist.type(clock));
        if (debounced) {
            pane.setArticle(typist.article());
        } else {
            const qint64 start = clock.nsecsElapsed();
            pane.setArticleNow(typist.article());
            handedAt.append(clock.nsecsElapsed());
            run.render.append(msSince(clock, start));
        }
        if (typedAt.size() == keystrokes) {
            keys.stop();
        }
    });
    keys.start();
    waitFor(
        [&] { return run.shown.size() == keystrokes; }, keystrokes * intervalMs + settleTimeoutMs);
    run.missing = keystrokes - int(run.shown.size());
    return run;
}

// The same typing shown by loading the whole page again at each keystroke.
Run typeWithFullReloads(Typist &typist)
{
    Run run;
    QWebEngineProfile profile;
    QWebEngineView view;
    auto *page = new QWebEnginePage(&profile, &view);
    view.setPage(page);
    page->settings()->setAttribute(QWebEngineSettings::JavascriptEnabled, false);
    view.resize(1200, 900);
    view.show();

    QElapsedTimer clock;
    clock.start();
    QList<qint64> typedAt;
    bool firstLoaded = false;
    QObject context;
    QObject::connect(page, &QWebEnginePage::loadFinished, &context, [&](bool ok) {
        firstLoaded = firstLoaded || ok;
        if (!ok) {
            ++run.cancelled;
            return;
        }
        const qint64 now = clock.nsecsElapsed();
        for (qsizetype k = run.shown.size(); k < typedAt.size(); ++k) {
            run.shown.append(double(now - typedAt.at(k)) / 1e6);
        }
    });
    page->setHtml(newsroom::renderArticlePage(typist.article()), QUrl(u"qrc:/site/"_s));
    waitFor([&] { return firstLoaded; }, settleTimeoutMs);
    run.cancelled = 0;

    QTimer keys;
    keys.setTimerType(Qt::PreciseTimer);
    keys.setInterval(intervalMs);
    QObject::connect(&keys, &QTimer::timeout, &context, [&] {
        typedAt.append(clock.nsecsElapsed());
        run.html.append(typist.type(clock));
        const qint64 start = clock.nsecsElapsed();
        const QString html = newsroom::renderArticlePage(typist.article());
        run.render.append(msSince(clock, start));
        page->setHtml(html, QUrl(u"qrc:/site/"_s));
        if (typedAt.size() == keystrokes) {
            keys.stop();
        }
    });
    keys.start();
    waitFor(
        [&] { return run.shown.size() == keystrokes; }, keystrokes * intervalMs + settleTimeoutMs);
    run.missing = keystrokes - int(run.shown.size());
    return run;
}

void pause(int ms)
{
    QElapsedTimer paused;
    paused.start();
    waitFor([&] { return paused.elapsed() >= ms; }, ms + 100);
}

void showFirst(ui::PreviewPane &pane, const newsroom::Article &article)
{
    bool shown = false;
    QObject context;
    QObject::connect(&pane, &ui::PreviewPane::contentShown, &context, [&] { shown = true; });
    pane.setArticleNow(article);
    waitFor([&] { return shown; }, settleTimeoutMs);
    // The first page finishes painting and loading its fonts before typing starts.
    pause(1000);
}

void report(const char *title, const Run &run)
{
    std::printf("%s\n", title);
    print("keystroke -> shown", run.shown);
    print("  htmlFromDocument", run.html);
    if (!run.render.isEmpty()) {
        print("  sanitize + render", run.render);
    }
    if (!run.inPage.isEmpty()) {
        print("  in-page update (until contentShown)", run.inPage);
    }
    if (run.cancelled > 0) {
        std::printf(
            "  %d of %d loads were cut short by the next keystroke\n", run.cancelled, keystrokes);
    }
    if (run.missing > 0) {
        std::printf("  %d keystrokes never showed\n", run.missing);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    render::registerMediaScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    ui::setUpAppearance();

    const QStringList seed = test::seedParagraphs(QStringLiteral(DAFTAR_SEED_ARTICLE));
    if (seed.size() < 2) {
        std::fprintf(stderr, "cannot read the seed article %s\n", DAFTAR_SEED_ARTICLE);
        return 1;
    }
    QStringList paragraphs;
    int words = 0;
    for (qsizetype i = 0; words < articleWords; ++i) {
        const QString &paragraph = seed.at(1 + i % (seed.size() - 1));
        paragraphs.append(paragraph);
        words += int(paragraph.split(u' ', Qt::SkipEmptyParts).size());
    }
    const newsroom::Article article = test::seedArticle(QStringLiteral(DAFTAR_SEED_ARTICLE));

    // Chromium shares the machine with whatever else runs: the load says how much.
    QFile loadAverage(u"/proc/loadavg"_s);
    const QByteArray load = loadAverage.open(QIODevice::ReadOnly)
        ? loadAverage.readAll().split(' ').value(0)
        : QByteArray("?");
    std::printf("bench_preview: %d words in %lld paragraphs; %d keystrokes every %d ms; "
                "platform %s; load average %s\n",
        words, qlonglong(paragraphs.size()), keystrokes, intervalMs,
        qPrintable(QGuiApplication::platformName()), load.constData());

    ui::PreviewPane pane([](qint64) { return std::nullopt; });
    pane.resize(1200, 900);
    pane.show();

    Typist live(paragraphs, article);
    showFirst(pane, live.article());
    std::printf("body HTML %lld KB, whole page %lld KB\n",
        qlonglong(live.article().body.toUtf8().size() / 1024),
        qlonglong(pane.pageHtml().toUtf8().size() / 1024));
    const Run debounced = typeIntoPane(pane, live, true);
    report(
        "\nPreviewPane, desktop, setArticle (as the editor calls it; 50 ms gathering)", debounced);
    const Percentiles result = percentiles(debounced.shown);
    std::printf("  target p90 < 150 ms: %s\n", result.p90 < 150 ? "met" : "NOT met");

    Typist staged(paragraphs, article);
    showFirst(pane, staged.article());
    report("\nPreviewPane, desktop, setArticleNow (no gathering: the stages apart)",
        typeIntoPane(pane, staged, false));

    pane.setMode(ui::PreviewPane::Mode::SideBySide);
    pane.resize(1400, 900);
    Typist both(paragraphs, article);
    showFirst(pane, both.article());
    report("\nPreviewPane, side by side (two views), setArticle", typeIntoPane(pane, both, true));

    Typist reloading(paragraphs, article);
    report("\nFor comparison: QWebEngineView::setHtml() of the whole page at each keystroke "
           "(scroll position lost each time)",
        typeWithFullReloads(reloading));
    return 0;
}
