// daftar-cli's newsroom commands: the same ArticleService, clean-up and page
// rendering the editor uses.
#include "Runner.h"
#include "importing/TextDecoding.h"
#include "newsroom/ArticleHtml.h"
#include "newsroom/ArticlePage.h"
#include "newsroom/ArticleService.h"
#include "newsroom/Cleanup.h"
#include "newsroom/MediaLibrary.h"
#include "render/MediaSchemeHandler.h"
#include "render/PdfRenderer.h"
#include "text/Jalali.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace daftar::cli {

namespace {

Result<QString> readBodyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(Error::Kind::Invalid,
            Text::tr("Cannot read the body file %1: %2.").arg(path, file.errorString()));
    }
    importing::TextDecoder decoder(importing::Encoding::Auto);
    QString content = decoder.decode(file.readAll());
    content += decoder.flush();
    if (decoder.hadErrors()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is not valid UTF-8, UTF-16 or Windows-1256 text. Save it as UTF-8 "
                     "and try again.")
                .arg(path));
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"html" || suffix == u"htm") {
        return newsroom::sanitizeHtml(content);
    }
    if (suffix == u"md" || suffix == u"markdown") {
        return newsroom::htmlFromMarkdown(content);
    }
    if (suffix == u"txt") {
        return newsroom::htmlFromPlainText(content);
    }
    return makeError(Error::Kind::Invalid,
        Text::tr("The body file %1 should end in .html, .md or .txt so that Daftar knows how "
                 "to read it.")
            .arg(path));
}

Result<QDate> dateOption(const QString &value, const QString &option)
{
    auto date = text::parseDate(value);
    if (!date) {
        return makeError(
            Error::Kind::Invalid, Text::tr("--%1: %2").arg(option, date.errorMessage()));
    }
    return *date;
}

bool parseId(const QString &text, qint64 *id)
{
    bool ok = false;
    *id = text.trimmed().toLongLong(&ok);
    return ok && *id > 0;
}

QJsonObject summaryJson(const newsroom::ArticleSummary &summary)
{
    return {{u"id"_s, summary.id}, {u"kind"_s, newsroom::kindId(summary.kind)},
        {u"title"_s, summary.title}, {u"category"_s, summary.category},
        {u"language"_s, summary.language}, {u"author"_s, summary.authorName},
        {u"status"_s, newsroom::statusId(summary.status)},
        {u"updated_at"_s, summary.updatedAt.toString(Qt::ISODate)},
        {u"event_date"_s,
            summary.eventDate.isValid() ? QJsonValue(summary.eventDate.toString(Qt::ISODate))
                                        : QJsonValue()},
        {u"revision"_s, summary.revision}};
}

} // namespace

int Runner::articlesCreate(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption titleOpt(u"title"_s, QString(), u"T"_s);
    const QCommandLineOption leadOpt(u"lead"_s, QString(), u"L"_s);
    const QCommandLineOption bodyOpt(u"body-file"_s, QString(), u"FILE"_s);
    const QCommandLineOption kindOpt(u"kind"_s, QString(), u"KIND"_s, u"article"_s);
    const QCommandLineOption categoryOpt(u"category"_s, QString(), u"C"_s);
    const QCommandLineOption dateOpt(u"date"_s, QString(), u"DATE"_s);
    const QCommandLineOption untilOpt(u"until"_s, QString(), u"DATE"_s);
    const QCommandLineOption langOpt(u"lang"_s, QString(), u"LANG"_s, u"fa"_s);
    parser.addOptions(
        {titleOpt, leadOpt, bodyOpt, kindOpt, categoryOpt, dateOpt, untilOpt, langOpt});
    const QString usage = u"daftar-cli articles create --title T [--lead L] --body-file "
                          "FILE(.html|.md|.txt) [--kind article|announcement] [--category C] "
                          "[--date DATE] [--until DATE] [--lang fa|en]"_s;
    if (!parseSub(parser, args, 0, usage)) {
        return m_subExit;
    }
    if (!parser.isSet(titleOpt) || !parser.isSet(bodyOpt)) {
        return usageError(Text::tr("Give at least --title and --body-file.\nUsage: %1").arg(usage));
    }
    newsroom::Article article;
    const auto kind = newsroom::kindFromId(parser.value(kindOpt));
    if (!kind) {
        return usageError(Text::tr("Unknown kind \"%1\": use article or announcement.")
                              .arg(parser.value(kindOpt)));
    }
    article.kind = *kind;
    article.title = parser.value(titleOpt);
    article.lead = parser.value(leadOpt);
    article.category = parser.value(categoryOpt);
    article.language = parser.value(langOpt).toLower();
    if (parser.isSet(dateOpt)) {
        const auto date = dateOption(parser.value(dateOpt), u"date"_s);
        if (!date) {
            return usageError(date.errorMessage());
        }
        article.eventDate = *date;
    }
    if (parser.isSet(untilOpt)) {
        if (article.kind != newsroom::ArticleKind::Announcement) {
            return usageError(Text::tr("--until is for announcements: add --kind announcement."));
        }
        const auto until = dateOption(parser.value(untilOpt), u"until"_s);
        if (!until) {
            return usageError(until.errorMessage());
        }
        article.publishUntil = *until;
    }
    const auto body = readBodyFile(parser.value(bodyOpt));
    if (!body) {
        return failure(body.error());
    }
    article.body = *body;
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    newsroom::ArticleService service(*context->db);
    const auto created = service.create(context->actor, article);
    if (!created) {
        return failure(created.error());
    }
    m_out << created->id << '\n';
    return Done;
}

int Runner::articlesList(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption statusOpt(u"status"_s, QString(), u"STATUS"_s);
    const QCommandLineOption jsonOpt(u"json"_s);
    parser.addOptions({statusOpt, jsonOpt});
    if (!parseSub(parser, args, 0, u"daftar-cli articles list [--status S] [--json]"_s)) {
        return m_subExit;
    }
    newsroom::ArticleQuery query;
    if (parser.isSet(statusOpt)) {
        query.status = newsroom::statusFromId(parser.value(statusOpt));
        if (!query.status) {
            return usageError(Text::tr("Unknown status \"%1\": use draft, in_review, "
                                       "needs_changes, approved, scheduled, published or "
                                       "unpublished.")
                                  .arg(parser.value(statusOpt)));
        }
    }
    query.limit = 100000;
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    newsroom::ArticleService service(*context->db);
    const auto found = service.list(context->actor, query);
    if (!found) {
        return failure(found.error());
    }
    if (parser.isSet(jsonOpt)) {
        QJsonArray array;
        for (const newsroom::ArticleSummary &summary : *found) {
            array.append(summaryJson(summary));
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return Done;
    }
    for (const newsroom::ArticleSummary &summary : *found) {
        m_out << summary.id << '\t' << newsroom::statusId(summary.status) << '\t'
              << newsroom::kindId(summary.kind) << '\t' << summary.title << '\n';
    }
    return Done;
}

int Runner::articlesShow(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOpt(u"json"_s);
    parser.addOption(jsonOpt);
    if (!parseSub(parser, args, 1, u"daftar-cli articles show ID [--json]"_s)) {
        return m_subExit;
    }
    qint64 id = 0;
    if (!parseId(parser.positionalArguments().at(0), &id)) {
        return usageError(
            Text::tr("\"%1\" is not an article id.").arg(parser.positionalArguments().at(0)));
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    newsroom::ArticleService service(*context->db);
    const auto article = service.get(context->actor, id);
    if (!article) {
        return failure(article.error());
    }
    const auto revisions = service.revisions(context->actor, id);
    if (!revisions) {
        return failure(revisions.error());
    }
    QJsonObject object = newsroom::toJson(*article);
    object.remove(u"body"_s);
    object.insert(u"html"_s, newsroom::articleBodyHtml(*article));
    object.insert(u"revision_count"_s, int(revisions->size()));
    if (parser.isSet(jsonOpt)) {
        m_out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return Done;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != u"html" && !it.value().isNull() && !it.value().isArray()) {
            m_out << it.key() << ": " << it.value().toVariant().toString() << '\n';
        }
    }
    m_out << '\n' << object.value(u"html"_s).toString() << '\n';
    return Done;
}

int Runner::articlesCleanup(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption dryRunOpt(u"dry-run"_s);
    parser.addOption(dryRunOpt);
    if (!parseSub(parser, args, 1, u"daftar-cli articles cleanup ID [--dry-run]"_s)) {
        return m_subExit;
    }
    qint64 id = 0;
    if (!parseId(parser.positionalArguments().at(0), &id)) {
        return usageError(
            Text::tr("\"%1\" is not an article id.").arg(parser.positionalArguments().at(0)));
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    newsroom::ArticleService service(*context->db);
    auto article = service.get(context->actor, id);
    if (!article) {
        return failure(article.error());
    }
    const newsroom::CleanupResult title = newsroom::cleanupPlainText(article->title);
    const newsroom::CleanupResult lead = newsroom::cleanupPlainText(article->lead);
    const newsroom::CleanupResult body = newsroom::cleanupHtml(article->body);
    const QList<newsroom::CleanupChange> changes = title.changes + lead.changes + body.changes;
    for (const newsroom::CleanupChange &change : changes) {
        m_out << newsroom::cleanupRuleName(change.rule) << ":\t" << change.before << "\t→\t"
              << change.after << '\n';
    }
    if (changes.isEmpty()) {
        m_out << Text::tr("Nothing to clean up in article %1.").arg(id) << '\n';
        return Done;
    }
    if (parser.isSet(dryRunOpt)) {
        m_out << Text::tr(
            "%n change(s) found; nothing was saved (--dry-run).", nullptr, int(changes.size()))
              << '\n';
        return Done;
    }
    article->title = title.html;
    article->lead = lead.html;
    article->body = body.html;
    const auto saved = service.save(context->actor, *article);
    if (!saved) {
        return failure(saved.error());
    }
    m_out << Text::tr("%n change(s) saved as revision %1.", nullptr, int(changes.size()))
                 .arg(saved->revision)
          << '\n';
    return Done;
}

int Runner::articlesSetStatus(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption commentOpt(u"comment"_s, QString(), u"TEXT"_s);
    const QCommandLineOption atOpt(u"at"_s, QString(), u"DATE_TIME"_s);
    parser.addOptions({commentOpt, atOpt});
    if (!parseSub(parser, args, 2,
            u"daftar-cli articles set-status ID STATUS [--comment TEXT] [--at DATE_TIME]"_s)) {
        return m_subExit;
    }
    qint64 id = 0;
    if (!parseId(parser.positionalArguments().at(0), &id)) {
        return usageError(
            Text::tr("\"%1\" is not an article id.").arg(parser.positionalArguments().at(0)));
    }
    const auto status = newsroom::statusFromId(parser.positionalArguments().at(1));
    if (!status) {
        return usageError(Text::tr("Unknown status \"%1\": use draft, in_review, needs_changes, "
                                   "approved, scheduled, published or unpublished.")
                              .arg(parser.positionalArguments().at(1)));
    }
    QDateTime at;
    if (parser.isSet(atOpt)) {
        at = QDateTime::fromString(parser.value(atOpt), Qt::ISODate);
        if (!at.isValid()) {
            return usageError(Text::tr("--at needs a date and time such as 2026-12-01T09:30 "
                                       "(local time) or 2026-12-01T06:00Z."));
        }
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    newsroom::ArticleService service(*context->db);
    const auto moved = service.setStatus(context->actor, id, *status, parser.value(commentOpt), at);
    if (!moved) {
        return failure(moved.error());
    }
    m_out << Text::tr("Article %1 is now %2.").arg(id).arg(newsroom::statusId(moved->status))
          << '\n';
    return Done;
}

int Runner::articlesRender(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption outOpt(u"out"_s, QString(), u"FILE"_s);
    parser.addOption(outOpt);
    const QString usage = u"daftar-cli articles render ID --out FILE.html|FILE.pdf"_s;
    if (!parseSub(parser, args, 1, usage)) {
        return m_subExit;
    }
    qint64 id = 0;
    if (!parseId(parser.positionalArguments().at(0), &id)) {
        return usageError(
            Text::tr("\"%1\" is not an article id.").arg(parser.positionalArguments().at(0)));
    }
    const QString out = QDir::cleanPath(QFileInfo(parser.value(outOpt)).absoluteFilePath());
    const QString suffix = QFileInfo(out).suffix().toLower();
    if (!parser.isSet(outOpt) || (suffix != u"html" && suffix != u"pdf")) {
        return usageError(
            Text::tr("--out needs a file ending in .html or .pdf.\nUsage: %1").arg(usage));
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    newsroom::ArticleService service(*context->db);
    const auto article = service.get(context->actor, id);
    if (!article) {
        return failure(article.error());
    }
    newsroom::MediaLibrary media(*context->db);
    if (suffix == u"pdf") {
        if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
            return failure(makeError(Error::Kind::Invalid,
                Text::tr("PDF rendering needs the graphical runtime, which this run of "
                         "daftar-cli did not start.")));
        }
        const Status rendered = render::renderPdf(
            newsroom::renderArticlePage(*article), out, render::libraryFetcher(*context->db));
        if (!rendered) {
            return failure(rendered.error());
        }
        m_out << out << '\n';
        return Done;
    }
    // A standalone file: images are written into the page itself.
    newsroom::PageOptions options;
    options.mediaUrl = [&media](qint64 mediaId) {
        auto item = media.item(mediaId);
        auto bytes = media.bytes(mediaId);
        if (!item || !bytes) {
            return QString();
        }
        return u"data:%1;base64,%2"_s.arg(item->mimeType, QString::fromLatin1(bytes->toBase64()));
    };
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly)) {
        return failure(makeError(
            Error::Kind::Invalid, Text::tr("Cannot write %1: %2.").arg(out, file.errorString())));
    }
    file.write(newsroom::renderArticlePage(*article, options).toUtf8());
    if (!file.commit()) {
        return failure(makeError(
            Error::Kind::Invalid, Text::tr("Cannot write %1: %2.").arg(out, file.errorString())));
    }
    m_out << out << '\n';
    return Done;
}

} // namespace daftar::cli
