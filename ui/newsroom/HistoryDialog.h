// The revisions of one article: who saved what and when, the words that changed
// between a revision and the one before it (or the current version), and going
// back to an old revision — which saves it as a new one, so nothing is lost.
#pragma once

#include "Session.h"
#include "newsroom/ArticleService.h"

#include <QDialog>
#include <QHash>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QTreeWidget;

namespace daftar::ui {

class HistoryDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column { Number, SavedAt, SavedBy, Title, Words, Note, ColumnCount };
    enum class Comparison { PreviousRevision, CurrentVersion };

    HistoryDialog(Session &session, qint64 articleId, QWidget *parent = nullptr);

    // The revision restore() created; 0 until one was restored.
    int restoredRevision() const { return m_restoredRevision; }

    void selectRevision(int number);
    void setComparison(Comparison comparison);
    // Asks for confirmation, then saves the selected revision as the newest one.
    void restoreSelectedRevision();

signals:
    void restored(int newRevision);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Version
    {
        QString title;
        QString lead;
        QString body;
    };

    void load();
    void fillList();
    void showDiff();
    void updateState();
    void retranslate();
    void showMessage(const QString &message);
    std::optional<int> selectedNumber() const;
    // The text of a revision, read once; nothing when it cannot be read.
    std::optional<Version> revisionText(int number);
    QString formatSavedAt(const QDateTime &savedAt) const;

    Session &m_session;
    newsroom::ArticleService m_service;
    qint64 m_articleId;
    bool m_canWrite = false;
    QList<newsroom::RevisionInfo> m_revisions;
    QHash<int, Version> m_texts;
    std::optional<Version> m_current;
    QString m_articleTitle;
    int m_restoredRevision = 0;

    QLabel *m_intro;
    QTreeWidget *m_list;
    QLabel *m_compareLabel;
    QComboBox *m_compareWith;
    QLabel *m_diffCaption;
    QTextBrowser *m_diff;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QPushButton *m_restore;
};

} // namespace daftar::ui
