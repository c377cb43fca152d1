// Someone edits a post on the portal after Daftar sent it, and Daftar has a
// newer revision: the job stops in conflict, the dialog shows both versions,
// "Keep the site's version" leaves the portal alone, and "Overwrite" (from the
// publishing page, by double-clicking the conflict) sends Daftar's version.
#include "JsonReceiver.h"
#include "PublishingFixture.h"
#include "WidgetTesting.h"
#include "publishing/ConflictDialog.h"
#include "publishing/JobListModel.h"
#include "publishing/Outbox.h"
#include "publishing/PublishRunner.h"
#include "publishing/PublishingPage.h"
#include "shell/Application.h"
#include "shell/Language.h"

#include <QAbstractButton>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using namespace daftar;
using daftar::test::child;
using daftar::test::PublishingFixture;
using publishing::JobState;

namespace {

const QByteArray portalSecret = "portal-secret-1403";
const auto secretVariable = "DAFTAR_TEST_PORTAL_SECRET"_L1;
constexpr int publishTimeoutMs = 30000;

} // namespace

class TestConflictDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<PublishingFixture> m_fixture;
    std::unique_ptr<test::JsonReceiver> m_receiver;
    std::unique_ptr<ui::PublishRunner> m_runner;
    qint64 m_articleId = 0;

    accounts::Actor chief() const { return m_fixture->chief().user.actor(); }
    QString itemId() const { return u"article-%1"_s.arg(m_articleId); }

    // Queues the article and runs the queue to the end; returns the job.
    publishing::Job publish()
    {
        publishing::Outbox outbox(m_fixture->db());
        auto jobs = outbox.queuePublish(chief(), {m_articleId});
        if (!jobs || jobs->size() != 1) {
            qWarning("queueing failed: %s", qPrintable(jobs.errorMessage()));
            return {};
        }
        QSignalSpy finished(m_runner.get(), &ui::PublishRunner::runFinished);
        m_runner->start(*jobs);
        if (!finished.wait(publishTimeoutMs)) {
            qWarning("the run did not finish");
        }
        return outbox.job(chief(), jobs->constFirst()).value();
    }

    void saveTitleInDaftar(const QString &title)
    {
        newsroom::ArticleService articles(m_fixture->db());
        newsroom::Article article = articles.get(chief(), m_articleId).value();
        article.title = title;
        if (auto saved = articles.save(chief(), article); !saved) {
            qWarning("%s", qPrintable(saved.errorMessage()));
        }
    }

    QString portalTitle() const
    {
        return m_receiver->items().value(itemId()).document.value(u"title"_s).toString();
    }

    // Sent once, changed on the portal and in Daftar, sent again: in conflict.
    publishing::Job makeConflict(const QString &onPortal, const QString &inDaftar)
    {
        m_receiver->editOnPortal(itemId(), onPortal);
        saveTitleInDaftar(inDaftar);
        return publish();
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
        m_receiver = std::make_unique<test::JsonReceiver>(portalSecret);
        m_fixture->addJsonSite(u"پرتال تعاون"_s, m_receiver->url(), secretVariable);
        m_runner = std::make_unique<ui::PublishRunner>(m_fixture->db().location(), chief());
        m_articleId = m_fixture->approvedArticle(
            u"برگزاری مجمع عمومی اتحادیه"_s, u"<p>مجمع عمومی اتحادیه برگزار شد.</p>"_s);
        const publishing::Job first = publish();
        QCOMPARE(first.state, JobState::Done);
    }

    void cleanup()
    {
        m_runner.reset();
        m_receiver.reset();
        m_fixture.reset();
    }

    void keepingTheSiteVersionLeavesThePortalAlone()
    {
        const publishing::Job job = makeConflict(
            u"عنوان ویرایش‌شده روی پرتال"_s, u"عنوان تازه در دفتر"_s);
        QCOMPARE(job.state, JobState::Conflict);

        ui::ConflictDialog dialog(m_fixture->chief(), job.id);
        dialog.show();
        QVERIFY(dialog.isLoaded());
        QCOMPARE(child<QLabel>(&dialog, u"siteTitle"_s)->text(),
            u"عنوان ویرایش‌شده روی پرتال"_s);
        QCOMPARE(child<QLabel>(&dialog, u"ourTitle"_s)->text(), u"عنوان تازه در دفتر"_s);
        QVERIFY(child<QTextBrowser>(&dialog, u"siteContent"_s)
                    ->toPlainText()
                    .contains(u"مجمع عمومی اتحادیه برگزار شد"_s));
        QVERIFY(child<QTextBrowser>(&dialog, u"ourContent"_s)
                    ->toPlainText()
                    .contains(u"مجمع عمومی اتحادیه برگزار شد"_s));
        QVERIFY(
            child<QLabel>(&dialog, u"conflictExplanation"_s)->text().contains(u"پرتال تعاون"_s));
        // When the site changed it, in Jalali with Persian digits.
        QVERIFY(test::hasPersianDigit(child<QLabel>(&dialog, u"siteModified"_s)->text()));
        // Enter does not overwrite anybody's work.
        QVERIFY(!child<QPushButton>(&dialog, u"overwriteSite"_s)->isDefault());

        QTest::mouseClick(child<QAbstractButton>(&dialog, u"keepSite"_s), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.choice(), publishing::ConflictChoice::KeepSite);
        const auto after = publishing::Outbox(m_fixture->db()).job(chief(), job.id);
        QVERIFY(after->state == JobState::Cancelled || after->state == JobState::Done);
        QCOMPARE(portalTitle(), u"عنوان ویرایش‌شده روی پرتال"_s);
    }

    void overwritingFromThePageSendsDaftarsVersion()
    {
        const publishing::Job job = makeConflict(u"ویرایش پرتال"_s, u"عنوان دفتر"_s);
        QCOMPARE(job.state, JobState::Conflict);

        ui::PublishingPage page(m_fixture->chief(), *m_runner);
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *table = child<QTableView>(&page, u"jobTable"_s);
        const int row = page.jobs()->rowOf(job.id);
        QVERIFY(row >= 0);
        QCOMPARE(page.jobs()
                     ->index(row, ui::JobListModel::State)
                     .data(ui::JobListModel::StateIdRole)
                     .toString(),
            u"conflict"_s);

        bool sawBothTitles = false;
        test::whenDialogOpens([&sawBothTitles](QWidget *opened) {
            auto *dialog = qobject_cast<ui::ConflictDialog *>(opened);
            QVERIFY(dialog);
            sawBothTitles = child<QLabel>(dialog, u"siteTitle"_s)->text() == u"ویرایش پرتال"_s
                && child<QLabel>(dialog, u"ourTitle"_s)->text() == u"عنوان دفتر"_s;
            QTest::mouseClick(child<QAbstractButton>(dialog, u"overwriteSite"_s), Qt::LeftButton);
        });
        const QRect cell = table->visualRect(page.jobs()->index(row, ui::JobListModel::Item));
        // A double click is a click, then a second press that the system reports as double.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY(sawBothTitles);
        QTRY_VERIFY_WITH_TIMEOUT(page.jobs()
                                     ->index(page.jobs()->rowOf(job.id), ui::JobListModel::State)
                                     .data(ui::JobListModel::StateIdRole)
                                     .toString()
                == u"done"_s,
            publishTimeoutMs);
        QCOMPARE(portalTitle(), u"عنوان دفتر"_s);
    }

    void onlyAReviewerDecides()
    {
        const publishing::Job job = makeConflict(u"ویرایش پرتال"_s, u"عنوان دفتر"_s);
        ui::ConflictDialog dialog(m_fixture->editor(), job.id);
        QVERIFY(dialog.isLoaded());
        QVERIFY(!child<QAbstractButton>(&dialog, u"overwriteSite"_s)->isEnabled());
        QVERIFY(!child<QAbstractButton>(&dialog, u"keepSite"_s)->isEnabled());
        QVERIFY(child<QLabel>(&dialog, u"message"_s)->isVisibleTo(&dialog));
        // A job that is not in conflict has nothing to compare.
        ui::ConflictDialog none(m_fixture->chief(), job.id + 1000);
        QVERIFY(!none.isLoaded());
        QVERIFY(!none.errorMessage().isEmpty());
    }
};

QTEST_MAIN(TestConflictDialog)
#include "TestConflictDialog.moc"
