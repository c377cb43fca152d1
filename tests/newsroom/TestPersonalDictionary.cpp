// Each user's own dictionary in the database (run once on SQLite, once on PostgreSQL).
#include "TestDatabase.h"
#include "spelling/PersonalDictionary.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar;
using spelling::PersonalDictionary;

namespace {

accounts::Actor user(const QString &username)
{
    accounts::Actor actor;
    actor.username = username;
    actor.displayName = username;
    actor.role = accounts::Role::Viewer;
    return actor;
}

} // namespace

class TestPersonalDictionary : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<PersonalDictionary> m_dictionary;

private slots:
    void init()
    {
        m_testDb = std::make_unique<test::TestDatabase>();
        m_db = m_testDb->open();
        m_dictionary = std::make_unique<PersonalDictionary>(*m_db);
    }
    void cleanup()
    {
        m_dictionary.reset();
        m_db.reset();
        m_testDb.reset();
    }

    void addingTwiceKeepsOneWord()
    {
        const auto sara = user(u"sara"_s);
        QCOMPARE(m_dictionary->words(sara).value(), QStringList());
        QVERIFY(m_dictionary->add(sara, u"تعاونگران"_s));
        QVERIFY(m_dictionary->add(sara, u" تعاونگران "_s));
        // The Arabic-yeh spelling is the same word for the spelling checker.
        QVERIFY(m_dictionary->add(sara, u"شريعتمداري"_s));
        QVERIFY(m_dictionary->add(sara, u"شریعتمداری"_s));
        QCOMPARE(m_dictionary->words(sara).value(), QStringList({u"تعاونگران"_s, u"شریعتمداری"_s}));
    }

    void wordsBelongToTheirUser()
    {
        const auto sara = user(u"sara"_s);
        const auto reza = user(u"reza"_s);
        QVERIFY(m_dictionary->add(sara, u"تعاونگران"_s));
        QVERIFY(m_dictionary->add(reza, u"Daftar"_s));
        QVERIFY(m_dictionary->add(reza, u"تعاونگران"_s));
        QCOMPARE(m_dictionary->words(sara).value(), QStringList({u"تعاونگران"_s}));
        QCOMPARE(m_dictionary->words(reza).value(), QStringList({u"تعاونگران"_s, u"Daftar"_s}));

        // Removing one user's word leaves the other's.
        QVERIFY(m_dictionary->remove(reza, u"تعاونگران"_s));
        QCOMPARE(m_dictionary->words(reza).value(), QStringList({u"Daftar"_s}));
        QCOMPARE(m_dictionary->words(sara).value(), QStringList({u"تعاونگران"_s}));

        // Another desktop on the same database sees the same words.
        PersonalDictionary elsewhere(*m_db);
        QCOMPARE(elsewhere.words(sara).value(), QStringList({u"تعاونگران"_s}));
    }

    void wordsAreInPersianOrder()
    {
        const auto sara = user(u"sara"_s);
        for (const QString &word : {u"ژاله"_s, u"zebra"_s, u"پرتو"_s, u"آبادان"_s, u"گیلان"_s}) {
            QVERIFY(m_dictionary->add(sara, word));
        }
        QCOMPARE(m_dictionary->words(sara).value(),
            QStringList({u"آبادان"_s, u"پرتو"_s, u"ژاله"_s, u"گیلان"_s, u"zebra"_s}));
    }

    void removingAWordThatIsNotThere()
    {
        const auto sara = user(u"sara"_s);
        QVERIFY(m_dictionary->add(sara, u"Daftar"_s));
        QVERIFY(m_dictionary->remove(sara, u"Daftar"_s));
        const Status again = m_dictionary->remove(sara, u"Daftar"_s);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind, Error::Kind::NotFound);
        QVERIFY(again.errorMessage().contains(u"Daftar"_s));
        QCOMPARE(m_dictionary->words(sara).value(), QStringList());
    }

    void notAWord_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("empty") << u"  "_s;
        QTest::newRow("two words") << u"خانه تعاون"_s;
        QTest::newRow("a whole sentence") << QString(u"کلمه"_s).repeated(20);
    }
    void notAWord()
    {
        QFETCH(QString, word);
        const auto sara = user(u"sara"_s);
        const Status added = m_dictionary->add(sara, word);
        QVERIFY(!added.ok());
        QCOMPARE(added.error().kind, Error::Kind::Invalid);
        QVERIFY(!added.errorMessage().isEmpty());
        QCOMPARE(m_dictionary->words(sara).value(), QStringList());
    }

    void operatingSystemUserHasADictionary()
    {
        const auto osUser = accounts::Actor::operatingSystemUser();
        QVERIFY(m_dictionary->add(osUser, u"تعاونگران"_s));
        QCOMPARE(m_dictionary->words(osUser).value(), QStringList({u"تعاونگران"_s}));
    }

    void nobodyHasNoDictionary()
    {
        const accounts::Actor nobody;
        QCOMPARE(m_dictionary->add(nobody, u"تعاونگران"_s).error().kind, Error::Kind::Refused);
        QVERIFY(!m_dictionary->words(nobody).ok());
    }
};

QTEST_GUILESS_MAIN(TestPersonalDictionary)
#include "TestPersonalDictionary.moc"
