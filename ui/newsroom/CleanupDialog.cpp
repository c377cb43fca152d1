#include "CleanupDialog.h"

#include <QAbstractTableModel>
#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTextDocument>
#include <QVBoxLayout>

#include <map>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {

constexpr auto beforeMark = "background-color: #fce8e6; color: #a50e0e;"_L1;
constexpr auto afterMark = "background-color: #e6f4ea; color: #0d652d;"_L1;

// Clean-up contexts are Persian text that may begin with a Latin word or a
// digit; any Arabic-script letter makes the whole line read right to left.
bool hasArabicScript(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= 0x0600 && u <= 0x06FF) || (u >= 0xFB50 && u <= 0xFDFF)
            || (u >= 0xFE70 && u <= 0xFEFF);
    });
}

// Where `before` and `after` differ, widened to whole words: colouring part of a
// Persian word would break the joining of its letters, and a lone space or ZWNJ
// marked on its own could not be seen.
struct ChangedSpan
{
    int start = 0;
    int beforeEnd = 0;
    int afterEnd = 0;
};

ChangedSpan changedSpan(const QString &before, const QString &after)
{
    const int shorter = int(qMin(before.size(), after.size()));
    int prefix = 0;
    while (prefix < shorter && before.at(prefix) == after.at(prefix)) {
        ++prefix;
    }
    int suffix = 0;
    while (suffix < shorter - prefix
        && before.at(before.size() - 1 - suffix) == after.at(after.size() - 1 - suffix)) {
        ++suffix;
    }
    // The prefix and the suffix are the same in both texts, so one walk serves both.
    while (prefix > 0 && !before.at(prefix - 1).isSpace()) {
        --prefix;
    }
    while (suffix > 0 && !before.at(before.size() - suffix).isSpace()) {
        --suffix;
    }
    return {prefix, int(before.size()) - suffix, int(after.size()) - suffix};
}

QString marked(const QString &text, int start, int end, QLatin1StringView style)
{
    return text.left(start).toHtmlEscaped() + u"<span style=\"%1\">"_s.arg(style)
        + text.mid(start, end - start).toHtmlEscaped() + u"</span>"_s
        + text.mid(end).toHtmlEscaped();
}

// Paints a cell's rich text (the marked words), in the direction of its script.
class MarkedTextDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        const QString html = index.data(Qt::UserRole).toString();
        if (html.isEmpty()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem cell = option;
        initStyleOption(&cell, index);
        const QString plain = cell.text;
        cell.text.clear();
        QStyle *style = cell.widget ? cell.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, cell.widget);

        const QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &cell, cell.widget)
                               .adjusted(4, 2, -4, -2);
        QTextDocument document;
        prepare(document, cell.font, html, plain, area.width());
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = cell.palette;
        context.palette.setColor(QPalette::Text,
            cell.palette.color(
                cell.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
        painter->save();
        painter->translate(
            area.left(), area.top() + qMax(0, (area.height() - int(document.size().height())) / 2));
        painter->setClipRect(QRect(QPoint(0, 0), area.size()));
        document.documentLayout()->draw(painter, context);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QString html = index.data(Qt::UserRole).toString();
        const QSize base = QStyledItemDelegate::sizeHint(option, index);
        if (html.isEmpty()) {
            return base;
        }
        QTextDocument document;
        const int width = option.rect.width() > 0 ? option.rect.width() - 8 : 360;
        prepare(document, option.font, html, index.data().toString(), width);
        return {qMax(base.width(), int(document.idealWidth()) + 8),
            qMax(base.height(), int(document.size().height()) + 4)};
    }

private:
    static void prepare(QTextDocument &document, const QFont &font, const QString &html,
        const QString &plain, int width)
    {
        document.setDefaultFont(font);
        document.setDocumentMargin(0);
        QTextOption option = document.defaultTextOption();
        option.setTextDirection(hasArabicScript(plain) ? Qt::RightToLeft : Qt::LeftToRight);
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        document.setDefaultTextOption(option);
        document.setHtml(html);
        document.setTextWidth(qMax(40, width));
    }
};

} // namespace

// One row per change: the rule, and its context before and after.
class CleanupChangesModel : public QAbstractTableModel
{
public:
    enum Column { Rule, Before, After, ColumnCount };

    CleanupChangesModel(QList<newsroom::CleanupChange> changes, QObject *parent)
        : QAbstractTableModel(parent)
        , m_changes(std::move(changes))
    {
        for (const newsroom::CleanupChange &change : std::as_const(m_changes)) {
            const ChangedSpan span = changedSpan(change.before, change.after);
            m_marked.append({marked(change.before, span.start, span.beforeEnd, beforeMark),
                marked(change.after, span.start, span.afterEnd, afterMark)});
        }
    }

    void retranslate()
    {
        emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (!m_changes.isEmpty()) {
            emit dataChanged(index(0, Rule), index(rowCount() - 1, Rule), {Qt::DisplayRole});
        }
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_changes.size());
    }

    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_changes.size()) {
            return {};
        }
        const newsroom::CleanupChange &change = m_changes.at(index.row());
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
            switch (index.column()) {
            case Rule:
                return newsroom::cleanupRuleName(change.rule);
            case Before:
                return change.before;
            case After:
                return change.after;
            }
        }
        if (role == Qt::UserRole && index.column() != Rule) {
            return index.column() == Before ? m_marked.at(index.row()).first
                                            : m_marked.at(index.row()).second;
        }
        return {};
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
            return {};
        }
        switch (section) {
        case Rule:
            return CleanupDialog::tr("Rule");
        case Before:
            return CleanupDialog::tr("Now");
        case After:
            return CleanupDialog::tr("After the clean-up");
        }
        return {};
    }

private:
    QList<newsroom::CleanupChange> m_changes;
    QList<QPair<QString, QString>> m_marked;
};

CleanupDialog::CleanupDialog(const QList<newsroom::CleanupChange> &changes, QWidget *parent)
    : QDialog(parent)
    , m_changes(changes)
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new CleanupChangesModel(changes, this))
    , m_buttons(new QDialogButtonBox(this))
    , m_apply(nullptr)
{
    setObjectName(u"cleanupDialog"_s);
    m_summary->setObjectName(u"summary"_s);
    m_table->setObjectName(u"changesTable"_s);

    m_summary->setWordWrap(true);
    m_table->setModel(m_model);
    m_table->setItemDelegate(new MarkedTextDelegate(m_table));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeading | Qt::AlignVCenter);
    header->setSectionResizeMode(CleanupChangesModel::Rule, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CleanupChangesModel::Before, QHeaderView::Stretch);
    header->setSectionResizeMode(CleanupChangesModel::After, QHeaderView::Stretch);

    if (changes.isEmpty()) {
        m_table->hide();
        m_summary->setAlignment(Qt::AlignCenter);
        m_summary->setStyleSheet(u"font-size: 11pt;"_s);
        m_summary->setMargin(24);
        m_buttons->setStandardButtons(QDialogButtonBox::Close);
        m_buttons->button(QDialogButtonBox::Close)->setObjectName(u"close"_s);
        m_buttons->button(QDialogButtonBox::Close)->setDefault(true);
    } else {
        m_buttons->setStandardButtons(QDialogButtonBox::Apply | QDialogButtonBox::Cancel);
        m_apply = m_buttons->button(QDialogButtonBox::Apply);
        m_apply->setObjectName(u"apply"_s);
        m_apply->setDefault(true);
        m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancel"_s);
        connect(m_apply, &QPushButton::clicked, this, &CleanupDialog::accept);
    }
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CleanupDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_buttons);

    retranslate();
    if (changes.isEmpty()) {
        resize(420, 180);
    } else {
        resize(960, 560);
        m_table->setFocus(Qt::OtherFocusReason);
    }
}

void CleanupDialog::retranslate()
{
    setWindowTitle(tr("Clean up the text"));
    if (m_changes.isEmpty()) {
        m_summary->setText(tr("Nothing to clean up: the text already follows the rules."));
        m_buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
        return;
    }
    const QLocale locale = this->locale();
    // Each rule and how often it applies, the most frequent first.
    std::map<int, int> perRule;
    for (const newsroom::CleanupChange &change : std::as_const(m_changes)) {
        ++perRule[int(change.rule)];
    }
    QList<std::pair<int, int>> counts(perRule.cbegin(), perRule.cend());
    std::stable_sort(counts.begin(), counts.end(),
        [](const auto &a, const auto &b) { return a.second > b.second; });
    QStringList parts;
    for (const auto &[rule, count] : std::as_const(counts)) {
        parts << tr("%1 (%2)").arg(
            newsroom::cleanupRuleName(newsroom::CleanupRule(rule)), locale.toString(count));
    }
    const QString total = m_changes.size() == 1
        ? tr("1 change")
        : tr("%1 changes").arg(locale.toString(m_changes.size()));
    m_summary->setText(
        u"<b>%1</b><br>%2"_s.arg(total.toHtmlEscaped(), parts.join(tr(", ")).toHtmlEscaped()));
    m_apply->setText(tr("&Apply"));
    m_apply->setToolTip(tr("Make all these changes; one Undo (Ctrl+Z) takes them back"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    m_model->retranslate();
}

void CleanupDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QDialog::changeEvent(event);
}

} // namespace daftar::ui
