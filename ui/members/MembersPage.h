// The member bank section: search as you type, filters, the table of members (any
// number of them), adding and opening members, and changing the status or recording
// the dues of many selected members at once.
#pragma once

#include "Session.h"
#include "members/MemberService.h"

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

class MemberDialog;
class MemberListModel;

class MembersPage : public QWidget
{
    Q_OBJECT

public:
    explicit MembersPage(Session &session, QWidget *parent = nullptr);

    MemberListModel *model() const { return m_model; }

    void newMember();
    void openSelectedMember();
    void changeStatusOfSelection();
    void recordDuesOfSelection();
    // Reads the bank again: after an import or a merge made elsewhere.
    void reload();
    // Writes the members the search and filters show: .csv, .xlsx, or .pdf for
    // printing (the first 5,000). The result is shown under the list.
    void exportShownMembers();
    void exportShownMembersTo(const QString &path);
    // The rows selected by hand, rather than everything the filters show.
    void exportSelectedMembers();
    void exportSelectedMembersTo(const QString &path);

signals:
    // A PDF export has been written (or failed; see the result line).
    void exportFinished(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void exportTo(const QString &path, members::MemberQuery query);
    void retranslate();
    void fillFilters();
    void applyFilters();
    void updateCount();
    void updateActions();
    void sizeColumns();
    void showMemberDialog(MemberDialog *dialog);
    // The selected members' ids and names, or nothing with a message when there are too many.
    std::optional<QList<QPair<qint64, QString>>> selectedMembers();
    void report(const QString &done, const QStringList &failures, int attempted);
    members::MemberQuery filteredQuery() const;

    Session &m_session;
    members::MemberService m_service;
    qint64 m_total = 0;
    QString m_totalError;

    QLabel *m_title;
    QLineEdit *m_search;
    QTimer *m_searchDelay;
    QComboBox *m_provinceFilter;
    QComboBox *m_kindFilter;
    QComboBox *m_statusFilter;
    QComboBox *m_unpaidFilter;
    QStackedWidget *m_body;
    QTableView *m_table;
    MemberListModel *m_model;
    QLabel *m_emptyState;
    QLabel *m_count;
    QLabel *m_result;
    QAction *m_newMember;
    QAction *m_open;
    QAction *m_changeStatus;
    QAction *m_recordDues;
    QAction *m_export;
    QAction *m_exportSelected;
    QToolButton *m_newMemberButton;
    QToolButton *m_changeStatusButton;
    QToolButton *m_recordDuesButton;
    QToolButton *m_exportButton;
    QWidget *m_filters;
};

} // namespace daftar::ui
