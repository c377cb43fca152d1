// Drives the member bank screens as a membership officer would: searching in
// Persian, filtering, sorting, adding a member through the form, editing one and
// reading its audit trail, recording dues and changing the status of several.
#include "GeneratedIds.h"
#include "TestDatabase.h"
#include "Typing.h"
#include "WidgetTesting.h"
#include "members/BranchService.h"
#include "members/DuesDialog.h"
#include "members/MemberChangesModel.h"
#include "members/MemberDialog.h"
#include "members/MemberDisplay.h"
#include "members/MemberListModel.h"
#include "members/MembersPage.h"
#include "members/StatusChangeDialog.h"
#include "shell/Application.h"
#include "shell/Language.h"
#include "text/Identifiers.h"
#include "text/PersianText.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using daftar::test::child;
using daftar::test::hasLatinDigit;
using daftar::test::hasPersianDigit;
using namespace daftar;
using daftar::members::Member;
using daftar::members::MemberKind;
using daftar::members::MemberStatus;
using daftar::test::nationalCode;
using daftar::test::typeText;
using daftar::ui::Language;
using daftar::ui::MemberListModel;

namespace {

// A valid national code built from the rule, never a hand-typed "valid-looking" number.
QString withWrongCheckDigit(const QString &code)
{
    return code.left(9) + QString::number((code.back().digitValue() + 1) % 10);
}

} // namespace

class TestMembersPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<members::MemberService> m_members;
    std::unique_ptr<ui::Session> m_session;
    quint32 m_nextCode = 10203040;

    accounts::Actor admin() const { return m_session->user.actor(); }

    Member addPerson(const QString &first, const QString &last,
        const QString &province = u"IR-23"_s, const QString &city = u"تهران"_s)
    {
        Member member;
        member.kind = MemberKind::Person;
        member.firstName = first;
        member.lastName = last;
        member.nationalId = nationalCode(m_nextCode += 7919);
        member.province = province;
        member.city = city;
        member.mobile = u"0912%1"_s.arg(m_nextCode % 10000000, 7, 10, QChar(u'0'));
        member.joinDate = QDate(2020, 3, 21);
        const auto created = m_members->create(admin(), member);
        if (!created) {
            qWarning("%s", qPrintable(created.errorMessage()));
            return member;
        }
        return *created;
    }

    std::unique_ptr<ui::MembersPage> showPage()
    {
        auto page = std::make_unique<ui::MembersPage>(*m_session);
        page->resize(1100, 700);
        page->show();
        page->activateWindow();
        if (!QTest::qWaitForWindowActive(page.get())) {
            qWarning("the page did not become active");
        }
        return page;
    }

    ui::MemberDialog *waitForMemberDialog(ui::MembersPage *page)
    {
        ui::MemberDialog *dialog = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] { return (dialog = page->findChild<ui::MemberDialog *>()) && dialog->isVisible(); },
            5000);
        // The offscreen platform activates a window that opens over another a little later.
        if (shown) {
            dialog->activateWindow();
            if (!QTest::qWaitFor([&] { return QApplication::activeWindow() == dialog; })) {
                qWarning("the member form did not become active");
            }
        }
        return dialog;
    }

    QStringList namesShown(MemberListModel *model)
    {
        QStringList names;
        for (int row = 0; row < model->rowCount(); ++row) {
            names << model->index(row, MemberListModel::Name).data().toString();
        }
        return names;
    }

    // Clicks the row, then presses Enter, as a user opens a member.
    void openRow(ui::MembersPage *page, int row)
    {
        auto *table = child<QTableView>(page, u"memberTable"_s);
        const QRect cell = table->visualRect(page->model()->index(row, MemberListModel::Name));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::keyClick(table, Qt::Key_Return);
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
        m_members = std::make_unique<members::MemberService>(*m_db);
        accounts::AccountService accounts(*m_db);
        const accounts::User user
            = accounts.createFirstAdministrator(u"admin"_s, u"مریم احمدی"_s, u"Tabriz-1403!"_s)
                  .value();
        m_session = std::make_unique<ui::Session>(ui::Session {*m_db, user});
    }

    void cleanup()
    {
        m_session.reset();
        m_members.reset();
        m_db.reset();
        m_testDb.reset();
    }

    void emptyBankSaysSo()
    {
        const auto page = showPage();
        QVERIFY(child<QLabel>(page.get(), u"emptyState"_s)->isVisible());
        QVERIFY(!child<QTableView>(page.get(), u"memberTable"_s)->isVisible());
        QVERIFY(!child<QLineEdit>(page.get(), u"memberSearch"_s)->isVisible());
        QVERIFY(child<QToolButton>(page.get(), u"newMember"_s)->isVisible());
    }

    void searchAsYouTypeInPersian()
    {
        addPerson(u"رضا"_s, u"احمدی"_s);
        addPerson(u"علی"_s, u"رضایی"_s);
        addPerson(u"مریم"_s, u"کریمی"_s);
        addPerson(u"زهرا"_s, u"محمدی"_s);
        const auto page = showPage();
        MemberListModel *model = page->model();
        auto *count = child<QLabel>(page.get(), u"memberCount"_s);
        QCOMPARE(model->rowCount(), 4);
        QVERIFY2(count->text().contains(u"۴"_s), qPrintable(count->text()));

        auto *search = child<QLineEdit>(page.get(), u"memberSearch"_s);
        QTest::keyClick(page.get(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(search->hasFocus());
        typeText(search, u"رضا"_s);
        QTRY_COMPARE(model->rowCount(), 2);
        QVERIFY2(count->text().contains(u"۲"_s) && count->text().contains(u"۴"_s)
                && !hasLatinDigit(count->text()),
            qPrintable(count->text()));
        QStringList found = namesShown(model);
        found.sort();
        QStringList expected {u"رضا احمدی"_s, u"علی رضایی"_s};
        expected.sort();
        QCOMPARE(found, expected);

        // Enter takes the officer from the search to the first member found.
        QTest::keyClick(search, Qt::Key_Return);
        auto *table = child<QTableView>(page.get(), u"memberTable"_s);
        QVERIFY(table->hasFocus());
        QCOMPARE(table->currentIndex().row(), 0);
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);

        search->clear();
        QTRY_COMPARE(model->rowCount(), 4);
    }

    void arabicYehFindsPersianYeh()
    {
        addPerson(u"علی"_s, u"کریمی"_s);
        addPerson(u"مریم"_s, u"احمدی"_s);
        const auto page = showPage();
        typeText(child<QLineEdit>(page.get(), u"memberSearch"_s), u"علي كريمي"_s);
        QTRY_COMPARE(page->model()->rowCount(), 1);
        QCOMPARE(page->model()->index(0, MemberListModel::Name).data().toString(), u"علی کریمی"_s);
    }

    void provinceFilterChangesTheCount()
    {
        addPerson(u"رضا"_s, u"احمدی"_s, u"IR-23"_s);
        addPerson(u"علی"_s, u"رضایی"_s, u"IR-10"_s, u"اصفهان"_s);
        addPerson(u"مریم"_s, u"کریمی"_s, u"IR-10"_s, u"کاشان"_s);
        const auto page = showPage();
        auto *province = child<QComboBox>(page.get(), u"provinceFilter"_s);
        auto *count = child<QLabel>(page.get(), u"memberCount"_s);
        QCOMPARE(province->count(), 32);
        QCOMPARE(province->currentIndex(), 0);
        QCOMPARE(page->model()->rowCount(), 3);

        province->setFocus();
        province->setCurrentIndex(province->findData(u"IR-10"_s));
        QTRY_COMPARE(page->model()->rowCount(), 2);
        QCOMPARE(page->model()->index(0, MemberListModel::Province).data().toString(), u"اصفهان"_s);
        QVERIFY2(count->text().contains(u"۲"_s) && count->text().contains(u"۳"_s),
            qPrintable(count->text()));

        auto *kind = child<QComboBox>(page.get(), u"kindFilter"_s);
        kind->setCurrentIndex(kind->findData(members::kindId(MemberKind::Legal)));
        QTRY_COMPARE(page->model()->rowCount(), 0);
    }

    void nameHeaderSortsBothWaysInPersianOrder()
    {
        // Byte order would put پ, ژ and گ after ی.
        for (const QString &first : {u"گلاره"_s, u"یاسمن"_s, u"پرویز"_s, u"ژاله"_s, u"بهرام"_s}) {
            addPerson(first, u"نیکو"_s);
        }
        const auto page = showPage();
        MemberListModel *model = page->model();
        const QStringList ascending {
            u"بهرام نیکو"_s, u"پرویز نیکو"_s, u"ژاله نیکو"_s, u"گلاره نیکو"_s, u"یاسمن نیکو"_s};
        QCOMPARE(namesShown(model), ascending);

        QHeaderView *header = child<QTableView>(page.get(), u"memberTable"_s)->horizontalHeader();
        const auto clickName = [&] {
            const QPoint at(header->sectionViewportPosition(MemberListModel::Name)
                    + header->sectionSize(MemberListModel::Name) / 2,
                header->height() / 2);
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        };
        QStringList descending = ascending;
        std::reverse(descending.begin(), descending.end());
        clickName();
        QTRY_COMPARE(namesShown(model), descending);
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        clickName();
        QTRY_COMPARE(namesShown(model), ascending);

        // A column the core cannot sort by leaves the order and the indicator alone.
        const QPoint city(
            header->sectionViewportPosition(MemberListModel::City) + 5, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, city);
        QCOMPARE(header->sortIndicatorSection(), int(MemberListModel::Name));
        QCOMPARE(namesShown(model), ascending);
    }

    void newMemberFormChecksAsTyped()
    {
        addPerson(u"رضا"_s, u"احمدی"_s);
        const auto page = showPage();
        QTest::keyClick(page.get(), Qt::Key_N, Qt::ControlModifier);
        ui::MemberDialog *dialog = waitForMemberDialog(page.get());
        QVERIFY(dialog);
        QCOMPARE(dialog->layoutDirection(), Qt::RightToLeft);
        auto *save = child<QPushButton>(dialog, u"save"_s);
        auto *problem = child<QLabel>(dialog, u"problem_national_id"_s);
        QVERIFY(!save->isEnabled());
        QVERIFY(!problem->isVisible()); // nothing typed there yet

        typeText(child<QLineEdit>(dialog, u"firstName"_s), u"نرگس"_s);
        typeText(child<QLineEdit>(dialog, u"lastName"_s), u"شریفی"_s);
        auto *province = child<QComboBox>(dialog, u"province"_s);
        province->setCurrentIndex(province->findData(u"IR-07"_s));
        typeText(child<QLineEdit>(dialog, u"city"_s), u"شیراز"_s);

        const QString code = nationalCode(987654321);
        auto *nationalId = child<QLineEdit>(dialog, u"nationalId"_s);
        QTest::keyClicks(nationalId, withWrongCheckDigit(code));
        QVERIFY(problem->isVisible());
        QVERIFY(!problem->text().isEmpty());
        QVERIFY(!save->isEnabled());

        // Fixed in Persian digits, as typed on a Persian keyboard.
        nationalId->selectAll();
        QTest::keyClick(nationalId, Qt::Key_Backspace);
        typeText(nationalId, text::toPersianDigits(code));
        QVERIFY(!problem->isVisible());
        QVERIFY2(save->isEnabled(), qPrintable(child<QLabel>(dialog, u"hint"_s)->text()));

        QTest::keyClick(dialog, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!dialog->isVisible());
        const auto stored = m_members->findByNationalId(admin(), code).value();
        QVERIFY(stored.has_value());
        QCOMPARE(stored->displayName(), u"نرگس شریفی"_s);
        QCOMPARE(stored->province, u"IR-07"_s);
        QCOMPARE(stored->nationalId, code);
        QTRY_COMPARE(page->model()->rowCount(), 2);
    }

    void formIsUsableFromTheKeyboard()
    {
        addPerson(u"رضا"_s, u"احمدی"_s);
        const auto page = showPage();
        QTest::keyClick(page.get(), Qt::Key_N, Qt::ControlModifier);
        ui::MemberDialog *dialog = waitForMemberDialog(page.get());
        QVERIFY(dialog);
        QTRY_COMPARE(QApplication::focusWidget(), child<QWidget>(dialog, u"firstName"_s));
        const QStringList order {u"lastName"_s, u"dateText"_s, u"status"_s, u"province"_s,
            u"city"_s, u"address"_s, u"postalCode"_s, u"mobile"_s, u"phone"_s, u"email"_s,
            u"notes"_s, u"directoryConsent"_s, u"cancel"_s};
        QStringList visited;
        while (visited.size() < order.size()) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            const QString name = QApplication::focusWidget()->objectName();
            // Fields on the way that the test does not list are fine; the order is what counts.
            if (order.contains(name)) {
                visited << name;
            }
            if (name == u"cancel"_s) {
                break;
            }
        }
        QCOMPARE(visited, order);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(m_members->count(admin(), {}).value(), 1);
    }

    void addingAKnownCodeOpensTheExistingMember()
    {
        const Member existing = addPerson(u"رضا"_s, u"احمدی"_s);
        const auto page = showPage();
        QTest::keyClick(page.get(), Qt::Key_N, Qt::ControlModifier);
        ui::MemberDialog *dialog = waitForMemberDialog(page.get());
        QVERIFY(dialog);
        typeText(child<QLineEdit>(dialog, u"firstName"_s), u"رضا"_s);
        typeText(child<QLineEdit>(dialog, u"lastName"_s), u"احمدی‌نژاد"_s);
        auto *province = child<QComboBox>(dialog, u"province"_s);
        province->setCurrentIndex(province->findData(u"IR-23"_s));
        QTest::keyClicks(child<QLineEdit>(dialog, u"nationalId"_s), existing.nationalId);
        QTest::keyClick(child<QLineEdit>(dialog, u"city"_s), Qt::Key_Return);

        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())));
        QCOMPARE(box->objectName(), u"duplicateMessage"_s);
        QTest::keyClick(box, Qt::Key_Return); // the default: open the existing member
        QTRY_COMPARE(child<QLineEdit>(dialog, u"lastName"_s)->text(), u"احمدی"_s);
        QVERIFY(child<QLineEdit>(dialog, u"membershipNo"_s)->isReadOnly());
        QVERIFY(dialog->isVisible());
        QCOMPARE(m_members->count(admin(), {}).value(), 1);
    }

    void shownMembersExportToSpreadsheetAndPdf()
    {
        addPerson(u"زهرا"_s, u"محمدی"_s, u"IR-23"_s, u"تهران"_s);
        addPerson(u"علی"_s, u"کاظمی"_s, u"IR-07"_s, u"شیراز"_s);
        const auto page = showPage();
        auto *province = child<QComboBox>(page.get(), u"provinceFilter"_s);
        province->setCurrentIndex(province->findData(u"IR-07"_s));
        QTRY_COMPARE(page->model()->rowCount(), 1);

        QTemporaryDir folder;
        const QString csv = folder.filePath(u"shown.csv"_s);
        page->exportShownMembersTo(csv);
        QFile written(csv);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QString content = QString::fromUtf8(written.readAll());
        QVERIFY(content.contains(u"کاظمی"_s));
        QVERIFY(!content.contains(u"محمدی"_s)); // only what the filters show
        QVERIFY(child<QLabel>(page.get(), u"bulkResult"_s)->text().contains(csv));

        const QString pdf = folder.filePath(u"shown.pdf"_s);
        QSignalSpy finished(page.get(), &ui::MembersPage::exportFinished);
        page->exportShownMembersTo(pdf);
        QVERIFY(finished.wait(60000));
        QFile printed(pdf);
        QVERIFY2(printed.open(QIODevice::ReadOnly),
            qPrintable(child<QLabel>(page.get(), u"bulkResult"_s)->text()));
        QCOMPARE(printed.read(5), QByteArray("%PDF-"));
        QProcess text;
        text.start(u"pdftotext"_s, {pdf, u"-"_s});
        QVERIFY(text.waitForFinished(30000));
        const QString printedText = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(printedText.contains(u"کاظمی"_s), qPrintable(printedText));
        QVERIFY(!printedText.contains(u"محمدی"_s));
    }

    void selectedMembersExportWithoutTheRest()
    {
        addPerson(u"زهرا"_s, u"محمدی"_s, u"IR-23"_s, u"تهران"_s);
        addPerson(u"علی"_s, u"کاظمی"_s, u"IR-07"_s, u"شیراز"_s);
        addPerson(u"مینا"_s, u"صادقی"_s, u"IR-07"_s, u"شیراز"_s);
        const auto page = showPage();
        QTRY_COMPARE(page->model()->rowCount(), 3);
        auto *table = child<QTableView>(page.get(), u"memberTable"_s);
        auto *exportSelected = child<QAction>(page.get(), u"exportSelectedAction"_s);
        table->clearSelection();
        QVERIFY(!exportSelected->isEnabled());
        // Click the first row, Ctrl+click the third: a hand-made selection.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
            table->visualRect(page->model()->index(0, 1)).center());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
            table->visualRect(page->model()->index(2, 1)).center());
        QCOMPARE(table->selectionModel()->selectedRows().size(), 2);
        QVERIFY(exportSelected->isEnabled());
        const QStringList shown = namesShown(page->model());
        const QString left = shown.at(1); // not selected

        QTemporaryDir folder;
        const QString csv = folder.filePath(u"selected.csv"_s);
        page->exportSelectedMembersTo(csv);
        QFile written(csv);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QString content = QString::fromUtf8(written.readAll());
        QVERIFY2(content.contains(shown.at(0).section(u' ', -1)), qPrintable(content));
        QVERIFY(content.contains(shown.at(2).section(u' ', -1)));
        QVERIFY(!content.contains(left.section(u' ', -1)));
        QCOMPARE(content.trimmed().split(u'\n').size(), 3); // the header and two members
        QVERIFY(child<QLabel>(page.get(), u"bulkResult"_s)->text().contains(csv));
    }

    void editedCityShowsInTheChanges()
    {
        const Member member = addPerson(u"زهرا"_s, u"محمدی"_s, u"IR-23"_s, u"تهران"_s);
        const auto page = showPage();
        openRow(page.get(), 0);
        ui::MemberDialog *dialog = waitForMemberDialog(page.get());
        QVERIFY(dialog);
        auto *city = child<QLineEdit>(dialog, u"city"_s);
        QCOMPARE(city->text(), u"تهران"_s);
        city->setFocus();
        city->selectAll();
        QTest::keyClick(city, Qt::Key_Backspace);
        typeText(city, u"شیراز"_s);
        QTest::keyClick(city, Qt::Key_Return);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(m_members->get(admin(), member.id).value()->city, u"شیراز"_s);
        QTRY_COMPARE(page->model()->index(0, MemberListModel::City).data().toString(), u"شیراز"_s);

        openRow(page.get(), 0);
        dialog = waitForMemberDialog(page.get());
        QVERIFY(dialog);
        child<QTabWidget>(dialog, u"memberTabs"_s)->setCurrentIndex(ui::MemberDialog::ChangesTab);
        auto *changes = child<QTableView>(dialog, u"changesTable"_s);
        QVERIFY(changes->isVisible());
        QCOMPARE(changes->model()->rowCount(), 2); // added, then edited
        const QString changed
            = changes->model()->index(0, ui::MemberChangesModel::Changes).data().toString();
        QCOMPARE(changed, ui::MemberChangesModel::fieldName(u"city"_s));
        QVERIFY(changes->model()
                    ->index(0, ui::MemberChangesModel::Who)
                    .data()
                    .toString()
                    .startsWith(u"مریم احمدی"_s));
        const QString detail = child<QLabel>(dialog, u"changeDetail"_s)->text();
        QVERIFY2(detail.contains(u"تهران"_s) && detail.contains(u"شیراز"_s), qPrintable(detail));
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!dialog->isVisible());
    }

    void branchIsChosenAmongThoseOfTheProvince()
    {
        members::BranchService branches(*m_db);
        members::Branch shiraz;
        shiraz.province = u"IR-07"_s;
        shiraz.city = u"شیراز"_s;
        shiraz.name = u"شعبه فارس"_s;
        const qint64 farsBranch = branches.create(admin(), shiraz).value().id;
        members::Branch tehran = shiraz;
        tehran.province = u"IR-23"_s;
        tehran.city = u"تهران"_s;
        tehran.name = u"شعبه مرکزی"_s;
        const qint64 tehranBranch = branches.create(admin(), tehran).value().id;

        const Member member = addPerson(u"زهرا"_s, u"محمدی"_s, u"IR-23"_s, u"تهران"_s);
        const auto page = showPage();
        openRow(page.get(), 0);
        ui::MemberDialog *dialog = waitForMemberDialog(page.get());
        QVERIFY(dialog);
        auto *branch = child<QComboBox>(dialog, u"branch"_s);
        QCOMPARE(branch->count(), 2); // "no branch" and Tehran's only
        QCOMPARE(branch->findData(farsBranch), -1);
        branch->setCurrentIndex(branch->findData(tehranBranch));
        emit branch->activated(branch->currentIndex());
        QTest::keyClick(child<QLineEdit>(dialog, u"city"_s), Qt::Key_Return);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(m_members->get(admin(), member.id).value()->branchId, tehranBranch);

        // The core refuses a branch of another province, whatever the form offers.
        Member moved = m_members->get(admin(), member.id).value().value();
        moved.branchId = farsBranch;
        QCOMPARE(m_members->update(admin(), moved).error().kind, Error::Kind::Invalid);
    }

    void duesAreRecordedFromTheDuesTab()
    {
        const Member member = addPerson(u"مریم"_s, u"کریمی"_s);
        const auto page = showPage();
        openRow(page.get(), 0);
        ui::MemberDialog *dialog = waitForMemberDialog(page.get());
        QVERIFY(dialog);
        child<QTabWidget>(dialog, u"memberTabs"_s)->setCurrentIndex(ui::MemberDialog::DuesTab);
        QTest::mouseClick(child<QPushButton>(dialog, u"recordDues"_s), Qt::LeftButton);
        ui::DuesDialog *dues = nullptr;
        QTRY_VERIFY((dues = dialog->findChild<ui::DuesDialog *>()) && dues->isVisible());
        auto *year = child<QComboBox>(dues, u"duesYear"_s);
        year->setCurrentIndex(year->findData(1402));
        typeText(child<QLineEdit>(dues, u"duesAmount"_s), u"۱۲٬۰۰۰٬۰۰۰"_s);
        typeText(child<QLineEdit>(dues, u"duesReceipt"_s), u"R-77"_s);
        const QString echo = child<QLabel>(dues, u"duesAmountEcho"_s)->text();
        QVERIFY2(echo.contains(u"۱٬۲۰۰٬۰۰۰"_s), qPrintable(echo)); // in Toman too
        QTest::mouseClick(
            dues->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);

        auto *table = child<QTableView>(dialog, u"duesTable"_s);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, 0).data().toString(), u"۱۴۰۲"_s);
        QVERIFY2(table->model()->index(0, 1).data().toString().contains(u"۱۲٬۰۰۰٬۰۰۰"_s),
            qPrintable(table->model()->index(0, 1).data().toString()));
        const auto recorded = m_members->dues(admin(), member.id).value();
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(recorded.first().year, 1402);
        QCOMPARE(recorded.first().amountRial, 12000000);
        QCOMPARE(recorded.first().receiptNo, u"R-77"_s);

        // The member no longer shows as unpaid for 1402.
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!dialog->isVisible());
        auto *unpaid = child<QComboBox>(page.get(), u"unpaidFilter"_s);
        QCOMPARE(unpaid->findData(1402) > 0, ui::currentJalaliYear() - 1402 < 5);
        if (unpaid->findData(1402) > 0) {
            unpaid->setCurrentIndex(unpaid->findData(1402));
            QTRY_COMPARE(page->model()->rowCount(), 0);
        }
    }

    void statusOfTwoSelectedMembersChanges()
    {
        const Member first = addPerson(u"بهرام"_s, u"نیکو"_s);
        const Member second = addPerson(u"پرویز"_s, u"نیکو"_s);
        const Member third = addPerson(u"یاسمن"_s, u"نیکو"_s);
        const auto page = showPage();
        auto *table = child<QTableView>(page.get(), u"memberTable"_s);
        auto *changeStatus = child<QToolButton>(page.get(), u"changeStatus"_s);
        QVERIFY(!changeStatus->isEnabled());
        const auto rowCentre = [&](int row) {
            return table->visualRect(page->model()->index(row, MemberListModel::Name)).center();
        };
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rowCentre(0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier, rowCentre(1));
        QCOMPARE(table->selectionModel()->selectedRows().size(), 2);
        QVERIFY(changeStatus->isEnabled());

        QTest::mouseClick(changeStatus, Qt::LeftButton);
        ui::StatusChangeDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = page->findChild<ui::StatusChangeDialog *>()) && dialog->isVisible());
        auto *status = child<QComboBox>(dialog, u"statusChoice"_s);
        status->setCurrentIndex(status->findData(members::statusId(MemberStatus::Suspended)));
        typeText(child<QLineEdit>(dialog, u"statusReason"_s), u"حق عضویت پرداخت نشده"_s);
        QTest::mouseClick(
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);

        QTRY_COMPARE(m_members->get(admin(), first.id).value()->status, MemberStatus::Suspended);
        QCOMPARE(m_members->get(admin(), second.id).value()->status, MemberStatus::Suspended);
        QCOMPARE(m_members->get(admin(), third.id).value()->status, MemberStatus::Active);
        const auto history = m_members->statusHistory(admin(), first.id).value();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().status, MemberStatus::Suspended);
        QCOMPARE(history.first().reason, u"حق عضویت پرداخت نشده"_s);
        QCOMPARE(history.first().changedOn, QDate::currentDate());
        QTRY_COMPARE(page->model()->index(0, MemberListModel::Status).data().toString(),
            members::statusDisplayName(MemberStatus::Suspended));
        QVERIFY(child<QLabel>(page.get(), u"bulkResult"_s)->isVisible());
    }

    void duesOfTwoSelectedMembersAreRecorded()
    {
        const Member first = addPerson(u"بهرام"_s, u"نیکو"_s);
        const Member second = addPerson(u"پرویز"_s, u"نیکو"_s);
        const Member third = addPerson(u"یاسمن"_s, u"نیکو"_s);
        const auto page = showPage();
        auto *table = child<QTableView>(page.get(), u"memberTable"_s);
        table->setFocus();
        table->selectionModel()->select(QItemSelection(page->model()->index(1, 0),
                                            page->model()->index(2, MemberListModel::Status)),
            QItemSelectionModel::ClearAndSelect);
        QTest::mouseClick(child<QToolButton>(page.get(), u"recordDues"_s), Qt::LeftButton);
        ui::DuesDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = page->findChild<ui::DuesDialog *>()) && dialog->isVisible());
        auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled()); // no amount yet
        QTest::keyClicks(child<QLineEdit>(dialog, u"duesAmount"_s), u"5000000"_s);
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);

        QTRY_COMPARE(m_members->dues(admin(), second.id).value().size(), 1);
        QCOMPARE(m_members->dues(admin(), third.id).value().size(), 1);
        QCOMPARE(m_members->dues(admin(), third.id).value().first().amountRial, 5000000);
        QCOMPARE(m_members->dues(admin(), third.id).value().first().year, ui::currentJalaliYear());
        QVERIFY(m_members->dues(admin(), first.id).value().isEmpty());
    }

    void onlyAFewPagesAreKept()
    {
        for (int i = 0; i < 60; ++i) {
            addPerson(u"عضو"_s, u"شماره %1"_s.arg(i));
        }
        members::MemberService service(*m_db);
        MemberListModel model(service, admin());
        model.setPageSize(2);
        model.setQuery({});
        QCOMPARE(model.rowCount(), 60);
        QCOMPARE(model.cachedPageCount(), 0);
        for (int row = 0; row < model.rowCount(); ++row) {
            QVERIFY(!model.index(row, MemberListModel::Name).data().toString().isEmpty());
            QVERIFY(model.cachedPageCount() <= MemberListModel::maximumCachedPages);
        }
        QCOMPARE(model.cachedPageCount(), MemberListModel::maximumCachedPages);
        // Going back to the top reads the first page again, correctly.
        members::MemberQuery firstTwo;
        firstTwo.limit = 2;
        const auto expected = service.search(admin(), firstTwo).value();
        QCOMPARE(
            model.index(0, MemberListModel::Name).data(MemberListModel::MemberIdRole).toLongLong(),
            expected.first().id);
        QCOMPARE(model.memberAt(1)->id, expected.at(1).id);
    }

    void languageSwitchRerendersTheTable()
    {
        addPerson(u"رضا"_s, u"احمدی"_s, u"IR-10"_s);
        const auto page = showPage();
        MemberListModel *model = page->model();
        const auto cell = [&](int column) {
            return model->index(0, column).data().toString();
        };
        QVERIFY(hasPersianDigit(cell(MemberListModel::NationalId)));
        QVERIFY(hasPersianDigit(cell(MemberListModel::JoinDate)));
        QCOMPARE(cell(MemberListModel::JoinDate), u"۱۳۹۹/۰۱/۰۲"_s);
        QCOMPARE(cell(MemberListModel::Province), u"اصفهان"_s);

        Language::instance().apply(Language::English, false);
        QTRY_COMPARE(cell(MemberListModel::Province), u"Isfahan"_s);
        QVERIFY(hasLatinDigit(cell(MemberListModel::NationalId)));
        QVERIFY(!hasPersianDigit(cell(MemberListModel::Mobile)));
        QCOMPARE(cell(MemberListModel::JoinDate), u"1399/01/02"_s);
        QCOMPARE(model->headerData(MemberListModel::Name, Qt::Horizontal).toString(), u"Name"_s);
        QCOMPARE(child<QComboBox>(page.get(), u"provinceFilter"_s)->itemText(1), u"Alborz"_s);
        const QString count = child<QLabel>(page.get(), u"memberCount"_s)->text();
        QVERIFY2(hasLatinDigit(count) && !hasPersianDigit(count), qPrintable(count));
    }
};

int main(int argc, char *argv[])
{
    // PDF printing uses QtWebEngine, which wants shared GL contexts from the start.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestMembersPage test;
    return QTest::qExec(&test, argc, argv);
}
#include "TestMembersPage.moc"
