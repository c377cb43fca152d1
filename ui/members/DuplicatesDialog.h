// Finding members recorded twice and merging them: the pairs that share a mobile
// or a name in one province, the two records of the chosen pair side by side with
// the value to keep chosen per field, and the merge, which keeps the first record
// and brings the second's dues and history over to it.
#pragma once

#include "Session.h"
#include "members/MemberService.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableView;

namespace daftar::ui {

class DuplicatePairsModel;
class MergeChoiceModel;

class DuplicatesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit DuplicatesDialog(Session &session, QWidget *parent = nullptr);

    DuplicatePairsModel *pairs() const { return m_pairsModel; }
    MergeChoiceModel *comparison() const { return m_choiceModel; }

    // Asks the core again for the pairs.
    void reload();
    // Merges the selected pair as chosen, after asking the user to confirm.
    void mergeSelectedPair();

signals:
    // Two members became one.
    void membersMerged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showSelectedPair();
    void chooseValue(const QModelIndex &index);
    void updateState();
    void showMessage(const QString &message, bool error);
    void retranslate();
    int selectedRow() const;

    Session &m_session;
    members::MemberService m_service;
    QString m_loadError;

    QLabel *m_intro;
    QTableView *m_pairsView;
    DuplicatePairsModel *m_pairsModel;
    QLabel *m_emptyState;
    QLabel *m_pairTitle;
    QTableView *m_comparisonView;
    MergeChoiceModel *m_choiceModel;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QPushButton *m_merge;
};

} // namespace daftar::ui
