#include "Application.h"

#include "FirstRunDialog.h"
#include "Language.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "render/MediaSchemeHandler.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFontDatabase>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace daftar::ui {

void setUpAppearance()
{
    for (const auto &file : {u":/fonts/Vazirmatn-Regular.ttf"_s, u":/fonts/Vazirmatn-Medium.ttf"_s,
             u":/fonts/Vazirmatn-Bold.ttf"_s}) {
        QFontDatabase::addApplicationFont(file);
    }
    QFont font(u"Vazirmatn"_s);
    font.setPointSize(10);
    QApplication::setFont(font);
    Language::instance().apply(Language::saved(), false);
}

int runApplication(int &argc, char **argv)
{
    // Both must happen before the application object exists: the preview's
    // library-image scheme, and the GL context sharing QtWebEngine needs.
    render::registerMediaScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Daftar"_s);
    QApplication::setApplicationName(u"Daftar"_s);
    QApplication::setApplicationVersion(QStringLiteral(DAFTAR_VERSION));
    QApplication::setDesktopFileName(u"daftar"_s);
    setUpAppearance();

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(u"db"_s,
        QCoreApplication::translate("daftar",
            "The database: a SQLite file or "
            "postgresql://user@host:port/database."),
        u"LOCATION"_s);
    parser.addOption(dbOption);
    parser.process(app);

    QString where = parser.value(dbOption);
    if (where.isEmpty()) {
        where = qEnvironmentVariable("DAFTAR_DB");
    }
    const auto location = where.isEmpty()
        ? Result<storage::DatabaseLocation>(storage::DatabaseLocation::defaultLocation())
        : storage::DatabaseLocation::parse(where);
    if (!location) {
        QMessageBox::critical(
            nullptr, QCoreApplication::translate("daftar", "Daftar"), location.errorMessage());
        return 1;
    }
    auto db = storage::Database::open(*location);
    if (!db) {
        QMessageBox::critical(
            nullptr, QCoreApplication::translate("daftar", "Daftar"), db.errorMessage());
        return 1;
    }
    accounts::AccountService accounts(**db);
    const auto hasUsers = accounts.hasUsers();
    if (!hasUsers) {
        QMessageBox::critical(
            nullptr, QCoreApplication::translate("daftar", "Daftar"), hasUsers.errorMessage());
        return 1;
    }
    accounts::User user;
    const QString databaseName = location->displayName();
    if (*hasUsers) {
        LoginDialog login(accounts, databaseName);
        if (login.exec() != QDialog::Accepted) {
            return 0;
        }
        user = login.user();
    } else {
        FirstRunDialog firstRun(accounts, databaseName);
        if (firstRun.exec() != QDialog::Accepted) {
            return 0;
        }
        user = firstRun.user();
    }
    Session session {**db, user};
    MainWindow window(session);
    window.show();
    return app.exec();
}

} // namespace daftar::ui
