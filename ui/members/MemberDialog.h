// The member form, for a new member and for an existing one: the details (checked
// as they are typed, each problem shown under its field), and for an existing
// member its dues, its status history and its audit trail.
#pragma once

#include "Session.h"
#include "members/MemberService.h"

#include <QDialog>
#include <QHash>
#include <QSet>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace daftar::ui {

class DuesModel;
class JalaliDateEdit;
class MemberChangesModel;
class StatusHistoryModel;

class MemberDialog : public QDialog
{
    Q_OBJECT

public:
    enum Tab { DetailsTab, DuesTab, StatusHistoryTab, ChangesTab };

    // A form for a new member.
    explicit MemberDialog(Session &session, QWidget *parent = nullptr);

    // Shows an existing member (as read from the core) for editing.
    void setMember(const members::Member &member);

    // The member as the core saved it, after the dialog was accepted.
    const members::Member &savedMember() const { return m_saved; }

    void save();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildDetails(QWidget *page);
    QWidget *buildTablePage(QTableView *view, QWidget *below);
    QLabel *addProblemRow(QFormLayout *form, const QString &field);
    void retranslate();
    void updateKindFields();
    void updateDirectionOfCodes();
    void fillProvinces();
    void fillBranches();
    void printCard();
    void fieldEdited(const QString &field);
    void validate();
    members::Member memberFromForm() const;
    void showMessage(const QString &message);
    void offerExisting(const members::Member &existing);
    void reloadRecords();
    void recordDues(std::optional<int> year);

    Session &m_session;
    members::MemberService m_service;
    members::Member m_member;
    members::Member m_saved;
    QSet<QString> m_touched;
    QHash<QString, QLabel *> m_problems;

    QTabWidget *m_tabs;
    QFormLayout *m_identityForm;
    QFormLayout *m_contactForm;
    QComboBox *m_kind;
    QLineEdit *m_membershipNo;
    QLineEdit *m_firstName;
    QLineEdit *m_lastName;
    QLineEdit *m_organizationName;
    QLineEdit *m_nationalId;
    QLineEdit *m_registrationNo;
    QLineEdit *m_activitySector;
    JalaliDateEdit *m_joinDate;
    QComboBox *m_status;
    QComboBox *m_province;
    QComboBox *m_branch;
    QLineEdit *m_city;
    QLineEdit *m_address;
    QLineEdit *m_postalCode;
    QLineEdit *m_mobile;
    QLineEdit *m_phone;
    QLineEdit *m_email;
    QPlainTextEdit *m_notes;
    QLabel *m_notesLabel;
    QCheckBox *m_consent;
    QLabel *m_consentFieldsLabel;
    QList<QPair<QString, QCheckBox *>> m_directoryFields;

    QTableView *m_duesView;
    DuesModel *m_duesModel;
    QPushButton *m_recordDues;
    QTableView *m_historyView;
    StatusHistoryModel *m_historyModel;
    QTableView *m_changesView;
    MemberChangesModel *m_changesModel;
    QLabel *m_changeDetail;

    QLabel *m_hint;
    QLabel *m_message;
    QPushButton *m_card;
    QPushButton *m_save;
    QPushButton *m_cancel;
};

} // namespace daftar::ui
