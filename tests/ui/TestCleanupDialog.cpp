// The clean-up preview: the changes listed with their rule and context, the
// changed words marked, a summary, Apply and Cancel from the keyboard, and a
// plain "nothing to clean up" when the text is already clean.
#include "WidgetTesting.h"
#include "newsroom/Cleanup.h"
#include "newsroom/CleanupDialog.h"
#include "shell/Application.h"
#include "shell/Language.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using daftar::test::child;
using namespace daftar;
using daftar::newsroom::CleanupChange;
using daftar::newsroom::CleanupRule;
using daftar::ui::CleanupDialog;
using daftar::ui::Language;

namespace {

const QList<CleanupChange> threeChanges {
    {CleanupRule::ArabicLetters, u"در این كتاب آمده"_s, u"در این کتاب آمده"_s},
    {CleanupRule::ZeroWidthNonJoiner, u"این کتاب ها خوب"_s, u"این کتاب‌ها خوب"_s},
    {CleanupRule::PersianDigits, u"سال 1403 بود"_s, u"سال ۱۴۰۳ بود"_s},
};

enum Column { Rule, Before, After };

// The part of a cell's marked text that is inside the highlight.
QString highlighted(const QModelIndex &index)
{
    const QString html = index.data(Qt::UserRole).toString();
    const qsizetype open = html.indexOf(u"<span"_s);
    const qsizetype start = html.indexOf(u'>', open) + 1;
    const qsizetype end = html.indexOf(u"</span>"_s, start);
    return open < 0 || end < 0 ? QString() : html.mid(start, end - start);
}

std::unique_ptr<CleanupDialog> show(const QList<CleanupChange> &changes)
{
    auto dialog = std::make_unique<CleanupDialog>(changes);
    dialog->show();
    dialog->activateWindow();
    if (!QTest::qWaitForWindowActive(dialog.get())) {
        qWarning("the dialog did not become active");
    }
    return dialog;
}

} // namespace

class TestCleanupDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"DaftarTest"_s);
        QCoreApplication::setApplicationName(u"DaftarTest"_s);
        ui::setUpAppearance();
    }

    void init() { Language::instance().apply(Language::Persian, false); }

    void listsEachChangeWithItsRule()
    {
        const auto dialog = show(threeChanges);
        auto *table = child<QTableView>(dialog.get(), u"changesTable"_s);
        QVERIFY(table->isVisible());
        QAbstractItemModel *model = table->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(0, Rule).data().toString(),
            newsroom::cleanupRuleName(CleanupRule::ArabicLetters));
        QCOMPARE(model->index(2, Rule).data().toString(),
            newsroom::cleanupRuleName(CleanupRule::PersianDigits));
        QCOMPARE(model->index(1, Before).data().toString(), u"این کتاب ها خوب"_s);
        QCOMPARE(model->index(1, After).data().toString(), u"این کتاب‌ها خوب"_s);

        const QString summary = child<QLabel>(dialog.get(), u"summary"_s)->text();
        QVERIFY2(summary.contains(u'۳'), qPrintable(summary));
        QVERIFY2(summary.contains(newsroom::cleanupRuleName(CleanupRule::ZeroWidthNonJoiner)),
            qPrintable(summary));
    }

    void marksTheChangedWordsOnly()
    {
        const auto dialog = show(threeChanges);
        QAbstractItemModel *model = child<QTableView>(dialog.get(), u"changesTable"_s)->model();
        // Whole words are marked, never a letter inside a word.
        QCOMPARE(highlighted(model->index(0, Before)), u"كتاب"_s);
        QCOMPARE(highlighted(model->index(0, After)), u"کتاب"_s);
        QCOMPARE(highlighted(model->index(1, Before)), u"کتاب ها"_s);
        QCOMPARE(highlighted(model->index(1, After)), u"کتاب‌ها"_s);
        QCOMPARE(highlighted(model->index(2, After)), u"۱۴۰۳"_s);
        QVERIFY(model->index(0, Rule).data(Qt::UserRole).toString().isEmpty());
    }

    void enterApplies()
    {
        const auto dialog = show(threeChanges);
        auto *apply = child<QPushButton>(dialog.get(), u"apply"_s);
        QVERIFY(apply->isDefault());
        QTest::keyClick(child<QTableView>(dialog.get(), u"changesTable"_s), Qt::Key_Return);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
    }

    void applyAndCancelButtons()
    {
        auto dialog = show(threeChanges);
        QTest::mouseClick(child<QPushButton>(dialog.get(), u"apply"_s), Qt::LeftButton);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));

        dialog = show(threeChanges);
        QTest::mouseClick(child<QPushButton>(dialog.get(), u"cancel"_s), Qt::LeftButton);
        QCOMPARE(dialog->result(), int(QDialog::Rejected));

        dialog = show(threeChanges);
        QTest::keyClick(dialog.get(), Qt::Key_Escape);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }

    void nothingToCleanUpOffersOnlyClose()
    {
        const auto dialog = show({});
        QVERIFY(!child<QTableView>(dialog.get(), u"changesTable"_s)->isVisible());
        QCOMPARE(child<QLabel>(dialog.get(), u"summary"_s)->text(),
            CleanupDialog::tr("Nothing to clean up: the text already follows the rules."));
        QVERIFY(!dialog->findChild<QPushButton *>(u"apply"_s));
        const QList<QAbstractButton *> buttons = dialog->findChild<QDialogButtonBox *>()->buttons();
        QCOMPARE(buttons.size(), 1);
        QCOMPARE(buttons.first()->objectName(), u"close"_s);
        QTest::keyClick(dialog.get(), Qt::Key_Return);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }

    void showsWhatTheCleanUpFinds()
    {
        const newsroom::CleanupResult cleaned
            = newsroom::cleanupPlainText(u"اين كتاب را در سال 1398 خواندم."_s);
        QVERIFY(!cleaned.changes.isEmpty());
        const auto dialog = show(cleaned.changes);
        QCOMPARE(child<QTableView>(dialog.get(), u"changesTable"_s)->model()->rowCount(),
            cleaned.changes.size());
        QVERIFY(dialog->findChild<QPushButton *>(u"apply"_s));
    }

    void englishSummary()
    {
        Language::instance().apply(Language::English, false);
        const auto dialog = show(threeChanges);
        QVERIFY(child<QLabel>(dialog.get(), u"summary"_s)->text().contains(u"3 changes"_s));
        QCOMPARE(child<QPushButton>(dialog.get(), u"apply"_s)->text(), u"&Apply"_s);

        const auto single = show(threeChanges.mid(0, 1));
        QVERIFY(child<QLabel>(single.get(), u"summary"_s)->text().contains(u"1 change"_s));
    }
};

QTEST_MAIN(TestCleanupDialog)
#include "TestCleanupDialog.moc"
