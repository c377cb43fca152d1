// Drives the real JalaliDateEdit and its calendar popup the way a user does:
// typing in any digit script, arrow keys, and clicks on the month grid.
#include "Typing.h"
#include "text/Jalali.h"
#include "widgets/JalaliCalendarPopup.h"
#include "widgets/JalaliDateEdit.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;
using daftar::test::typeText;
using daftar::ui::JalaliCalendarPopup;
using daftar::ui::JalaliDateEdit;

namespace {

QDate jalali(int year, int month, int day)
{
    return QDate(year, month, day, daftar::text::jalaliCalendar());
}

} // namespace

class TestJalaliDateEdit : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void typedLatinDigitsAreShownInPersian();
    void typedPersianDigits();
    void typedIsoGregorianIsShownAsJalali();
    void impossibleDateIsRefused();
    void dateOutsideRangeIsRefused();
    void emptyFieldIsAcceptable();
    void upAndDownStepByDayAcrossMonthEnd();
    void textStaysLeftToRightWhileFieldMirrors();
    void popupStartsOnSaturdayOnTheRight();
    void clickingADayChoosesIt();
    void popupArrowsMoveVisuallyInRightToLeft();
    void escapeClosesPopup();
    void yearAcceptsPersianDigits();
    void popupHonoursRange();
    void englishShowsLatinDigits();
    void localeChangeReformats();

private:
    QLineEdit *lineEdit() const { return m_edit->findChild<QLineEdit *>(u"dateText"_s); }
    JalaliCalendarPopup *openPopup();
    void commit(const QString &typed);

    std::unique_ptr<JalaliDateEdit> m_edit;
};

void TestJalaliDateEdit::init()
{
    m_edit = std::make_unique<JalaliDateEdit>();
    m_edit->setLocale(QLocale(QLocale::Persian, QLocale::Iran));
    m_edit->setLayoutDirection(Qt::RightToLeft);
    m_edit->resize(240, m_edit->sizeHint().height());
    m_edit->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_edit.get()));
    QVERIFY(lineEdit());
}

void TestJalaliDateEdit::cleanup()
{
    m_edit.reset();
}

JalaliCalendarPopup *TestJalaliDateEdit::openPopup()
{
    auto *button = m_edit->findChild<QToolButton *>(u"calendarButton"_s);
    if (!button)
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    auto *popup = m_edit->findChild<JalaliCalendarPopup *>();
    if (popup && !QTest::qWaitForWindowExposed(popup))
        return nullptr;
    return popup;
}

void TestJalaliDateEdit::commit(const QString &typed)
{
    lineEdit()->clear();
    typeText(lineEdit(), typed);
    QTest::keyClick(lineEdit(), Qt::Key_Return);
}

void TestJalaliDateEdit::typedLatinDigitsAreShownInPersian()
{
    QSignalSpy changed(m_edit.get(), &JalaliDateEdit::dateChanged);
    QTest::keyClicks(lineEdit(), u"1403/2/31"_s);
    QTest::keyClick(lineEdit(), Qt::Key_Enter);

    QCOMPARE(m_edit->date(), jalali(1403, 2, 31));
    QCOMPARE(m_edit->date(), QDate(2024, 5, 20));
    QCOMPARE(lineEdit()->text(), u"۱۴۰۳/۰۲/۳۱"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toDate(), QDate(2024, 5, 20));
    QVERIFY(m_edit->errorText().isEmpty());
    QCOMPARE(m_edit->property("invalid").toBool(), false);
}

void TestJalaliDateEdit::typedPersianDigits()
{
    commit(u"۱۳۹۸/۰۹/۰۳"_s);
    QCOMPARE(m_edit->date(), QDate(2019, 11, 24));
    QCOMPARE(lineEdit()->text(), u"۱۳۹۸/۰۹/۰۳"_s);

    commit(u"١٣٩٨-٩-٣"_s); // Arabic-Indic digits and dashes
    QCOMPARE(m_edit->date(), QDate(2019, 11, 24));
    QCOMPARE(lineEdit()->text(), u"۱۳۹۸/۰۹/۰۳"_s);
}

void TestJalaliDateEdit::typedIsoGregorianIsShownAsJalali()
{
    commit(u"2019-11-24"_s);
    QCOMPARE(m_edit->date(), QDate(2019, 11, 24));
    QCOMPARE(lineEdit()->text(), u"۱۳۹۸/۰۹/۰۳"_s);
    QVERIFY(m_edit->hasAcceptableInput());
}

void TestJalaliDateEdit::impossibleDateIsRefused()
{
    m_edit->setDate(QDate(2019, 11, 24));
    QSignalSpy changed(m_edit.get(), &JalaliDateEdit::dateChanged);
    commit(u"1403/13/01"_s);

    QVERIFY(!m_edit->date().isValid());
    QCOMPARE(changed.count(), 1);
    QVERIFY(!m_edit->errorText().isEmpty());
    QCOMPARE(m_edit->property("invalid").toBool(), true);
    QCOMPARE(lineEdit()->property("invalid").toBool(), true);
    QCOMPARE(lineEdit()->toolTip(), m_edit->errorText());
    QVERIFY(!m_edit->hasAcceptableInput());
    QCOMPARE(lineEdit()->text(), u"1403/13/01"_s); // left for the user to correct

    commit(u"1403/12/01"_s);
    QCOMPARE(m_edit->date(), jalali(1403, 12, 1));
    QVERIFY(m_edit->errorText().isEmpty());
    QCOMPARE(m_edit->property("invalid").toBool(), false);
}

void TestJalaliDateEdit::dateOutsideRangeIsRefused()
{
    m_edit->setDateRange(jalali(1400, 1, 1), jalali(1405, 12, 29));
    commit(u"1399/12/30"_s);
    QVERIFY(!m_edit->date().isValid());
    QVERIFY(m_edit->errorText().contains(u"۱۴۰۰/۰۱/۰۱"_s));

    commit(u"1400/01/01"_s);
    QCOMPARE(m_edit->date(), jalali(1400, 1, 1));
    QTest::keyClick(lineEdit(), Qt::Key_Down); // already at the minimum: stays there
    QCOMPARE(m_edit->date(), jalali(1400, 1, 1));
}

void TestJalaliDateEdit::emptyFieldIsAcceptable()
{
    m_edit->setDate(QDate(2019, 11, 24));
    QSignalSpy changed(m_edit.get(), &JalaliDateEdit::dateChanged);
    m_edit->clear();
    QVERIFY(!m_edit->date().isValid());
    QVERIFY(lineEdit()->text().isEmpty());
    QVERIFY(m_edit->hasAcceptableInput());
    QVERIFY(m_edit->errorText().isEmpty());
    QCOMPARE(changed.count(), 1);
}

void TestJalaliDateEdit::upAndDownStepByDayAcrossMonthEnd()
{
    m_edit->setDate(jalali(1403, 6, 31)); // Shahrivar has 31 days
    QTest::keyClick(lineEdit(), Qt::Key_Up);
    QCOMPARE(m_edit->date(), jalali(1403, 7, 1));
    QCOMPARE(lineEdit()->text(), u"۱۴۰۳/۰۷/۰۱"_s);
    QTest::keyClick(lineEdit(), Qt::Key_Down);
    QCOMPARE(m_edit->date(), jalali(1403, 6, 31));

    m_edit->setDate(jalali(1403, 12, 30)); // 1403 is a leap year
    QTest::keyClick(lineEdit(), Qt::Key_Up);
    QCOMPARE(m_edit->date(), jalali(1404, 1, 1));
}

void TestJalaliDateEdit::textStaysLeftToRightWhileFieldMirrors()
{
    m_edit->setDate(jalali(1403, 2, 31));
    QCOMPARE(lineEdit()->layoutDirection(), Qt::LeftToRight);
    QCOMPARE(m_edit->layoutDirection(), Qt::RightToLeft);
    // The year is the first thing typed, so it is left of the caret's end position.
    const auto caretX = [this] {
        return lineEdit()->inputMethodQuery(Qt::ImCursorRectangle).toRect().center().x();
    };
    lineEdit()->setCursorPosition(0);
    const int startX = caretX();
    lineEdit()->end(false);
    QVERIFY(caretX() > startX);

    auto *button = m_edit->findChild<QToolButton *>(u"calendarButton"_s);
    QVERIFY(button->geometry().right() < lineEdit()->geometry().left());
    QVERIFY(lineEdit()->alignment().testFlag(Qt::AlignRight));

    m_edit->setLayoutDirection(Qt::LeftToRight);
    QTRY_VERIFY(button->geometry().left() > lineEdit()->geometry().right());
    QCOMPARE(lineEdit()->layoutDirection(), Qt::LeftToRight);
    QVERIFY(lineEdit()->alignment().testFlag(Qt::AlignLeft));
}

void TestJalaliDateEdit::popupStartsOnSaturdayOnTheRight()
{
    m_edit->setDate(QDate(2019, 11, 24));
    JalaliCalendarPopup *popup = openPopup();
    QVERIFY(popup);
    QVERIFY(popup->isVisible());
    QCOMPARE(popup->windowType(), Qt::Popup);
    QCOMPARE(popup->selectedDate(), QDate(2019, 11, 24));

    auto *grid = popup->findChild<QTableView *>(u"dayGrid"_s);
    QVERIFY(grid);
    QAbstractItemModel *model = grid->model();
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), u"ش"_s);
    QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), u"ی"_s);
    QCOMPARE(model->headerData(6, Qt::Horizontal).toString(), u"ج"_s);
    QVERIFY(grid->visualRect(model->index(0, 0)).x() > grid->visualRect(model->index(0, 1)).x());

    // Azar 1398 begins on a Friday: the first row is the last six days of Aban, then Azar 1.
    QCOMPARE(model->index(0, 6).data(JalaliCalendarPopup::DateRole).toDate(), jalali(1398, 9, 1));
    QCOMPARE(model->index(0, 6).data().toString(), u"۱"_s);
    QCOMPARE(model->index(0, 0).data(JalaliCalendarPopup::DateRole).toDate().dayOfWeek(),
        int(Qt::Saturday));

    auto *year = popup->findChild<QAbstractSpinBox *>(u"yearSpinBox"_s);
    QVERIFY(year);
    QCOMPARE(year->text(), u"۱۳۹۸"_s);
    auto *month = popup->findChild<QToolButton *>(u"monthButton"_s);
    QCOMPARE(month->text(), u"آذر"_s);

    const QList<QAction *> months = month->menu()->actions();
    QCOMPARE(months.size(), 12);
    QCOMPARE(months.first()->text(), u"فروردین"_s);
    months.last()->trigger();
    QCOMPARE(popup->selectedDate(), jalali(1398, 12, 3));
    QCOMPARE(month->text(), u"اسفند"_s);
}

void TestJalaliDateEdit::clickingADayChoosesIt()
{
    m_edit->setDate(QDate(2019, 11, 24));
    JalaliCalendarPopup *popup = openPopup();
    QVERIFY(popup);
    auto *grid = popup->findChild<QTableView *>(u"dayGrid"_s);
    QAbstractItemModel *model = grid->model();
    QModelIndex tenth;
    for (int row = 0; row < model->rowCount() && !tenth.isValid(); ++row)
        for (int column = 0; column < model->columnCount(); ++column)
            if (model->index(row, column).data(JalaliCalendarPopup::DateRole).toDate()
                == jalali(1398, 9, 10))
                tenth = model->index(row, column);
    QVERIFY(tenth.isValid());
    QCOMPARE(tenth.data().toString(), u"۱۰"_s);

    QSignalSpy changed(m_edit.get(), &JalaliDateEdit::dateChanged);
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(tenth).center());

    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toDate(), jalali(1398, 9, 10));
    QCOMPARE(m_edit->date(), QDate(2019, 12, 1));
    QCOMPARE(lineEdit()->text(), u"۱۳۹۸/۰۹/۱۰"_s);
    QTRY_VERIFY(!popup->isVisible());
}

void TestJalaliDateEdit::popupArrowsMoveVisuallyInRightToLeft()
{
    m_edit->setDate(jalali(1398, 9, 30)); // Azar has 30 days
    QTest::keyClick(lineEdit(), Qt::Key_Down, Qt::AltModifier);
    auto *popup = m_edit->findChild<JalaliCalendarPopup *>();
    QVERIFY(popup);
    QTRY_VERIFY(popup->isVisible());
    auto *grid = popup->findChild<QTableView *>(u"dayGrid"_s);
    QCOMPARE(popup->focusWidget(), grid);

    QTest::keyClick(grid, Qt::Key_Left); // towards the end of the week in RTL
    QCOMPARE(popup->selectedDate(), jalali(1398, 10, 1));
    QCOMPARE(popup->findChild<QToolButton *>(u"monthButton"_s)->text(), u"دی"_s);
    QTest::keyClick(grid, Qt::Key_Right);
    QCOMPARE(popup->selectedDate(), jalali(1398, 9, 30));
    QTest::keyClick(grid, Qt::Key_Up);
    QCOMPARE(popup->selectedDate(), jalali(1398, 9, 23));
    QTest::keyClick(grid, Qt::Key_PageDown);
    QCOMPARE(popup->selectedDate(), jalali(1398, 10, 23));

    QSignalSpy changed(m_edit.get(), &JalaliDateEdit::dateChanged);
    QTest::keyClick(grid, Qt::Key_Return);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_edit->date(), jalali(1398, 10, 23));
    QTRY_VERIFY(!popup->isVisible());
}

void TestJalaliDateEdit::escapeClosesPopup()
{
    m_edit->setDate(QDate(2019, 11, 24));
    QSignalSpy changed(m_edit.get(), &JalaliDateEdit::dateChanged);
    JalaliCalendarPopup *popup = openPopup();
    QVERIFY(popup);
    auto *grid = popup->findChild<QTableView *>(u"dayGrid"_s);
    QTest::keyClick(grid, Qt::Key_Left);
    QTest::keyClick(grid, Qt::Key_Escape);
    QTRY_VERIFY(!popup->isVisible());
    QCOMPARE(changed.count(), 0);
    QCOMPARE(m_edit->date(), QDate(2019, 11, 24));
}

void TestJalaliDateEdit::yearAcceptsPersianDigits()
{
    m_edit->setDate(QDate(2019, 11, 24));
    JalaliCalendarPopup *popup = openPopup();
    QVERIFY(popup);
    auto *year = popup->findChild<QAbstractSpinBox *>(u"yearSpinBox"_s);
    year->setFocus();
    year->selectAll();
    auto *yearText = year->findChild<QLineEdit *>();
    typeText(yearText, u"۱۴۰۰"_s);
    QTest::keyClick(yearText, Qt::Key_Return);
    QCOMPARE(popup->selectedDate(), jalali(1400, 9, 3));
    QCOMPARE(year->text(), u"۱۴۰۰"_s);

    auto *grid = popup->findChild<QTableView *>(u"dayGrid"_s);
    QTest::keyClick(grid, Qt::Key_PageUp);
    QCOMPARE(popup->selectedDate(), jalali(1400, 8, 3));
    QCOMPARE(popup->findChild<QToolButton *>(u"monthButton"_s)->text(), u"آبان"_s);
}

void TestJalaliDateEdit::popupHonoursRange()
{
    m_edit->setDateRange(jalali(1398, 9, 5), jalali(1398, 9, 20));
    m_edit->setDate(jalali(1398, 9, 10));
    JalaliCalendarPopup *popup = openPopup();
    QVERIFY(popup);
    QVERIFY(!popup->findChild<QToolButton *>(u"previousMonthButton"_s)->isEnabled());
    QVERIFY(!popup->findChild<QToolButton *>(u"nextMonthButton"_s)->isEnabled());

    auto *grid = popup->findChild<QTableView *>(u"dayGrid"_s);
    QAbstractItemModel *model = grid->model();
    const QModelIndex first = model->index(0, 6); // Azar 1, before the minimum
    QCOMPARE(first.data(JalaliCalendarPopup::DateRole).toDate(), jalali(1398, 9, 1));
    QVERIFY(!first.flags().testFlag(Qt::ItemIsEnabled));

    QSignalSpy changed(m_edit.get(), &JalaliDateEdit::dateChanged);
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(first).center());
    QCOMPARE(changed.count(), 0);
    QVERIFY(popup->isVisible());

    QTest::keyClick(grid, Qt::Key_PageDown); // stops at the maximum
    QCOMPARE(popup->selectedDate(), jalali(1398, 9, 20));
    QTest::keyClick(grid, Qt::Key_Home); // stops at the minimum
    QCOMPARE(popup->selectedDate(), jalali(1398, 9, 5));
}

void TestJalaliDateEdit::englishShowsLatinDigits()
{
    m_edit->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    m_edit->setLayoutDirection(Qt::LeftToRight);
    commit(u"۱۳۹۸/۰۹/۰۳"_s);
    QCOMPARE(m_edit->date(), QDate(2019, 11, 24));
    QCOMPARE(lineEdit()->text(), u"1398/09/03"_s);

    JalaliCalendarPopup *popup = openPopup();
    QVERIFY(popup);
    auto *grid = popup->findChild<QTableView *>(u"dayGrid"_s);
    QCOMPARE(grid->model()->headerData(0, Qt::Horizontal).toString(), u"Sat"_s);
    QVERIFY(grid->visualRect(grid->model()->index(0, 0)).x()
        < grid->visualRect(grid->model()->index(0, 1)).x());
    QCOMPARE(popup->findChild<QAbstractSpinBox *>(u"yearSpinBox"_s)->text(), u"1398"_s);
    QCOMPARE(popup->findChild<QToolButton *>(u"monthButton"_s)->text(), u"Azar"_s);
}

void TestJalaliDateEdit::localeChangeReformats()
{
    m_edit->setDate(QDate(2019, 11, 24));
    QCOMPARE(lineEdit()->text(), u"۱۳۹۸/۰۹/۰۳"_s);
    QSignalSpy changed(m_edit.get(), &JalaliDateEdit::dateChanged);
    m_edit->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(lineEdit()->text(), u"1398/09/03"_s);
    QCOMPARE(changed.count(), 0);
    m_edit->setLocale(QLocale(QLocale::Persian, QLocale::Iran));
    QCOMPARE(lineEdit()->text(), u"۱۳۹۸/۰۹/۰۳"_s);

    // A popup made in one language follows the field into the other.
    JalaliCalendarPopup *popup = openPopup();
    QVERIFY(popup);
    popup->close();
    m_edit->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    m_edit->setLayoutDirection(Qt::LeftToRight);
    QCOMPARE(openPopup(), popup);
    auto *grid = popup->findChild<QTableView *>(u"dayGrid"_s);
    QCOMPARE(grid->model()->headerData(0, Qt::Horizontal).toString(), u"Sat"_s);
    QCOMPARE(grid->model()->index(0, 6).data().toString(), u"1"_s);
    QCOMPARE(popup->findChild<QAbstractSpinBox *>(u"yearSpinBox"_s)->text(), u"1398"_s);
    QCOMPARE(popup->findChild<QToolButton *>(u"monthButton"_s)->text(), u"Azar"_s);
    QVERIFY(grid->visualRect(grid->model()->index(0, 0)).x()
        < grid->visualRect(grid->model()->index(0, 1)).x());
}

QTEST_MAIN(TestJalaliDateEdit)
#include "TestJalaliDateEdit.moc"
