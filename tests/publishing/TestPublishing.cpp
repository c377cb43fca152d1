// The outbox and the publisher against a JSON portal (the receiving server
// written for the tests) on both database engines: what arrives, in which order,
// signed; conflicts; take-downs; the directories; and faults injected by the
// proxy, after which the outbox still ends all done with nothing doubled.
#include "FaultProxy.h"
#include "GeneratedIds.h"
#include "JsonReceiver.h"
#include "PublishingTestSupport.h"
#include "TestDatabase.h"
#include "accounts/AccountService.h"
#include "members/MemberService.h"
#include "newsroom/ArticleService.h"
#include "newsroom/MediaLibrary.h"
#include "publishing/Outbox.h"
#include "publishing/Publisher.h"
#include "publishing/Site.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImage>
#include <QJsonArray>
#include <QSqlRecord>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar;
using namespace daftar::publishing;
using newsroom::Article;
using newsroom::ArticleStatus;

namespace {

const QByteArray secret = "s3cret-shared-with-the-portal";

QByteArray png(const QColor &color)
{
    QImage image(320, 200, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

class TestPublishing : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<test::JsonReceiver> m_portal;
    accounts::Actor m_chief;
    accounts::Actor m_editor;
    accounts::Actor m_admin = accounts::Actor::operatingSystemUser();

    accounts::Actor addUser(const QString &name, accounts::Role role)
    {
        return test::addPublishingUser(*m_db, name, role);
    }

    Site addSite(const QString &name, const QUrl &url, int timeout = 5)
    {
        Site site;
        site.name = name;
        site.type = SiteType::Json;
        site.url = url;
        site.passwordEnv = u"DAFTAR_TEST_PORTAL_SECRET"_s;
        site.timeoutSeconds = timeout;
        auto added = SiteService(*m_db).add(m_admin, site);
        if (!added) {
            qFatal("%s", qPrintable(added.errorMessage()));
        }
        return *added;
    }

    // An approved article with a featured image and one image in the body.
    Article approvedArticle(const QString &title, const QColor &color = Qt::darkGreen)
    {
        newsroom::MediaLibrary library(*m_db);
        auto featured = library.importBytes(m_editor, png(color), u"جلسه.png"_s, u"تالار جلسه"_s);
        auto inline_ = library.importBytes(m_editor, png(color.lighter()), u"inline.png"_s);
        if (!featured || !inline_) {
            qFatal("media import failed");
        }
        Article article;
        article.title = title;
        article.lead = u"جلسهٔ هم‌اندیشی تعاونگران برگزار شد."_s;
        article.body
            = u"<p>دبیرکل «خانه تعاون» گفت: ۲۴ استان حاضر بودند.</p><p><img src=\"%1\" alt=\"x\"></p>"_s
                  .arg(newsroom::mediaUrl(inline_->id));
        article.category = u"اخبار"_s;
        article.tags = QStringList {u"تعاون"_s, u"همایش"_s};
        article.featuredImageId = featured->id;
        article.imageAlt = u"تالار جلسه"_s;
        return test::createApproved(*m_db, m_editor, m_chief, article);
    }

    RunSummary runAll()
    {
        Publisher publisher(m_testDb->location(), m_chief);
        return publisher.run();
    }

    JobState stateOf(qint64 jobId) { return Outbox(*m_db).job(m_chief, jobId)->state; }

private slots:
    void init()
    {
        qputenv("DAFTAR_TEST_PORTAL_SECRET", secret);
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        static int round = 0;
        const QString suffix = QString::number(++round);
        m_chief = addUser(u"chief"_s + suffix, accounts::Role::ChiefEditor);
        m_editor = addUser(u"editor"_s + suffix, accounts::Role::Editor);
        m_portal = std::make_unique<test::JsonReceiver>(secret);
    }

    void cleanup()
    {
        m_portal.reset();
        m_db.reset();
        m_testDb.reset();
    }

    void sitesAreValidatedAndNeedTheRight()
    {
        SiteService sites(*m_db);
        Site site;
        site.name = u"portal"_s;
        site.type = SiteType::Json;
        site.url = QUrl(u"ftp://example.org"_s);
        auto refused = sites.add(m_admin, site);
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains(u"http"_s), qPrintable(refused.errorMessage()));
        site.url = QUrl(u"https://example.org/api"_s);
        site.passwordEnv = u"not a variable"_s;
        QVERIFY(!sites.add(m_admin, site));
        site.passwordEnv = u"PORTAL_SECRET"_s;
        QCOMPARE(sites.add(m_editor, site).error().kind, Error::Kind::Refused);
        QVERIFY(sites.add(m_admin, site));
        auto again = sites.add(m_admin, site);
        QCOMPARE(again.error().kind, Error::Kind::Conflict);
        site.type = SiteType::WordPress;
        site.name = u"wp"_s;
        auto noUser = sites.add(m_admin, site);
        QVERIFY(!noUser);
        QVERIFY(noUser.errorMessage().contains(u"user"_s));
        // No secret is ever written to the database.
        auto columns = m_db->run(u"SELECT * FROM sites"_s);
        QVERIFY(columns);
        while (columns->next()) {
            for (int i = 0; i < columns->record().count(); ++i) {
                QVERIFY(!columns->value(i).toString().contains(u"s3cret"_s));
            }
        }
    }

    void testConnectionChecksTheSignature()
    {
        const Site site = addSite(u"portal"_s, m_portal->url());
        auto report = Publisher::connectionReport(site);
        QVERIFY2(report, qPrintable(report.errorMessage()));
        qputenv("DAFTAR_TEST_PORTAL_SECRET", "wrong");
        auto refused = Publisher::connectionReport(site);
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains(u"401"_s), qPrintable(refused.errorMessage()));
        QCOMPARE(m_portal->rejectedSignatures(), 1);
        qunsetenv("DAFTAR_TEST_PORTAL_SECRET");
        auto missing = Publisher::connectionReport(site);
        QVERIFY(!missing);
        QVERIFY2(missing.errorMessage().contains(u"DAFTAR_TEST_PORTAL_SECRET"_s),
            qPrintable(missing.errorMessage()));
    }

    void onlyApprovedArticlesAreQueuedAndOnlyByReviewers()
    {
        addSite(u"portal"_s, m_portal->url());
        newsroom::ArticleService articles(*m_db);
        Article draft;
        draft.title = u"پیش‌نویس"_s;
        draft.body = u"<p>متن</p>"_s;
        auto created = articles.create(m_editor, draft);
        QVERIFY(created);
        Outbox outbox(*m_db);
        auto notApproved = outbox.queuePublish(m_chief, {created->id});
        QVERIFY(!notApproved);
        QVERIFY(notApproved.errorMessage().contains(u"پیش‌نویس"_s));
        const Article approved = approvedArticle(u"خبر تأییدشده"_s);
        QCOMPARE(outbox.queuePublish(m_editor, {approved.id}).error().kind, Error::Kind::Refused);
        auto first = outbox.queuePublish(m_chief, {approved.id});
        QVERIFY(first);
        auto second = outbox.queuePublish(m_chief, {approved.id});
        QCOMPARE(*second, *first); // the waiting job is reused, never doubled
        QCOMPARE(outbox.jobs(m_chief)->size(), 1);
    }

    void publishSendsMediaFirstSignedAndRecordsWhereItIs()
    {
        addSite(u"portal"_s, m_portal->url());
        const Article article
            = approvedArticle(u"نشست هم‌اندیشی تعاونگران"_s);
        Outbox outbox(*m_db);
        auto jobs = outbox.queuePublish(m_chief, {article.id});
        QVERIFY(jobs);
        const RunSummary summary = runAll();
        QVERIFY2(summary.allDone(), qPrintable(summary.errors.join(u'\n')));
        QCOMPARE(summary.done, 1);
        QCOMPARE(stateOf(jobs->first()), JobState::Done);

        const auto items = m_portal->items();
        const QString key = u"article-%1"_s.arg(article.id);
        QVERIFY(items.contains(key));
        const QJsonObject document = items[key].document;
        QCOMPARE(document[u"title"_s].toString(), article.title);
        QCOMPARE(document[u"lead"_s].toString(), article.lead);
        QCOMPARE(document[u"category"_s].toString(), u"اخبار"_s);
        QCOMPARE(document[u"tags"_s].toArray().size(), 2);
        QCOMPARE(document[u"status"_s].toString(), u"published"_s);
        QVERIFY(!document[u"body_html"_s].toString().contains(u"daftar-media:"_s));
        QVERIFY(document[u"body_html"_s].toString().contains(u"«خانه تعاون»"_s));
        QCOMPARE(document[u"featured_image"_s][u"alt"_s].toString(), u"تالار جلسه"_s);
        QCOMPARE(m_portal->media().size(), 2); // the receiver refuses items before their media
        QCOMPARE(m_portal->rejectedSignatures(), 0);

        auto where = outbox.publications(m_chief, article.id);
        QCOMPARE(where->size(), 1);
        QVERIFY(where->first().live);
        QVERIFY(!where->first().changedSince);
        QVERIFY(where->first().url.isValid());
        // The newsroom shows it as published now.
        QCOMPARE(newsroom::ArticleService(*m_db).get(m_chief, article.id)->status,
            ArticleStatus::Published);

        // A second run sends nothing: queueApproved sees it is in sync.
        QCOMPARE(outbox.queueApproved(m_chief)->size(), 0);
        // An edit makes it "changed since" until it is pushed again; media are not sent twice.
        Article edited = *newsroom::ArticleService(*m_db).get(m_chief, article.id);
        edited.title = u"نشست هم‌اندیشی تعاونگران در تهران"_s;
        auto saved = newsroom::ArticleService(*m_db).save(m_chief, edited);
        QVERIFY2(saved, qPrintable(saved.errorMessage()));
        QVERIFY(outbox.publications(m_chief, article.id)->first().changedSince);
        QVERIFY(outbox.queuePublish(m_chief, {article.id}));
        QVERIFY(runAll().allDone());
        QCOMPARE(m_portal->items()[key].document[u"title"_s].toString(), edited.title);
        QCOMPARE(m_portal->items()[key].puts, 2);
        QCOMPARE(m_portal->media().size(), 2);
        QVERIFY(!outbox.publications(m_chief, article.id)->first().changedSince);
    }

    void aChangeOnThePortalIsNotOverwrittenSilently()
    {
        addSite(u"portal"_s, m_portal->url());
        const Article article = approvedArticle(u"خبر اول"_s);
        Outbox outbox(*m_db);
        QVERIFY(outbox.queuePublish(m_chief, {article.id}));
        QVERIFY(runAll().allDone());
        const QString key = u"article-%1"_s.arg(article.id);
        m_portal->editOnPortal(key, u"عنوانی که روی سایت عوض شد"_s);

        auto jobs = outbox.queuePublish(m_chief, {article.id});
        const RunSummary held = runAll();
        QCOMPARE(held.conflicts, 1);
        QCOMPARE(stateOf(jobs->first()), JobState::Conflict);
        QCOMPARE(
            m_portal->items()[key].document[u"title"_s].toString(), u"عنوانی که روی سایت عوض شد"_s);
        auto conflict = outbox.conflict(m_chief, jobs->first());
        QVERIFY(conflict);
        QCOMPARE(conflict->siteTitle, u"عنوانی که روی سایت عوض شد"_s);
        QCOMPARE(conflict->ourTitle, article.title);

        // An editor may not choose; keeping the site's version ends the job.
        QVERIFY(!outbox.resolveConflict(m_editor, jobs->first(), ConflictChoice::KeepSite));
        QVERIFY(outbox.resolveConflict(m_chief, jobs->first(), ConflictChoice::KeepSite));
        QCOMPARE(stateOf(jobs->first()), JobState::Cancelled);

        // Next time the chief editor overwrites.
        m_portal->editOnPortal(key, u"باز هم تغییر"_s);
        jobs = outbox.queuePublish(m_chief, {article.id});
        QCOMPARE(runAll().conflicts, 1);
        QVERIFY(outbox.resolveConflict(m_chief, jobs->first(), ConflictChoice::OverwriteSite));
        QVERIFY(runAll().allDone());
        QCOMPARE(m_portal->items()[key].document[u"title"_s].toString(), article.title);
    }

    void unpublishAndExpiredAnnouncementsAreTakenDown()
    {
        addSite(u"portal"_s, m_portal->url());
        const Article article = approvedArticle(u"خبری که برداشته می‌شود"_s);
        newsroom::ArticleService articles(*m_db);
        Article announcement = approvedArticle(u"آگهی مجمع"_s, Qt::darkRed);
        announcement = *articles.get(m_chief, announcement.id);
        Outbox outbox(*m_db);
        QVERIFY(outbox.queuePublish(m_chief, {article.id, announcement.id}));
        QVERIFY(runAll().allDone());
        QCOMPARE(m_portal->items().size(), 2);

        QVERIFY(outbox.queueUnpublish(m_chief, article.id));
        QVERIFY(runAll().allDone());
        QCOMPARE(m_portal->deleted(), QList<QString> {u"article-%1"_s.arg(article.id)});
        QCOMPARE(articles.get(m_chief, article.id)->status, ArticleStatus::Unpublished);
        QVERIFY(!outbox.publications(m_chief, article.id)->first().live);
        QVERIFY(!outbox.queueUnpublish(m_chief, article.id)); // nothing left to take down

        // The announcement's last day passed: any run takes it down.
        QVERIFY(m_db->run(
            u"UPDATE articles SET kind = 'announcement', publish_until = ? WHERE id = ?"_s,
            {QDate::currentDate().addDays(-1).toString(Qt::ISODate), announcement.id}));
        QVERIFY(runAll().allDone());
        QCOMPARE(m_portal->deleted().size(), 2);
        QCOMPARE(m_portal->items().size(), 0);
    }

    void directoriesShowOnlyWhatMembersConsentedTo()
    {
        addSite(u"portal"_s, m_portal->url());
        members::MemberService members(*m_db);
        members::Member shown;
        shown.kind = members::MemberKind::Person;
        shown.firstName = u"مریم"_s;
        shown.lastName = u"احمدی"_s;
        shown.nationalId = test::nationalCode(1234567);
        shown.province = u"IR-23"_s;
        shown.city = u"تهران"_s;
        shown.mobile = u"09121111111"_s;
        shown.email = u"maryam@example.org"_s;
        shown.directoryConsent = true;
        shown.directoryFields = {u"name"_s, u"city"_s};
        members::Member hidden = shown;
        hidden.firstName = u"رضا"_s;
        hidden.nationalId = test::nationalCode(7654321);
        hidden.mobile = u"09122222222"_s;
        hidden.directoryConsent = false;
        auto a = members.create(m_admin, shown);
        QVERIFY2(a, qPrintable(a.errorMessage()));
        QVERIFY(members.create(m_admin, hidden));

        Outbox outbox(*m_db);
        auto jobs = outbox.queueDirectories(m_chief);
        QVERIFY(jobs);
        QCOMPARE(jobs->size(), 2);
        QVERIFY(runAll().allDone());
        const QString page
            = m_portal->items()[u"page-members-fa"_s].document[u"body_html"_s].toString();
        QVERIFY(page.contains(u"مریم احمدی"_s));
        QVERIFY(page.contains(u"تهران"_s));
        QVERIFY2(!page.contains(u"رضا احمدی"_s), qPrintable(page));
        QVERIFY(!page.contains(u"maryam@example.org"_s)); // e-mail not consented
        QVERIFY(!page.contains(u"۹۱۲"_s) && !page.contains(u"912"_s)); // nor the mobile
        QVERIFY(!page.contains(a->nationalId) && !page.contains(u"۱۲۳۴۵۶۷"_s));
        QVERIFY(m_portal->items().contains(u"page-branches-fa"_s));
    }

    void faultsEndAllDoneWithNothingDoubled()
    {
        test::FaultProxy proxy(m_portal->url());
        QUrl through = proxy.url();
        through.setPath(m_portal->url().path());
        addSite(u"portal"_s, through, 1);
        QList<qint64> ids;
        for (int i = 0; i < 4; ++i) {
            ids << approvedArticle(u"خبر شماره %1"_s.arg(i + 1), QColor::fromHsv(i * 60, 200, 200))
                       .id;
        }
        using Action = test::FaultProxy::Action;
        const QRegularExpression items(u"/v1/items/"_s);
        const QRegularExpression media(u"/v1/media/"_s);
        proxy.addFault({"PUT", items, 0, 2, Action::DropAfterForward});
        proxy.addFault({"PUT", media, 0, 2, Action::DropBeforeForward});
        proxy.addFault({"PUT", items, 0, 1, Action::Respond, 0, 500, R"({"message":"busy"})"});
        proxy.addFault({"PUT", items, 0, 1, Action::Respond, 0, 429, {}, {{"Retry-After", "1"}}});
        proxy.addFault({"PUT", media, 0, 1, Action::Delay, 2500});
        Outbox outbox(*m_db);
        QVERIFY(outbox.queuePublish(m_chief, ids));
        const RunSummary summary = runAll();
        QVERIFY2(summary.allDone(), qPrintable(summary.errors.join(u'\n')));
        QCOMPARE(summary.done, 4);
        QCOMPARE(m_portal->items().size(), 4);
        QCOMPARE(m_portal->media().size(), 8);
        bool sawFaults = false;
        for (const auto &seen : proxy.seen()) {
            sawFaults = sawFaults || seen.action != Action::Forward;
        }
        QVERIFY(sawFaults);
    }

    void refusalsAreNotRetriedAndShowTheSitesMessage()
    {
        test::FaultProxy proxy(m_portal->url());
        QUrl through = proxy.url();
        through.setPath(m_portal->url().path());
        addSite(u"portal"_s, through, 2);
        const Article article = approvedArticle(u"خبر ردشده"_s);
        using Action = test::FaultProxy::Action;
        proxy.addFault({"PUT", QRegularExpression(u"/v1/items/"_s), 0, -1, Action::Respond, 0, 403,
            R"({"message":"This portal does not accept news on Fridays"})"});
        Outbox outbox(*m_db);
        auto jobs = outbox.queuePublish(m_chief, {article.id});
        const RunSummary summary = runAll();
        QCOMPARE(summary.failed, 1);
        auto job = outbox.job(m_chief, jobs->first());
        QCOMPARE(job->state, JobState::Failed);
        QVERIFY(!job->retryable);
        QVERIFY2(job->lastError.contains(u"does not accept news on Fridays"_s),
            qPrintable(job->lastError));
        int puts = 0;
        for (const auto &seen : proxy.seen()) {
            puts += seen.method == "PUT" && seen.target.contains("/v1/items/") ? 1 : 0;
        }
        QCOMPARE(puts, 1);
        // It is not picked up again by itself; Retry brings it back.
        QVERIFY(!outbox.runnableJobs()->contains(jobs->first()));
        proxy.clearFaults();
        QVERIFY(outbox.retry(m_chief, jobs->first()));
        QVERIFY(runAll().allDone());
    }

    void anUnreachableSiteFailsRetryablyWithoutBlockingOthers()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 closed = probe.serverPort();
        probe.close();
        addSite(u"down"_s, QUrl(u"http://127.0.0.1:%1/api"_s.arg(closed)), 1);
        addSite(u"portal"_s, m_portal->url());
        const Article article = approvedArticle(u"خبر دو سایت"_s);
        Outbox outbox(*m_db);
        auto jobs = outbox.queuePublish(m_chief, {article.id});
        QCOMPARE(jobs->size(), 2);
        const RunSummary summary = runAll();
        QCOMPARE(summary.done, 1);
        QCOMPARE(summary.failed, 1);
        bool failedRetryably = false;
        for (qint64 id : *jobs) {
            auto job = outbox.job(m_chief, id);
            if (job->state == JobState::Failed) {
                failedRetryably
                    = job->retryable && job->nextAttemptAt > QDateTime::currentDateTimeUtc();
                QVERIFY2(job->lastError.contains(u"down"_s), qPrintable(job->lastError));
            }
        }
        QVERIFY(failedRetryably);
        QCOMPARE(m_portal->items().size(), 1);
    }

    void aCrashedRunIsFinishedByTheNext()
    {
        addSite(u"portal"_s, m_portal->url());
        const Article article = approvedArticle(u"خبر نیمه‌کاره"_s);
        Outbox outbox(*m_db);
        auto jobs = outbox.queuePublish(m_chief, {article.id});
        // A process that died while running it: claimed by a pid that is gone.
        QVERIFY(
            m_db->run(u"UPDATE publish_jobs SET state = 'running', claimed_by = ? WHERE id = ?"_s,
                {Outbox::processKey().section(u':', 0, -2) + u":999999"_s, jobs->first()}));
        QVERIFY(m_db->run(u"INSERT INTO publications (site_id, entity, entity_id, sending_since) "
                          "SELECT site_id, 'article', entity_id, '2026-01-01T00:00:00.000Z' "
                          "FROM publish_jobs WHERE id = ?"_s,
            {jobs->first()}));
        QVERIFY(outbox.runnableJobs()->contains(jobs->first()));
        // A job this very process holds is not taken twice.
        QVERIFY(m_db->run(u"UPDATE publish_jobs SET claimed_by = ? WHERE id = ?"_s,
            {Outbox::processKey(), jobs->first()}));
        QVERIFY(!outbox.runnableJobs()->contains(jobs->first()));
        QVERIFY(m_db->run(u"UPDATE publish_jobs SET claimed_by = ? WHERE id = ?"_s,
            {Outbox::processKey().section(u':', 0, -2) + u":999999"_s, jobs->first()}));
        QVERIFY(runAll().allDone());
        QCOMPARE(m_portal->items().size(), 1);
        QCOMPARE(m_portal->items().first().puts, 1);
    }
};

QTEST_GUILESS_MAIN(TestPublishing)
#include "TestPublishing.moc"
