// Publishing COUNT approved articles, each with one JPEG photo of about 200 KB as
// its featured image, to a real WordPress (tests/services/wordpress.sh on a port
// of its own): Daftar's Publisher in-process with N parallel jobs and with one,
// against curl sending the same HTTP requests one after another — one curl
// process per request, and one per article chaining two requests with --next.
// Every run starts on a freshly installed site and is checked over REST
// afterwards; requests and TCP connections are counted in PHP's server log.
//   build/release/bench/bench_publishing [COUNT=100] [--port 58095] [--jobs N=4]
// Interrupted by hand, the site keeps running: tests/services/wordpress.sh stop PORT.
#include "accounts/AccountService.h"
#include "newsroom/ArticleService.h"
#include "newsroom/MediaLibrary.h"
#include "publishing/HttpClient.h"
#include "publishing/Outbox.h"
#include "publishing/Publisher.h"
#include "publishing/Site.h"
#include "publishing/WordPressTarget.h"
#include "storage/Database.h"
#include "text/PersianText.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QUrlQuery>

#include <cstdio>
#include <memory>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace daftar;

namespace {

const QString passwordVariable = u"DAFTAR_BENCH_WP_PASSWORD"_s;
const QString seedArticle = QStringLiteral(
    DAFTAR_SOURCE_DIR "/tests/data/newsroom/cooperative-house-news-1398-09-03.txt");
const QString wordpressScript = QStringLiteral(DAFTAR_SOURCE_DIR "/tests/services/wordpress.sh");

QString persianNumber(int number)
{
    return text::toPersianDigits(QString::number(number));
}

// What PHP's server logged between two points: one "Accepted" line per TCP
// connection and one "[status]: METHOD path" line per request.
struct ServerLog
{
    int requests = 0;
    int connections = 0;
    QMap<QString, int> routes; // "POST /wp/v2/media 201" → how many

    QString breakdown() const
    {
        QStringList parts;
        for (auto it = routes.constBegin(); it != routes.constEnd(); ++it) {
            parts << u"%1 ×%2"_s.arg(it.key()).arg(it.value());
        }
        return parts.join(u", "_s);
    }
};

// The site under test: wordpress.sh started on the bench's own port, installed
// afresh by every start() and stopped by the destructor whichever way the bench ends.
class WordPress
{
public:
    WordPress(int port, QString envFile)
        : m_port(port)
        , m_envFile(std::move(envFile))
    { }
    ~WordPress() { stop(); }
    WordPress(const WordPress &) = delete;
    WordPress &operator=(const WordPress &) = delete;

    Status start()
    {
        m_running = true;
        auto output = script(u"start"_s);
        if (!output) {
            return output.error();
        }
        static const QRegularExpression started(u"^(WordPress \\S+) on \\S+ \\(state in (.+)\\)$"_s,
            QRegularExpression::MultilineOption);
        const auto match = started.match(*output);
        if (!match.hasMatch()) {
            return makeError(Error::Kind::Unavailable,
                u"wordpress.sh said something unexpected:\n%1"_s.arg(*output));
        }
        m_version = match.captured(1);
        m_logPath = match.captured(2) + u"/server.log"_s;
        QFile env(m_envFile);
        if (!env.open(QIODevice::ReadOnly)) {
            return makeError(Error::Kind::Unavailable,
                u"wordpress.sh wrote no %1: %2"_s.arg(m_envFile, env.errorString()));
        }
        QHash<QString, QString> values;
        for (const QByteArray &line : env.readAll().split('\n')) {
            const qsizetype equals = line.indexOf('=');
            if (equals > 0) {
                values.insert(
                    QString::fromUtf8(line.left(equals)), QString::fromUtf8(line.mid(equals + 1)));
            }
        }
        m_url = QUrl(values.value(u"DAFTAR_TEST_WP_URL"_s));
        m_editorPassword = values.value(u"DAFTAR_TEST_WP_PASSWORD"_s);
        m_adminAuthorization = "Basic "
            + (values.value(u"DAFTAR_TEST_WP_ADMIN_USER"_s) + u':'
                + values.value(u"DAFTAR_TEST_WP_ADMIN_PASSWORD"_s))
                  .toUtf8()
                  .toBase64();
        if (!m_url.isValid() || m_editorPassword.isEmpty()) {
            return makeError(
                Error::Kind::Unavailable, u"%1 lacks the URL or the passwords"_s.arg(m_envFile));
        }
        return success();
    }

    void stop()
    {
        if (m_running) {
            m_running = false;
            if (auto stopped = script(u"stop"_s); !stopped) {
                std::fprintf(stderr, "%s\n", qPrintable(stopped.errorMessage()));
            }
        }
    }

    QUrl url() const { return m_url; }
    QUrl route(const QString &path, const QList<QPair<QString, QString>> &query = {}) const
    {
        QUrl out = m_url;
        out.setPath(u"/"_s);
        QUrlQuery items;
        items.addQueryItem(u"rest_route"_s, path);
        for (const auto &[key, value] : query) {
            items.addQueryItem(key, value);
        }
        out.setQuery(items);
        return out;
    }
    QString version() const { return m_version; }
    QString editorPassword() const { return m_editorPassword; }
    QByteArray adminAuthorization() const { return m_adminAuthorization; }

    qint64 logOffset() const { return QFileInfo(m_logPath).size(); }

    // PHP writes a request's line after its answer went out: read until two
    // looks 200 ms apart agree.
    ServerLog logSince(qint64 offset) const
    {
        ServerLog last = readLog(offset);
        for (int i = 0; i < 20; ++i) {
            QThread::msleep(200);
            ServerLog now = readLog(offset);
            if (now.requests == last.requests && now.connections == last.connections) {
                return now;
            }
            last = now;
        }
        return last;
    }

    // "PHP 8.2.36" and how many worker processes answer requests: each logs a
    // start line, and so does the parent, which only forks and waits for them.
    QPair<QString, int> server() const
    {
        QFile log(m_logPath);
        if (!log.open(QIODevice::ReadOnly)) {
            return {};
        }
        static const QRegularExpression started(u"\\] (PHP \\S+) Development Server .* started$"_s,
            QRegularExpression::MultilineOption);
        QString php;
        int lines = 0;
        for (auto match = started.globalMatch(QString::fromUtf8(log.readAll())); match.hasNext();) {
            php = match.next().captured(1);
            ++lines;
        }
        return {php, std::max(1, lines - 1)};
    }

private:
    Result<QString> script(const QString &action)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(u"bash"_s, {wordpressScript, action, QString::number(m_port), m_envFile});
        if (!process.waitForFinished(300000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            process.kill();
            process.waitForFinished();
            return makeError(Error::Kind::Unavailable,
                u"wordpress.sh %1 %2 failed:\n%3"_s.arg(action).arg(m_port).arg(
                    QString::fromUtf8(process.readAll())));
        }
        return QString::fromUtf8(process.readAll()).trimmed();
    }

    ServerLog readLog(qint64 offset) const
    {
        ServerLog out;
        QFile log(m_logPath);
        if (!log.open(QIODevice::ReadOnly) || !log.seek(offset)) {
            return out;
        }
        static const QRegularExpression request(u"\\] \\S+ \\[(\\d{3})\\]: (\\S+) (\\S+)"_s);
        static const QRegularExpression number(u"/\\d+(?=/|$)"_s);
        for (const QByteArray &bytes : log.readAll().split('\n')) {
            const QString line = QString::fromUtf8(bytes);
            if (line.endsWith(u" Accepted"_s)) {
                ++out.connections;
                continue;
            }
            const auto match = request.match(line);
            if (!match.hasMatch()) {
                continue;
            }
            ++out.requests;
            const QUrl target(u"http://site"_s + match.captured(3));
            QString route = QUrlQuery(target).queryItemValue(u"rest_route"_s, QUrl::FullyDecoded);
            route = route.isEmpty() ? target.path() : route.replace(number, u"/ID"_s);
            ++out.routes[u"%1 %2 %3"_s.arg(match.captured(2), route, match.captured(1))];
        }
        return out;
    }

    int m_port;
    QString m_envFile;
    bool m_running = false;
    QString m_version;
    QString m_logPath;
    QUrl m_url;
    QString m_editorPassword;
    QByteArray m_adminAuthorization;
};

// What is on the site, as a reader would count it: published posts, those of
// them with a featured image, a category and a tag, and media items.
struct SiteCounts
{
    int posts = 0;
    int complete = 0;
    int media = 0;
    int categories = 0; // named اخبار
    int tags = 0; // named تعاون
};

Result<SiteCounts> countSite(const WordPress &wp)
{
    publishing::HttpClient http(60000);
    const auto get = [&](const QUrl &url) {
        publishing::HttpRequest request;
        request.url = url;
        request.headers
            = {{"Authorization", wp.adminAuthorization()}, {"Accept", "application/json"}};
        return http.send(request);
    };
    const auto failed = [](const QString &what, const publishing::HttpReply &reply) {
        return makeError(Error::Kind::Unavailable,
            u"Listing the %1 answered HTTP %2: %3"_s.arg(what)
                .arg(reply.status)
                .arg(QString::fromUtf8(reply.body.left(300))));
    };
    SiteCounts counts;
    for (int page = 1;; ++page) {
        const auto reply = get(wp.route(u"/wp/v2/posts"_s,
            {{u"status"_s, u"publish"_s}, {u"per_page"_s, u"100"_s},
                {u"page"_s, QString::number(page)},
                {u"_fields"_s, u"id,featured_media,categories,tags"_s}}));
        if (!reply.ok()) {
            return failed(u"posts"_s, reply);
        }
        counts.posts = reply.header("X-WP-Total").toInt();
        for (const QJsonValue &post : reply.json().array()) {
            const QJsonObject item = post.toObject();
            if (item.value(u"featured_media"_s).toInteger() > 0
                && !item.value(u"categories"_s).toArray().isEmpty()
                && !item.value(u"tags"_s).toArray().isEmpty()) {
                ++counts.complete;
            }
        }
        if (page >= reply.header("X-WP-TotalPages").toInt()) {
            break;
        }
    }
    const auto media = get(wp.route(u"/wp/v2/media"_s, {{u"per_page"_s, u"1"_s}}));
    if (!media.ok()) {
        return failed(u"media"_s, media);
    }
    counts.media = media.header("X-WP-Total").toInt();
    for (const auto &[taxonomy, name, found] :
        {std::tuple {u"categories"_s, u"اخبار"_s, &counts.categories},
            std::tuple {u"tags"_s, u"تعاون"_s, &counts.tags}}) {
        const auto terms = get(wp.route(u"/wp/v2/"_s + taxonomy,
            {{u"search"_s, name}, {u"per_page"_s, u"100"_s}, {u"_fields"_s, u"id,name"_s}}));
        if (!terms.ok()) {
            return failed(taxonomy, terms);
        }
        for (const QJsonValue &term : terms.json().array()) {
            *found += term.toObject().value(u"name"_s).toString() == name ? 1 : 0;
        }
    }
    return counts;
}

// Exactly `count` more published posts (each complete) and media items than
// before the run: a fresh install already has its sample post. What is worth
// a look but does not make the figures wrong (a term made twice) is returned.
Result<QString> verifySite(
    const WordPress &wp, const SiteCounts &before, int count, const QString &after)
{
    auto now = countSite(wp);
    if (!now) {
        return now.error();
    }
    const auto failed = [&](const QString &what, int found) {
        return makeError(Error::Kind::Invalid,
            u"After %1 the site has %2 new %3, not %4"_s.arg(after).arg(found).arg(what).arg(
                count));
    };
    if (now->posts - before.posts != count) {
        return failed(u"published posts"_s, now->posts - before.posts);
    }
    if (now->complete - before.complete != count) {
        return failed(u"posts with their featured image, category and tag"_s,
            now->complete - before.complete);
    }
    if (now->media - before.media != count) {
        return failed(u"media items"_s, now->media - before.media);
    }
    QStringList notes;
    if (now->categories != 1) {
        notes << u"%1 categories named اخبار"_s.arg(now->categories);
    }
    if (now->tags != 1) {
        notes << u"%1 tags named تعاون"_s.arg(now->tags);
    }
    return notes.join(u", "_s);
}

// A photo-like JPEG: gradient, shapes and sensor-like noise, so that at quality
// 85 it stays between 150 and 250 KB like a news photo. `noise` carries the
// strength that hit the range over to the next image.
QByteArray photo(int index, int &noise)
{
    QRandomGenerator random(quint32(index) * 7919u + 17u);
    QImage image(1200, 800, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient sky(0, 0, 0, image.height());
    sky.setColorAt(0, QColor::fromHsv(random.bounded(360), 120, 230));
    sky.setColorAt(1, QColor::fromHsv(random.bounded(360), 160, 90));
    painter.fillRect(image.rect(), sky);
    painter.setPen(Qt::NoPen);
    for (int i = 0; i < 60; ++i) {
        painter.setBrush(QColor::fromHsv(random.bounded(360), random.bounded(40, 255),
            random.bounded(60, 255), random.bounded(60, 200)));
        const QRect box(random.bounded(-100, image.width()), random.bounded(-100, image.height()),
            random.bounded(20, 400), random.bounded(20, 300));
        if (i % 2 == 0) {
            painter.drawRect(box);
        } else {
            painter.drawEllipse(box);
        }
    }
    painter.end();
    for (;;) {
        QImage noisy = image;
        for (int y = 0; y < noisy.height(); ++y) {
            auto *line = reinterpret_cast<QRgb *>(noisy.scanLine(y));
            for (int x = 0; x < noisy.width(); ++x) {
                const int n = int(random.bounded(2 * noise + 1)) - noise;
                const QRgb pixel = line[x];
                line[x] = qRgb(qBound(0, qRed(pixel) + n, 255), qBound(0, qGreen(pixel) + n, 255),
                    qBound(0, qBlue(pixel) + n, 255));
            }
        }
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        noisy.save(&buffer, "JPEG", 85);
        if (bytes.size() < 150 * 1024) {
            noise += 1 + noise / 4;
        } else if (bytes.size() > 250 * 1024 && noise > 1) {
            noise -= 1 + noise / 5;
        } else {
            return bytes;
        }
    }
}

// The seed article's paragraphs (about 400 words), without the site's
// navigation around them: the first three lines and the tail of the last one.
Result<QStringList> seedParagraphs()
{
    QFile file(seedArticle);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            Error::Kind::NotFound, u"Cannot read %1: %2"_s.arg(seedArticle, file.errorString()));
    }
    QStringList lines;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (!line.trimmed().isEmpty()) {
            lines << line.simplified();
        }
    }
    if (lines.size() < 5) {
        return makeError(
            Error::Kind::Invalid, u"%1 is not the seed article any more"_s.arg(seedArticle));
    }
    lines = lines.mid(3);
    lines.last() = lines.last().section(u"صفحه اصلی"_s, 0, 0);
    return lines;
}

// What curl sends for one article: the image file written beforehand, the
// multipart fields WordPressTarget::uploadMedia sends, and the post's JSON
// without the ids the site hands out.
struct CurlArticle
{
    QString imagePath;
    QString mediaSlug;
    QString imageTitle;
    QString alt;
    QString mimeType;
    QString uploadName;
    QJsonObject post;
};

struct Fixture
{
    std::unique_ptr<storage::Database> db;
    accounts::Actor chief;
    QList<CurlArticle> articles;
    qint64 imageBytes = 0;
};

Result<accounts::Actor> addUser(storage::Database &db, const QString &name, accounts::Role role)
{
    auto user = accounts::AccountService(db).addUser(
        accounts::Actor::operatingSystemUser(), {name, name, role, {}, u"bench-password-1"_s});
    if (!user) {
        return user.error();
    }
    return user->actor();
}

// A database with `count` approved articles and their images, the site, and a
// publish job for each article: every Daftar run starts from a copy of it.
Result<Fixture> prepare(const QString &folder, int count, const QUrl &siteUrl)
{
    auto paragraphs = seedParagraphs();
    if (!paragraphs) {
        return paragraphs.error();
    }
    auto db = storage::Database::open(
        storage::DatabaseLocation::parse(QString(folder + u"/prepared.sqlite"_s)).value());
    if (!db) {
        return db.error();
    }
    Fixture fixture;
    fixture.db = std::move(*db);
    storage::Database &database = *fixture.db;
    auto editor = addUser(database, u"bench-editor"_s, accounts::Role::Editor);
    auto chief = addUser(database, u"bench-chief"_s, accounts::Role::ChiefEditor);
    if (!editor || !chief) {
        return !editor ? editor.error() : chief.error();
    }
    fixture.chief = *chief;

    QDir(folder).mkpath(u"images"_s);
    newsroom::MediaLibrary library(database);
    newsroom::ArticleService articles(database);
    QList<qint64> ids;
    int noise = 9;
    for (int i = 1; i <= count; ++i) {
        const QString number = persianNumber(i);
        const QByteArray jpeg = photo(i, noise);
        fixture.imageBytes += jpeg.size();
        const QString alt = u"تصویر خبر آزمایشی شماره %1"_s.arg(number);
        auto image = library.importBytes(*editor, jpeg, u"تصویر-خبر-%1.jpg"_s.arg(number), alt);
        if (!image) {
            return image.error();
        }
        CurlArticle curl;
        curl.imagePath = folder + u"/images/%1.jpg"_s.arg(i);
        QFile file(curl.imagePath);
        if (!file.open(QIODevice::WriteOnly) || file.write(jpeg) != jpeg.size()) {
            return makeError(Error::Kind::Storage, u"Cannot write %1"_s.arg(curl.imagePath));
        }
        curl.mediaSlug = publishing::WordPressTarget::mediaSlug(image->sha256);
        curl.imageTitle = image->fileName;
        curl.alt = alt;
        curl.mimeType = image->mimeType;
        curl.uploadName = curl.mediaSlug + u".jpg"_s;

        newsroom::Article article;
        article.title = u"خبر آزمایشی شماره %1"_s.arg(number);
        article.lead
            = u"جلسهٔ هم‌اندیشی تعاونگران با وزیر تعاون برگزار شد (خبر آزمایشی شماره %1)."_s
                  .arg(number);
        for (qsizetype p = 0; p < paragraphs->size(); ++p) {
            article.body += u"<p>"_s + (p == 0 ? article.title + u" — "_s : QString())
                + paragraphs->at(p).toHtmlEscaped() + u"</p>"_s;
        }
        article.category = u"اخبار"_s;
        article.tags = QStringList {u"تعاون"_s};
        article.featuredImageId = image->id;
        article.imageAlt = alt;
        auto created = articles.create(*editor, article);
        if (!created) {
            return created.error();
        }
        if (auto review
            = articles.setStatus(*editor, created->id, newsroom::ArticleStatus::InReview);
            !review) {
            return review.error();
        }
        auto approved = articles.setStatus(*chief, created->id, newsroom::ArticleStatus::Approved);
        if (!approved) {
            return approved.error();
        }
        curl.post = QJsonObject {{u"title"_s, approved->title}, {u"content"_s, approved->body},
            {u"excerpt"_s, approved->lead}, {u"slug"_s, approved->slug},
            {u"status"_s, u"publish"_s}};
        fixture.articles << curl;
        ids << approved->id;
    }

    publishing::Site site;
    site.name = u"bench"_s;
    site.type = publishing::SiteType::WordPress;
    site.url = siteUrl;
    site.user = u"daftar-editor"_s;
    site.passwordEnv = passwordVariable;
    site.timeoutSeconds = 120;
    auto added
        = publishing::SiteService(database).add(accounts::Actor::operatingSystemUser(), site);
    if (!added) {
        return added.error();
    }
    auto queued = publishing::Outbox(database).queuePublish(*chief, ids, added->id);
    if (!queued) {
        return queued.error();
    }
    if (queued->size() != count) {
        return makeError(Error::Kind::Invalid,
            u"%1 jobs queued for %2 articles"_s.arg(queued->size()).arg(count));
    }
    return fixture;
}

struct Measurement
{
    QString method;
    double seconds = 0;
    ServerLog log;
    QString note; // e.g. a term the site now has twice
};

Result<Measurement> runDaftar(
    WordPress &wp, Fixture &fixture, const QString &folder, int jobs, int count)
{
    if (const Status started = wp.start(); !started) {
        return started.error();
    }
    const auto before = countSite(wp);
    if (!before) {
        return before.error();
    }
    qputenv(qPrintable(passwordVariable), wp.editorPassword().toUtf8());
    const QString file = folder + u"/run-jobs-%1.sqlite"_s.arg(jobs);
    QFile::remove(file);
    if (auto copied = fixture.db->run(u"VACUUM INTO ?"_s, {file}); !copied) {
        return copied.error();
    }
    const auto location = storage::DatabaseLocation::parse(file);
    if (!location) {
        return location.error();
    }
    publishing::Publisher publisher(*location, fixture.chief);
    publisher.setParallelJobs(jobs);
    const qint64 offset = wp.logOffset();
    QElapsedTimer timer;
    timer.start();
    const publishing::RunSummary summary = publisher.run();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const QString method = u"daftar --jobs %1"_s.arg(jobs);
    if (!summary.allDone() || summary.done != count) {
        return makeError(Error::Kind::Invalid,
            u"%1: %2 of %3 articles published, %4 failed, %5 in conflict:\n%6"_s.arg(method)
                .arg(summary.done)
                .arg(count)
                .arg(summary.failed)
                .arg(summary.conflicts)
                .arg(summary.errors.mid(0, 5).join(u'\n')));
    }
    const ServerLog log = wp.logSince(offset);
    const auto checked = verifySite(wp, *before, count, method);
    if (!checked) {
        return checked.error();
    }
    return Measurement {method, seconds, log, *checked};
}

struct Transfer
{
    int status = 0;
    QByteArray body;
};

// curl run as a separate process per invocation, each transfer's answer
// followed by a marker with its status, so that transfers chained with --next
// are told apart.
class Curl
{
public:
    explicit Curl(const WordPress &wp)
        : m_wp(wp)
    { }

    QStringList term(const QString &taxonomy, const QString &name) const
    {
        return json(u"/wp/v2/"_s + taxonomy, QJsonObject {{u"name"_s, name}});
    }

    QStringList upload(const CurlArticle &article) const
    {
        return common()
            + QStringList {u"--form-string"_s, u"slug="_s + article.mediaSlug, u"--form-string"_s,
                u"title="_s + article.imageTitle, u"--form-string"_s, u"alt_text="_s + article.alt,
                u"--form"_s,
                u"file=@%1;type=%2;filename=%3"_s.arg(
                    article.imagePath, article.mimeType, article.uploadName),
                m_wp.route(u"/wp/v2/media"_s).toString(QUrl::FullyEncoded)};
    }

    QStringList post(const CurlArticle &article, qint64 category, qint64 tag, qint64 media) const
    {
        QJsonObject body = article.post;
        body.insert(u"categories"_s, QJsonArray {category});
        body.insert(u"tags"_s, QJsonArray {tag});
        body.insert(u"featured_media"_s, media);
        return json(u"/wp/v2/posts"_s, body);
    }

    Result<QList<Transfer>> run(const QList<QStringList> &transfers)
    {
        QStringList arguments;
        for (const QStringList &transfer : transfers) {
            if (!arguments.isEmpty()) {
                arguments << u"--next"_s;
            }
            arguments << transfer;
        }
        QProcess curl;
        curl.start(u"curl"_s, arguments);
        ++m_processes;
        if (!curl.waitForFinished(300000) || curl.exitStatus() != QProcess::NormalExit
            || curl.exitCode() != 0) {
            return makeError(Error::Kind::Unavailable,
                u"curl failed (exit %1): %2"_s.arg(curl.exitCode())
                    .arg(QString::fromLocal8Bit(curl.readAllStandardError())));
        }
        const QByteArray output = curl.readAllStandardOutput();
        static const QRegularExpression marker(u"\n<<daftar-bench (\\d{3})>>\n"_s);
        QList<Transfer> out;
        qsizetype from = 0;
        const QString text = QString::fromUtf8(output);
        for (auto match = marker.globalMatch(text); match.hasNext();) {
            const auto next = match.next();
            out << Transfer {
                next.captured(1).toInt(), text.mid(from, next.capturedStart() - from).toUtf8()};
            from = next.capturedEnd();
        }
        if (out.size() != transfers.size()) {
            return makeError(Error::Kind::Invalid,
                u"curl answered %1 transfers of %2:\n%3"_s.arg(out.size())
                    .arg(transfers.size())
                    .arg(text.left(500)));
        }
        return out;
    }

    int processes() const { return m_processes; }

private:
    QStringList common() const
    {
        // Daftar sends neither Expect: 100-continue nor curl's Accept: */*.
        return {u"--silent"_s, u"--show-error"_s, u"--noproxy"_s, u"*"_s, u"--user"_s,
            u"daftar-editor:"_s + m_wp.editorPassword(), u"--header"_s,
            u"Accept: application/json"_s, u"--header"_s, u"Expect:"_s, u"--write-out"_s,
            u"\\n<<daftar-bench %{http_code}>>\\n"_s};
    }

    QStringList json(const QString &route, const QJsonObject &body) const
    {
        return common()
            + QStringList {u"--header"_s, u"Content-Type: application/json; charset=utf-8"_s,
                u"--data-binary"_s,
                QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)),
                m_wp.route(route).toString(QUrl::FullyEncoded)};
    }

    const WordPress &m_wp;
    int m_processes = 0;
};

// The id in a create's answer; for a term the site already has, the one its
// term_exists refusal names (as WordPressTarget::term reads it).
Result<qint64> createdId(const Transfer &transfer, const QString &what)
{
    const QJsonObject json = QJsonDocument::fromJson(transfer.body).object();
    qint64 id = 0;
    if (transfer.status == 201) {
        id = json.value(u"id"_s).toInteger();
    } else if (json.value(u"code"_s).toString() == "term_exists"_L1) {
        id = json.value(u"data"_s).toObject().value(u"term_id"_s).toInteger();
    }
    if (id <= 0) {
        return makeError(Error::Kind::Invalid,
            u"curl: %1 answered HTTP %2: %3"_s.arg(what)
                .arg(transfer.status)
                .arg(QString::fromUtf8(transfer.body.left(300))));
    }
    return id;
}

// One curl process per request, strictly one after another: the terms once
// (as Daftar's single worker does), then per article the upload and the post.
Status curlSequential(Curl &curl, const QList<CurlArticle> &articles)
{
    auto category = curl.run({curl.term(u"categories"_s, u"اخبار"_s)});
    if (!category) {
        return category.error();
    }
    auto categoryId = createdId(category->first(), u"the category"_s);
    auto tag = curl.run({curl.term(u"tags"_s, u"تعاون"_s)});
    if (!tag) {
        return tag.error();
    }
    auto tagId = createdId(tag->first(), u"the tag"_s);
    if (!categoryId || !tagId) {
        return !categoryId ? categoryId.error() : tagId.error();
    }
    for (const CurlArticle &article : articles) {
        auto uploaded = curl.run({curl.upload(article)});
        if (!uploaded) {
            return uploaded.error();
        }
        auto media = createdId(uploaded->first(), article.imageTitle);
        if (!media) {
            return media.error();
        }
        auto posted = curl.run({curl.post(article, *categoryId, *tagId, *media)});
        if (!posted) {
            return posted.error();
        }
        if (auto post = createdId(posted->first(), article.post.value(u"title"_s).toString());
            !post) {
            return post.error();
        }
    }
    return success();
}

// One curl process per article chaining two requests with --next: the post
// needs the id of its image, which only the upload's answer tells, so process
// k uploads image k and creates post k−1 (the first one also makes the terms,
// one more process creates the last post).
Status curlChained(Curl &curl, const QList<CurlArticle> &articles)
{
    qint64 categoryId = 0;
    qint64 tagId = 0;
    qint64 previousMedia = 0;
    for (qsizetype k = 0; k <= articles.size(); ++k) {
        QList<QStringList> transfers;
        if (k == 0) {
            transfers << curl.term(u"categories"_s, u"اخبار"_s) << curl.term(u"tags"_s, u"تعاون"_s);
        }
        if (k < articles.size()) {
            transfers << curl.upload(articles[k]);
        }
        if (k > 0) {
            transfers << curl.post(articles[k - 1], categoryId, tagId, previousMedia);
        }
        auto answers = curl.run(transfers);
        if (!answers) {
            return answers.error();
        }
        qsizetype at = 0;
        if (k == 0) {
            auto category = createdId(answers->at(at++), u"the category"_s);
            auto tag = createdId(answers->at(at++), u"the tag"_s);
            if (!category || !tag) {
                return !category ? category.error() : tag.error();
            }
            categoryId = *category;
            tagId = *tag;
        }
        if (k < articles.size()) {
            auto media = createdId(answers->at(at++), articles[k].imageTitle);
            if (!media) {
                return media.error();
            }
            previousMedia = *media;
        }
        if (k > 0) {
            auto post
                = createdId(answers->at(at++), articles[k - 1].post.value(u"title"_s).toString());
            if (!post) {
                return post.error();
            }
        }
    }
    return success();
}

Result<Measurement> runCurl(WordPress &wp, const QList<CurlArticle> &articles, bool chained)
{
    if (const Status started = wp.start(); !started) {
        return started.error();
    }
    const auto before = countSite(wp);
    if (!before) {
        return before.error();
    }
    Curl curl(wp);
    const qint64 offset = wp.logOffset();
    QElapsedTimer timer;
    timer.start();
    const Status sent = chained ? curlChained(curl, articles) : curlSequential(curl, articles);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!sent) {
        return sent.error();
    }
    const QString method = chained ? u"curl --next (%1 processes)"_s.arg(curl.processes())
                                   : u"curl sequential (%1 processes)"_s.arg(curl.processes());
    const ServerLog log = wp.logSince(offset);
    const auto checked = verifySite(wp, *before, int(articles.size()), method);
    if (!checked) {
        return checked.error();
    }
    return Measurement {method, seconds, log, *checked};
}

// The Connection header WordPress's answers carry (PHP's built-in server
// closes every connection after one request).
QString connectionHeader(const WordPress &wp)
{
    publishing::HttpClient http(30000);
    publishing::HttpRequest request;
    request.url = wp.route(u"/"_s);
    const auto reply = http.send(request);
    const QByteArray value = reply.header("Connection");
    return value.isEmpty() ? u"(none)"_s : QString::fromLatin1(value);
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).section(u' ', 0, 2)
                                          : u"unknown"_s;
}

int usage()
{
    std::fprintf(stderr, "usage: bench_publishing [COUNT=100] [--port 58095] [--jobs N=4]\n");
    return 2;
}

int fail(const Error &error)
{
    std::fprintf(stderr, "bench_publishing: %s\n", qPrintable(error.message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int count = 100;
    int port = 58095;
    int jobs = 4;
    const QStringList arguments = QCoreApplication::arguments().mid(1);
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        bool ok = true;
        if ((arguments[i] == "--port"_L1 || arguments[i] == "--jobs"_L1)
            && i + 1 < arguments.size()) {
            (arguments[i] == "--port"_L1 ? port : jobs) = arguments[i + 1].toInt(&ok);
            ++i;
        } else {
            count = arguments[i].toInt(&ok);
        }
        if (!ok || count < 1 || jobs < 1 || port < 1 || port > 65535) {
            return usage();
        }
    }
    if (port == 58080) {
        std::fprintf(stderr, "bench_publishing: port 58080 belongs to the tests; take another.\n");
        return 2;
    }

    QTemporaryDir folder;
    if (!folder.isValid()) {
        std::fprintf(stderr, "bench_publishing: no temporary folder: %s\n",
            qPrintable(folder.errorString()));
        return 1;
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const QString load = loadAverage();
    std::printf("preparing %d approved articles with an image each…\n", count);
    QElapsedTimer preparing;
    preparing.start();
    auto fixture = prepare(folder.path(), count, QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    if (!fixture) {
        return fail(fixture.error());
    }
    std::printf("prepared in %.1f s (images average %lld KB)\n", double(preparing.elapsed()) / 1000,
        fixture->imageBytes / count / 1024);

    WordPress wp(port, folder.path() + u"/wordpress.env"_s);
    QList<Measurement> results;
    QList<int> runs {jobs};
    if (jobs != 1) {
        runs << 1;
    }
    QString connection;
    QPair<QString, int> server;
    for (int parallel : std::as_const(runs)) {
        std::printf("daftar --jobs %d…\n", parallel);
        auto measured = runDaftar(wp, *fixture, folder.path(), parallel, count);
        if (!measured) {
            return fail(measured.error());
        }
        if (connection.isEmpty()) {
            connection = connectionHeader(wp);
            server = wp.server();
        }
        results << *measured;
    }
    for (bool chained : {false, true}) {
        std::printf("%s…\n", chained ? "curl --next" : "curl sequential");
        auto measured = runCurl(wp, fixture->articles, chained);
        if (!measured) {
            return fail(measured.error());
        }
        results << *measured;
    }
    wp.stop();

    const Measurement &curl = results[results.size() - 2];
    std::printf(
        "\nPublishing %d articles with one %lld KB JPEG each to %s on %s (fresh install per run)\n",
        count, fixture->imageBytes / count / 1024, qPrintable(wp.version()),
        qPrintable(wp.url().toString()));
    std::printf("machine: %d cores, load average %s when the bench started\n",
        QThread::idealThreadCount(), qPrintable(load));
    std::printf("server: %s built-in server with %d workers (PHP_CLI_SERVER_WORKERS), answers "
                "\"Connection: %s\"%s\n\n",
        qPrintable(server.first), server.second, qPrintable(connection),
        connection.compare(u"close"_s, Qt::CaseInsensitive) == 0
            ? " — a new TCP connection per request, keep-alive cannot apply"
            : "");
    for (const Measurement &result : std::as_const(results)) {
        std::printf("%-32s %4d requests %4d connections %7.1f s %6.0f ms/article %6.2f× curl\n",
            qPrintable(result.method), result.log.requests, result.log.connections, result.seconds,
            result.seconds * 1000 / count, result.seconds / curl.seconds);
    }
    std::printf("\nrequests as the server logged them:\n");
    for (const Measurement &result : std::as_const(results)) {
        std::printf("  %s: %s\n", qPrintable(result.method), qPrintable(result.log.breakdown()));
        if (!result.note.isEmpty()) {
            std::printf("    NOTE: afterwards the site has %s\n", qPrintable(result.note));
        }
    }
    const Measurement &single = results[results.size() - 3];
    if (single.log.routes != curl.log.routes) {
        std::printf("NOTE: curl's requests differ from those of daftar --jobs 1 (see above).\n");
    }
    const double worst = std::max(results.first().seconds, single.seconds) / curl.seconds;
    std::printf("\ntarget: Daftar no slower than 1.2× curl sequential — %s (worst %.2f×)\n",
        worst <= 1.2 ? "met" : "NOT met", worst);
    return 0;
}
