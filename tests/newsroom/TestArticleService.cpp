// The newsroom core on a real database of each engine: creating and saving
// articles keeps revisions, the workflow follows the roles, locks warn a second
// editor, autosaves survive closing the database, and the media library keeps
// each image once.
#include "TestDatabase.h"
#include "accounts/AccountService.h"
#include "newsroom/ArticleService.h"
#include "newsroom/MediaLibrary.h"
#include "storage/AuditLog.h"

#include <QBuffer>
#include <QImage>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar;
using newsroom::Article;
using newsroom::ArticleStatus;

class TestArticleService : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<newsroom::ArticleService> m_articles;
    accounts::Actor m_editor;
    accounts::Actor m_otherEditor;
    accounts::Actor m_chief;
    accounts::Actor m_viewer;

    accounts::Actor addUser(const QString &name, accounts::Role role)
    {
        accounts::AccountService accounts(*m_db);
        auto user = accounts.addUser(accounts::Actor::operatingSystemUser(),
            {name, name + u" display"_s, role, {}, u"correct horse battery"_s});
        if (!user) {
            qFatal("%s", qPrintable(user.errorMessage()));
        }
        return user->actor();
    }

    Article draft(const QString &title)
    {
        Article article;
        article.title = title;
        article.lead = u"جلسه هم‌اندیشی تعاونگران برگزار شد."_s;
        article.body = u"<p>دبیرکل خانه تعاونگران گفت: برنامه اقدام لازم است.</p>"_s;
        article.category = u"اخبار"_s;
        article.eventDate = QDate(2019, 11, 24);
        return article;
    }

    int auditCount(const QString &action, qint64 id)
    {
        auto entries = storage::AuditLog::forEntity(*m_db, u"article"_s, QString::number(id));
        int count = 0;
        for (const auto &entry : *entries) {
            count += entry.action == action ? 1 : 0;
        }
        return count;
    }

    static QByteArray png(const QColor &color, int width = 600, int height = 400)
    {
        QImage image(width, height, QImage::Format_RGB32);
        image.fill(color);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return bytes;
    }

private slots:
    void init()
    {
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        m_articles = std::make_unique<newsroom::ArticleService>(*m_db);
        static int round = 0;
        const QString suffix = QString::number(++round);
        m_editor = addUser(u"editor"_s + suffix, accounts::Role::Editor);
        m_otherEditor = addUser(u"writer"_s + suffix, accounts::Role::Editor);
        m_chief = addUser(u"chief"_s + suffix, accounts::Role::ChiefEditor);
        m_viewer = addUser(u"viewer"_s + suffix, accounts::Role::Viewer);
    }

    void cleanup()
    {
        m_articles.reset();
        m_db.reset();
        m_testDb.reset();
    }

    void createKeepsTheFirstRevisionAndSanitises()
    {
        Article article = draft(u"  دبیرکل خانه تعاونگران   خواستار برنامه شد "_s);
        article.body += u"<script>alert(1)</script><p onclick=\"x()\">متن</p>"_s;
        auto created = m_articles->create(m_editor, article);
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        QVERIFY(created->id > 0);
        QCOMPARE(created->title, u"دبیرکل خانه تعاونگران خواستار برنامه شد"_s);
        QCOMPARE(created->revision, 1);
        QCOMPARE(created->status, ArticleStatus::Draft);
        QCOMPARE(created->authorName, m_editor.displayName);
        QVERIFY(!created->slug.isEmpty());
        QVERIFY(!created->slug.contains(QChar(0x200C)));
        QVERIFY(!created->body.contains(u"script"_s));
        QVERIFY(!created->body.contains(u"onclick"_s));

        auto stored = m_articles->get(m_viewer, created->id);
        QVERIFY(stored.ok());
        QCOMPARE(stored->body, created->body);
        QCOMPARE(stored->eventDate, QDate(2019, 11, 24));
        QCOMPARE(m_articles->revisions(m_viewer, created->id)->size(), 1);
        QCOMPARE(auditCount(u"article.create"_s, created->id), 1);
    }

    void refusesWhatTheRoleMayNotDo()
    {
        auto refused = m_articles->create(m_viewer, draft(u"خبر"_s));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Refused);
        auto listed = m_articles->list(m_viewer, {});
        QVERIFY(listed->isEmpty());

        auto untitled = m_articles->create(m_editor, draft(u"   "_s));
        QCOMPARE(untitled.error().kind, Error::Kind::Invalid);
        QVERIFY(untitled.errorMessage().contains(u"title"_s));
    }

    void sameTitleGetsItsOwnSlug()
    {
        auto first = m_articles->create(m_editor, draft(u"خبر مهم"_s));
        auto second = m_articles->create(m_editor, draft(u"خبر مهم"_s));
        QVERIFY(first.ok() && second.ok());
        QCOMPARE(second->slug, first->slug + u"-2"_s);
    }

    void savingKeepsRevisionsAndRefusesAStaleCopy()
    {
        auto created = m_articles->create(m_editor, draft(u"نسخه یک"_s));
        Article mine = *created;
        Article theirs = *created;

        mine.title = u"نسخه دو"_s;
        auto saved = m_articles->save(m_editor, mine);
        QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
        QCOMPARE(saved->revision, 2);

        theirs.title = u"نسخه دیگر"_s;
        auto stale = m_articles->save(m_otherEditor, theirs);
        QVERIFY(!stale.ok());
        QCOMPARE(stale.error().kind, Error::Kind::Conflict);
        QCOMPARE(m_articles->get(m_viewer, created->id)->title, u"نسخه دو"_s);

        mine = *saved;
        mine.body = u"<p>متن سوم</p>"_s;
        QVERIFY(m_articles->save(m_editor, mine).ok());

        auto revisions = m_articles->revisions(m_viewer, created->id);
        QCOMPARE(revisions->size(), 3);
        QCOMPARE(revisions->first().number, 3);
        QCOMPARE(revisions->last().title, u"نسخه یک"_s);

        auto restored = m_articles->restore(m_editor, created->id, 1);
        QVERIFY2(restored.ok(), qPrintable(restored.errorMessage()));
        QCOMPARE(restored->revision, 4);
        QCOMPARE(restored->title, u"نسخه یک"_s);
        QCOMPARE(restored->body, created->body);
        QVERIFY(m_articles->revisions(m_viewer, created->id)->first().note.contains(u'1'));
        QCOMPARE(m_articles->revision(m_viewer, created->id, 2)->title, u"نسخه دو"_s);
        QCOMPARE(
            m_articles->revision(m_viewer, created->id, 9).error().kind, Error::Kind::NotFound);
    }

    void workflowFollowsTheRoles()
    {
        auto created = m_articles->create(m_editor, draft(u"گردش کار"_s));
        const qint64 id = created->id;
        QCOMPARE(m_articles->allowedMoves(m_editor, *created), {ArticleStatus::InReview});

        QVERIFY(m_articles->setStatus(m_editor, id, ArticleStatus::InReview).ok());
        auto approveByEditor = m_articles->setStatus(m_editor, id, ArticleStatus::Approved);
        QCOMPARE(approveByEditor.error().kind, Error::Kind::Refused);
        auto withdrawByOther = m_articles->setStatus(m_otherEditor, id, ArticleStatus::Draft);
        QCOMPARE(withdrawByOther.error().kind, Error::Kind::Refused);

        auto noComment = m_articles->setStatus(m_chief, id, ArticleStatus::NeedsChanges);
        QCOMPARE(noComment.error().kind, Error::Kind::Invalid);
        auto sentBack = m_articles->setStatus(
            m_chief, id, ArticleStatus::NeedsChanges, u"تیتر کوتاه‌تر شود"_s);
        QVERIFY(sentBack.ok());
        QCOMPARE(sentBack->statusComment, u"تیتر کوتاه‌تر شود"_s);

        QVERIFY(m_articles->setStatus(m_editor, id, ArticleStatus::InReview).ok());
        QVERIFY(m_articles->setStatus(m_chief, id, ArticleStatus::Approved).ok());
        auto past = m_articles->setStatus(m_chief, id, ArticleStatus::Scheduled, {},
            QDateTime::currentDateTimeUtc().addSecs(-60));
        QCOMPARE(past.error().kind, Error::Kind::Invalid);
        auto scheduled = m_articles->setStatus(
            m_chief, id, ArticleStatus::Scheduled, {}, QDateTime::currentDateTimeUtc().addDays(1));
        QVERIFY2(scheduled.ok(), qPrintable(scheduled.errorMessage()));
        QVERIFY(m_articles->setStatus(m_chief, id, ArticleStatus::Published).ok());

        auto jump = m_articles->setStatus(m_chief, id, ArticleStatus::InReview);
        QCOMPARE(jump.error().kind, Error::Kind::Invalid);

        // An editor's change to a published article goes back to review.
        Article edited = *m_articles->get(m_editor, id);
        edited.lead = u"لید تازه"_s;
        auto saved = m_articles->save(m_editor, edited);
        QVERIFY(saved.ok());
        QCOMPARE(saved->status, ArticleStatus::InReview);

        QVERIFY(m_articles->setStatus(m_chief, id, ArticleStatus::Approved).ok());
        QVERIFY(m_articles->setStatus(m_chief, id, ArticleStatus::Published).ok());
        // The chief editor's own correction stays published.
        Article corrected = *m_articles->get(m_chief, id);
        corrected.lead = u"لید اصلاح‌شده"_s;
        QCOMPARE(m_articles->save(m_chief, corrected)->status, ArticleStatus::Published);
        QVERIFY(m_articles->setStatus(m_chief, id, ArticleStatus::Unpublished).ok());

        QCOMPARE(auditCount(u"article.status"_s, id), 10);
        auto filtered = m_articles->list(m_viewer, {ArticleStatus::Unpublished, {}, {}, 100});
        QCOMPARE(filtered->size(), 1);
    }

    void listSearchesIndifferentToLetterForms()
    {
        QVERIFY(m_articles->create(m_editor, draft(u"نشست تعاونی‌های کرمان"_s))
                    .ok());
        QVERIFY(m_articles->create(m_editor, draft(u"خبر دیگر"_s)).ok());
        auto found = m_articles->list(m_viewer, {{}, {}, u"تعاوني كرمان"_s, 100});
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().title, u"نشست تعاونی‌های کرمان"_s);
        QCOMPARE(m_articles->list(m_viewer, {})->size(), 2);
    }

    void locksWarnTheSecondEditor()
    {
        auto created = m_articles->create(m_editor, draft(u"قفل"_s));
        const qint64 id = created->id;
        QVERIFY(m_articles->acquireLock(m_editor, id).ok());
        QVERIFY(m_articles->acquireLock(m_editor, id).ok()); // reopening is fine

        auto second = m_articles->acquireLock(m_otherEditor, id);
        QCOMPARE(second.error().kind, Error::Kind::Locked);
        QVERIFY(second.errorMessage().contains(m_editor.displayName));
        QCOMPARE(
            m_articles->acquireLock(m_otherEditor, id, true).error().kind, Error::Kind::Refused);

        Article theirs = *created;
        theirs.title = u"قفل شکسته"_s;
        QCOMPARE(m_articles->save(m_otherEditor, theirs).error().kind, Error::Kind::Locked);

        auto taken = m_articles->acquireLock(m_chief, id, true);
        QVERIFY2(taken.ok(), qPrintable(taken.errorMessage()));
        QCOMPARE(auditCount(u"article.lock_break"_s, id), 1);
        QCOMPARE(m_articles->refreshLock(m_editor, id).error().kind, Error::Kind::Locked);
        QCOMPARE((*m_articles->lockOf(id))->holder, m_chief.displayName);

        QVERIFY(m_articles->releaseLock(m_chief, id).ok());
        QVERIFY(!m_articles->lockOf(id)->has_value());

        // A lock whose editor crashed goes stale and stops protecting the article.
        QVERIFY(m_articles->acquireLock(m_editor, id).ok());
        QVERIFY(
            m_db->run(u"UPDATE article_locks SET heartbeat = ?"_s,
                    {QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODateWithMs)})
                .ok());
        QVERIFY(m_articles->acquireLock(m_otherEditor, id).ok());
    }

    void autosaveSurvivesReopening()
    {
        Article unsaved = draft(u"هنوز ذخیره نشده"_s);
        unsaved.body = u"<p>چند جمله که هنوز ذخیره نشده است</p>"_s;
        QVERIFY(m_articles->autosave(m_editor, unsaved).ok());
        unsaved.body += u"<p>و یک جمله دیگر</p>"_s;
        QVERIFY(m_articles->autosave(m_editor, unsaved).ok());

        m_articles.reset();
        m_db.reset();
        m_db = m_testDb->open();
        m_articles = std::make_unique<newsroom::ArticleService>(*m_db);

        QVERIFY(m_articles->pendingAutosaves(m_otherEditor)->isEmpty());
        auto pending = m_articles->pendingAutosaves(m_editor);
        QCOMPARE(pending->size(), 1);
        QCOMPARE(pending->first().draft.title, unsaved.title);
        QCOMPARE(pending->first().draft.body, unsaved.body);
        QCOMPARE(pending->first().draft.eventDate, unsaved.eventDate);
        QVERIFY(m_articles->discardAutosave(m_editor, 0).ok());
        QVERIFY(m_articles->pendingAutosaves(m_editor)->isEmpty());
    }

    void mediaLibraryKeepsEachImageOnce()
    {
        newsroom::MediaLibrary media(*m_db);
        const QByteArray red = png(Qt::red);
        auto first = media.importBytes(m_editor, red, u"جلسه.png"_s, u"جلسه تعاونگران"_s);
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        QCOMPARE(first->width, 600);
        QCOMPARE(first->mimeType, u"image/png"_s);
        QImage thumbnail;
        QVERIFY(thumbnail.loadFromData(first->thumbnail));
        QCOMPARE(thumbnail.width(), 240);

        auto again = media.importBytes(m_editor, red, u"copy.png"_s);
        QCOMPARE(again->id, first->id);
        QVERIFY(media.importBytes(m_editor, png(Qt::blue), u"blue.png"_s).ok());
        QCOMPARE(media.list()->size(), 2);
        QCOMPARE(*media.bytes(first->id), red);

        auto notImage = media.importBytes(m_editor, "just text", u"notes.txt"_s);
        QCOMPARE(notImage.error().kind, Error::Kind::Invalid);
        QVERIFY(notImage.errorMessage().contains(u"notes.txt"_s));
        QCOMPARE(media.importBytes(m_viewer, red, u"x.png"_s).error().kind, Error::Kind::Refused);

        QVERIFY(media.setAlt(m_editor, first->id, u"  دبیرکل  در جلسه "_s).ok());
        QCOMPARE(media.item(first->id)->alt, u"دبیرکل در جلسه"_s);
        QCOMPARE(newsroom::mediaIdFromUrl(newsroom::mediaUrl(first->id)), first->id);
        QVERIFY(!newsroom::mediaIdFromUrl(u"javascript:1"_s));
    }
};

QTEST_GUILESS_MAIN(TestArticleService)
#include "TestArticleService.moc"
