#include "importing/TableReader.h"
#include "importing/XlsxWriter.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <xlsxwriter.h>
#include <zlib.h>

using namespace Qt::StringLiterals;
using namespace daftar;
using namespace daftar::importing;

namespace {

struct Table
{
    Result<TableInfo> result;
    QList<qint64> numbers;
    QList<QStringList> rows;
};

Table readAll(const QString &path, Encoding encoding = Encoding::Auto, qint64 stopAfter = -1)
{
    QList<qint64> numbers;
    QList<QStringList> rows;
    Result<TableInfo> result
        = readTable(path, encoding, [&](qint64 rowNumber, const QStringList &cells) {
              numbers.append(rowNumber);
              rows.append(cells);
              return stopAfter < 0 || rows.size() < stopAfter;
          });
    return Table {std::move(result), numbers, rows};
}

QByteArray utf16LeWithBom(const QString &text)
{
    QStringEncoder encoder(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
    return encoder.encode(text);
}

void appendLittle16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void appendLittle32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

QByteArray rawDeflate(const QByteArray &data)
{
    z_stream stream {};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray rawInflate(const QByteArray &data, qsizetype size)
{
    z_stream stream {};
    inflateInit2(&stream, -MAX_WBITS);
    QByteArray out(size, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    inflate(&stream, Z_FINISH);
    inflateEnd(&stream);
    return out;
}

// Builds ZIP archives by hand, so that the tests control what a generator
// would never write: stored entries, odd paths, damaged headers.
class ZipBuilder
{
public:
    enum Method : quint16 { Stored = 0, Deflated = 8 };

    void add(
        const QString &name, const QByteArray &data, Method method = Deflated, quint16 flags = 0)
    {
        const QByteArray fileName = name.toUtf8();
        const QByteArray stored = method == Deflated ? rawDeflate(data) : data;
        const auto crc = quint32(
            crc32(0, reinterpret_cast<const Bytef *>(data.constData()), uInt(data.size())));
        const auto offset = quint32(m_archive.size());

        appendLittle32(m_archive, 0x04034b50);
        appendLittle16(m_archive, 20);
        appendLittle16(m_archive, flags);
        appendLittle16(m_archive, method);
        appendLittle32(m_archive, 0); // time and date
        appendLittle32(m_archive, crc);
        appendLittle32(m_archive, quint32(stored.size()));
        appendLittle32(m_archive, quint32(data.size()));
        appendLittle16(m_archive, quint16(fileName.size()));
        appendLittle16(m_archive, 0);
        m_archive += fileName + stored;

        appendLittle32(m_directory, 0x02014b50);
        appendLittle16(m_directory, 20);
        appendLittle16(m_directory, 20);
        appendLittle16(m_directory, flags);
        appendLittle16(m_directory, method);
        appendLittle32(m_directory, 0);
        appendLittle32(m_directory, crc);
        appendLittle32(m_directory, quint32(stored.size()));
        appendLittle32(m_directory, quint32(data.size()));
        appendLittle16(m_directory, quint16(fileName.size()));
        appendLittle32(m_directory, 0); // extra and comment lengths
        appendLittle32(m_directory, 0); // disk, internal attributes
        appendLittle32(m_directory, 0); // external attributes
        appendLittle32(m_directory, offset);
        m_directory += fileName;
        ++m_count;
    }

    QByteArray finish() const
    {
        QByteArray out = m_archive + m_directory;
        appendLittle32(out, 0x06054b50);
        appendLittle32(out, 0); // disk numbers
        appendLittle16(out, m_count);
        appendLittle16(out, m_count);
        appendLittle32(out, quint32(m_directory.size()));
        appendLittle32(out, quint32(m_archive.size()));
        appendLittle16(out, 0);
        return out;
    }

private:
    QByteArray m_archive;
    QByteArray m_directory;
    quint16 m_count = 0;
};

// One part of an XLSX file, for checking what the writer put there.
QByteArray zipPart(const QByteArray &archive, const QString &name)
{
    const auto at = [&](qsizetype offset, int size) {
        return size == 2 ? qFromLittleEndian<quint16>(archive.constData() + offset)
                         : qFromLittleEndian<quint32>(archive.constData() + offset);
    };
    const qsizetype end = archive.lastIndexOf("PK\x05\x06");
    qsizetype entry = at(end + 16, 4);
    for (quint32 i = 0; i < at(end + 10, 2); ++i) {
        const quint32 nameLength = at(entry + 28, 2);
        const QByteArray entryName = archive.mid(entry + 46, nameLength);
        if (entryName == name.toUtf8()) {
            const quint32 local = at(entry + 42, 4);
            const qsizetype data = local + 30 + at(local + 26, 2) + at(local + 28, 2);
            const QByteArray stored = archive.mid(data, at(entry + 20, 4));
            return at(entry + 10, 2) == 0 ? stored : rawInflate(stored, at(entry + 24, 4));
        }
        entry += 46 + nameLength + at(entry + 30, 2) + at(entry + 32, 2);
    }
    return {};
}

// The parts of an XLSX file as some tools write it (tests/data/importing/
// handmade-xlsx): a hidden first sheet, absolute targets, the 1904 date system,
// numbers with exponents, cells without addresses. Tests change parts before
// zipping them.
struct HandMadeWorkbook
{
    QMap<QString, QByteArray> parts;

    HandMadeWorkbook()
    {
        const QDir root(qEnvironmentVariable("DAFTAR_TEST_DATA") + u"/importing/handmade-xlsx"_s);
        QDirIterator it(root.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly))
                qFatal("cannot read the test data in %s", qPrintable(root.path()));
            parts.insert(root.relativeFilePath(file.fileName()), file.readAll());
        }
        if (parts.size() != 9)
            qFatal("the test data in %s is incomplete; is DAFTAR_TEST_DATA set?",
                qPrintable(root.path()));
    }

    QByteArray build(ZipBuilder::Method method) const
    {
        ZipBuilder zip;
        for (auto part = parts.cbegin(); part != parts.cend(); ++part)
            zip.add(part.key(), part.value(), method);
        return zip.finish();
    }
};

} // namespace

class TestTableReader : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void csvUtf8WithBom();
    void csvUtf8WithoutBom();
    void csvUtf16WithBom();
    void csvWindows1256();
    void csvWindows1256AfterLongAsciiStart();
    void csvForcedEncodingOverridesDetection();
    void csvDelimiters_data();
    void csvDelimiters();
    void csvQuotedFields();
    void csvLineEnds_data();
    void csvLineEnds();
    void csvRaggedRowsAndBlankLines();
    void csvChunkBoundaries_data();
    void csvChunkBoundaries();
    void csvCancelStopsEarly();
    void csvUnclosedQuoteIsAnError();

    void missingFileNamesTheFile();
    void emptyFileIsAnError();
    void fileWithoutRowsIsAnError();
    void folderIsAnError();
    void oldExcelFormatIsRecognised();
    void formatFollowsContent();

    void writerRoundTrip();
    void writerMarksHeaderAndDirection();
    void writerReplacesOnlyWhenDone();
    void writerReportsUnwritableFolder();
    void xlsxFromLibxlsxwriter();
    void xlsxHandMade_data();
    void xlsxHandMade();
    void xlsxCancel();
    void xlsxTruncatedIsAnError();
    void xlsxDamagedDataIsAnError();
    void xlsxZip64IsRefused();
    void xlsxEncryptedIsRefused();
    void xlsxWithoutWorksheet();
    void xlsxNotAWorkbook();
    void xlsxEmptySheet();

private:
    QString writeFile(const QString &name, const QByteArray &content);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestTableReader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestTableReader::writeFile(const QString &name, const QByteArray &content)
{
    QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write the test file");
    return path;
}

void TestTableReader::csvUtf8WithBom()
{
    const QString path = writeFile(u"members.csv"_s,
        "\xEF\xBB\xBF"_ba + u"کد ملی,نام,استان\r\n0012345678,علی,تهران\r\n"_s.toUtf8());
    const Table table = readAll(path);
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(table.result->format, u"csv"_s);
    QCOMPARE(table.result->encoding, Encoding::Utf8);
    QVERIFY(table.result->hadBom);
    QCOMPARE(table.result->delimiter, QChar(u','));
    QCOMPARE(table.result->rows, 2);
    QVERIFY(!table.result->cancelled);
    QVERIFY(!table.result->decodingErrors);
    QCOMPARE(table.numbers, (QList<qint64> {1, 2}));
    QCOMPARE(table.rows.at(0), (QStringList {u"کد ملی"_s, u"نام"_s, u"استان"_s}));
    QCOMPARE(table.rows.at(1), (QStringList {u"0012345678"_s, u"علی"_s, u"تهران"_s}));
}

void TestTableReader::csvUtf8WithoutBom()
{
    const QString path = writeFile(u"members.csv"_s, u"نام,شهر\nمریم,کرج\nرضا,قم"_s.toUtf8());
    const Table table = readAll(path);
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(table.result->encoding, Encoding::Utf8);
    QVERIFY(!table.result->hadBom);
    QCOMPARE(table.rows,
        (QList<QStringList> {{u"نام"_s, u"شهر"_s}, {u"مریم"_s, u"کرج"_s}, {u"رضا"_s, u"قم"_s}}));
}

void TestTableReader::csvUtf16WithBom()
{
    // What Excel's "Unicode Text" gives: UTF-16 LE with a BOM, tab-separated.
    const QString path
        = writeFile(u"members.txt"_s, utf16LeWithBom(u"کد ملی\tنام\r\n0012345678\tژیلا 😀\r\n"_s));
    const Table table = readAll(path);
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(table.result->encoding, Encoding::Utf16);
    QVERIFY(table.result->hadBom);
    QCOMPARE(table.result->delimiter, QChar(u'\t'));
    QCOMPARE(
        table.rows, (QList<QStringList> {{u"کد ملی"_s, u"نام"_s}, {u"0012345678"_s, u"ژیلا 😀"_s}}));
}

void TestTableReader::csvWindows1256()
{
    const QString text
        = u"کد ملی,نام و نام‌خانوادگی,استان\r\n"
          u"0012345678,پژمان گلی‌زاده,کهگیلویه و بویراحمد\r\n"
          u"0087654321,\"چکاوک، یاسمی\",آذربایجان غربی\r\n"_s;
    const QString path = writeFile(u"members.csv"_s, encodeWindows1256(text));
    const Table table = readAll(path);
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(table.result->encoding, Encoding::Windows1256);
    QVERIFY(!table.result->hadBom);
    // Windows-1256 has no Persian yeh: it comes back Arabic, for the importer to unify.
    QCOMPARE(table.rows,
        (QList<QStringList> {{u"کد ملي"_s, u"نام و نام‌خانوادگي"_s, u"استان"_s},
            {u"0012345678"_s, u"پژمان گلي‌زاده"_s, u"کهگيلويه و بويراحمد"_s},
            {u"0087654321"_s, u"چکاوک، ياسمي"_s, u"آذربايجان غربي"_s}}));
}

void TestTableReader::csvWindows1256AfterLongAsciiStart()
{
    QByteArray content = "national_code,name,province\r\n"_ba;
    while (content.size() < (qsizetype(3) << 20))
        content += "0012345678,Ali,Tehran\r\n"_ba;
    content += encodeWindows1256(u"0087654321,گلی,کرمان\r\n"_s);
    const Table table = readAll(writeFile(u"members.csv"_s, content));
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(table.result->encoding, Encoding::Windows1256);
    QCOMPARE(table.rows.constLast(), (QStringList {u"0087654321"_s, u"گلي"_s, u"کرمان"_s}));
}

void TestTableReader::csvForcedEncodingOverridesDetection()
{
    const QString text = u"نام\nگلی\n"_s;
    const QString utf8Path = writeFile(u"utf8.csv"_s, text.toUtf8());
    const Table asWindows = readAll(utf8Path, Encoding::Windows1256);
    QVERIFY(asWindows.result.ok());
    QCOMPARE(asWindows.result->encoding, Encoding::Windows1256);
    QCOMPARE(asWindows.rows.size(), 2);
    QVERIFY(asWindows.rows.at(1).at(0) != u"گلی"_s);

    const QString windowsPath = writeFile(u"1256.csv"_s, encodeWindows1256(text));
    const Table asUtf8 = readAll(windowsPath, Encoding::Utf8);
    QVERIFY(asUtf8.result.ok());
    QCOMPARE(asUtf8.result->encoding, Encoding::Utf8);
    QVERIFY(asUtf8.result->decodingErrors);
    QVERIFY(asUtf8.rows.at(1).at(0).contains(QChar::ReplacementCharacter));

    const Table asWindowsAgain = readAll(windowsPath, Encoding::Windows1256);
    QCOMPARE(asWindowsAgain.rows.at(1), QStringList {u"گلي"_s});
    QVERIFY(!asWindowsAgain.result->decodingErrors);
}

void TestTableReader::csvDelimiters_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QStringList>("secondRow");

    QTest::newRow("comma") << "a,b;c,d\n1,2;3,4\n"_ba << u","_s
                           << QStringList {u"1"_s, u"2;3"_s, u"4"_s};
    QTest::newRow("semicolon") << "a;b;c,d\n1;2;3,5\n"_ba << u";"_s
                               << QStringList {u"1"_s, u"2"_s, u"3,5"_s};
    QTest::newRow("tab") << "a\tb\tc;d\n1\t2\t3;4\n"_ba << u"\t"_s
                         << QStringList {u"1"_s, u"2"_s, u"3;4"_s};
    QTest::newRow("tie goes to comma")
        << "a,b;c\n1,2;3\n"_ba << u","_s << QStringList {u"1"_s, u"2;3"_s};
    QTest::newRow("quoted delimiters do not count")
        << "\"a;b;c\",d\n\"1;2\",3\n"_ba << u","_s << QStringList {u"1;2"_s, u"3"_s};
    QTest::newRow("single column") << "name\nAli\n"_ba << u","_s << QStringList {u"Ali"_s};
}

void TestTableReader::csvDelimiters()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, delimiter);
    QFETCH(QStringList, secondRow);
    const Table table = readAll(writeFile(u"table.csv"_s, content));
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(QString(table.result->delimiter), delimiter);
    QCOMPARE(table.rows.at(1), secondRow);
}

void TestTableReader::csvQuotedFields()
{
    const QByteArray content = "name,address,note\r\n"
                               "\"Rezaei, Ali\",\"Line 1\nLine 2\",\"He said \"\"hi\"\"\"\r\n"
                               "\"\",\"a\r\nb\",\"\"\"\"\r\n"
                               "\"quoted\"tail,plain\"quote,\"x\"\r\n"
                               "last,\"multi\n\nline\",end\r\n"
                               "after,multi,line\r\n"_ba;
    const Table table = readAll(writeFile(u"quotes.csv"_s, content));
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(table.rows,
        (QList<QStringList> {{u"name"_s, u"address"_s, u"note"_s},
            {u"Rezaei, Ali"_s, u"Line 1\nLine 2"_s, u"He said \"hi\""_s},
            {QString(), u"a\r\nb"_s, u"\""_s}, {u"quotedtail"_s, u"plain\"quote"_s, u"x"_s},
            {u"last"_s, u"multi\n\nline"_s, u"end"_s}, {u"after"_s, u"multi"_s, u"line"_s}}));
    // A cell over several lines is still one row of the sheet.
    QCOMPARE(table.numbers, (QList<qint64> {1, 2, 3, 4, 5, 6}));
}

void TestTableReader::csvLineEnds_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("LF") << "h1,h2\na,b\nc,d\n"_ba;
    QTest::newRow("CRLF") << "h1,h2\r\na,b\r\nc,d\r\n"_ba;
    QTest::newRow("CR") << "h1,h2\ra,b\rc,d\r"_ba;
    QTest::newRow("mixed") << "h1,h2\r\na,b\rc,d\n"_ba;
    QTest::newRow("no final line end") << "h1,h2\na,b\nc,d"_ba;
    QTest::newRow("trailing empty lines") << "h1,h2\na,b\nc,d\n\n\r\n"_ba;
}

void TestTableReader::csvLineEnds()
{
    QFETCH(QByteArray, content);
    const Table table = readAll(writeFile(u"ends.csv"_s, content));
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(
        table.rows, (QList<QStringList> {{u"h1"_s, u"h2"_s}, {u"a"_s, u"b"_s}, {u"c"_s, u"d"_s}}));
    QCOMPARE(table.numbers, (QList<qint64> {1, 2, 3}));
    QCOMPARE(table.result->rows, 3);
}

void TestTableReader::csvRaggedRowsAndBlankLines()
{
    const QByteArray content = "\nکد,نام,تلفن\n1,a\n\n,,\n2,b,c,extra\n3\n"_ba;
    const Table table = readAll(writeFile(u"ragged.csv"_s, content));
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(table.rows,
        (QList<QStringList> {{u"کد"_s, u"نام"_s, u"تلفن"_s}, {u"1"_s, u"a"_s},
            {u"2"_s, u"b"_s, u"c"_s, u"extra"_s}, {u"3"_s}}));
    QCOMPARE(table.numbers, (QList<qint64> {2, 3, 6, 7}));
}

void TestTableReader::csvChunkBoundaries_data()
{
    QTest::addColumn<int>("padding");
    QTest::addColumn<bool>("utf16");
    // The repeated row is 18 bytes in UTF-8 and 14 characters in UTF-16; each
    // padding puts the 1 MiB chunk boundary at another place in it: inside a
    // quote pair, a Persian letter, a quoted or a final CR LF.
    for (int padding = 0; padding < 18; ++padding)
        QTest::addRow("utf-8, padding %d", padding) << padding << false;
    for (int padding = 0; padding < 14; ++padding)
        QTest::addRow("utf-16, padding %d", padding) << padding << true;
}

void TestTableReader::csvChunkBoundaries()
{
    QFETCH(int, padding);
    QFETCH(bool, utf16);
    const QString row = u"\"x\"\"y\",پژ,\"\r\n\"\r\n"_s;
    QString text = u"h1,h2,h3\n"_s + QString(padding, u'p') + u"\n"_s;
    qsizetype rows = 0;
    while (text.size() < 1100 * 1024 / (utf16 ? 2 : 1)) {
        text += row;
        ++rows;
    }
    const QByteArray content = utf16 ? utf16LeWithBom(text) : text.toUtf8();
    const Table table = readAll(writeFile(u"chunks.csv"_s, content));
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(table.rows.size(), rows + 2 - (padding == 0 ? 1 : 0));
    const QStringList expected {u"x\"y"_s, u"پژ"_s, u"\r\n"_s};
    for (qsizetype i = table.rows.size() - rows; i < table.rows.size(); ++i) {
        if (table.rows.at(i) != expected)
            QFAIL(qPrintable(u"row %1 is %2"_s.arg(i).arg(table.rows.at(i).join(u'|'))));
    }
    QCOMPARE(table.numbers.constLast(), rows + 2);
}

void TestTableReader::csvCancelStopsEarly()
{
    QByteArray content = "code,name\n"_ba;
    for (int i = 0; i < 100000; ++i)
        content += QByteArray::number(i).rightJustified(10, '0') + u",عضو\n"_s.toUtf8();
    const QString path = writeFile(u"big.csv"_s, content);
    int calls = 0;
    const Result<TableInfo> result = readTable(
        path, Encoding::Auto, [&](qint64, const QStringList &) { return ++calls < 10; });
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(calls, 10);
    QCOMPARE(result->rows, 10);
    QVERIFY(result->cancelled);
}

void TestTableReader::csvUnclosedQuoteIsAnError()
{
    const QString path = writeFile(u"quote.csv"_s, "a,b\n1,2\n3,\"never closed\n4,5\n"_ba);
    const Table table = readAll(path);
    QVERIFY(!table.result.ok());
    QCOMPARE(table.result.error().kind, Error::Kind::Invalid);
    QVERIFY2(
        table.result.errorMessage().contains(u"Row 3"_s), qPrintable(table.result.errorMessage()));
    QVERIFY(table.result.errorMessage().contains(QDir::toNativeSeparators(path)));
}

void TestTableReader::missingFileNamesTheFile()
{
    const QString path = m_dir->filePath(u"اعضای تهران.csv"_s);
    const Table table = readAll(path);
    QVERIFY(!table.result.ok());
    QCOMPARE(table.result.error().kind, Error::Kind::NotFound);
    QVERIFY(table.result.errorMessage().contains(QDir::toNativeSeparators(path)));
}

void TestTableReader::emptyFileIsAnError()
{
    const QString path = writeFile(u"empty.csv"_s, QByteArray());
    const Table table = readAll(path);
    QVERIFY(!table.result.ok());
    QVERIFY(table.result.errorMessage().contains(u"empty"_s));
    QVERIFY(table.result.errorMessage().contains(QDir::toNativeSeparators(path)));
}

void TestTableReader::fileWithoutRowsIsAnError()
{
    const QString path = writeFile(u"blank.csv"_s, "\xEF\xBB\xBF\r\n,,\r\n\r\n"_ba);
    const Table table = readAll(path);
    QVERIFY(!table.result.ok());
    QVERIFY(table.result.errorMessage().contains(u"no rows"_s));
}

void TestTableReader::folderIsAnError()
{
    const Table table = readAll(m_dir->path());
    QVERIFY(!table.result.ok());
    QVERIFY(table.result.errorMessage().contains(QDir::toNativeSeparators(m_dir->path())));
}

void TestTableReader::oldExcelFormatIsRecognised()
{
    const QString path = writeFile(
        u"members.xls"_s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"_ba + QByteArray(512, '\0'));
    const Table table = readAll(path);
    QVERIFY(!table.result.ok());
    QVERIFY(table.result.errorMessage().contains(u"97-2003"_s));
}

void TestTableReader::formatFollowsContent()
{
    const QByteArray workbook = HandMadeWorkbook().build(ZipBuilder::Deflated);
    for (const QString &name : {u"members.dat"_s, u"members.csv"_s}) {
        const Table table = readAll(writeFile(name, workbook));
        QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
        QCOMPARE(table.result->format, u"xlsx"_s);
    }
    const Table csv = readAll(writeFile(u"members.dat"_s, "a;b\n1;2\n"_ba));
    QVERIFY(csv.result.ok());
    QCOMPARE(csv.result->format, u"csv"_s);

    const Table misnamed = readAll(writeFile(u"members.xlsx"_s, "a,b\n1,2\n"_ba));
    QVERIFY(!misnamed.result.ok());
    QVERIFY(misnamed.result.errorMessage().contains(u"members.xlsx"_s));
}

void TestTableReader::writerRoundTrip()
{
    const QStringList header {u"کد ملی"_s, u"نام"_s, u"نام خانوادگی"_s, u"توضیح"_s};
    QList<QStringList> rows;
    for (int i = 0; i < 3000; ++i) {
        rows.append({QString::number(i).rightJustified(10, u'0'), u"علی"_s,
            i % 7 == 0 ? QString() : u"رضایی"_s, u"سطر %1\nدوم & <سوم>"_s.arg(i)});
    }
    rows.append({u"0000000001"_s, QString(), QString(), u"  spaced  "_s});
    // Text that looks like Excel's escapes, and control characters that need them.
    rows.append({u"_x0041_"_s, u"a\u0001b\tc"_s, u"cr\r\nlf"_s, u"x_x00_x_x1234_"_s});
    qsizetype next = 0;
    const QString path = m_dir->filePath(u"export.xlsx"_s);
    const Status written = writeXlsx(
        path, header,
        [&](QStringList &row) {
            if (next == rows.size())
                return false;
            row = rows.at(next++);
            return true;
        },
        u"اعضا"_s, true);
    QVERIFY2(written.ok(), qPrintable(written.errorMessage()));

    const Table table = readAll(path);
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(table.result->format, u"xlsx"_s);
    QCOMPARE(table.result->sheetName, u"اعضا"_s);
    QCOMPARE(table.result->rows, rows.size() + 1);
    QCOMPARE(table.rows.at(0), header);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QStringList expected = rows.at(i);
        while (expected.constLast().isEmpty())
            expected.removeLast();
        QCOMPARE(table.rows.at(i + 1), expected);
        QCOMPARE(table.numbers.at(i + 1), i + 2);
    }
}

void TestTableReader::writerMarksHeaderAndDirection()
{
    const QString path = m_dir->filePath(u"export.xlsx"_s);
    const QString longName = u"a/b:c*d?e[f]g\\h and a much longer tail"_s;
    bool given = false;
    const auto oneRow = [&](QStringList &row) {
        row = QStringList {u"0012345678"_s, u"a rather long piece of text for the width"_s};
        return !std::exchange(given, true);
    };
    QVERIFY(writeXlsx(path, {u"code"_s, u"text"_s}, oneRow, longName, true).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray archive = file.readAll();
    const QByteArray sheet = zipPart(archive, u"xl/worksheets/sheet1.xml"_s);
    QVERIFY(sheet.contains("rightToLeft=\"1\""));
    QVERIFY(sheet.contains("<pane ySplit=\"1\""));
    QVERIFY(sheet.contains("<cols>"));
    QVERIFY(sheet.contains("t=\"inlineStr\""));
    QVERIFY(!sheet.contains("<v>12345678</v>"));
    QVERIFY(zipPart(archive, u"xl/styles.xml"_s).contains("<b/>"));

    const Table table = readAll(path);
    QVERIFY(table.result.ok());
    QCOMPARE(table.result->sheetName, u"a_b_c_d_e_f_g_h and a much long"_s);
    QCOMPARE(table.rows.at(1).at(0), u"0012345678"_s);

    given = false;
    QVERIFY(writeXlsx(path, {u"code"_s}, oneRow, u"Sheet"_s, false).ok());
    QFile again(path);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QVERIFY(!zipPart(again.readAll(), u"xl/worksheets/sheet1.xml"_s).contains("rightToLeft"));
}

void TestTableReader::writerReplacesOnlyWhenDone()
{
    const QString path = writeFile(u"export.xlsx"_s, "earlier export"_ba);
    const QString tooLong(40000, u'x');
    bool given = false;
    const Status failed = writeXlsx(
        path, {u"a"_s},
        [&](QStringList &row) {
            row = QStringList {tooLong};
            return !std::exchange(given, true);
        },
        u"Sheet"_s, false);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.errorMessage().contains(u"32,767"_s), qPrintable(failed.errorMessage()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), "earlier export"_ba);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 1);

    const Status replaced = writeXlsx(
        path, {u"a"_s}, [](QStringList &) { return false; }, u"Sheet"_s, false);
    QVERIFY2(replaced.ok(), qPrintable(replaced.errorMessage()));
    QVERIFY(readAll(path).result.ok());
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 1);
}

void TestTableReader::writerReportsUnwritableFolder()
{
    const QString path = m_dir->filePath(u"no such folder/export.xlsx"_s);
    const Status written = writeXlsx(
        path, {u"a"_s}, [](QStringList &) { return false; }, u"Sheet"_s, false);
    QVERIFY(!written.ok());
    QVERIFY(written.errorMessage().contains(QDir::toNativeSeparators(path)));
}

void TestTableReader::xlsxFromLibxlsxwriter()
{
    const QString path = m_dir->filePath(u"direct.xlsx"_s);
    lxw_workbook *workbook = workbook_new(QFile::encodeName(path).constData());
    QVERIFY(workbook);
    lxw_worksheet *members = workbook_add_worksheet(workbook, "اعضا");
    lxw_worksheet *second = workbook_add_worksheet(workbook, "Second");
    lxw_format *isoDate = workbook_add_format(workbook);
    format_set_num_format(isoDate, "yyyy-mm-dd");
    lxw_format *shortDate = workbook_add_format(workbook);
    format_set_num_format_index(shortDate, 14);
    lxw_format *bold = workbook_add_format(workbook);
    format_set_bold(bold);

    worksheet_write_string(members, 0, 0, "کد ملی", bold);
    worksheet_write_string(members, 0, 1, "عدد", nullptr);
    worksheet_write_string(members, 0, 2, "تاریخ", nullptr);
    worksheet_write_string(members, 0, 3, "نام", nullptr);
    worksheet_write_number(members, 1, 0, 12345678, nullptr);
    worksheet_write_number(members, 1, 1, 3.25, nullptr);
    lxw_datetime spring {2024, 3, 20, 0, 0, 0};
    worksheet_write_datetime(members, 1, 2, &spring, isoDate);
    worksheet_write_string(members, 1, 3, "علی", nullptr);
    // Row 3: the second and third cells are empty.
    worksheet_write_string(members, 2, 0, "0012345678", nullptr);
    worksheet_write_string(members, 2, 3, "علی", nullptr);
    lxw_rich_string_tuple first {bold, const_cast<char *>("کیوان ")};
    lxw_rich_string_tuple rest {nullptr, const_cast<char *>("پورمحمدی")};
    lxw_rich_string_tuple *rich[] = {&first, &rest, nullptr};
    worksheet_write_rich_string(members, 3, 3, rich, nullptr);
    worksheet_write_number(members, 3, 0, 1234567890123.0, nullptr);
    worksheet_write_boolean(members, 3, 1, 1, nullptr);
    lxw_datetime autumn {1998, 11, 24, 13, 30, 0};
    worksheet_write_datetime(members, 3, 2, &autumn, shortDate);
    // Row 5 left out; row 6 reuses a shared string.
    worksheet_write_string(members, 5, 3, "علی", nullptr);
    worksheet_write_string(second, 0, 0, "not this sheet", nullptr);
    QCOMPARE(workbook_close(workbook), LXW_NO_ERROR);

    const Table table = readAll(path);
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(table.result->sheetName, u"اعضا"_s);
    QCOMPARE(table.rows,
        (QList<QStringList> {{u"کد ملی"_s, u"عدد"_s, u"تاریخ"_s, u"نام"_s},
            {u"12345678"_s, u"3.25"_s, u"2024-03-20"_s, u"علی"_s},
            {u"0012345678"_s, QString(), QString(), u"علی"_s},
            {u"1234567890123"_s, u"TRUE"_s, u"1998-11-24"_s, u"کیوان پورمحمدی"_s},
            {QString(), QString(), QString(), u"علی"_s}}));
    QCOMPARE(table.numbers, (QList<qint64> {1, 2, 3, 4, 6}));
}

void TestTableReader::xlsxHandMade_data()
{
    QTest::addColumn<int>("method");
    QTest::newRow("deflated") << int(ZipBuilder::Deflated);
    QTest::newRow("stored") << int(ZipBuilder::Stored);
}

void TestTableReader::xlsxHandMade()
{
    QFETCH(int, method);
    const QString path
        = writeFile(u"handmade.xlsx"_s, HandMadeWorkbook().build(ZipBuilder::Method(method)));
    const Table table = readAll(path);
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QCOMPARE(table.result->sheetName, u"اعضا"_s);
    QStringList rich(28);
    rich[0] = u"line\r\ntwo & _x0041_"_s;
    rich[27] = u"rich inline"_s;
    const QList<QStringList> expected {
        {u"کد ملی"_s, u"نام خانوادگی"_s, u"توضیح"_s},
        {u"12345678"_s, u"12345678"_s, u"12345678"_s, u"-0.5"_s, u"0.001"_s, u"9100000000000000"_s},
        // "day" 0 is a number format, h:mm a time: neither is a date.
        {u"0"_s, QString(), QString(), u"0.5"_s},
        {u"7"_s, u"7x"_s, u"#N/A"_s, u"TRUE"_s, u"FALSE"_s},
        // The 1904 date system: serial 0 is 1904-01-01.
        {u"1904-01-01"_s, u"2023-12-20"_s, u"1904-01-02"_s},
        rich,
    };
    QCOMPARE(table.rows.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(table.rows.at(i), expected.at(i));
    QCOMPARE(table.numbers, (QList<qint64> {1, 2, 3, 5, 6, 7}));
}

void TestTableReader::xlsxCancel()
{
    const QString path = m_dir->filePath(u"export.xlsx"_s);
    int next = 0;
    const Status written = writeXlsx(
        path, {u"n"_s},
        [&](QStringList &row) {
            row.append(QString::number(next));
            return ++next <= 1000;
        },
        u"Sheet"_s, false);
    QVERIFY(written.ok());
    const Table table = readAll(path, Encoding::Auto, 3);
    QVERIFY2(table.result.ok(), qPrintable(table.result.errorMessage()));
    QVERIFY(table.result->cancelled);
    QCOMPARE(table.result->rows, 3);
    QCOMPARE(table.rows.size(), 3);
}

void TestTableReader::xlsxTruncatedIsAnError()
{
    const QByteArray workbook = HandMadeWorkbook().build(ZipBuilder::Deflated);
    const QString path = writeFile(u"cut.xlsx"_s, workbook.left(workbook.size() / 2));
    const Table table = readAll(path);
    QVERIFY(!table.result.ok());
    QVERIFY(table.result.errorMessage().contains(QDir::toNativeSeparators(path)));
    QVERIFY2(table.result.errorMessage().contains(u"cut off"_s),
        qPrintable(table.result.errorMessage()));
    QVERIFY(table.rows.isEmpty());
}

void TestTableReader::xlsxDamagedDataIsAnError()
{
    QByteArray workbook = HandMadeWorkbook().build(ZipBuilder::Stored);
    // A changed letter inside the sheet: the archive is intact, the CRC is not.
    const qsizetype at = workbook.indexOf("توضیح");
    QVERIFY(at > 0);
    workbook[at + 1] = char(workbook[at + 1] ^ 0x01);
    const QString path = writeFile(u"damaged.xlsx"_s, workbook);
    const Table table = readAll(path);
    QVERIFY(!table.result.ok());
    QVERIFY2(table.result.errorMessage().contains(u"xl/worksheets/sheet2.xml"_s),
        qPrintable(table.result.errorMessage()));
}

void TestTableReader::xlsxZip64IsRefused()
{
    QByteArray workbook = HandMadeWorkbook().build(ZipBuilder::Deflated);
    const qsizetype end = workbook.size() - 22;
    workbook[end + 8] = workbook[end + 9] = workbook[end + 10] = workbook[end + 11] = char(0xFF);
    const Table table = readAll(writeFile(u"big.xlsx"_s, workbook));
    QVERIFY(!table.result.ok());
    QVERIFY(table.result.errorMessage().contains(u"ZIP64"_s));
}

void TestTableReader::xlsxEncryptedIsRefused()
{
    ZipBuilder zip;
    zip.add(u"_rels/.rels"_s, HandMadeWorkbook().parts.value(u"_rels/.rels"_s), ZipBuilder::Stored,
        0x1);
    const Table table = readAll(writeFile(u"secret.xlsx"_s, zip.finish()));
    QVERIFY(!table.result.ok());
    QVERIFY(table.result.errorMessage().contains(u"password"_s));
}

void TestTableReader::xlsxWithoutWorksheet()
{
    HandMadeWorkbook parts;
    parts.parts[u"xl/workbook.xml"_s]
        .replace("<sheet name=\"Old\"", "<chartsheet name=\"Old\"")
        .replace("<sheet name=\"اعضا\"", "<ignored name=\"x\"")
        .replace("<sheet name=\"Later\"", "<ignored name=\"y\"");
    const QString path = writeFile(u"charts.xlsx"_s, parts.build(ZipBuilder::Deflated));
    const Table table = readAll(path);
    QVERIFY(!table.result.ok());
    QVERIFY2(table.result.errorMessage().contains(u"no worksheet"_s),
        qPrintable(table.result.errorMessage()));
    QVERIFY(table.result.errorMessage().contains(QDir::toNativeSeparators(path)));
}

void TestTableReader::xlsxNotAWorkbook()
{
    ZipBuilder zip;
    zip.add(u"photo.jpg"_s, "not really"_ba);
    const Table table = readAll(writeFile(u"photos.zip"_s, zip.finish()));
    QVERIFY(!table.result.ok());
    QVERIFY(table.result.errorMessage().contains(u"not an Excel workbook"_s));
}

void TestTableReader::xlsxEmptySheet()
{
    HandMadeWorkbook parts;
    QByteArray &sheet = parts.parts[u"xl/worksheets/sheet2.xml"_s];
    sheet = sheet.left(sheet.indexOf("<sheetData>"))
        + "<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"/></row></sheetData></worksheet>";
    const Table table = readAll(writeFile(u"empty.xlsx"_s, parts.build(ZipBuilder::Deflated)));
    QVERIFY(!table.result.ok());
    QVERIFY2(table.result.errorMessage().contains(u"is empty"_s),
        qPrintable(table.result.errorMessage()));
}

QTEST_GUILESS_MAIN(TestTableReader)
#include "TestTableReader.moc"
