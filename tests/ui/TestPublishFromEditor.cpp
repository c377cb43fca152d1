// Publishing from the article editor: the "Publish on the sites" action is
// offered for approved articles to those who may review, sends the article to
// the portal through the shared runner, and the "Published" box in the details
// says where it is, whether it is in sync, and that a saved edit is not on the
// site yet.
#include "JsonReceiver.h"
#include "PublishingFixture.h"
#include "Typing.h"
#include "WidgetTesting.h"
#include "newsroom/ArticleEditor.h"
#include "newsroom/RichTextEdit.h"
#include "publishing/PublicationDisplay.h"
#include "publishing/PublishRunner.h"
#include "render/MediaSchemeHandler.h"
#include "shell/Application.h"
#include "shell/Language.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextCursor>
#include <QToolBar>

using namespace Qt::StringLiterals;
using namespace daftar;
using daftar::test::child;
using daftar::test::PublishingFixture;
using ui::ArticleEditor;

namespace {

const QByteArray portalSecret = "portal-secret-1403";
const auto secretVariable = "DAFTAR_TEST_PORTAL_SECRET"_L1;
constexpr int publishTimeoutMs = 30000;

QString brief(bool live, bool changedSince)
{
    publishing::Publication publication;
    publication.live = live;
    publication.changedSince = changedSince;
    return ui::publicationStateBrief(publication);
}

} // namespace

class TestPublishFromEditor : public QObject
{
    Q_OBJECT

    std::unique_ptr<PublishingFixture> m_fixture;
    std::unique_ptr<ui::PublishRunner> m_runner;

    std::unique_ptr<ArticleEditor> openEditor(
        ui::Session &session, qint64 id, bool withRunner = true)
    {
        auto editor = std::make_unique<ArticleEditor>(
            session, nullptr, withRunner ? m_runner.get() : nullptr);
        editor->setAttribute(Qt::WA_DeleteOnClose, false);
        editor->show();
        if (!editor->openArticle(id)) {
            qWarning("%s", qPrintable(editor->lastError()));
        }
        return editor;
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
        qputenv(secretVariable.data(), portalSecret);
        m_fixture = std::make_unique<PublishingFixture>();
        m_runner = std::make_unique<ui::PublishRunner>(
            m_fixture->db().location(), m_fixture->chief().user.actor());
    }

    void cleanup()
    {
        m_runner.reset();
        m_fixture.reset();
    }

    void publishingAnApprovedArticleShowsWhereItIs()
    {
        test::JsonReceiver receiver(portalSecret);
        m_fixture->addJsonSite(u"پرتال تعاون"_s, receiver.url(), secretVariable);
        const qint64 id
            = m_fixture->approvedArticle(u"دیدار دبیرکل با وزیر تعاون"_s, u"<p>متن دیدار.</p>"_s);
        auto editor = openEditor(m_fixture->chief(), id);
        auto *publish = child<QAction>(editor.get(), u"publishToSites"_s);
        auto *published = child<QLabel>(editor.get(), u"articlePublished"_s);
        auto *progress = child<QProgressBar>(editor.get(), u"publishProgress"_s);
        QVERIFY(publish->isVisible());
        QVERIFY(publish->isEnabled());
        QVERIFY(!published->text().contains(u"پرتال تعاون"_s));

        // Clicked on the workflow toolbar, as a user does.
        auto *bar = child<QToolBar>(editor.get(), u"editorWorkflowBar"_s);
        QWidget *button = bar->widgetForAction(publish);
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(progress->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(published->text().contains(brief(true, false)), publishTimeoutMs);
        QTRY_VERIFY(!progress->isVisible());
        QVERIFY(published->text().contains(u"پرتال تعاون"_s));
        QVERIFY2(published->text().contains(u"<a href="_s), qPrintable(published->text()));
        QVERIFY2(test::hasPersianDigit(published->text()), qPrintable(published->text()));
        QCOMPARE(
            receiver.items().value(u"article-%1"_s.arg(id)).document.value(u"title"_s).toString(),
            u"دیدار دبیرکل با وزیر تعاون"_s);

        // A saved edit is not on the site yet: the box says so.
        editor->bodyEdit()->setFocus();
        editor->bodyEdit()->moveCursor(QTextCursor::End);
        test::typeText(editor->bodyEdit(), u" بند تازه"_s);
        QTest::keySequence(editor.get(), QKeySequence::Save);
        QVERIFY2(!editor->isModified(), qPrintable(editor->lastError()));
        QVERIFY2(published->text().contains(brief(true, true)), qPrintable(published->text()));

        // Publishing again sends the edit; an unsaved edit is saved first.
        test::typeText(editor->bodyEdit(), u" و پایانی"_s);
        QVERIFY(editor->isModified());
        QVERIFY(editor->publishToSites());
        QVERIFY(!editor->isModified());
        QTRY_VERIFY_WITH_TIMEOUT(published->text().contains(brief(true, false)), publishTimeoutMs);
        QTRY_VERIFY(!m_runner->isRunning());
        const auto item = receiver.items().value(u"article-%1"_s.arg(id));
        QCOMPARE(item.puts, 2);
        QVERIFY(item.document.value(u"body_html"_s).toString().contains(u"و پایانی"_s));
    }

    void withSitesTheStatusFollowsTheSite()
    {
        test::JsonReceiver receiver(portalSecret);
        m_fixture->addJsonSite(u"پرتال تعاون"_s, receiver.url(), secretVariable);
        const qint64 id = m_fixture->approvedArticle(
            u"خبری که برداشته می‌شود"_s, u"<p>متن.</p>"_s);
        auto editor = openEditor(m_fixture->chief(), id);
        auto *published = child<QLabel>(editor.get(), u"articlePublished"_s);
        // No "Publish now" that only changes the status while sites are set up.
        QVERIFY(!editor->findChild<QAction *>(u"move_published"_s));
        QVERIFY(editor->publishToSites());
        QTRY_VERIFY_WITH_TIMEOUT(published->text().contains(brief(true, false)), publishTimeoutMs);
        QTRY_COMPARE(editor->currentArticle().status, newsroom::ArticleStatus::Published);

        // "Unpublish…" takes it off the site; the status follows the site's answer.
        auto *unpublish = editor->findChild<QAction *>(u"move_unpublished"_s);
        QVERIFY(unpublish);
        test::whenDialogOpens([](QWidget *box) {
            auto *question = qobject_cast<QMessageBox *>(box);
            QVERIFY(question);
            question->button(QMessageBox::Yes)->click();
        });
        unpublish->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            receiver.deleted().contains(u"article-%1"_s.arg(id)), publishTimeoutMs);
        QTRY_COMPARE(editor->currentArticle().status, newsroom::ArticleStatus::Unpublished);
        QTRY_VERIFY(published->text().contains(brief(false, false)));
        QTRY_VERIFY(!m_runner->isRunning());
    }

    void onlyApprovedArticlesAndReviewersMayPublish()
    {
        newsroom::Article draft;
        draft.title = u"پیش‌نویس گزارش"_s;
        draft.body = u"<p>متن.</p>"_s;
        const qint64 draftId = newsroom::ArticleService(m_fixture->db())
                                   .create(m_fixture->chief().user.actor(), draft)
                                   ->id;
        {
            auto editor = openEditor(m_fixture->chief(), draftId);
            auto *publish = child<QAction>(editor.get(), u"publishToSites"_s);
            QVERIFY(publish->isVisible());
            QVERIFY(!publish->isEnabled());
            QVERIFY(!publish->toolTip().isEmpty());
            // Approving it in the editor makes it publishable.
            QVERIFY(editor->moveTo(newsroom::ArticleStatus::InReview));
            QVERIFY(editor->moveTo(newsroom::ArticleStatus::Approved));
            QVERIFY(publish->isEnabled());
        }
        const qint64 approved = m_fixture->approvedArticle(u"خبر تأییدشده"_s, u"<p>متن.</p>"_s);
        {
            // An editor may write but not publish.
            auto editor = openEditor(m_fixture->editor(), approved);
            QVERIFY(!child<QAction>(editor.get(), u"publishToSites"_s)->isEnabled());
        }
        // Without the main window's runner there is no publishing in the editor.
        auto editor = openEditor(m_fixture->chief(), approved, false);
        QVERIFY(!child<QAction>(editor.get(), u"publishToSites"_s)->isVisible());
        QVERIFY(!child<QLabel>(editor.get(), u"articlePublished"_s)->isVisible());
    }

    void aFailedPublishIsShownInTheEditor()
    {
        m_fixture->addJsonSite(
            u"پرتال خاموش"_s, PublishingFixture::closedPortUrl(), secretVariable, 1);
        const qint64 id = m_fixture->approvedArticle(u"خبر بی‌پاسخ"_s, u"<p>متن.</p>"_s);
        auto editor = openEditor(m_fixture->chief(), id);
        QVERIFY(editor->publishToSites());
        auto *published = child<QLabel>(editor.get(), u"articlePublished"_s);
        const QString failed = publishing::jobStateDisplayName(publishing::JobState::Failed);
        QTRY_VERIFY_WITH_TIMEOUT(published->text().contains(failed), publishTimeoutMs);
        QVERIFY(published->text().contains(u"پرتال خاموش"_s));
        QTRY_VERIFY(!m_runner->isRunning());
        QVERIFY(!editor->lastError().isEmpty());
        QVERIFY(!child<QProgressBar>(editor.get(), u"publishProgress"_s)->isVisible());
    }
};

int main(int argc, char *argv[])
{
    // The editor's preview shows images through this scheme; it must exist before the app.
    render::registerMediaScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestPublishFromEditor test;
    return QTest::qExec(&test, argc, argv);
}
#include "TestPublishFromEditor.moc"
