// daftar-cli's publishing commands: sites, the outbox and its runs — the same
// Outbox and Publisher the publishing page uses.
#include "Runner.h"
#include "publishing/Outbox.h"
#include "publishing/Publisher.h"
#include "publishing/Site.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace daftar::cli {

namespace {

using namespace daftar::publishing;

QJsonObject jobJson(const Job &job)
{
    return {{u"id"_s, job.id}, {u"site"_s, job.siteName}, {u"entity"_s, entityId(job.entity)},
        {u"entity_id"_s, job.entityId}, {u"title"_s, job.title},
        {u"action"_s, jobActionId(job.action)}, {u"state"_s, jobStateId(job.state)},
        {u"attempts"_s, job.attempts}, {u"step"_s, job.step}, {u"error"_s, job.lastError},
        {u"updated_at"_s, job.updatedAt.toString(Qt::ISODate)}};
}

QJsonObject publicationJson(const Publication &publication)
{
    return {{u"site"_s, publication.siteName}, {u"entity"_s, entityId(publication.entity)},
        {u"entity_id"_s, publication.entityId}, {u"title"_s, publication.title},
        {u"remote_id"_s, publication.remoteId}, {u"url"_s, publication.url.toString()},
        {u"pushed_revision"_s, publication.pushedRevision},
        {u"pushed_at"_s, publication.pushedAt.toString(Qt::ISODate)}, {u"live"_s, publication.live},
        {u"changed_since"_s, publication.changedSince}};
}

// The site --site names, or none when the option is not given.
Result<std::optional<qint64>> siteOption(storage::Database &db, const QString &name)
{
    if (name.isEmpty()) {
        return std::optional<qint64>();
    }
    const auto site = SiteService(db).byName(name);
    if (!site) {
        return site.error();
    }
    return std::optional<qint64>(site->id);
}

} // namespace

int Runner::sitesAdd(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption typeOpt(u"type"_s, QString(), u"TYPE"_s);
    const QCommandLineOption urlOpt(u"url"_s, QString(), u"URL"_s);
    const QCommandLineOption userOpt(u"user"_s, QString(), u"USER"_s);
    const QCommandLineOption envOpt(u"password-env"_s, QString(), u"VAR"_s);
    const QCommandLineOption languageOpt(u"language"_s, QString(), u"LANG"_s);
    const QCommandLineOption unpublishOpt(u"unpublish"_s, QString(), u"MODE"_s, u"draft"_s);
    const QCommandLineOption timeoutOpt(u"timeout"_s, QString(), u"SECONDS"_s, u"30"_s);
    parser.addOptions({typeOpt, urlOpt, userOpt, envOpt, languageOpt, unpublishOpt, timeoutOpt});
    const QString usage
        = u"daftar-cli sites add NAME --type wordpress|json --url URL [--user USER] "
          "--password-env VAR [--language fa|en] [--unpublish draft|trash] "
          "[--timeout SECONDS]"_s;
    if (!parseSub(parser, args, 1, usage)) {
        return m_subExit;
    }
    if (!parser.isSet(typeOpt) || !parser.isSet(urlOpt)) {
        return usageError(Text::tr("Give at least --type and --url.\nUsage: %1").arg(usage));
    }
    Site site;
    site.name = parser.positionalArguments().at(0);
    const auto type = siteTypeFromId(parser.value(typeOpt).toLower());
    if (!type) {
        return usageError(Text::tr("Unknown site type \"%1\": use wordpress or json.")
                              .arg(parser.value(typeOpt)));
    }
    site.type = *type;
    site.url = QUrl(parser.value(urlOpt));
    site.user = parser.value(userOpt);
    site.passwordEnv = parser.value(envOpt);
    site.language = parser.value(languageOpt).toLower();
    const auto mode = unpublishModeFromId(parser.value(unpublishOpt).toLower());
    if (!mode) {
        return usageError(
            Text::tr("--unpublish is draft or trash, not \"%1\".").arg(parser.value(unpublishOpt)));
    }
    site.unpublishMode = *mode;
    bool number = false;
    site.timeoutSeconds = parser.value(timeoutOpt).toInt(&number);
    if (!number) {
        return usageError(Text::tr("--timeout is a number of seconds."));
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    SiteService sites(*context->db);
    const auto added = sites.add(context->actor, site);
    if (!added) {
        return failure(added.error());
    }
    m_out << added->id << '\n';
    if (added->passwordEnv.isEmpty()) {
        m_err << Text::tr("No --password-env given: daftar-cli will look for the password in the "
                          "keychain (save it in the site's settings in Daftar).")
              << Qt::endl;
    }
    return Done;
}

int Runner::sitesList(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOpt(u"json"_s);
    parser.addOption(jsonOpt);
    if (!parseSub(parser, args, 0, u"daftar-cli sites list [--json]"_s)) {
        return m_subExit;
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    const auto sites = SiteService(*context->db).list();
    if (!sites) {
        return failure(sites.error());
    }
    if (parser.isSet(jsonOpt)) {
        QJsonArray array;
        for (const Site &site : *sites) {
            array.append(toJson(site));
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return Done;
    }
    for (const Site &site : *sites) {
        m_out << site.name << '\t' << siteTypeId(site.type) << '\t' << site.url.toString() << '\t'
              << (site.user.isEmpty() ? u"-"_s : site.user) << '\t'
              << (site.passwordEnv.isEmpty() ? Text::tr("keychain") : u"$"_s + site.passwordEnv)
              << (site.enabled ? QString() : u"\t"_s + Text::tr("disabled")) << '\n';
    }
    return Done;
}

int Runner::sitesCheck(const QStringList &args)
{
    QCommandLineParser parser;
    if (!parseSub(parser, args, 1, u"daftar-cli sites check NAME"_s)) {
        return m_subExit;
    }
    auto context = openForWork(false);
    const auto site = context ? SiteService(*context->db).byName(parser.positionalArguments().at(0))
                              : Result<Site>(context.error());
    if (!site) {
        return failure(site.error());
    }
    const auto report = Publisher::connectionReport(*site);
    if (!report) {
        return failure(report.error());
    }
    m_out << *report << '\n';
    return Done;
}

int Runner::sitesRemove(const QStringList &args)
{
    QCommandLineParser parser;
    if (!parseSub(parser, args, 1, u"daftar-cli sites remove NAME"_s)) {
        return m_subExit;
    }
    auto context = openForWork(false);
    const auto site = context ? SiteService(*context->db).byName(parser.positionalArguments().at(0))
                              : Result<Site>(context.error());
    if (!site) {
        return failure(site.error());
    }
    if (const Status removed = SiteService(*context->db).remove(context->actor, site->id);
        !removed) {
        return failure(removed.error());
    }
    return Done;
}

int Runner::runOutbox(Context &context, const std::optional<QList<qint64>> &jobIds, int parallel)
{
    Publisher publisher(context.db->location(), context.actor);
    publisher.setParallelJobs(parallel);
    const RunSummary summary = publisher.run(jobIds);
    Outbox outbox(*context.db);
    if (jobIds) {
        for (qint64 id : *jobIds) {
            const auto job = outbox.job(context.actor, id);
            if (job && job->state == JobState::Done) {
                m_out << jobStateId(job->state) << '\t' << job->siteName << '\t' << job->title
                      << '\t' << job->step << '\n';
            }
        }
    }
    for (const QString &error : summary.errors) {
        m_err << error << '\n';
    }
    m_err.flush();
    if (!summary.allDone()) {
        m_err << Text::tr("%n job(s) done, %1 failed, %2 waiting for a choice; they stay in the "
                          "outbox (daftar-cli publish status).",
            nullptr, summary.done)
                     .arg(summary.failed)
                     .arg(summary.conflicts)
              << Qt::endl;
        return Partial;
    }
    return Done;
}

int Runner::publish(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption siteOpt(u"site"_s, QString(), u"NAME"_s);
    const QCommandLineOption approvedOpt(u"approved"_s);
    const QCommandLineOption directoriesOpt(u"directories"_s);
    const QCommandLineOption runOpt(u"run"_s);
    const QCommandLineOption jobsOpt(u"jobs"_s, QString(), u"N"_s, u"4"_s);
    parser.addOptions({siteOpt, approvedOpt, directoriesOpt, runOpt, jobsOpt});
    const QString usage
        = u"daftar-cli publish ARTICLE_ID... [--site NAME] | --approved [--site NAME] "
          "| --directories [--site NAME] | --run | status [--json]  [--jobs N]"_s;
    if (!parseSub(parser, args, -1, usage)) {
        return m_subExit;
    }
    const QStringList ids = parser.positionalArguments();
    const int modes = (ids.isEmpty() ? 0 : 1) + (parser.isSet(approvedOpt) ? 1 : 0)
        + (parser.isSet(directoriesOpt) ? 1 : 0) + (parser.isSet(runOpt) ? 1 : 0);
    if (modes != 1) {
        return usageError(Text::tr("Give article ids, --approved, --directories or --run (one of "
                                   "them).\nUsage: %1")
                              .arg(usage));
    }
    bool jobsNumber = false;
    const int parallel = parser.value(jobsOpt).toInt(&jobsNumber);
    if (!jobsNumber || parallel < 1 || parallel > 16) {
        return usageError(Text::tr("--jobs is how many items are sent at once, 1 to 16."));
    }
    QList<qint64> articleIds;
    for (const QString &text : ids) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (!ok || id <= 0) {
            return usageError(Text::tr("\"%1\" is not an article id.").arg(text));
        }
        articleIds << id;
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    const auto site = siteOption(*context->db, parser.value(siteOpt));
    if (!site) {
        return failure(site.error());
    }
    const std::optional<qint64> siteId = *site;
    if (parser.isSet(runOpt)) {
        return runOutbox(*context, std::nullopt, parallel);
    }
    Outbox outbox(*context->db);
    const auto queued = parser.isSet(approvedOpt) ? outbox.queueApproved(context->actor, siteId)
        : parser.isSet(directoriesOpt)            ? outbox.queueDirectories(context->actor, siteId)
                                       : outbox.queuePublish(context->actor, articleIds, siteId);
    if (!queued) {
        return failure(queued.error());
    }
    if (queued->isEmpty()) {
        m_out << Text::tr("Nothing to publish: every approved article is on its sites as it is.")
              << '\n';
        return Done;
    }
    return runOutbox(*context, *queued, parallel);
}

int Runner::unpublish(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption siteOpt(u"site"_s, QString(), u"NAME"_s);
    parser.addOption(siteOpt);
    if (!parseSub(parser, args, 1, u"daftar-cli unpublish ARTICLE_ID [--site NAME]"_s)) {
        return m_subExit;
    }
    bool ok = false;
    const qint64 id = parser.positionalArguments().at(0).toLongLong(&ok);
    if (!ok || id <= 0) {
        return usageError(
            Text::tr("\"%1\" is not an article id.").arg(parser.positionalArguments().at(0)));
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    const auto site = siteOption(*context->db, parser.value(siteOpt));
    if (!site) {
        return failure(site.error());
    }
    const std::optional<qint64> siteId = *site;
    const auto queued = Outbox(*context->db).queueUnpublish(context->actor, id, siteId);
    if (!queued) {
        return failure(queued.error());
    }
    return runOutbox(*context, *queued, 4);
}

int Runner::publishStatus(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOpt(u"json"_s);
    parser.addOption(jsonOpt);
    if (!parseSub(parser, args, 0, u"daftar-cli publish status [--json]"_s)) {
        return m_subExit;
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    Outbox outbox(*context->db);
    const auto jobs
        = outbox.jobs(context->actor, JobFilter {std::nullopt, std::nullopt, true, 200});
    if (!jobs) {
        return failure(jobs.error());
    }
    const auto publications = outbox.publications(context->actor);
    if (!publications) {
        return failure(publications.error());
    }
    if (parser.isSet(jsonOpt)) {
        QJsonArray jobArray;
        for (const Job &job : *jobs) {
            jobArray.append(jobJson(job));
        }
        QJsonArray publicationArray;
        for (const Publication &publication : *publications) {
            publicationArray.append(publicationJson(publication));
        }
        m_out << QJsonDocument(
            QJsonObject {{u"jobs"_s, jobArray}, {u"publications"_s, publicationArray}})
                     .toJson(QJsonDocument::Indented);
        return Done;
    }
    m_out << Text::tr("Outbox:") << '\n';
    for (const Job &job : *jobs) {
        m_out << job.id << '\t' << jobStateId(job.state) << '\t' << jobActionId(job.action) << '\t'
              << job.siteName << '\t' << job.title << '\t'
              << (job.lastError.isEmpty() ? job.step : job.lastError) << '\n';
    }
    m_out << '\n' << Text::tr("On the sites:") << '\n';
    for (const Publication &publication : *publications) {
        m_out << publication.siteName << '\t' << publication.title << '\t'
              << publication.url.toString() << '\t' << publicationStateBrief(publication) << '\n';
    }
    return Done;
}

} // namespace daftar::cli
