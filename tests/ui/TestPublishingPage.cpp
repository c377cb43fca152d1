// The publishing page and the site settings driven as the secretariat drives
// them: adding a JSON portal by typing into the dialog and testing the
// connection (right and wrong secret), publishing the approved articles to an
// in-process portal and seeing where they are, a site that cannot be reached
// (the job fails with its reason, Retry and Cancel), and an editor who may not
// publish.
#include "JsonReceiver.h"
#include "PublishingFixture.h"
#include "Typing.h"
#include "WidgetTesting.h"
#include "publishing/JobListModel.h"
#include "publishing/Outbox.h"
#include "publishing/PublicationDisplay.h"
#include "publishing/PublicationListModel.h"
#include "publishing/PublishRunner.h"
#include "publishing/PublishingPage.h"
#include "publishing/SiteSettingsDialog.h"
#include "shell/Application.h"
#include "shell/Language.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace daftar;
using daftar::test::child;
using daftar::test::PublishingFixture;
using publishing::JobState;
using ui::JobListModel;
using ui::PublicationListModel;

namespace {

const QByteArray portalSecret = "portal-secret-1403";
const auto secretVariable = "DAFTAR_TEST_PORTAL_SECRET"_L1;
// Long enough for a slow CI machine; a run against the in-process portal takes a moment.
constexpr int publishTimeoutMs = 30000;

QString stateOf(const JobListModel *model, int row)
{
    return model->index(row, JobListModel::State).data(JobListModel::StateIdRole).toString();
}

} // namespace

// Stands in for the browser: records the addresses the page asks to open.
class UrlCatcher : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public slots:
    void open(const QUrl &url) { opened << url; }
};

class TestPublishingPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<PublishingFixture> m_fixture;

    struct Shown
    {
        std::unique_ptr<ui::PublishRunner> runner;
        std::unique_ptr<ui::PublishingPage> page;
    };

    Shown showPage(ui::Session &session)
    {
        Shown shown;
        shown.runner
            = std::make_unique<ui::PublishRunner>(session.db.location(), session.user.actor());
        shown.page = std::make_unique<ui::PublishingPage>(session, *shown.runner);
        shown.page->resize(1200, 720);
        shown.page->show();
        if (!QTest::qWaitForWindowExposed(shown.page.get())) {
            qWarning("the page was not shown");
        }
        return shown;
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
    }

    void cleanup() { m_fixture.reset(); }

    void withoutSitesThePageOffersToAddOne()
    {
        {
            auto shown = showPage(m_fixture->admin());
            QVERIFY(child<QWidget>(shown.page.get(), u"emptyState"_s)->isVisible());
            QVERIFY(!child<QTableView>(shown.page.get(), u"jobTable"_s)->isVisible());
            auto *add = child<QToolButton>(shown.page.get(), u"emptyStateAddSite"_s);
            QVERIFY(add->isVisible());
            QVERIFY(!child<QToolButton>(shown.page.get(), u"publishApproved"_s)->isVisible());
            // The button opens the settings on a new site.
            bool opened = false;
            test::whenDialogOpens([&opened](QWidget *dialog) {
                auto *settings = qobject_cast<ui::SiteSettingsDialog *>(dialog);
                QVERIFY(settings);
                opened = true;
                QCOMPARE(settings->currentSiteId(), 0);
                QCOMPARE(settings->focusWidget(), child<QLineEdit>(settings, u"siteName"_s));
                settings->reject();
            });
            QTest::mouseClick(add, Qt::LeftButton);
            QVERIFY(opened);
        }
        // A chief editor cannot add sites; the page says who can instead of offering it.
        auto shown = showPage(m_fixture->chief());
        QVERIFY(child<QWidget>(shown.page.get(), u"emptyState"_s)->isVisible());
        QVERIFY(!child<QToolButton>(shown.page.get(), u"emptyStateAddSite"_s)->isVisible());
        QVERIFY(!child<QLabel>(shown.page.get(), u"emptyStateText"_s)->text().isEmpty());
    }

    void addingAJsonPortalAndTestingTheConnection()
    {
        test::JsonReceiver receiver(portalSecret);
        ui::SiteSettingsDialog dialog(m_fixture->admin());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        auto *name = child<QLineEdit>(&dialog, u"siteName"_s);
        auto *type = child<QComboBox>(&dialog, u"siteType"_s);
        auto *url = child<QLineEdit>(&dialog, u"siteUrl"_s);
        auto *variable = child<QLineEdit>(&dialog, u"secretVariable"_s);
        auto *timeout = child<QSpinBox>(&dialog, u"timeout"_s);
        auto *unpublish = child<QComboBox>(&dialog, u"unpublishMode"_s);
        name->setFocus();
        test::typeText(name, u"پرتال تعاون"_s);
        type->setFocus();
        type->setCurrentIndex(type->findData(u"json"_s));
        // Only WordPress has a choice of what unpublishing does.
        QVERIFY(!unpublish->isVisible());
        QTest::keyClicks(url, receiver.url().toString());
        QVERIFY(!variable->isEnabled());
        QTest::mouseClick(child<QRadioButton>(&dialog, u"secretFromEnvironment"_s), Qt::LeftButton);
        QVERIFY(variable->isEnabled());
        QTest::keyClicks(variable, QString(secretVariable));
        timeout->setFocus();
        timeout->selectAll();
        // Latin digits typed into the Persian form count too.
        QTest::keyClicks(timeout, u"5"_s);
        QCOMPARE(timeout->value(), 5);
        // Enter saves.
        QTest::keyClick(variable, Qt::Key_Return);

        auto stored = publishing::SiteService(m_fixture->db()).byName(u"پرتال تعاون"_s);
        QVERIFY2(stored.ok(), qPrintable(stored.errorMessage()));
        QCOMPARE(stored->type, publishing::SiteType::Json);
        QCOMPARE(stored->url, receiver.url());
        QCOMPARE(stored->passwordEnv, QString(secretVariable));
        QCOMPARE(stored->timeoutSeconds, 5);
        QVERIFY(stored->enabled);
        QCOMPARE(dialog.currentSiteId(), stored->id);
        QCOMPARE(child<QListWidget>(&dialog, u"siteList"_s)->count(), 1);

        // The portal answers and accepts the signature.
        QSignalSpy tested(&dialog, &ui::SiteSettingsDialog::connectionTested);
        auto *test = child<QAbstractButton>(&dialog, u"testConnection"_s);
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(!test->isEnabled()); // busy while the site is asked, the dialog still answers
        QVERIFY(tested.wait(publishTimeoutMs));
        QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(tested.at(0).at(1).toString()));
        auto *result = child<QLabel>(&dialog, u"connectionResult"_s);
        QVERIFY(result->text().contains(tested.at(0).at(1).toString()));
        QVERIFY(test->isEnabled());

        // A wrong secret: the portal refuses the signature, and the dialog says so in red.
        qputenv(secretVariable.data(), "not-the-secret");
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(tested.wait(publishTimeoutMs));
        QVERIFY(!tested.at(1).at(0).toBool());
        QVERIFY2(tested.at(1).at(1).toString().contains(u"401"_s),
            qPrintable(tested.at(1).at(1).toString()));
        QVERIFY(result->text().contains(tested.at(1).at(1).toString()));
        QVERIFY(result->styleSheet().contains(u"b00020"_s));
        QVERIFY(receiver.rejectedSignatures() >= 1);

        // The core's validation shows beside the form, and nothing is written.
        name->selectAll();
        QTest::keyClick(name, Qt::Key_Delete);
        QTest::mouseClick(child<QAbstractButton>(&dialog, u"saveSite"_s), Qt::LeftButton);
        auto *message = child<QLabel>(&dialog, u"message"_s);
        QVERIFY(message->isVisible());
        QVERIFY(!message->text().isEmpty());
        QVERIFY(publishing::SiteService(m_fixture->db()).byName(u"پرتال تعاون"_s).ok());

        // Leaving with unsaved changes asks first; Discard leaves the stored site alone.
        test::whenDialogOpens([](QWidget *box) {
            auto *question = qobject_cast<QMessageBox *>(box);
            QVERIFY(question);
            question->button(QMessageBox::Discard)->click();
        });
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(publishing::SiteService(m_fixture->db()).list()->size(), 1);
    }

    void aChiefEditorSeesTheSitesButCannotChangeThem()
    {
        m_fixture->addJsonSite(
            u"پرتال"_s, QUrl(u"http://127.0.0.1:9/daftar-api"_s), secretVariable);
        ui::SiteSettingsDialog dialog(m_fixture->chief());
        dialog.show();
        QCOMPARE(child<QLineEdit>(&dialog, u"siteName"_s)->text(), u"پرتال"_s);
        QVERIFY(!child<QLineEdit>(&dialog, u"siteName"_s)->isEnabled());
        QVERIFY(!child<QAbstractButton>(&dialog, u"saveSite"_s)->isEnabled());
        QVERIFY(!child<QAbstractButton>(&dialog, u"addSite"_s)->isEnabled());
        QVERIFY(child<QLabel>(&dialog, u"refusal"_s)->isVisible());
    }

    void publishingApprovedArticlesReachesThePortal()
    {
        test::JsonReceiver receiver(portalSecret);
        m_fixture->addJsonSite(u"پرتال تعاون"_s, receiver.url(), secretVariable);
        const qint64 id = m_fixture->approvedArticle(
            u"نشست شورای مرکزی تعاونی‌ها"_s, u"<p>متن خبر نشست.</p>"_s);
        auto shown = showPage(m_fixture->chief());
        auto *jobs = shown.page->jobs();
        auto *publications = shown.page->publications();
        QVERIFY(child<QLabel>(shown.page.get(), u"publicationsEmpty"_s)->isVisible());

        auto *publish = child<QToolButton>(shown.page.get(), u"publishApproved"_s);
        QVERIFY(publish->isEnabled());
        QTest::mouseClick(publish, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            jobs->rowCount() == 1 && stateOf(jobs, 0) == u"done", publishTimeoutMs);
        const QString itemId = u"article-%1"_s.arg(id);
        QVERIFY(receiver.items().contains(itemId));
        QCOMPARE(receiver.items().value(itemId).document.value(u"title"_s).toString(),
            u"نشست شورای مرکزی تعاونی‌ها"_s);
        QCOMPARE(jobs->index(0, JobListModel::Item).data().toString(),
            u"نشست شورای مرکزی تعاونی‌ها"_s);
        QCOMPARE(jobs->index(0, JobListModel::Site).data().toString(), u"پرتال تعاون"_s);
        // Persian digits and a Jalali year in the Persian UI.
        const QString updated = jobs->index(0, JobListModel::Updated).data().toString();
        QVERIFY2(
            test::hasPersianDigit(updated) && !test::hasLatinDigit(updated), qPrintable(updated));
        QVERIFY(updated.startsWith(u"۱۴"_s));

        QTRY_COMPARE(publications->rowCount(), 1);
        QVERIFY(child<QTableView>(shown.page.get(), u"publicationTable"_s)->isVisible());
        const QUrl address = publications->index(0, PublicationListModel::Url)
                                 .data(PublicationListModel::UrlRole)
                                 .toUrl();
        QVERIFY2(address.isValid() && !address.isEmpty(), qPrintable(address.toString()));
        QVERIFY(publications->index(0, PublicationListModel::Url)
                    .data()
                    .toString()
                    .contains(address.toDisplayString()));
        publishing::Publication inSync;
        inSync.live = true;
        QCOMPARE(publications->index(0, PublicationListModel::State).data().toString(),
            ui::publicationStateText(inSync));

        // A click on the address opens it in the browser.
        UrlCatcher browser;
        QDesktopServices::setUrlHandler(address.scheme(), &browser, "open");
        auto *publicationTable = child<QTableView>(shown.page.get(), u"publicationTable"_s);
        QTest::mouseClick(publicationTable->viewport(), Qt::LeftButton, {},
            publicationTable->visualRect(publications->index(0, PublicationListModel::Url))
                .center());
        QDesktopServices::unsetUrlHandler(address.scheme());
        QCOMPARE(browser.opened, QList<QUrl> {address});

        // A double click on a job opens its article.
        QSignalSpy openRequested(shown.page.get(), &ui::PublishingPage::openArticleRequested);
        auto *jobTable = child<QTableView>(shown.page.get(), u"jobTable"_s);
        const QRect cell = jobTable->visualRect(jobs->index(0, JobListModel::Item));
        QTest::mouseClick(jobTable->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(jobTable->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(openRequested.size(), 1);
        QCOMPARE(openRequested.at(0).at(0).toLongLong(), id);

        // Nothing new: a second click queues nothing and says so.
        QTRY_VERIFY(!shown.runner->isRunning());
        auto *runState = child<QLabel>(shown.page.get(), u"runState"_s);
        const QString afterRun = runState->text();
        QVERIFY(!afterRun.isEmpty());
        QTest::mouseClick(publish, Qt::LeftButton);
        QVERIFY(!runState->text().isEmpty());
        QVERIFY(runState->text() != afterRun);
        QVERIFY(!shown.runner->isRunning());
        QCOMPARE(receiver.items().value(itemId).puts, 1);
    }

    void anUnreachableSiteFailsWithItsReasonAndCanBeRetriedOrCancelled()
    {
        m_fixture->addJsonSite(
            u"پرتال خاموش"_s, PublishingFixture::closedPortUrl(), secretVariable, 1);
        const qint64 id = m_fixture->approvedArticle(u"آگهی مجمع عمومی"_s, u"<p>متن آگهی.</p>"_s);
        // Queued elsewhere (another desktop, the command line): F5 shows it and sends it.
        QVERIFY(publishing::Outbox(m_fixture->db())
                    .queuePublish(m_fixture->chief().user.actor(), {id})
                    .ok());
        auto shown = showPage(m_fixture->chief());
        auto *jobs = shown.page->jobs();
        auto *table = child<QTableView>(shown.page.get(), u"jobTable"_s);
        QCOMPARE(stateOf(jobs, 0), u"pending"_s);

        QTest::keyClick(table, Qt::Key_F5);
        QVERIFY(shown.runner->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(
            jobs->rowCount() == 1 && stateOf(jobs, 0) == u"failed" && !shown.runner->isRunning(),
            publishTimeoutMs);
        const auto failed = jobs->jobAt(0);
        QVERIFY(!failed->lastError.isEmpty());
        QVERIFY(failed->lastError.contains(u"پرتال خاموش"_s));
        QVERIFY(!jobs->index(0, JobListModel::Error).data().toString().isEmpty());
        QCOMPARE(jobs->index(0, JobListModel::Error).data(Qt::ToolTipRole).toString(),
            failed->lastError);
        QCOMPARE(jobs->index(0, JobListModel::Attempts).data().toString(), u"۱"_s);

        auto *retry = child<QToolButton>(shown.page.get(), u"retryJob"_s);
        auto *cancel = child<QToolButton>(shown.page.get(), u"cancelJob"_s);
        QVERIFY(!retry->isEnabled());
        table->selectionModel()->select(
            jobs->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(retry->isEnabled());
        QVERIFY(cancel->isEnabled());
        QVERIFY(!child<QToolButton>(shown.page.get(), u"resolveConflict"_s)->isEnabled());

        // Retry puts the job back in the queue and sends it at once.
        QTest::mouseClick(retry, Qt::LeftButton);
        QCOMPARE(stateOf(jobs, 0), u"pending"_s);
        QVERIFY(shown.runner->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(
            stateOf(jobs, 0) == u"failed" && !shown.runner->isRunning(), publishTimeoutMs);

        // Cancel: the job is not sent, and leaves the unfinished list.
        table->selectionModel()->select(
            jobs->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(stateOf(jobs, 0), u"cancelled"_s);
        QTest::mouseClick(
            child<QAbstractButton>(shown.page.get(), u"showFinished"_s), Qt::LeftButton);
        QCOMPARE(jobs->rowCount(), 0);
        QVERIFY(child<QLabel>(shown.page.get(), u"queueEmpty"_s)->isVisible());
    }

    void aStartDuringARunIsRunAfterwards()
    {
        test::JsonReceiver receiver(portalSecret);
        m_fixture->addJsonSite(u"پرتال تعاون"_s, receiver.url(), secretVariable);
        const accounts::Actor chief = m_fixture->chief().user.actor();
        publishing::Outbox outbox(m_fixture->db());
        const qint64 first = m_fixture->approvedArticle(u"خبر نخست"_s, u"<p>یک.</p>"_s);
        const qint64 second = m_fixture->approvedArticle(u"خبر دوم"_s, u"<p>دو.</p>"_s);
        ui::PublishRunner runner(m_fixture->db().location(), chief);
        QSignalSpy finished(&runner, &ui::PublishRunner::runFinished);
        runner.start(*outbox.queuePublish(chief, {first}));
        // Queued while the first run goes on: remembered, not dropped.
        runner.start(*outbox.queuePublish(chief, {second}));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, publishTimeoutMs);
        QVERIFY(!runner.isRunning());
        QVERIFY(receiver.items().contains(u"article-%1"_s.arg(first)));
        QVERIFY(receiver.items().contains(u"article-%1"_s.arg(second)));
        const auto summary = finished.at(1).at(0).value<publishing::RunSummary>();
        QCOMPARE(summary.done, 1);
        QVERIFY(summary.allDone());
    }

    void anEditorMayNotPublish()
    {
        m_fixture->addJsonSite(u"پرتال"_s, PublishingFixture::closedPortUrl(), secretVariable, 1);
        m_fixture->approvedArticle(u"خبر تأییدشده"_s, u"<p>متن.</p>"_s);
        auto shown = showPage(m_fixture->editor());
        for (const QString &name : {u"publishApproved"_s, u"publishDirectories"_s, u"runNow"_s}) {
            QVERIFY2(!child<QToolButton>(shown.page.get(), name)->isEnabled(), qPrintable(name));
        }
        // Forced past the disabled button, the core refuses and the page shows why.
        QString shownMessage;
        test::whenDialogOpens([&shownMessage](QWidget *box) {
            shownMessage = qobject_cast<QMessageBox *>(box)->text();
            qobject_cast<QMessageBox *>(box)->accept();
        });
        shown.page->publishApproved();
        const auto refused
            = publishing::Outbox(m_fixture->db()).queueApproved(m_fixture->editor().user.actor());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Refused);
        QCOMPARE(shownMessage, refused.errorMessage());
        QCOMPARE(shown.page->jobs()->rowCount(), 0);
        QVERIFY(!shown.runner->isRunning());
    }
};

QTEST_MAIN(TestPublishingPage)
#include "TestPublishingPage.moc"
