// Drives the application shell as a user would: first run, login, the main
// window, switching the language, and the settings page.
#include "TestDatabase.h"
#include "Typing.h"
#include "shell/AddUserDialog.h"
#include "shell/Application.h"
#include "shell/FirstRunDialog.h"
#include "shell/Language.h"
#include "shell/LoginDialog.h"
#include "shell/MainWindow.h"
#include "shell/SettingsPage.h"
#include "text/PersianText.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextLayout>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace daftar;
using daftar::test::typeText;
using daftar::ui::Language;

namespace {

const QString adminPassword = u"Tabriz-1403!"_s;

bool hasPersianDigit(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x06F0 && c.unicode() <= 0x06F9) {
            return true;
        }
    }
    return false;
}

bool hasLatinDigit(const QString &text)
{
    for (QChar c : text) {
        if (c >= u'0' && c <= u'9') {
            return true;
        }
    }
    return false;
}

void clickOk(QDialog &dialog)
{
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

} // namespace

class TestShell : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<accounts::AccountService> m_accounts;

    accounts::User createAdmin()
    {
        return m_accounts->createFirstAdministrator(u"admin"_s, u"مریم احمدی"_s, adminPassword)
            .value();
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
        Language::instance().apply(Language::Persian);
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        m_accounts = std::make_unique<accounts::AccountService>(*m_db);
    }
    void cleanup()
    {
        m_accounts.reset();
        m_db.reset();
        m_testDb.reset();
    }

    void persianIsTheDefault()
    {
        QCOMPARE(QGuiApplication::layoutDirection(), Qt::RightToLeft);
        QCOMPARE(QLocale().language(), QLocale::Persian);
        QCOMPARE(QApplication::font().family(), u"Vazirmatn"_s);
    }

    void pathsKeepTheirOrderInPersianSentences()
    {
        // Where Qt draws the leading "/" of a path inside a Persian sentence: left of
        // the "t" that follows it, as in the path itself.
        const QString before = u"این پایگاه داده تازه است ("_s;
        const QString after = u"). حساب مدیر سامانه را بسازید."_s;
        const auto slashIsLeftOfT = [&](const QString &path) {
            const QString text = before + path + after;
            QTextLayout layout(text, QApplication::font());
            QTextOption option;
            option.setTextDirection(Qt::RightToLeft);
            layout.setTextOption(option);
            layout.beginLayout();
            layout.createLine().setLineWidth(2000);
            layout.endLayout();
            const int slash = int(text.indexOf(u"/tmp"_s));
            return layout.lineAt(0).cursorToX(slash) < layout.lineAt(0).cursorToX(slash + 1);
        };
        QVERIFY(!slashIsLeftOfT(u"/tmp/daftar.sqlite"_s)); // what users would see unmarked
        QVERIFY(slashIsLeftOfT(text::isolateLeftToRight(u"/tmp/daftar.sqlite"_s)));
    }

    void firstRunCreatesTheAdministrator()
    {
        ui::FirstRunDialog dialog(*m_accounts, m_testDb->url());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.windowTitle(), u"به دفتر خوش آمدید"_s);
        typeText(dialog.findChild<QLineEdit *>(u"fullName"_s), u"مریم احمدی"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"username"_s), u"maryam"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"password"_s), u"Shiraz-1403"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"repeatPassword"_s), u"Shiraz-1404"_s);
        clickOk(dialog);
        auto *message = dialog.findChild<QLabel *>(u"message"_s);
        QVERIFY(message->isVisible());
        QVERIFY(dialog.isVisible());
        QCOMPARE(m_accounts->hasUsers().value(), false);

        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"repeatPassword"_s), u"Shiraz-1403"_s);
        clickOk(dialog);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.user().username, u"maryam"_s);
        QCOMPARE(dialog.user().role, accounts::Role::Administrator);
        QVERIFY(m_accounts->logIn(u"maryam"_s, u"Shiraz-1403"_s).ok());
    }

    void loginShowsWhyItFailed()
    {
        createAdmin();
        ui::LoginDialog dialog(*m_accounts, m_testDb->url());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *username = dialog.findChild<QLineEdit *>(u"username"_s);
        auto *password = dialog.findChild<QLineEdit *>(u"password"_s);
        auto *message = dialog.findChild<QLabel *>(u"message"_s);
        QTest::keyClicks(username, u"admin"_s);
        QTest::keyClicks(password, u"wrong password"_s);
        QTest::keyClick(password, Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(u"نام کاربری یا گذرواژه"_s), qPrintable(message->text()));
        QVERIFY(password->text().isEmpty());

        QTest::keyClicks(password, adminPassword);
        QTest::keyClick(password, Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.user().displayName, u"مریم احمدی"_s);
    }

    void languageSwitchMirrorsAndRetranslates()
    {
        const accounts::User admin = createAdmin();
        ui::Session session {*m_db, admin};
        ui::MainWindow window(session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto *sections = window.findChild<QListWidget *>(u"sections"_s);
        auto *date = window.findChild<QLabel *>(u"dateStatus"_s);
        QCOMPARE(window.layoutDirection(), Qt::RightToLeft);
        QCOMPARE(window.windowTitle(), u"دفتر"_s);
        QCOMPARE(sections->item(0)->text(), u"اخبار و آگهی‌ها"_s);
        QCOMPARE(sections->item(1)->text(), u"بانک اعضا"_s);
        QCOMPARE(sections->item(2)->text(), u"شعب استانی"_s);
        QCOMPARE(sections->item(3)->text(), u"انتشار"_s);
        QVERIFY2(hasPersianDigit(date->text()) && !hasLatinDigit(date->text()),
            qPrintable(date->text()));
        // The navigation sits on the right in a right-to-left window.
        QVERIFY(sections->mapTo(&window, QPoint(0, 0)).x() > window.width() / 2);

        QTest::mouseClick(window.findChild<QToolButton *>(u"switchToEnglish"_s), Qt::LeftButton);
        QTRY_COMPARE(window.windowTitle(), u"Daftar"_s);
        QCOMPARE(window.layoutDirection(), Qt::LeftToRight);
        QCOMPARE(sections->item(0)->text(), u"News and announcements"_s);
        QCOMPARE(sections->item(1)->text(), u"Member bank"_s);
        QVERIFY2(hasLatinDigit(date->text()) && !hasPersianDigit(date->text()),
            qPrintable(date->text()));
        QVERIFY(sections->mapTo(&window, QPoint(0, 0)).x() < window.width() / 2);
        QCOMPARE(QLocale().language(), QLocale::English);

        QTest::mouseClick(window.findChild<QToolButton *>(u"switchToPersian"_s), Qt::LeftButton);
        QTRY_COMPARE(sections->item(4)->text(), u"تنظیمات"_s);
        QCOMPARE(window.layoutDirection(), Qt::RightToLeft);
        QCOMPARE(Language::saved(), Language::Persian);
    }

    void everySectionHasAPage()
    {
        ui::Session session {*m_db, createAdmin()};
        ui::MainWindow window(session);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *sections = window.findChild<QListWidget *>(u"sections"_s);
        for (int i = 0; i < ui::MainWindow::SectionCount; ++i) {
            QTest::keyClick(&window, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
            QCOMPARE(int(window.currentSection()), i);
            QCOMPARE(sections->currentRow(), i);
        }
    }

    void geometryIsRemembered()
    {
        ui::Session session {*m_db, createAdmin()};
        {
            ui::MainWindow window(session);
            window.show();
            window.resize(900, 640);
            window.showSection(ui::MainWindow::Settings);
            window.close();
        }
        ui::MainWindow again(session);
        QCOMPARE(again.size(), QSize(900, 640));
        QCOMPARE(again.currentSection(), ui::MainWindow::Settings);
    }

    void administratorAddsAUserFromSettings()
    {
        ui::Session session {*m_db, createAdmin()};
        ui::SettingsPage page(session);
        page.show();
        auto *view = page.findChild<QTableView *>(u"usersView"_s);
        QCOMPARE(view->model()->rowCount(), 1);

        QTimer::singleShot(0, this, [] {
            auto *dialog = qobject_cast<ui::AddUserDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            typeText(dialog->findChild<QLineEdit *>(u"fullName"_s), u"علی رضایی"_s);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"username"_s), u"ali"_s);
            auto *role = dialog->findChild<QComboBox *>(u"role"_s);
            role->setCurrentIndex(role->findData(u"branch_officer"_s));
            auto *province = dialog->findChild<QComboBox *>(u"province"_s);
            QVERIFY(province->isVisible());
            QCOMPARE(province->count(), 31);
            province->setCurrentIndex(province->findData(u"IR-03"_s));
            QCOMPARE(province->currentText(), u"آذربایجان شرقی"_s);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"password"_s), u"ali-pass-1"_s);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"repeatPassword"_s), u"ali-pass-1"_s);
            clickOk(*dialog);
        });
        QTest::mouseClick(page.findChild<QPushButton *>(u"addUser"_s), Qt::LeftButton);
        QCOMPARE(view->model()->rowCount(), 2);
        const auto ali = m_accounts->logIn(u"ali"_s, u"ali-pass-1"_s);
        QVERIFY2(ali.ok(), qPrintable(ali.errorMessage()));
        QCOMPARE(ali->role, accounts::Role::BranchOfficer);
        QCOMPARE(ali->province, u"IR-03"_s);
    }

    void viewerSeesTheCoreRefusal()
    {
        const accounts::User admin = createAdmin();
        QVERIFY(
            m_accounts
                ->addUser(admin.actor(),
                    {u"viewer"_s, u"نرگس کریمی"_s, accounts::Role::Viewer, {}, u"viewer-pass"_s})
                .ok());
        const accounts::User viewer = m_accounts->logIn(u"viewer"_s, u"viewer-pass"_s).value();
        ui::Session session {*m_db, viewer};
        ui::SettingsPage page(session);
        page.show();
        QVERIFY(!page.findChild<QTableView *>(u"usersView"_s)->isVisible());
        QVERIFY(!page.findChild<QPushButton *>(u"addUser"_s)->isVisible());
        auto *refusal = page.findChild<QLabel *>(u"usersRefusal"_s);
        QVERIFY(refusal->isVisible());
        QVERIFY2(refusal->text().contains(u"بیننده"_s), qPrintable(refusal->text()));
    }
};

QTEST_MAIN(TestShell)
#include "TestShell.moc"
