#include "widgets/JalaliDateEdit.h"

#include "text/Jalali.h"
#include "widgets/JalaliCalendarPopup.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QScreen>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace daftar::ui {

JalaliDateEdit::JalaliDateEdit(QWidget *parent)
    : QWidget(parent)
    , m_lineEdit(new QLineEdit(this))
    , m_calendarButton(new QToolButton(this))
{
    m_lineEdit->setObjectName(u"dateText"_s);
    // Digits and separators carry no direction of their own: in an RTL paragraph the
    // caret and selection would run backwards through yyyy/MM/dd. The date is read
    // left to right in Persian too, so the text is always laid out LTR.
    m_lineEdit->setLayoutDirection(Qt::LeftToRight);
    m_lineEdit->setInputMethodHints(Qt::ImhDate | Qt::ImhPreferNumbers);
    m_lineEdit->setStyleSheet(
        u"QLineEdit[invalid=\"true\"] { border: 1px solid #c62828; border-radius: 2px; }"_s);
    m_lineEdit->installEventFilter(this);

    m_calendarButton->setObjectName(u"calendarButton"_s);
    m_calendarButton->setArrowType(Qt::DownArrow);
    // Reached from the keyboard with Alt+Down or F4, so Tab goes straight to the next field.
    m_calendarButton->setFocusPolicy(Qt::NoFocus);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_lineEdit, 1);
    layout->addWidget(m_calendarButton);

    setFocusProxy(m_lineEdit);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    connect(m_lineEdit, &QLineEdit::editingFinished, this, &JalaliDateEdit::commitText);
    connect(m_calendarButton, &QToolButton::clicked, this, &JalaliDateEdit::openCalendar);

    retranslate();
    setErrorText({});
    updateAlignment();
}

JalaliDateEdit::~JalaliDateEdit()
{
    // ~QWidget takes the focus away from the line edit, whose editingFinished
    // would then reach commitText() on a half-destroyed field.
    disconnect(m_lineEdit, nullptr, this, nullptr);
}

QDate JalaliDateEdit::date() const
{
    return m_date;
}

void JalaliDateEdit::setDate(QDate date)
{
    m_lineEdit->setText(
        date.isValid() ? text::formatJalali(date, locale(), text::DateStyle::Numeric) : QString());
    commitText();
}

void JalaliDateEdit::clear()
{
    setDate({});
}

bool JalaliDateEdit::hasAcceptableInput() const
{
    return interpret(m_lineEdit->text()).ok();
}

QString JalaliDateEdit::errorText() const
{
    return m_error;
}

QDate JalaliDateEdit::minimumDate() const
{
    return m_minimum;
}

void JalaliDateEdit::setMinimumDate(QDate date)
{
    setDateRange(
        date, m_maximum.isValid() && date.isValid() ? std::max(date, m_maximum) : m_maximum);
}

QDate JalaliDateEdit::maximumDate() const
{
    return m_maximum;
}

void JalaliDateEdit::setMaximumDate(QDate date)
{
    setDateRange(
        m_minimum.isValid() && date.isValid() ? std::min(date, m_minimum) : m_minimum, date);
}

void JalaliDateEdit::setDateRange(QDate minimum, QDate maximum)
{
    m_minimum = minimum;
    m_maximum = maximum;
    commitText();
}

QString JalaliDateEdit::placeholderText() const
{
    return m_lineEdit->placeholderText();
}

void JalaliDateEdit::setPlaceholderText(const QString &text)
{
    m_lineEdit->setPlaceholderText(text);
}

void JalaliDateEdit::openCalendar()
{
    commitText();
    if (!m_popup) {
        m_popup = new JalaliCalendarPopup(this);
        connect(m_popup, &JalaliCalendarPopup::activated, this, [this](QDate date) {
            setDate(date);
            m_lineEdit->setFocus(Qt::PopupFocusReason);
        });
    }
    m_popup->setLocale(locale());
    m_popup->setLayoutDirection(layoutDirection());
    m_popup->setDateRange(m_minimum, m_maximum);
    m_popup->setSelectedDate(m_date);
    m_popup->adjustSize();

    // Below the field and flush with its leading edge; above it when the screen ends first.
    const QSize size = m_popup->size();
    const QRect available = screen()->availableGeometry();
    QPoint position = mapToGlobal(QPoint(isRightToLeft() ? width() - size.width() : 0, height()));
    if (position.y() + size.height() > available.bottom() + 1)
        position.setY(mapToGlobal(QPoint(0, 0)).y() - size.height());
    position.setX(
        std::max(available.left(), std::min(position.x(), available.right() + 1 - size.width())));
    m_popup->move(position);
    m_popup->show();
}

bool JalaliDateEdit::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_lineEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool alt = key->modifiers().testFlag(Qt::AltModifier);
        if ((key->key() == Qt::Key_Down && alt) || key->key() == Qt::Key_F4) {
            openCalendar();
            return true;
        }
        if (key->key() == Qt::Key_Up && !alt) {
            stepDays(1);
            return true;
        }
        if (key->key() == Qt::Key_Down) {
            stepDays(-1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void JalaliDateEdit::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LocaleChange:
        // Re-reading the text reformats it, and the tooltip's example, in the new locale's digits.
        commitText();
        break;
    case QEvent::LanguageChange:
        retranslate();
        // Re-reading the text puts a refusal in the new language.
        commitText();
        break;
    case QEvent::LayoutDirectionChange:
        updateAlignment();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

Result<QDate> JalaliDateEdit::interpret(const QString &input) const
{
    if (input.trimmed().isEmpty())
        return QDate();
    Result<QDate> parsed = text::parseDate(input);
    if (!parsed)
        return parsed;
    const auto format = [this](QDate date) {
        return text::formatJalali(date, locale(), text::DateStyle::Numeric);
    };
    if (m_minimum.isValid() && *parsed < m_minimum)
        return makeError(
            Error::Kind::Invalid, tr("The date must be on or after %1.").arg(format(m_minimum)));
    if (m_maximum.isValid() && *parsed > m_maximum)
        return makeError(
            Error::Kind::Invalid, tr("The date must be on or before %1.").arg(format(m_maximum)));
    return parsed;
}

void JalaliDateEdit::commitText()
{
    const Result<QDate> result = interpret(m_lineEdit->text());
    const QDate date = result.ok() ? result.value() : QDate();
    if (date.isValid()) {
        const QString formatted = text::formatJalali(date, locale(), text::DateStyle::Numeric);
        if (m_lineEdit->text() != formatted)
            m_lineEdit->setText(formatted);
    }
    setErrorText(result.errorMessage());
    if (date != m_date) {
        m_date = date;
        emit dateChanged(m_date);
    }
}

void JalaliDateEdit::stepDays(int days)
{
    commitText();
    if (!m_error.isEmpty())
        return;
    QDate next = m_date.isValid() ? m_date.addDays(days) : QDate::currentDate();
    if (m_minimum.isValid())
        next = std::max(next, m_minimum);
    if (m_maximum.isValid())
        next = std::min(next, m_maximum);
    setDate(next);
}

void JalaliDateEdit::setErrorText(const QString &error)
{
    m_error = error;
    const bool invalid = !error.isEmpty();
    // Both carry the flag: the line edit's style sheet draws the red frame, and an
    // application style sheet can match the field as a whole.
    setProperty("invalid", invalid);
    m_lineEdit->setProperty("invalid", invalid);
    m_lineEdit->style()->unpolish(m_lineEdit);
    m_lineEdit->style()->polish(m_lineEdit);
    updateToolTip();
}

void JalaliDateEdit::updateToolTip()
{
    const QString example
        = text::formatJalali(QDate::currentDate(), locale(), text::DateStyle::Numeric);
    const QString toolTip = m_error.isEmpty()
        ? tr("Year/month/day in the Solar Hijri calendar, e.g. %1").arg(example)
        : m_error;
    m_lineEdit->setToolTip(toolTip);
    m_lineEdit->setAccessibleDescription(toolTip);
}

void JalaliDateEdit::updateAlignment()
{
    // The text stays LTR but sits where the form's text starts: flush right in RTL, by its label.
    m_lineEdit->setAlignment((isRightToLeft() ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
}

void JalaliDateEdit::retranslate()
{
    m_calendarButton->setToolTip(tr("Open calendar (Alt+Down)"));
    m_calendarButton->setAccessibleName(tr("Open calendar"));
    m_lineEdit->setAccessibleName(tr("Date"));
    updateToolTip();
}

} // namespace daftar::ui
