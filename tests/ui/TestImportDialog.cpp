// Drives the member import and the duplicates dialog as a membership officer
// would: a Windows-1256 file with Persian headings from a province is previewed,
// imported with its bad row reported, and two records of one member are merged.
#include "GeneratedIds.h"
#include "TestDatabase.h"
#include "WidgetTesting.h"
#include "importing/TextDecoding.h"
#include "members/DuplicatePairsModel.h"
#include "members/DuplicatesDialog.h"
#include "members/ImportDialog.h"
#include "members/ImportPreviewModel.h"
#include "members/ImportProblemsModel.h"
#include "members/MemberFieldNames.h"
#include "members/MemberImport.h"
#include "members/MemberService.h"
#include "members/MergeChoiceModel.h"
#include "shell/Application.h"
#include "shell/Language.h"
#include "shell/MainWindow.h"
#include "text/Identifiers.h"
#include "text/PersianText.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;
using daftar::test::child;
using namespace daftar;
using daftar::members::Member;
using daftar::test::nationalCode;
using daftar::ui::Language;

namespace {

// A valid national code built from the rule, never a hand-typed "valid-looking" number.
QString withWrongCheckDigit(const QString &code)
{
    return code.left(9) + QString::number((code.back().digitValue() + 1) % 10);
}

// Excel on Windows writes Persian yeh as Arabic yeh, and the dialog shows the file
// as written; the tests compare after unifying the two.
QString unified(const QVariant &value)
{
    return text::unifyArabicLetters(value.toString());
}

void clickCell(QTableView *view, const QModelIndex &index)
{
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

// Presses Yes in the next message box that opens, once it is there.
void acceptNextMessageBox(QObject *context)
{
    auto *timer = new QTimer(context);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, context, [timer] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            return;
        }
        timer->stop();
        timer->deleteLater();
        box->button(QMessageBox::Yes)->click();
    });
    timer->start();
}

const QString header = u"نام,نام خانوادگی,کد ملی,استان,شهر,تلفن همراه,ایمیل,سمت در تعاونی"_s;

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<ui::Session> m_session;
    QTemporaryDir m_dir;

    accounts::Actor admin() const { return m_session->user.actor(); }
    qint64 memberCount() { return members::MemberService(*m_db).count(admin(), {}).value(); }

    // Writes the lines as Excel on Persian Windows saves "CSV": Windows-1256, CRLF.
    QString writeWindows1256(const QString &name, const QStringList &lines)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        file.write(importing::encodeWindows1256(lines.join(u"\r\n"_s) + u"\r\n"_s));
        return path;
    }

    QString provinceFile()
    {
        return writeWindows1256(u"members-tehran.csv"_s,
            {header,
                u"رضا,احمدی,%1,تهران,تهران,09121110001,reza@example.ir,عضو"_s.arg(
                    nationalCode(1001)),
                u"مریم,کریمی,%1,اصفهان,کاشان,09121110002,,رئیس"_s.arg(nationalCode(2002)),
                u"علی,رضایی,%1,فارس,شیراز,09121110003,,"_s.arg(nationalCode(3003)),
                u"زهرا,محمدی,%1,تهران,تهران,09121110004,,"_s.arg(
                    withWrongCheckDigit(nationalCode(4004)))});
    }

    std::unique_ptr<ui::ImportDialog> showDialog()
    {
        auto dialog = std::make_unique<ui::ImportDialog>(*m_session);
        dialog->show();
        if (!QTest::qWaitForWindowExposed(dialog.get())) {
            qWarning("the import dialog was not shown");
        }
        return dialog;
    }

    Member addPerson(const QString &first, const QString &last, quint32 seed, const QString &mobile,
        const QString &email, const QString &city)
    {
        Member member;
        member.firstName = first;
        member.lastName = last;
        member.nationalId = nationalCode(seed);
        member.province = u"IR-23"_s;
        member.mobile = mobile;
        member.email = email;
        member.city = city;
        const auto created = members::MemberService(*m_db).create(admin(), member);
        if (!created) {
            qWarning("%s", qPrintable(created.errorMessage()));
            return member;
        }
        return *created;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"DaftarTest"_s);
        QCoreApplication::setApplicationName(u"DaftarTest"_s);
        ui::setUpAppearance();
        QVERIFY(m_dir.isValid());
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

    void previewShowsHowTheFileWillBeRead()
    {
        const auto dialog = showDialog();
        dialog->setFile(provinceFile());

        auto *table = child<QTableView>(dialog.get(), u"previewTable"_s);
        QVERIFY(table->isVisible());
        QAbstractItemModel *model = table->model();
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->columnCount(), 8);
        const auto heading = [&](int column) {
            return unified(model->headerData(column, Qt::Horizontal));
        };
        QVERIFY2(heading(2).contains(u"کد ملی"_s), qPrintable(heading(2)));
        QVERIFY2(heading(2).contains(ui::memberFieldName(u"national_id")), qPrintable(heading(2)));
        QVERIFY2(heading(3).contains(ui::memberFieldName(u"province")), qPrintable(heading(3)));
        QVERIFY2(heading(5).contains(ui::memberFieldName(u"mobile")), qPrintable(heading(5)));
        QVERIFY2(
            heading(7).contains(ui::ImportPreviewModel::tr("not used")), qPrintable(heading(7)));
        QVERIFY(model->headerData(7, Qt::Horizontal, Qt::ForegroundRole).isValid());
        QVERIFY(!model->headerData(2, Qt::Horizontal, Qt::ForegroundRole).isValid());
        // Windows wrote Persian yeh as Arabic yeh; the preview shows what the file holds.
        QCOMPARE(model->index(0, 0).data().toString(), u"رضا"_s);

        auto *detected = child<QLabel>(dialog.get(), u"detected"_s);
        QVERIFY2(detected->text().contains(u"Windows-1256"_s), qPrintable(detected->text()));
        auto *warnings = child<QLabel>(dialog.get(), u"warnings"_s);
        QVERIFY(warnings->isVisible());
        QVERIFY2(
            unified(warnings->text()).contains(u"سمت در تعاونی"_s), qPrintable(warnings->text()));
        QVERIFY(child<QPushButton>(dialog.get(), u"importButton"_s)->isEnabled());
    }

    void choosingAnotherEncodingReadsTheFileAgain()
    {
        const auto dialog = showDialog();
        dialog->setFile(provinceFile());
        auto *encoding = child<QComboBox>(dialog.get(), u"encoding"_s);
        auto *table = child<QTableView>(dialog.get(), u"previewTable"_s);
        auto *detected = child<QLabel>(dialog.get(), u"detected"_s);
        auto *warnings = child<QLabel>(dialog.get(), u"warnings"_s);

        encoding->setCurrentIndex(encoding->findData(int(importing::Encoding::Utf8)));
        QVERIFY2(detected->text().contains(u"UTF-8"_s), qPrintable(detected->text()));
        QVERIFY(warnings->isVisible());
        QVERIFY(!unified(table->model()->headerData(2, Qt::Horizontal)).contains(u"کد ملی"_s));

        encoding->setCurrentIndex(encoding->findData(int(importing::Encoding::Windows1256)));
        QVERIFY(!warnings->text().contains(QChar::ReplacementCharacter));
        QVERIFY(unified(table->model()->headerData(2, Qt::Horizontal)).contains(u"کد ملی"_s));
        QCOMPARE(unified(table->model()->index(1, 1).data()), u"کریمی"_s);
    }

    void unreadableFileSaysWhy()
    {
        const auto dialog = showDialog();
        dialog->setFile(m_dir.filePath(u"not-there.csv"_s));
        auto *message = child<QLabel>(dialog.get(), u"message"_s);
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(u"not-there.csv"_s), qPrintable(message->text()));
        QVERIFY(!child<QTableView>(dialog.get(), u"previewTable"_s)->isVisible());
        QVERIFY(!child<QPushButton>(dialog.get(), u"importButton"_s)->isEnabled());
    }

    void importReportsTheBadRow()
    {
        const auto dialog = showDialog();
        dialog->setFile(provinceFile());
        QTest::mouseClick(child<QPushButton>(dialog.get(), u"importButton"_s), Qt::LeftButton);
        QTRY_VERIFY(dialog->report().has_value() && !dialog->isImporting());

        QCOMPARE(memberCount(), 3);
        QCOMPARE(dialog->report()->imported, 3);
        QCOMPARE(dialog->report()->rejected, 1);
        auto *summary = child<QLabel>(dialog.get(), u"summary"_s);
        QVERIFY(summary->isVisible());
        // Figures in Persian digits: 3 imported, 0 already in the bank, 1 rejected, 4 rows.
        for (const QString &figure : {u"۳"_s, u"۰"_s, u"۱"_s, u"۴"_s}) {
            QVERIFY2(summary->text().contains(figure), qPrintable(summary->text()));
        }
        auto *problems = child<QTableView>(dialog.get(), u"problemsTable"_s);
        QVERIFY(problems->isVisible());
        QCOMPARE(problems->model()->rowCount(), 1);
        // The bad row is the fifth of the spreadsheet: the headings are row 1.
        QCOMPARE(
            problems->model()->index(0, ui::ImportProblemsModel::Row).data().toString(), u"۵"_s);
        QCOMPARE(unified(problems->model()->index(0, ui::ImportProblemsModel::FileColumn).data()),
            u"کد ملی"_s);
        QVERIFY(!problems->model()
                     ->index(0, ui::ImportProblemsModel::Message)
                     .data()
                     .toString()
                     .isEmpty());

        const QString reportPath = m_dir.filePath(u"problems.csv"_s);
        QVERIFY(child<QPushButton>(dialog.get(), u"saveReport"_s)->isVisible());
        QVERIFY(dialog->saveReport(reportPath).ok());
        QFile saved(reportPath);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QString csv = QString::fromUtf8(saved.readAll());
        QVERIFY2(unified(csv).contains(u"\r\n5,کد ملی,"_s), qPrintable(csv));

        // The same file again: every good row is recognised, none added twice.
        QTest::mouseClick(child<QPushButton>(dialog.get(), u"importButton"_s), Qt::LeftButton);
        QTRY_VERIFY(dialog->report().has_value() && !dialog->isImporting());
        QCOMPARE(dialog->report()->alreadyPresent, 3);
        QCOMPARE(memberCount(), 3);
    }

    void dryRunWritesNothing()
    {
        const auto dialog = showDialog();
        dialog->setFile(provinceFile());
        auto *dryRun = child<QCheckBox>(dialog.get(), u"dryRun"_s);
        QTest::keyClick(dryRun, Qt::Key_Space);
        QVERIFY(dryRun->isChecked());
        QTest::mouseClick(child<QPushButton>(dialog.get(), u"importButton"_s), Qt::LeftButton);
        QTRY_VERIFY(dialog->report().has_value() && !dialog->isImporting());
        QCOMPARE(dialog->report()->imported, 3);
        QCOMPARE(memberCount(), 0);
    }

    void cancelStopsAfterABatch()
    {
        // The import reports progress, and can stop, after each batch of rows it writes.
        const int rows = members::MemberImport::batchSize + 500;
        QStringList lines {header};
        for (int i = 0; i < rows; ++i) {
            lines << u"نام%1,خانواده,%2,تهران,تهران,,,"_s.arg(i).arg(nationalCode(500000 + i * 37));
        }
        const QString path = writeWindows1256(u"large.csv"_s, lines);
        const auto dialog = showDialog();
        dialog->setFile(path);
        auto *cancel = child<QPushButton>(dialog.get(), u"cancelButton"_s);
        auto *progress = child<QProgressBar>(dialog.get(), u"progress"_s);
        bool sawProgress = false;
        // Pressed while the import runs, from the events it lets through, once the
        // button has been laid out.
        QTimer stopper;
        stopper.setInterval(5);
        connect(&stopper, &QTimer::timeout, this, [&] {
            if (!cancel->isVisible() || cancel->width() == 0) {
                return;
            }
            stopper.stop();
            sawProgress = progress->isVisible() && cancel->isEnabled();
            QTest::mouseClick(cancel, Qt::LeftButton);
        });
        stopper.start();
        QTest::mouseClick(child<QPushButton>(dialog.get(), u"importButton"_s), Qt::LeftButton);
        QTRY_VERIFY(dialog->report().has_value() && !dialog->isImporting());
        QVERIFY(sawProgress);
        QVERIFY(dialog->report()->cancelled);
        QVERIFY(dialog->isVisible());
        QVERIFY(!progress->isVisible());
        QCOMPARE(dialog->report()->imported, members::MemberImport::batchSize);
        QCOMPARE(memberCount(), members::MemberImport::batchSize);
    }

    void aFileLargerThanTheBankSaysItIsWritingTheRows()
    {
        // Staged rows go into the bank in one transaction at the end, without
        // progress or Cancel: the window says so before it starts.
        const members::MemberImport::Tuning usual = members::MemberImport::tuning();
        const auto restore = qScopeGuard([&] { members::MemberImport::tuning() = usual; });
        members::MemberImport::tuning().stageFromRows = 1;
        const auto dialog = showDialog();
        dialog->setFile(provinceFile());
        auto *text = child<QLabel>(dialog.get(), u"progressText"_s);
        auto *cancel = child<QPushButton>(dialog.get(), u"cancelButton"_s);
        QStringList seen; // the progress line each time the import lets events through
        QTimer watcher;
        watcher.setInterval(0);
        connect(&watcher, &QTimer::timeout, this, [&] {
            const QString now = text->text() + (cancel->isEnabled() ? u" [cancel]"_s : QString());
            if (seen.isEmpty() || seen.constLast() != now) {
                seen << now;
            }
        });
        watcher.start();
        QTest::mouseClick(child<QPushButton>(dialog.get(), u"importButton"_s), Qt::LeftButton);
        QTRY_VERIFY(dialog->report().has_value() && !dialog->isImporting());
        watcher.stop();
        QCOMPARE(dialog->report()->imported, 3);
        QCOMPARE(memberCount(), 3);
        // Three good rows were staged; the fourth was rejected as it was read.
        const auto writing = std::find_if(seen.begin(), seen.end(),
            [](const QString &line) { return line.contains(u"۳"_s) && line.contains(u"…"_s); });
        QVERIFY2(writing != seen.end(), qPrintable(seen.join(u" | "_s)));
        QVERIFY2(!writing->endsWith(u"[cancel]"_s), qPrintable(*writing));
    }

    void mergeKeepsTheChosenValues()
    {
        const Member first = addPerson(
            u"حسین"_s, u"موسوی"_s, 7001, u"09351234567"_s, u"hossein@example.ir"_s, QString());
        const Member second = addPerson(
            u"حسن"_s, u"موسوي"_s, 7002, u"0935 123 4567"_s, u"h.mousavi@example.ir"_s, u"تهران"_s);
        QCOMPARE(memberCount(), 2);

        ui::DuplicatesDialog dialog(*m_session);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *pairs = child<QTableView>(&dialog, u"pairsList"_s);
        QCOMPARE(pairs->model()->rowCount(), 1);
        QCOMPARE(pairs->model()->index(0, ui::DuplicatePairsModel::Reason).data().toString(),
            ui::DuplicatePairsModel::reasonText(u"mobile"_s));
        clickCell(pairs, pairs->model()->index(0, ui::DuplicatePairsModel::FirstMember));

        auto *comparison = child<QTableView>(&dialog, u"comparison"_s);
        QVERIFY(comparison->isVisible());
        ui::MergeChoiceModel *choice = dialog.comparison();
        const int emailRow = choice->rowOf(u"email"_s);
        const int cityRow = choice->rowOf(u"city"_s);
        QVERIFY(emailRow >= 0 && cityRow >= 0);
        // The kept record's value by default, the other's where the kept one has none.
        QVERIFY(!choice->secondChosen(emailRow));
        QVERIFY(choice->secondChosen(cityRow));
        // Arabic yeh looks like Persian yeh: no choice is offered between the two spellings.
        QVERIFY(!choice->valuesDiffer(choice->rowOf(u"last_name"_s)));
        QVERIFY(choice->valuesDiffer(choice->rowOf(u"first_name"_s)));
        QCOMPARE(choice->index(emailRow, ui::MergeChoiceModel::FirstValue)
                     .data(Qt::CheckStateRole)
                     .value<Qt::CheckState>(),
            Qt::Checked);

        clickCell(comparison, choice->index(emailRow, ui::MergeChoiceModel::SecondValue));
        QVERIFY(choice->secondChosen(emailRow));
        QCOMPARE(choice->index(emailRow, ui::MergeChoiceModel::FirstValue)
                     .data(Qt::CheckStateRole)
                     .value<Qt::CheckState>(),
            Qt::Unchecked);
        QStringList taken = choice->fieldsFromSecond();
        taken.sort();
        QCOMPARE(taken, QStringList({u"city"_s, u"email"_s}));

        acceptNextMessageBox(this);
        QTest::mouseClick(child<QPushButton>(&dialog, u"mergeButton"_s), Qt::LeftButton);
        QTRY_COMPARE(pairs->model()->rowCount(), 0);

        QCOMPARE(memberCount(), 1);
        members::MemberService service(*m_db);
        const auto kept = service.get(admin(), first.id).value();
        QVERIFY(kept.has_value());
        QCOMPARE(kept->email, u"h.mousavi@example.ir"_s);
        QCOMPARE(kept->city, u"تهران"_s);
        QCOMPARE(kept->nationalId, first.nationalId);
        QVERIFY(!service.get(admin(), second.id).value().has_value());
        QVERIFY(child<QLabel>(&dialog, u"emptyState"_s)->isVisible());
        QVERIFY(!child<QPushButton>(&dialog, u"mergeButton"_s)->isEnabled());
    }

    void membersMenuOpensTheDialogs()
    {
        ui::MainWindow window(*m_session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *importAction = nullptr;
        QMenu *membersMenu = nullptr;
        for (QAction *menu : window.menuBar()->actions()) {
            for (QAction *action : menu->menu()->actions()) {
                if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_I)) {
                    importAction = action;
                    membersMenu = menu->menu();
                }
            }
        }
        QVERIFY(importAction && membersMenu);
        QCOMPARE(membersMenu->actions().size(), 2);
        QAction *duplicatesAction = membersMenu->actions().at(1);

        QString opened;
        const auto closeNextDialog = [&] {
            QTimer::singleShot(0, this, [&] {
                QTRY_VERIFY(QApplication::activeModalWidget());
                opened = QApplication::activeModalWidget()->objectName();
                qobject_cast<QDialog *>(QApplication::activeModalWidget())->reject();
            });
        };
        closeNextDialog();
        importAction->trigger();
        QCOMPARE(opened, u"importDialog"_s);
        closeNextDialog();
        duplicatesAction->trigger();
        QCOMPARE(opened, u"duplicatesDialog"_s);

        Language::instance().apply(Language::English, false);
        QTRY_COMPARE(membersMenu->title(), u"&Members"_s);
        QCOMPARE(importAction->text(), u"&Import members…"_s);
        Language::instance().apply(Language::Persian, false);
        QTRY_COMPARE(membersMenu->title(), u"اعضا (&M)"_s);
    }
};

QTEST_MAIN(TestImportDialog)
#include "TestImportDialog.moc"
