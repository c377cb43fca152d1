#include "cli/CliApp.h"
#include "render/MediaSchemeHandler.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <cstring>
#include <memory>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace {

// `articles render ID --out FILE.pdf` and `members export FILE.pdf` print with
// Chromium, which needs a GUI application object; every other command stays a
// plain console program.
bool rendersPdf(int argc, char *argv[])
{
    bool render = false;
    bool pdf = false;
    for (int i = 2; i < argc; ++i) {
        const auto follows = [&](const char *first, const char *second) {
            return std::strcmp(argv[i - 1], first) == 0 && std::strcmp(argv[i], second) == 0;
        };
        render = render || follows("articles", "render") || follows("members", "export");
        const size_t length = std::strlen(argv[i]);
        pdf = pdf || (length > 4 && std::strcmp(argv[i] + length - 4, ".pdf") == 0);
    }
    return render && pdf;
}

void prepareHeadlessGraphics()
{
#ifdef Q_OS_LINUX
    // A server or a scheduled task has no display: render offscreen.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM") && !qEnvironmentVariableIsSet("DISPLAY")
        && !qEnvironmentVariableIsSet("WAYLAND_DISPLAY")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
#endif
#ifdef Q_OS_UNIX
    // Chromium refuses to start its sandbox as root; the page it renders is our own
    // sanitised article with JavaScript off.
    if (geteuid() == 0 && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX")) {
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    }
#endif
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    daftar::render::registerMediaScheme();
}

} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app;
    if (rendersPdf(argc, argv)) {
        prepareHeadlessGraphics();
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setOrganizationName(QStringLiteral("Daftar"));
    QCoreApplication::setApplicationName(QStringLiteral("Daftar"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DAFTAR_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    daftar::cli::CliApp cli(out, err, &daftar::cli::CliApp::readSecretFromTerminal);
    return cli.run(QCoreApplication::arguments());
}
