#include "AutosaveWriter.h"

#include "newsroom/ArticleService.h"
#include "storage/Database.h"

#include <memory>

namespace daftar::ui {

namespace {

// Lives on the writer's thread; the connection is opened there on first use
// because a database connection belongs to the thread that opened it.
class Worker : public QObject
{
public:
    Worker(storage::DatabaseLocation location, accounts::Actor actor)
        : m_location(std::move(location))
        , m_actor(std::move(actor))
    { }

    Status open()
    {
        if (m_db) {
            return success();
        }
        auto db = storage::Database::open(m_location, storage::Database::Migration::Refuse);
        if (!db) {
            return db.error();
        }
        m_db = std::move(db).value();
        return success();
    }

    Status save(const newsroom::Article &draft)
    {
        if (const Status opened = open(); !opened) {
            return opened;
        }
        return newsroom::ArticleService(*m_db).autosave(m_actor, draft);
    }

    Status discard(qint64 articleId)
    {
        if (const Status opened = open(); !opened) {
            return opened;
        }
        return newsroom::ArticleService(*m_db).discardAutosave(m_actor, articleId);
    }

    void close() { m_db.reset(); }

private:
    storage::DatabaseLocation m_location;
    accounts::Actor m_actor;
    std::unique_ptr<storage::Database> m_db;
};

} // namespace

AutosaveWriter::AutosaveWriter(
    storage::DatabaseLocation location, accounts::Actor actor, QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(std::move(location), std::move(actor)))
{
    m_thread.setObjectName(QStringLiteral("autosave"));
    m_worker->moveToThread(&m_thread);
    m_thread.start(QThread::LowPriority);
}

AutosaveWriter::~AutosaveWriter()
{
    auto *worker = static_cast<Worker *>(m_worker);
    QMetaObject::invokeMethod(
        m_worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void AutosaveWriter::save(const newsroom::Article &draft)
{
    auto *worker = static_cast<Worker *>(m_worker);
    QMetaObject::invokeMethod(m_worker, [this, worker, draft] {
        const Status done = worker->save(draft);
        if (done) {
            emit saved(QDateTime::currentDateTimeUtc());
        } else {
            emit failed(done.errorMessage());
        }
    });
}

void AutosaveWriter::discard(qint64 articleId)
{
    auto *worker = static_cast<Worker *>(m_worker);
    QMetaObject::invokeMethod(m_worker, [this, worker, articleId] {
        if (const Status done = worker->discard(articleId); !done) {
            emit failed(done.errorMessage());
        }
    });
}

void AutosaveWriter::flush()
{
    QMetaObject::invokeMethod(
        m_worker, [] {}, Qt::BlockingQueuedConnection);
}

} // namespace daftar::ui
