// Writes the editor's autosaves on a thread with its own database connection,
// so that a slow disk (synchronous=FULL on SQLite, a far PostgreSQL) never
// stalls typing. Writes happen in the order they were asked for.
#pragma once

#include "accounts/Actor.h"
#include "newsroom/Article.h"
#include "storage/DatabaseLocation.h"

#include <QDateTime>
#include <QObject>
#include <QThread>

namespace daftar::ui {

class AutosaveWriter : public QObject
{
    Q_OBJECT

public:
    AutosaveWriter(
        storage::DatabaseLocation location, accounts::Actor actor, QObject *parent = nullptr);
    ~AutosaveWriter() override; // finishes what was asked, then stops

    void save(const newsroom::Article &draft);
    void discard(qint64 articleId);
    // Returns when every write asked for so far is on disk.
    void flush();

signals:
    void saved(const QDateTime &at);
    void failed(const QString &message);

private:
    QThread m_thread;
    QObject *m_worker;
};

} // namespace daftar::ui
