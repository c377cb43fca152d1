// Shown after a crash or power cut: the text that was typed but not saved,
// per article, with the choice to recover it into an editor or throw it away.
#pragma once

#include "newsroom/ArticleService.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace daftar::ui {

class RecoveryDialog : public QDialog
{
    Q_OBJECT

public:
    RecoveryDialog(const QList<newsroom::Autosave> &pending, QWidget *parent = nullptr);

    // The autosaves the user chose to recover, and those to discard.
    QList<newsroom::Autosave> toRecover() const { return m_recover; }
    QList<newsroom::Autosave> toDiscard() const { return m_discard; }

private:
    void decide(bool recover);

    QList<newsroom::Autosave> m_pending;
    QList<newsroom::Autosave> m_recover;
    QList<newsroom::Autosave> m_discard;
    QLabel *m_intro;
    QTreeWidget *m_list;
    QPushButton *m_recoverButton;
    QPushButton *m_discardButton;
    QPushButton *m_laterButton;
};

} // namespace daftar::ui
