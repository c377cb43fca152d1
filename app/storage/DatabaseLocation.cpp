#include "DatabaseLocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace daftar::storage {

namespace {

// Translation context of this file's messages.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseLocation)
};

Result<DatabaseLocation> parsePostgres(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("The database location \"%1\" is not a valid PostgreSQL address. "
                     "Write it as postgresql://user:password@host:port/database.")
                .arg(QUrl(text).toDisplayString(QUrl::RemovePassword)));
    }
    DatabaseLocation location;
    location.engine = DatabaseLocation::Engine::PostgreSQL;
    location.host = url.host();
    location.port = url.port(5432);
    location.user = url.userName(QUrl::FullyDecoded);
    location.password = url.password(QUrl::FullyDecoded);
    location.databaseName = url.path(QUrl::FullyDecoded).mid(1);
    if (location.databaseName.isEmpty() || location.databaseName.contains(u'/')) {
        return makeError(Error::Kind::Invalid,
            Text::tr("The PostgreSQL address \"%1\" names no database. Add it after the "
                     "host, e.g. postgresql://daftar@db.example:5432/daftar.")
                .arg(location.displayName()));
    }
    return location;
}

} // namespace

Result<DatabaseLocation> DatabaseLocation::parse(QStringView input)
{
    const QString text = input.trimmed().toString();
    if (text.isEmpty()) {
        return makeError(Error::Kind::Invalid, Text::tr("No database location was given."));
    }
    if (text.startsWith("postgresql://"_L1, Qt::CaseInsensitive)
        || text.startsWith("postgres://"_L1, Qt::CaseInsensitive)) {
        return parsePostgres(text);
    }
    QString path = text;
    if (path.startsWith("sqlite:"_L1, Qt::CaseInsensitive)) {
        path = path.mid(7);
        // sqlite:///abs/path and sqlite://C:/path are URL forms of a file path.
        if (path.startsWith("//"_L1)) {
            path = path.mid(2);
        }
        path = QUrl::fromPercentEncoding(path.toUtf8());
    } else if (text.contains("://"_L1)) {
        return makeError(Error::Kind::Invalid,
            Text::tr("Unknown kind of database location \"%1\". Use a file path, "
                     "sqlite:/path/file.sqlite or postgresql://user@host/database.")
                .arg(text));
    }
    if (path.isEmpty()) {
        return makeError(Error::Kind::Invalid, Text::tr("The SQLite location names no file."));
    }
    DatabaseLocation location;
    location.engine = Engine::SQLite;
    location.path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    return location;
}

DatabaseLocation DatabaseLocation::defaultLocation()
{
    DatabaseLocation location;
    location.engine = Engine::SQLite;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    location.path = QDir(dir).filePath(u"daftar.sqlite"_s);
    return location;
}

QString DatabaseLocation::displayName() const
{
    if (engine == Engine::SQLite) {
        return QDir::toNativeSeparators(path);
    }
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPath(u'/' + databaseName);
    return url.toDisplayString();
}

} // namespace daftar::storage
