#include "SiteSecrets.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace daftar::publishing {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Publishing)
};

const QString keychainService = u"Daftar"_s;

// Runs a keychain job to its end on the calling thread.
void runJob(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

} // namespace

QString SiteSecrets::keychainKey(const Site &site)
{
    return u"site:%1@%2"_s.arg(site.name, site.url.host());
}

Result<QString> SiteSecrets::read(const Site &site)
{
    if (!site.passwordEnv.isEmpty()) {
        const QString value = qEnvironmentVariable(site.passwordEnv.toLocal8Bit().constData());
        if (!value.isEmpty()) {
            return value;
        }
    }
    QKeychain::ReadPasswordJob job(keychainService);
    job.setKey(keychainKey(site));
    runJob(job);
    if (job.error() == QKeychain::NoError && !job.textData().isEmpty()) {
        return job.textData();
    }
    const QString reason = job.error() == QKeychain::EntryNotFound
        ? Text::tr("the keychain has no entry \"%1\"").arg(keychainKey(site))
        : Text::tr("the keychain answered: %1").arg(job.errorString());
    if (!site.passwordEnv.isEmpty()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("No password for the site \"%1\": the environment variable %2 is not set "
                     "and %3. Set %2, or save the password in the site's settings.")
                .arg(site.name, site.passwordEnv, reason));
    }
    return makeError(Error::Kind::Invalid,
        Text::tr("No password for the site \"%1\": %2. Save the password in the site's "
                 "settings, or name an environment variable that holds it (daftar-cli sites "
                 "add … --password-env VARIABLE).")
            .arg(site.name, reason));
}

Status SiteSecrets::store(const Site &site, const QString &secret)
{
    QKeychain::WritePasswordJob job(keychainService);
    job.setKey(keychainKey(site));
    job.setTextData(secret);
    runJob(job);
    if (job.error() != QKeychain::NoError) {
        return makeError(Error::Kind::Storage,
            Text::tr("The password could not be saved in the keychain (%1). On a computer "
                     "without a keychain, put it in an environment variable and name that "
                     "variable in the site's settings.")
                .arg(job.errorString()));
    }
    return success();
}

Status SiteSecrets::forget(const Site &site)
{
    QKeychain::DeletePasswordJob job(keychainService);
    job.setKey(keychainKey(site));
    runJob(job);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound) {
        return makeError(Error::Kind::Storage,
            Text::tr("The password could not be removed from the keychain (%1).")
                .arg(job.errorString()));
    }
    return success();
}

} // namespace daftar::publishing
