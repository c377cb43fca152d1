// Publishing to a real WordPress (started by the test command: the "wordpress"
// fixture): the seed article with an image and a Persian category, read back
// over the REST API with context=edit; update, conflict, schedule, take-down;
// and daftar-cli killed at each step of a publish, after which the next run
// leaves exactly one post — also with a proxy dropping, delaying and refusing
// requests on the way.
#include "FaultProxy.h"
#include "PublishingTestSupport.h"
#include "SeedArticle.h"
#include "TestDatabase.h"
#include "WordPressSite.h"
#include "accounts/AccountService.h"
#include "newsroom/ArticleService.h"
#include "newsroom/MediaLibrary.h"
#include "publishing/Outbox.h"
#include "publishing/Publisher.h"
#include "publishing/Site.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar;
using namespace daftar::publishing;
using newsroom::Article;
using newsroom::ArticleStatus;
using Action = test::FaultProxy::Action;

namespace {

QByteArray jpeg(int seed)
{
    QImage image(640, 400, QImage::Format_RGB32);
    QRandomGenerator random(quint32(seed) + 7u);
    QPainter painter(&image);
    for (int i = 0; i < 200; ++i) {
        painter.fillRect(random.bounded(640), random.bounded(400), 60, 40,
            QColor::fromRgb(random.generate() | 0xff000000u));
    }
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 85);
    return bytes;
}

// A route pattern for the proxy: Qt may or may not percent-encode the slashes.
QRegularExpression routeOf(const QString &path)
{
    QString pattern = QRegularExpression::escape(path);
    pattern.replace(u"\\/"_s, u"(/|%2F)"_s);
    return QRegularExpression(u"rest_route="_s + pattern + u"($|&)"_s);
}

} // namespace

class TestWordPressPublishing : public QObject
{
    Q_OBJECT

    std::optional<test::WordPressSite> m_wp;
    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    accounts::Actor m_chief;
    accounts::Actor m_editor;
    accounts::Actor m_admin = accounts::Actor::operatingSystemUser();
    int m_round = 0;

    accounts::Actor addUser(const QString &name, accounts::Role role)
    {
        return test::addPublishingUser(*m_db, name, role);
    }

    Site addSite(const QUrl &url, int timeout = 10)
    {
        Site site;
        site.name = u"main"_s;
        site.type = SiteType::WordPress;
        site.url = url;
        site.user = m_wp->user;
        site.passwordEnv = u"DAFTAR_TEST_WP_PASSWORD"_s;
        site.timeoutSeconds = timeout;
        auto added = SiteService(*m_db).add(m_admin, site);
        if (!added) {
            qFatal("%s", qPrintable(added.errorMessage()));
        }
        return *added;
    }

    // The seed article, approved, with a featured image and a Persian category.
    Article seed(const QString &titleSuffix = {})
    {
        Article article
            = test::seedArticle(test::seedArticlePath(qEnvironmentVariable("DAFTAR_TEST_DATA")));
        article.title += titleSuffix;
        article.category = u"آگهی"_s;
        article.tags = QStringList {u"تعاون"_s, u"برنامه اقدام"_s};
        auto image = newsroom::MediaLibrary(*m_db).importBytes(
            m_editor, jpeg(++m_round), u"دبیرکل.jpg"_s, u"دبیرکل خانه تعاونگران"_s);
        if (!image) {
            qFatal("%s", qPrintable(image.errorMessage()));
        }
        article.featuredImageId = image->id;
        article.imageAlt = u"دبیرکل خانه تعاونگران در جلسه"_s;
        return test::createApproved(*m_db, m_editor, m_chief, article);
    }

    RunSummary runAll() { return Publisher(m_testDb->location(), m_chief).run(); }

    int count(const QString &collection)
    {
        const QString states = collection == "media"_L1 ? u"inherit,private"_s
                                                        : u"publish,future,draft,pending,private"_s;
        const auto reply
            = m_wp->get(u"/wp/v2/%1?status=%2&per_page=100&context=edit"_s.arg(collection, states));
        if (reply.status != 200) {
            qWarning() << "listing" << collection << reply.status << reply.body;
        }
        return int(reply.json.array().size());
    }

    struct Cli
    {
        int exitCode = -1;
        QProcess::ExitStatus status = QProcess::NormalExit;
        QString out;
        QString err;
    };

    Cli cli(const QStringList &arguments, test::FaultProxy *killer = nullptr,
        test::FaultProxy::Fault fault = {})
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"DAFTAR_TEST_WP_PASSWORD"_s, m_wp->password);
        environment.remove(u"DAFTAR_DB"_s);
        process.setProcessEnvironment(environment);
        process.start(
            QStringLiteral(DAFTAR_CLI_PATH), QStringList {u"--db"_s, m_testDb->url()} + arguments);
        if (!process.waitForStarted()) {
            return {};
        }
        if (killer) {
            fault.pid = process.processId();
            killer->addFault(fault);
        }
        if (!process.waitForFinished(120000)) {
            process.kill();
            process.waitForFinished();
            return {};
        }
        return {process.exitCode(), process.exitStatus(),
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
    }

private slots:
    void initTestCase()
    {
        QString why;
        m_wp = test::WordPressSite::fromEnvironment(&why);
        if (!m_wp) {
            QFAIL(qPrintable(why));
        }
        qputenv("DAFTAR_TEST_WP_PASSWORD", m_wp->password.toUtf8());
    }

    void init()
    {
        m_wp->reset();
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        const QString suffix = QString::number(++m_round);
        m_chief = addUser(u"chief"_s + suffix, accounts::Role::ChiefEditor);
        m_editor = addUser(u"editor"_s + suffix, accounts::Role::Editor);
    }

    void cleanup()
    {
        m_db.reset();
        m_testDb.reset();
    }

    void checkConnectionUsesTheAuthenticatedEndpoint()
    {
        Site site = addSite(QUrl(m_wp->url));
        auto report = Publisher::connectionReport(site);
        QVERIFY2(report, qPrintable(report.errorMessage()));
        QVERIFY2(report->contains(u"editor"_s), qPrintable(*report));
        // A public GET would succeed with a wrong password; the check must not.
        qputenv("DAFTAR_TEST_WP_PASSWORD", "abcd efgh ijkl mnop qrst uvwx");
        auto refused = Publisher::connectionReport(site);
        qputenv("DAFTAR_TEST_WP_PASSWORD", m_wp->password.toUtf8());
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains(u"401"_s), qPrintable(refused.errorMessage()));
        QVERIFY(refused.errorMessage().contains(u"Application Password"_s));
        // daftar-cli sites check says the same, with its exit codes.
        const Cli good = cli({u"sites"_s, u"check"_s, u"main"_s});
        QCOMPARE(good.exitCode, 0);
        QVERIFY2(good.out.contains(u"editor"_s), qPrintable(good.out));
    }

    void theSeedArticleArrivesWholeThenUpdatesThenGoesBackToDraft()
    {
        addSite(QUrl(m_wp->url));
        const Article article = seed();
        Outbox outbox(*m_db);
        QVERIFY(outbox.queuePublish(m_chief, {article.id}));
        const RunSummary summary = runAll();
        QVERIFY2(summary.allDone(), qPrintable(summary.errors.join(u'\n')));

        auto where = outbox.publications(m_chief, article.id);
        QCOMPARE(where->size(), 1);
        const QString postId = where->first().remoteId;
        const auto post = m_wp->get(u"/wp/v2/posts/%1?context=edit"_s.arg(postId)).json.object();
        QCOMPARE(post[u"status"_s].toString(), u"publish"_s);
        QCOMPARE(post[u"title"_s][u"raw"_s].toString(), article.title);
        QCOMPARE(post[u"excerpt"_s][u"raw"_s].toString(), article.lead);
        const QString content = post[u"content"_s][u"raw"_s].toString();
        QCOMPARE(content, article.body); // byte for byte: ZWNJ, Persian digits, «»
        QCOMPARE(QUrl::fromPercentEncoding(post[u"slug"_s].toString().toUtf8()), article.slug);
        QCOMPARE(QUrl(post[u"link"_s].toString()), where->first().url);
        const auto categories = post[u"categories"_s].toArray();
        QCOMPARE(categories.size(), 1);
        const auto category
            = m_wp->get(u"/wp/v2/categories/%1"_s.arg(categories[0].toInteger())).json.object();
        QCOMPARE(category[u"name"_s].toString(), u"آگهی"_s);
        QCOMPARE(post[u"tags"_s].toArray().size(), 2);
        const auto media = m_wp->get(u"/wp/v2/media/%1?context=edit"_s.arg(
                                         post[u"featured_media"_s].toInteger()))
                               .json.object();
        QCOMPARE(media[u"alt_text"_s].toString(), article.imageAlt);
        QVERIFY(media[u"source_url"_s].toString().endsWith(u".jpg"_s));
        QCOMPARE(newsroom::ArticleService(*m_db).get(m_chief, article.id)->status,
            ArticleStatus::Published);

        // The chief editor corrects the title: the same post changes.
        newsroom::ArticleService articles(*m_db);
        Article edited = *articles.get(m_chief, article.id);
        edited.title += u" (ویرایش)"_s;
        QVERIFY(articles.save(m_chief, edited));
        QVERIFY(outbox.publications(m_chief, article.id)->first().changedSince);
        QVERIFY(outbox.queuePublish(m_chief, {article.id}));
        QVERIFY(runAll().allDone());
        QCOMPARE(count(u"posts"_s), 1);
        QCOMPARE(count(u"media"_s), 1);
        const auto updated = m_wp->get(u"/wp/v2/posts/%1?context=edit"_s.arg(postId)).json.object();
        QCOMPARE(updated[u"title"_s][u"raw"_s].toString(), edited.title);
        QVERIFY(!outbox.publications(m_chief, article.id)->first().changedSince);

        // Unpublish (the site's setting: back to draft) through daftar-cli.
        const Cli down = cli({u"unpublish"_s, QString::number(article.id)});
        QVERIFY2(down.exitCode == 0, qPrintable(down.err));
        const auto drafted = m_wp->get(u"/wp/v2/posts/%1?context=edit"_s.arg(postId)).json.object();
        QCOMPARE(drafted[u"status"_s].toString(), u"draft"_s);
        QCOMPARE(articles.get(m_chief, article.id)->status, ArticleStatus::Unpublished);
    }

    void scheduledArticlesGoAsFuturePosts()
    {
        addSite(QUrl(m_wp->url));
        Article article = seed(u" — زمان‌بندی"_s);
        newsroom::ArticleService articles(*m_db);
        const QDateTime when = QDateTime::currentDateTimeUtc().addDays(3).addMSecs(
            -QDateTime::currentDateTimeUtc().time().msec());
        auto scheduled
            = articles.setStatus(m_chief, article.id, ArticleStatus::Scheduled, {}, when);
        QVERIFY2(scheduled, qPrintable(scheduled.errorMessage()));
        QVERIFY(Outbox(*m_db).queuePublish(m_chief, {article.id}));
        QVERIFY(runAll().allDone());
        const auto posts = m_wp->get(u"/wp/v2/posts?status=future&context=edit"_s).json.array();
        QCOMPARE(posts.size(), 1);
        QCOMPARE(posts[0][u"date_gmt"_s].toString(), when.toString(u"yyyy-MM-ddTHH:mm:ss"_s));
    }

    void aChangeOnTheSiteIsShownNotOverwritten()
    {
        addSite(QUrl(m_wp->url));
        const Article article = seed();
        Outbox outbox(*m_db);
        QVERIFY(outbox.queuePublish(m_chief, {article.id}));
        QVERIFY(runAll().allDone());
        const QString postId = outbox.publications(m_chief, article.id)->first().remoteId;
        QTest::qWait(1100); // modified_gmt has a resolution of one second
        QCOMPARE(m_wp->post(u"/wp/v2/posts/"_s + postId,
                         {{u"title"_s, u"عنوان ویرایش‌شده روی سایت"_s}})
                     .status,
            200);

        auto jobs = outbox.queuePublish(m_chief, {article.id});
        const Cli held = cli({u"publish"_s, u"--run"_s});
        QCOMPARE(held.exitCode, 3);
        QCOMPARE(outbox.job(m_chief, jobs->first())->state, JobState::Conflict);
        auto conflict = outbox.conflict(m_chief, jobs->first());
        QCOMPARE(conflict->siteTitle, u"عنوان ویرایش‌شده روی سایت"_s);
        QCOMPARE(conflict->ourTitle, article.title);
        QVERIFY(outbox.resolveConflict(m_chief, jobs->first(), ConflictChoice::OverwriteSite));
        QVERIFY(runAll().allDone());
        const auto post = m_wp->get(u"/wp/v2/posts/%1?context=edit"_s.arg(postId)).json.object();
        QCOMPARE(post[u"title"_s][u"raw"_s].toString(), article.title);
        QCOMPARE(count(u"posts"_s), 1);
    }

    void killedAtEachStepTheNextRunLeavesOnePost_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("route");
        QTest::addColumn<int>("action");
        QTest::newRow("before the image is sent")
            << QByteArray("POST") << u"/wp/v2/media"_s << int(Action::KillBeforeForward);
        QTest::newRow("image sent, answer lost")
            << QByteArray("POST") << u"/wp/v2/media"_s << int(Action::KillAfterForward);
        QTest::newRow("between the image and the post")
            << QByteArray("POST") << u"/wp/v2/categories"_s << int(Action::KillBeforeForward);
        QTest::newRow("before the post is sent")
            << QByteArray("POST") << u"/wp/v2/posts"_s << int(Action::KillBeforeForward);
        QTest::newRow("post sent, answer lost")
            << QByteArray("POST") << u"/wp/v2/posts"_s << int(Action::KillAfterForward);
    }

    void killedAtEachStepTheNextRunLeavesOnePost()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, route);
        QFETCH(int, action);
        test::FaultProxy proxy(QUrl(m_wp->url));
        addSite(proxy.url());
        const Article article = seed();
        test::FaultProxy::Fault fault;
        fault.method = method;
        fault.path = routeOf(route);
        fault.times = -1;
        fault.action = Action(action);
        const Cli killed = cli({u"publish"_s, QString::number(article.id)}, &proxy, fault);
        QCOMPARE(killed.status, QProcess::CrashExit);
        proxy.clearFaults();

        const Cli again = cli({u"publish"_s, u"--run"_s});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(count(u"posts"_s), 1);
        QCOMPARE(count(u"media"_s), 1);
        const auto posts = m_wp->get(u"/wp/v2/posts?context=edit"_s).json.array();
        QCOMPARE(posts[0][u"title"_s][u"raw"_s].toString(), article.title);
        QCOMPARE(posts[0][u"content"_s][u"raw"_s].toString(), article.body);
        QVERIFY(posts[0][u"featured_media"_s].toInteger() > 0);
        auto jobs = Outbox(*m_db).jobs(m_chief);
        QCOMPARE(jobs->first().state, JobState::Done);
    }

    void droppedSlowAndRefusedRequestsStillEndAllDoneWithoutCopies()
    {
        test::FaultProxy proxy(QUrl(m_wp->url));
        addSite(proxy.url(), 3);
        QList<qint64> ids;
        for (int i = 1; i <= 3; ++i) {
            ids << seed(u" — شماره %1"_s.arg(i)).id;
        }
        proxy.addFault({"POST", routeOf(u"/wp/v2/posts"_s), 0, 2, Action::DropAfterForward});
        proxy.addFault({"POST", routeOf(u"/wp/v2/media"_s), 0, 2, Action::DropBeforeForward});
        proxy.addFault({"POST", routeOf(u"/wp/v2/posts"_s), 0, 1, Action::Respond, 0, 500,
            R"({"code":"internal","message":"Database went away"})"});
        proxy.addFault({"POST", routeOf(u"/wp/v2/media"_s), 0, 1, Action::Respond, 0, 429, {},
            {{"Retry-After", "1"}}});
        proxy.addFault({"GET", QRegularExpression(), 0, 1, Action::Delay, 4500});
        proxy.addFault({"POST", routeOf(u"/wp/v2/tags"_s), 0, 1, Action::Respond, 0, 503, {}});
        const Cli run = cli({u"publish"_s, QString::number(ids[0]), QString::number(ids[1]),
            QString::number(ids[2])});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QCOMPARE(count(u"posts"_s), 3);
        QCOMPARE(count(u"media"_s), 3);
        int faults = 0;
        for (const auto &seen : proxy.seen()) {
            faults += seen.action != Action::Forward ? 1 : 0;
        }
        QVERIFY(faults >= 6);
        const auto status = cli({u"publish"_s, u"status"_s, u"--json"_s});
        const auto jobs
            = QJsonDocument::fromJson(status.out.toUtf8()).object()[u"jobs"_s].toArray();
        QCOMPARE(jobs.size(), 3);
        for (const auto &job : jobs) {
            QCOMPARE(job[u"state"_s].toString(), u"done"_s);
        }
    }

    void directoryPagesArePages()
    {
        addSite(QUrl(m_wp->url));
        QVERIFY(Outbox(*m_db).queueDirectories(m_chief));
        QVERIFY(runAll().allDone());
        const auto pages = m_wp->get(u"/wp/v2/pages?context=edit"_s).json.array();
        QCOMPARE(pages.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestWordPressPublishing)
#include "TestWordPressPublishing.moc"
