// The article as the public site will show it, following the editor as the user
// types: Chromium renders the site's page (newsroom/ArticlePage) at desktop width,
// at a phone's width, or both side by side. After the first load the page is
// updated in place, so it neither flickers nor loses its scroll position.
#pragma once

#include "core/Result.h"
#include "newsroom/Article.h"
#include "render/MediaSchemeHandler.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

class QButtonGroup;
class QFrame;
class QToolButton;
class QWebEngineProfile;

namespace daftar::ui {

class PreviewPane : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { Desktop, Mobile, SideBySide };
    Q_ENUM(Mode)

    // `fetch` gives the bytes of library images (daftar-media:ID) to the page.
    explicit PreviewPane(render::MediaFetcher fetch, QWidget *parent = nullptr);
    ~PreviewPane() override;

    // Shows the article after a short pause (about 50 ms) that gathers keystrokes;
    // while typing goes on the preview still follows at that pace.
    void setArticle(const newsroom::Article &article);
    // Shows the article at once.
    void setArticleNow(const newsroom::Article &article);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    // The whole page for the article last given (what the PDF is made from).
    QString pageHtml() const;
    // The sanitised body of the article last given, as the page shows it.
    QString bodyHtml() const;

    // Writes the article last given as a PDF; `done` gets the outcome later.
    void exportPdf(const QString &path, std::function<void(Status)> done);

signals:
    // The visible view(s) now show the article last given.
    void contentShown();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    class View;
    struct Snapshot;

    void retranslate();
    void applyMode();
    QList<View *> activeViews() const;
    bool anyViewBusy() const;
    void showOnActiveViews();
    void viewSettled();
    void fitDesktopZoom();

    render::MediaFetcher m_fetch;
    QWebEngineProfile *m_profile;
    QButtonGroup *m_modeButtons;
    QToolButton *m_desktopButton;
    QToolButton *m_mobileButton;
    QToolButton *m_sideBySideButton;
    QFrame *m_mobileFrame;
    std::unique_ptr<View> m_desktop;
    std::unique_ptr<View> m_mobile;
    Mode m_mode = Mode::Desktop;

    QTimer m_debounce;
    newsroom::Article m_pending;
    std::shared_ptr<const Snapshot> m_snapshot;
    quint64 m_generation = 0;
    quint64 m_handedGeneration = 0; // the newest article the views were given
    quint64 m_announcedGeneration = 0;
    mutable QString m_pageHtml; // rendered on demand from m_snapshot
};

} // namespace daftar::ui
