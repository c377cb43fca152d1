#include "PublishTarget.h"

#include "JsonTarget.h"
#include "WordPressTarget.h"

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace daftar::publishing {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Publishing)
};

// What the user can do about the common WordPress refusals.
QString advice(const QString &code, int status)
{
    if (code == "rest_not_logged_in"_L1 || code == "incorrect_password"_L1
        || code == "invalid_username"_L1 || status == 401) {
        return Text::tr("Check the user name and the Application Password in the site's "
                        "settings.");
    }
    if (code.startsWith("rest_cannot"_L1) || status == 403) {
        return Text::tr("The site's user may not do this: give it the Editor role on the site.");
    }
    if (code == "rest_upload_file_too_big"_L1 || code == "rest_upload_sideload_error"_L1
        || status == 413) {
        return Text::tr("The site refused the file: make the image smaller or raise the "
                        "site's upload limit.");
    }
    if (status == 404) {
        return Text::tr("Check the site's address in its settings.");
    }
    return {};
}

} // namespace

bool Payload::scheduled() const
{
    return publishAt.isValid() && publishAt > QDateTime::currentDateTimeUtc();
}

PublishTarget::~PublishTarget() = default;

std::unique_ptr<PublishTarget> makeTarget(const Site &site, const QString &secret, HttpClient &http)
{
    if (site.type == SiteType::Json) {
        return std::make_unique<JsonTarget>(site, secret, http);
    }
    return std::make_unique<WordPressTarget>(site, secret, http);
}

Error replyError(const Site &site, const QString &what, const HttpReply &reply, bool laterRun)
{
    if (reply.status == 0) {
        const QString why = reply.timedOut
            ? Text::tr("no answer within %n second(s)", nullptr, site.timeoutSeconds)
            : reply.errorText;
        QString message = Text::tr("%1: the site %2 could not be reached (%3) after %n attempt(s).",
            nullptr, reply.attempts)
                              .arg(what, site.name, why);
        if (laterRun) {
            message += u' ' + Text::tr("It will be tried again on the next run.");
        }
        return makeError(Error::Kind::Unavailable, message);
    }
    const QJsonObject body = reply.json().object();
    const QString siteMessage = body.value(u"message"_s).toString();
    const QString code = body.value(u"code"_s).toString();
    QString message
        = Text::tr("%1: the site %2 answered %3").arg(what, site.name).arg(reply.status);
    if (!siteMessage.isEmpty()) {
        message += Text::tr(" with the message \"%1\"").arg(siteMessage);
    }
    message += u'.';
    if (const QString hint = advice(code, reply.status); !hint.isEmpty()) {
        message += u' ' + hint;
    }
    if (reply.retryable()) {
        if (laterRun) {
            message += u' '
                + Text::tr("Tried %n time(s); it will be tried again on the next run.", nullptr,
                    reply.attempts);
        }
        return makeError(Error::Kind::Unavailable, message);
    }
    return makeError(Error::Kind::Refused, message);
}

} // namespace daftar::publishing
