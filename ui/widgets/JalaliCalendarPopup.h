// JalaliCalendarPopup: the month view that JalaliDateEdit opens to pick a day.
// QCalendarWidget cannot serve: its inline year editor shows Latin digits in a
// Persian UI. This one is built from standard widgets (tool buttons, a spin box
// and a table view over a small model), so right-to-left mirroring comes from
// Qt's layout direction: Saturday is the first column, on the right in RTL.
#pragma once

#include <QDate>
#include <QFrame>

class QMenu;
class QModelIndex;
class QTableView;
class QToolButton;

namespace daftar::ui {

class JalaliCalendarPopup : public QFrame
{
    Q_OBJECT

public:
    // Each day cell of the grid (objectName "dayGrid") carries its Gregorian QDate in this role.
    static constexpr int DateRole = Qt::UserRole;

    explicit JalaliCalendarPopup(QWidget *parent = nullptr);
    ~JalaliCalendarPopup() override;

    // The highlighted day; the grid shows its month. An invalid date highlights today.
    QDate selectedDate() const;
    void setSelectedDate(QDate date);

    // Days outside [minimum, maximum] are shown but cannot be chosen.
    void setDateRange(QDate minimum, QDate maximum);

signals:
    // The user chose a day (click or Enter); the popup has already closed.
    void activated(QDate date);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    class MonthModel;
    class YearSpinBox;

    QDate clampedToRange(QDate date) const;
    void moveSelection(QDate date);
    void showMonth(int year, int month);
    void choose(const QModelIndex &index);
    void updateNavigation();
    void applyLocale();
    void retranslate();
    void updateArrowIcons();
    void updateSizes();

    QDate m_selected;
    QDate m_minimum;
    QDate m_maximum;
    MonthModel *m_model;
    QToolButton *m_previousButton;
    QToolButton *m_monthButton;
    QMenu *m_monthMenu;
    YearSpinBox *m_yearSpinBox;
    QToolButton *m_nextButton;
    QTableView *m_grid;
};

} // namespace daftar::ui
