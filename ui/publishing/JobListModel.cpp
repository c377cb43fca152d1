#include "JobListModel.h"

#include "PublicationDisplay.h"

#include <QFont>

namespace daftar::ui {

using publishing::Job;
using publishing::JobState;

namespace {

// The error column shows the first line; the tooltip has all of it.
QString firstLine(const QString &text)
{
    const qsizetype end = text.indexOf(u'\n');
    return (end < 0 ? text : text.left(end)).simplified();
}

} // namespace

JobListModel::JobListModel(publishing::Outbox &outbox, accounts::Actor actor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_outbox(outbox)
    , m_actor(std::move(actor))
{ }

void JobListModel::reload(const publishing::JobFilter &filter)
{
    m_filter = filter;
    const auto found = m_outbox.jobs(m_actor, m_filter);
    m_error = found.errorMessage();
    beginResetModel();
    m_rows = found.ok() ? *found : QList<Job>();
    endResetModel();
}

void JobListModel::refresh()
{
    reload(m_filter);
}

bool JobListModel::updateProgress(qint64 jobId, JobState state, int progress, const QString &step)
{
    const int row = rowOf(jobId);
    if (row < 0) {
        return false;
    }
    Job &job = m_rows[row];
    job.state = state;
    job.progress = progress;
    if (!step.isEmpty()) {
        job.step = step;
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

bool JobListModel::refreshJob(qint64 jobId)
{
    const int row = rowOf(jobId);
    if (row < 0) {
        return false;
    }
    const auto job = m_outbox.job(m_actor, jobId);
    if (!job) {
        return false;
    }
    m_rows[row] = *job;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

std::optional<Job> JobListModel::jobAt(int row) const
{
    if (row < 0 || row >= m_rows.size()) {
        return std::nullopt;
    }
    return m_rows.at(row);
}

int JobListModel::rowOf(qint64 jobId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == jobId) {
            return row;
        }
    }
    return -1;
}

bool JobListModel::hasRunningJobs() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(),
        [](const Job &job) { return job.state == JobState::Running; });
}

void JobListModel::setLocale(const QLocale &locale)
{
    m_locale = locale;
    retranslate();
}

void JobListModel::retranslate()
{
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

QString JobListModel::display(const Job &job, int column) const
{
    switch (column) {
    case Item:
        return job.title;
    case Site:
        return job.siteName;
    case Action:
        return publishing::jobActionDisplayName(job.action);
    case State:
        return publishing::jobStateDisplayName(job.state);
    case Progress:
        if (job.state == JobState::Running) {
            return job.step.isEmpty() ? m_locale.toString(job.progress) + m_locale.percent()
                                      : job.step;
        }
        return job.step;
    case Attempts:
        return m_locale.toString(job.attempts);
    case Updated:
        return formatMoment(job.updatedAt, m_locale);
    case Error:
        return firstLine(job.lastError);
    }
    return {};
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) {
        return {};
    }
    const Job &job = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(job, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Error && !job.lastError.isEmpty()) {
            return job.lastError;
        }
        if (index.column() == Updated && job.state == JobState::Failed && job.retryable
            && job.nextAttemptAt.isValid()) {
            return tr("Tried again automatically after %1")
                .arg(formatMoment(job.nextAttemptAt, m_locale));
        }
        if (index.column() == Progress && !job.step.isEmpty()) {
            return job.step;
        }
        if (index.column() == Item) {
            return display(job, Item);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == State) {
            return jobStateIcon(job.state);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Error
            || (index.column() == State
                && (job.state == JobState::Failed || job.state == JobState::Conflict))) {
            return jobStateColor(
                job.state == JobState::Conflict ? JobState::Conflict : JobState::Failed);
        }
        return {};
    case Qt::FontRole:
        if (index.column() == State
            && (job.state == JobState::Failed || job.state == JobState::Conflict)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Attempts) {
            return int(Qt::AlignCenter);
        }
        return int(Qt::AlignLeading | Qt::AlignVCenter);
    case JobIdRole:
        return job.id;
    case StateIdRole:
        return publishing::jobStateId(job.state);
    case ProgressRole:
        return job.progress;
    case RunningRole:
        return job.state == JobState::Running;
    }
    return {};
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Item:
        return tr("Item");
    case Site:
        return tr("Site");
    case Action:
        return tr("Action");
    case State:
        return tr("State");
    case Progress:
        return tr("Progress");
    case Attempts:
        return tr("Attempts");
    case Updated:
        return tr("Last change");
    case Error:
        return tr("Error");
    }
    return {};
}

} // namespace daftar::ui
