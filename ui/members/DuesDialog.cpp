#include "DuesDialog.h"

#include "MemberDisplay.h"
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

namespace {
// Dues older than this are not recorded any more; the core accepts 1300–1500.
constexpr int earliestYear = 1370;
} // namespace

DuesDialog::DuesDialog(const QString &intro, QList<members::Dues> recorded, QWidget *parent)
    : QDialog(parent)
    , m_recorded(std::move(recorded))
    , m_intro(new QLabel(intro, this))
    , m_year(new QComboBox(this))
    , m_amount(new QLineEdit(this))
    , m_amountEcho(new QLabel(this))
    , m_receipt(new QLineEdit(this))
    , m_paidOn(new JalaliDateEdit(this))
    , m_replaces(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"duesDialog"_s);
    setWindowTitle(tr("Record dues"));
    m_year->setObjectName(u"duesYear"_s);
    m_amount->setObjectName(u"duesAmount"_s);
    m_amountEcho->setObjectName(u"duesAmountEcho"_s);
    m_receipt->setObjectName(u"duesReceipt"_s);
    m_paidOn->setObjectName(u"duesPaidOn"_s);
    m_replaces->setObjectName(u"duesReplaces"_s);
    m_intro->setWordWrap(true);
    m_replaces->setWordWrap(true);
    m_amountEcho->setStyleSheet(u"color: palette(placeholder-text);"_s);

    const QLocale locale = this->locale();
    QList<int> years;
    for (int year = currentJalaliYear() + 1; year >= earliestYear; --year) {
        years << year;
    }
    for (const members::Dues &dues : std::as_const(m_recorded)) {
        if (!years.contains(dues.year)) {
            years << dues.year;
        }
    }
    std::sort(years.begin(), years.end(), std::greater<>());
    for (int year : std::as_const(years)) {
        m_year->addItem(formatYear(year, locale), year);
    }
    // Amounts are digits: typed and read left to right, by the label in either direction.
    m_amount->setLayoutDirection(Qt::LeftToRight);
    m_amount->setAlignment((isRightToLeft() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    m_amount->setPlaceholderText(tr("in Rial, e.g. %1").arg(locale.toString(5000000)));
    m_paidOn->setDate(QDate::currentDate());

    auto *form = new QFormLayout;
    form->addRow(tr("&Year:"), m_year);
    form->addRow(tr("&Amount (Rial):"), m_amount);
    form->addRow(QString(), m_amountEcho);
    form->addRow(tr("&Receipt no.:"), m_receipt);
    form->addRow(tr("&Paid on:"), m_paidOn);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Record"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_replaces);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_amount, &QLineEdit::textChanged, this, &DuesDialog::updateAmount);
    connect(m_paidOn, &JalaliDateEdit::dateChanged, this, &DuesDialog::updateAmount);
    connect(m_year, &QComboBox::currentIndexChanged, this, &DuesDialog::showRecorded);
    setYear(currentJalaliYear());
    setMinimumWidth(420);
}

void DuesDialog::setYear(int year)
{
    m_year->setCurrentIndex(qMax(0, m_year->findData(year)));
    showRecorded();
}

void DuesDialog::showRecorded()
{
    const int year = m_year->currentData().toInt();
    const QLocale locale = this->locale();
    for (const members::Dues &dues : std::as_const(m_recorded)) {
        if (dues.year == year) {
            m_amount->setText(locale.toString(dues.amountRial));
            m_receipt->setText(dues.receiptNo);
            m_paidOn->setDate(dues.paidOn);
            m_replaces->setText(tr("Dues for %1 are already recorded; recording replaces them.")
                                    .arg(formatYear(year, locale)));
            m_replaces->show();
            return;
        }
    }
    m_replaces->hide();
    updateAmount();
}

void DuesDialog::updateAmount()
{
    const auto amount = parseAmount(m_amount->text());
    const QLocale locale = this->locale();
    if (m_amount->text().trimmed().isEmpty()) {
        m_amountEcho->clear();
    } else if (!amount) {
        m_amountEcho->setText(
            tr("Write the amount in digits, e.g. %1.").arg(locale.toString(5000000)));
    } else {
        m_amountEcho->setText(
            tr("%1, that is %2").arg(formatRial(*amount, locale), formatToman(*amount, locale)));
    }
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(amount.has_value() && m_paidOn->hasAcceptableInput());
}

members::Dues DuesDialog::dues() const
{
    return members::Dues {m_year->currentData().toInt(), parseAmount(m_amount->text()).value_or(0),
        m_receipt->text().trimmed(), m_paidOn->date()};
}

} // namespace daftar::ui
