// `daftar-cli articles …` on SQLite and PostgreSQL: bodies from .txt, .md and
// .html files, listing and showing (with the sanitised HTML), the clean-up,
// the workflow and rendering to HTML and PDF.
#include "CliRun.h"
#include "TestDatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar;
using daftar::test::cli;
using daftar::test::Run;

class TestArticlesCli : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_testDb;
    QMap<QString, QString> m_env;
    QTemporaryDir m_files;

    QStringList db(QStringList arguments) const
    {
        arguments.prepend(m_testDb->url());
        arguments.prepend(u"--db"_s);
        if (m_testDb->isPostgres()) {
            arguments.insert(2, u"--user"_s);
            arguments.insert(3, u"admin"_s);
        }
        return arguments;
    }

    Run run(const QStringList &arguments) const { return cli(db(arguments), m_env); }

    QString file(const QString &name, const QString &content) const
    {
        const QString path = m_files.filePath(name);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        out.write(content.toUtf8());
        return path;
    }

    qint64 create(const QStringList &extra)
    {
        const Run created = run(QStringList {u"articles"_s, u"create"_s} + extra);
        if (created.exitCode != 0) {
            qWarning("%s", qPrintable(created.err));
            return 0;
        }
        return created.out.trimmed().toLongLong();
    }

    QJsonObject show(qint64 id)
    {
        const Run shown = run({u"articles"_s, u"show"_s, QString::number(id), u"--json"_s});
        if (shown.exitCode != 0) {
            qWarning("%s", qPrintable(shown.err));
        }
        return QJsonDocument::fromJson(shown.out.toUtf8()).object();
    }

private slots:
    void init()
    {
        m_testDb = std::make_unique<test::TestDatabase>();
        m_env.clear();
        if (m_testDb->isPostgres()) {
            const Run boot = cli({u"--db"_s, m_testDb->url(), u"users"_s, u"add"_s, u"admin"_s,
                                     u"--name"_s, u"Admin"_s, u"--role"_s, u"administrator"_s},
                {{u"DAFTAR_NEW_PASSWORD"_s, u"admin-pass-1"_s}});
            QVERIFY2(boot.exitCode == 0, qPrintable(boot.err));
            m_env.insert(u"DAFTAR_PASSWORD"_s, u"admin-pass-1"_s);
        }
    }

    void cleanup() { m_testDb.reset(); }

    void createsFromTextMarkdownAndHtml()
    {
        const QString txt
            = file(u"news.txt"_s, u"بند اول خبر\nبا ادامه در همان بند.\n\nبند دوم خبر."_s);
        const qint64 id
            = create({u"--title"_s, u"دبیرکل خانه تعاونگران"_s, u"--lead"_s, u"لید خبر"_s,
                u"--body-file"_s, txt, u"--date"_s, u"۱۳۹۸/۰۹/۰۳"_s, u"--category"_s, u"اخبار"_s});
        QVERIFY(id > 0);
        const QJsonObject article = show(id);
        QCOMPARE(article.value(u"title"_s).toString(), u"دبیرکل خانه تعاونگران"_s);
        QCOMPARE(article.value(u"status"_s).toString(), u"draft"_s);
        QCOMPARE(article.value(u"event_date"_s).toString(), u"2019-11-24"_s);
        QCOMPARE(article.value(u"revision_count"_s).toInt(), 1);
        const QString html = article.value(u"html"_s).toString();
        QCOMPARE(html.count(u"<p"_s), 2);
        QVERIFY(html.contains(u"بند دوم خبر."_s));

        const QString md = file(u"news.md"_s,
            u"## تیتر فرعی\n\nمتن با **تأکید** و [پیوند](https://example.org).\n\n- یک\n- دو\n"_s);
        const QJsonObject fromMd
            = show(create({u"--title"_s, u"مارک‌داون"_s, u"--body-file"_s, md}));
        const QString mdHtml = fromMd.value(u"html"_s).toString();
        QVERIFY2(mdHtml.contains(u"<h2"_s), qPrintable(mdHtml));
        QVERIFY(mdHtml.contains(u"<strong>تأکید</strong>"_s));
        QVERIFY(mdHtml.contains(u"href=\"https://example.org\""_s));
        QCOMPARE(mdHtml.count(u"<li"_s), 2);

        const QString dirty = file(u"news.html"_s,
            u"<p onclick=\"steal()\">متن</p><script>alert(1)</script>"
            "<a href=\"javascript:alert(2)\">پیوند</a><img src=x onerror=alert(3)>"_s);
        const QString safe
            = show(create({u"--title"_s, u"اچ‌تی‌ام‌ال"_s, u"--body-file"_s, dirty}))
                  .value(u"html"_s)
                  .toString();
        for (const QString &bad : {u"script"_s, u"onclick"_s, u"javascript"_s, u"onerror"_s}) {
            QVERIFY2(!safe.contains(bad), qPrintable(safe));
        }
        QVERIFY(safe.contains(u"متن"_s));

        const Run listed = run({u"articles"_s, u"list"_s, u"--json"_s});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(listed.out.toUtf8()).array().size(), 3);
    }

    void refusesBadInputWithUsage()
    {
        const QString txt = file(u"a.txt"_s, u"متن"_s);
        QCOMPARE(run({u"articles"_s, u"create"_s, u"--body-file"_s, txt}).exitCode, 2);
        const Run until = run({u"articles"_s, u"create"_s, u"--title"_s, u"خبر"_s, u"--body-file"_s,
            txt, u"--until"_s, u"1403/01/01"_s});
        QCOMPARE(until.exitCode, 2);
        QVERIFY(until.err.contains(u"announcement"_s));
        const Run badDate = run({u"articles"_s, u"create"_s, u"--title"_s, u"خبر"_s,
            u"--body-file"_s, txt, u"--date"_s, u"1403/13/40"_s});
        QCOMPARE(badDate.exitCode, 2);
        const Run missing = run({u"articles"_s, u"create"_s, u"--title"_s, u"خبر"_s,
            u"--body-file"_s, m_files.filePath(u"nowhere.txt"_s)});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(u"nowhere.txt"_s));
        QCOMPARE(run({u"articles"_s, u"list"_s, u"--status"_s, u"finished"_s}).exitCode, 2);
        QCOMPARE(run({u"articles"_s, u"show"_s, u"77"_s}).exitCode, 1);

        const qint64 notice
            = create({u"--title"_s, u"آگهی مجمع"_s, u"--body-file"_s, txt, u"--kind"_s,
                u"announcement"_s, u"--date"_s, u"1403/01/15"_s, u"--until"_s, u"1403/02/01"_s});
        const QJsonObject announcement = show(notice);
        QCOMPARE(announcement.value(u"kind"_s).toString(), u"announcement"_s);
        QCOMPARE(announcement.value(u"publish_until"_s).toString(), u"2024-04-20"_s);
    }

    void cleanupShowsThenSaves()
    {
        const QString txt = file(u"messy.txt"_s, u"جلسه هم انديشي  تعاونگران با وزير تعاون ،كار"_s);
        const qint64 id = create({u"--title"_s, u"خبر"_s, u"--body-file"_s, txt});
        const Run dry = run({u"articles"_s, u"cleanup"_s, QString::number(id), u"--dry-run"_s});
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(
            dry.out.contains(u"انديشي"_s) && dry.out.contains(u"اندیشی"_s), qPrintable(dry.out));
        QCOMPARE(show(id).value(u"revision_count"_s).toInt(), 1);

        const Run saved = run({u"articles"_s, u"cleanup"_s, QString::number(id)});
        QCOMPARE(saved.exitCode, 0);
        const QJsonObject article = show(id);
        QCOMPARE(article.value(u"revision_count"_s).toInt(), 2);
        const QString html = article.value(u"html"_s).toString();
        QVERIFY(!html.contains(u'ي') && !html.contains(u'ك'));
        QVERIFY(!html.contains(u"  "_s));

        const Run again = run({u"articles"_s, u"cleanup"_s, QString::number(id)});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(show(id).value(u"revision_count"_s).toInt(), 2);
    }

    void statusFollowsTheWorkflow()
    {
        const qint64 id
            = create({u"--title"_s, u"گردش"_s, u"--body-file"_s, file(u"w.txt"_s, u"متن"_s)});
        const QString number = QString::number(id);
        const Run jump = run({u"articles"_s, u"set-status"_s, number, u"published"_s});
        QCOMPARE(jump.exitCode, 1);
        QVERIFY(!jump.err.isEmpty());
        QCOMPARE(run({u"articles"_s, u"set-status"_s, number, u"in_review"_s}).exitCode, 0);
        const Run noComment = run({u"articles"_s, u"set-status"_s, number, u"needs_changes"_s});
        QCOMPARE(noComment.exitCode, 1);
        QCOMPARE(run({u"articles"_s, u"set-status"_s, number, u"needs_changes"_s, u"--comment"_s,
                         u"منبع را بنویسید"_s})
                     .exitCode,
            0);
        QCOMPARE(show(id).value(u"status_comment"_s).toString(), u"منبع را بنویسید"_s);
        QCOMPARE(run({u"articles"_s, u"set-status"_s, number, u"in_review"_s}).exitCode, 0);
        QCOMPARE(run({u"articles"_s, u"set-status"_s, number, u"approved"_s}).exitCode, 0);
        QCOMPARE(run({u"articles"_s, u"set-status"_s, number, u"published"_s}).exitCode, 0);
        QCOMPARE(show(id).value(u"status"_s).toString(), u"published"_s);
        const Run listed = run({u"articles"_s, u"list"_s, u"--status"_s, u"published"_s});
        QVERIFY(listed.out.contains(u"گردش"_s));
        QCOMPARE(run({u"articles"_s, u"set-status"_s, number, u"done"_s}).exitCode, 2);
    }

    void rendersPageAndPdf()
    {
        const qint64 id = create({u"--title"_s, u"دبیرکل خانه تعاونگران خواستار برنامه شد"_s,
            u"--body-file"_s, file(u"r.txt"_s, u"علی حسین شهریور افزود: سند توسعه تهیه شد."_s),
            u"--date"_s, u"1398/09/03"_s});
        const QString html = m_files.filePath(u"page.html"_s);
        const Run page = run({u"articles"_s, u"render"_s, QString::number(id), u"--out"_s, html});
        QCOMPARE(page.exitCode, 0);
        QFile rendered(html);
        QVERIFY(rendered.open(QIODevice::ReadOnly));
        const QString content = QString::fromUtf8(rendered.readAll());
        QVERIFY(content.contains(u"دبیرکل خانه تعاونگران خواستار برنامه شد"_s));
        QVERIFY(content.contains(u"۳ آذر ۱۳۹۸"_s));
        QVERIFY(content.contains(u"شعب استانی"_s));
        QVERIFY(!content.contains(u"<script"_s));

        const QString pdf = m_files.filePath(u"page.pdf"_s);
        const Run printed = run({u"articles"_s, u"render"_s, QString::number(id), u"--out"_s, pdf});
        QVERIFY2(printed.exitCode == 0, qPrintable(printed.err));
        QFile out(pdf);
        QVERIFY(out.open(QIODevice::ReadOnly));
        QVERIFY(out.read(5) == "%PDF-");
        QVERIFY(out.size() > 5000);

        QCOMPARE(run({u"articles"_s, u"render"_s, QString::number(id), u"--out"_s,
                         m_files.filePath(u"page.doc"_s)})
                     .exitCode,
            2);
    }
};

QTEST_GUILESS_MAIN(TestArticlesCli)
#include "TestArticlesCli.moc"
