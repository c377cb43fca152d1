#include "PreviewPane.h"

#include "newsroom/ArticlePage.h"
#include "render/PdfRenderer.h"

#include <QButtonGroup>
#include <QDesktopServices>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPalette>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineSettings>
#include <QWebEngineView>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

constexpr int debounceMs = 50;
// The CSS width of a common phone's viewport: the site's phone layout as most readers see it.
constexpr int phoneWidth = 390;
constexpr int phoneFrameMargin = 16;
// Narrower than this (in CSS pixels) the desktop view would show the site's phone layout or a
// wrapped menu, so a narrow pane zooms the desktop page out instead.
constexpr qreal desktopMinimumWidth = 800;
constexpr qreal minimumZoom = 0.25;

QUrl pageBaseUrl()
{
    // The page's fonts are in the program's resources (qrc:/fonts).
    return QUrl(u"qrc:/site/"_s);
}

QString pageLanguage(const newsroom::Article &article)
{
    return article.language == u"en"_s ? u"en"_s : u"fa"_s;
}

// Nothing in the preview may take the user away from the article: web links open
// in the browser, the site's own menu links do nothing. The only page it loads is
// the one setHtml() gives it (a data: URL).
class PreviewPage : public QWebEnginePage
{
public:
    using QWebEnginePage::QWebEnginePage;

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override
    {
        const QString scheme = url.scheme();
        if (type == NavigationTypeLinkClicked) {
            if (isMainFrame
                && (scheme == u"https"_s || scheme == u"http"_s || scheme == u"mailto"_s)) {
                QDesktopServices::openUrl(url);
            }
            return false;
        }
        return isMainFrame && scheme == u"data"_s;
    }
};

} // namespace

struct PreviewPane::Snapshot
{
    newsroom::Article article;
    QList<newsroom::PagePart> parts;
    QString title;
    quint64 generation = 0;
};

// One Chromium view of the page. It loads the page once per language and then
// only replaces the parts that changed, one step at a time: while a load or an
// update runs, newer articles wait and the newest one is shown next.
class PreviewPane::View
{
public:
    View(QWebEngineProfile *profile, const QString &objectName, QWidget *parent,
        std::function<void()> settled)
        : m_widget(new QWebEngineView(parent))
        , m_page(new PreviewPage(profile, m_widget))
        , m_settled(std::move(settled))
    {
        m_widget->setObjectName(objectName);
        m_widget->setPage(m_page);
        // The view's menu offers Back and Reload, which mean nothing here.
        m_widget->setContextMenuPolicy(Qt::NoContextMenu);
        QWebEngineSettings *settings = m_page->settings();
        settings->setAttribute(QWebEngineSettings::JavascriptEnabled, false);
        // Typing goes on in the editor while the page changes.
        settings->setAttribute(QWebEngineSettings::FocusOnNavigationEnabled, false);

        const std::weak_ptr<int> alive = m_alive;
        QObject::connect(m_page, &QWebEnginePage::loadFinished, m_page, [this, alive](bool ok) {
            if (!alive.expired()) {
                loadFinished(ok);
            }
        });
        QObject::connect(m_page, &QWebEnginePage::renderProcessTerminated, m_page, [this, alive] {
            if (!alive.expired()) {
                m_loaded = false;
                if (!m_busy) {
                    update();
                }
            }
        });
    }

    ~View()
    {
        // Callbacks still pending from Chromium must not reach a dead View.
        m_alive.reset();
        delete m_widget;
    }

    QWebEngineView *widget() const { return m_widget; }

    bool busy() const { return m_busy; }
    bool shows(quint64 generation) const { return !m_busy && m_shownGeneration == generation; }

    void show(std::shared_ptr<const Snapshot> snapshot)
    {
        m_wanted = std::move(snapshot);
        if (!m_busy) {
            update();
        }
    }

private:
    void update()
    {
        if (!m_wanted) {
            return;
        }
        if (!m_loaded || m_loadedLanguage != pageLanguage(m_wanted->article)) {
            load();
            return;
        }
        sync();
    }

    // A new page: the first one, or the other language's (its direction and menus
    // differ). It opens where the reader was on the old one.
    void load()
    {
        m_busy = true;
        if (!m_loaded) {
            loadPage();
            return;
        }
        const std::weak_ptr<int> alive = m_alive;
        m_page->runJavaScript(u"[window.scrollX, window.scrollY]"_s,
            QWebEngineScript::ApplicationWorld, [this, alive](const QVariant &result) {
                if (alive.expired()) {
                    return;
                }
                const QVariantList position = result.toList();
                if (position.size() == 2) {
                    m_restoreScroll = QPointF(position.at(0).toReal(), position.at(1).toReal());
                }
                loadPage();
            });
    }

    void loadPage()
    {
        m_loading = m_wanted;
        newsroom::Article article = m_loading->article;
        QString html = newsroom::renderArticlePage(article);
        m_shown.clear();
        for (const newsroom::PagePart &part : m_loading->parts) {
            m_shown.insert(part.elementId, part.html);
        }
        if (!render::fitsInSetHtml(html)) {
            // Chromium refuses such a page in one piece; the body follows in place.
            article.body.clear();
            html = newsroom::renderArticlePage(article);
            m_shown.insert(u"article-body"_s, QString());
        }
        m_shownTitle = m_loading->title;
        m_page->setHtml(html, pageBaseUrl());
    }

    void loadFinished(bool ok)
    {
        if (!m_loading) {
            // A refused navigation (a link click) also ends here, with the page
            // untouched. A load that did replace the page means starting again.
            if (ok) {
                m_loaded = false;
                if (!m_busy) {
                    update();
                }
            }
            return;
        }
        const std::shared_ptr<const Snapshot> loaded = std::exchange(m_loading, nullptr);
        m_busy = false;
        m_loaded = ok;
        m_shownGeneration = loaded->generation;
        if (!ok) {
            qWarning("The article preview could not be loaded");
            m_restoreScroll.reset();
            m_settled();
            return;
        }
        m_loadedLanguage = pageLanguage(loaded->article);
        // Settles at once unless a newer article, the scroll position or a body
        // left out of the page is still to come.
        update();
    }

    // Replaces the parts of the page that changed, in Chromium's isolated world:
    // it runs although the page's own JavaScript is off.
    void sync()
    {
        const std::shared_ptr<const Snapshot> snapshot = m_wanted;
        QHash<QString, QString> shown = m_shown;
        QJsonArray changed;
        for (const newsroom::PagePart &part : snapshot->parts) {
            if (shown.value(part.elementId) != part.html) {
                changed.append(QJsonArray {part.elementId, part.html});
                shown.insert(part.elementId, part.html);
            }
        }
        const bool titleChanged = snapshot->title != m_shownTitle;
        if (changed.isEmpty() && !titleChanged && !m_restoreScroll) {
            m_shownGeneration = snapshot->generation;
            m_settled();
            return;
        }
        QJsonArray scroll;
        if (m_restoreScroll) {
            scroll = QJsonArray {m_restoreScroll->x(), m_restoreScroll->y()};
        }
        const QJsonArray arguments {
            changed,
            titleChanged ? QJsonValue(snapshot->title) : QJsonValue(),
            m_restoreScroll ? QJsonValue(scroll) : QJsonValue(),
        };
        // Reading the height at the end makes Chromium lay the page out before
        // answering, so "shown" means laid out, not only changed.
        const QString script = uR"((function (parts, title, scroll) {
    for (const [id, html] of parts) {
        const element = document.getElementById(id);
        if (element) {
            element.innerHTML = html;
        }
    }
    if (title !== null) {
        document.title = title;
    }
    if (scroll !== null) {
        window.scrollTo(scroll[0], scroll[1]);
    }
    return document.documentElement.scrollHeight;
}).apply(null, )"_s
            + QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact)) + u")"_s;

        m_busy = true;
        const std::weak_ptr<int> alive = m_alive;
        m_page->runJavaScript(script, QWebEngineScript::ApplicationWorld,
            [this, alive, snapshot, shown](const QVariant &) {
                if (alive.expired()) {
                    return;
                }
                m_busy = false;
                m_shown = shown;
                m_shownTitle = snapshot->title;
                m_shownGeneration = snapshot->generation;
                m_restoreScroll.reset();
                if (m_wanted != snapshot || !m_loaded) {
                    update();
                    return;
                }
                m_settled();
            });
    }

    QWebEngineView *m_widget;
    QWebEnginePage *m_page;
    std::function<void()> m_settled;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);

    std::shared_ptr<const Snapshot> m_wanted; // the newest article given
    std::shared_ptr<const Snapshot> m_loading; // the page being loaded, if any
    bool m_busy = false; // a load or an update is under way
    bool m_loaded = false;
    QString m_loadedLanguage;
    QHash<QString, QString> m_shown; // element id → the part as the page holds it
    QString m_shownTitle;
    quint64 m_shownGeneration = 0;
    std::optional<QPointF> m_restoreScroll;
};

PreviewPane::PreviewPane(render::MediaFetcher fetch, QWidget *parent)
    : QWidget(parent)
    , m_fetch(std::move(fetch))
    , m_profile(new QWebEngineProfile(this))
    , m_modeButtons(new QButtonGroup(this))
    , m_desktopButton(new QToolButton(this))
    , m_mobileButton(new QToolButton(this))
    , m_sideBySideButton(new QToolButton(this))
    , m_mobileFrame(new QFrame(this))
{
    setObjectName(u"previewPane"_s);
    // A profile without a storage name keeps nothing on disk.
    render::installMediaScheme(m_profile, m_fetch);
    m_desktop = std::make_unique<View>(
        m_profile, u"previewDesktopView"_s, this, [this] { viewSettled(); });
    m_mobile = std::make_unique<View>(
        m_profile, u"previewMobileView"_s, m_mobileFrame, [this] { viewSettled(); });

    m_desktopButton->setObjectName(u"previewDesktopMode"_s);
    m_mobileButton->setObjectName(u"previewMobileMode"_s);
    m_sideBySideButton->setObjectName(u"previewSideBySideMode"_s);
    m_mobileFrame->setObjectName(u"previewMobileFrame"_s);
    for (QToolButton *button : {m_desktopButton, m_mobileButton, m_sideBySideButton}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    }
    m_modeButtons->setExclusive(true);
    m_modeButtons->addButton(m_desktopButton, int(Mode::Desktop));
    m_modeButtons->addButton(m_mobileButton, int(Mode::Mobile));
    m_modeButtons->addButton(m_sideBySideButton, int(Mode::SideBySide));
    connect(m_modeButtons, &QButtonGroup::idClicked, this,
        [this](int id) { setMode(static_cast<Mode>(id)); });

    // A phone in a grey surround, as a phone is held.
    m_mobileFrame->setAutoFillBackground(true);
    QPalette surround = m_mobileFrame->palette();
    surround.setColor(QPalette::Window, QColor(0x9a, 0xa0, 0xa6));
    m_mobileFrame->setPalette(surround);
    m_mobile->widget()->setFixedWidth(phoneWidth);
    // Phones overlay their scroll bars: the whole width is the page's.
    m_mobile->widget()->settings()->setAttribute(QWebEngineSettings::ShowScrollBars, false);
    auto *phoneLayout = new QHBoxLayout(m_mobileFrame);
    phoneLayout->setContentsMargins(
        phoneFrameMargin, phoneFrameMargin, phoneFrameMargin, phoneFrameMargin);
    phoneLayout->addStretch(1);
    phoneLayout->addWidget(m_mobile->widget());
    phoneLayout->addStretch(1);

    auto *modeBar = new QHBoxLayout;
    modeBar->setSpacing(2);
    modeBar->addWidget(m_desktopButton);
    modeBar->addWidget(m_mobileButton);
    modeBar->addWidget(m_sideBySideButton);
    modeBar->addStretch(1);

    auto *views = new QHBoxLayout;
    views->setSpacing(0);
    views->addWidget(m_desktop->widget(), 1);
    views->addWidget(m_mobileFrame, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(modeBar);
    layout->addLayout(views, 1);

    m_desktop->widget()->installEventFilter(this);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, [this] { setArticleNow(m_pending); });

    retranslate();
    applyMode();
}

PreviewPane::~PreviewPane()
{
    // Pages go before the profile they belong to.
    m_desktop->widget()->removeEventFilter(this);
    m_desktop.reset();
    m_mobile.reset();
}

void PreviewPane::setArticle(const newsroom::Article &article)
{
    m_pending = article;
    // Not restarted by each keystroke: during steady typing the preview still
    // follows every debounceMs instead of waiting for a pause.
    if (!m_debounce.isActive()) {
        m_debounce.start();
    }
}

void PreviewPane::setArticleNow(const newsroom::Article &article)
{
    m_debounce.stop();
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->article = article;
    snapshot->parts = newsroom::articlePageParts(article);
    snapshot->title = newsroom::articlePageTitle(article);
    snapshot->generation = ++m_generation;
    m_snapshot = std::move(snapshot);
    m_pageHtml.clear();
    if (!anyViewBusy()) {
        showOnActiveViews();
    }
}

void PreviewPane::setMode(Mode mode)
{
    if (mode == m_mode) {
        return;
    }
    m_mode = mode;
    applyMode();
}

QString PreviewPane::pageHtml() const
{
    if (m_pageHtml.isEmpty() && m_snapshot) {
        m_pageHtml = newsroom::renderArticlePage(m_snapshot->article);
    }
    return m_pageHtml;
}

QString PreviewPane::bodyHtml() const
{
    if (!m_snapshot) {
        return {};
    }
    for (const newsroom::PagePart &part : m_snapshot->parts) {
        if (part.elementId == u"article-body"_s) {
            return part.html;
        }
    }
    return {};
}

void PreviewPane::exportPdf(const QString &path, std::function<void(Status)> done)
{
    // What the user typed last is what they expect in the file.
    if (m_debounce.isActive()) {
        setArticleNow(m_pending);
    }
    if (!m_snapshot) {
        QTimer::singleShot(0, this, [done = std::move(done)] {
            done(makeError(Error::Kind::Invalid, tr("There is no article to export yet.")));
        });
        return;
    }
    render::renderPdfAsync(pageHtml(), path, m_fetch, std::move(done));
}

void PreviewPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

bool PreviewPane::eventFilter(QObject *watched, QEvent *event)
{
    if (m_desktop && watched == m_desktop->widget() && event->type() == QEvent::Resize) {
        fitDesktopZoom();
    }
    return QWidget::eventFilter(watched, event);
}

void PreviewPane::retranslate()
{
    m_desktopButton->setText(tr("Desktop"));
    m_desktopButton->setToolTip(tr("The page as it looks on a computer screen"));
    m_mobileButton->setText(tr("Mobile"));
    m_mobileButton->setToolTip(tr("The page as it looks on a phone"));
    m_sideBySideButton->setText(tr("Side by side"));
    m_sideBySideButton->setToolTip(tr("The computer and the phone page together"));
}

void PreviewPane::applyMode()
{
    m_desktop->widget()->setVisible(m_mode != Mode::Mobile);
    m_mobileFrame->setVisible(m_mode != Mode::Desktop);
    // Side by side, the desktop page keeps a readable width beside the phone:
    // the splitter around the pane makes room rather than hiding it.
    m_desktop->widget()->setMinimumWidth(m_mode == Mode::SideBySide ? 520 : 0);
    if (m_mode == Mode::SideBySide) {
        m_mobileFrame->setFixedWidth(phoneWidth + 2 * phoneFrameMargin);
    } else {
        m_mobileFrame->setMinimumWidth(0);
        m_mobileFrame->setMaximumWidth(QWIDGETSIZE_MAX);
    }
    m_modeButtons->button(int(m_mode))->setChecked(true);
    // The views that just appeared announce themselves once they show the article.
    m_announcedGeneration = 0;
    showOnActiveViews();
}

QList<PreviewPane::View *> PreviewPane::activeViews() const
{
    switch (m_mode) {
    case Mode::Desktop:
        return {m_desktop.get()};
    case Mode::Mobile:
        return {m_mobile.get()};
    case Mode::SideBySide:
        return {m_desktop.get(), m_mobile.get()};
    }
    return {};
}

bool PreviewPane::anyViewBusy() const
{
    const QList<View *> views = activeViews();
    return std::any_of(views.begin(), views.end(), [](const View *view) { return view->busy(); });
}

void PreviewPane::showOnActiveViews()
{
    if (!m_snapshot) {
        return;
    }
    m_handedGeneration = m_snapshot->generation;
    for (View *view : activeViews()) {
        view->show(m_snapshot);
    }
}

// The views move in step: a newer article waits until every view has shown the
// one before, so that side by side, too, each round ends with contentShown
// instead of one view always lagging behind the other.
void PreviewPane::viewSettled()
{
    if (!m_snapshot || anyViewBusy()) {
        return;
    }
    if (m_handedGeneration != m_snapshot->generation) {
        showOnActiveViews();
        return;
    }
    if (m_announcedGeneration == m_snapshot->generation) {
        return;
    }
    for (const View *view : activeViews()) {
        if (!view->shows(m_snapshot->generation)) {
            return;
        }
    }
    m_announcedGeneration = m_snapshot->generation;
    emit contentShown();
}

void PreviewPane::fitDesktopZoom()
{
    QWebEngineView *view = m_desktop->widget();
    const qreal zoom = std::clamp(view->width() / desktopMinimumWidth, minimumZoom, 1.0);
    if (!qFuzzyCompare(view->zoomFactor(), zoom)) {
        view->setZoomFactor(zoom);
    }
}

} // namespace daftar::ui
