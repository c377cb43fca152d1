// The publishing queue as a table: the outbox's jobs (newest first) with the
// item, the site, what is done to it, its state (a coloured dot), the progress
// while it runs, the attempts, the last change in Jalali and the last error.
// The runner's progress updates one row in place; a reload reads the outbox.
#pragma once

#include "accounts/Actor.h"
#include "publishing/Outbox.h"

#include <QAbstractTableModel>
#include <QLocale>

#include <optional>

namespace daftar::ui {

class JobListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Item, Site, Action, State, Progress, Attempts, Updated, Error, ColumnCount };
    enum Role {
        JobIdRole = Qt::UserRole,
        StateIdRole, // jobStateId() of the row, for styling and tests
        ProgressRole, // 0–100
        RunningRole, // whether the row's progress is drawn as a bar
    };

    JobListModel(publishing::Outbox &outbox, accounts::Actor actor, QObject *parent = nullptr);

    // Reads the outbox again; rows keep their order (newest first).
    void reload(const publishing::JobFilter &filter);
    void refresh();
    const publishing::JobFilter &filter() const { return m_filter; }
    // Why the list could not be read (e.g. the core refused); empty when it could.
    QString errorMessage() const { return m_error; }

    // What the runner reports while a job runs; false when the job is not listed.
    bool updateProgress(
        qint64 jobId, publishing::JobState state, int progress, const QString &step);
    // Reads one job again (after it finished); false when it is not listed.
    bool refreshJob(qint64 jobId);

    std::optional<publishing::Job> jobAt(int row) const;
    int rowOf(qint64 jobId) const;
    bool hasRunningJobs() const;

    void setLocale(const QLocale &locale);
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString display(const publishing::Job &job, int column) const;

    publishing::Outbox &m_outbox;
    accounts::Actor m_actor;
    publishing::JobFilter m_filter;
    QLocale m_locale;
    QList<publishing::Job> m_rows;
    QString m_error;
};

} // namespace daftar::ui
