// Recording one year's dues: for one member from the Dues tab of the member form,
// or for every selected member from the member bank.
#pragma once

#include "members/MemberService.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace daftar::ui {

class JalaliDateEdit;

class DuesDialog : public QDialog
{
    Q_OBJECT

public:
    // `recorded`: the member's payments so far, so that choosing a year that was
    // already paid shows what will be replaced; empty for several members.
    explicit DuesDialog(
        const QString &intro, QList<members::Dues> recorded = {}, QWidget *parent = nullptr);

    void setYear(int year);
    members::Dues dues() const;

private:
    void showRecorded();
    void updateAmount();

    QList<members::Dues> m_recorded;
    QLabel *m_intro;
    QComboBox *m_year;
    QLineEdit *m_amount;
    QLabel *m_amountEcho;
    QLineEdit *m_receipt;
    JalaliDateEdit *m_paidOn;
    QLabel *m_replaces;
    QDialogButtonBox *m_buttons;
};

} // namespace daftar::ui
