#include "PublishRunner.h"

#include <QMutexLocker>
#include <QThread>

namespace daftar::ui {

PublishRunner::PublishRunner(
    storage::DatabaseLocation location, accounts::Actor actor, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_actor(std::move(actor))
{
    qRegisterMetaType<publishing::RunSummary>();
}

PublishRunner::~PublishRunner()
{
    if (m_thread) {
        stop();
        m_thread->wait();
        delete m_thread;
    }
}

void PublishRunner::start(std::optional<QList<qint64>> jobIds)
{
    if (m_thread) {
        // Two lists of jobs add up; a request for every job covers any list.
        if (!jobIds || (m_next && !*m_next)) {
            m_next.emplace(std::nullopt);
        } else if (!m_next) {
            m_next.emplace(jobIds);
        } else {
            for (qint64 id : *jobIds) {
                if (!(*m_next)->contains(id)) {
                    (*m_next)->append(id);
                }
            }
        }
        return;
    }
    m_thread = QThread::create([this, jobIds] {
        publishing::Publisher publisher(m_location, m_actor);
        connect(&publisher, &publishing::Publisher::jobChanged, this, &PublishRunner::jobChanged,
            Qt::QueuedConnection);
        connect(&publisher, &publishing::Publisher::jobFinished, this, &PublishRunner::jobFinished,
            Qt::QueuedConnection);
        {
            const QMutexLocker locker(&m_publisherMutex);
            m_publisher = &publisher;
        }
        const publishing::RunSummary summary = publisher.run(jobIds);
        {
            const QMutexLocker locker(&m_publisherMutex);
            m_publisher = nullptr;
        }
        QMetaObject::invokeMethod(
            this, [this, summary] { finish(summary); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("publishing"));
    m_thread->start();
    emit runStarted();
}

void PublishRunner::stop()
{
    m_next.reset();
    const QMutexLocker locker(&m_publisherMutex);
    if (m_publisher) {
        m_publisher->requestStop();
    }
}

void PublishRunner::finish(const publishing::RunSummary &summary)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    emit runFinished(summary);
    if (m_next) {
        const std::optional<QList<qint64>> next = *m_next;
        m_next.reset();
        start(next);
    }
}

} // namespace daftar::ui
