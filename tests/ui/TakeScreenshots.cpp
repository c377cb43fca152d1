// Renders every screen of the shell in Persian and English into PNG files, for
// docs/screenshots/ and for looking at what we built:
//   QT_QPA_PLATFORM=offscreen build/dev/tests/ui/take_screenshots docs/screenshots
#include "JsonReceiver.h"
#include "MemberGenerator.h"
#include "TestDatabase.h"
#include "Typing.h"
#include "members/BranchService.h"
#include "members/DuplicatesDialog.h"
#include "members/ImportDialog.h"
#include "members/MemberDialog.h"
#include "members/MemberImport.h"
#include "members/MemberService.h"
#include "newsroom/ArticleEditor.h"
#include "newsroom/ArticleService.h"
#include "newsroom/Cleanup.h"
#include "newsroom/CleanupDialog.h"
#include "newsroom/HistoryDialog.h"
#include "newsroom/MediaLibrary.h"
#include "newsroom/MediaLibraryDialog.h"
#include "newsroom/PreviewPane.h"
#include "newsroom/RecoveryDialog.h"
#include "newsroom/RichTextEdit.h"
#include "publishing/ConflictDialog.h"
#include "publishing/Outbox.h"
#include "publishing/PublishRunner.h"
#include "publishing/Publisher.h"
#include "publishing/SiteSettingsDialog.h"
#include "render/MediaSchemeHandler.h"
#include "shell/AboutDialog.h"
#include "shell/Application.h"
#include "shell/FirstRunDialog.h"
#include "shell/Language.h"
#include "shell/LoginDialog.h"
#include "shell/MainWindow.h"
#include "widgets/JalaliDateEdit.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace daftar;
using daftar::test::typeText;

namespace {

QString outDir;

void save(QWidget &widget, const QString &name)
{
    widget.show();
    QApplication::processEvents();
    QTest::qWait(50);
    const QString path = QDir(outDir).filePath(name + u".png"_s);
    widget.grab().save(path);
    std::printf("%s\n", qPrintable(path));
}

// Waits until the preview shows the article (WebEngine renders asynchronously).
void waitForPreview(ui::ArticleEditor &editor)
{
    QSignalSpy shown(editor.preview(), &ui::PreviewPane::contentShown);
    editor.preview()->setArticleNow(editor.currentArticle());
    shown.wait(15000);
    QTest::qWait(400);
}

// The seed article of the public site (tests/data/newsroom), as an editor enters it.
newsroom::Article seedArticle()
{
    QFile file(qEnvironmentVariable("DAFTAR_TEST_DATA", QStringLiteral(DAFTAR_TEST_DATA_DIR))
        + u"/newsroom/cooperative-house-news-1398-09-03.txt"_s);
    file.open(QIODevice::ReadOnly);
    QStringList paragraphs;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (!line.trimmed().isEmpty()) {
            paragraphs << line.trimmed();
        }
    }
    newsroom::Article article;
    article.kind = newsroom::ArticleKind::Announcement;
    article.title = paragraphs.value(2);
    article.lead = paragraphs.value(3);
    for (QString paragraph : paragraphs.mid(4)) {
        if (const int nav = paragraph.indexOf(u"صفحه اصلی"_s); nav >= 0) {
            paragraph = paragraph.left(nav);
        }
        article.body += u"<p>"_s + paragraph.toHtmlEscaped() + u"</p>"_s;
    }
    article.category = u"اخبار تعاون"_s;
    article.tags = {u"خانه تعاونگران"_s, u"برنامه اقدام"_s};
    article.eventDate = QDate(2019, 11, 24);
    article.publishUntil = QDate(2019, 12, 22);
    return article;
}

QByteArray meetingPhoto()
{
    QImage image(960, 540, QImage::Format_RGB32);
    QLinearGradient sky(0, 0, 0, 540);
    sky.setColorAt(0, QColor(0x2e, 0x6d, 0xa4));
    sky.setColorAt(1, QColor(0xd8, 0xe6, 0xf0));
    QPainter painter(&image);
    painter.fillRect(image.rect(), sky);
    painter.setBrush(QColor(0x3a, 0x5a, 0x40));
    painter.setPen(Qt::NoPen);
    painter.drawRect(0, 380, 960, 160);
    painter.setBrush(QColor(0x8a, 0x5a, 0x2b));
    painter.drawRoundedRect(280, 300, 400, 90, 12, 12);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 85);
    return bytes;
}

} // namespace

int main(int argc, char *argv[])
{
    render::registerMediaScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"DaftarScreenshots"_s);
    QCoreApplication::setApplicationName(u"DaftarScreenshots"_s);
    outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : u"."_s;
    QDir().mkpath(outDir);
    ui::setUpAppearance();

    test::TestDatabase testDb;
    auto db = testDb.open();
    accounts::AccountService accounts(*db);
    // What a user on Windows would see, rather than this run's temporary folder.
    const QString shownLocation = u"C:\\Users\\maryam\\AppData\\Roaming\\Daftar\\daftar.sqlite"_s;

    for (auto language : {ui::Language::Persian, ui::Language::English}) {
        ui::Language::instance().apply(language, false);
        const QString suffix = language == ui::Language::Persian ? u"-fa"_s : u"-en"_s;
        {
            ui::FirstRunDialog dialog(accounts, shownLocation);
            dialog.resize(520, 360);
            save(dialog, u"first-run"_s + suffix);
        }
    }

    const accounts::User admin
        = accounts.createFirstAdministrator(u"maryam"_s, u"مریم احمدی"_s, u"Tehran-1403!"_s)
              .value();
    (void)accounts.addUser(
        admin.actor(), {u"reza"_s, u"رضا کریمی"_s, accounts::Role::Editor, {}, u"reza-pass-1"_s});
    (void)accounts.addUser(admin.actor(),
        {u"zahra"_s, u"زهرا رضایی"_s, accounts::Role::BranchOfficer, u"IR-10"_s,
            u"zahra-pass-1"_s});
    const accounts::User loggedIn = accounts.logIn(u"maryam"_s, u"Tehran-1403!"_s).value();
    ui::Session session {*db, loggedIn};

    // A member bank of 300 generated members, a file with problems to import,
    // two records of one person, and three branches.
    bench::MemberGenerator generator(1398);
    const auto csvOf = [&](int count, const QStringList &extra) {
        QStringList lines {
            u"کد ملی,نوع عضو,نام,نام خانوادگی,نام تعاونی,استان,شهر,تلفن همراه,تاریخ عضویت"_s};
        for (int i = 0; i < count; ++i) {
            const bench::SyntheticMember m = generator.next();
            lines << QStringList {m.nationalId, m.kind == "legal"_L1 ? u"حقوقی"_s : u"حقیقی"_s,
                m.firstName, m.lastName, m.organizationName, m.provinceName, m.city, m.mobile,
                m.joinDateJalali}
                         .join(u',');
        }
        return (lines + extra).join(u"\r\n"_s);
    };
    const QString bankFile = QDir(outDir).filePath(u".bank.csv"_s);
    const QString sentFile = QDir(outDir).filePath(u".ostan-isfahan.csv"_s);
    const QList<std::pair<QString, QString>> files {{bankFile, csvOf(300, {})},
        {sentFile,
            csvOf(40,
                {u"1234567890,حقیقی,رضا,نوری,,اصفهان,کاشان,,1400/01/01"_s,
                    u"0,حقیقی,سارا,کاظمی,,آتلانتیس,,09121234567,1399/13/01"_s})}};
    for (const auto &[path, text] : files) {
        QFile file(path);
        if (file.open(QIODevice::WriteOnly)) {
            file.write("\xEF\xBB\xBF" + text.toUtf8());
        }
    }
    (void)members::MemberImport(*db).run(loggedIn.actor(), bankFile, {});
    members::MemberService memberService(*db);
    const members::Member someone = memberService.search(loggedIn.actor(), {}).value().at(7);
    members::Member twin = someone;
    twin.id = 0;
    twin.membershipNo.clear();
    twin.nationalId = generator.next().nationalId;
    twin.email = u"info@example.ir"_s;
    (void)memberService.create(loggedIn.actor(), twin);
    members::BranchService branches(*db);
    for (const auto &[province, city, name] :
        {std::tuple {u"IR-23"_s, u"تهران"_s, u"شعبه مرکزی تهران"_s},
            std::tuple {u"IR-10"_s, u"اصفهان"_s, u"شعبه اصفهان"_s},
            std::tuple {u"IR-09"_s, u"مشهد"_s, u"شعبه خراسان رضوی"_s}}) {
        members::Branch branch;
        branch.province = province;
        branch.city = city;
        branch.name = name;
        branch.head = u"مهدی صالحی"_s;
        branch.phones = u"021-66554433"_s;
        (void)branches.create(loggedIn.actor(), branch);
    }

    // The newsroom: the seed article with a photo and three revisions, and a few more items.
    newsroom::ArticleService articles(*db);
    newsroom::MediaLibrary media(*db);
    const auto photo = media.importBytes(loggedIn.actor(), meetingPhoto(),
        u"jalase-1398-09-03.jpg"_s, u"جلسه هم‌اندیشی تعاونگران"_s);
    newsroom::Article seed = seedArticle();
    if (photo) {
        seed.featuredImageId = photo->id;
        seed.imageCaption
            = u"جلسه هم‌اندیشی تعاونگران با وزیر تعاون، کار و رفاه اجتماعی"_s;
        seed.imageAlt = photo->alt;
    }
    newsroom::Article first = seed;
    first.title = u"دبیرکل خانه تعاونگران خواستار برنامه توسعه شد"_s;
    auto stored = articles.create(loggedIn.actor(), first);
    qint64 seedId = 0;
    if (stored) {
        seedId = stored->id;
        newsroom::Article second = *stored;
        second.title = seed.title;
        second.body = seed.body;
        stored = articles.save(loggedIn.actor(), second);
        (void)articles.setStatus(loggedIn.actor(), seedId, newsroom::ArticleStatus::InReview);
    }
    for (const auto &[title, kind, status] :
        {std::tuple {u"نشست شورای مرکزی تعاونی‌های استان فارس"_s,
             newsroom::ArticleKind::Article, newsroom::ArticleStatus::Published},
            std::tuple {u"آگهی دعوت به مجمع عمومی عادی سالیانه"_s,
                newsroom::ArticleKind::Announcement, newsroom::ArticleStatus::Approved},
            std::tuple {u"گزارش عملکرد شعبه اصفهان در سال ۱۴۰۴"_s, newsroom::ArticleKind::Article,
                newsroom::ArticleStatus::Draft}}) {
        newsroom::Article other;
        other.title = title;
        other.kind = kind;
        other.category = u"اخبار تعاون"_s;
        other.body = u"<p>متن خبر.</p>"_s;
        other.eventDate = QDate(2025, 11, 20);
        if (auto made = articles.create(loggedIn.actor(), other)) {
            for (auto step : {newsroom::ArticleStatus::InReview, newsroom::ArticleStatus::Approved,
                     newsroom::ArticleStatus::Published}) {
                if (made->status == status) {
                    break;
                }
                made = articles.setStatus(loggedIn.actor(), made->id, step);
            }
        }
    }

    for (auto language : {ui::Language::Persian, ui::Language::English}) {
        ui::Language::instance().apply(language, false);
        const QString suffix = language == ui::Language::Persian ? u"-fa"_s : u"-en"_s;
        {
            ui::LoginDialog dialog(accounts, shownLocation);
            dialog.resize(460, 300);
            dialog.show();
            typeText(dialog.findChild<QLineEdit *>(u"username"_s), u"maryam"_s);
            typeText(dialog.findChild<QLineEdit *>(u"password"_s), u"wrong"_s);
            QTest::keyClick(dialog.findChild<QLineEdit *>(u"password"_s), Qt::Key_Return);
            save(dialog, u"login"_s + suffix);
        }
        {
            ui::MainWindow window(session);
            window.resize(1100, 680);
            window.showSection(ui::MainWindow::Newsroom);
            save(window, u"main-window"_s + suffix);
            window.showSection(ui::MainWindow::Settings);
            save(window, u"settings"_s + suffix);
            window.showSection(ui::MainWindow::Members);
            save(window, u"members"_s + suffix);
            window.showSection(ui::MainWindow::Branches);
            save(window, u"branches"_s + suffix);
        }
        {
            ui::MemberDialog dialog(session);
            dialog.setMember(someone);
            save(dialog, u"member-form"_s + suffix);
        }
        {
            ui::ImportDialog dialog(session);
            dialog.resize(1000, 640);
            dialog.setFile(sentFile);
            save(dialog, u"import-preview"_s + suffix);
        }
        {
            // The last step of a large import, into a bank of its own so that
            // the other screens stay as they are: staged rows written in one go.
            test::TestDatabase spareDb;
            auto spare = spareDb.open();
            accounts::AccountService spareAccounts(*spare);
            const accounts::User owner
                = spareAccounts
                      .createFirstAdministrator(u"maryam"_s, u"مریم احمدی"_s, u"Tehran-1403!"_s)
                      .value();
            ui::Session spareSession {*spare, owner};
            const members::MemberImport::Tuning usual = members::MemberImport::tuning();
            members::MemberImport::tuning().stageFromRows = 1;
            ui::ImportDialog dialog(spareSession);
            dialog.resize(1000, 640);
            dialog.setFile(sentFile);
            dialog.show();
            auto *cancel = dialog.findChild<QPushButton *>(u"cancelButton"_s);
            bool shot = false;
            QTimer watcher;
            watcher.setInterval(0);
            QObject::connect(&watcher, &QTimer::timeout, [&] {
                if (!shot && dialog.isImporting() && cancel && !cancel->isEnabled()) {
                    shot = true;
                    watcher.stop();
                    dialog.grab().save(
                        QDir(outDir).filePath(u"import-writing"_s + suffix + u".png"_s));
                    std::printf("%s\n", qPrintable(u"import-writing"_s + suffix));
                }
            });
            watcher.start();
            if (auto *start = dialog.findChild<QPushButton *>(u"importButton"_s)) {
                QTest::mouseClick(start, Qt::LeftButton);
            }
            QTest::qWait(100);
            members::MemberImport::tuning() = usual;
        }
        {
            ui::DuplicatesDialog dialog(session);
            dialog.resize(1000, 600);
            dialog.show();
            if (auto *pairs = dialog.findChild<QAbstractItemView *>(u"pairsList"_s)) {
                pairs->setCurrentIndex(pairs->model()->index(0, 0));
            }
            save(dialog, u"duplicates"_s + suffix);
        }
        {
            ui::AboutDialog dialog;
            save(dialog, u"about"_s + suffix);
        }
        {
            ui::MainWindow window(session);
            window.resize(1280, 680);
            window.showSection(ui::MainWindow::Newsroom);
            save(window, u"newsroom"_s + suffix);
        }
        if (seedId > 0) {
            ui::ArticleEditor editor(session);
            editor.setAttribute(Qt::WA_DeleteOnClose, false);
            editor.resize(1400, 860);
            editor.show();
            editor.openArticle(seedId);
            // A typo to show the spelling underline, and unclean text for the clean-up.
            auto *body = editor.bodyEdit();
            body->moveCursor(QTextCursor::End);
            typeText(body, u" جلسه بعدي  در دي ماه برگذار ميشود ."_s);
            waitForPreview(editor);
            save(editor, u"editor"_s + suffix);
            editor.resize(1700, 860);
            editor.preview()->setMode(ui::PreviewPane::Mode::SideBySide);
            waitForPreview(editor);
            save(editor, u"editor-preview-mobile"_s + suffix);
            editor.preview()->setMode(ui::PreviewPane::Mode::Desktop);
            editor.resize(1400, 860);

            QList<newsroom::CleanupChange> changes;
            for (QTextBlock block = body->document()->begin(); block.isValid();
                 block = block.next()) {
                for (const auto &edit : newsroom::cleanupEdits(block.text())) {
                    const int from = std::max(0, edit.start - 18);
                    const QString before = block.text().mid(from, edit.length + 36);
                    QString after = before;
                    after.replace(edit.start - from, edit.length, edit.replacement);
                    changes << newsroom::CleanupChange {
                        edit.rule, before.simplified(), after.simplified()};
                }
            }
            ui::CleanupDialog cleanup(changes, &editor);
            cleanup.resize(900, 520);
            save(cleanup, u"cleanup-preview"_s + suffix);

            ui::HistoryDialog history(session, seedId, &editor);
            history.resize(1100, 620);
            history.show();
            history.selectRevision(2);
            save(history, u"history-diff"_s + suffix);

            ui::MediaLibraryDialog library(session, &editor);
            library.resize(760, 520);
            save(library, u"media-library"_s + suffix);

            newsroom::Autosave lost;
            lost.articleId = seedId;
            lost.savedAt = QDateTime::currentDateTimeUtc().addSecs(-300);
            lost.draft = editor.currentArticle();
            ui::RecoveryDialog recovery({lost}, &editor);
            save(recovery, u"recovery"_s + suffix);
            // The typing above was autosaved; it must not greet the next window.
            editor.flushAutosave();
            (void)articles.discardAutosave(loggedIn.actor(), seedId);
        }

        {
            QWidget form;
            auto *layout = new QVBoxLayout(&form);
            auto *label = new QLabel(
                language == ui::Language::Persian ? u"تاریخ عضویت:"_s : u"Join date:"_s);
            auto *edit = new ui::JalaliDateEdit(&form);
            edit->setDate(QDate(2019, 11, 24));
            layout->addWidget(label);
            layout->addWidget(edit);
            layout->addSpacing(300);
            form.resize(360, 360);
            form.show();
            QTest::mouseClick(edit->findChild<QToolButton *>(u"calendarButton"_s), Qt::LeftButton);
            QApplication::processEvents();
            QWidget *popup = QApplication::activePopupWidget();
            if (popup) {
                save(*popup, u"jalali-calendar"_s + suffix);
                popup->close();
            }
        }
    }

    // Publishing: a JSON portal on this computer that takes everything, a WordPress
    // site that cannot be reached, and a post someone changed on the portal. Each
    // language gets a database of its own, so that the steps and errors the
    // publisher stored are in the language on screen.
    for (auto language : {ui::Language::Persian, ui::Language::English}) {
        ui::Language::instance().apply(language, false);
        const QString suffix = language == ui::Language::Persian ? u"-fa"_s : u"-en"_s;
        test::TestDatabase publishingTestDb;
        auto publishingDb = publishingTestDb.open();
        accounts::AccountService publishingAccounts(*publishingDb);
        (void)publishingAccounts.createFirstAdministrator(
            u"maryam"_s, u"مریم احمدی"_s, u"Tehran-1403!"_s);
        const accounts::User publisherUser
            = publishingAccounts.logIn(u"maryam"_s, u"Tehran-1403!"_s).value();
        ui::Session publishingSession {*publishingDb, publisherUser};
        newsroom::ArticleService publishingArticles(*publishingDb);
        const QByteArray portalSecret = "screenshot-portal-secret";
        test::JsonReceiver portal(portalSecret);
        qputenv("DAFTAR_PORTAL_SECRET", portalSecret);
        qputenv("DAFTAR_WP_PASSWORD", "abcd efgh ijkl mnop qrst uvwx");
        const accounts::Actor actor = publisherUser.actor();
        publishing::SiteService sites(*publishingDb);
        publishing::Site portalSite;
        portalSite.name = u"پرتال تعاون ایران"_s;
        portalSite.type = publishing::SiteType::Json;
        portalSite.url = portal.url();
        portalSite.user = u"daftar-secretariat"_s;
        portalSite.passwordEnv = u"DAFTAR_PORTAL_SECRET"_s;
        portalSite = sites.add(actor, portalSite).value();
        QList<qint64> approved;
        for (const QString &title :
            {u"امضای تفاهم‌نامه همکاری با بانک توسعه تعاون"_s,
                u"برگزاری دوره آموزشی مدیران تعاونی‌های استان اصفهان"_s,
                u"افزایش سرمایه تعاونی‌های مسکن در سال ۱۴۰۴"_s}) {
            newsroom::Article article;
            article.title = title;
            article.lead
                = u"خلاصه‌ای از خبر برای صفحه نخست پرتال."_s;
            article.body
                = u"<p>متن کامل خبر که در پرتال و سایت خانه تعاون منتشر می‌شود.</p>"_s;
            article.category = u"اخبار تعاون"_s;
            article.eventDate = QDate(2025, 11, 22);
            if (auto made = publishingArticles.create(actor, article)) {
                (void)publishingArticles.setStatus(
                    actor, made->id, newsroom::ArticleStatus::InReview);
                (void)publishingArticles.setStatus(
                    actor, made->id, newsroom::ArticleStatus::Approved);
                approved << made->id;
            }
        }
        publishing::Outbox outbox(*publishingDb);
        publishing::Publisher publisher(publishingDb->location(), actor);
        (void)outbox.queueApproved(actor);
        publisher.run();

        QTcpServer closed;
        closed.listen(QHostAddress::LocalHost);
        const quint16 closedPort = closed.serverPort();
        closed.close();
        publishing::Site wordPress;
        wordPress.name = u"سایت خانه تعاون"_s;
        wordPress.type = publishing::SiteType::WordPress;
        wordPress.url = QUrl(u"http://127.0.0.1:%1"_s.arg(closedPort));
        wordPress.user = u"daftar"_s;
        wordPress.passwordEnv = u"DAFTAR_WP_PASSWORD"_s;
        wordPress.language = u"fa"_s;
        wordPress.unpublishMode = publishing::UnpublishMode::Trash;
        wordPress.timeoutSeconds = 20;
        wordPress = sites.add(actor, wordPress).value();
        const qint64 syncedId = approved.value(0);
        if (auto queued = outbox.queuePublish(actor, {syncedId}, wordPress.id)) {
            publisher.run(*queued);
        }
        qint64 conflictJob = 0;
        if (const qint64 changedId = approved.value(1); changedId > 0) {
            portal.editOnPortal(u"article-%1"_s.arg(changedId),
                u"برگزاری دوره آموزشی مدیران تعاونی‌های اصفهان (ویرایش پرتال)"_s);
            newsroom::Article changed = publishingArticles.get(actor, changedId).value();
            changed.title
                = u"دوره آموزشی مدیران تعاونی‌های استان اصفهان برگزار شد"_s;
            changed.body
                += u"<p>در پایان دوره به شرکت‌کنندگان گواهی داده شد.</p>"_s;
            (void)publishingArticles.save(actor, changed);
            if (auto queued = outbox.queuePublish(actor, {changedId}, portalSite.id)) {
                publisher.run(*queued);
                conflictJob = queued->value(0);
            }
        }

        {
            ui::MainWindow window(publishingSession);
            window.resize(1280, 720);
            window.showSection(ui::MainWindow::Publishing);
            save(window, u"publishing"_s + suffix);
        }
        {
            ui::SiteSettingsDialog dialog(publishingSession);
            dialog.resize(960, 600);
            dialog.show();
            dialog.selectSite(wordPress.id);
            QSignalSpy tested(&dialog, &ui::SiteSettingsDialog::connectionTested);
            dialog.testConnection();
            tested.wait(30000);
            save(dialog, u"site-settings"_s + suffix);
        }
        if (syncedId > 0) {
            ui::PublishRunner runner(publishingDb->location(), actor);
            ui::ArticleEditor editor(publishingSession, nullptr, &runner);
            editor.setAttribute(Qt::WA_DeleteOnClose, false);
            editor.resize(1400, 860);
            editor.show();
            editor.openArticle(syncedId);
            waitForPreview(editor);
            save(editor, u"editor-sync"_s + suffix);
        }
        if (conflictJob > 0) {
            ui::ConflictDialog dialog(publishingSession, conflictJob);
            dialog.resize(1000, 600);
            save(dialog, u"conflict"_s + suffix);
        }
    }
    QFile::remove(bankFile);
    QFile::remove(sentFile);
    return 0;
}
