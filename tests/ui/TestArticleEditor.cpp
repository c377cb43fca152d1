// The article editor driven as a user drives it: typing Persian and mixed
// text, pasting from Word, the clean-up and its undo, the workflow with users
// of different roles, restoring a revision, the edit lock, the preview's HTML,
// and recovering typed text after the process was killed.
#include "TestDatabase.h"
#include "Typing.h"
#include "accounts/AccountService.h"
#include "newsroom/ArticleEditor.h"
#include "newsroom/ArticlePage.h"
#include "newsroom/ArticleService.h"
#include "newsroom/HistoryDialog.h"
#include "newsroom/PreviewPane.h"
#include "newsroom/RecoveryDialog.h"
#include "newsroom/RichTextEdit.h"
#include "render/MediaSchemeHandler.h"
#include "shell/Application.h"
#include "shell/Language.h"
#include "shell/MainWindow.h"
#include "storage/AuditLog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>
#include <QThread>
#include <QTimer>
#include <QToolBar>

#include <functional>

using namespace Qt::StringLiterals;
using namespace daftar;
using newsroom::ArticleStatus;
using ui::ArticleEditor;

namespace {

const QString password = u"Tabriz-1403!"_s;

// Answers the next modal dialog that opens (a message box, the clean-up
// preview, the history) with `handle`, from the event loop.
void whenDialogOpens(std::function<void(QWidget *dialog)> handle)
{
    auto *timer = new QTimer;
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    QObject::connect(timer, &QTimer::timeout, [timer, started, handle] {
        if (QWidget *dialog = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            handle(dialog);
        } else if (started->elapsed() > 10000) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start(20);
}

void pressButton(QWidget *dialog, const QString &objectName)
{
    if (auto *button = dialog->findChild<QAbstractButton *>(objectName)) {
        button->click();
    } else {
        qWarning("no button %s", qPrintable(objectName));
    }
}

QAction *action(QWidget *window, const QString &name)
{
    return window->findChild<QAction *>(name);
}

struct SeedArticle
{
    QString title;
    QString lead;
    QString body;
};

// The seed page's text: the kind label, the title, the lead, the paragraphs;
// its last line is the site's navigation and not part of the article.
SeedArticle seedArticle()
{
    QFile file(qEnvironmentVariable("DAFTAR_TEST_DATA")
        + u"/newsroom/cooperative-house-news-1398-09-03.txt"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("seed article missing");
    }
    QStringList paragraphs;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (!line.trimmed().isEmpty()) {
            paragraphs << line.trimmed();
        }
    }
    SeedArticle seed;
    seed.title = paragraphs.at(2);
    seed.lead = paragraphs.at(3);
    for (const QString &paragraph : paragraphs.mid(4)) {
        if (paragraph.contains(u"صفحه اصلی"_s)) {
            // The navigation is glued to the last paragraph in the dump.
            seed.body += u"<p>"_s
                + paragraph.left(paragraph.indexOf(u"صفحه اصلی"_s)).toHtmlEscaped() + u"</p>"_s;
            break;
        }
        seed.body += u"<p>"_s + paragraph.toHtmlEscaped() + u"</p>"_s;
    }
    return seed;
}

} // namespace

class TestArticleEditor : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<ui::Session> m_editorSession;
    std::unique_ptr<ui::Session> m_chiefSession;
    std::unique_ptr<ui::Session> m_viewerSession;

    accounts::User addUser(const QString &name, const QString &display, accounts::Role role)
    {
        accounts::AccountService accounts(*m_db);
        auto user = accounts.addUser(
            accounts::Actor::operatingSystemUser(), {name, display, role, {}, password});
        if (!user) {
            qFatal("%s", qPrintable(user.errorMessage()));
        }
        return *user;
    }

    std::unique_ptr<ArticleEditor> showEditor(ui::Session &session)
    {
        auto editor = std::make_unique<ArticleEditor>(session);
        editor->setAttribute(Qt::WA_DeleteOnClose, false);
        editor->show();
        return editor;
    }

    qint64 createArticle(const QString &title, const QString &body)
    {
        newsroom::Article article;
        article.title = title;
        article.body = body;
        article.eventDate = QDate(2019, 11, 24);
        auto created
            = newsroom::ArticleService(*m_db).create(m_editorSession->user.actor(), article);
        if (!created) {
            qFatal("%s", qPrintable(created.errorMessage()));
        }
        return created->id;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"DaftarTest"_s);
        QCoreApplication::setApplicationName(u"DaftarTest"_s);
        ui::setUpAppearance();
    }

    void init()
    {
        ui::Language::instance().apply(ui::Language::Persian, false);
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        m_editorSession = std::make_unique<ui::Session>(
            ui::Session {*m_db, addUser(u"sara"_s, u"سارا رضایی"_s, accounts::Role::Editor)});
        m_chiefSession = std::make_unique<ui::Session>(
            ui::Session {*m_db, addUser(u"chief"_s, u"علی شهریور"_s, accounts::Role::ChiefEditor)});
        m_viewerSession = std::make_unique<ui::Session>(
            ui::Session {*m_db, addUser(u"guest"_s, u"مهمان"_s, accounts::Role::Viewer)});
    }

    void cleanup()
    {
        m_editorSession.reset();
        m_chiefSession.reset();
        m_viewerSession.reset();
        m_db.reset();
        m_testDb.reset();
    }

    void typingPersianAndMixedTextSavesAndPreviews()
    {
        auto editor = showEditor(*m_editorSession);
        auto *title = editor->findChild<QLineEdit *>(u"articleTitle"_s);
        auto *body = editor->bodyEdit();
        title->setFocus();
        test::typeText(title, u"نشست تعاونگران"_s);
        body->setFocus();
        test::typeText(body, u"دبیرکل گفت که نسخه (Qt WebEngine 6.4) آماده است."_s);
        QVERIFY(editor->isModified());
        QVERIFY(editor->windowTitle().contains(u"نشست تعاونگران"_s));

        QTRY_VERIFY(editor->preview()->bodyHtml().contains(u"Qt WebEngine 6.4"_s));
        QVERIFY(editor->preview()->pageHtml().contains(u"نشست تعاونگران"_s));

        QTest::keySequence(editor.get(), QKeySequence::Save);
        QVERIFY2(!editor->isModified(), qPrintable(editor->lastError()));
        QVERIFY(editor->articleId() > 0);
        auto stored = newsroom::ArticleService(*m_db).get(
            m_editorSession->user.actor(), editor->articleId());
        QCOMPARE(stored->title, u"نشست تعاونگران"_s);
        QVERIFY(stored->body.contains(u"دبیرکل گفت که نسخه"_s));
        QVERIFY(stored->body.contains(u"Qt WebEngine 6.4"_s));
        QCOMPARE(stored->authorName, u"سارا رضایی"_s);
        QCOMPARE(stored->revision, 1);

        body->moveCursor(QTextCursor::End);
        test::typeText(body, u" بیشتر"_s);
        QVERIFY(editor->save());
        QCOMPARE(newsroom::ArticleService(*m_db)
                     .revisions(m_editorSession->user.actor(), editor->articleId())
                     ->size(),
            2);
    }

    void formattingWritesTheBodyDialect()
    {
        auto editor = showEditor(*m_editorSession);
        auto *body = editor->bodyEdit();
        body->setFocus();
        test::typeText(body, u"تیتر فرعی"_s);
        QTest::keyClick(body, Qt::Key_Return);
        test::typeText(body, u"بند نقل‌قول"_s);
        QTest::keyClick(body, Qt::Key_Return);
        test::typeText(body, u"Daftar is ready"_s);
        QTest::keyClick(body, Qt::Key_Return);
        test::typeText(body, u"مورد فهرست"_s);

        const auto goToParagraph = [&](int index) {
            QTextCursor cursor(body->document()->findBlockByNumber(index));
            body->setTextCursor(cursor);
        };
        goToParagraph(0);
        body->setHeading(2);
        goToParagraph(1);
        action(editor.get(), u"quote"_s)->trigger();
        goToParagraph(2);
        action(editor.get(), u"directionLtr"_s)->trigger();
        goToParagraph(3);
        action(editor.get(), u"bulletList"_s)->trigger();
        const QString html = body->bodyHtml();
        QVERIFY2(html.contains(u"<h2>تیتر فرعی</h2>"_s), qPrintable(html));
        QVERIFY2(html.contains(u"<blockquote>"_s), qPrintable(html));
        QVERIFY2(html.contains(u"<p dir=\"ltr\">Daftar is ready</p>"_s), qPrintable(html));
        QVERIFY2(html.contains(u"<ul><li>مورد فهرست</li></ul>"_s), qPrintable(html));

        // Undo takes formatting back one step at a time.
        QTest::keySequence(body, QKeySequence::Undo);
        QVERIFY(!body->bodyHtml().contains(u"<ul>"_s));
    }

    void pasteFromWordKeepsStructureAndDropsJunk()
    {
        auto editor = showEditor(*m_editorSession);
        QMimeData word;
        word.setHtml(u"<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body>"
                     "<p class=MsoNormal style='mso-margin-top-alt:auto'><span "
                     "style='font-family:\"B Nazanin\";mso-bidi-language:FA'>بند <b>مهم</b> "
                     "اول<o:p></o:p></span></p>"
                     "<ul><li><font color=red>یک</font></li><li>دو</li></ul>"
                     "<p><span></span><a href=\"javascript:alert(1)\">بد</a></p>"
                     "</body></html>"_s);
        editor->bodyEdit()->setFocus();
        editor->bodyEdit()->insertFromMimeData(&word);
        const QString html = editor->bodyEdit()->bodyHtml();
        QVERIFY2(html.contains(u"<strong>مهم</strong>"_s), qPrintable(html));
        QVERIFY2(html.contains(u"<li>یک</li>"_s), qPrintable(html));
        for (const QString &junk : {u"mso"_s, u"font"_s, u"Nazanin"_s, u"o:p"_s, u"javascript"_s,
                 u"class"_s, u"style"_s}) {
            QVERIFY2(!html.contains(junk), qPrintable(junk + u" in "_s + html));
        }
    }

    void cleanupPreviewsAppliesAndUndoes()
    {
        auto editor = showEditor(*m_editorSession);
        const QString messy = u"جلسه هم انديشي  تعاونگران با وزير تعاون ،كار و رفاه"_s;
        editor->bodyEdit()->setFocus();
        test::typeText(editor->bodyEdit(), messy);
        QCOMPARE(editor->bodyEdit()->toPlainText(), messy);

        // The preview dialog lists the changes; Cancel changes nothing.
        whenDialogOpens([](QWidget *dialog) { static_cast<QDialog *>(dialog)->reject(); });
        QCOMPARE(editor->cleanUp(true), 0);
        QCOMPARE(editor->bodyEdit()->toPlainText(), messy);

        const int changes = editor->cleanUp(false);
        QVERIFY(changes >= 3);
        const QString clean = editor->bodyEdit()->toPlainText();
        QVERIFY2(!clean.contains(u'ي') && !clean.contains(u'ك'), qPrintable(clean));
        QVERIFY(clean.contains(u"اندیشی"_s));
        QVERIFY(!clean.contains(u"  "_s));
        QVERIFY(!clean.contains(u" ،"_s));

        // One Undo takes the whole clean-up back.
        editor->bodyEdit()->setFocus();
        QTest::keySequence(editor->bodyEdit(), QKeySequence::Undo);
        QCOMPARE(editor->bodyEdit()->toPlainText(), messy);
    }

    void workflowFollowsRolesInTheEditor()
    {
        const qint64 id = createArticle(u"گردش کار"_s, u"<p>متن خبر</p>"_s);
        auto editor = showEditor(*m_editorSession);
        QVERIFY(editor->openArticle(id));
        QVERIFY(action(editor.get(), u"move_in_review"_s));
        QVERIFY(!action(editor.get(), u"move_approved"_s));
        action(editor.get(), u"move_in_review"_s)->trigger();
        QTRY_VERIFY(action(editor.get(), u"move_draft"_s)); // the author may withdraw

        // The core refuses what the role may not do, whatever the buttons show.
        whenDialogOpens([](QWidget *dialog) { static_cast<QDialog *>(dialog)->reject(); });
        QVERIFY(!editor->moveTo(ArticleStatus::Approved));
        QVERIFY(!editor->lastError().isEmpty());
        QCOMPARE(newsroom::ArticleService(*m_db).get(m_editorSession->user.actor(), id)->status,
            ArticleStatus::InReview);
        editor->close();

        auto chief = showEditor(*m_chiefSession);
        QVERIFY(chief->openArticle(id));
        QVERIFY(action(chief.get(), u"move_approved"_s));
        QVERIFY(action(chief.get(), u"move_needs_changes"_s));
        QVERIFY(!action(chief.get(), u"move_draft"_s)); // only the author withdraws
        QVERIFY(chief->moveTo(ArticleStatus::NeedsChanges, u"منبع خبر را بنویسید"_s));
        chief->close();

        auto again = showEditor(*m_editorSession);
        QVERIFY(again->openArticle(id));
        auto *banner = again->findChild<QLabel *>(u"editorBanner"_s);
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(u"منبع خبر را بنویسید"_s));
        QVERIFY(action(again.get(), u"move_in_review"_s));
        again->close();

        auto viewer = showEditor(*m_viewerSession);
        QVERIFY(viewer->openArticle(id));
        QVERIFY(viewer->isReadOnly());
        QVERIFY(!action(viewer.get(), u"saveArticle"_s)->isEnabled());
        QVERIFY(!viewer->save());

        auto entries = storage::AuditLog::forEntity(*m_db, u"article"_s, QString::number(id));
        int moves = 0;
        for (const auto &entry : *entries) {
            moves += entry.action == u"article.status" ? 1 : 0;
        }
        QCOMPARE(moves, 2);
    }

    void restoringARevisionBringsBackItsText()
    {
        const qint64 id = createArticle(u"نسخه اول"_s, u"<p>متن اول خبر</p>"_s);
        auto editor = showEditor(*m_editorSession);
        QVERIFY(editor->openArticle(id));
        auto *title = editor->findChild<QLineEdit *>(u"articleTitle"_s);
        title->selectAll();
        test::typeText(title, u"نسخه دوم"_s);
        QVERIFY(editor->save());
        editor->bodyEdit()->setBodyHtml(u"<p>متن سوم و تازه</p>"_s);
        QVERIFY(editor->save());

        whenDialogOpens([](QWidget *dialog) {
            auto *history = qobject_cast<ui::HistoryDialog *>(dialog);
            QVERIFY(history);
            history->selectRevision(1);
            // restoreSelectedRevision() asks first; say yes.
            whenDialogOpens([](QWidget *question) {
                auto *box = qobject_cast<QMessageBox *>(question);
                QVERIFY(box);
                box->button(QMessageBox::Yes) ? box->button(QMessageBox::Yes)->click()
                                              : box->buttons().first()->click();
            });
            history->restoreSelectedRevision();
            QTimer::singleShot(0, history, &QDialog::accept);
        });
        editor->showHistory();
        QTRY_COMPARE(title->text(), u"نسخه اول"_s);
        QVERIFY(editor->bodyEdit()->toPlainText().contains(u"متن اول خبر"_s));
        auto revisions
            = newsroom::ArticleService(*m_db).revisions(m_editorSession->user.actor(), id);
        QCOMPARE(revisions->size(), 4);
    }

    void englishVersionLinksToThePersianOne()
    {
        const qint64 persian = createArticle(u"نشست تعاونگران"_s, u"<p>متن</p>"_s);
        auto editor = showEditor(*m_editorSession);
        auto *language = editor->findChild<QComboBox *>(u"articleLanguage"_s);
        language->setCurrentIndex(language->findData(u"en"_s));
        emit language->activated(language->currentIndex());
        auto *translation = editor->findChild<QComboBox *>(u"articleTranslation"_s);
        const int index = translation->findData(persian);
        QVERIFY(index > 0);
        QCOMPARE(translation->itemText(index), u"نشست تعاونگران"_s);
        translation->setCurrentIndex(index);
        editor->findChild<QLineEdit *>(u"articleTitle"_s)->setText(u"Cooperatives meet"_s);
        editor->bodyEdit()->setBodyHtml(u"<p>The meeting was held.</p>"_s);
        QVERIFY(editor->save());
        auto stored = newsroom::ArticleService(*m_db).get(
            m_editorSession->user.actor(), editor->articleId());
        QCOMPARE(stored->language, u"en"_s);
        QCOMPARE(stored->translationOf, persian);

        auto reopened = showEditor(*m_editorSession);
        QVERIFY(reopened->openArticle(editor->articleId()));
        QCOMPARE(reopened->currentArticle().translationOf, persian);
        QVERIFY(reopened->findChild<QLabel *>(u"articleProvenance"_s)
                    ->text()
                    .contains(u"سارا رضایی"_s));
    }

    void secondEditorIsWarnedAndChiefCanTakeOver()
    {
        const qint64 id = createArticle(u"قفل"_s, u"<p>متن</p>"_s);
        auto first = showEditor(*m_editorSession);
        QVERIFY(first->openArticle(id));

        accounts::User other = addUser(u"reza"_s, u"رضا"_s, accounts::Role::Editor);
        ui::Session otherSession {*m_db, other};
        auto second = showEditor(otherSession);
        QString warning;
        bool offered = true;
        QVERIFY(second->openArticle(id, [&](const QString &message, bool canTakeOver) {
            warning = message;
            offered = canTakeOver;
            return ArticleEditor::LockChoice::ReadOnly;
        }));
        QVERIFY(warning.contains(u"سارا رضایی"_s));
        QVERIFY(!offered);
        QVERIFY(second->isReadOnly());

        auto chief = showEditor(*m_chiefSession);
        QVERIFY(chief->openArticle(id, [&](const QString &, bool canTakeOver) {
            return canTakeOver ? ArticleEditor::LockChoice::TakeOver
                               : ArticleEditor::LockChoice::Cancel;
        }));
        QVERIFY(!chief->isReadOnly());
    }

    void seedArticleRendersLikeTheSite()
    {
        const SeedArticle seed = seedArticle();
        auto editor = showEditor(*m_editorSession);
        editor->findChild<QLineEdit *>(u"articleTitle"_s)->setText(seed.title);
        editor->findChild<QPlainTextEdit *>(u"articleLead"_s)->setPlainText(seed.lead);
        editor->bodyEdit()->setBodyHtml(seed.body);
        editor->preview()->setArticleNow(editor->currentArticle());
        QSignalSpy shown(editor->preview(), &ui::PreviewPane::contentShown);
        QVERIFY(shown.wait(20000) || !editor->preview()->pageHtml().isEmpty());
        const QString page = editor->preview()->pageHtml();
        QVERIFY(page.contains(u"دبیرکل خانه تعاونگران خواستار تهیه برنامه اقدام توسعه تعاون شد"_s));
        for (const QString &navigation :
            {u"صفحه اصلی"_s, u"درباره ما"_s, u"شعب استانی"_s, u"بانک اعضا"_s, u"تماس با ما"_s}) {
            QVERIFY2(page.contains(navigation), qPrintable(navigation));
        }
        QVERIFY(page.contains(u"dir=\"rtl\""_s));
        QVERIFY(!page.contains(u"<script"_s));
        const QString body = editor->preview()->bodyHtml();
        QVERIFY(body.contains(u"علی حسین شهریور افزود"_s));
        // The navigation line of the seed page is not part of the article.
        QVERIFY(!body.contains(u"بانک اعضا"_s));
        QCOMPARE(body, newsroom::articleBodyHtml(editor->currentArticle()));
    }

    void typedTextSurvivesAKilledProcess()
    {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
            {u"--crash-child"_s, m_testDb->url(), u"sara"_s, password});
        QVERIFY(child.waitForStarted());
        QByteArray said;
        QElapsedTimer waited;
        waited.start();
        while (!said.contains("AUTOSAVED") && waited.elapsed() < 60000) {
            child.waitForReadyRead(1000);
            said += child.readAllStandardOutput();
        }
        QVERIFY2(said.contains("AUTOSAVED"), said.constData());
        child.kill(); // no clean shutdown: as if the power went
        QVERIFY(child.waitForFinished());

        ui::MainWindow window(*m_editorSession);
        whenDialogOpens([](QWidget *dialog) {
            QVERIFY(qobject_cast<ui::RecoveryDialog *>(dialog));
            pressButton(dialog, u"recoverButton"_s);
        });
        window.show();
        ArticleEditor *recovered = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (recovered = window.findChild<ArticleEditor *>()) != nullptr, 15000);
        QCOMPARE(recovered->findChild<QLineEdit *>(u"articleTitle"_s)->text(),
            u"خبری که نباید گم شود"_s);
        QVERIFY(
            recovered->bodyEdit()->toPlainText().contains(u"این جمله پیش از قطع برق تایپ شد"_s));
        QVERIFY(recovered->isModified());
        QVERIFY(recovered->save());
        recovered->flushAutosave();
        QTRY_VERIFY(newsroom::ArticleService(*m_db)
                        .pendingAutosaves(m_editorSession->user.actor())
                        ->isEmpty());
        recovered->close();
    }
};

// The child of typedTextSurvivesAKilledProcess: types into a new article, lets
// the autosave reach the database, says so, and waits to be killed.
static int runCrashChild(const QStringList &arguments)
{
    auto location = storage::DatabaseLocation::parse(arguments.at(2));
    auto db = storage::Database::open(*location);
    if (!db) {
        qFatal("%s", qPrintable(db.errorMessage()));
    }
    accounts::AccountService accounts(**db);
    auto user = accounts.logIn(arguments.at(3), arguments.at(4));
    if (!user) {
        qFatal("%s", qPrintable(user.errorMessage()));
    }
    ui::Session session {**db, *user};
    ArticleEditor editor(session);
    editor.setAttribute(Qt::WA_DeleteOnClose, false);
    editor.show();
    auto *title = editor.findChild<QLineEdit *>(u"articleTitle"_s);
    test::typeText(title, u"خبری که نباید گم شود"_s);
    editor.bodyEdit()->setFocus();
    test::typeText(editor.bodyEdit(), u"این جمله پیش از قطع برق تایپ شد"_s);
    // The editor's own timer saves within a couple of seconds of typing.
    QTest::qWait(2600);
    editor.flushAutosave();
    printf("AUTOSAVED\n");
    fflush(stdout);
    QThread::sleep(120);
    return 0;
}

int main(int argc, char *argv[])
{
    render::registerMediaScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() == 5 && arguments.at(1) == u"--crash-child") {
        QCoreApplication::setOrganizationName(u"DaftarTest"_s);
        QCoreApplication::setApplicationName(u"DaftarTestChild"_s);
        QStandardPaths::setTestModeEnabled(true);
        ui::setUpAppearance();
        ui::Language::instance().apply(ui::Language::Persian, false);
        return runCrashChild(arguments);
    }
    TestArticleEditor test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestArticleEditor.moc"
