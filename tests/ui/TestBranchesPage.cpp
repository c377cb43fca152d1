// Drives the provincial branches section as the secretariat would: the honest
// empty state, adding a branch through the form in Persian, its member count
// following the member bank, its members listed below, and editing it.
#include "GeneratedIds.h"
#include "TestDatabase.h"
#include "Typing.h"
#include "WidgetTesting.h"
#include "members/BranchDialog.h"
#include "members/BranchListModel.h"
#include "members/BranchMembersModel.h"
#include "members/BranchesPage.h"
#include "members/MemberService.h"
#include "shell/Application.h"
#include "shell/Language.h"
#include "text/Identifiers.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using daftar::test::child;
using namespace daftar;
using daftar::test::nationalCode;
using daftar::test::typeText;
using daftar::ui::BranchListModel;
using daftar::ui::Language;

class TestBranchesPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<ui::Session> m_session;

    std::unique_ptr<ui::BranchesPage> showPage()
    {
        auto page = std::make_unique<ui::BranchesPage>(*m_session);
        page->resize(1100, 700);
        page->show();
        page->activateWindow();
        if (!QTest::qWaitForWindowActive(page.get())) {
            qWarning("the page did not become active");
        }
        return page;
    }

    ui::BranchDialog *waitForDialog(ui::BranchesPage *page)
    {
        ui::BranchDialog *dialog = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] { return (dialog = page->findChild<ui::BranchDialog *>()) && dialog->isVisible(); },
            5000);
        // The offscreen platform does not activate a window that opens over another.
        if (shown) {
            dialog->activateWindow();
        }
        if (shown && !QTest::qWaitForWindowActive(dialog)) {
            qWarning("the branch form did not become active");
        }
        return dialog;
    }

    QString cell(ui::BranchesPage *page, int row, int column)
    {
        return page->model()->index(row, column).data().toString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"DaftarTest"_s);
        QCoreApplication::setApplicationName(u"DaftarTest"_s);
        ui::setUpAppearance();
    }

    void init()
    {
        Language::instance().apply(Language::Persian, false);
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        accounts::AccountService accounts(*m_db);
        const accounts::User user
            = accounts.createFirstAdministrator(u"admin"_s, u"مریم احمدی"_s, u"Tabriz-1403!"_s)
                  .value();
        m_session = std::make_unique<ui::Session>(ui::Session {*m_db, user});
    }

    void cleanup()
    {
        m_session.reset();
        m_db.reset();
        m_testDb.reset();
    }

    void noBranchesSaysSo()
    {
        const auto page = showPage();
        auto *empty = child<QLabel>(page.get(), u"emptyState"_s);
        QVERIFY(empty->isVisible());
        QVERIFY(!empty->text().isEmpty());
        QVERIFY(!child<QTableView>(page.get(), u"branchTable"_s)->isVisible());
        QVERIFY(child<QPushButton>(page.get(), u"newBranch"_s)->isVisible());
        QCOMPARE(child<QComboBox>(page.get(), u"provinceFilter"_s)->count(), 32);
    }

    void branchAddedThroughTheFormCountsItsMembers()
    {
        const auto page = showPage();
        QTest::mouseClick(child<QPushButton>(page.get(), u"newBranch"_s), Qt::LeftButton);
        ui::BranchDialog *dialog = waitForDialog(page.get());
        QVERIFY(dialog);

        // The core's refusal is shown in the form, which stays open.
        auto *province = child<QComboBox>(dialog, u"province"_s);
        province->setCurrentIndex(province->findData(u"IR-03"_s));
        QTest::mouseClick(child<QPushButton>(dialog, u"save"_s), Qt::LeftButton);
        auto *message = child<QLabel>(dialog, u"message"_s);
        QVERIFY(message->isVisible());
        QVERIFY(!message->text().isEmpty());
        QVERIFY(dialog->isVisible());

        typeText(child<QLineEdit>(dialog, u"name"_s), u"شعبه تبریز"_s);
        typeText(child<QLineEdit>(dialog, u"city"_s), u"تبریز"_s);
        typeText(child<QLineEdit>(dialog, u"head"_s), u"رضا کریمی"_s);
        QTest::keyClicks(child<QLineEdit>(dialog, u"phones"_s), u"041 3333 4444"_s);
        QTest::mouseClick(child<QPushButton>(dialog, u"save"_s), Qt::LeftButton);
        QTRY_VERIFY(!page->findChild<ui::BranchDialog *>());

        QVERIFY(child<QTableView>(page.get(), u"branchTable"_s)->isVisible());
        QCOMPARE(page->model()->rowCount(), 1);
        QCOMPARE(cell(page.get(), 0, BranchListModel::Name), u"شعبه تبریز"_s);
        QCOMPARE(cell(page.get(), 0, BranchListModel::City), u"تبریز"_s);
        QCOMPARE(cell(page.get(), 0, BranchListModel::Province), u"آذربایجان شرقی"_s);
        QCOMPARE(cell(page.get(), 0, BranchListModel::Members), u"۰"_s);
        QVERIFY2(cell(page.get(), 0, BranchListModel::Phones).contains(u"۰۴۱"_s),
            qPrintable(cell(page.get(), 0, BranchListModel::Phones)));
        QCOMPARE(page->membersModel()->rowCount(), 0);

        const qint64 branchId = page->model()->branches().constFirst().id;
        members::Member member;
        member.firstName = u"علی"_s;
        member.lastName = u"رضایی"_s;
        member.nationalId = nationalCode(20406);
        member.province = u"IR-03"_s;
        member.city = u"تبریز"_s;
        member.branchId = branchId;
        QVERIFY(members::MemberService(*m_db).create(m_session->user.actor(), member).ok());

        page->reload();
        QCOMPARE(cell(page.get(), 0, BranchListModel::Members), u"۱"_s);
        QCOMPARE(cell(page.get(), 0, BranchListModel::ActiveMembers), u"۱"_s);
        QCOMPARE(page->membersModel()->rowCount(), 1);
        QCOMPARE(page->membersModel()->index(0, ui::BranchMembersModel::Name).data().toString(),
            u"علی رضایی"_s);
        auto *count = child<QLabel>(page.get(), u"branchMemberCount"_s);
        QVERIFY2(count->text().contains(u"۱"_s), qPrintable(count->text()));
        QVERIFY(child<QTableView>(page.get(), u"branchMembers"_s)->isVisible());
    }

    void editingABranchByDoubleClick()
    {
        members::Branch branch;
        branch.province = u"IR-10"_s;
        branch.city = u"اصفهان"_s;
        branch.name = u"شعبه اصفهان"_s;
        QVERIFY(members::BranchService(*m_db).create(m_session->user.actor(), branch).ok());
        const auto page = showPage();
        auto *table = child<QTableView>(page.get(), u"branchTable"_s);
        const QRect rect = table->visualRect(page->model()->index(0, BranchListModel::Name));
        // A double click is a click, then a second press that the system reports as double.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        ui::BranchDialog *dialog = waitForDialog(page.get());
        QVERIFY(dialog);
        QCOMPARE(child<QLineEdit>(dialog, u"name"_s)->text(), u"شعبه اصفهان"_s);
        QCOMPARE(child<QComboBox>(dialog, u"province"_s)->currentData().toString(), u"IR-10"_s);

        typeText(child<QLineEdit>(dialog, u"head"_s), u"زهرا محمدی"_s);
        QTest::keyClick(child<QCheckBox>(dialog, u"active"_s), Qt::Key_Space);
        QTest::mouseClick(child<QPushButton>(dialog, u"save"_s), Qt::LeftButton);
        QTRY_VERIFY(!page->findChild<ui::BranchDialog *>());
        QCOMPARE(cell(page.get(), 0, BranchListModel::Head), u"زهرا محمدی"_s);
        QVERIFY(!page->model()->branches().constFirst().active);
    }

    void provinceFilterShowsOneProvince()
    {
        members::BranchService service(*m_db);
        for (const auto &[province, city] :
            {std::pair {u"IR-10"_s, u"اصفهان"_s}, std::pair {u"IR-07"_s, u"شیراز"_s}}) {
            members::Branch branch;
            branch.province = province;
            branch.city = city;
            branch.name = u"شعبه "_s + city;
            QVERIFY(service.create(m_session->user.actor(), branch).ok());
        }
        const auto page = showPage();
        QCOMPARE(page->model()->rowCount(), 2);
        auto *filter = child<QComboBox>(page.get(), u"provinceFilter"_s);
        filter->setCurrentIndex(filter->findData(u"IR-07"_s));
        QCOMPARE(page->model()->rowCount(), 1);
        QCOMPARE(cell(page.get(), 0, BranchListModel::City), u"شیراز"_s);

        filter->setCurrentIndex(filter->findData(u"IR-23"_s));
        QCOMPARE(page->model()->rowCount(), 0);
        auto *empty = child<QLabel>(page.get(), u"emptyState"_s);
        QVERIFY(empty->isVisible());
        QVERIFY2(empty->text().contains(u"تهران"_s), qPrintable(empty->text()));
    }
};

QTEST_MAIN(TestBranchesPage)
#include "TestBranchesPage.moc"
