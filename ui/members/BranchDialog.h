// Adding a provincial branch or editing one: where it is, who heads it, how to
// reach it, since when it exists and whether it is still open. Saving goes through
// the core, whose refusals and corrections the dialog shows.
#pragma once

#include "Session.h"
#include "members/BranchService.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace daftar::ui {

class JalaliDateEdit;

class BranchDialog : public QDialog
{
    Q_OBJECT

public:
    explicit BranchDialog(Session &session, QWidget *parent = nullptr);

    // Fills the form for editing `branch`; without it the dialog adds a new one.
    void setBranch(const members::Branch &branch);
    // The branch as saved, once the dialog was accepted.
    const members::Branch &branch() const { return m_branch; }

    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillProvinces();
    void retranslate();
    void showMessage(const QString &message);

    Session &m_session;
    members::BranchService m_service;
    members::Branch m_branch;

    QFormLayout *m_form;
    QComboBox *m_province;
    QLineEdit *m_city;
    QLineEdit *m_name;
    QLineEdit *m_head;
    QLineEdit *m_address;
    QLineEdit *m_postalCode;
    QLineEdit *m_phones;
    QLineEdit *m_email;
    JalaliDateEdit *m_establishedOn;
    QCheckBox *m_active;
    QLabel *m_message;
    QPushButton *m_save;
    QPushButton *m_cancel;
};

} // namespace daftar::ui
