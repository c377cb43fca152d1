// The revision history as an editor uses it: every save listed newest first,
// the words a revision removed and added marked, the comparison with the
// current version, and restoring an old revision as a new one.
#include "TestDatabase.h"
#include "WidgetTesting.h"
#include "newsroom/ArticleHtml.h"
#include "newsroom/ArticleService.h"
#include "newsroom/HistoryDialog.h"
#include "shell/Application.h"
#include "shell/Language.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using daftar::test::child;
using namespace daftar;
using daftar::newsroom::Article;
using daftar::ui::HistoryDialog;
using daftar::ui::Language;

namespace {

const QString firstTitle = u"مجمع عمومی تعاونی"_s;
const QString firstBody = u"<p>مجمع عمومی تعاونی امروز در تهران برگزار شد.</p>"_s;
const QString secondBody
    = u"<p>مجمع عمومی تعاونی فردا در تهران برگزار می‌شود.</p>"_s;
const QString thirdTitle = u"مجمع عمومی سالانه تعاونی"_s;

// The words the diff shows struck out, and those it shows marked as added.
struct Marks
{
    QString removed;
    QString inserted;
    QString all;
};

Marks marksIn(const QTextDocument *document)
{
    Marks marks;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextCharFormat format = fragment.charFormat();
            if (format.fontStrikeOut()) {
                marks.removed += fragment.text() + u' ';
            } else if (format.background().style() != Qt::NoBrush) {
                marks.inserted += fragment.text() + u' ';
            }
            marks.all += fragment.text();
        }
        marks.all += u'\n';
    }
    return marks;
}

} // namespace

class TestHistoryDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<newsroom::ArticleService> m_articles;
    std::unique_ptr<ui::Session> m_session;
    accounts::User m_admin;
    qint64 m_articleId = 0;

    std::unique_ptr<HistoryDialog> showDialog()
    {
        auto dialog = std::make_unique<HistoryDialog>(*m_session, m_articleId);
        dialog->show();
        dialog->activateWindow();
        if (!QTest::qWaitForWindowActive(dialog.get())) {
            qWarning("the dialog did not become active");
        }
        return dialog;
    }

    // Answers the confirmation the next click opens.
    void answerConfirmation(QMessageBox::StandardButton answer)
    {
        QTimer::singleShot(0, this, [answer] {
            QMessageBox *box = nullptr;
            QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())));
            QCOMPARE(box->objectName(), u"confirmRestore"_s);
            box->button(answer)->click();
        });
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"DaftarTest"_s);
        QCoreApplication::setApplicationName(u"DaftarTest"_s);
        ui::setUpAppearance();
    }

    // Three saves: the first text, "today" changed to "tomorrow", then a longer title.
    void init()
    {
        Language::instance().apply(Language::Persian, false);
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        m_articles = std::make_unique<newsroom::ArticleService>(*m_db);
        accounts::AccountService accounts(*m_db);
        m_admin = accounts.createFirstAdministrator(u"admin"_s, u"مریم احمدی"_s, u"Tabriz-1403!"_s)
                      .value();
        m_session = std::make_unique<ui::Session>(ui::Session {*m_db, m_admin});

        Article article;
        article.title = firstTitle;
        article.body = firstBody;
        auto saved = m_articles->create(m_admin.actor(), article);
        QVERIFY2(saved, qPrintable(saved.errorMessage()));
        m_articleId = saved->id;
        article = *saved;
        article.body = secondBody;
        saved = m_articles->save(m_admin.actor(), article);
        QVERIFY2(saved, qPrintable(saved.errorMessage()));
        article = *saved;
        article.title = thirdTitle;
        saved = m_articles->save(m_admin.actor(), article);
        QVERIFY2(saved, qPrintable(saved.errorMessage()));
        QCOMPARE(saved->revision, 3);
    }

    void cleanup()
    {
        m_session.reset();
        m_articles.reset();
        m_db.reset();
        m_testDb.reset();
    }

    void listsEveryRevisionNewestFirst()
    {
        const auto dialog = showDialog();
        auto *list = child<QTreeWidget>(dialog.get(), u"revisionList"_s);
        QCOMPARE(list->topLevelItemCount(), 3);
        QCOMPARE(list->topLevelItem(0)->text(HistoryDialog::Number), u"۳"_s);
        QCOMPARE(list->topLevelItem(2)->text(HistoryDialog::Number), u"۱"_s);
        QCOMPARE(list->topLevelItem(0)->text(HistoryDialog::Title), thirdTitle);
        QCOMPARE(list->topLevelItem(2)->text(HistoryDialog::Title), firstTitle);
        QCOMPARE(list->topLevelItem(0)->text(HistoryDialog::SavedBy), u"مریم احمدی"_s);
        const QString savedAt = list->topLevelItem(0)->text(HistoryDialog::SavedAt);
        QVERIFY2(savedAt.contains(u'/') && savedAt.contains(u'۱'), qPrintable(savedAt));
        QVERIFY(!list->topLevelItem(0)->text(HistoryDialog::Words).isEmpty());
        QVERIFY(dialog->windowTitle().contains(thirdTitle));
        // The newest is selected and is what the current version is.
        QCOMPARE(list->currentItem(), list->topLevelItem(0));
        QVERIFY(!child<QPushButton>(dialog.get(), u"restoreRevision"_s)->isEnabled());
    }

    void showsTheWordsARevisionChanged()
    {
        const auto dialog = showDialog();
        dialog->selectRevision(2);
        const Marks marks = marksIn(child<QTextBrowser>(dialog.get(), u"diffView"_s)->document());
        QVERIFY2(marks.removed.contains(u"امروز"_s), qPrintable(marks.removed));
        QVERIFY2(marks.inserted.contains(u"فردا"_s), qPrintable(marks.inserted));
        QVERIFY2(marks.inserted.contains(u"می‌شود"_s), qPrintable(marks.inserted));
        // Unchanged words are shown, not marked.
        QVERIFY(marks.all.contains(u"تهران"_s));
        QVERIFY(!marks.removed.contains(u"تهران"_s) && !marks.inserted.contains(u"تهران"_s));
        QVERIFY(!child<QLabel>(dialog.get(), u"diffCaption"_s)->text().isEmpty());

        // Revision 3 changed only the title.
        dialog->selectRevision(3);
        const Marks titleMarks
            = marksIn(child<QTextBrowser>(dialog.get(), u"diffView"_s)->document());
        QVERIFY2(titleMarks.inserted.contains(u"سالانه"_s), qPrintable(titleMarks.inserted));
        QVERIFY(titleMarks.removed.trimmed().isEmpty());
    }

    void comparesWithTheCurrentVersion()
    {
        const auto dialog = showDialog();
        dialog->selectRevision(1);
        auto *compare = child<QComboBox>(dialog.get(), u"compareWith"_s);
        compare->setCurrentIndex(compare->findData(int(HistoryDialog::Comparison::CurrentVersion)));
        const Marks marks = marksIn(child<QTextBrowser>(dialog.get(), u"diffView"_s)->document());
        QVERIFY2(marks.removed.contains(u"امروز"_s), qPrintable(marks.removed));
        QVERIFY2(marks.inserted.contains(u"فردا"_s), qPrintable(marks.inserted));
        QVERIFY2(marks.inserted.contains(u"سالانه"_s), qPrintable(marks.inserted));

        // The newest revision against the current version: nothing to mark.
        dialog->selectRevision(3);
        const Marks none = marksIn(child<QTextBrowser>(dialog.get(), u"diffView"_s)->document());
        QVERIFY(none.removed.trimmed().isEmpty() && none.inserted.trimmed().isEmpty());
        QCOMPARE(child<QLabel>(dialog.get(), u"diffCaption"_s)->text(),
            HistoryDialog::tr(
                "No differences: the two versions have the same title, lead and text."));
    }

    void theFirstRevisionIsAllNew()
    {
        const auto dialog = showDialog();
        dialog->setComparison(HistoryDialog::Comparison::PreviousRevision);
        dialog->selectRevision(1);
        const Marks marks = marksIn(child<QTextBrowser>(dialog.get(), u"diffView"_s)->document());
        QVERIFY(marks.removed.trimmed().isEmpty());
        QVERIFY2(marks.inserted.contains(u"امروز"_s), qPrintable(marks.inserted));
    }

    void restoringSavesTheOldTextAsANewRevision()
    {
        const auto dialog = showDialog();
        QSignalSpy restored(dialog.get(), &HistoryDialog::restored);
        dialog->selectRevision(1);
        auto *restore = child<QPushButton>(dialog.get(), u"restoreRevision"_s);
        QVERIFY(restore->isEnabled());
        answerConfirmation(QMessageBox::Yes);
        QTest::mouseClick(restore, Qt::LeftButton);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QCOMPARE(dialog->restoredRevision(), 4);
        QCOMPARE(restored.size(), 1);
        QCOMPARE(restored.at(0).at(0).toInt(), 4);

        const auto article = m_articles->get(m_admin.actor(), m_articleId);
        QVERIFY(article);
        QCOMPARE(article->revision, 4);
        QCOMPARE(article->title, firstTitle);
        QCOMPARE(newsroom::plainTextOf(article->body), newsroom::plainTextOf(firstBody));
        const auto revisions = m_articles->revisions(m_admin.actor(), m_articleId);
        QVERIFY(revisions);
        QCOMPARE(revisions->size(), 4);

        // The new revision is listed with its note when the history opens again.
        const auto again = showDialog();
        auto *list = child<QTreeWidget>(again.get(), u"revisionList"_s);
        QCOMPARE(list->topLevelItemCount(), 4);
        QVERIFY(!list->topLevelItem(0)->text(HistoryDialog::Note).isEmpty());
    }

    void cancellingTheConfirmationRestoresNothing()
    {
        const auto dialog = showDialog();
        dialog->selectRevision(2);
        answerConfirmation(QMessageBox::Cancel);
        QTest::mouseClick(child<QPushButton>(dialog.get(), u"restoreRevision"_s), Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->restoredRevision(), 0);
        QCOMPARE(m_articles->get(m_admin.actor(), m_articleId)->revision, 3);
    }

    void viewerMayReadTheHistoryButNotRestore()
    {
        accounts::AccountService accounts(*m_db);
        const accounts::User viewer
            = accounts
                  .addUser(m_admin.actor(),
                      {u"viewer"_s, u"ناظر"_s, accounts::Role::Viewer, {}, u"Long-pass-1403"_s})
                  .value();
        m_session = std::make_unique<ui::Session>(ui::Session {*m_db, viewer});
        const auto dialog = showDialog();
        QCOMPARE(child<QTreeWidget>(dialog.get(), u"revisionList"_s)->topLevelItemCount(), 3);
        dialog->selectRevision(1);
        auto *restore = child<QPushButton>(dialog.get(), u"restoreRevision"_s);
        QVERIFY(!restore->isEnabled());
        QVERIFY(restore->toolTip().contains(accounts::roleDisplayName(accounts::Role::Viewer)));
    }

    void escapeCloses()
    {
        const auto dialog = showDialog();
        QTest::keyClick(dialog.get(), Qt::Key_Escape);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }

    void englishUsesLatinDigits()
    {
        Language::instance().apply(Language::English, false);
        const auto dialog = showDialog();
        auto *list = child<QTreeWidget>(dialog.get(), u"revisionList"_s);
        QCOMPARE(list->topLevelItem(0)->text(HistoryDialog::Number), u"3"_s);
        QCOMPARE(list->headerItem()->text(HistoryDialog::SavedBy), u"By"_s);
    }
};

QTEST_MAIN(TestHistoryDialog)
#include "TestHistoryDialog.moc"
