// The media library as an editor uses it: importing images (the same file twice
// is one image, a file that is not an image is reported by name), writing alt
// text, and choosing the image to insert with the button, Enter or a double-click.
#include "TestDatabase.h"
#include "Typing.h"
#include "WidgetTesting.h"
#include "newsroom/MediaLibrary.h"
#include "newsroom/MediaLibraryDialog.h"
#include "shell/Application.h"
#include "shell/Language.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using daftar::test::child;
using namespace daftar;
using daftar::test::typeText;
using daftar::ui::Language;
using daftar::ui::MediaLibraryDialog;

namespace {

QString writeImage(const QTemporaryDir &dir, const QString &name, QSize size, QColor color)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    const QString path = dir.filePath(name);
    if (!image.save(path, "PNG")) {
        qWarning("could not write %s", qPrintable(path));
    }
    return path;
}

} // namespace

class TestMediaLibraryDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<ui::Session> m_session;
    accounts::User m_admin;
    std::unique_ptr<QTemporaryDir> m_files;
    QString m_square;
    QString m_tall;

    std::unique_ptr<MediaLibraryDialog> showDialog()
    {
        auto dialog = std::make_unique<MediaLibraryDialog>(*m_session);
        dialog->show();
        dialog->activateWindow();
        if (!QTest::qWaitForWindowActive(dialog.get())) {
            qWarning("the dialog did not become active");
        }
        return dialog;
    }

    void importDirectly(const QString &path)
    {
        const auto item = newsroom::MediaLibrary(*m_db).importFile(m_admin.actor(), path);
        QVERIFY2(item, qPrintable(item.errorMessage()));
    }

    QList<newsroom::MediaItem> library() { return newsroom::MediaLibrary(*m_db).list().value(); }

    qint64 idOf(const QString &fileName)
    {
        for (const newsroom::MediaItem &item : library()) {
            if (item.fileName == fileName) {
                return item.id;
            }
        }
        return 0;
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
        m_admin = accounts.createFirstAdministrator(u"admin"_s, u"مریم احمدی"_s, u"Tabriz-1403!"_s)
                      .value();
        m_session = std::make_unique<ui::Session>(ui::Session {*m_db, m_admin});
        m_files = std::make_unique<QTemporaryDir>();
        m_square = writeImage(*m_files, u"majma.png"_s, QSize(400, 300), QColor(0x1976D2));
        m_tall = writeImage(*m_files, u"namayeshgah.png"_s, QSize(200, 500), QColor(0x2E7D32));
    }

    void cleanup()
    {
        m_session.reset();
        m_db.reset();
        m_testDb.reset();
        m_files.reset();
    }

    void emptyLibrarySaysSo()
    {
        const auto dialog = showDialog();
        QVERIFY(child<QLabel>(dialog.get(), u"emptyState"_s)->isVisible());
        QVERIFY(!child<QListView>(dialog.get(), u"mediaGrid"_s)->isVisible());
        QVERIFY(!child<QPushButton>(dialog.get(), u"insert"_s)->isEnabled());
        QVERIFY(child<QPushButton>(dialog.get(), u"importImages"_s)->isEnabled());
    }

    void importsImagesOnceEach()
    {
        const auto dialog = showDialog();
        auto *grid = child<QListView>(dialog.get(), u"mediaGrid"_s);
        QVERIFY2(dialog->importFiles({m_square, m_tall}),
            qPrintable(child<QLabel>(dialog.get(), u"message"_s)->text()));
        QTRY_VERIFY(grid->isVisible());
        QCOMPARE(grid->model()->rowCount(), 2);
        QCOMPARE(library().size(), 2);
        const QString message = child<QLabel>(dialog.get(), u"message"_s)->text();
        QVERIFY2(message.contains(u'۲'), qPrintable(message));
        // Each thumbnail shows its file name and size.
        QStringList captions;
        for (int row = 0; row < grid->model()->rowCount(); ++row) {
            const QModelIndex index = grid->model()->index(row, 0);
            captions << index.data().toString();
            QVERIFY(!index.data(Qt::DecorationRole).value<QIcon>().isNull());
        }
        QVERIFY2(captions.join(u'|').contains(u"majma.png"_s), qPrintable(captions.join(u'|')));
        QVERIFY2(
            captions.join(u'|').contains(u"namayeshgah.png"_s), qPrintable(captions.join(u'|')));
        // The last one imported is selected, ready to insert.
        QVERIFY(child<QPushButton>(dialog.get(), u"insert"_s)->isEnabled());
        QVERIFY(child<QLabel>(dialog.get(), u"details"_s)->text().contains(u"namayeshgah.png"_s));

        // The same file again is recognised, not added twice.
        QVERIFY(dialog->importFiles({m_square}));
        QCOMPARE(grid->model()->rowCount(), 2);
        QCOMPARE(library().size(), 2);
        QVERIFY(child<QLabel>(dialog.get(), u"message"_s)->text().contains(u"majma.png"_s));
    }

    void aFileThatIsNotAnImageIsReportedByName()
    {
        const QString fake = m_files->filePath(u"not-an-image.png"_s);
        QFile file(fake);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is text, not a picture");
        file.close();
        const auto dialog = showDialog();
        QVERIFY(!dialog->importFiles({fake, m_square}));
        auto *message = child<QLabel>(dialog.get(), u"message"_s);
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(u"not-an-image.png"_s), qPrintable(message->text()));
        // The good file went in anyway.
        QCOMPARE(child<QListView>(dialog.get(), u"mediaGrid"_s)->model()->rowCount(), 1);
    }

    void altTextIsSavedWithoutClosing()
    {
        importDirectly(m_square);
        importDirectly(m_tall);
        const qint64 id = idOf(u"majma.png"_s);
        const auto dialog = showDialog();
        auto *alt = child<QLineEdit>(dialog.get(), u"altText"_s);
        // The newest image is chosen when the library opens.
        QVERIFY(alt->isEnabled());
        QVERIFY(child<QLabel>(dialog.get(), u"details"_s)->text().contains(u"namayeshgah.png"_s));
        dialog->selectItem(id);
        QVERIFY(alt->isEnabled());
        alt->setFocus();
        typeText(alt, u"اعضای هیئت مدیره در مجمع"_s);
        QTest::keyClick(alt, Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QCOMPARE(newsroom::MediaLibrary(*m_db).item(id)->alt, u"اعضای هیئت مدیره در مجمع"_s);

        // Another image shows its own (empty) alt text; coming back shows the saved one.
        dialog->selectItem(idOf(u"namayeshgah.png"_s));
        QCOMPARE(alt->text(), QString());
        dialog->selectItem(id);
        QCOMPARE(alt->text(), u"اعضای هیئت مدیره در مجمع"_s);
    }

    void insertReturnsTheChosenImage()
    {
        importDirectly(m_square);
        importDirectly(m_tall);
        const qint64 id = idOf(u"majma.png"_s);
        const auto dialog = showDialog();
        dialog->selectItem(id);
        // Alt text typed but not yet confirmed is kept too.
        typeText(child<QLineEdit>(dialog.get(), u"altText"_s), u"مجمع"_s);
        QTest::mouseClick(child<QPushButton>(dialog.get(), u"insert"_s), Qt::LeftButton);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QVERIFY(dialog->chosen().has_value());
        QCOMPARE(dialog->chosen()->id, id);
        QCOMPARE(dialog->chosen()->alt, u"مجمع"_s);
        QCOMPARE(newsroom::MediaLibrary(*m_db).item(id)->alt, u"مجمع"_s);
    }

    void enterAndDoubleClickInsert()
    {
        importDirectly(m_square);
        importDirectly(m_tall);
        const qint64 tall = idOf(u"namayeshgah.png"_s);
        auto dialog = showDialog();
        auto *grid = child<QListView>(dialog.get(), u"mediaGrid"_s);
        dialog->selectItem(tall);
        grid->setFocus();
        QTest::keyClick(grid, Qt::Key_Return);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QCOMPARE(dialog->chosen()->id, tall);

        dialog = showDialog();
        grid = child<QListView>(dialog.get(), u"mediaGrid"_s);
        const qint64 square = idOf(u"majma.png"_s);
        QModelIndex index;
        for (int row = 0; row < grid->model()->rowCount(); ++row) {
            if (grid->model()->index(row, 0).data(Qt::UserRole).toLongLong() == square) {
                index = grid->model()->index(row, 0);
            }
        }
        QVERIFY(index.isValid());
        const QPoint centre = grid->visualRect(index).center();
        QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(grid->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QCOMPARE(dialog->chosen()->id, square);
    }

    void cancelChoosesNothing()
    {
        importDirectly(m_square);
        const auto dialog = showDialog();
        dialog->selectItem(idOf(u"majma.png"_s));
        QTest::keyClick(dialog.get(), Qt::Key_Escape);
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
        QVERIFY(!dialog->chosen().has_value());
    }

    void viewerMayNotImport()
    {
        importDirectly(m_square);
        accounts::AccountService accounts(*m_db);
        const accounts::User viewer
            = accounts
                  .addUser(m_admin.actor(),
                      {u"viewer"_s, u"ناظر"_s, accounts::Role::Viewer, {}, u"Long-pass-1403"_s})
                  .value();
        m_session = std::make_unique<ui::Session>(ui::Session {*m_db, viewer});
        const auto dialog = showDialog();
        auto *import = child<QPushButton>(dialog.get(), u"importImages"_s);
        QVERIFY(!import->isEnabled());
        QVERIFY(import->toolTip().contains(accounts::roleDisplayName(accounts::Role::Viewer)));
        // Even when asked directly, the core refuses and the dialog says why.
        QVERIFY(!dialog->importFiles({m_tall}));
        QCOMPARE(library().size(), 1);
        QVERIFY(!child<QLabel>(dialog.get(), u"message"_s)->text().isEmpty());
    }
};

QTEST_MAIN(TestMediaLibraryDialog)
#include "TestMediaLibraryDialog.moc"
