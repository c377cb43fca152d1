// Changing the status of the selected members at once: the new status, from
// which date, and why (kept in each member's status history).
#pragma once

#include "members/Member.h"

#include <QDate>
#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace daftar::ui {

class JalaliDateEdit;

class StatusChangeDialog : public QDialog
{
    Q_OBJECT

public:
    explicit StatusChangeDialog(int memberCount, QWidget *parent = nullptr);

    members::MemberStatus status() const;
    QDate effectiveDate() const;
    QString reason() const;

private:
    QComboBox *m_status;
    JalaliDateEdit *m_date;
    QLineEdit *m_reason;
    QDialogButtonBox *m_buttons;
};

} // namespace daftar::ui
