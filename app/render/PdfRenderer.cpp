#include "PdfRenderer.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineSettings>

#include <optional>

using namespace Qt::StringLiterals;

namespace daftar::render {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Newsroom)
};

// Chromium's url::kMaxURLChars, and what setHtml() puts before the page.
constexpr qsizetype maxDataUrlLength = 2 * 1024 * 1024;
constexpr qsizetype dataUrlPrefixLength = 32;

constexpr int timeoutSeconds = 60;

Status graphicsReady()
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        return makeError(Error::Kind::Invalid,
            Text::tr("Making a PDF needs the graphical part of Qt; on a machine without a "
                     "display set QT_QPA_PLATFORM=offscreen."));
    }
    return success();
}

// One PDF being made: its own off-the-record profile and page, gone when done.
class PdfJob : public QObject
{
public:
    PdfJob(const QString &pageHtml, const QString &outputPath, const MediaFetcher &fetch,
        std::function<void(Status)> done)
        : m_pageHtml(pageHtml)
        , m_outputPath(outputPath)
        , m_fetch(fetch)
        , m_done(std::move(done))
    { }

    ~PdfJob() override
    {
        // Chromium wants the page gone before its profile.
        delete m_page;
        delete m_profile;
    }

    void start()
    {
        if (const Status ready = graphicsReady(); !ready) {
            finish(ready);
            return;
        }
        if (m_outputPath.trimmed().isEmpty()) {
            finish(makeError(Error::Kind::Invalid, Text::tr("Choose a file to save the PDF to.")));
            return;
        }
        // Chromium silently writes nothing to a path with "..", so the path is made
        // absolute and clean before anything else.
        m_outputPath = QDir::cleanPath(QDir::current().absoluteFilePath(m_outputPath));
        const QFileInfo target(m_outputPath);
        if (target.isDir()) {
            finish(makeError(Error::Kind::Invalid,
                Text::tr("%1 is a folder; choose a file name for the PDF.")
                    .arg(QDir::toNativeSeparators(m_outputPath))));
            return;
        }
        if (!target.absoluteDir().exists()) {
            finish(makeError(Error::Kind::Invalid,
                Text::tr("The folder %1 does not exist; choose another place for the PDF.")
                    .arg(QDir::toNativeSeparators(target.absolutePath()))));
            return;
        }
        if (!fitsInSetHtml(m_pageHtml)) {
            finish(makeError(Error::Kind::Invalid,
                Text::tr("The article is too large to make a PDF of. Images pasted into the "
                         "text make it large: insert them from the media library instead.")));
            return;
        }

        m_profile = new QWebEngineProfile;
        installMediaScheme(m_profile, m_fetch);
        m_page = new QWebEnginePage(m_profile);
        QWebEngineSettings *settings = m_page->settings();
        settings->setAttribute(QWebEngineSettings::JavascriptEnabled, false);
        settings->setAttribute(QWebEngineSettings::PrintElementBackgrounds, true);
        settings->setAttribute(QWebEngineSettings::AutoLoadImages, true);

        connect(m_page, &QWebEnginePage::loadFinished, this, [this](bool ok) {
            if (!ok) {
                finish(makeError(Error::Kind::Invalid,
                    Text::tr("The article page could not be laid out for the PDF.")));
                return;
            }
            print();
        });
        m_timeout.setSingleShot(true);
        connect(&m_timeout, &QTimer::timeout, this, [this] {
            finish(makeError(Error::Kind::Invalid,
                Text::tr("Making the PDF took longer than %n seconds and was stopped.", nullptr,
                    timeoutSeconds)));
        });
        m_timeout.start(timeoutSeconds * 1000);
        // The page's fonts are in the program's resources (qrc:/fonts).
        m_page->setHtml(m_pageHtml, QUrl(u"qrc:/site/"_s));
    }

private:
    void print()
    {
        const QPageLayout layout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
            QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        m_page->printToPdf(
            [this](const QByteArray &pdf) {
                if (pdf.isEmpty()) {
                    finish(makeError(Error::Kind::Invalid,
                        Text::tr("The article page could not be printed to PDF.")));
                    return;
                }
                finish(write(pdf));
            },
            layout);
    }

    Status write(const QByteArray &pdf) const
    {
        QSaveFile file(m_outputPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size() || !file.commit()) {
            return makeError(Error::Kind::Invalid,
                Text::tr("Could not save the PDF as %1: %2")
                    .arg(QDir::toNativeSeparators(m_outputPath), file.errorString()));
        }
        return success();
    }

    void finish(Status status)
    {
        if (!m_done) {
            return;
        }
        m_timeout.stop();
        auto done = std::move(m_done);
        m_done = nullptr;
        deleteLater();
        done(std::move(status));
    }

    QString m_pageHtml;
    QString m_outputPath;
    MediaFetcher m_fetch;
    std::function<void(Status)> m_done;
    QWebEngineProfile *m_profile = nullptr;
    QWebEnginePage *m_page = nullptr;
    QTimer m_timeout;
};

} // namespace

bool fitsInSetHtml(const QString &pageHtml)
{
    return pageHtml.toUtf8().toPercentEncoding().size() + dataUrlPrefixLength <= maxDataUrlLength;
}

void renderPdfAsync(const QString &pageHtml, const QString &outputPath, const MediaFetcher &fetch,
    std::function<void(Status)> done)
{
    auto *job = new PdfJob(pageHtml, outputPath, fetch, std::move(done));
    QTimer::singleShot(0, job, [job] { job->start(); });
}

Status renderPdf(const QString &pageHtml, const QString &outputPath, const MediaFetcher &fetch)
{
    // Without an application there is no event loop to wait in.
    if (const Status ready = graphicsReady(); !ready) {
        return ready;
    }
    std::optional<Status> result;
    QEventLoop loop;
    renderPdfAsync(pageHtml, outputPath, fetch, [&](Status status) {
        result = std::move(status);
        loop.quit();
    });
    if (!result) {
        loop.exec();
    }
    return std::move(*result);
}

} // namespace daftar::render
