// The newsroom's storage speed: opening an article that has 200 revisions (the
// core's reads, and the whole editor window), saving a revision, and writing
// an autosave; the same reads done by the sqlite3 shell for comparison.
//   QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 build/release/bench/bench_newsroom
//       [WORKDIR] [REVISIONS]
#include "accounts/AccountService.h"
#include "newsroom/ArticleEditor.h"
#include "newsroom/ArticleService.h"
#include "render/MediaSchemeHandler.h"
#include "shell/Application.h"
#include "storage/Database.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace daftar;

namespace {

// About 3,000 words of Persian news: the seed article's paragraphs, repeated.
QString longBody()
{
    const QStringList paragraphs = {
        u"دبیرکل خانه تعاونگران با بیان اینکه سیاستهای کلی اصل ۴۴ قانون اساسی در سال ۸۴ ابلاغ شد گفت: با ابلاغ این سیاستها امیدی در میان فعالان اقتصادی ایجاد شد و شاهد رشد کمی تشکیل تعاونی شدیم."_s,
        u"علی حسین شهریور افزود: سند توسعه بخش تعاون با تاخیر ۸ ساله تهیه و در سال ۹۲ ابلاغ شد و در نتیجه ۸ سال بخش تعاونی بدون یک برنامه عملیاتی پیش رفت."_s,
        u"وی با اشاره به اینکه باید همگرایی میان وزارتخانه، اتاق تعاون ایران و سایر تشکل ها تقویت و نهادینه شود افزود: اتاق تعاون جایگاه رفیعی در قانون دارد."_s,
    };
    QString body;
    int words = 0;
    for (int i = 0; words < 3000; ++i) {
        const QString &paragraph = paragraphs.at(i % paragraphs.size());
        body += u"<p>"_s + paragraph + u"</p>"_s;
        words += int(paragraph.split(u' ', Qt::SkipEmptyParts).size());
    }
    return body;
}

struct Figures
{
    double median = 0;
    double p90 = 0;
    double max = 0;
};

Figures summarise(QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double q) {
        return samples.at(qMin(samples.size() - 1, qsizetype(q * samples.size())));
    };
    return {at(0.5), at(0.9), samples.last()};
}

// The same two reads the editor makes, in the sqlite3 shell with its timer on.
double sqliteShellMs(const QString &file, qint64 id)
{
    QProcess shell;
    shell.start(u"sqlite3"_s, {file});
    if (!shell.waitForStarted()) {
        return -1;
    }
    QByteArray script = ".timer on\n.output /dev/null\n";
    for (int i = 0; i < 20; ++i) {
        script += QStringLiteral("SELECT * FROM articles WHERE id = %1;\n"
                                 "SELECT number, saved_at, saved_by, title, words, note FROM "
                                 "article_revisions WHERE article_id = %1 ORDER BY number DESC;\n")
                      .arg(id)
                      .toUtf8();
    }
    shell.write(script + ".quit\n");
    shell.closeWriteChannel();
    shell.waitForFinished(60000);
    const QString out
        = QString::fromUtf8(shell.readAllStandardOutput() + shell.readAllStandardError());
    static const QRegularExpression real(u"Run Time: real ([0-9.]+)"_s);
    QList<double> runs;
    for (auto match = real.globalMatch(out); match.hasNext();) {
        runs << match.next().captured(1).toDouble() * 1000;
    }
    double total = 0;
    for (double run : runs) {
        total += run;
    }
    return runs.isEmpty() ? -1 : total / (runs.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    render::registerMediaScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    ui::setUpAppearance();
    QTemporaryDir temporary;
    const QString folder = argc > 1 ? QString::fromLocal8Bit(argv[1]) : temporary.path();
    const int revisions = argc > 2 ? QByteArray(argv[2]).toInt() : 200;
    QDir().mkpath(folder);
    const QString file = folder + u"/newsroom.sqlite"_s;
    QFile::remove(file);
    auto db = storage::Database::open(storage::DatabaseLocation::parse(file).value());
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.errorMessage()));
        return 1;
    }
    accounts::AccountService accounts(**db);
    auto user = accounts.addUser(accounts::Actor::operatingSystemUser(),
        {u"editor"_s, u"Bench editor"_s, accounts::Role::ChiefEditor, {}, u"bench-password-1"_s});
    if (!user) {
        std::fprintf(stderr, "%s\n", qPrintable(user.errorMessage()));
        return 1;
    }
    const accounts::Actor actor = user->actor();
    newsroom::ArticleService service(**db);

    newsroom::Article article;
    article.title = u"دبیرکل خانه تعاونگران خواستار تهیه برنامه اقدام توسعه تعاون شد"_s;
    article.body = longBody();
    article.eventDate = QDate(2019, 11, 24);
    auto stored = service.create(actor, article);
    if (!stored) {
        std::fprintf(stderr, "%s\n", qPrintable(stored.errorMessage()));
        return 1;
    }
    QList<double> saves;
    QElapsedTimer timer;
    for (int i = 1; i < revisions; ++i) {
        newsroom::Article next = *stored;
        next.body = next.body + u"<p>بند افزوده شماره "_s + QString::number(i) + u"</p>"_s;
        timer.start();
        stored = service.save(actor, next);
        saves << timer.nsecsElapsed() / 1e6;
        if (!stored) {
            std::fprintf(stderr, "%s\n", qPrintable(stored.errorMessage()));
            return 1;
        }
    }
    const qint64 id = stored->id;

    QList<double> coreOpen;
    for (int i = 0; i < 20; ++i) {
        timer.start();
        auto got = service.get(actor, id);
        auto listed = service.revisions(actor, id);
        coreOpen << timer.nsecsElapsed() / 1e6;
        if (!got || listed->size() != revisions) {
            std::fprintf(stderr, "read failed\n");
            return 1;
        }
    }

    ui::Session session {**db, *user};
    QList<double> editorOpen;
    for (int i = 0; i < 10; ++i) {
        auto *editor = new ui::ArticleEditor(session);
        editor->show();
        QCoreApplication::processEvents();
        timer.start();
        editor->openArticle(id);
        QCoreApplication::processEvents();
        editorOpen << timer.nsecsElapsed() / 1e6;
        editor->close();
        delete editor;
    }

    QList<double> autosaves;
    newsroom::Article draft = *stored;
    for (int i = 0; i < 50; ++i) {
        draft.body += u"<p>تایپ</p>"_s;
        timer.start();
        (void)service.autosave(actor, draft);
        autosaves << timer.nsecsElapsed() / 1e6;
    }

    const Figures save = summarise(saves);
    const Figures core = summarise(coreOpen);
    const Figures editor = summarise(editorOpen);
    const Figures autosave = summarise(autosaves);
    std::printf("article: %d revisions of a ~3,000-word body (%lld characters of HTML)\n",
        revisions, qint64(stored->body.size()));
    std::printf("open, core reads (article + revision list): median %.2f ms, p90 %.2f ms\n",
        core.median, core.p90);
    std::printf(
        "open, whole editor window (lock, document, fields, preview request): median %.1f ms, "
        "p90 %.1f ms, max %.1f ms   (target < 300 ms)\n",
        editor.median, editor.p90, editor.max);
    std::printf("same two reads in the sqlite3 shell: %.2f ms\n", sqliteShellMs(file, id));
    std::printf("save a revision (main thread, synchronous=FULL): median %.2f ms, p90 %.2f ms\n",
        save.median, save.p90);
    std::printf(
        "autosave write (runs on the autosave thread, not the UI): median %.2f ms, p90 %.2f "
        "ms\n",
        autosave.median, autosave.p90);
    return 0;
}
