#include "newsroom/ArticleHtml.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextList>
#include <QTextTable>

using namespace Qt::StringLiterals;
using namespace daftar::newsroom;

namespace {

QString testData(const QString &name)
{
    QFile file(qEnvironmentVariable("DAFTAR_TEST_DATA") + u"/newsroom/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// The seed article's paragraphs as a body, without the site's top bar, label,
// title and the navigation glued onto the last paragraph.
QString seedBody()
{
    QStringList paragraphs;
    for (const QString &line : testData(u"cooperative-house-news-1398-09-03.txt"_s).split(u'\n')) {
        if (!line.trimmed().isEmpty())
            paragraphs.append(line);
    }
    paragraphs = paragraphs.mid(3);
    if (paragraphs.isEmpty())
        return {};
    QString &last = paragraphs.last();
    last = last.left(last.indexOf(u"صفحه اصلی"_s));
    QString html;
    for (const QString &paragraph : std::as_const(paragraphs))
        html += u"<p>"_s + paragraph.toHtmlEscaped() + u"</p>\n"_s;
    return html;
}

QString throughEditor(const QString &html)
{
    QTextDocument document;
    loadIntoDocument(html, document);
    return htmlFromDocument(document);
}

// A fragment made of random pieces of the dialect and of what people paste,
// nested at random and sometimes left unclosed or misnested.
class FragmentGenerator
{
public:
    explicit FragmentGenerator(quint32 seed)
        : m_random(seed)
    { }

    QString fragment()
    {
        QString out;
        const int blocks = 1 + int(m_random.bounded(5));
        for (int i = 0; i < blocks; ++i)
            out += block(0);
        return out;
    }

private:
    QString pick(const QStringList &items)
    {
        return items.at(int(m_random.bounded(qsizetype(items.size()))));
    }
    bool chance(int percent) { return int(m_random.bounded(100)) < percent; }

    QString text()
    {
        static const QStringList words = {u"سلام"_s, u"می‌شود"_s, u"Qt"_s, u"6.4"_s,
            u"(WebEngine)"_s, u"۱۳۹۸"_s, u"&amp;"_s, u"&nbsp;"_s, u"a&lt;b"_s, u"  "_s, u"\n"_s,
            u"\u2068Qt 6\u2069"_s, u"\u2067رو\u2069"_s, u"\u2069"_s, u"\u2066"_s, u"&zwnj;"_s,
            u"&#1740;"_s, u"«نقل»"_s, u"C++"_s, u"\t"_s, u"&quot;"_s, u"ي"_s};
        QString out;
        const int count = 1 + int(m_random.bounded(4));
        for (int i = 0; i < count; ++i)
            out += pick(words) + (chance(70) ? u" "_s : QString());
        return out;
    }

    QString attributes()
    {
        static const QStringList options = {u" dir=\"ltr\""_s, u" dir=\"rtl\""_s,
            u" dir=\"auto\""_s, u" class=\"MsoNormal\""_s, u" style=\"font-weight:bold\""_s,
            u" onclick=\"x()\""_s, u" style=\"display:none\""_s, u" title=\"t\""_s};
        return chance(30) ? pick(options) : QString();
    }

    QString inlineContent(int depth)
    {
        QString out;
        const int count = 1 + int(m_random.bounded(4));
        for (int i = 0; i < count; ++i) {
            const int kind = int(m_random.bounded(depth > 3 ? 3 : 14));
            switch (kind) {
            case 0:
            case 1:
            case 2:
                out += text();
                break;
            case 3:
                out += u"<br>"_s;
                break;
            case 4:
                out += u"<img src=\""_s
                    + pick({u"daftar-media:3"_s, u"https://x.ir/a.png"_s, u"javascript:x"_s})
                    + u"\""_s + (chance(50) ? u" alt=\"عکس\""_s : QString())
                    + (chance(30) ? u" width=\"120\""_s : QString()) + u">"_s;
                break;
            case 5:
                out += u"<a href=\""_s
                    + pick({u"https://icc.ir/?a=1&amp;b=2"_s, u"/news/1"_s, u"javascript:x()"_s,
                        u"mailto:a@b.ir"_s})
                    + u"\""_s + (chance(30) ? u" title=\"عنوان\""_s : QString()) + u">"_s
                    + inlineContent(depth + 1) + u"</a>"_s;
                break;
            default: {
                const QString tag = pick({u"b"_s, u"strong"_s, u"i"_s, u"em"_s, u"u"_s, u"s"_s,
                    u"code"_s, u"sub"_s, u"sup"_s, u"span"_s, u"bdi"_s, u"font"_s, u"o:p"_s});
                out += u"<"_s + tag + attributes() + u">"_s + inlineContent(depth + 1);
                if (chance(90))
                    out += u"</"_s + tag + u">"_s;
            }
            }
        }
        return out;
    }

    QString block(int depth)
    {
        const int kind = int(m_random.bounded(depth > 2 ? 3 : 12));
        switch (kind) {
        case 0:
        case 1:
            return u"<p"_s + attributes() + u">"_s + inlineContent(0)
                + (chance(85) ? u"</p>"_s : QString());
        case 2:
            return inlineContent(0);
        case 3:
            return u"<h"_s + QString::number(1 + m_random.bounded(6)) + attributes() + u">"_s
                + inlineContent(0) + u"</h1>"_s;
        case 4: {
            const QString tag = chance(50) ? u"ul"_s : u"ol"_s;
            QString out = u"<"_s + tag + attributes() + u">"_s;
            const int items = 1 + int(m_random.bounded(3));
            for (int i = 0; i < items; ++i) {
                out += u"<li"_s + attributes() + u">"_s + inlineContent(1);
                if (chance(30))
                    out += block(depth + 1);
                if (chance(70))
                    out += u"</li>"_s;
            }
            return out + u"</"_s + tag + u">"_s;
        }
        case 5:
            return u"<blockquote>"_s + block(depth + 1) + block(depth + 1) + u"</blockquote>"_s;
        case 6:
            return u"<pre>"_s + pick({u"\nint x;\n\n  y();\n"_s, u"a  b\tc"_s, u" "_s})
                + u"</pre>"_s;
        case 7: {
            QString out = u"<table"_s + attributes() + u">"_s;
            if (chance(40))
                out += u"<thead><tr><th>سر</th><th colspan=\"2\">ستون</th></tr></thead>"_s;
            const int rows = 1 + int(m_random.bounded(3));
            for (int r = 0; r < rows; ++r) {
                out += u"<tr>"_s;
                const int cells = int(m_random.bounded(4));
                for (int c = 0; c < cells; ++c) {
                    out += pick({u"<td>"_s, u"<th>"_s, u"<td rowspan=\"2\">"_s,
                        u"<td colspan=\"2\">"_s, u"<td dir=\"ltr\">"_s});
                    out += chance(30) ? block(depth + 1) : inlineContent(1);
                }
            }
            return out + u"</table>"_s;
        }
        case 8:
            return u"<hr>"_s;
        case 9:
            return u"<figure><img src=\"daftar-media:7\" alt=\"x\">"_s
                + (chance(60) ? u"<figcaption>"_s + inlineContent(1) + u"</figcaption>"_s
                              : QString())
                + u"</figure>"_s;
        case 10:
            return u"<div"_s + attributes() + u">"_s + block(depth + 1) + inlineContent(0)
                + u"</div>"_s;
        default:
            return u"<!--[if gte mso 9]><xml>x</xml><![endif]--><script>alert(1)</script>"_s
                + inlineContent(0);
        }
    }

    QRandomGenerator m_random;
};

} // namespace

class TestArticleHtml : public QObject
{
    Q_OBJECT

private slots:
    void sanitize_data();
    void sanitize();
    void sanitizeKeepsPersianAndZwnj();
    void sanitizeWordPaste();
    void sanitizeLibreOfficePaste();
    void sanitizeWebPage();
    void sanitizeIsIdempotentOnGeneratedFragments();
    void pathologicalInput();
    void plainText();
    void plainTextFile();
    void markdown();
    void documentToHtml();
    void documentDirectionAndIsolates();
    void loadSetsEditorFormats();
    void loadIsOneUndoStep();
    void roundTrip_data();
    void roundTrip();
    void roundTripOfGeneratedFragments();
};

void TestArticleHtml::sanitize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::addRow("paragraph") << u"<p>سلام</p>"_s << u"<p>سلام</p>"_s;
    QTest::addRow("bare text becomes a paragraph") << u"سلام دنیا"_s << u"<p>سلام دنیا</p>"_s;
    QTest::addRow("b and i") << u"<p><b>پررنگ</b> و <i>کج</i></p>"_s
                             << u"<p><strong>پررنگ</strong> و <em>کج</em></p>"_s;
    QTest::addRow("nesting is canonical")
        << u"<p><em><strong>x</strong></em></p>"_s << u"<p><strong><em>x</em></strong></p>"_s;
    QTest::addRow("adjacent runs merge") << u"<p><b>a</b><strong>b</strong> <b>c</b></p>"_s
                                         << u"<p><strong>ab</strong> <strong>c</strong></p>"_s;
    QTest::addRow("h1 to h2, h5 and h6 to h4")
        << u"<h1>a</h1><h3>b</h3><h5>c</h5><h6>d</h6>"_s
        << u"<h2>a</h2>\n<h3>b</h3>\n<h4>c</h4>\n<h4>d</h4>"_s;
    QTest::addRow("strong inside a heading is the heading's own weight")
        << u"<h2>یک <b>دو</b></h2>"_s << u"<h2>یک دو</h2>"_s;
    QTest::addRow("whitespace collapses")
        << u"<p>  a \n\t b  <b> c </b> </p>"_s << u"<p>a b <strong>c</strong></p>"_s;
    QTest::addRow("no-break spaces stay inside, go at the edges")
        << u"<p>&nbsp;a&nbsp;&nbsp;b&nbsp;</p>"_s << u"<p>a&nbsp;&nbsp;b</p>"_s;
    QTest::addRow("empty paragraphs go")
        << u"<p></p><p> </p><p>&nbsp;</p><p><br></p><p><span></span></p><p>x</p>"_s
        << u"<p>x</p>"_s;
    QTest::addRow("breaks at paragraph edges go")
        << u"<p><br>a<br><br>b<br></p>"_s << u"<p>a<br><br>b</p>"_s;
    QTest::addRow("script and style with content")
        << u"<p>a<script>alert('<b>')</script>b</p><style>p { color: red }</style>"_s
        << u"<p>ab</p>"_s;
    QTest::addRow("event handlers, style and class")
        << u"<p onclick=\"x()\" class=\"MsoNormal\" style=\"color:red\" id=\"p1\">a</p>"_s
        << u"<p>a</p>"_s;
    QTest::addRow("javascript link is unwrapped")
        << u"<p><a href=\"javascript:alert(1)\">x</a></p>"_s << u"<p>x</p>"_s;
    QTest::addRow("disguised javascript link")
        << u"<a href=\"  jAvA&#x09;sCrIpT&colon;alert(1)\">x</a><a href=\"&#106;avascript:x\">y</a>"_s
        << u"<p>xy</p>"_s;
    QTest::addRow("allowed links")
        << u"<p><a href=\"https://icc.ir/?a=1&amp;b=2\" title=\"خانه\" target=\"_blank\">x</a> <a href=\"/news/2\">y</a> <a href=\"mailto:info@icc.ir\">z</a> <a href=\"ftp://x\">w</a></p>"_s
        << u"<p><a href=\"https://icc.ir/?a=1&amp;b=2\" title=\"خانه\">x</a> <a href=\"/news/2\">y</a> <a href=\"mailto:info@icc.ir\">z</a> w</p>"_s;
    QTest::addRow("anchor without href") << u"<p><a name=\"_Toc1\">x</a></p>"_s << u"<p>x</p>"_s;
    QTest::addRow("images")
        << u"<p><img src=\"daftar-media:12\" alt=\" عکس  خبر \" width=\"300\" height=\"200px\" style=\"float:left\" onerror=\"x()\"><img src=\"file:///C:/clip.png\"><img src=\"javascript:x\"><img src=\"data:image/png;base64,AAAA\"><img src=\"data:text/html,x\"><img src=\"/a.png\"><img src=\"https://icc.ir/a.png\" width=\"huge\"></p>"_s
        << u"<p><img src=\"daftar-media:12\" alt=\"عکس خبر\" width=\"300\" height=\"200\"><img src=\"data:image/png;base64,AAAA\"><img src=\"https://icc.ir/a.png\"></p>"_s;
    QTest::addRow("dropped with content")
        << u"<p>a</p><iframe src=\"x\"><p>in</p></iframe><object><p>o</p></object><embed src=x><form><p>f</p><input></form><select><option>s</option></select><p>b</p>"_s
        << u"<p>a</p>\n<p>b</p>"_s;
    QTest::addRow("unknown elements are unwrapped")
        << u"<custom-tag><p>a<blink>b</blink></p></custom-tag>"_s << u"<p>ab</p>"_s;
    QTest::addRow("font and empty spans")
        << u"<p><font face=\"Arial\" color=\"red\">a</font><span></span><span class=\"x\">b</span></p>"_s
        << u"<p>ab</p>"_s;
    QTest::addRow("comments and conditional comments")
        << u"<!-- x --><p>a<!--[if gte mso 9]><xml><o:x>y</o:x></xml><![endif]-->b<![if !vml]>c<![endif]></p>"_s
        << u"<p>abc</p>"_s;
    QTest::addRow("entities")
        << u"<p>&amp;lt; &lt;b&gt; &#1740;&#x6A9; &laquo;&raquo; &#150; &hellip; &copy &unknown; &#0; &#x110000;</p>"_s
        << u"<p>&amp;lt; &lt;b&gt; یک «» – … © &amp;unknown; \uFFFD \uFFFD</p>"_s;
    QTest::addRow("less-than in text")
        << u"<p>a < b and c<1 <d</p>"_s << u"<p>a &lt; b and c&lt;1</p>"_s;
    QTest::addRow("unclosed paragraphs") << u"<p>a<p>b"_s << u"<p>a</p>\n<p>b</p>"_s;
    QTest::addRow("misnested inline")
        << u"<p><b>a<i>b</b>c</i></p>"_s << u"<p><strong>a<em>b</em></strong>c</p>"_s;
    QTest::addRow("stray end tags") << u"</div></span><p>a</b></p></td>"_s << u"<p>a</p>"_s;
    QTest::addRow("unterminated tag at the end") << u"<p>a</p><p class=\"x"_s << u"<p>a</p>"_s;
    QTest::addRow("unquoted and odd attributes")
        << u"<p dir=rtl><a href=https://icc.ir/a?b=1&c=2>x</a></p>"_s
        << u"<p dir=\"rtl\"><a href=\"https://icc.ir/a?b=1&amp;c=2\">x</a></p>"_s;
    QTest::addRow("legacy entity in an attribute")
        << u"<a href=\"/?a=1&copy=2\">x</a>"_s << u"<p><a href=\"/?a=1&amp;copy=2\">x</a></p>"_s;
    QTest::addRow("block direction, auto is not written")
        << u"<p dir=\"RTL\">a</p><p dir=\"auto\">b</p><p dir=\"sideways\">c</p><div dir=\"ltr\"><p>d</p><h3>e</h3></div>"_s
        << u"<p dir=\"rtl\">a</p>\n<p>b</p>\n<p>c</p>\n<p dir=\"ltr\">d</p>\n<h3 dir=\"ltr\">e</h3>"_s;
    QTest::addRow("inline direction isolates")
        << u"<p>قبل <span dir=\"ltr\">(Qt 6.4)</span> <bdi>x</bdi> <span dir=\"auto\">y</span> <b dir=\"ltr\">z</b></p>"_s
        << u"<p>قبل <span dir=\"ltr\">(Qt 6.4)</span> <bdi>x</bdi> <bdi>y</bdi> <strong><span dir=\"ltr\">z</span></strong></p>"_s;
    QTest::addRow("isolate running the same way as its paragraph")
        << u"<p dir=\"rtl\"><span dir=\"rtl\">الف</span> <span dir=\"ltr\">b</span></p>"_s
        << u"<p dir=\"rtl\">الف <span dir=\"ltr\">b</span></p>"_s;
    QTest::addRow("isolate characters become elements")
        << u"<p>نسخه \u2068(Qt WebEngine 6.4)\u2069 و \u2066a\u2069 و \u2067ب\u2069</p>"_s
        << u"<p>نسخه <bdi>(Qt WebEngine 6.4)</bdi> و <span dir=\"ltr\">a</span> و <span dir=\"rtl\">ب</span></p>"_s;
    QTest::addRow("unmatched isolate characters")
        << u"<p>a\u2069b \u2068c</p>"_s << u"<p>ab <bdi>c</bdi></p>"_s;
    QTest::addRow("isolate across formatting") << u"<p>a \u2068<b>b</b> c\u2069 d</p>"_s
                                               << u"<p>a <bdi><strong>b</strong> c</bdi> d</p>"_s;
    QTest::addRow("lists")
        << u"<ul><li>a<li>b<ul><li>c</li></ul></li><li dir=\"ltr\">d</li></ul><ol><li></li><li>e</li></ol>"_s
        << u"<ul><li>a</li><li>b<ul><li>c</li></ul></li><li dir=\"ltr\">d</li></ul>\n<ol><li>e</li></ol>"_s;
    QTest::addRow("list directly inside a list") << u"<ul><li>a</li><ul><li>b</li></ul></ul>"_s
                                                 << u"<ul><li>a<ul><li>b</li></ul></li></ul>"_s;
    QTest::addRow("paragraphs inside a list item")
        << u"<ol><li><p>a</p><p>b</p></li></ol>"_s << u"<ol><li>a<br>b</li></ol>"_s;
    QTest::addRow("text after a nested list")
        << u"<ul><li>a<ul><li>b</li></ul>c</li></ul>"_s
        << u"<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"_s;
    QTest::addRow("quotes")
        << u"<blockquote>a<blockquote><p>b</p></blockquote></blockquote><blockquote><p dir=\"ltr\">c</p></blockquote>"_s
        << u"<blockquote><p>a</p><blockquote><p>b</p></blockquote><p dir=\"ltr\">c</p></blockquote>"_s;
    QTest::addRow("preformatted") << u"<pre>\n  int x = 1;\n\n  <b>y</b>();\n\n</pre><pre>z</pre>"_s
                                  << u"<pre>  int x = 1;\n\n  y();\n\n\nz</pre>"_s;
    QTest::addRow("code, sub, sup, strike, underline")
        << u"<p><tt>a</tt> <kbd>b</kbd> H<sub>2</sub>O x<sup>2</sup> <strike>c</strike> <del>d</del> <ins>e</ins> <u>f</u></p>"_s
        << u"<p><code>a</code> <code>b</code> H<sub>2</sub>O x<sup>2</sup> <s>c</s> <s>d</s> <u>e</u> <u>f</u></p>"_s;
    QTest::addRow("styles that mean formatting")
        << u"<p><b style=\"font-weight:normal\" id=\"docs-internal-guid\"><span style=\"font-weight:700\">a</span><span style=\"font-style:italic\">b</span><span style=\"text-decoration:underline\">c</span></span></b></p>"_s
        << u"<p><strong>a</strong><em>b</em><u>c</u></p>"_s;
    QTest::addRow("hidden content")
        << u"<p>a<span style=\"display: none\">b</span><span hidden>c</span>d</p>"_s
        << u"<p>ad</p>"_s;
    QTest::addRow("rule") << u"<p>a</p><hr class=\"x\"><p>b</p>"_s << u"<p>a</p>\n<hr>\n<p>b</p>"_s;
    QTest::addRow("table")
        << u"<table border=1 style=\"x\"><caption>عنوان</caption><tr><th>a<td>b<tr><td colspan=2>c</table>"_s
        << u"<p>عنوان</p>\n<table><tbody><tr><th>a</th><td>b</td></tr><tr><td colspan=\"2\">c</td></tr></tbody></table>"_s;
    QTest::addRow("table sections and padding")
        << u"<table dir=\"rtl\"><tfoot><tr><td>f</td></tr></tfoot><thead><tr><th>h1</th><th>h2</th></tr></thead><tbody><tr><td rowspan=\"5\">x</td><td dir=\"ltr\">y</td></tr><tr></tr></tbody></table>"_s
        << u"<table dir=\"rtl\"><thead><tr><th>h1</th><th>h2</th></tr></thead><tbody><tr><td rowspan=\"3\">x</td><td dir=\"ltr\">y</td></tr><tr><td></td></tr><tr><td>f</td></tr></tbody></table>"_s;
    QTest::addRow("cell with several blocks")
        << u"<table><tr><td><p>a</p><p>b</p></td><td><p>c</p></td></tr></table>"_s
        << u"<table><tbody><tr><td><p>a</p><p>b</p></td><td>c</td></tr></tbody></table>"_s;
    QTest::addRow("text outside cells goes before the table")
        << u"<table><tr>x<td>a</td></tr></table>"_s
        << u"<p>x</p>\n<table><tbody><tr><td>a</td></tr></tbody></table>"_s;
    QTest::addRow("figure")
        << u"<figure class=\"wp-block-image\"><p><img src=\"daftar-media:4\" alt=\"الف\"></p><figcaption dir=\"rtl\">زیرنویس <b>تصویر</b></figcaption></figure>"_s
        << u"<figure><img src=\"daftar-media:4\" alt=\"الف\"><figcaption dir=\"rtl\">زیرنویس <strong>تصویر</strong></figcaption></figure>"_s;
    QTest::addRow("div blocks split paragraphs")
        << u"<div>a<div>b</div>c<br>d</div>"_s << u"<p>a</p>\n<p>b</p>\n<p>c<br>d</p>"_s;
    QTest::addRow("control characters and object markers")
        << u"<p>a\u0001b\uFFFCc\uFEFFd\u2028e</p>"_s << u"<p>abcd e</p>"_s;
}

void TestArticleHtml::sanitize()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString sanitized = sanitizeHtml(input);
    QCOMPARE(sanitized, expected);
    QCOMPARE(sanitizeHtml(sanitized), sanitized);
}

void TestArticleHtml::sanitizeKeepsPersianAndZwnj()
{
    const QString text
        = u"کتاب‌ها را می‌خوانیم؛ «خانهٔ تعاون» ۱۴۰۳/۰۲/۳۱ — ZWJ\u200Dx LRM\u200Ey"_s;
    const QString html = sanitizeHtml(u"<p>"_s + text + u"</p>"_s);
    QCOMPARE(html, u"<p>"_s + text + u"</p>"_s);
    QCOMPARE(plainTextOf(html), text);
    QVERIFY(html.contains(QChar(0x200C)));
}

void TestArticleHtml::sanitizeWordPaste()
{
    const QString input = testData(u"paste-word.html"_s);
    QVERIFY(!input.isEmpty());
    const QString expected
        = u"<p dir=\"rtl\"><strong>دبیرکل خانه تعاونگران</strong></p>\n"
          u"<p dir=\"rtl\">جلسه هم&nbsp;اندیشی با حضور مدیران <span dir=\"ltr\">(Qt WebEngine "
          u"6.4)</span> برگزار شد. <em>مهم</em></p>\n"
          u"<ul><li dir=\"rtl\">بند اول</li><li dir=\"rtl\">بند دوم</li></ul>\n"
          u"<ol><li dir=\"rtl\">مرحله یک<ol><li>زیرمرحله</li></ol></li></ol>\n"
          u"<p dir=\"rtl\">پیوند: <a href=\"https://www.icc.ir/news?id=12&amp;lang=fa\"><span "
          u"dir=\"ltr\">www.icc.ir</span></a></p>\n"
          u"<p dir=\"rtl\">گزارش</p>"_s;
    const QString sanitized = sanitizeHtml(input);
    QCOMPARE(sanitized, expected);
    for (const QString &junk : {u"mso"_s, u"Mso"_s, u"o:p"_s, u"font"_s, u"class"_s, u"style"_s,
             u"<span>"_s, u"[if"_s, u"پنهان"_s, u"·"_s})
        QVERIFY2(!sanitized.contains(junk), qPrintable(junk));
    QCOMPARE(throughEditor(sanitized), sanitized);
}

void TestArticleHtml::sanitizeLibreOfficePaste()
{
    const QString input = testData(u"paste-libreoffice.html"_s);
    QVERIFY(!input.isEmpty());
    const QString expected
        = u"<p><strong>عنوان خبر</strong></p>\n"
          u"<p>متن خبر با <u>زیرخط</u> و <s>خط خورده</s> و <sup>۲</sup>.</p>\n"
          u"<ol><li>یک</li><li>دو</li></ol>\n"
          u"<table><tbody><tr><td>استان</td><td>تعداد</td></tr><tr><td>تهران</td><td>۱۲</td></tr></tbody></table>"_s;
    const QString sanitized = sanitizeHtml(input);
    QCOMPARE(sanitized, expected);
    QCOMPARE(throughEditor(sanitized), sanitized);
}

void TestArticleHtml::sanitizeWebPage()
{
    const QString input = testData(u"paste-web.html"_s);
    QVERIFY(!input.isEmpty());
    const QString expected
        = u"<h2>عنوان</h2>\n"
          u"<p>اشتراک</p>\n"
          u"<p>بند <a href=\"/news/12\">خبر قبلی</a> و <img src=\"https://icc.ir/a.jpg\" "
          u"alt=\"تصویر\"></p>\n"
          u"<blockquote><p>نقل قول</p><p>— منبع</p></blockquote>\n"
          u"<p>پیوند بد دیگری داده <img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\"></p>"_s;
    const QString sanitized = sanitizeHtml(input);
    QCOMPARE(sanitized, expected);
    for (const QString &junk :
        {u"script"_s, u"javascript"_s, u"onclick"_s, u"onerror"_s, u"iframe"_s, u"تبلیغ"_s,
            u"pixel"_s, u"جستجو"_s, u"پنهان"_s, u"فلش"_s, u"svg"_s, u"text/html"_s, u"target"_s})
        QVERIFY2(!sanitized.contains(junk, Qt::CaseInsensitive), qPrintable(junk));
}

void TestArticleHtml::sanitizeIsIdempotentOnGeneratedFragments()
{
    FragmentGenerator generator(20191124);
    for (int i = 0; i < 400; ++i) {
        const QString input = generator.fragment();
        const QString once = sanitizeHtml(input);
        const QString twice = sanitizeHtml(once);
        if (once != twice)
            qWarning().noquote() << "input:" << input << "\nonce: " << once << "\ntwice:" << twice;
        QCOMPARE(twice, once);
        for (const QString &junk :
            {u"<script"_s, u"javascript:"_s, u"onclick"_s, u"class="_s, u"style="_s, u"<b>"_s,
                u"<font"_s, u"<o:p"_s, u"<span>"_s, u"<p></p>"_s, u"dir=\"auto\""_s})
            QVERIFY2(!once.contains(junk), qPrintable(input + u" → "_s + once));
    }
}

void TestArticleHtml::pathologicalInput()
{
    // Thousands of unclosed tags: nesting stops growing, the text survives.
    QCOMPARE(sanitizeHtml(u"<b>"_s.repeated(20000) + u"x"_s), u"<p><strong>x</strong></p>"_s);
    QCOMPARE(sanitizeHtml(u"<div><span>"_s.repeated(10000) + u"y"_s), u"<p>y</p>"_s);
    // Quotes nest only as deep as the editor keeps them.
    const QString deep = u"<blockquote>"_s.repeated(30) + u"q"_s;
    const QString sanitized = sanitizeHtml(deep);
    QCOMPARE(sanitized.count(u"<blockquote>"_s), 16);
    QCOMPARE(throughEditor(deep), sanitized);
    // Fragments of markup syntax are text or nothing, never a crash.
    for (const QString &junk : {u"<"_s, u"<<<>>>"_s, u"&"_s, u"&#"_s, u"&#x;"_s, u"</"_s, u"<!--"_s,
             u"<![CDATA["_s, u"<p"_s, u"<a href='"_s, u"<?xml"_s, u"<!DOCTYPE"_s,
             QString(QChar(0xD800)), u"<table><td rowspan=99999 colspan=99999>x"_s}) {
        const QString once = sanitizeHtml(junk);
        QCOMPARE(sanitizeHtml(once), once);
        QCOMPARE(throughEditor(once), once);
    }
    QCOMPARE(sanitizeHtml(u"<<<>>>"_s), u"<p>&lt;&lt;&lt;&gt;&gt;&gt;</p>"_s);
    QVERIFY(
        sanitizeHtml(u"<table><td rowspan=99999 colspan=99999>x"_s).contains(u"colspan=\"100\""_s));
}

void TestArticleHtml::plainText()
{
    QCOMPARE(
        plainTextOf(
            u"<h2>عنوان</h2><p>یک <b>دو</b><br>سه</p><ul><li>a</li><li>b<ol><li>c</li></ol></li></ul><blockquote><p>q</p></blockquote><table><tr><td>x</td><td>y</td></tr></table><p><img src=\"daftar-media:1\"></p><pre>p  re</pre><p>\u2068Qt\u2069 &amp; &lt;</p>"_s),
        u"عنوان\nیک دو\nسه\na\nb\nc\nq\nx\ny\np  re\nQt & <"_s);
    QCOMPARE(plainTextOf(QString()), QString());
}

void TestArticleHtml::plainTextFile()
{
    QCOMPARE(htmlFromPlainText(u"یک\r\nدو  سه\n\n\n<چهار> & پنج\n   \nشش\n"_s),
        u"<p>یک<br>دو سه</p>\n<p>&lt;چهار&gt; &amp; پنج</p>\n<p>شش</p>"_s);
    QCOMPARE(htmlFromPlainText(u"\n \n"_s), QString());
}

void TestArticleHtml::markdown()
{
    const QString markdown
        = u"# عنوان\n\nمتن **پررنگ** و *کج* و `کد` و ~~خط~~ با [پیوند](https://icc.ir \"خانه\") و ![عکس](daftar-media:5)\n\n> نقل\n> > تو در تو\n\n- الف\n  - ب\n- ج\n\n1. یک\n2. دو\n\n```\nint x;\n\ny();\n```\n\n| سر | ستون |\n|----|------|\n| الف | **ب** |\n\n---\n\n[بد](javascript:alert(1)) <script>alert(1)</script>\n"_s;
    const QString expected
        = u"<h2>عنوان</h2>\n"
          u"<p>متن <strong>پررنگ</strong> و <em>کج</em> و <code>کد</code> و <s>خط</s> با <a "
          u"href=\"https://icc.ir\" title=\"خانه\">پیوند</a> و <img src=\"daftar-media:5\" "
          u"alt=\"عکس\"></p>\n"
          u"<blockquote><p>نقل</p><blockquote><p>تو در تو</p></blockquote></blockquote>\n"
          u"<ul><li>الف<ul><li>ب</li></ul></li><li>ج</li></ul>\n"
          u"<ol><li>یک</li><li>دو</li></ol>\n"
          u"<pre>int x;\n\ny();</pre>\n"
          u"<table><thead><tr><th>سر</th><th>ستون</th></tr></thead><tbody><tr><td>الف</"
          u"td><td><strong>ب</strong></td></tr></tbody></table>\n"
          u"<hr>\n"
          u"<p>بد</p>"_s;
    const QString html = htmlFromMarkdown(markdown);
    QCOMPARE(html, expected);
    QCOMPARE(sanitizeHtml(html), html);
}

void TestArticleHtml::documentToHtml()
{
    // A document as the editor builds it: through a cursor, not from HTML.
    QTextDocument document;
    QTextCursor cursor(&document);
    QTextBlockFormat heading;
    heading.setHeadingLevel(1);
    cursor.setBlockFormat(heading);
    QTextCharFormat big;
    big.setFontWeight(QFont::Bold);
    big.setFontPointSize(20);
    cursor.insertText(u"عنوان"_s, big);
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    cursor.insertText(u"متن  "_s);
    QTextCharFormat bold;
    bold.setFontWeight(QFont::Bold);
    cursor.insertText(u"پررنگ"_s, bold);
    QTextCharFormat italic;
    italic.setFontItalic(true);
    italic.setFontUnderline(true);
    cursor.insertText(u" و کج"_s, italic);
    QTextCharFormat link;
    link.setAnchor(true);
    link.setAnchorHref(u"https://icc.ir/a?b=1&c=2"_s);
    cursor.insertText(u" "_s, QTextCharFormat());
    cursor.insertText(u"پیوند"_s, link);
    QTextCharFormat code;
    code.setFontFixedPitch(true);
    cursor.insertText(u" "_s, QTextCharFormat());
    cursor.insertText(u"ls -la"_s, code);
    cursor.insertText(QString(QChar::LineSeparator) + u"خط دوم\t"_s, QTextCharFormat());
    QTextImageFormat image;
    image.setName(u"daftar-media:9"_s);
    image.setWidth(320);
    image.setProperty(QTextFormat::ImageAltText, u"عکس"_s);
    cursor.insertImage(image);
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    QTextListFormat bullets;
    bullets.setStyle(QTextListFormat::ListDisc);
    QTextList *list = cursor.createList(bullets);
    cursor.insertText(u"یک"_s);
    cursor.insertBlock();
    cursor.insertText(u"دو"_s);
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    QTextBlockFormat quote;
    quote.setProperty(QTextFormat::BlockQuoteLevel, 1);
    cursor.setBlockFormat(quote);
    cursor.insertText(u"نقل"_s);
    QVERIFY(list->count() == 2);
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    QTextTableFormat tableFormat;
    QTextTable *table = cursor.insertTable(2, 2, tableFormat);
    table->cellAt(0, 0).firstCursorPosition().insertText(u"الف"_s);
    table->cellAt(1, 1).firstCursorPosition().insertText(u"ب"_s);
    table->mergeCells(0, 0, 1, 2);

    QCOMPARE(htmlFromDocument(document),
        u"<h2>عنوان</h2>\n"
        u"<p>متن <strong>پررنگ</strong><em><u> و کج</u></em> <a "
        u"href=\"https://icc.ir/a?b=1&amp;c=2\">پیوند</a> <code>ls -la</code><br>خط دوم <img "
        u"src=\"daftar-media:9\" alt=\"عکس\" width=\"320\"></p>\n"
        u"<ul><li>یک</li><li>دو</li></ul>\n"
        u"<blockquote><p>نقل</p></blockquote>\n"
        u"<table><tbody><tr><td colspan=\"2\">الف</td></tr><tr><td></td><td>ب</td></tr></tbody></table>"_s);
}

void TestArticleHtml::documentDirectionAndIsolates()
{
    QTextDocument document;
    QTextCursor cursor(&document);
    QTextBlockFormat ltr;
    ltr.setLayoutDirection(Qt::LeftToRight);
    cursor.setBlockFormat(ltr);
    cursor.insertText(u"English paragraph"_s);
    QTextBlockFormat rtl;
    rtl.setLayoutDirection(Qt::RightToLeft);
    cursor.insertBlock(rtl);
    cursor.insertText(u"فارسی با \u2068(Qt WebEngine 6.4)\u2069 و \u2066C++\u2069"_s);
    cursor.insertBlock(QTextBlockFormat());
    cursor.insertText(u"خودکار \u2068نیمه"_s);
    QCOMPARE(htmlFromDocument(document),
        u"<p dir=\"ltr\">English paragraph</p>\n"
        u"<p dir=\"rtl\">فارسی با <bdi>(Qt WebEngine 6.4)</bdi> و <span "
        u"dir=\"ltr\">C++</span></p>\n"
        u"<p>خودکار <bdi>نیمه</bdi></p>"_s);
}

void TestArticleHtml::loadSetsEditorFormats()
{
    QTextDocument document;
    loadIntoDocument(
        u"<h3 dir=\"ltr\">Title</h3><p>یک <strong>دو</strong> <bdi>Qt</bdi><br>سه</p><ol><li>a<ul><li>b</li></ul></li></ol><blockquote><p>q</p></blockquote><pre>x\ny</pre>"_s,
        document);
    QTextBlock block = document.begin();
    QCOMPARE(block.text(), u"Title"_s);
    QCOMPARE(block.blockFormat().headingLevel(), 3);
    QCOMPARE(block.blockFormat().layoutDirection(), Qt::LeftToRight);
    block = block.next();
    QCOMPARE(block.text(), u"یک دو \u2068Qt\u2069\u2028سه"_s);
    QCOMPARE(block.blockFormat().layoutDirection(), Qt::LayoutDirectionAuto);
    bool sawBold = false;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        if (it.fragment().text() == u"دو")
            sawBold = it.fragment().charFormat().fontWeight() == QFont::Bold;
    }
    QVERIFY(sawBold);
    block = block.next();
    QVERIFY(block.textList());
    QCOMPARE(block.textList()->format().style(), QTextListFormat::ListDecimal);
    const QTextList *outer = block.textList();
    block = block.next();
    QVERIFY(block.textList() && block.textList() != outer);
    QCOMPARE(block.textList()->format().indent(), 2);
    block = block.next();
    QCOMPARE(block.text(), u"q"_s);
    QCOMPARE(block.blockFormat().intProperty(QTextFormat::BlockQuoteLevel), 1);
    QVERIFY(!block.textList());
    block = block.next();
    QCOMPARE(block.text(), u"x"_s);
    QVERIFY(block.blockFormat().nonBreakableLines());
    QCOMPARE(block.next().text(), u"y"_s);
    QVERIFY(!block.next().next().isValid());
}

void TestArticleHtml::loadIsOneUndoStep()
{
    QTextDocument document;
    loadIntoDocument(u"<p>اول</p>"_s, document);
    document.clearUndoRedoStacks();
    loadIntoDocument(
        u"<h2>دوم</h2><table><tr><td>x</td></tr></table><ul><li>y</li></ul>"_s, document);
    QCOMPARE(htmlFromDocument(document),
        u"<h2>دوم</h2>\n<table><tbody><tr><td>x</td></tr></tbody></table>\n<ul><li>y</li></ul>"_s);
    document.undo();
    QCOMPARE(htmlFromDocument(document), u"<p>اول</p>"_s);
    QVERIFY(!document.isUndoAvailable());
}

void TestArticleHtml::roundTrip_data()
{
    QTest::addColumn<QString>("html");

    QTest::addRow("seed article") << seedBody();
    QTest::addRow("formatting")
        << u"<p>a <strong>b <em>c</em></strong><em> d</em> <u>e</u> <s>f</s> <code>g</code> H<sub>2</sub>O x<sup>3</sup></p>"_s;
    QTest::addRow("links and images")
        << u"<p><a href=\"https://icc.ir/?a=1&amp;b=2\" title=\"خانه\">پیوند <strong>مهم</strong></a> و <a href=\"/x\"><img src=\"daftar-media:2\" alt=\"\" width=\"40\" height=\"30\"></a> <img src=\"https://icc.ir/a.png\"></p>"_s;
    QTest::addRow("headings") << u"<h2>a</h2><h3 dir=\"ltr\">b</h3><h4>c <em>d</em></h4>"_s;
    QTest::addRow("breaks and spaces") << u"<p>a<br><br>b&nbsp;&nbsp;c</p>"_s;
    QTest::addRow("directions and isolates")
        << u"<p dir=\"rtl\">متن <span dir=\"ltr\">(Qt 6.4)</span> و <bdi>x <span dir=\"rtl\">y</span></bdi></p><p dir=\"ltr\">English <bdi>فارسی</bdi> <span dir=\"rtl\">ب</span></p>"_s;
    QTest::addRow("isolate with mixed formatting")
        << u"<p>a <bdi><strong>b</strong> c</bdi> <strong>d <bdi>e</bdi></strong> <a href=\"/q\"><bdi>f</bdi></a></p>"_s;
    QTest::addRow("lists")
        << u"<ul><li>a</li><li dir=\"ltr\">b<ol><li>c</li><li>d<ul><li>e</li></ul></li></ol></li><li>f</li></ul><ol><li>g</li></ol><ul><li><ul><li>h</li></ul></li></ul>"_s;
    QTest::addRow("two lists in a row") << u"<ul><li>a</li></ul><ul><li>b</li></ul>"_s;
    QTest::addRow("quotes")
        << u"<blockquote><p>a</p><blockquote><p>b</p><ul><li>c</li></ul></blockquote><p dir=\"ltr\">d</p><h3>e</h3></blockquote><p>f</p><blockquote><pre>g</pre></blockquote>"_s;
    QTest::addRow("preformatted")
        << u"<pre>  int x;\n\n\ty();\n&lt;b&gt;</pre><pre dir=\"ltr\">z</pre>"_s;
    QTest::addRow("rule") << u"<p>a</p><hr><blockquote><hr></blockquote>"_s;
    QTest::addRow("table")
        << u"<table dir=\"rtl\"><thead><tr><th>سر</th><th colspan=\"2\">ستون</th></tr></thead><tbody><tr><td rowspan=\"2\">a</td><td dir=\"ltr\">b</td><td><p>c</p><p>d</p></td></tr><tr><td></td><th>e</th></tr></tbody></table>"_s;
    QTest::addRow("table in a quote and nested table")
        << u"<blockquote><table><tbody><tr><td>a</td></tr></tbody></table></blockquote><table><tbody><tr><td><p>b</p><table><tbody><tr><td>c</td></tr></tbody></table></td></tr></tbody></table>"_s;
    QTest::addRow("lists and quotes in a cell")
        << u"<table><tbody><tr><td><ul><li>a</li></ul><blockquote><p>b</p></blockquote></td><th><ol><li>c</li></ol></th></tr></tbody></table>"_s;
    QTest::addRow("header rows only") << u"<table><thead><tr><th>a</th></tr></thead></table>"_s;
    QTest::addRow("figures")
        << u"<figure><img src=\"daftar-media:4\" alt=\"الف\"><figcaption>زیرنویس <em>تصویر</em></figcaption></figure><figure dir=\"ltr\"><img src=\"daftar-media:5\"><figcaption dir=\"rtl\">ب</figcaption></figure><figure><img src=\"daftar-media:6\"></figure><figure><figcaption>فقط زیرنویس</figcaption></figure>"_s;
    QTest::addRow("tables next to each other")
        << u"<table><tbody><tr><td>a</td></tr></tbody></table><table><tbody><tr><td>b</td></tr></tbody></table>"_s;
    QTest::addRow("empty-looking text") << u"<p>\u200c</p><p>a\u200cb \u200e c</p>"_s;
    QTest::addRow("web page") << testData(u"paste-web.html"_s);
    QTest::addRow("word") << testData(u"paste-word.html"_s);
    QTest::addRow("libreoffice") << testData(u"paste-libreoffice.html"_s);
}

void TestArticleHtml::roundTrip()
{
    QFETCH(QString, html);
    QVERIFY(!html.isEmpty());
    const QString sanitized = sanitizeHtml(html);
    QCOMPARE(throughEditor(html), sanitized);
    QCOMPARE(throughEditor(sanitized), sanitized);
}

void TestArticleHtml::roundTripOfGeneratedFragments()
{
    FragmentGenerator generator(13980903);
    for (int i = 0; i < 300; ++i) {
        const QString input = generator.fragment();
        const QString sanitized = sanitizeHtml(input);
        const QString loaded = throughEditor(input);
        if (loaded != sanitized)
            qWarning().noquote() << "input:" << input << "\nsanitized:" << sanitized
                                 << "\nloaded:   " << loaded;
        QCOMPARE(loaded, sanitized);
    }
}

QTEST_MAIN(TestArticleHtml)
#include "TestArticleHtml.moc"
