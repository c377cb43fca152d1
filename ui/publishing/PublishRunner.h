// Runs the publishing outbox off the GUI thread for one main window: the
// publishing page and every article editor share it, so that two runs never
// race each other from the same desktop. Relays the publisher's progress as
// signals in the GUI thread.
#pragma once

#include "accounts/Actor.h"
#include "publishing/Publisher.h"
#include "storage/DatabaseLocation.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <optional>

class QThread;

namespace daftar::ui {

class PublishRunner : public QObject
{
    Q_OBJECT

public:
    PublishRunner(
        storage::DatabaseLocation location, accounts::Actor actor, QObject *parent = nullptr);
    // Asks a run to stop after the requests in flight and waits for it.
    ~PublishRunner() override;

    bool isRunning() const { return m_thread != nullptr; }
    // Runs the given jobs, or every runnable one. While a run is going on the
    // request is remembered and run as soon as the current run ends, so a job
    // queued meanwhile is never left waiting for someone to press "Run now".
    void start(std::optional<QList<qint64>> jobIds = std::nullopt);
    // Stops after the requests in flight; forgets a remembered request.
    void stop();

signals:
    void runStarted();
    // state is a publishing::JobState.
    void jobChanged(qint64 jobId, int state, int progress, const QString &step);
    void jobFinished(qint64 jobId, int state, const QString &error);
    void runFinished(const daftar::publishing::RunSummary &summary);

private:
    void finish(const publishing::RunSummary &summary);

    storage::DatabaseLocation m_location;
    accounts::Actor m_actor;
    QThread *m_thread = nullptr;
    // The publisher lives on the worker thread; stop() reaches it through this.
    QMutex m_publisherMutex;
    publishing::Publisher *m_publisher = nullptr;
    // What start() asked for while a run was going on: nullopt inside means every job.
    std::optional<std::optional<QList<qint64>>> m_next;
};

} // namespace daftar::ui

Q_DECLARE_METATYPE(daftar::publishing::RunSummary)
