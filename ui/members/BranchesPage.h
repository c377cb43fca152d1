// The provincial branches section: the branches of all provinces or of one, with
// their member counts, adding and editing them, and the members of the branch
// chosen in the table.
#pragma once

#include "Session.h"
#include "members/BranchService.h"
#include "members/MemberService.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace daftar::ui {

class BranchDialog;
class BranchListModel;
class BranchMembersModel;

class BranchesPage : public QWidget
{
    Q_OBJECT

public:
    explicit BranchesPage(Session &session, QWidget *parent = nullptr);

    BranchListModel *model() const { return m_model; }
    BranchMembersModel *membersModel() const { return m_membersModel; }

    // Reads the branches and their counts again, keeping the chosen branch.
    void reload();
    void newBranch();
    void editSelectedBranch();

signals:
    // A branch form was opened (for tests and for the window to follow).
    void branchDialogOpened(daftar::ui::BranchDialog *dialog);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void fillProvinceFilter();
    void showSelectedBranch();
    void updateState();
    void showBranchDialog(BranchDialog *dialog);
    void selectBranch(qint64 branchId);
    std::optional<members::Branch> selectedBranch() const;

    Session &m_session;
    members::BranchService m_branches;
    members::MemberService m_members;
    QString m_loadError;

    QLabel *m_title;
    QComboBox *m_provinceFilter;
    QPushButton *m_newBranch;
    QPushButton *m_editBranch;
    QStackedWidget *m_body;
    QWidget *m_tables;
    QTableView *m_table;
    BranchListModel *m_model;
    QLabel *m_emptyState;
    QLabel *m_membersTitle;
    QLabel *m_membersCount;
    QTableView *m_membersTable;
    BranchMembersModel *m_membersModel;
};

} // namespace daftar::ui
