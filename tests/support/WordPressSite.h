// The test WordPress that the "wordpress" fixture starts (tests/services/wordpress.sh),
// seen from a test: its address and accounts, synchronous REST calls for setting up
// and checking what the code under test did, and a reset to an empty site.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace daftar::test {

struct WordPressSite
{
    QString url, user, password, adminUser, adminPassword;

    // Reads the env file named by $DAFTAR_TEST_WP_ENV; nullopt (and a QSKIP-able
    // message in *why) when it is missing.
    static std::optional<WordPressSite> fromEnvironment(QString *why = nullptr);

    struct Reply
    {
        int status = 0;
        QJsonDocument json;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    // Synchronous REST calls as the administrator, route like
    // "/wp/v2/posts?status=any&context=edit&per_page=100", sent in the ?rest_route= form.
    // status is 0 when no answer came within 30 s.
    Reply get(const QString &route) const;
    Reply post(const QString &route, const QJsonObject &body) const;
    Reply del(const QString &route) const; // e.g. "/wp/v2/posts/12?force=true"

    // The same as another account, e.g. the editor or a wrong password.
    Reply getAs(const QString &route, const QString &login, const QString &secret) const;
    Reply postAs(const QString &route, const QJsonObject &body, const QString &login,
        const QString &secret) const;

    // Deletes every post, page, media item, category except "Uncategorized" (id 1) and
    // tag, permanently: tests start from an empty site. Fails the running test when
    // something cannot be deleted.
    void reset() const;
};

} // namespace daftar::test
