// Renders every screen of the shell in Persian and English into PNG files, for
// docs/screenshots/ and for looking at what we built:
//   QT_QPA_PLATFORM=offscreen build/dev/tests/ui/take_screenshots docs/screenshots
#include "MemberGenerator.h"
#include "TestDatabase.h"
#include "Typing.h"
#include "members/BranchService.h"
#include "members/DuplicatesDialog.h"
#include "members/ImportDialog.h"
#include "members/MemberDialog.h"
#include "members/MemberImport.h"
#include "members/MemberService.h"
#include "shell/AboutDialog.h"
#include "shell/Application.h"
#include "shell/FirstRunDialog.h"
#include "shell/Language.h"
#include "shell/LoginDialog.h"
#include "shell/MainWindow.h"
#include "widgets/JalaliDateEdit.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace daftar;
using daftar::test::typeText;

namespace {

QString outDir;

void save(QWidget &widget, const QString &name)
{
    widget.show();
    QApplication::processEvents();
    QTest::qWait(50);
    const QString path = QDir(outDir).filePath(name + u".png"_s);
    widget.grab().save(path);
    std::printf("%s\n", qPrintable(path));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"DaftarScreenshots"_s);
    QCoreApplication::setApplicationName(u"DaftarScreenshots"_s);
    outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : u"."_s;
    QDir().mkpath(outDir);
    ui::setUpAppearance();

    test::TestDatabase testDb;
    auto db = testDb.open();
    accounts::AccountService accounts(*db);
    // What a user on Windows would see, rather than this run's temporary folder.
    const QString shownLocation = u"C:\\Users\\maryam\\AppData\\Roaming\\Daftar\\daftar.sqlite"_s;

    for (auto language : {ui::Language::Persian, ui::Language::English}) {
        ui::Language::instance().apply(language, false);
        const QString suffix = language == ui::Language::Persian ? u"-fa"_s : u"-en"_s;
        {
            ui::FirstRunDialog dialog(accounts, shownLocation);
            dialog.resize(520, 360);
            save(dialog, u"first-run"_s + suffix);
        }
    }

    const accounts::User admin
        = accounts.createFirstAdministrator(u"maryam"_s, u"مریم احمدی"_s, u"Tehran-1403!"_s)
              .value();
    (void)accounts.addUser(
        admin.actor(), {u"reza"_s, u"رضا کریمی"_s, accounts::Role::Editor, {}, u"reza-pass-1"_s});
    (void)accounts.addUser(admin.actor(),
        {u"zahra"_s, u"زهرا رضایی"_s, accounts::Role::BranchOfficer, u"IR-10"_s,
            u"zahra-pass-1"_s});
    const accounts::User loggedIn = accounts.logIn(u"maryam"_s, u"Tehran-1403!"_s).value();
    ui::Session session {*db, loggedIn};

    // A member bank of 300 generated members, a file with problems to import,
    // two records of one person, and three branches.
    bench::MemberGenerator generator(1398);
    const auto csvOf = [&](int count, const QStringList &extra) {
        QStringList lines {
            u"کد ملی,نوع عضو,نام,نام خانوادگی,نام تعاونی,استان,شهر,تلفن همراه,تاریخ عضویت"_s};
        for (int i = 0; i < count; ++i) {
            const bench::SyntheticMember m = generator.next();
            lines << QStringList {m.nationalId, m.kind == "legal"_L1 ? u"حقوقی"_s : u"حقیقی"_s,
                m.firstName, m.lastName, m.organizationName, m.provinceName, m.city, m.mobile,
                m.joinDateJalali}
                         .join(u',');
        }
        return (lines + extra).join(u"\r\n"_s);
    };
    const QString bankFile = QDir(outDir).filePath(u".bank.csv"_s);
    const QString sentFile = QDir(outDir).filePath(u".ostan-isfahan.csv"_s);
    const QList<std::pair<QString, QString>> files {{bankFile, csvOf(300, {})},
        {sentFile,
            csvOf(40,
                {u"1234567890,حقیقی,رضا,نوری,,اصفهان,کاشان,,1400/01/01"_s,
                    u"0,حقیقی,سارا,کاظمی,,آتلانتیس,,09121234567,1399/13/01"_s})}};
    for (const auto &[path, text] : files) {
        QFile file(path);
        if (file.open(QIODevice::WriteOnly)) {
            file.write("\xEF\xBB\xBF" + text.toUtf8());
        }
    }
    (void)members::MemberImport(*db).run(loggedIn.actor(), bankFile, {});
    members::MemberService memberService(*db);
    const members::Member someone = memberService.search(loggedIn.actor(), {}).value().at(7);
    members::Member twin = someone;
    twin.id = 0;
    twin.membershipNo.clear();
    twin.nationalId = generator.next().nationalId;
    twin.email = u"info@example.ir"_s;
    (void)memberService.create(loggedIn.actor(), twin);
    members::BranchService branches(*db);
    for (const auto &[province, city, name] :
        {std::tuple {u"IR-23"_s, u"تهران"_s, u"شعبه مرکزی تهران"_s},
            std::tuple {u"IR-10"_s, u"اصفهان"_s, u"شعبه اصفهان"_s},
            std::tuple {u"IR-09"_s, u"مشهد"_s, u"شعبه خراسان رضوی"_s}}) {
        members::Branch branch;
        branch.province = province;
        branch.city = city;
        branch.name = name;
        branch.head = u"مهدی صالحی"_s;
        branch.phones = u"021-66554433"_s;
        (void)branches.create(loggedIn.actor(), branch);
    }

    for (auto language : {ui::Language::Persian, ui::Language::English}) {
        ui::Language::instance().apply(language, false);
        const QString suffix = language == ui::Language::Persian ? u"-fa"_s : u"-en"_s;
        {
            ui::LoginDialog dialog(accounts, shownLocation);
            dialog.resize(460, 300);
            dialog.show();
            typeText(dialog.findChild<QLineEdit *>(u"username"_s), u"maryam"_s);
            typeText(dialog.findChild<QLineEdit *>(u"password"_s), u"wrong"_s);
            QTest::keyClick(dialog.findChild<QLineEdit *>(u"password"_s), Qt::Key_Return);
            save(dialog, u"login"_s + suffix);
        }
        {
            ui::MainWindow window(session);
            window.resize(1100, 680);
            window.showSection(ui::MainWindow::Newsroom);
            save(window, u"main-window"_s + suffix);
            window.showSection(ui::MainWindow::Settings);
            save(window, u"settings"_s + suffix);
            window.showSection(ui::MainWindow::Members);
            save(window, u"members"_s + suffix);
            window.showSection(ui::MainWindow::Branches);
            save(window, u"branches"_s + suffix);
        }
        {
            ui::MemberDialog dialog(session);
            dialog.setMember(someone);
            save(dialog, u"member-form"_s + suffix);
        }
        {
            ui::ImportDialog dialog(session);
            dialog.resize(1000, 640);
            dialog.setFile(sentFile);
            save(dialog, u"import-preview"_s + suffix);
        }
        {
            ui::DuplicatesDialog dialog(session);
            dialog.resize(1000, 600);
            dialog.show();
            if (auto *pairs = dialog.findChild<QAbstractItemView *>(u"pairsList"_s)) {
                pairs->setCurrentIndex(pairs->model()->index(0, 0));
            }
            save(dialog, u"duplicates"_s + suffix);
        }
        {
            ui::AboutDialog dialog;
            save(dialog, u"about"_s + suffix);
        }
        {
            QWidget form;
            auto *layout = new QVBoxLayout(&form);
            auto *label = new QLabel(
                language == ui::Language::Persian ? u"تاریخ عضویت:"_s : u"Join date:"_s);
            auto *edit = new ui::JalaliDateEdit(&form);
            edit->setDate(QDate(2019, 11, 24));
            layout->addWidget(label);
            layout->addWidget(edit);
            layout->addSpacing(300);
            form.resize(360, 360);
            form.show();
            QTest::mouseClick(edit->findChild<QToolButton *>(u"calendarButton"_s), Qt::LeftButton);
            QApplication::processEvents();
            QWidget *popup = QApplication::activePopupWidget();
            if (popup) {
                save(*popup, u"jalali-calendar"_s + suffix);
                popup->close();
            }
        }
    }
    QFile::remove(bankFile);
    QFile::remove(sentFile);
    return 0;
}
