// The test WordPress behaves as the publishing code expects: the editor's application
// password is accepted and a wrong one refused where it matters, Persian text comes back
// exactly as sent, an existing category is reported with its id, and reset() empties the
// site between tests.
#include "WordPressSite.h"

#include <QJsonArray>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace daftar::test;

class TestWordPressFixture : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void editorIsAcceptedWithTheEditorRole();
    void wrongPasswordIsRefusedOnlyWhereLoginIsNeeded();
    void persianContentRoundTripsExactly();
    void existingCategoryIsReportedWithItsId();
    void resetLeavesAnEmptySite();

private:
    std::optional<WordPressSite> m_site;
};

void TestWordPressFixture::initTestCase()
{
    QString why;
    m_site = WordPressSite::fromEnvironment(&why);
    if (!m_site)
        QSKIP(qPrintable(why));
    m_site->reset();
}

void TestWordPressFixture::editorIsAcceptedWithTheEditorRole()
{
    const auto me
        = m_site->getAs(u"/wp/v2/users/me?context=edit"_s, m_site->user, m_site->password);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json[u"username"_s].toString(), m_site->user);
    QCOMPARE(me.json[u"roles"_s].toArray(), QJsonArray {u"editor"_s});
    QVERIFY(me.json[u"capabilities"_s][u"publish_posts"_s].toBool());
    QVERIFY(!me.json[u"capabilities"_s][u"manage_options"_s].toBool());
}

void TestWordPressFixture::wrongPasswordIsRefusedOnlyWhereLoginIsNeeded()
{
    const QString wrong = u"abcd efgh ijkl mnop qrst uvwx"_s;
    const auto me = m_site->getAs(u"/wp/v2/users/me"_s, m_site->user, wrong);
    QCOMPARE(me.status, 401);
    QCOMPARE(me.json[u"code"_s].toString(), u"rest_not_logged_in"_s);

    // A public listing answers a wrong password as it answers anyone: a connection
    // check has to ask for users/me.
    const auto posts = m_site->getAs(u"/wp/v2/posts"_s, m_site->user, wrong);
    QCOMPARE(posts.status, 200);
}

void TestWordPressFixture::persianContentRoundTripsExactly()
{
    const QString title
        = u"نشست «هم‌اندیشی» تعاونگران در ۳ آذر ۱۳۹۸"_s;
    const QString content = u"<p dir=\"rtl\">دبیرکل خانهٔ تعاونگران گفت: «برنامهٔ اقدام"
                            " توسعهٔ تعاون» باید تا پایان سال ۱۴۰۳ تهیه شود؛ "
                            "نمی‌شود"
                            " بیش از این منتظر ماند.</p>\n<p>کد ملی ۰۰۱۲۳۴۵۶۷۸ — ٪۵۰ "
                            "سهم تعاونی‌ها…</p>"_s;
    QVERIFY(content.contains(QChar(0x200C)));

    const auto created = m_site->postAs(u"/wp/v2/posts"_s,
        {{u"title"_s, title}, {u"content"_s, content}, {u"status"_s, u"draft"_s}}, m_site->user,
        m_site->password);
    QCOMPARE(created.status, 201);
    const int id = created.json[u"id"_s].toInt();
    QVERIFY(id > 0);

    const auto read = m_site->get(u"/wp/v2/posts/%1?context=edit"_s.arg(id));
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json[u"content"_s][u"raw"_s].toString().toUtf8(), content.toUtf8());
    QCOMPARE(read.json[u"title"_s][u"raw"_s].toString().toUtf8(), title.toUtf8());
    QCOMPARE(read.json[u"status"_s].toString(), u"draft"_s);
}

void TestWordPressFixture::existingCategoryIsReportedWithItsId()
{
    const QString name = u"آگهی"_s;
    const auto created = m_site->post(u"/wp/v2/categories"_s, {{u"name"_s, name}});
    QCOMPARE(created.status, 201);
    const int id = created.json[u"id"_s].toInt();
    QVERIFY(id > 1);
    QCOMPARE(created.json[u"name"_s].toString(), name);
    // Persian slugs come back percent-encoded.
    QCOMPARE(created.json[u"slug"_s].toString(),
        QString::fromLatin1(QUrl::toPercentEncoding(name)).toLower());

    const auto again = m_site->post(u"/wp/v2/categories"_s, {{u"name"_s, name}});
    QCOMPARE(again.status, 400);
    QCOMPARE(again.json[u"code"_s].toString(), u"term_exists"_s);
    QCOMPARE(again.json[u"data"_s][u"term_id"_s].toInt(), id);

    const auto found = m_site->get(u"/wp/v2/categories?search=%1"_s.arg(name));
    QCOMPARE(found.status, 200);
    QCOMPARE(found.json.array().size(), 1);
    QCOMPARE(found.json[0][u"id"_s].toInt(), id);
}

void TestWordPressFixture::resetLeavesAnEmptySite()
{
    const auto page = m_site->post(u"/wp/v2/pages"_s,
        {{u"title"_s, u"درباره ما"_s}, {u"content"_s, u"<p>متن</p>"_s},
            {u"status"_s, u"publish"_s}});
    QCOMPARE(page.status, 201);
    const auto tag = m_site->post(u"/wp/v2/tags"_s, {{u"name"_s, u"تعاون"_s}});
    QCOMPARE(tag.status, 201);
    const auto published = m_site->post(u"/wp/v2/posts"_s,
        {{u"title"_s, u"خبر"_s}, {u"status"_s, u"publish"_s},
            {u"tags"_s, QJsonArray {tag.json[u"id"_s].toInt()}}});
    QCOMPARE(published.status, 201);
    const auto trashed = m_site->del(u"/wp/v2/posts/%1"_s.arg(published.json[u"id"_s].toInt()));
    QCOMPARE(trashed.status, 200);
    QCOMPARE(trashed.json[u"status"_s].toString(), u"trash"_s);

    m_site->reset();
    if (QTest::currentTestFailed())
        return;

    const QString everyStatus = u"status=publish,future,draft,pending,private,trash"_s;
    for (const QString &collection : {u"/wp/v2/posts"_s, u"/wp/v2/pages"_s}) {
        const auto left = m_site->get(collection + u"?context=edit&"_s + everyStatus);
        QCOMPARE(left.status, 200);
        QCOMPARE(left.json.array().size(), 0);
    }
    const auto tags = m_site->get(u"/wp/v2/tags"_s);
    QCOMPARE(tags.json.array().size(), 0);
    const auto categories = m_site->get(u"/wp/v2/categories"_s);
    QCOMPARE(categories.json.array().size(), 1);
    QCOMPARE(categories.json[0][u"id"_s].toInt(), 1);
}

QTEST_GUILESS_MAIN(TestWordPressFixture)
#include "TestWordPressFixture.moc"
