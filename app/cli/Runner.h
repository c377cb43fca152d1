// The command runner of daftar-cli, shared by the files that implement its
// commands (CliApp.cpp: database, accounts, members; ArticleCommands.cpp: newsroom).
#pragma once

#include "CliApp.h"
#include "accounts/Actor.h"
#include "core/Result.h"
#include "members/MemberService.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLocale>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace daftar::cli {

// Translation context of daftar-cli's messages.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(daftar_cli)
};

// What every command needs: the open database and who is acting.
struct Context
{
    std::unique_ptr<storage::Database> db;
    accounts::Actor actor;
};

class Runner
{
public:
    Runner(QTextStream &out, QTextStream &err, const CliApp::SecretReader &readSecret)
        : m_out(out)
        , m_err(err)
        , m_readSecret(readSecret)
    { }

    int run(const QStringList &arguments);

private:
    int usageError(const QString &message)
    {
        m_err << message << '\n' << Text::tr("Run \"daftar-cli --help\" for usage.") << Qt::endl;
        return Usage;
    }
    int failure(const Error &error)
    {
        m_err << error.message << Qt::endl;
        return Failed;
    }

    Result<storage::DatabaseLocation> location() const;
    Result<Context> openForWork(bool allowBootstrap);
    // Opens without migrating, for the db commands that inspect or migrate themselves.
    Result<std::unique_ptr<storage::Database>> openAsItIs() const;
    Result<QString> newPassword(const QString &forWhom);

    int dbMigrate(const QStringList &args);
    int dbCheck(const QStringList &args);
    int usersAdd(const QStringList &args);
    int usersList(const QStringList &args);
    int usersPasswd(const QStringList &args);
    int membersImport(const QStringList &args);
    int membersExport(const QStringList &args);
    int membersSearch(const QStringList &args);
    int membersPrint(
        Context &context, members::MemberQuery query, const QString &file, const QLocale &locale);
    int membersShow(const QStringList &args);
    int membersCount(const QStringList &args);
    int branchesList(const QStringList &args);
    int articlesCreate(const QStringList &args);
    int articlesList(const QStringList &args);
    int articlesShow(const QStringList &args);
    int articlesCleanup(const QStringList &args);
    int articlesSetStatus(const QStringList &args);
    int articlesRender(const QStringList &args);
    int sitesAdd(const QStringList &args);
    int sitesList(const QStringList &args);
    int sitesCheck(const QStringList &args);
    int sitesRemove(const QStringList &args);
    int publish(const QStringList &args);
    int unpublish(const QStringList &args);
    int publishStatus(const QStringList &args);
    // Runs the outbox (the given jobs, or everything runnable) and reports.
    int runOutbox(Context &context, const std::optional<QList<qint64>> &jobIds, int parallel);

    // Parses a subcommand's own options; returns false after reporting misuse.
    bool parseSub(QCommandLineParser &parser, const QStringList &args, int positionalCount,
        const QString &usage);

    QTextStream &m_out;
    QTextStream &m_err;
    const CliApp::SecretReader &m_readSecret;
    QString m_dbOption;
    QString m_userOption;
    int m_subExit = Done;
};

} // namespace daftar::cli
