// The newsroom section: the list of news and announcements with search as you
// type and status/kind filters, and the way into the editor (new or open).
// Opening and creating are signals: the main window owns the editor.
#pragma once

#include "Session.h"
#include "newsroom/ArticleService.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace daftar::ui {

class ArticleListModel;

class NewsroomPage : public QWidget
{
    Q_OBJECT

public:
    explicit NewsroomPage(Session &session, QWidget *parent = nullptr);

    ArticleListModel *model() const { return m_model; }

    // Reads the list again: after an article was saved or its status changed.
    void reload();
    // Emits openArticleRequested for the current row, if any.
    void openSelectedArticle();

signals:
    void openArticleRequested(qint64 id);
    void newArticleRequested(daftar::newsroom::ArticleKind kind);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fillFilters();
    void applyFilters();
    void updateState();
    void updateActions();
    void sizeColumns();
    newsroom::ArticleQuery filteredQuery() const;

    Session &m_session;
    newsroom::ArticleService m_service;
    bool m_canWrite = false;
    int m_total = 0;
    QString m_totalError;

    QLabel *m_title;
    QLineEdit *m_search;
    QTimer *m_searchDelay;
    QComboBox *m_statusFilter;
    QComboBox *m_kindFilter;
    QStackedWidget *m_body;
    QTableView *m_table;
    ArticleListModel *m_model;
    QWidget *m_emptyPage;
    QLabel *m_emptyText;
    QToolButton *m_emptyNewArticle;
    QToolButton *m_emptyNewAnnouncement;
    QLabel *m_count;
    QAction *m_newArticle;
    QAction *m_newAnnouncement;
    QAction *m_open;
    QToolButton *m_newArticleButton;
    QToolButton *m_newAnnouncementButton;
    QToolButton *m_openButton;
};

} // namespace daftar::ui
