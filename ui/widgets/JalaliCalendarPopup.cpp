#include "widgets/JalaliCalendarPopup.h"

#include "text/Jalali.h"
#include "text/PersianText.h"

#include <QAbstractTableModel>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

constexpr int DaysPerWeek = 7;
constexpr int WeeksShown = 6; // enough for a 31-day month starting on the last column
constexpr int CellsShown = WeeksShown * DaysPerWeek;

// Same digit rule as daftar::text::formatJalali: Persian digits in Persian, Latin otherwise.
QString localizedNumber(int number, const QLocale &locale)
{
    const QString latin = QString::number(number);
    return locale.language() == QLocale::Persian ? text::toPersianDigits(latin) : latin;
}

// Columns run from Saturday to Friday whatever the locale: the Jalali week starts on Saturday.
Qt::DayOfWeek weekdayOfColumn(int column)
{
    return static_cast<Qt::DayOfWeek>((column + 5) % DaysPerWeek + 1);
}

} // namespace

// Six weeks of days around one Jalali month, Saturday first.
class JalaliCalendarPopup::MonthModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int year() const { return m_year; }
    int month() const { return m_month; }

    void setMonth(int year, int month)
    {
        if (year == m_year && month == m_month)
            return;
        beginResetModel();
        m_year = year;
        m_month = month;
        const QDate first(year, month, 1, text::jalaliCalendar());
        m_firstCell = first.addDays(-((first.dayOfWeek() + 1) % DaysPerWeek));
        endResetModel();
    }

    void setRange(QDate minimum, QDate maximum)
    {
        m_minimum = minimum;
        m_maximum = maximum;
        emit dataChanged(index(0, 0), index(WeeksShown - 1, DaysPerWeek - 1));
    }

    void setLocale(const QLocale &locale)
    {
        m_locale = locale;
        // Locales whose short day names are whole words (Persian: شنبه) would need
        // wide columns, so they get the one-letter names (ش ی د …) instead.
        bool shortNamesFit = true;
        for (int column = 0; column < DaysPerWeek; ++column)
            shortNamesFit = shortNamesFit
                && locale.dayName(weekdayOfColumn(column), QLocale::ShortFormat).size() <= 3;
        for (int column = 0; column < DaysPerWeek; ++column)
            m_weekdayLabels[column] = locale.standaloneDayName(weekdayOfColumn(column),
                shortNamesFit ? QLocale::ShortFormat : QLocale::NarrowFormat);
        emit headerDataChanged(Qt::Horizontal, 0, DaysPerWeek - 1);
        emit dataChanged(index(0, 0), index(WeeksShown - 1, DaysPerWeek - 1));
    }

    QDate dateAt(const QModelIndex &index) const
    {
        return index.isValid() ? m_firstCell.addDays(index.row() * DaysPerWeek + index.column())
                               : QDate();
    }

    QModelIndex indexOf(QDate date) const
    {
        const qint64 offset = m_firstCell.daysTo(date);
        if (!date.isValid() || offset < 0 || offset >= CellsShown)
            return {};
        return index(int(offset / DaysPerWeek), int(offset % DaysPerWeek));
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : WeeksShown;
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : DaysPerWeek;
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        const QDate date = dateAt(index);
        if (!date.isValid())
            return {};
        const QCalendar calendar = text::jalaliCalendar();
        switch (role) {
        case Qt::DisplayRole:
            return localizedNumber(date.day(calendar), m_locale);
        case Qt::ToolTipRole:
            return text::formatJalali(date, m_locale, text::DateStyle::LongWithWeekday);
        case Qt::TextAlignmentRole:
            return int(Qt::AlignCenter);
        case DateRole:
            return date;
        case Qt::ForegroundRole:
            if (date.month(calendar) != m_month)
                return QGuiApplication::palette().brush(QPalette::PlaceholderText);
            return {};
        case Qt::FontRole:
            if (date == QDate::currentDate()) {
                QFont bold;
                bold.setBold(true);
                return bold;
            }
            return {};
        case Qt::BackgroundRole:
            if (date == QDate::currentDate()) {
                QColor tint = QGuiApplication::palette().color(QPalette::Highlight);
                tint.setAlpha(60);
                return tint;
            }
            return {};
        default:
            return {};
        }
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || section < 0 || section >= DaysPerWeek)
            return {};
        switch (role) {
        case Qt::DisplayRole:
            return m_weekdayLabels[section];
        case Qt::ToolTipRole:
            return m_locale.standaloneDayName(weekdayOfColumn(section), QLocale::LongFormat);
        default:
            return {};
        }
    }

    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        const QDate date = dateAt(index);
        const bool inRange = date.isValid() && (!m_minimum.isValid() || date >= m_minimum)
            && (!m_maximum.isValid() || date <= m_maximum);
        return inRange ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                       : Qt::ItemNeverHasChildren;
    }

private:
    int m_year = 0;
    int m_month = 0;
    QDate m_firstCell;
    QDate m_minimum;
    QDate m_maximum;
    QLocale m_locale;
    std::array<QString, DaysPerWeek> m_weekdayLabels;
};

// QSpinBox shows and reads digits through QLocale, which groups years (۱٬۴۰۳)
// and does not read Arabic-Indic digits; years need neither.
class JalaliCalendarPopup::YearSpinBox : public QSpinBox
{
public:
    using QSpinBox::QSpinBox;

protected:
    QString textFromValue(int value) const override { return localizedNumber(value, locale()); }

    int valueFromText(const QString &input) const override
    {
        return text::toLatinDigits(input).trimmed().toInt();
    }

    QValidator::State validate(QString &input, int &) const override
    {
        const QString latin = text::toLatinDigits(input).trimmed();
        if (latin.isEmpty())
            return QValidator::Intermediate;
        if (!std::all_of(
                latin.cbegin(), latin.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
            return QValidator::Invalid;
        const int value = latin.toInt();
        if (value >= minimum() && value <= maximum())
            return QValidator::Acceptable;
        return latin.size() < QString::number(maximum()).size() ? QValidator::Intermediate
                                                                : QValidator::Invalid;
    }
};

JalaliCalendarPopup::JalaliCalendarPopup(QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_model(new MonthModel(this))
    , m_previousButton(new QToolButton(this))
    , m_monthButton(new QToolButton(this))
    , m_monthMenu(new QMenu(m_monthButton))
    , m_yearSpinBox(new YearSpinBox(this))
    , m_nextButton(new QToolButton(this))
    , m_grid(new QTableView(this))
{
    setFrameShape(QFrame::StyledPanel);
    // A popup is a window of its own; without this it would not follow the field's font.
    setAttribute(Qt::WA_WindowPropagation);

    m_previousButton->setObjectName(u"previousMonthButton"_s);
    m_previousButton->setAutoRaise(true);
    m_nextButton->setObjectName(u"nextMonthButton"_s);
    m_nextButton->setAutoRaise(true);

    m_monthButton->setObjectName(u"monthButton"_s);
    m_monthButton->setAutoRaise(true);
    m_monthButton->setPopupMode(QToolButton::InstantPopup);
    m_monthButton->setMenu(m_monthMenu);
    for (int month = 1; month <= 12; ++month)
        m_monthMenu->addAction(QString())->setData(month);

    m_yearSpinBox->setObjectName(u"yearSpinBox"_s);
    m_yearSpinBox->setKeyboardTracking(false);
    m_yearSpinBox->setRange(1, 9999);

    m_grid->setObjectName(u"dayGrid"_s);
    m_grid->setModel(m_model);
    m_grid->verticalHeader()->hide();
    m_grid->horizontalHeader()->setSectionsClickable(false);
    m_grid->horizontalHeader()->setHighlightSections(false);
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setTabKeyNavigation(false);
    m_grid->setShowGrid(false);
    m_grid->setCornerButtonEnabled(false);
    m_grid->setFrameShape(QFrame::NoFrame);
    m_grid->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_grid->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_grid->installEventFilter(this);

    auto *navigation = new QHBoxLayout;
    navigation->addWidget(m_previousButton);
    navigation->addStretch();
    navigation->addWidget(m_monthButton);
    navigation->addWidget(m_yearSpinBox);
    navigation->addStretch();
    navigation->addWidget(m_nextButton);

    auto *layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetFixedSize);
    layout->addLayout(navigation);
    layout->addWidget(m_grid, 0, Qt::AlignHCenter);

    connect(m_previousButton, &QToolButton::clicked, this,
        [this] { moveSelection(m_selected.addMonths(-1, text::jalaliCalendar())); });
    connect(m_nextButton, &QToolButton::clicked, this,
        [this] { moveSelection(m_selected.addMonths(1, text::jalaliCalendar())); });
    connect(m_monthMenu, &QMenu::triggered, this,
        [this](QAction *action) { showMonth(m_model->year(), action->data().toInt()); });
    connect(m_yearSpinBox, &QSpinBox::valueChanged, this,
        [this](int year) { showMonth(year, m_model->month()); });
    connect(m_grid, &QAbstractItemView::clicked, this, &JalaliCalendarPopup::choose);
    // A press that ends in no click still moves the grid's cursor; arrows start from there.
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) {
            if (current.flags().testFlag(Qt::ItemIsEnabled))
                m_selected = m_model->dateAt(current);
        });

    retranslate();
    updateArrowIcons();
    setSelectedDate({});
    applyLocale();
}

JalaliCalendarPopup::~JalaliCalendarPopup() = default;

QDate JalaliCalendarPopup::selectedDate() const
{
    return m_selected;
}

void JalaliCalendarPopup::setSelectedDate(QDate date)
{
    moveSelection(date.isValid() ? date : QDate::currentDate());
}

void JalaliCalendarPopup::setDateRange(QDate minimum, QDate maximum)
{
    const QCalendar calendar = text::jalaliCalendar();
    m_minimum = minimum;
    m_maximum = maximum;
    m_model->setRange(minimum, maximum);
    {
        const QSignalBlocker blocker(m_yearSpinBox);
        m_yearSpinBox->setRange(minimum.isValid() ? minimum.year(calendar) : 1,
            maximum.isValid() ? maximum.year(calendar) : 9999);
    }
    moveSelection(m_selected);
}

bool JalaliCalendarPopup::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_grid || event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);

    const auto *key = static_cast<QKeyEvent *>(event);
    const QCalendar calendar = text::jalaliCalendar();
    // Arrows move visually: in RTL the next day is on the left.
    const int dayToTheRight = m_grid->isRightToLeft() ? -1 : 1;
    const bool alt = key->modifiers().testFlag(Qt::AltModifier);
    switch (key->key()) {
    case Qt::Key_Left:
        moveSelection(m_selected.addDays(-dayToTheRight));
        return true;
    case Qt::Key_Right:
        moveSelection(m_selected.addDays(dayToTheRight));
        return true;
    case Qt::Key_Up:
        if (alt)
            close();
        else
            moveSelection(m_selected.addDays(-DaysPerWeek));
        return true;
    case Qt::Key_Down:
        moveSelection(m_selected.addDays(DaysPerWeek));
        return true;
    case Qt::Key_PageUp:
        moveSelection(m_selected.addMonths(-1, calendar));
        return true;
    case Qt::Key_PageDown:
        moveSelection(m_selected.addMonths(1, calendar));
        return true;
    case Qt::Key_Home:
        moveSelection(QDate(m_model->year(), m_model->month(), 1, calendar));
        return true;
    case Qt::Key_End:
        moveSelection(QDate(m_model->year(), m_model->month(),
            calendar.daysInMonth(m_model->month(), m_model->year()), calendar));
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Select:
        choose(m_grid->currentIndex());
        return true;
    case Qt::Key_Escape:
    case Qt::Key_F4:
        close();
        return true;
    default:
        return QFrame::eventFilter(watched, event);
    }
}

void JalaliCalendarPopup::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LocaleChange:
        applyLocale();
        break;
    case QEvent::LanguageChange:
        retranslate();
        break;
    case QEvent::FontChange:
        updateSizes();
        break;
    case QEvent::LayoutDirectionChange:
        updateArrowIcons();
        break;
    default:
        break;
    }
    QFrame::changeEvent(event);
}

void JalaliCalendarPopup::showEvent(QShowEvent *event)
{
    // Today may have changed since the popup was last shown.
    m_grid->viewport()->update();
    m_grid->setFocus(Qt::PopupFocusReason);
    QFrame::showEvent(event);
}

QDate JalaliCalendarPopup::clampedToRange(QDate date) const
{
    if (m_minimum.isValid() && date < m_minimum)
        return m_minimum;
    if (m_maximum.isValid() && date > m_maximum)
        return m_maximum;
    return date;
}

void JalaliCalendarPopup::moveSelection(QDate date)
{
    date = clampedToRange(date);
    if (!date.isValid())
        return;
    const QCalendar calendar = text::jalaliCalendar();
    m_selected = date;
    m_model->setMonth(date.year(calendar), date.month(calendar));
    m_grid->setCurrentIndex(m_model->indexOf(date));
    updateNavigation();
}

void JalaliCalendarPopup::showMonth(int year, int month)
{
    const QCalendar calendar = text::jalaliCalendar();
    const int day = std::min(m_selected.day(calendar), calendar.daysInMonth(month, year));
    moveSelection(QDate(year, month, day, calendar));
}

void JalaliCalendarPopup::choose(const QModelIndex &index)
{
    if (!index.flags().testFlag(Qt::ItemIsEnabled))
        return;
    const QDate date = m_model->dateAt(index);
    moveSelection(date);
    close();
    emit activated(date);
}

void JalaliCalendarPopup::updateNavigation()
{
    const QCalendar calendar = text::jalaliCalendar();
    const int year = m_model->year();
    const int month = m_model->month();
    m_monthButton->setText(text::jalaliMonthName(month, locale()));
    {
        const QSignalBlocker blocker(m_yearSpinBox);
        // setValue re-renders the text even for an unchanged value, as a locale change needs.
        m_yearSpinBox->setValue(year);
    }
    const QDate firstOfMonth(year, month, 1, calendar);
    const QDate lastOfMonth(year, month, calendar.daysInMonth(month, year), calendar);
    m_previousButton->setEnabled(!m_minimum.isValid() || firstOfMonth > m_minimum);
    m_nextButton->setEnabled(!m_maximum.isValid() || lastOfMonth < m_maximum);
}

void JalaliCalendarPopup::applyLocale()
{
    const QLocale locale = this->locale();
    m_model->setLocale(locale);
    const QList<QAction *> monthActions = m_monthMenu->actions();
    for (QAction *action : monthActions)
        action->setText(text::jalaliMonthName(action->data().toInt(), locale));
    updateNavigation();
    updateSizes();
}

void JalaliCalendarPopup::retranslate()
{
    m_previousButton->setToolTip(tr("Previous month"));
    m_previousButton->setAccessibleName(tr("Previous month"));
    m_nextButton->setToolTip(tr("Next month"));
    m_nextButton->setAccessibleName(tr("Next month"));
    m_monthButton->setToolTip(tr("Choose the month"));
    m_yearSpinBox->setToolTip(tr("Year"));
    m_yearSpinBox->setAccessibleName(tr("Year"));
    m_grid->setAccessibleName(tr("Days of the month"));
}

void JalaliCalendarPopup::updateArrowIcons()
{
    // The previous month lies towards the start of the line: left in LTR, right in RTL.
    const bool rightToLeft = isRightToLeft();
    m_previousButton->setIcon(
        style()->standardIcon(rightToLeft ? QStyle::SP_ArrowRight : QStyle::SP_ArrowLeft));
    m_nextButton->setIcon(
        style()->standardIcon(rightToLeft ? QStyle::SP_ArrowLeft : QStyle::SP_ArrowRight));
}

void JalaliCalendarPopup::updateSizes()
{
    // Size the month button for the longest month name so the header does not jump between months.
    const QString shownMonth = m_monthButton->text();
    int monthButtonWidth = 0;
    for (const QAction *action : m_monthMenu->actions()) {
        m_monthButton->setText(action->text());
        monthButtonWidth = std::max(monthButtonWidth, m_monthButton->sizeHint().width());
    }
    m_monthButton->setText(shownMonth);
    m_monthButton->setMinimumWidth(monthButtonWidth);

    const QFontMetrics metrics(m_grid->font());
    int widest = metrics.horizontalAdvance(localizedNumber(30, locale()));
    const QFontMetrics headerMetrics(m_grid->horizontalHeader()->font());
    for (int column = 0; column < DaysPerWeek; ++column)
        widest = std::max(widest,
            headerMetrics.horizontalAdvance(
                m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString()));
    const int cellWidth = widest + metrics.height();
    const int cellHeight = metrics.height() * 3 / 2;
    m_grid->horizontalHeader()->setMinimumSectionSize(0);
    m_grid->horizontalHeader()->setDefaultSectionSize(cellWidth);
    m_grid->verticalHeader()->setMinimumSectionSize(0);
    m_grid->verticalHeader()->setDefaultSectionSize(cellHeight);
    m_grid->setFixedSize(DaysPerWeek * cellWidth,
        m_grid->horizontalHeader()->sizeHint().height() + WeeksShown * cellHeight);
}

} // namespace daftar::ui
