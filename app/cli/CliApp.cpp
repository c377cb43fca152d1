#include "CliApp.h"

#include "Runner.h"
#include "accounts/AccountService.h"
#include "members/BranchService.h"
#include "members/MemberExport.h"
#include "members/MemberImport.h"
#include "members/MemberPrint.h"
#include "members/MemberService.h"
#include "render/PdfRenderer.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "text/PersianText.h"
#include "text/Provinces.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <memory>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace daftar::cli {

namespace {

const char *const overview = QT_TRANSLATE_NOOP("daftar_cli",
    "Usage: daftar-cli [--db LOCATION] [--user NAME] COMMAND ...\n"
    "\n"
    "Commands:\n"
    "  db migrate                 bring the database schema up to this version\n"
    "  db check                   check integrity and schema (exit 1 on problems)\n"
    "  users add NAME --name FULL_NAME --role ROLE [--province IR-NN]\n"
    "                             add an account; the password comes from\n"
    "                             DAFTAR_NEW_PASSWORD or is asked for\n"
    "  users list [--json]        list accounts\n"
    "  users passwd NAME          set a new password (unlocks a locked account)\n"
    "  members import FILE [--report REPORT.csv] [--dry-run]\n"
    "                 [--encoding auto|utf-8|utf-16|windows-1256]\n"
    "                             import a CSV or XLSX member list (exit 3: some rows\n"
    "                             rejected, the rest are in; the report says why)\n"
    "  members export FILE [--province IR-NN] [--lang fa|en]\n"
    "                             .csv (UTF-8 with BOM), .xlsx or a printable .pdf\n"
    "                             (up to 5,000 members; exit 3 when there were more)\n"
    "  members search QUERY [--province IR-NN] [--status S] [--limit N] [--json]\n"
    "  members show ID|NATIONAL_ID [--json]\n"
    "  members count [--province IR-NN] [--json]\n"
    "  branches list [--json]\n"
    "  articles create --title T [--lead L] --body-file FILE(.html|.md|.txt)\n"
    "                  [--kind article|announcement] [--category C] [--date DATE]\n"
    "                  [--until DATE] [--lang fa|en]\n"
    "                             add a draft (dates Jalali 1398/09/03 or ISO); prints its id\n"
    "  articles list [--status S] [--json]\n"
    "  articles show ID [--json]  with the sanitised HTML, status and revision count\n"
    "  articles cleanup ID [--dry-run]\n"
    "                             the editor's clean-up; saves a new revision\n"
    "  articles set-status ID STATUS [--comment TEXT] [--at DATE_TIME]\n"
    "                             draft, in_review, needs_changes, approved, scheduled,\n"
    "                             published, unpublished (as the roles allow)\n"
    "  articles render ID --out FILE.html|FILE.pdf\n"
    "                             the page as the site shows it, or a PDF of it\n"
    "  sites add NAME --type wordpress|json --url URL [--user USER] --password-env VAR\n"
    "            [--language fa|en] [--unpublish draft|trash] [--timeout SECONDS]\n"
    "                             a public site; its password is read from VAR (or the\n"
    "                             keychain, set in the GUI), never stored in the database\n"
    "  sites list [--json]        sites remove NAME\n"
    "  sites check NAME           log in to the site for real (exit 1 when it fails)\n"
    "  publish ARTICLE_ID... [--site NAME]\n"
    "                             queue approved articles and send them now\n"
    "  publish --approved [--site NAME]\n"
    "                             everything approved and not on its sites yet, and the\n"
    "                             take-down of announcements past their date\n"
    "  publish --directories [--site NAME]\n"
    "                             the branches page and the public member directory\n"
    "  publish --run              finish the outbox (for a scheduled task)\n"
    "                             (publish takes --jobs N: items sent at once, default 4)\n"
    "  unpublish ARTICLE_ID [--site NAME]\n"
    "  publish status [--json]    the outbox, and where each article is published\n"
    "                             (publish exits 3 when jobs failed; they stay queued)\n"
    "\n"
    "Options:\n"
    "  --db LOCATION   a SQLite file, sqlite:/path or postgresql://user@host:port/db\n"
    "                  (default: DAFTAR_DB, else the desktop's own database)\n"
    "  --user NAME     log in as NAME with the password in DAFTAR_PASSWORD; needed on\n"
    "                  PostgreSQL. On a local SQLite file daftar-cli otherwise acts as\n"
    "                  administrator, recorded in the audit trail as the OS user.\n"
    "  -h, --help      show this help;  -v, --version  show the version\n"
    "\n"
    "Roles: administrator, chief_editor, editor, membership_officer, branch_officer, viewer\n"
    "Exit codes: 0 done; 1 failed, nothing changed; 2 usage error; 3 partly done.\n");

} // namespace

int Runner::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption dbOption(u"db"_s, QString(), u"LOCATION"_s);
    const QCommandLineOption userOption(u"user"_s, QString(), u"NAME"_s);
    const QCommandLineOption helpOption(QStringList {u"h"_s, u"help"_s});
    const QCommandLineOption versionOption(QStringList {u"v"_s, u"version"_s});
    parser.addOptions({dbOption, userOption, helpOption, versionOption});
    if (!parser.parse(arguments)) {
        return usageError(parser.errorText());
    }
    if (parser.isSet(helpOption)) {
        m_out << Text::tr(overview);
        return Done;
    }
    if (parser.isSet(versionOption)) {
        m_out << "daftar-cli " << QCoreApplication::applicationVersion() << '\n';
        return Done;
    }
    m_dbOption = parser.value(dbOption);
    m_userOption = parser.value(userOption);
    const QStringList words = parser.positionalArguments();
    if (words.size() < 2 && !(words.size() == 1 && words.at(0) == "publish"_L1)) {
        return usageError(words.isEmpty()
                ? Text::tr("No command given.")
                : Text::tr("\"%1\" needs a subcommand.").arg(words.first()));
    }
    const QString command = words.at(0) + u' ' + words.value(1);
    const QStringList rest = words.mid(1); // QCommandLineParser takes the first as the program name
    if (command == "db migrate"_L1) {
        return dbMigrate(rest);
    }
    if (command == "db check"_L1) {
        return dbCheck(rest);
    }
    if (command == "users add"_L1) {
        return usersAdd(rest);
    }
    if (command == "users list"_L1) {
        return usersList(rest);
    }
    if (command == "users passwd"_L1) {
        return usersPasswd(rest);
    }
    if (command == "members import"_L1) {
        return membersImport(rest);
    }
    if (command == "members export"_L1) {
        return membersExport(rest);
    }
    if (command == "members search"_L1) {
        return membersSearch(rest);
    }
    if (command == "members show"_L1) {
        return membersShow(rest);
    }
    if (command == "members count"_L1) {
        return membersCount(rest);
    }
    if (command == "branches list"_L1) {
        return branchesList(rest);
    }
    if (command == "articles create"_L1) {
        return articlesCreate(rest);
    }
    if (command == "articles list"_L1) {
        return articlesList(rest);
    }
    if (command == "articles show"_L1) {
        return articlesShow(rest);
    }
    if (command == "articles cleanup"_L1) {
        return articlesCleanup(rest);
    }
    if (command == "articles set-status"_L1) {
        return articlesSetStatus(rest);
    }
    if (command == "articles render"_L1) {
        return articlesRender(rest);
    }
    if (command == "sites add"_L1) {
        return sitesAdd(rest);
    }
    if (command == "sites list"_L1) {
        return sitesList(rest);
    }
    if (command == "sites check"_L1) {
        return sitesCheck(rest);
    }
    if (command == "sites remove"_L1) {
        return sitesRemove(rest);
    }
    if (command == "publish status"_L1) {
        return publishStatus(rest);
    }
    if (words.at(0) == "publish"_L1) {
        return publish(words);
    }
    if (words.at(0) == "unpublish"_L1) {
        return unpublish(words);
    }
    return usageError(Text::tr("Unknown command \"%1\".").arg(command));
}

bool Runner::parseSub(
    QCommandLineParser &parser, const QStringList &args, int positionalCount, const QString &usage)
{
    const QCommandLineOption helpOption(QStringList {u"h"_s, u"help"_s});
    parser.addOption(helpOption);
    if (!parser.parse(args)) {
        m_subExit = usageError(parser.errorText() + u'\n' + usage);
        return false;
    }
    if (parser.isSet(helpOption)) {
        m_out << usage << '\n';
        m_subExit = Done;
        return false;
    }
    if (positionalCount >= 0 && parser.positionalArguments().size() != positionalCount) {
        m_subExit = usageError(Text::tr("Usage: %1").arg(usage));
        return false;
    }
    return true;
}

Result<storage::DatabaseLocation> Runner::location() const
{
    QString text = m_dbOption;
    if (text.isEmpty()) {
        text = qEnvironmentVariable("DAFTAR_DB");
    }
    if (text.isEmpty()) {
        return storage::DatabaseLocation::defaultLocation();
    }
    return storage::DatabaseLocation::parse(text);
}

Result<std::unique_ptr<storage::Database>> Runner::openAsItIs() const
{
    const auto where = location();
    if (!where) {
        return where.error();
    }
    return storage::Database::open(*where, storage::Database::Migration::Refuse);
}

Result<Context> Runner::openForWork(bool allowBootstrap)
{
    const auto where = location();
    if (!where) {
        return where.error();
    }
    auto db = storage::Database::open(*where);
    if (!db) {
        return db.error();
    }
    Context context {std::move(db).value(), {}};
    if (m_userOption.isEmpty()) {
        if (where->engine == storage::DatabaseLocation::Engine::SQLite) {
            context.actor = accounts::Actor::operatingSystemUser();
            return context;
        }
        accounts::AccountService accountsService(*context.db);
        const auto any = accountsService.hasUsers();
        if (!any) {
            return any.error();
        }
        if (allowBootstrap && !*any) {
            return context; // the very first administrator of a shared database
        }
        return makeError(Error::Kind::Refused,
            Text::tr("A shared database needs a login: add --user NAME and put the "
                     "password in the environment variable DAFTAR_PASSWORD."));
    }
    if (!qEnvironmentVariableIsSet("DAFTAR_PASSWORD")) {
        return makeError(Error::Kind::Refused,
            Text::tr("Set the environment variable DAFTAR_PASSWORD to the password of "
                     "\"%1\".")
                .arg(m_userOption));
    }
    accounts::AccountService accountsService(*context.db);
    const auto user = accountsService.logIn(m_userOption, qEnvironmentVariable("DAFTAR_PASSWORD"));
    if (!user) {
        return user.error();
    }
    context.actor = user->actor();
    return context;
}

Result<QString> Runner::newPassword(const QString &forWhom)
{
    if (qEnvironmentVariableIsSet("DAFTAR_NEW_PASSWORD")) {
        return qEnvironmentVariable("DAFTAR_NEW_PASSWORD");
    }
    const QString first = m_readSecret(Text::tr("New password for %1: ").arg(forWhom));
    const QString again = m_readSecret(Text::tr("Repeat the password: "));
    if (first.isEmpty() || first != again) {
        return makeError(Error::Kind::Invalid,
            Text::tr("No password given, or the two entries differ. Nothing was "
                     "changed."));
    }
    return first;
}

int Runner::dbMigrate(const QStringList &args)
{
    QCommandLineParser parser;
    if (!parseSub(parser, args, 0, u"daftar-cli db migrate"_s)) {
        return m_subExit;
    }
    auto db = openAsItIs();
    if (!db) {
        return failure(db.error());
    }
    const auto before = (*db)->schemaVersion();
    if (!before) {
        return failure(before.error());
    }
    if (const Status migrated = storage::migrateToLatest(**db); !migrated) {
        return failure(migrated.error());
    }
    if (*before == storage::latestSchemaVersion()) {
        m_out << Text::tr("%1 is up to date (schema version %2).")
                     .arg((*db)->location().displayName())
                     .arg(*before)
              << '\n';
    } else {
        m_out << Text::tr("%1 migrated from schema version %2 to %3.")
                     .arg((*db)->location().displayName())
                     .arg(*before)
                     .arg(storage::latestSchemaVersion())
              << '\n';
    }
    return Done;
}

int Runner::dbCheck(const QStringList &args)
{
    QCommandLineParser parser;
    if (!parseSub(parser, args, 0, u"daftar-cli db check"_s)) {
        return m_subExit;
    }
    auto db = openAsItIs();
    if (!db) {
        return failure(db.error());
    }
    const auto problems = (*db)->integrityProblems();
    if (!problems) {
        return failure(problems.error());
    }
    if (!problems->isEmpty()) {
        for (const QString &problem : *problems) {
            m_err << problem << '\n';
        }
        m_err << Text::tr("%1: %n problem(s) found.", nullptr, int(problems->size()))
                     .arg((*db)->location().displayName())
              << Qt::endl;
        return Failed;
    }
    m_out << Text::tr("%1: no problems found (schema version %2).")
                 .arg((*db)->location().displayName())
                 .arg(storage::latestSchemaVersion())
          << '\n';
    return Done;
}

int Runner::usersAdd(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption nameOption(u"name"_s, QString(), u"FULL_NAME"_s);
    const QCommandLineOption roleOption(u"role"_s, QString(), u"ROLE"_s);
    const QCommandLineOption provinceOption(u"province"_s, QString(), u"PROVINCE"_s);
    parser.addOptions({nameOption, roleOption, provinceOption});
    const QString usage = u"daftar-cli users add NAME --name FULL_NAME --role ROLE "
                          "[--province IR-NN]"_s;
    if (!parseSub(parser, args, 1, usage)) {
        return m_subExit;
    }
    const auto role = accounts::roleFromId(parser.value(roleOption));
    if (!role) {
        return usageError(
            Text::tr("Unknown role \"%1\". Roles: administrator, chief_editor, editor, "
                     "membership_officer, branch_officer, viewer.")
                .arg(parser.value(roleOption)));
    }
    auto context = openForWork(true);
    if (!context) {
        return failure(context.error());
    }
    const QString username = parser.positionalArguments().at(0);
    const auto password = newPassword(username);
    if (!password) {
        return failure(password.error());
    }
    accounts::AccountService service(*context->db);
    accounts::NewUser user {
        username, parser.value(nameOption), *role, parser.value(provinceOption), *password};
    const bool bootstrap = !context->actor.userId && context->actor.username.isEmpty();
    if (bootstrap && *role != accounts::Role::Administrator) {
        return failure(makeError(Error::Kind::Refused,
            Text::tr("This shared database has no accounts yet: the first one "
                     "must be an administrator.")));
    }
    const auto created = bootstrap
        ? service.createFirstAdministrator(user.username, user.displayName, user.password)
        : service.addUser(context->actor, user);
    if (!created) {
        return failure(created.error());
    }
    m_out << Text::tr("Added %1 (%2) as %3.")
                 .arg(created->username, created->displayName,
                     accounts::roleDisplayName(created->role))
          << '\n';
    return Done;
}

int Runner::usersList(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(u"json"_s);
    parser.addOption(jsonOption);
    if (!parseSub(parser, args, 0, u"daftar-cli users list [--json]"_s)) {
        return m_subExit;
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    accounts::AccountService service(*context->db);
    const auto users = service.users(context->actor);
    if (!users) {
        return failure(users.error());
    }
    if (parser.isSet(jsonOption)) {
        QJsonArray array;
        for (const accounts::User &user : *users) {
            array.append(QJsonObject {
                {u"id"_s, user.id},
                {u"username"_s, user.username},
                {u"display_name"_s, user.displayName},
                {u"role"_s, accounts::roleId(user.role)},
                {u"province"_s, user.province.isEmpty() ? QJsonValue() : QJsonValue(user.province)},
                {u"active"_s, user.active},
                {u"last_login_at"_s,
                    user.lastLoginAt.isValid() ? QJsonValue(user.lastLoginAt.toString(Qt::ISODate))
                                               : QJsonValue()},
            });
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return Done;
    }
    for (const accounts::User &user : *users) {
        m_out << user.username << '\t' << user.displayName << '\t' << accounts::roleId(user.role)
              << '\t' << (user.province.isEmpty() ? u"-"_s : user.province) << '\t'
              << (user.lastLoginAt.isValid() ? user.lastLoginAt.toString(Qt::ISODate) : u"-"_s)
              << '\n';
    }
    return Done;
}

int Runner::usersPasswd(const QStringList &args)
{
    QCommandLineParser parser;
    if (!parseSub(parser, args, 1, u"daftar-cli users passwd NAME"_s)) {
        return m_subExit;
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    const QString username = parser.positionalArguments().at(0);
    const auto password = newPassword(username);
    if (!password) {
        return failure(password.error());
    }
    accounts::AccountService service(*context->db);
    if (const Status changed = service.changePassword(context->actor, username, *password);
        !changed) {
        return failure(changed.error());
    }
    m_out << Text::tr("The password of %1 was changed.").arg(username) << '\n';
    return Done;
}

namespace {

QString provinceOption(const QString &value, bool *ok)
{
    *ok = true;
    if (value.isEmpty()) {
        return {};
    }
    const auto province = text::findProvince(value);
    *ok = province.has_value();
    return province ? province->code : QString();
}

} // namespace

int Runner::membersImport(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption reportOption(u"report"_s, QString(), u"REPORT.csv"_s);
    const QCommandLineOption dryRunOption(u"dry-run"_s);
    const QCommandLineOption encodingOption(u"encoding"_s, QString(), u"ENCODING"_s, u"auto"_s);
    parser.addOptions({reportOption, dryRunOption, encodingOption});
    if (!parseSub(parser, args, 1,
            u"daftar-cli members import FILE [--report REPORT.csv] [--dry-run] "
            "[--encoding auto|utf-8|utf-16|windows-1256]"_s)) {
        return m_subExit;
    }
    const auto encoding = importing::encodingFromName(parser.value(encodingOption));
    if (!encoding) {
        return usageError(Text::tr("Unknown encoding \"%1\": use auto, utf-8, utf-16 or "
                                   "windows-1256.")
                              .arg(parser.value(encodingOption)));
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    const QString file = parser.positionalArguments().at(0);
    members::ImportOptions options;
    options.encoding = *encoding;
    options.dryRun = parser.isSet(dryRunOption);
    members::MemberImport importer(*context->db);
    const auto report = importer.run(context->actor, file, options);
    if (!report) {
        return failure(report.error());
    }
    for (const members::ImportProblem &problem : report->problems) {
        m_err << Text::tr("row %1, %2 \"%3\": %4 (%5)")
                     .arg(problem.row)
                     .arg(problem.column, problem.value, problem.message, problem.code)
              << '\n';
    }
    if (parser.isSet(reportOption)) {
        if (const Status saved = report->saveCsv(parser.value(reportOption)); !saved) {
            return failure(saved.error());
        }
    }
    const QString summary = options.dryRun
        ? Text::tr("%1 (%2, %3): %4 data rows; %5 would be imported, %6 "
                   "are already in the bank, %7 rejected. Nothing was "
                   "written (dry run).")
        : Text::tr("%1 (%2, %3): %4 data rows; %5 imported, %6 were "
                   "already in the bank, %7 rejected.");
    m_out << summary
                 .arg(file, report->table.format, importing::encodingName(report->table.encoding))
                 .arg(report->dataRows)
                 .arg(report->imported)
                 .arg(report->alreadyPresent)
                 .arg(report->rejected)
          << '\n';
    if (!report->mapping.unknownHeaders.isEmpty()) {
        m_out << Text::tr("Columns not used: %1").arg(report->mapping.unknownHeaders.join(u", "_s))
              << '\n';
    }
    return report->exitCode();
}

int Runner::membersExport(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption provinceOpt(u"province"_s, QString(), u"IR-NN"_s);
    const QCommandLineOption langOpt(u"lang"_s, QString(), u"fa|en"_s, u"fa"_s);
    parser.addOptions({provinceOpt, langOpt});
    if (!parseSub(parser, args, 1,
            u"daftar-cli members export FILE(.csv|.xlsx|.pdf) [--province IR-NN] [--lang fa|en]"_s)) {
        return m_subExit;
    }
    bool ok = true;
    members::MemberQuery query;
    query.province = provinceOption(parser.value(provinceOpt), &ok);
    if (!ok) {
        return usageError(Text::tr("Unknown province \"%1\".").arg(parser.value(provinceOpt)));
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    const QString file = parser.positionalArguments().at(0);
    if (file.endsWith(u".pdf"_s, Qt::CaseInsensitive)) {
        const QLocale locale = parser.value(langOpt) == u"en"
            ? QLocale(QLocale::English, QLocale::UnitedStates)
            : QLocale(QLocale::Persian, QLocale::Iran);
        return membersPrint(*context, query, file, locale);
    }
    const auto written = members::exportMembers(*context->db, context->actor, query, file);
    if (!written) {
        return failure(written.error());
    }
    m_out << Text::tr("%1 members written to %2.").arg(*written).arg(file) << '\n';
    return Done;
}

int Runner::membersPrint(
    Context &context, members::MemberQuery query, const QString &file, const QLocale &locale)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        return failure(makeError(Error::Kind::Invalid,
            Text::tr("PDF printing needs the graphical runtime, which this run of daftar-cli "
                     "did not start.")));
    }
    members::MemberService service(*context.db);
    const auto total = service.count(context.actor, query);
    if (!total) {
        return failure(total.error());
    }
    query.limit = members::printableListLimit;
    const auto found = service.search(context.actor, query);
    if (!found) {
        return failure(found.error());
    }
    const QString title = locale.language() == QLocale::Persian ? u"فهرست اعضا"_s : u"Members"_s;
    const QString out = QDir::cleanPath(QFileInfo(file).absoluteFilePath());
    const Status printed
        = render::renderPdf(members::memberListPage(*found, *total, title, locale), out);
    if (!printed) {
        return failure(printed.error());
    }
    m_out << Text::tr("%1 members written to %2.").arg(found->size()).arg(out) << '\n';
    return *total > found->size() ? Partial : Done;
}

int Runner::membersSearch(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption provinceOpt(u"province"_s, QString(), u"IR-NN"_s);
    const QCommandLineOption statusOpt(u"status"_s, QString(), u"STATUS"_s);
    const QCommandLineOption limitOpt(u"limit"_s, QString(), u"N"_s, u"50"_s);
    const QCommandLineOption jsonOpt(u"json"_s);
    parser.addOptions({provinceOpt, statusOpt, limitOpt, jsonOpt});
    if (!parseSub(parser, args, 1,
            u"daftar-cli members search QUERY [--province IR-NN] [--status S] [--limit N] "
            "[--json]"_s)) {
        return m_subExit;
    }
    bool ok = true;
    members::MemberQuery query;
    query.text = parser.positionalArguments().at(0);
    query.province = provinceOption(parser.value(provinceOpt), &ok);
    if (!ok) {
        return usageError(Text::tr("Unknown province \"%1\".").arg(parser.value(provinceOpt)));
    }
    if (parser.isSet(statusOpt)) {
        const auto status = members::statusFromId(parser.value(statusOpt));
        if (!status) {
            return usageError(Text::tr("Unknown status \"%1\": use active, suspended, expired or "
                                       "resigned.")
                                  .arg(parser.value(statusOpt)));
        }
        query.status = status;
    }
    query.limit = parser.value(limitOpt).toInt(&ok);
    if (!ok || query.limit < 1) {
        return usageError(Text::tr("--limit needs a positive number."));
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    members::MemberService service(*context->db);
    const auto found = service.search(context->actor, query);
    if (!found) {
        return failure(found.error());
    }
    if (parser.isSet(jsonOpt)) {
        QJsonArray array;
        for (const members::Member &member : *found) {
            array.append(members::toJson(member));
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return Done;
    }
    for (const members::Member &member : *found) {
        m_out << member.membershipNo << '\t' << member.displayName() << '\t' << member.nationalId
              << '\t' << member.province << '\t' << member.city << '\t'
              << members::statusId(member.status) << '\n';
    }
    return Done;
}

int Runner::membersShow(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOpt(u"json"_s);
    parser.addOption(jsonOpt);
    if (!parseSub(parser, args, 1, u"daftar-cli members show ID|NATIONAL_ID [--json]"_s)) {
        return m_subExit;
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    members::MemberService service(*context->db);
    const QString key = text::toLatinDigits(parser.positionalArguments().at(0).trimmed());
    // Up to 7 digits is a member's id; national codes and IDs have 8 to 11.
    const bool isId = key.size() <= 7 && !text::digitsOnly(key).isEmpty();
    const auto found = isId ? service.get(context->actor, key.toLongLong())
                            : service.findByNationalId(context->actor, key);
    if (!found) {
        return failure(found.error());
    }
    if (!found->has_value()) {
        return failure(makeError(
            Error::Kind::NotFound, Text::tr("No member has the id or national code %1.").arg(key)));
    }
    const members::Member &member = **found;
    QJsonObject object = members::toJson(member);
    if (const auto dues = service.dues(context->actor, member.id); dues) {
        QJsonArray years;
        for (const members::Dues &paid : *dues) {
            years.append(QJsonObject {{u"year"_s, paid.year}, {u"amount_rial"_s, paid.amountRial},
                {u"receipt_no"_s, paid.receiptNo}});
        }
        object.insert(u"dues"_s, years);
    }
    if (parser.isSet(jsonOpt)) {
        m_out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return Done;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isNull() && !it.value().isArray()) {
            m_out << it.key() << ": " << it.value().toVariant().toString() << '\n';
        }
    }
    return Done;
}

int Runner::membersCount(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption provinceOpt(u"province"_s, QString(), u"IR-NN"_s);
    const QCommandLineOption jsonOpt(u"json"_s);
    parser.addOptions({provinceOpt, jsonOpt});
    if (!parseSub(parser, args, 0, u"daftar-cli members count [--province IR-NN] [--json]"_s)) {
        return m_subExit;
    }
    bool ok = true;
    members::MemberQuery query;
    query.province = provinceOption(parser.value(provinceOpt), &ok);
    if (!ok) {
        return usageError(Text::tr("Unknown province \"%1\".").arg(parser.value(provinceOpt)));
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    members::MemberService service(*context->db);
    const auto count = service.count(context->actor, query);
    if (!count) {
        return failure(count.error());
    }
    if (parser.isSet(jsonOpt)) {
        QJsonObject object {{u"count"_s, *count}};
        if (!query.province.isEmpty()) {
            object.insert(u"province"_s, query.province);
        }
        m_out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    } else {
        m_out << *count << '\n';
    }
    return Done;
}

int Runner::branchesList(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOpt(u"json"_s);
    parser.addOption(jsonOpt);
    if (!parseSub(parser, args, 0, u"daftar-cli branches list [--json]"_s)) {
        return m_subExit;
    }
    auto context = openForWork(false);
    if (!context) {
        return failure(context.error());
    }
    members::BranchService service(*context->db);
    const auto branches = service.list(context->actor);
    if (!branches) {
        return failure(branches.error());
    }
    if (parser.isSet(jsonOpt)) {
        QJsonArray array;
        for (const members::Branch &branch : *branches) {
            array.append(QJsonObject {{u"id"_s, branch.id}, {u"province"_s, branch.province},
                {u"city"_s, branch.city}, {u"name"_s, branch.name}, {u"head"_s, branch.head},
                {u"phones"_s, branch.phones}, {u"email"_s, branch.email},
                {u"active"_s, branch.active}, {u"member_count"_s, branch.memberCount},
                {u"active_member_count"_s, branch.activeMemberCount}});
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return Done;
    }
    for (const members::Branch &branch : *branches) {
        m_out << branch.province << '\t' << branch.city << '\t' << branch.name << '\t'
              << branch.memberCount << '\n';
    }
    return Done;
}

CliApp::CliApp(QTextStream &out, QTextStream &err, SecretReader readSecret)
    : m_out(out)
    , m_err(err)
    , m_readSecret(std::move(readSecret))
{ }

int CliApp::run(const QStringList &arguments)
{
    Runner runner(m_out, m_err, m_readSecret);
    const int code = runner.run(arguments);
    m_out.flush();
    m_err.flush();
    return code;
}

QString CliApp::readSecretFromTerminal(const QString &prompt)
{
    QTextStream err(stderr);
    err << prompt;
    err.flush();
#ifdef Q_OS_WIN
    HANDLE input = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    const bool console = GetConsoleMode(input, &mode);
    if (console) {
        SetConsoleMode(input, mode & ~ENABLE_ECHO_INPUT);
    }
#else
    termios saved {};
    const bool console = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (console) {
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
#endif
    // One stream for every call: a second stream would miss what the first buffered.
    static QTextStream in(stdin);
    const QString line = in.readLine();
#ifdef Q_OS_WIN
    if (console) {
        SetConsoleMode(input, mode);
    }
#else
    if (console) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    }
#endif
    if (console) {
        err << '\n';
    }
    return line;
}

} // namespace daftar::cli
