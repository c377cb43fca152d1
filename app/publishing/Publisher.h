// Runs the outbox: takes each runnable job, sends it to its site (media first,
// then the post or document) and records every answer. Blocking; the GUI calls
// run() on a worker thread and listens to the signals, the CLI calls it directly.
// Several jobs run at once, each on its own thread, connection and HTTP client.
#pragma once

#include "Outbox.h"
#include "accounts/Actor.h"
#include "storage/DatabaseLocation.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <optional>

namespace daftar::publishing {

struct RunSummary
{
    int done = 0;
    int failed = 0;
    int conflicts = 0;
    QStringList errors; // "site — title: message", translated
    bool allDone() const { return failed == 0 && conflicts == 0; }
};

class Publisher : public QObject
{
    Q_OBJECT
public:
    Publisher(storage::DatabaseLocation location, accounts::Actor actor, QObject *parent = nullptr);

    void setParallelJobs(int count); // default 4
    // Runs the given jobs, or every runnable one, until each is done, failed or
    // in conflict. Safe to run in two processes at once: a job is claimed first.
    RunSummary run(const std::optional<QList<qint64>> &jobIds = std::nullopt);
    // Asks a running run() to stop after the requests in flight (thread-safe).
    void requestStop();

    // Checks the site's credentials for real (an authenticated request).
    static Status checkConnection(const Site &site);
    // The same, with the line to show on success ("Connected to … as …").
    static Result<QString> connectionReport(const Site &site);

signals:
    // Emitted from worker threads; connect with Qt::QueuedConnection.
    void jobChanged(qint64 jobId, int state, int progress, const QString &step);
    void jobFinished(qint64 jobId, int state, const QString &error);

private:
    storage::DatabaseLocation m_location;
    accounts::Actor m_actor;
    int m_parallel = 4;
    std::atomic_bool m_stop {false};
};

} // namespace daftar::publishing
