// daftar-cli: scripted access to the same core functions the GUI uses.
// Exit codes (kept by every command): 0 done; 1 failed and nothing changed
// (message on stderr); 2 usage error; 3 partly done (what was not done is reported).
#pragma once

#include <QStringList>
#include <QTextStream>

#include <functional>

namespace daftar::cli {

enum ExitCode { Done = 0, Failed = 1, Usage = 2, Partial = 3 };

class CliApp
{
public:
    // Reads secrets (new passwords) when the environment does not give them.
    using SecretReader = std::function<QString(const QString &prompt)>;

    CliApp(QTextStream &out, QTextStream &err, SecretReader readSecret);

    // arguments[0] is the program name, as in QCoreApplication::arguments().
    int run(const QStringList &arguments);

    // Reads a line from the terminal without echo (or from stdin when piped).
    static QString readSecretFromTerminal(const QString &prompt);

private:
    QTextStream &m_out;
    QTextStream &m_err;
    SecretReader m_readSecret;
};

} // namespace daftar::cli
