#include "importing/TextDecoding.h"

#include <QStringEncoder>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace daftar::importing;

namespace {

const QString persianSample
    = u"نام خانوادگی: پژوهش‌گر چگونه، کیوان؟"_s;

QByteArray bytes(std::initializer_list<int> values)
{
    QByteArray out;
    for (const int v : values)
        out.append(char(v));
    return out;
}

QByteArray utf16(const QString &text, QStringConverter::Encoding encoding, bool bom)
{
    QStringEncoder encoder(
        encoding, bom ? QStringConverter::Flag::WriteBom : QStringConverter::Flag::Default);
    return encoder.encode(text);
}

// Decodes in pieces of `step` bytes, as a file read in chunks would arrive.
QString decodeInPieces(TextDecoder &decoder, const QByteArray &data, qsizetype step)
{
    QString text;
    for (qsizetype at = 0; at < data.size(); at += step)
        text += decoder.decode(QByteArrayView(data).sliced(at, std::min(step, data.size() - at)));
    return text + decoder.flush();
}

} // namespace

class TestTextDecoding : public QObject
{
    Q_OBJECT

private slots:
    void namesRoundTrip();
    void namesAcceptAliases_data();
    void namesAcceptAliases();
    void detection_data();
    void detection();
    void windows1256KeyBytes_data();
    void windows1256KeyBytes();
    void windows1256TableIsOneToOne();
    void windows1256EncodesLikeWindows();
    void utf8SplitAcrossChunks();
    void utf16SplitAcrossChunks_data();
    void utf16SplitAcrossChunks();
    void autoDecidesFromFirstChunk();
    void invalidUtf8IsReported();
    void truncatedUtf8AtEndIsReported();
    void oddUtf16LengthIsReported();
};

void TestTextDecoding::namesRoundTrip()
{
    for (const Encoding e :
        {Encoding::Auto, Encoding::Utf8, Encoding::Utf16, Encoding::Windows1256}) {
        QCOMPARE(encodingFromName(encodingName(e)), e);
    }
}

void TestTextDecoding::namesAcceptAliases_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("expected"); // -1: not a name

    QTest::newRow("utf8") << u"utf8"_s << int(Encoding::Utf8);
    QTest::newRow("UTF-8") << u"UTF-8"_s << int(Encoding::Utf8);
    QTest::newRow("utf16") << u"utf16"_s << int(Encoding::Utf16);
    QTest::newRow("cp1256") << u"cp1256"_s << int(Encoding::Windows1256);
    QTest::newRow("Windows-1256") << u"Windows-1256"_s << int(Encoding::Windows1256);
    QTest::newRow("padded") << u" auto "_s << int(Encoding::Auto);
    QTest::newRow("latin1") << u"latin1"_s << -1;
    QTest::newRow("empty") << QString() << -1;
}

void TestTextDecoding::namesAcceptAliases()
{
    QFETCH(QString, name);
    QFETCH(int, expected);
    const std::optional<Encoding> found = encodingFromName(name);
    if (expected < 0)
        QVERIFY(!found);
    else
        QCOMPARE(found, Encoding(expected));
}

void TestTextDecoding::detection_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("encoding");
    QTest::addColumn<bool>("hadBom");

    const QString csv = u"کد ملی,نام\r\n0012345678,علی\r\n"_s;
    QTest::newRow("utf-8 with BOM")
        << "\xEF\xBB\xBF"_ba + csv.toUtf8() << int(Encoding::Utf8) << true;
    QTest::newRow("utf-8") << csv.toUtf8() << int(Encoding::Utf8) << false;
    QTest::newRow("ascii") << "id,name\n1,Ali\n"_ba << int(Encoding::Utf8) << false;
    QTest::newRow("empty") << QByteArray() << int(Encoding::Utf8) << false;
    QTest::newRow("utf-8 cut inside a letter")
        << csv.toUtf8().chopped(1) << int(Encoding::Utf8) << false;
    QTest::newRow("utf-16 LE with BOM")
        << utf16(csv, QStringConverter::Utf16LE, true) << int(Encoding::Utf16) << true;
    QTest::newRow("utf-16 BE with BOM")
        << utf16(csv, QStringConverter::Utf16BE, true) << int(Encoding::Utf16) << true;
    QTest::newRow("utf-16 LE without BOM")
        << utf16(csv, QStringConverter::Utf16LE, false) << int(Encoding::Utf16) << false;
    QTest::newRow("utf-16 BE without BOM")
        << utf16(csv, QStringConverter::Utf16BE, false) << int(Encoding::Utf16) << false;
    QTest::newRow("windows-1256") << encodeWindows1256(csv) << int(Encoding::Windows1256) << false;
    QTest::newRow("overlong utf-8 is not utf-8")
        << bytes({'a', 0xC0, 0xAF}) << int(Encoding::Windows1256) << false;
    QTest::newRow("utf-8 surrogate is not utf-8")
        << bytes({0xED, 0xA0, 0x80, 'a'}) << int(Encoding::Windows1256) << false;
}

void TestTextDecoding::detection()
{
    QFETCH(QByteArray, head);
    QFETCH(int, encoding);
    QFETCH(bool, hadBom);
    const DetectedEncoding detected = detectEncoding(head);
    QCOMPARE(int(detected.encoding), encoding);
    QCOMPARE(detected.hadBom, hadBom);
}

void TestTextDecoding::windows1256KeyBytes_data()
{
    QTest::addColumn<int>("byte");
    QTest::addColumn<int>("unicode");

    QTest::newRow("pe") << 0x81 << 0x067E;
    QTest::newRow("che") << 0x8D << 0x0686;
    QTest::newRow("zhe") << 0x8E << 0x0698;
    QTest::newRow("gaf") << 0x90 << 0x06AF;
    QTest::newRow("keheh (Persian kaf)") << 0x98 << 0x06A9;
    QTest::newRow("ZWNJ") << 0x9D << 0x200C;
    QTest::newRow("ZWJ") << 0x9E << 0x200D;
    QTest::newRow("Arabic kaf") << 0xDF << 0x0643;
    QTest::newRow("alef maksura") << 0xEC << 0x0649;
    QTest::newRow("Arabic yeh") << 0xED << 0x064A;
    QTest::newRow("alef") << 0xC7 << 0x0627;
    QTest::newRow("alef madda") << 0xC2 << 0x0622;
    QTest::newRow("heh") << 0xE5 << 0x0647;
    QTest::newRow("tatweel") << 0xDC << 0x0640;
    QTest::newRow("Arabic comma") << 0xA1 << 0x060C;
    QTest::newRow("Arabic semicolon") << 0xBA << 0x061B;
    QTest::newRow("Arabic question mark") << 0xBF << 0x061F;
    QTest::newRow("euro") << 0x80 << 0x20AC;
    QTest::newRow("multiplication") << 0xD7 << 0x00D7;
    QTest::newRow("e acute") << 0xE9 << 0x00E9;
    QTest::newRow("LRM") << 0xFD << 0x200E;
    QTest::newRow("RLM") << 0xFE << 0x200F;
    QTest::newRow("yeh barree") << 0xFF << 0x06D2;
    QTest::newRow("ASCII") << 0x41 << 0x41;
}

void TestTextDecoding::windows1256KeyBytes()
{
    QFETCH(int, byte);
    QFETCH(int, unicode);
    TextDecoder decoder(Encoding::Windows1256);
    const QString text = decoder.decode(bytes({byte}));
    QCOMPARE(text.size(), 1);
    QCOMPARE(int(text.at(0).unicode()), unicode);
    QVERIFY(!decoder.hadErrors());
}

void TestTextDecoding::windows1256TableIsOneToOne()
{
    QByteArray all;
    for (int byte = 0; byte < 256; ++byte)
        all.append(char(byte));
    TextDecoder decoder(Encoding::Windows1256);
    const QString text = decoder.decode(all);
    QCOMPARE(text.size(), 256);
    QCOMPARE(encodeWindows1256(text), all);
}

void TestTextDecoding::windows1256EncodesLikeWindows()
{
    // Persian yeh has no byte and comes back as Arabic yeh; Persian kaf has one.
    QCOMPARE(encodeWindows1256(u"کریمی"_s), bytes({0x98, 0xD1, 0xED, 0xE3, 0xED}));
    QCOMPARE(encodeWindows1256(u"۰۹۱۲"_s), "0912"_ba);
    QCOMPARE(encodeWindows1256(u"a😀b中"_s), "a?b?"_ba);

    TextDecoder decoder(Encoding::Windows1256);
    QCOMPARE(decoder.decode(encodeWindows1256(persianSample)),
        QString(persianSample).replace(u'ی', u'ي'));
}

void TestTextDecoding::utf8SplitAcrossChunks()
{
    const QByteArray data = persianSample.toUtf8();
    for (const qsizetype step : {1, 2, 3, 5, 7}) {
        TextDecoder decoder(Encoding::Utf8);
        QCOMPARE(decodeInPieces(decoder, data, step), persianSample);
        QVERIFY(!decoder.hadErrors());
    }
}

void TestTextDecoding::utf16SplitAcrossChunks_data()
{
    QTest::addColumn<QByteArray>("data");
    const QString text = persianSample + u" 😀 1234"_s;
    QTest::newRow("LE with BOM") << utf16(text, QStringConverter::Utf16LE, true);
    QTest::newRow("BE with BOM") << utf16(text, QStringConverter::Utf16BE, true);
    QTest::newRow("LE without BOM") << utf16(text, QStringConverter::Utf16LE, false);
    QTest::newRow("BE without BOM") << utf16(text, QStringConverter::Utf16BE, false);
}

void TestTextDecoding::utf16SplitAcrossChunks()
{
    QFETCH(QByteArray, data);
    const QString text = persianSample + u" 😀 1234"_s;
    for (const qsizetype step : {1, 3, 64}) {
        TextDecoder decoder(Encoding::Utf16);
        // Pieces of one byte give the decoder no zero bytes to go by; the whole
        // first piece must, so it gets a generous one.
        QString decoded = decoder.decode(QByteArrayView(data).first(40));
        decoded += decodeInPieces(decoder, data.mid(40), step);
        QCOMPARE(decoded, text);
        QVERIFY(!decoder.hadErrors());
    }
}

void TestTextDecoding::autoDecidesFromFirstChunk()
{
    TextDecoder utf8(Encoding::Auto);
    QCOMPARE(utf8.decode("\xEF\xBB\xBF"_ba + persianSample.toUtf8()), persianSample);
    QCOMPARE(utf8.encoding(), Encoding::Utf8);

    TextDecoder windows(Encoding::Auto);
    QCOMPARE(windows.encoding(), Encoding::Auto);
    QCOMPARE(windows.decode(encodeWindows1256(u"گل"_s)), u"گل"_s);
    QCOMPARE(windows.encoding(), Encoding::Windows1256);
}

void TestTextDecoding::invalidUtf8IsReported()
{
    TextDecoder decoder(Encoding::Utf8);
    const QString text = decoder.decode(bytes({'a', 0xFF, 'b'})) + decoder.flush();
    QCOMPARE(text, u"a\uFFFDb"_s);
    QVERIFY(decoder.hadErrors());
}

void TestTextDecoding::truncatedUtf8AtEndIsReported()
{
    TextDecoder decoder(Encoding::Utf8);
    QCOMPARE(decoder.decode(u"ab"_s.toUtf8() + bytes({0xD9})), u"ab"_s);
    QVERIFY(!decoder.hadErrors());
    QCOMPARE(decoder.flush(), u"\uFFFD"_s);
    QVERIFY(decoder.hadErrors());

    TextDecoder whole(Encoding::Utf8);
    whole.decode(u"😀"_s.toUtf8());
    QCOMPARE(whole.flush(), QString());
    QVERIFY(!whole.hadErrors());
}

void TestTextDecoding::oddUtf16LengthIsReported()
{
    TextDecoder decoder(Encoding::Utf16);
    decoder.decode(utf16(u"ab"_s, QStringConverter::Utf16LE, true) + bytes({'c'}));
    QCOMPARE(decoder.flush(), u"\uFFFD"_s);
    QVERIFY(decoder.hadErrors());
}

QTEST_GUILESS_MAIN(TestTextDecoding)
#include "TestTextDecoding.moc"
