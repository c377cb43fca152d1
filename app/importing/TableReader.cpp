#include "TableReader.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QUrl>
#include <QXmlStreamReader>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>
#include <zlib.h>

using namespace Qt::StringLiterals;

namespace daftar::importing {

namespace {

// Translation context of this file's messages.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Importing)
};

// Large enough that reading and decoding cost little per byte, small enough
// that a 150 MB file never sits in memory whole.
constexpr qint64 chunkSize = qint64(1) << 20;

QString shownPath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

bool startsWith(QByteArrayView bytes, QByteArrayView prefix)
{
    return bytes.size() >= prefix.size() && bytes.first(prefix.size()) == prefix;
}

bool isAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) < 0x80; });
}

bool allEmpty(const QStringList &cells)
{
    return std::all_of(cells.cbegin(), cells.cend(), [](const QString &c) { return c.isEmpty(); });
}

Error readFailed(const QString &path, const QFile &file)
{
    return makeError(Error::Kind::Invalid,
        Text::tr("Reading %1 failed: %2. Copy the file to this computer and try again.")
            .arg(shownPath(path), file.errorString()));
}

Error noRows(const QString &path)
{
    return makeError(Error::Kind::Invalid,
        Text::tr("%1 holds no rows. Check that it is the right file, or export the "
                 "spreadsheet again.")
            .arg(shownPath(path)));
}

// ---- CSV -------------------------------------------------------------------

// Picks the delimiter that occurs most often outside quotes in the first line;
// Excel uses ";" where the comma is the decimal separator, and tab for "text".
QChar sniffDelimiter(QStringView text)
{
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == u'"') {
            quoted = !quoted;
        } else if (!quoted) {
            if (c == u'\n' || c == u'\r')
                break;
            commas += c == u',';
            semicolons += c == u';';
            tabs += c == u'\t';
        }
    }
    if (commas >= semicolons && commas >= tabs)
        return u',';
    return semicolons >= tabs ? u';' : u'\t';
}

// RFC 4180 parsing fed one decoded chunk at a time. A row, a cell, a quote or a
// CR LF may be split between chunks; the state carries over.
class CsvParser
{
public:
    CsvParser(QChar delimiter, const RowHandler &onRow)
        : m_delimiter(delimiter.unicode())
        , m_onRow(onRow)
    { }

    // False when the handler asked to stop.
    bool feed(QStringView text);
    // After the last chunk: passes a last row that has no line end.
    bool finish();

    bool endsInsideQuotes() const { return m_state == State::Quoted; }
    qint64 quoteOpenedInRow() const { return m_quoteRow; }
    qint64 rowsPassed() const { return m_rowsPassed; }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };

    void endField();
    bool endRow();

    const char16_t m_delimiter;
    const RowHandler &m_onRow;
    State m_state = State::FieldStart;
    // A CR ended the last row: an LF right after it belongs to the same line end.
    bool m_afterCr = false;
    QString m_field;
    // Reused from row to row so that cells keep their allocations.
    QStringList m_cells;
    qsizetype m_cellCount = 0;
    qint64 m_rowNumber = 1;
    qint64 m_quoteRow = 0;
    qint64 m_rowsPassed = 0;
};

bool CsvParser::feed(QStringView text)
{
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    const char16_t delimiter = m_delimiter;
    while (p < end) {
        if (m_afterCr) {
            m_afterCr = false;
            if (*p == u'\n') {
                ++p;
                continue;
            }
        }
        switch (m_state) {
        case State::FieldStart:
            if (*p == u'"') {
                m_state = State::Quoted;
                m_quoteRow = m_rowNumber;
                ++p;
                break;
            }
            m_state = State::Unquoted;
            [[fallthrough]];
        case State::Unquoted: {
            const char16_t *start = p;
            while (p < end && *p != delimiter && *p != u'\n' && *p != u'\r')
                ++p;
            m_field.append(reinterpret_cast<const QChar *>(start), p - start);
            if (p == end)
                break;
            const char16_t stop = *p++;
            endField();
            m_state = State::FieldStart;
            if (stop != delimiter) {
                m_afterCr = stop == u'\r';
                if (!endRow())
                    return false;
            }
            break;
        }
        case State::Quoted: {
            const char16_t *start = p;
            while (p < end && *p != u'"')
                ++p;
            m_field.append(reinterpret_cast<const QChar *>(start), p - start);
            if (p < end) {
                ++p;
                m_state = State::QuoteInQuoted;
            }
            break;
        }
        case State::QuoteInQuoted:
            if (*p == u'"') {
                m_field.append(QChar(u'"'));
                m_state = State::Quoted;
                ++p;
            } else {
                // Text after a closing quote is kept, as Excel does with "ab"c.
                m_state = State::Unquoted;
            }
            break;
        }
    }
    return true;
}

bool CsvParser::finish()
{
    if (m_state == State::FieldStart && m_cellCount == 0)
        return true;
    endField();
    return endRow();
}

void CsvParser::endField()
{
    if (m_cellCount < m_cells.size())
        m_cells[m_cellCount].swap(m_field);
    else
        m_cells.append(std::exchange(m_field, QString()));
    ++m_cellCount;
    m_field.resize(0);
}

bool CsvParser::endRow()
{
    if (m_cells.size() > m_cellCount)
        m_cells.resize(m_cellCount);
    m_cellCount = 0;
    const qint64 rowNumber = m_rowNumber++;
    if (allEmpty(m_cells))
        return true;
    ++m_rowsPassed;
    return m_onRow(rowNumber, m_cells);
}

// Index of the first byte that is not ASCII, or -1.
qsizetype firstNonAscii(QByteArrayView bytes)
{
    const auto found
        = std::find_if(bytes.begin(), bytes.end(), [](char c) { return uchar(c) >= 0x80; });
    return found == bytes.end() ? -1 : found - bytes.begin();
}

// A file whose first megabyte is plain ASCII (Latin headers, digits) may still
// have Persian names further down; their bytes decide between UTF-8 and 1256.
Result<Encoding> encodingOfFirstNonAscii(QFile &file, const QString &path)
{
    const qint64 resumeAt = file.pos();
    Encoding encoding = Encoding::Utf8;
    QByteArray chunk;
    while (!file.atEnd()) {
        chunk.resize(chunkSize);
        const qint64 got = file.read(chunk.data(), chunkSize);
        if (got < 0)
            return readFailed(path, file);
        chunk.resize(got);
        const qsizetype at = firstNonAscii(chunk);
        if (at >= 0) {
            encoding = detectEncoding(QByteArrayView(chunk).sliced(at)).encoding;
            break;
        }
    }
    if (!file.seek(resumeAt))
        return readFailed(path, file);
    return encoding;
}

Result<TableInfo> readCsv(
    QFile &file, const QString &path, QByteArray chunk, Encoding requested, const RowHandler &onRow)
{
    TableInfo info;
    info.format = u"csv"_s;
    const DetectedEncoding detected = detectEncoding(chunk);
    info.encoding = requested;
    if (requested == Encoding::Auto) {
        info.encoding = detected.encoding;
        if (info.encoding == Encoding::Utf8 && !detected.hadBom && isAscii(chunk)) {
            const Result<Encoding> later = encodingOfFirstNonAscii(file, path);
            if (!later)
                return later.error();
            info.encoding = *later;
        }
    }
    info.hadBom = detected.hadBom && detected.encoding == info.encoding;

    TextDecoder decoder(info.encoding);
    std::optional<CsvParser> parser;
    bool more = true;
    while (more && !chunk.isEmpty()) {
        const QString text = decoder.decode(chunk);
        if (!parser) {
            info.delimiter = sniffDelimiter(text);
            parser.emplace(info.delimiter, onRow);
        }
        more = parser->feed(text);
        if (!more)
            break;
        chunk.resize(chunkSize);
        const qint64 got = file.read(chunk.data(), chunkSize);
        if (got < 0)
            return readFailed(path, file);
        chunk.resize(got);
    }
    if (more) {
        more = parser->feed(decoder.flush());
        if (more && parser->endsInsideQuotes()) {
            return makeError(Error::Kind::Invalid,
                Text::tr("Row %1 of %2 opens a quote (\") that is never closed, so the rest "
                         "of the file would become one cell. Correct that row in a text "
                         "editor, or export the spreadsheet again.")
                    .arg(parser->quoteOpenedInRow())
                    .arg(shownPath(path)));
        }
        if (more)
            more = parser->finish();
    }
    info.cancelled = !more;
    info.rows = parser->rowsPassed();
    info.decodingErrors = decoder.hadErrors();
    if (info.rows == 0 && !info.cancelled)
        return noRows(path);
    return info;
}

// ---- ZIP -------------------------------------------------------------------

Error damaged(const QString &path, const QString &detail)
{
    return makeError(Error::Kind::Invalid,
        Text::tr("%1 is not a readable Excel workbook: %2. Open it in Excel and save it "
                 "again as .xlsx or as CSV UTF-8, or ask the office to send it again.")
            .arg(shownPath(path), detail));
}

struct ZipEntry
{
    QString name;
    quint16 flags = 0;
    quint16 method = 0;
    quint32 crc = 0;
    qint64 compressedSize = 0;
    qint64 size = 0;
    qint64 localHeaderOffset = 0;
};

// The part of the ZIP format that XLSX files use: one archive in one file,
// entries stored or deflated, no ZIP64, no encryption.
class ZipArchive
{
public:
    ZipArchive(QFile &file, QString path)
        : m_file(file)
        , m_path(std::move(path))
    { }

    Status open();
    // Exact name first; some tools write part names in another letter case.
    const ZipEntry *find(QStringView name) const;
    // Passes the entry's bytes to `sink` as they are inflated, then checks the
    // size and CRC. Stops early, without error, when the sink returns false.
    Status read(const ZipEntry &entry, const std::function<bool(QByteArrayView)> &sink);

private:
    Status readAt(qint64 offset, qint64 size, QByteArray &bytes);
    Status parseCentralDirectory(QByteArrayView directory, int count);

    QFile &m_file;
    const QString m_path;
    std::vector<ZipEntry> m_entries;
};

template<typename T>
T little(QByteArrayView bytes, qsizetype at)
{
    return qFromLittleEndian<T>(bytes.data() + at);
}

Status ZipArchive::readAt(qint64 offset, qint64 size, QByteArray &bytes)
{
    bytes.resize(size);
    if (!m_file.seek(offset) || m_file.read(bytes.data(), size) != size)
        return damaged(m_path, Text::tr("the file ends early, as if cut off while copying"));
    return success();
}

Status ZipArchive::open()
{
    constexpr int endRecordSize = 22;
    constexpr int zip64LocatorSize = 20;
    const qint64 fileSize = m_file.size();
    const qint64 tailSize = std::min<qint64>(fileSize, endRecordSize + 0xFFFF + zip64LocatorSize);
    QByteArray tail;
    if (Status read = readAt(fileSize - tailSize, tailSize, tail); !read)
        return read;

    qsizetype end = -1;
    for (qsizetype at = tail.size() - endRecordSize; at >= 0; --at) {
        if (little<quint32>(tail, at) == 0x06054b50
            && at + endRecordSize + little<quint16>(tail, at + 20) <= tail.size()) {
            end = at;
            break;
        }
    }
    if (end < 0)
        return damaged(m_path, Text::tr("the file ends early, as if cut off while copying"));

    const quint16 disk = little<quint16>(tail, end + 4);
    const quint16 directoryDisk = little<quint16>(tail, end + 6);
    const quint16 count = little<quint16>(tail, end + 10);
    const quint32 directorySize = little<quint32>(tail, end + 12);
    const quint32 directoryOffset = little<quint32>(tail, end + 16);
    const bool zip64Locator
        = end >= zip64LocatorSize && little<quint32>(tail, end - zip64LocatorSize) == 0x07064b50;
    if (zip64Locator || count == 0xFFFF || directorySize == 0xFFFFFFFF
        || directoryOffset == 0xFFFFFFFF) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is saved in the ZIP64 form for very large workbooks, which Daftar "
                     "does not read. Save the sheet as CSV UTF-8 instead, or split it into "
                     "smaller workbooks.")
                .arg(shownPath(m_path)));
    }
    if (disk != 0 || directoryDisk != 0)
        return damaged(m_path, Text::tr("it is one part of an archive split into several files"));
    const qint64 endOffset = fileSize - tailSize + end;
    if (qint64(directoryOffset) + directorySize > endOffset)
        return damaged(m_path, Text::tr("its table of contents points outside the file"));

    QByteArray directory;
    if (Status read = readAt(directoryOffset, directorySize, directory); !read)
        return read;
    return parseCentralDirectory(directory, count);
}

Status ZipArchive::parseCentralDirectory(QByteArrayView directory, int count)
{
    constexpr int headerSize = 46;
    const auto broken = [this] {
        return damaged(m_path, Text::tr("its table of contents is damaged"));
    };
    qsizetype at = 0;
    m_entries.reserve(count);
    for (int i = 0; i < count; ++i) {
        if (at + headerSize > directory.size() || little<quint32>(directory, at) != 0x02014b50)
            return broken();
        const quint16 nameLength = little<quint16>(directory, at + 28);
        const quint16 extraLength = little<quint16>(directory, at + 30);
        const quint16 commentLength = little<quint16>(directory, at + 32);
        if (at + headerSize + nameLength > directory.size())
            return broken();
        ZipEntry entry;
        entry.flags = little<quint16>(directory, at + 8);
        entry.method = little<quint16>(directory, at + 10);
        entry.crc = little<quint32>(directory, at + 16);
        entry.compressedSize = little<quint32>(directory, at + 20);
        entry.size = little<quint32>(directory, at + 24);
        entry.localHeaderOffset = little<quint32>(directory, at + 42);
        entry.name = QString::fromUtf8(directory.sliced(at + headerSize, nameLength));
        m_entries.push_back(std::move(entry));
        at += headerSize + nameLength + extraLength + commentLength;
    }
    return success();
}

const ZipEntry *ZipArchive::find(QStringView name) const
{
    for (const Qt::CaseSensitivity sensitivity : {Qt::CaseSensitive, Qt::CaseInsensitive}) {
        const auto found = std::find_if(m_entries.begin(), m_entries.end(),
            [&](const ZipEntry &e) { return QStringView(e.name).compare(name, sensitivity) == 0; });
        if (found != m_entries.end())
            return &*found;
    }
    return nullptr;
}

// Ends the inflate stream on every way out of ZipArchive::read.
struct Inflater
{
    z_stream stream {};
    bool ready = false;

    Inflater() { ready = inflateInit2(&stream, -MAX_WBITS) == Z_OK; }
    ~Inflater()
    {
        if (ready)
            inflateEnd(&stream);
    }
    Inflater(const Inflater &) = delete;
    Inflater &operator=(const Inflater &) = delete;
};

Status ZipArchive::read(const ZipEntry &entry, const std::function<bool(QByteArrayView)> &sink)
{
    constexpr int localHeaderSize = 30;
    constexpr qint64 bufferSize = qint64(256) << 10;
    const QString part = entry.name;
    if (entry.flags & 0x1) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is protected with a password. Open it in Excel, remove the password "
                     "(File, Info, Protect Workbook) and save it again.")
                .arg(shownPath(m_path)));
    }
    if (entry.method != 0 && entry.method != 8) {
        return damaged(m_path,
            Text::tr("its part %1 is compressed with method %2, which Daftar does not read")
                .arg(part, QString::number(entry.method)));
    }
    QByteArray header;
    if (Status read = readAt(entry.localHeaderOffset, localHeaderSize, header); !read)
        return read;
    if (little<quint32>(header, 0) != 0x04034b50)
        return damaged(m_path, Text::tr("its part %1 is damaged").arg(part));
    const qint64 dataOffset = entry.localHeaderOffset + localHeaderSize
        + little<quint16>(header, 26) + little<quint16>(header, 28);
    if (dataOffset + entry.compressedSize > m_file.size())
        return damaged(m_path, Text::tr("the file ends early, as if cut off while copying"));
    if (!m_file.seek(dataOffset))
        return readFailed(m_path, m_file);

    uLong crc = crc32(0, nullptr, 0);
    qint64 produced = 0;
    const auto deliver = [&](const char *data, qint64 size) {
        crc = crc32(crc, reinterpret_cast<const Bytef *>(data), uInt(size));
        produced += size;
        return sink(QByteArrayView(data, size));
    };
    QByteArray input;
    qint64 remaining = entry.compressedSize;
    const auto readInput = [&]() -> bool {
        input.resize(std::min(remaining, bufferSize));
        if (m_file.read(input.data(), input.size()) != input.size())
            return false;
        remaining -= input.size();
        return true;
    };

    if (entry.method == 0) {
        while (remaining > 0) {
            if (!readInput())
                return readFailed(m_path, m_file);
            if (!deliver(input.constData(), input.size()))
                return success();
        }
    } else {
        Inflater inflater;
        if (!inflater.ready)
            return damaged(m_path, Text::tr("the decompressor could not start"));
        QByteArray output(bufferSize, Qt::Uninitialized);
        int result = Z_OK;
        while (result != Z_STREAM_END) {
            if (inflater.stream.avail_in == 0 && remaining > 0) {
                if (!readInput())
                    return readFailed(m_path, m_file);
                inflater.stream.next_in = reinterpret_cast<Bytef *>(input.data());
                inflater.stream.avail_in = uInt(input.size());
            }
            inflater.stream.next_out = reinterpret_cast<Bytef *>(output.data());
            inflater.stream.avail_out = uInt(output.size());
            result = inflate(&inflater.stream, Z_NO_FLUSH);
            // With input and room for output at hand, no progress means no more input.
            if (result == Z_BUF_ERROR)
                return damaged(m_path, Text::tr("its part %1 is cut short").arg(part));
            if (result != Z_OK && result != Z_STREAM_END)
                return damaged(m_path, Text::tr("its part %1 is damaged").arg(part));
            const qint64 size = output.size() - inflater.stream.avail_out;
            if (produced + size > entry.size)
                return damaged(m_path, Text::tr("its part %1 is damaged").arg(part));
            if (size > 0 && !deliver(output.constData(), size))
                return success();
        }
    }
    if (produced != entry.size || crc != entry.crc)
        return damaged(m_path, Text::tr("its part %1 is damaged").arg(part));
    return success();
}

// ---- XML parts -------------------------------------------------------------

enum class Next {
    Continue,
    Finish, // the rest of the part is not needed, but its CRC should still be checked
    Stop, // the reader was cancelled or failed
};

// Feeds an entry to QXmlStreamReader while it is inflated, so that even the
// sheet of a million rows is never held whole, and calls onToken per token.
Status parseXml(ZipArchive &zip, const ZipEntry &entry, const QString &path,
    const std::function<Next(QXmlStreamReader &)> &onToken)
{
    QXmlStreamReader xml;
    Next next = Next::Continue;
    QString xmlError;
    const auto drain = [&] {
        while (next == Next::Continue) {
            const QXmlStreamReader::TokenType token = xml.readNext();
            if (xml.hasError()) {
                if (xml.error() != QXmlStreamReader::PrematureEndOfDocumentError)
                    xmlError = xml.errorString();
                return;
            }
            next = token == QXmlStreamReader::EndDocument ? Next::Finish : onToken(xml);
        }
    };
    Status read = zip.read(entry, [&](QByteArrayView bytes) {
        if (next == Next::Continue) {
            xml.addData(bytes.toByteArray());
            drain();
        }
        return next != Next::Stop && xmlError.isEmpty();
    });
    if (!read)
        return read;
    if (next != Next::Continue)
        return success();
    if (xmlError.isEmpty())
        xmlError = Text::tr("it ends early");
    return damaged(path,
        Text::tr("its part %1 is not valid XML (line %2: %3)")
            .arg(entry.name, QString::number(xml.lineNumber()), xmlError));
}

// The view stays valid until the next token: the reader keeps sharing the data.
QStringView attribute(const QXmlStreamReader &xml, QStringView name)
{
    const QXmlStreamAttributes attributes = xml.attributes();
    for (const QXmlStreamAttribute &a : attributes) {
        if (a.name() == name && a.namespaceUri().isEmpty())
            return a.value();
    }
    return {};
}

// Excel writes characters XML cannot hold, such as a CR inside a cell, as _xHHHH_.
QString unescapeExcelText(QString text)
{
    if (!text.contains(u"_x"))
        return text;
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i] == u'_' && i + 6 < text.size() && text[i + 1] == u'x' && text[i + 6] == u'_') {
            bool ok = false;
            const ushort code = QStringView(text).sliced(i + 2, 4).toUShort(&ok, 16);
            if (ok) {
                out.append(QChar(code));
                i += 7;
                continue;
            }
        }
        out.append(text[i++]);
    }
    return out;
}

struct Relationship
{
    QString id;
    QString type;
    QString target;
};

QString partDirectory(const QString &part)
{
    const qsizetype slash = part.lastIndexOf(u'/');
    return slash < 0 ? QString() : part.left(slash);
}

// Targets in .rels files are URIs relative to the folder of the part they
// belong to, or absolute from the package root.
QString resolvePart(const QString &directory, const QString &target)
{
    const QString decoded = QUrl::fromPercentEncoding(target.toUtf8());
    const QString joined = decoded.startsWith(u'/') ? decoded : directory + u'/' + decoded;
    QStringList segments;
    for (const QString &segment : joined.split(u'/', Qt::SkipEmptyParts)) {
        if (segment == u"..") {
            if (!segments.isEmpty())
                segments.removeLast();
        } else if (segment != u".") {
            segments.append(segment);
        }
    }
    return segments.join(u'/');
}

Result<std::vector<Relationship>> readRelationships(
    ZipArchive &zip, const ZipEntry &entry, const QString &path)
{
    std::vector<Relationship> relationships;
    const Status parsed = parseXml(zip, entry, path, [&](QXmlStreamReader &xml) {
        if (xml.isStartElement() && xml.name() == u"Relationship"
            && attribute(xml, u"TargetMode") != u"External") {
            relationships.push_back({attribute(xml, u"Id").toString(),
                attribute(xml, u"Type").toString(), attribute(xml, u"Target").toString()});
        }
        return Next::Continue;
    });
    if (!parsed)
        return parsed.error();
    return relationships;
}

const Relationship *findRelationship(
    const std::vector<Relationship> &relationships, QStringView typeSuffix)
{
    const auto found = std::find_if(relationships.begin(), relationships.end(),
        [&](const Relationship &r) { return QStringView(r.type).endsWith(typeSuffix); });
    return found == relationships.end() ? nullptr : &*found;
}

struct SheetEntry
{
    QString name;
    QString relationshipId;
    bool hidden = false;
};

struct Workbook
{
    std::vector<SheetEntry> sheets;
    bool date1904 = false;
};

Result<Workbook> readWorkbook(ZipArchive &zip, const ZipEntry &entry, const QString &path)
{
    Workbook workbook;
    const Status parsed = parseXml(zip, entry, path, [&](QXmlStreamReader &xml) {
        if (!xml.isStartElement())
            return Next::Continue;
        if (xml.name() == u"workbookPr") {
            const QStringView value = attribute(xml, u"date1904");
            workbook.date1904 = value == u"1" || value == u"true";
        } else if (xml.name() == u"sheet") {
            SheetEntry sheet;
            sheet.name = attribute(xml, u"name").toString();
            sheet.hidden
                = !attribute(xml, u"state").isEmpty() && attribute(xml, u"state") != u"visible";
            // The relationship id is the only "id" attribute with a namespace.
            for (const QXmlStreamAttribute &a : xml.attributes()) {
                if (a.name() == u"id" && !a.namespaceUri().isEmpty())
                    sheet.relationshipId = a.value().toString();
            }
            workbook.sheets.push_back(std::move(sheet));
        }
        return Next::Continue;
    });
    if (!parsed)
        return parsed.error();
    return workbook;
}

Result<QStringList> readSharedStrings(ZipArchive &zip, const ZipEntry &entry, const QString &path)
{
    QStringList strings;
    QString current;
    bool collecting = false;
    int phoneticDepth = 0;
    const Status parsed = parseXml(zip, entry, path, [&](QXmlStreamReader &xml) {
        switch (xml.tokenType()) {
        case QXmlStreamReader::StartElement:
            if (xml.name() == u"si") {
                current.clear();
            } else if (xml.name() == u"rPh") {
                ++phoneticDepth; // Japanese reading aids, not part of the text
            } else if (xml.name() == u"t") {
                collecting = phoneticDepth == 0;
            } else if (xml.name() == u"sst") {
                strings.reserve(std::min(attribute(xml, u"uniqueCount").toInt(), 1 << 20));
            }
            break;
        case QXmlStreamReader::Characters:
            if (collecting)
                current.append(xml.text());
            break;
        case QXmlStreamReader::EndElement:
            if (xml.name() == u"t")
                collecting = false;
            else if (xml.name() == u"rPh")
                --phoneticDepth;
            else if (xml.name() == u"si")
                strings.append(unescapeExcelText(current));
            break;
        default:
            break;
        }
        return Next::Continue;
    });
    if (!parsed)
        return parsed.error();
    return strings;
}

// Whether an Excel number format shows a date: the built-in date formats, or a
// custom one with a day or year field. A lone "m" may be minutes, so it does not
// count, and time-only formats keep their number.
bool isDateFormat(int id, const QHash<int, QString> &customFormats)
{
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        return true;
    const auto custom = customFormats.constFind(id);
    if (custom == customFormats.cend())
        return false;
    const QString &code = *custom;
    for (qsizetype i = 0; i < code.size(); ++i) {
        const QChar c = code[i];
        if (c == u';')
            break;
        if (c == u'"') {
            const qsizetype close = code.indexOf(u'"', i + 1);
            i = close < 0 ? code.size() : close;
        } else if (c == u'[') {
            const qsizetype close = code.indexOf(u']', i + 1);
            i = close < 0 ? code.size() : close;
        } else if (c == u'\\' || c == u'_' || c == u'*') {
            ++i;
        } else if (c == u'y' || c == u'Y' || c == u'd' || c == u'D') {
            return true;
        }
    }
    return false;
}

Result<std::vector<bool>> readDateStyles(
    ZipArchive &zip, const ZipEntry &entry, const QString &path)
{
    QHash<int, QString> customFormats;
    std::vector<int> formatOfStyle;
    bool inCellFormats = false;
    const Status parsed = parseXml(zip, entry, path, [&](QXmlStreamReader &xml) {
        if (xml.isStartElement()) {
            if (xml.name() == u"numFmt") {
                customFormats.insert(
                    attribute(xml, u"numFmtId").toInt(), attribute(xml, u"formatCode").toString());
            } else if (xml.name() == u"cellXfs") {
                inCellFormats = true;
            } else if (inCellFormats && xml.name() == u"xf") {
                formatOfStyle.push_back(attribute(xml, u"numFmtId").toInt());
            }
        } else if (xml.isEndElement() && xml.name() == u"cellXfs") {
            return Next::Finish;
        }
        return Next::Continue;
    });
    if (!parsed)
        return parsed.error();
    std::vector<bool> dateStyles;
    dateStyles.reserve(formatOfStyle.size());
    for (const int format : formatOfStyle)
        dateStyles.push_back(isDateFormat(format, customFormats));
    return dateStyles;
}

// Spreadsheets store national codes and phone numbers as numbers, and some
// tools write them as 1.2345678E7 or 12345678.0; the importer wants the digits.
// Other numbers are written out in plain decimals, without an exponent.
QString normalizeNumber(QStringView written)
{
    qsizetype i = 0;
    const bool negative = i < written.size() && written[i] == u'-';
    if (i < written.size() && (written[i] == u'-' || written[i] == u'+'))
        ++i;
    QString digits;
    qsizetype integerDigits = 0;
    while (i < written.size() && written[i].isDigit() && written[i].unicode() < 0x80) {
        digits.append(written[i++]);
        ++integerDigits;
    }
    bool hasPoint = false;
    if (i < written.size() && written[i] == u'.') {
        hasPoint = true;
        ++i;
        while (i < written.size() && written[i].isDigit() && written[i].unicode() < 0x80)
            digits.append(written[i++]);
    }
    int exponent = 0;
    bool hasExponent = false;
    if (i < written.size() && (written[i] == u'e' || written[i] == u'E')) {
        bool ok = false;
        exponent = written.sliced(i + 1).toInt(&ok);
        if (!ok || std::abs(exponent) > 30)
            return written.toString();
        hasExponent = true;
        i = written.size();
    }
    if (i != written.size() || digits.isEmpty() || (!hasPoint && !hasExponent))
        return written.toString();

    qsizetype pointAt = integerDigits + exponent;
    if (pointAt < 0) {
        digits.prepend(QString(-pointAt, u'0'));
        pointAt = 0;
    }
    if (pointAt > digits.size())
        digits.append(QString(pointAt - digits.size(), u'0'));
    QString integer = digits.left(pointAt);
    QString fraction = digits.mid(pointAt);
    while (fraction.endsWith(u'0'))
        fraction.chop(1);
    while (integer.size() > 1 && integer.startsWith(u'0'))
        integer.remove(0, 1);
    if (integer.isEmpty())
        integer = u"0"_s;
    QString result = integer;
    if (!fraction.isEmpty())
        result += u'.' + fraction;
    if (negative && result != u"0")
        result.prepend(u'-');
    return result;
}

// Excel counts days from 1899-12-30 (after its fictitious 1900-02-29) or, in
// workbooks made on old Macs, from 1904-01-01. The time of day is dropped.
QString excelDateText(QStringView written, bool date1904)
{
    bool ok = false;
    const double serial = written.toDouble(&ok);
    if (!ok || serial < (date1904 ? 0 : 1) || serial >= 2958466)
        return normalizeNumber(written);
    const auto days = qint64(std::floor(serial));
    QDate date;
    if (date1904)
        date = QDate(1904, 1, 1).addDays(days);
    else if (days < 60)
        date = QDate(1899, 12, 31).addDays(days);
    else if (days > 60)
        date = QDate(1899, 12, 30).addDays(days);
    if (!date.isValid())
        return normalizeNumber(written);
    return date.toString(Qt::ISODate);
}

QString columnName(int column)
{
    QString name;
    for (int n = column + 1; n > 0; n = (n - 1) / 26)
        name.prepend(QChar(u'A' + (n - 1) % 26));
    return name;
}

// Column of a cell reference such as "AB12", counted from 0; -1 if malformed.
int columnOf(QStringView reference)
{
    constexpr int maxColumns = 16384; // XFD, Excel's last column
    int column = 0;
    qsizetype i = 0;
    for (; i < reference.size() && reference[i].isLetter(); ++i) {
        const char16_t c = reference[i].toUpper().unicode();
        if (c < u'A' || c > u'Z')
            return -1;
        column = column * 26 + (c - u'A' + 1);
        if (column > maxColumns)
            return -1;
    }
    return i == 0 ? -1 : column - 1;
}

// Walks the sheet's rows and cells and hands each non-empty row to the handler.
class SheetReader
{
public:
    SheetReader(const QStringList &sharedStrings, const std::vector<bool> &dateStyles,
        bool date1904, const RowHandler &onRow)
        : m_sharedStrings(sharedStrings)
        , m_dateStyles(dateStyles)
        , m_date1904(date1904)
        , m_onRow(onRow)
    { }

    Next onToken(QXmlStreamReader &xml);

    const QString &error() const { return m_error; }
    bool cancelled() const { return m_cancelled; }
    qint64 rowsPassed() const { return m_rowsPassed; }

private:
    void startRow(const QXmlStreamReader &xml);
    void startCell(const QXmlStreamReader &xml);
    bool endCell();
    bool endRow();

    const QStringList &m_sharedStrings;
    const std::vector<bool> &m_dateStyles;
    const bool m_date1904;
    const RowHandler &m_onRow;

    qint64 m_rowNumber = 0;
    int m_lastColumn = -1;
    QStringList m_cells;

    enum class Collect { Nothing, Value, InlineText };
    Collect m_collect = Collect::Nothing;
    bool m_inInlineString = false;
    int m_phoneticDepth = 0;
    int m_column = 0;
    int m_style = 0;
    QString m_type;
    QString m_value;
    QString m_inlineText;

    QString m_error;
    bool m_cancelled = false;
    qint64 m_rowsPassed = 0;
};

Next SheetReader::onToken(QXmlStreamReader &xml)
{
    switch (xml.tokenType()) {
    case QXmlStreamReader::StartElement: {
        const QStringView name = xml.name();
        if (name == u"row") {
            startRow(xml);
        } else if (name == u"c") {
            startCell(xml);
            if (!m_error.isEmpty())
                return Next::Stop;
        } else if (name == u"v") {
            m_collect = Collect::Value;
        } else if (name == u"is") {
            m_inInlineString = true;
        } else if (name == u"rPh") {
            ++m_phoneticDepth;
        } else if (name == u"t" && m_inInlineString && m_phoneticDepth == 0) {
            m_collect = Collect::InlineText;
        }
        break;
    }
    case QXmlStreamReader::Characters:
        if (m_collect == Collect::Value)
            m_value.append(xml.text());
        else if (m_collect == Collect::InlineText)
            m_inlineText.append(xml.text());
        break;
    case QXmlStreamReader::EndElement: {
        const QStringView name = xml.name();
        if (name == u"v" || name == u"t") {
            m_collect = Collect::Nothing;
        } else if (name == u"is") {
            m_inInlineString = false;
        } else if (name == u"rPh") {
            --m_phoneticDepth;
        } else if (name == u"c") {
            if (!endCell())
                return Next::Stop;
        } else if (name == u"row") {
            if (!endRow())
                return Next::Stop;
        } else if (name == u"sheetData") {
            return Next::Finish;
        }
        break;
    }
    default:
        break;
    }
    return Next::Continue;
}

void SheetReader::startRow(const QXmlStreamReader &xml)
{
    bool ok = false;
    const qint64 number = attribute(xml, u"r").toLongLong(&ok);
    m_rowNumber = ok && number > m_rowNumber ? number : m_rowNumber + 1;
    m_lastColumn = -1;
    m_cells.clear();
}

void SheetReader::startCell(const QXmlStreamReader &xml)
{
    const QStringView reference = attribute(xml, u"r");
    m_column = reference.isEmpty() ? m_lastColumn + 1 : columnOf(reference);
    if (m_column < 0) {
        m_error = Text::tr("a cell of row %1 has the malformed address \"%2\"")
                      .arg(m_rowNumber)
                      .arg(reference);
        return;
    }
    m_type = attribute(xml, u"t").toString();
    m_style = attribute(xml, u"s").toInt();
    m_value.clear();
    m_inlineText.clear();
}

bool SheetReader::endCell()
{
    QString text;
    if (m_type == u"s") {
        bool ok = false;
        const qsizetype index = m_value.trimmed().toLongLong(&ok);
        if (!ok || index < 0 || index >= m_sharedStrings.size()) {
            m_error = Text::tr("cell %1%2 refers to a text the file does not contain")
                          .arg(columnName(m_column))
                          .arg(m_rowNumber);
            return false;
        }
        text = m_sharedStrings.at(index);
    } else if (m_type == u"inlineStr") {
        text = unescapeExcelText(m_inlineText);
    } else if (m_type == u"str" || m_type == u"e") {
        text = unescapeExcelText(m_value);
    } else if (m_type == u"b") {
        if (!m_value.isEmpty())
            text = m_value.trimmed() == u"1" ? u"TRUE"_s : u"FALSE"_s;
    } else if (m_type == u"d") {
        text = m_value.section(u'T', 0, 0);
    } else if (!m_value.isEmpty()) {
        const bool isDate = m_style >= 0 && size_t(m_style) < m_dateStyles.size()
            && m_dateStyles[size_t(m_style)];
        text = isDate ? excelDateText(m_value, m_date1904) : normalizeNumber(m_value.trimmed());
    }
    m_lastColumn = m_column;
    if (text.isEmpty())
        return true;
    while (m_cells.size() <= m_column)
        m_cells.append(QString());
    m_cells[m_column] = std::move(text);
    return true;
}

bool SheetReader::endRow()
{
    // Only cells with text are placed, so a row of blank styled cells stays empty.
    if (m_cells.isEmpty())
        return true;
    ++m_rowsPassed;
    if (!m_onRow(m_rowNumber, m_cells)) {
        m_cancelled = true;
        return false;
    }
    return true;
}

Result<TableInfo> readXlsx(QFile &file, const QString &path, const RowHandler &onRow)
{
    ZipArchive zip(file, path);
    if (Status opened = zip.open(); !opened)
        return opened.error();

    QString workbookPart = u"xl/workbook.xml"_s;
    if (const ZipEntry *packageRels = zip.find(u"_rels/.rels")) {
        const auto relationships = readRelationships(zip, *packageRels, path);
        if (!relationships)
            return relationships.error();
        if (const Relationship *document = findRelationship(*relationships, u"/officeDocument"))
            workbookPart = resolvePart(QString(), document->target);
    }
    const ZipEntry *workbookEntry = zip.find(workbookPart);
    if (!workbookEntry) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is a ZIP archive but not an Excel workbook. Choose the .xlsx file "
                     "that Excel saved, or a CSV file.")
                .arg(shownPath(path)));
    }
    const auto workbook = readWorkbook(zip, *workbookEntry, path);
    if (!workbook)
        return workbook.error();

    const QString workbookDirectory = partDirectory(workbookPart);
    std::vector<Relationship> relationships;
    const QString relsPart = resolvePart(workbookDirectory,
        u"_rels/"_s + workbookPart.mid(workbookPart.lastIndexOf(u'/') + 1) + u".rels"_s);
    if (const ZipEntry *relsEntry = zip.find(relsPart)) {
        auto read = readRelationships(zip, *relsEntry, path);
        if (!read)
            return read.error();
        relationships = std::move(*read);
    }

    // The first worksheet the user sees when opening the file: hidden sheets and
    // chart sheets are passed over.
    const SheetEntry *chosen = nullptr;
    const Relationship *chosenRelationship = nullptr;
    for (const bool acceptHidden : {false, true}) {
        for (const SheetEntry &sheet : workbook->sheets) {
            const auto found = std::find_if(relationships.begin(), relationships.end(),
                [&](const Relationship &r) { return r.id == sheet.relationshipId; });
            if (found == relationships.end() || !found->type.endsWith(u"/worksheet"))
                continue;
            if (sheet.hidden && !acceptHidden)
                continue;
            chosen = &sheet;
            chosenRelationship = &*found;
            break;
        }
        if (chosen)
            break;
    }
    if (!chosen) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 has no worksheet to read. Put the member list on a worksheet "
                     "(not a chart sheet) and save the workbook again.")
                .arg(shownPath(path)));
    }
    const QString sheetPart = resolvePart(workbookDirectory, chosenRelationship->target);
    const ZipEntry *sheetEntry = zip.find(sheetPart);
    if (!sheetEntry)
        return damaged(path, Text::tr("its sheet \"%1\" is missing").arg(chosen->name));

    QStringList sharedStrings;
    if (const Relationship *r = findRelationship(relationships, u"/sharedStrings")) {
        if (const ZipEntry *entry = zip.find(resolvePart(workbookDirectory, r->target))) {
            auto read = readSharedStrings(zip, *entry, path);
            if (!read)
                return read.error();
            sharedStrings = std::move(*read);
        }
    }
    std::vector<bool> dateStyles;
    if (const Relationship *r = findRelationship(relationships, u"/styles")) {
        if (const ZipEntry *entry = zip.find(resolvePart(workbookDirectory, r->target))) {
            auto read = readDateStyles(zip, *entry, path);
            if (!read)
                return read.error();
            dateStyles = std::move(*read);
        }
    }

    SheetReader sheet(sharedStrings, dateStyles, workbook->date1904, onRow);
    const Status parsed = parseXml(
        zip, *sheetEntry, path, [&](QXmlStreamReader &xml) { return sheet.onToken(xml); });
    if (!parsed)
        return parsed.error();
    if (!sheet.error().isEmpty())
        return damaged(path, sheet.error());

    TableInfo info;
    info.format = u"xlsx"_s;
    info.encoding = Encoding::Utf8;
    info.sheetName = chosen->name;
    info.rows = sheet.rowsPassed();
    info.cancelled = sheet.cancelled();
    if (info.rows == 0 && !info.cancelled) {
        return makeError(Error::Kind::Invalid,
            Text::tr("The sheet \"%1\" of %2 is empty. Put the member list on the first "
                     "sheet of the workbook, or choose another file.")
                .arg(chosen->name, shownPath(path)));
    }
    return info;
}

} // namespace

Result<TableInfo> readTable(const QString &path, Encoding encoding, const RowHandler &onRow)
{
    const QFileInfo fileInfo(path);
    if (!fileInfo.exists()) {
        return makeError(Error::Kind::NotFound,
            Text::tr("The file %1 does not exist. Check its name and folder, and choose it "
                     "again.")
                .arg(shownPath(path)));
    }
    if (fileInfo.isDir()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is a folder. Choose the spreadsheet file inside it.")
                .arg(shownPath(path)));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(Error::Kind::Invalid,
            Text::tr("Cannot open %1: %2. Check that you may read it and that no other "
                     "program holds it open.")
                .arg(shownPath(path), file.errorString()));
    }
    QByteArray head(chunkSize, Qt::Uninitialized);
    const qint64 got = file.read(head.data(), chunkSize);
    if (got < 0)
        return readFailed(path, file);
    head.resize(got);
    if (head.isEmpty()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is empty. Ask the office to export the spreadsheet again.")
                .arg(shownPath(path)));
    }

    // Bytes no CSV starts with tell the format better than a file name can.
    if (startsWith(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is an Excel 97-2003 workbook (.xls) or a workbook protected with a "
                     "password. Open it in Excel and save it as .xlsx without a password, "
                     "or as CSV UTF-8.")
                .arg(shownPath(path)));
    }
    if (startsWith(head, "PK\x03\x04"))
        return readXlsx(file, path, onRow);
    const QString suffix = fileInfo.suffix().toLower();
    if (suffix == u"xlsx" || suffix == u"xlsm") {
        return makeError(Error::Kind::Invalid,
            Text::tr("%1 is named like an Excel workbook but is not one. Open it in Excel and "
                     "save it again as .xlsx or as CSV UTF-8.")
                .arg(shownPath(path)));
    }
    return readCsv(file, path, std::move(head), encoding, onRow);
}

} // namespace daftar::importing
