#include "cli/CliApp.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Daftar"));
    QCoreApplication::setApplicationName(QStringLiteral("Daftar"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DAFTAR_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    daftar::cli::CliApp cli(out, err, &daftar::cli::CliApp::readSecretFromTerminal);
    return cli.run(QCoreApplication::arguments());
}
