// The clean-up shown before it is applied: each change with its rule and the
// words around it as they are and as they will be, the changed words marked.
// The editor computes the changes and applies them (as one undo step) when
// this dialog is accepted.
#pragma once

#include "newsroom/Cleanup.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableView;

namespace daftar::ui {

class CleanupChangesModel;

class CleanupDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CleanupDialog(
        const QList<newsroom::CleanupChange> &changes, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QList<newsroom::CleanupChange> m_changes;
    QLabel *m_summary;
    QTableView *m_table;
    CleanupChangesModel *m_model;
    QDialogButtonBox *m_buttons;
    QPushButton *m_apply;
};

} // namespace daftar::ui
