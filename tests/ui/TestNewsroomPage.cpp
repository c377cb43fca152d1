// Drives the newsroom list as an editor would: an empty newsroom, articles
// listed with Persian digits and Jalali dates, search as you type (indifferent
// to Arabic and Persian yeh), the status and kind filters, Persian alphabetical
// sorting, opening with Enter, and a viewer who may not write.
#include "TestDatabase.h"
#include "Typing.h"
#include "WidgetTesting.h"
#include "newsroom/ArticleListModel.h"
#include "newsroom/ArticleService.h"
#include "newsroom/NewsroomPage.h"
#include "shell/Application.h"
#include "shell/Language.h"

#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using daftar::test::child;
using daftar::test::hasLatinDigit;
using daftar::test::hasPersianDigit;
using namespace daftar;
using daftar::newsroom::Article;
using daftar::newsroom::ArticleKind;
using daftar::newsroom::ArticleStatus;
using daftar::test::typeText;
using daftar::ui::ArticleListModel;
using daftar::ui::Language;

namespace {

QStringList titlesShown(const ArticleListModel *model)
{
    QStringList titles;
    for (int row = 0; row < model->rowCount(); ++row) {
        titles << model->index(row, ArticleListModel::Title).data().toString();
    }
    return titles;
}

} // namespace

class TestNewsroomPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<newsroom::ArticleService> m_articles;
    std::unique_ptr<ui::Session> m_session;
    accounts::User m_admin;

    Article addArticle(const QString &title, ArticleKind kind = ArticleKind::Article,
        const QString &category = u"اخبار"_s)
    {
        Article article;
        article.kind = kind;
        article.title = title;
        article.lead = u"خلاصه‌ای از %1"_s.arg(title);
        article.body = u"<p>متن %1</p>"_s.arg(title);
        article.category = category;
        article.eventDate = QDate(2019, 11, 24);
        if (kind == ArticleKind::Announcement) {
            article.publishUntil = QDate(2019, 12, 24);
        }
        const auto created = m_articles->create(m_admin.actor(), article);
        if (!created) {
            qWarning("%s", qPrintable(created.errorMessage()));
            return article;
        }
        return *created;
    }

    std::unique_ptr<ui::NewsroomPage> showPage()
    {
        auto page = std::make_unique<ui::NewsroomPage>(*m_session);
        page->resize(1100, 640);
        page->show();
        page->activateWindow();
        if (!QTest::qWaitForWindowActive(page.get())) {
            qWarning("the page did not become active");
        }
        return page;
    }

    accounts::User addUser(const QString &username, accounts::Role role)
    {
        accounts::AccountService accounts(*m_db);
        return accounts
            .addUser(m_admin.actor(),
                {username, u"کاربر %1"_s.arg(username), role, {}, u"Long-pass-1403"_s})
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
        Language::instance().apply(Language::Persian, false);
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        m_articles = std::make_unique<newsroom::ArticleService>(*m_db);
        accounts::AccountService accounts(*m_db);
        m_admin = accounts.createFirstAdministrator(u"admin"_s, u"مریم احمدی"_s, u"Tabriz-1403!"_s)
                      .value();
        m_session = std::make_unique<ui::Session>(ui::Session {*m_db, m_admin});
    }

    void cleanup()
    {
        m_session.reset();
        m_articles.reset();
        m_db.reset();
        m_testDb.reset();
    }

    void emptyNewsroomInvitesTheFirstArticle()
    {
        const auto page = showPage();
        QVERIFY(child<QWidget>(page.get(), u"emptyState"_s)->isVisible());
        QVERIFY(!child<QTableView>(page.get(), u"articleTable"_s)->isVisible());
        QVERIFY(!child<QLineEdit>(page.get(), u"articleSearch"_s)->isVisible());
        auto *create = child<QToolButton>(page.get(), u"emptyStateNewArticle"_s);
        QVERIFY(create->isVisible());
        QVERIFY(create->isEnabled());
        QSignalSpy requested(page.get(), &ui::NewsroomPage::newArticleRequested);
        QTest::mouseClick(create, Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(0).value<ArticleKind>(), ArticleKind::Article);
        QTest::mouseClick(
            child<QToolButton>(page.get(), u"emptyStateNewAnnouncement"_s), Qt::LeftButton);
        QCOMPARE(requested.size(), 2);
        QCOMPARE(requested.at(1).at(0).value<ArticleKind>(), ArticleKind::Announcement);
    }

    void listsArticlesInPersianDigitsAndJalaliDates()
    {
        addArticle(u"مجمع عمومی تعاونی مسکن"_s);
        addArticle(u"نمایشگاه صنایع دستی"_s);
        addArticle(u"آگهی دعوت به مجمع"_s, ArticleKind::Announcement, u"آگهی‌ها"_s);
        const auto page = showPage();
        ArticleListModel *model = page->model();
        QCOMPARE(model->rowCount(), 3);
        QVERIFY(child<QTableView>(page.get(), u"articleTable"_s)->isVisible());
        QVERIFY(!child<QWidget>(page.get(), u"emptyState"_s)->isVisible());

        auto *count = child<QLabel>(page.get(), u"articleCount"_s);
        QVERIFY2(count->text().contains(u'۳'), qPrintable(count->text()));
        const int row = 0;
        // 2019-11-24 is 3 Azar 1398.
        QCOMPARE(model->index(row, ArticleListModel::EventDate).data().toString(), u"۱۳۹۸/۰۹/۰۳"_s);
        const QString updated = model->index(row, ArticleListModel::Updated).data().toString();
        QVERIFY2(hasPersianDigit(updated) && !hasLatinDigit(updated), qPrintable(updated));
        QCOMPARE(model->index(row, ArticleListModel::Revision).data().toString(), u"۱"_s);
        QCOMPARE(model->index(row, ArticleListModel::Author).data().toString(), u"مریم احمدی"_s);
        QCOMPARE(model->index(row, ArticleListModel::Status).data().toString(),
            newsroom::statusDisplayName(ArticleStatus::Draft));
        QVERIFY(!model->index(row, ArticleListModel::Status)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());

        Language::instance().apply(Language::English, false);
        QTRY_VERIFY(count->text().contains(u"3 items"_s));
        QCOMPARE(model->index(row, ArticleListModel::EventDate).data().toString(), u"1398/09/03"_s);
        QCOMPARE(model->headerData(ArticleListModel::EventDate, Qt::Horizontal).toString(),
            u"Event date"_s);
    }

    void searchFiltersAsYouTypeWhicheverYehIsTyped()
    {
        addArticle(u"مجمع عمومی تعاونی مسکن"_s);
        addArticle(u"نمایشگاه صنایع دستی"_s);
        addArticle(u"دوره آموزشی مدیران"_s);
        const auto page = showPage();
        ArticleListModel *model = page->model();
        auto *search = child<QLineEdit>(page.get(), u"articleSearch"_s);
        QTest::keyClick(page.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(search->hasFocus());
        // Typed with Arabic yeh, as many keyboards do.
        typeText(search, u"تعاوني"_s);
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(titlesShown(model), QStringList {u"مجمع عمومی تعاونی مسکن"_s});
        auto *count = child<QLabel>(page.get(), u"articleCount"_s);
        QVERIFY2(count->text().contains(u'۱') && count->text().contains(u'۳'),
            qPrintable(count->text()));

        search->clear();
        typeText(search, u"هیچ‌چیز"_s);
        QTRY_COMPARE(model->rowCount(), 0);
        QVERIFY(child<QTableView>(page.get(), u"articleTable"_s)->isVisible());
        search->clear();
        QTRY_COMPARE(model->rowCount(), 3);
    }

    void statusAndKindFiltersNarrowTheList()
    {
        const Article sent = addArticle(u"گزارش مجمع سالانه"_s);
        addArticle(u"نشست هم‌اندیشی"_s);
        addArticle(u"آگهی مزایده"_s, ArticleKind::Announcement);
        QVERIFY(m_articles->setStatus(m_admin.actor(), sent.id, ArticleStatus::InReview));
        const auto page = showPage();
        ArticleListModel *model = page->model();
        QCOMPARE(model->rowCount(), 3);

        auto *status = child<QComboBox>(page.get(), u"statusFilter"_s);
        QCOMPARE(status->itemText(0), ui::NewsroomPage::tr("All statuses"));
        QCOMPARE(status->count(), 1 + int(newsroom::allArticleStatuses().size()));
        status->setCurrentIndex(status->findData(newsroom::statusId(ArticleStatus::InReview)));
        QCOMPARE(titlesShown(model), QStringList {u"گزارش مجمع سالانه"_s});
        status->setCurrentIndex(status->findData(newsroom::statusId(ArticleStatus::Published)));
        QCOMPARE(model->rowCount(), 0);
        status->setCurrentIndex(0);
        QCOMPARE(model->rowCount(), 3);

        auto *kind = child<QComboBox>(page.get(), u"kindFilter"_s);
        kind->setCurrentIndex(kind->findData(newsroom::kindId(ArticleKind::Announcement)));
        QCOMPARE(titlesShown(model), QStringList {u"آگهی مزایده"_s});
        QCOMPARE(model->index(0, ArticleListModel::Kind).data().toString(),
            newsroom::kindDisplayName(ArticleKind::Announcement));
    }

    void titlesSortInPersianAlphabeticalOrder()
    {
        // In code-point order ل and س come before گ and ژ; in Persian they do not.
        for (const QString &title : {u"لایحه بودجه"_s, u"گزارش سالانه"_s, u"سمینار"_s, u"ژاله"_s}) {
            addArticle(title);
        }
        const auto page = showPage();
        auto *table = child<QTableView>(page.get(), u"articleTable"_s);
        table->sortByColumn(ArticleListModel::Title, Qt::AscendingOrder);
        QCOMPARE(titlesShown(page->model()),
            (QStringList {u"ژاله"_s, u"سمینار"_s, u"گزارش سالانه"_s, u"لایحه بودجه"_s}));
        table->sortByColumn(ArticleListModel::Title, Qt::DescendingOrder);
        QCOMPARE(titlesShown(page->model()).first(), u"لایحه بودجه"_s);
    }

    void enterOpensTheSelectedArticle()
    {
        addArticle(u"نخستین خبر"_s);
        const Article wanted = addArticle(u"دومین خبر"_s);
        addArticle(u"سومین خبر"_s);
        const auto page = showPage();
        QSignalSpy opened(page.get(), &ui::NewsroomPage::openArticleRequested);
        auto *table = child<QTableView>(page.get(), u"articleTable"_s);
        const int row = page->model()->rowOf(wanted.id);
        QVERIFY(row >= 0);
        const QRect cell = table->visualRect(page->model()->index(row, ArticleListModel::Title));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toLongLong(), wanted.id);

        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(opened.size(), 2);
        QCOMPARE(opened.at(1).at(0).toLongLong(), wanted.id);
    }

    void searchThenEnterOpensTheFirstMatch()
    {
        addArticle(u"نمایشگاه کتاب"_s);
        const Article wanted = addArticle(u"جشنواره تعاونی‌های برتر"_s);
        const auto page = showPage();
        QSignalSpy opened(page.get(), &ui::NewsroomPage::openArticleRequested);
        auto *search = child<QLineEdit>(page.get(), u"articleSearch"_s);
        search->setFocus();
        typeText(search, u"جشنواره"_s);
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(page->model()->rowCount(), 1);
        auto *table = child<QTableView>(page.get(), u"articleTable"_s);
        QTRY_VERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toLongLong(), wanted.id);
    }

    void newButtonsAndShortcutAskForTheRightKind()
    {
        addArticle(u"خبر موجود"_s);
        const auto page = showPage();
        QSignalSpy requested(page.get(), &ui::NewsroomPage::newArticleRequested);
        QTest::keyClick(page.get(), Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(0).value<ArticleKind>(), ArticleKind::Article);
        QTest::mouseClick(child<QToolButton>(page.get(), u"newAnnouncement"_s), Qt::LeftButton);
        QCOMPARE(requested.size(), 2);
        QCOMPARE(requested.at(1).at(0).value<ArticleKind>(), ArticleKind::Announcement);
    }

    void reloadShowsArticlesSavedElsewhere()
    {
        addArticle(u"خبر اول"_s);
        const auto page = showPage();
        QCOMPARE(page->model()->rowCount(), 1);
        addArticle(u"خبر دوم"_s);
        page->reload();
        QCOMPARE(page->model()->rowCount(), 2);
        // Newest first until the user sorts otherwise.
        QCOMPARE(titlesShown(page->model()).first(), u"خبر دوم"_s);
    }

    void viewerMayReadButNotWrite()
    {
        addArticle(u"خبری برای خواندن"_s);
        m_session = std::make_unique<ui::Session>(
            ui::Session {*m_db, addUser(u"viewer"_s, accounts::Role::Viewer)});
        const auto page = showPage();
        QCOMPARE(page->model()->rowCount(), 1);
        auto *create = child<QToolButton>(page.get(), u"newArticle"_s);
        QVERIFY(create->isVisible());
        QVERIFY(!create->isEnabled());
        QVERIFY(create->toolTip().contains(accounts::roleDisplayName(accounts::Role::Viewer)));
        QVERIFY(!child<QToolButton>(page.get(), u"newAnnouncement"_s)->isEnabled());
        QSignalSpy requested(page.get(), &ui::NewsroomPage::newArticleRequested);
        QTest::keyClick(page.get(), Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(requested.size(), 0);
        // Reading is allowed: the article still opens.
        QSignalSpy opened(page.get(), &ui::NewsroomPage::openArticleRequested);
        auto *table = child<QTableView>(page.get(), u"articleTable"_s);
        const QRect cell = table->visualRect(page->model()->index(0, ArticleListModel::Title));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(opened.size(), 1);
    }

    void viewerCannotStartTheFirstArticle()
    {
        m_session = std::make_unique<ui::Session>(
            ui::Session {*m_db, addUser(u"viewer"_s, accounts::Role::Viewer)});
        const auto page = showPage();
        QVERIFY(child<QWidget>(page.get(), u"emptyState"_s)->isVisible());
        QVERIFY(!child<QToolButton>(page.get(), u"emptyStateNewArticle"_s)->isEnabled());
        QVERIFY(!child<QToolButton>(page.get(), u"emptyStateNewAnnouncement"_s)->isEnabled());
    }
};

QTEST_MAIN(TestNewsroomPage)
#include "TestNewsroomPage.moc"
