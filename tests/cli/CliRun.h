// Runs the real daftar-cli executable for the CLI tests, with a clean
// environment (no DAFTAR_DB or passwords inherited from the developer's shell).
#pragma once

#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace daftar::test {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

inline Run cli(const QStringList &arguments, const QMap<QString, QString> &env = {},
    const QByteArray &input = {})
{
    using namespace Qt::StringLiterals;
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"DAFTAR_DB"_s);
    environment.remove(u"DAFTAR_PASSWORD"_s);
    environment.remove(u"DAFTAR_NEW_PASSWORD"_s);
    environment.insert(u"USER"_s, u"cli-tester"_s);
    for (auto it = env.begin(); it != env.end(); ++it) {
        environment.insert(it.key(), it.value());
    }
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(DAFTAR_CLI_PATH), arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        return {};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError())};
}

} // namespace daftar::test
