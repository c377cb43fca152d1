// JalaliDateEdit: a date field that shows and accepts Solar Hijri (Jalali) dates
// while the program keeps Gregorian QDates. QDateEdit cannot serve: in a
// right-to-left layout it shows yyyy/MM/dd reversed. Here the text is numeric
// yyyy/MM/dd in the locale's digits and always reads left to right, while the
// field as a whole mirrors (calendar button on the left in RTL).
#pragma once

#include "core/Result.h"

#include <QDate>
#include <QWidget>

class QLineEdit;
class QToolButton;

namespace daftar::ui {

class JalaliCalendarPopup;

class JalaliDateEdit : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(QDate date READ date WRITE setDate NOTIFY dateChanged USER true)

public:
    explicit JalaliDateEdit(QWidget *parent = nullptr);
    ~JalaliDateEdit() override;

    // The Gregorian date shown. Invalid when the field is empty or its text was
    // refused (unparseable or outside the range) when last committed.
    QDate date() const;
    // An invalid date clears the field. A date outside the range is shown but refused.
    void setDate(QDate date);
    void clear();

    // True when the current text is empty or a date within the range.
    bool hasAcceptableInput() const;
    // Why the text was refused when last committed, translated; empty when it was accepted.
    QString errorText() const;

    // Invalid bounds mean no bound, the default.
    QDate minimumDate() const;
    void setMinimumDate(QDate date);
    QDate maximumDate() const;
    void setMaximumDate(QDate date);
    void setDateRange(QDate minimum, QDate maximum);

    QString placeholderText() const;
    void setPlaceholderText(const QString &text);

    void openCalendar();

signals:
    // Emitted whenever date() changes, including to invalid, whether by the user or by setDate().
    void dateChanged(QDate date);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    Result<QDate> interpret(const QString &input) const;
    void commitText();
    void stepDays(int days);
    void setErrorText(const QString &error);
    void updateToolTip();
    void updateAlignment();
    void retranslate();

    QDate m_date;
    QDate m_minimum;
    QDate m_maximum;
    QString m_error;
    QLineEdit *m_lineEdit;
    QToolButton *m_calendarButton;
    JalaliCalendarPopup *m_popup = nullptr;
};

} // namespace daftar::ui
