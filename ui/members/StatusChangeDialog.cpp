#include "StatusChangeDialog.h"

#include "widgets/JalaliDateEdit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace daftar::ui {

StatusChangeDialog::StatusChangeDialog(int memberCount, QWidget *parent)
    : QDialog(parent)
    , m_status(new QComboBox(this))
    , m_date(new JalaliDateEdit(this))
    , m_reason(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"statusDialog"_s);
    setWindowTitle(tr("Change status"));
    m_status->setObjectName(u"statusChoice"_s);
    m_date->setObjectName(u"statusDate"_s);
    m_reason->setObjectName(u"statusReason"_s);
    for (auto status : {members::MemberStatus::Active, members::MemberStatus::Suspended,
             members::MemberStatus::Expired, members::MemberStatus::Resigned}) {
        m_status->addItem(members::statusDisplayName(status), members::statusId(status));
    }
    m_date->setDate(QDate::currentDate());
    m_reason->setPlaceholderText(tr("e.g. dues unpaid for two years"));

    auto *intro = new QLabel(
        tr("The new status applies to %n selected member(s).", nullptr, memberCount), this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Status:"), m_status);
    form->addRow(tr("&From:"), m_date);
    form->addRow(tr("&Reason:"), m_reason);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Change status"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_date, &JalaliDateEdit::dateChanged, this, [this] {
        m_buttons->button(QDialogButtonBox::Ok)
            ->setEnabled(m_date->date().isValid() && m_date->hasAcceptableInput());
    });
    setMinimumWidth(420);
}

members::MemberStatus StatusChangeDialog::status() const
{
    return members::statusFromId(m_status->currentData().toString())
        .value_or(members::MemberStatus::Active);
}

QDate StatusChangeDialog::effectiveDate() const
{
    return m_date->date();
}

QString StatusChangeDialog::reason() const
{
    return m_reason->text().simplified();
}

} // namespace daftar::ui
