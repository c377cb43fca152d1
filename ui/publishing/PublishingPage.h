// The publishing section: what waits to be sent to the public sites and how each
// job went (retry, cancel, resolve a conflict), where every item is published
// now, and the way to the site settings. The shared PublishRunner does the
// sending; the page only queues, shows and decides.
#pragma once

#include "Session.h"
#include "publishing/Outbox.h"
#include "publishing/Site.h"

#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace daftar::publishing {
struct RunSummary;
}

namespace daftar::ui {

class JobListModel;
class PublicationListModel;
class PublishRunner;

class PublishingPage : public QWidget
{
    Q_OBJECT

public:
    PublishingPage(Session &session, PublishRunner &runner, QWidget *parent = nullptr);

    JobListModel *jobs() const { return m_jobs; }
    PublicationListModel *publications() const { return m_publications; }

    // Reads the sites, the queue and the publications again.
    void reload();
    // What the buttons do; refusals of the core are shown in a message box.
    void publishApproved();
    void publishDirectories();
    void runNow();
    void retrySelected();
    void cancelSelected();
    void resolveSelected();
    void openSiteSettings(bool addNew = false);

signals:
    void openArticleRequested(qint64 id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fillSiteFilter();
    void reloadLists();
    void scheduleReload();
    void updateState();
    void updateActions();
    void sizeColumns();
    void activateJob(const QModelIndex &index);
    void openPublication(const QModelIndex &index);
    void queued(const Result<QList<qint64>> &jobs, const QString &nothingQueued);
    void showRefusal(const QString &message);
    void runFinished(const publishing::RunSummary &summary);
    QList<publishing::Job> selectedJobs() const;
    std::optional<qint64> siteFilter() const;

    Session &m_session;
    PublishRunner &m_runner;
    publishing::Outbox m_outbox;
    publishing::SiteService m_sites;
    bool m_canPublish = false;
    int m_siteCount = 0;
    QString m_sitesError;
    QString m_runText;

    QLabel *m_title;
    QComboBox *m_siteFilter;
    QAction *m_publishApproved;
    QAction *m_publishDirectories;
    QAction *m_runNow;
    QAction *m_stop;
    QAction *m_siteSettings;
    QToolButton *m_publishApprovedButton;
    QToolButton *m_publishDirectoriesButton;
    QToolButton *m_runNowButton;
    QToolButton *m_stopButton;
    QToolButton *m_siteSettingsButton;
    QStackedWidget *m_body;
    QLabel *m_queueTitle;
    QCheckBox *m_showFinished;
    QStackedWidget *m_queueStack;
    QTableView *m_jobTable;
    JobListModel *m_jobs;
    QLabel *m_queueEmpty;
    QAction *m_retry;
    QAction *m_cancel;
    QAction *m_resolve;
    QToolButton *m_retryButton;
    QToolButton *m_cancelButton;
    QToolButton *m_resolveButton;
    QLabel *m_runState;
    QLabel *m_publicationsTitle;
    QStackedWidget *m_publicationStack;
    QTableView *m_publicationTable;
    PublicationListModel *m_publications;
    QLabel *m_publicationsEmpty;
    QWidget *m_emptyPage;
    QLabel *m_emptyText;
    QToolButton *m_emptyAddSite;
    QTimer *m_poll;
    QTimer *m_reloadSoon;
};

} // namespace daftar::ui
