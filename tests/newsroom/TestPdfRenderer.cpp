// PDF export of the seed article as a reader gets it: an A4 file whose text is
// the Persian article (poppler's pdftotext reads it back), laid out right to
// left, with the fonts embedded so it prints the same anywhere, library images
// included, and clear errors for places a PDF cannot go.
#include "SeedArticle.h"
#include "newsroom/ArticlePage.h"
#include "render/PdfRenderer.h"

#include <QBuffer>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace daftar;

namespace {

QString run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(program), process.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

newsroom::Article seed()
{
    return test::seedArticle(test::seedArticlePath(qEnvironmentVariable("DAFTAR_TEST_DATA")));
}

QByteArray pngOf(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor(0x0e, 0x6e, 0x6a));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// pdftotext -bbox of the first page: one <word xMin= yMin= xMax= yMax=> per word.
QString firstPageBoxes(const QString &pdf)
{
    return run(u"pdftotext"_s,
        {u"-bbox"_s, u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, u"-enc"_s, u"UTF-8"_s, pdf, u"-"_s});
}

qreal pageWidth(const QString &pdf)
{
    return QRegularExpression(u"<page width=\"([\\d.]+)\""_s)
        .match(firstPageBoxes(pdf))
        .captured(1)
        .toDouble();
}

// The horizontal extent of the first occurrence of `word` on the first page, or
// (-1, -1). In -bbox output a right-to-left word comes with its letters in visual
// order, so the reversed spelling counts too.
std::pair<qreal, qreal> wordExtent(const QString &pdf, const QString &word)
{
    QString reversed = word;
    std::reverse(reversed.begin(), reversed.end());
    const QRegularExpression box(
        u"<word xMin=\"([\\d.]+)\" yMin=\"[\\d.]+\" "
        u"xMax=\"([\\d.]+)\" yMax=\"[\\d.]+\">(?:%1|%2)</word>"_s.arg(
            QRegularExpression::escape(word), QRegularExpression::escape(reversed)));
    const auto match = box.match(firstPageBoxes(pdf));
    if (!match.hasMatch()) {
        qWarning("%s not found in %s", qPrintable(word), qPrintable(pdf));
        return {-1, -1};
    }
    return {match.captured(1).toDouble(), match.captured(2).toDouble()};
}

qreal wordLeft(const QString &pdf, const QString &word)
{
    return wordExtent(pdf, word).first;
}

qreal wordRight(const QString &pdf, const QString &word)
{
    return wordExtent(pdf, word).second;
}

} // namespace

class TestPdfRenderer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const newsroom::Article article = seed();
        QVERIFY2(!article.lead.isEmpty(), "the seed article is missing");
        QVERIFY(article.lead.startsWith(u"جلسه هم"_s));
        // The site's navigation glued to the dump's last line is not part of the article.
        QVERIFY(!article.body.contains(u"صفحه اصلی"_s));
        QVERIFY(article.body.contains(u"نقش داشته باشند."_s));
    }

    void seedArticleBecomesAPersianA4Pdf()
    {
        const QString path = m_dir.filePath(u"seed.pdf"_s);
        const Status rendered = render::renderPdf(newsroom::renderArticlePage(seed()), path);
        QVERIFY2(rendered.ok(), qPrintable(rendered.errorMessage()));

        const QString info = run(u"pdfinfo"_s, {path});
        QVERIFY2(info.contains(u"(A4)"_s), qPrintable(info));
        const int pages = QRegularExpression(u"Pages:\\s+(\\d+)"_s).match(info).captured(1).toInt();
        QVERIFY(pages >= 2);

        const QString text = run(u"pdftotext"_s, {u"-enc"_s, u"UTF-8"_s, path, u"-"_s});
        for (const QString &word :
            {u"دبیرکل"_s, u"تعاونگران"_s, u"خواستار"_s, u"توسعه"_s, u"شهریور"_s, u"۱۳۹۸"_s}) {
            QVERIFY2(text.contains(word), qPrintable(u"missing from the PDF: "_s + word));
        }
        QVERIFY(text.contains(u"آذر"_s));
        // A PDF is the article, not the site's menus.
        QVERIFY(!text.contains(u"بانک اعضا"_s));
    }

    void fontsAreEmbedded()
    {
        const QString path = m_dir.filePath(u"fonts.pdf"_s);
        QVERIFY(render::renderPdf(newsroom::renderArticlePage(seed()), path).ok());
        const QStringList lines = run(u"pdffonts"_s, {path}).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 2);
        const QStringList fonts = lines.mid(2); // after the header and its underline
        bool vazirmatn = false;
        for (const QString &font : fonts) {
            // name type encoding emb sub uni object generation; the type may hold spaces.
            const QStringList columns = font.split(u' ', Qt::SkipEmptyParts);
            QVERIFY(columns.size() >= 7);
            QCOMPARE(columns.at(columns.size() - 5), u"yes"_s);
            vazirmatn = vazirmatn || font.contains(u"Vazirmatn"_s);
        }
        QVERIFY(vazirmatn);
    }

    void pagesKeepTheirDirection()
    {
        const QString persian = m_dir.filePath(u"direction-fa.pdf"_s);
        QVERIFY(render::renderPdf(newsroom::renderArticlePage(seed()), persian).ok());
        const qreal width = pageWidth(persian);
        QVERIFY(width > 500);
        // The title's first word and the kind label sit at the right edge, as on the site.
        QVERIFY(wordRight(persian, u"دبیرکل"_s) > width * 0.8);
        QVERIFY(wordRight(persian, u"آگهی"_s) > width * 0.8);

        newsroom::Article article = seed();
        article.language = u"en"_s;
        article.kind = newsroom::ArticleKind::Article;
        article.title = u"Secretary general asks for an action plan"_s;
        const QString english = m_dir.filePath(u"direction-en.pdf"_s);
        QVERIFY(render::renderPdf(newsroom::renderArticlePage(article), english).ok());
        for (const QString &word : {u"Secretary"_s, u"News"_s}) {
            const qreal left = wordLeft(english, word);
            QVERIFY(left >= 0 && left < width * 0.2);
        }
    }

    void libraryImagesComeFromTheFetcher()
    {
        newsroom::Article article = seed();
        article.body = u"<p>عکس جلسه</p><p><img src=\"daftar-media:5\" alt=\"جلسه\"></p>"_s;
        QList<qint64> asked;
        const render::MediaFetcher fetch
            = [&asked](qint64 id) -> std::optional<render::MediaBytes> {
            asked.append(id);
            if (id != 5) {
                return std::nullopt;
            }
            return render::MediaBytes {pngOf(120, 80), u"image/png"_s};
        };
        const QString path = m_dir.filePath(u"image.pdf"_s);
        QVERIFY(render::renderPdf(newsroom::renderArticlePage(article), path, fetch).ok());
        QCOMPARE(asked, QList<qint64> {5});
        const QString images = run(u"pdfimages"_s, {u"-list"_s, path});
        QVERIFY2(images.contains(QRegularExpression(u"\\s120\\s+80\\s"_s)), qPrintable(images));
    }

    void pathsWithDotsAndExistingFilesWork()
    {
        QVERIFY(QDir(m_dir.path()).mkpath(u"sub"_s));
        const QString target = m_dir.filePath(u"dotted.pdf"_s);
        QFile old(target);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("not a pdf");
        old.close();

        const Status rendered = render::renderPdf(
            newsroom::renderArticlePage(seed()), m_dir.filePath(u"sub/../dotted.pdf"_s));
        QVERIFY2(rendered.ok(), qPrintable(rendered.errorMessage()));
        QFile written(target);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.read(5) == "%PDF-");
    }

    void impossiblePlacesAreExplained()
    {
        const QString page = newsroom::renderArticlePage(seed());
        const QString missing = m_dir.filePath(u"no-such-folder/out.pdf"_s);
        const Status intoMissing = render::renderPdf(page, missing);
        QVERIFY(!intoMissing.ok());
        QVERIFY2(intoMissing.errorMessage().contains(u"no-such-folder"_s),
            qPrintable(intoMissing.errorMessage()));
        QVERIFY(!QFile::exists(missing));

        const Status ontoFolder = render::renderPdf(page, m_dir.path());
        QVERIFY(!ontoFolder.ok());
        QVERIFY(ontoFolder.errorMessage().contains(QDir::toNativeSeparators(m_dir.path())));

        QVERIFY(!render::renderPdf(page, QString()).ok());

        // Chromium refuses a page this large in one piece: the user learns why.
        newsroom::Article pasted = seed();
        pasted.body += u"<p><img src=\"data:image/png;base64,%1\"></p>"_s.arg(
            QString(3 * 1024 * 1024, u'A'));
        const QString tooLarge = m_dir.filePath(u"too-large.pdf"_s);
        const Status refused = render::renderPdf(newsroom::renderArticlePage(pasted), tooLarge);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(u"media library"_s),
            qPrintable(refused.errorMessage()));
        QVERIFY(!QFile::exists(tooLarge));
    }
};

int main(int argc, char **argv)
{
    // Chromium needs the scheme before the application exists.
    render::registerMediaScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QGuiApplication app(argc, argv);
    TestPdfRenderer test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestPdfRenderer.moc"
