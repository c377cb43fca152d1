// The main window: the sections of the program beside a navigation list, the
// language switch in the header, the user and today's Jalali date in the status bar.
#pragma once

#include "Session.h"
#include "newsroom/Article.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace daftar::ui {

class ArticleEditor;
class MembersPage;
class NewsroomPage;
class PublishRunner;
class PublishingPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum Section { Newsroom, Members, Branches, Publishing, Settings, SectionCount };

    explicit MainWindow(Session &session, QWidget *parent = nullptr);

    void showSection(Section section);
    Section currentSection() const;

    // Article editors are windows of their own; one per article.
    ArticleEditor *openArticle(qint64 id);
    ArticleEditor *newArticle(newsroom::ArticleKind kind);
    // Offers the text a crash left unsaved (runs once after start).
    void offerRecovery();
    void resumePublishing();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildPages();
    void buildMenus();
    void retranslate();
    void updateStatusBar();
    void showAbout();
    ArticleEditor *createEditor();

    Session &m_session;
    QLabel *m_appTitle;
    QLabel *m_organisation;
    QListWidget *m_sections;
    QStackedWidget *m_pages;
    QLabel *m_userStatus;
    QLabel *m_dateStatus;
    QLabel *m_databaseStatus;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_membersMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_duplicatesAction = nullptr;
    QList<QAction *> m_sectionActions;
    MembersPage *m_membersPage = nullptr;
    NewsroomPage *m_newsroomPage = nullptr;
    PublishingPage *m_publishingPage = nullptr;
    // Shared by the publishing page and every editor: one run at a time from this desktop.
    PublishRunner *m_runner = nullptr;
    QList<QPointer<ArticleEditor>> m_editors;
};

} // namespace daftar::ui
