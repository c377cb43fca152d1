#include "TextDecoding.h"

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace daftar::importing {

namespace {

// Microsoft's code page 1256 from 0x80 up (Unicode's MAPPINGS/VENDORS/MICSFT
// table, as iconv's CP1256 has it). Every byte is assigned; below 0x80 it is ASCII.
constexpr std::array<char16_t, 128> windows1256High = {
    0x20AC, 0x067E, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 80
    0x02C6, 0x2030, 0x0679, 0x2039, 0x0152, 0x0686, 0x0698, 0x0688, // 88
    0x06AF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90
    0x06A9, 0x2122, 0x0691, 0x203A, 0x0153, 0x200C, 0x200D, 0x06BA, // 98
    0x00A0, 0x060C, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, // A0
    0x00A8, 0x00A9, 0x06BE, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, // A8
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, // B0
    0x00B8, 0x00B9, 0x061B, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x061F, // B8
    0x06C1, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627, // C0
    0x0628, 0x0629, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x062F, // C8
    0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x00D7, // D0
    0x0637, 0x0638, 0x0639, 0x063A, 0x0640, 0x0641, 0x0642, 0x0643, // D8
    0x00E0, 0x0644, 0x00E2, 0x0645, 0x0646, 0x0647, 0x0648, 0x00E7, // E0
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0649, 0x064A, 0x00EE, 0x00EF, // E8
    0x064B, 0x064C, 0x064D, 0x064E, 0x00F4, 0x064F, 0x0650, 0x00F7, // F0
    0x0651, 0x00F9, 0x0652, 0x00FB, 0x00FC, 0x200E, 0x200F, 0x06D2, // F8
};

constexpr std::array<char16_t, 256> windows1256 = [] {
    std::array<char16_t, 256> table {};
    for (int byte = 0; byte < 0x80; ++byte)
        table[byte] = char16_t(byte);
    for (int byte = 0x80; byte < 0x100; ++byte)
        table[byte] = windows1256High[byte - 0x80];
    return table;
}();

// Windows' best-fit conversion, which Excel uses when it saves "CSV" on Persian
// Windows: Persian letters missing from the code page turn into their Arabic twins.
char windows1256BestFit(char32_t c)
{
    if (c == 0x06CC)
        return char(0xED);
    if (c >= 0x06F0 && c <= 0x06F9)
        return char('0' + (c - 0x06F0));
    if (c >= 0x0660 && c <= 0x0669)
        return char('0' + (c - 0x0660));
    return '?';
}

bool isContinuation(uchar byte)
{
    return (byte & 0xC0) == 0x80;
}

// How many bytes a UTF-8 sequence starting with `lead` has, and the range its
// second byte must be in (RFC 3629: no overlong forms, no surrogates, at most
// U+10FFFF). 0 for a byte that cannot start a sequence.
struct Utf8Lead
{
    int length;
    uchar secondMin;
    uchar secondMax;
};

Utf8Lead utf8Lead(uchar lead)
{
    if (lead >= 0xC2 && lead <= 0xDF)
        return {2, 0x80, 0xBF};
    if (lead == 0xE0)
        return {3, 0xA0, 0xBF};
    if (lead == 0xED)
        return {3, 0x80, 0x9F};
    if (lead >= 0xE1 && lead <= 0xEF)
        return {3, 0x80, 0xBF};
    if (lead == 0xF0)
        return {4, 0x90, 0xBF};
    if (lead >= 0xF1 && lead <= 0xF3)
        return {4, 0x80, 0xBF};
    if (lead == 0xF4)
        return {4, 0x80, 0x8F};
    return {0, 0, 0};
}

enum class Utf8Check { Valid, Invalid, EndsInsideCharacter };

Utf8Check checkUtf8(QByteArrayView bytes)
{
    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        if (data[i] < 0x80) {
            ++i;
            continue;
        }
        const Utf8Lead lead = utf8Lead(data[i]);
        if (lead.length == 0)
            return Utf8Check::Invalid;
        for (int k = 1; k < lead.length; ++k) {
            if (i + k >= size)
                return Utf8Check::EndsInsideCharacter;
            const uchar byte = data[i + k];
            const bool fits
                = k == 1 ? byte >= lead.secondMin && byte <= lead.secondMax : isContinuation(byte);
            if (!fits)
                return Utf8Check::Invalid;
        }
        i += lead.length;
    }
    return Utf8Check::Valid;
}

enum class ByteOrder { Unknown, LittleEndian, BigEndian };

// UTF-16 text of mostly Latin characters, digits, commas and line ends has a zero
// byte in every other position; 8-bit text has none.
ByteOrder utf16ByteOrderWithoutBom(QByteArrayView head)
{
    const qsizetype sample = std::min<qsizetype>(head.size(), qsizetype(64) << 10) & ~qsizetype(1);
    qsizetype zerosAtEven = 0;
    qsizetype zerosAtOdd = 0;
    for (qsizetype i = 0; i < sample; i += 2) {
        zerosAtEven += head[i] == '\0';
        zerosAtOdd += head[i + 1] == '\0';
    }
    const qsizetype pairs = sample / 2;
    const auto dominates = [pairs](qsizetype zeros, qsizetype others) {
        return zeros > 0 && zeros * 20 >= pairs && others * 10 <= zeros;
    };
    if (dominates(zerosAtOdd, zerosAtEven))
        return ByteOrder::LittleEndian;
    if (dominates(zerosAtEven, zerosAtOdd))
        return ByteOrder::BigEndian;
    return ByteOrder::Unknown;
}

bool startsWith(QByteArrayView bytes, std::initializer_list<uchar> prefix)
{
    if (bytes.size() < qsizetype(prefix.size()))
        return false;
    return std::equal(prefix.begin(), prefix.end(), bytes.begin(),
        [](uchar expected, char actual) { return expected == uchar(actual); });
}

bool hasUtf8Bom(QByteArrayView bytes)
{
    return startsWith(bytes, {0xEF, 0xBB, 0xBF});
}

bool hasUtf16Bom(QByteArrayView bytes)
{
    return startsWith(bytes, {0xFF, 0xFE}) || startsWith(bytes, {0xFE, 0xFF});
}

} // namespace

QString encodingName(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Auto:
        return u"auto"_s;
    case Encoding::Utf8:
        return u"utf-8"_s;
    case Encoding::Utf16:
        return u"utf-16"_s;
    case Encoding::Windows1256:
        return u"windows-1256"_s;
    }
    return {};
}

std::optional<Encoding> encodingFromName(QStringView name)
{
    static const std::array<std::pair<QStringView, Encoding>, 7> names = {{
        {u"auto", Encoding::Auto},
        {u"utf-8", Encoding::Utf8},
        {u"utf8", Encoding::Utf8},
        {u"utf-16", Encoding::Utf16},
        {u"utf16", Encoding::Utf16},
        {u"windows-1256", Encoding::Windows1256},
        {u"cp1256", Encoding::Windows1256},
    }};
    const QStringView trimmed = name.trimmed();
    for (const auto &[known, encoding] : names) {
        if (trimmed.compare(known, Qt::CaseInsensitive) == 0)
            return encoding;
    }
    return std::nullopt;
}

DetectedEncoding detectEncoding(QByteArrayView head)
{
    if (hasUtf8Bom(head))
        return {Encoding::Utf8, true};
    if (hasUtf16Bom(head))
        return {Encoding::Utf16, true};
    if (utf16ByteOrderWithoutBom(head) != ByteOrder::Unknown)
        return {Encoding::Utf16, false};
    if (checkUtf8(head) != Utf8Check::Invalid)
        return {Encoding::Utf8, false};
    return {Encoding::Windows1256, false};
}

QByteArray encodeWindows1256(QStringView text)
{
    using Entry = std::pair<char16_t, uchar>;
    static const std::array<Entry, 128> byCharacter = [] {
        std::array<Entry, 128> entries {};
        for (int i = 0; i < 128; ++i)
            entries[i] = {windows1256High[i], uchar(0x80 + i)};
        std::sort(entries.begin(), entries.end());
        return entries;
    }();

    QByteArray bytes;
    bytes.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t unit = text[i].unicode();
        if (unit < 0x80) {
            bytes.append(char(unit));
            continue;
        }
        if (QChar::isHighSurrogate(unit) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            bytes.append('?');
            ++i;
            continue;
        }
        const auto found = std::lower_bound(byCharacter.begin(), byCharacter.end(), Entry {unit, 0},
            [](const Entry &a, const Entry &b) { return a.first < b.first; });
        if (found != byCharacter.end() && found->first == unit)
            bytes.append(char(found->second));
        else
            bytes.append(windows1256BestFit(unit));
    }
    return bytes;
}

TextDecoder::TextDecoder(Encoding encoding)
    : m_encoding(encoding)
{ }

void TextDecoder::start(QByteArrayView head)
{
    m_started = true;
    if (m_encoding == Encoding::Auto)
        m_encoding = detectEncoding(head).encoding;
    switch (m_encoding) {
    case Encoding::Auto:
    case Encoding::Windows1256:
        break;
    case Encoding::Utf8:
        m_decoder = QStringDecoder(QStringConverter::Utf8);
        break;
    case Encoding::Utf16:
        // Without a BOM Qt would assume the machine's byte order; the zero bytes
        // tell the file's.
        if (!hasUtf16Bom(head) && utf16ByteOrderWithoutBom(head) == ByteOrder::BigEndian)
            m_decoder = QStringDecoder(QStringConverter::Utf16BE);
        else if (!hasUtf16Bom(head))
            m_decoder = QStringDecoder(QStringConverter::Utf16LE);
        else
            m_decoder = QStringDecoder(QStringConverter::Utf16);
        break;
    }
}

QString TextDecoder::decode(QByteArrayView chunk)
{
    if (chunk.isEmpty())
        return {};
    if (!m_started)
        start(chunk);
    m_byteCount += chunk.size();
    if (m_encoding == Encoding::Windows1256)
        return decodeWindows1256(chunk);
    if (m_encoding == Encoding::Utf8) {
        m_tail.append(chunk.last(std::min<qsizetype>(chunk.size(), 3)));
        m_tail = m_tail.right(3);
    }
    return m_decoder.decode(chunk);
}

QString TextDecoder::flush()
{
    bool incomplete = false;
    if (m_encoding == Encoding::Utf16) {
        incomplete = m_byteCount % 2 != 0;
    } else if (m_encoding == Encoding::Utf8) {
        // The last lead byte within reach decides whether its sequence is whole.
        for (qsizetype i = m_tail.size() - 1; i >= 0; --i) {
            const auto byte = uchar(m_tail[i]);
            if (isContinuation(byte))
                continue;
            incomplete
                = checkUtf8(QByteArrayView(m_tail).sliced(i)) == Utf8Check::EndsInsideCharacter;
            break;
        }
    }
    if (!incomplete)
        return {};
    m_errors = true;
    return QString(QChar::ReplacementCharacter);
}

QString TextDecoder::decodeWindows1256(QByteArrayView chunk) const
{
    QString text(chunk.size(), Qt::Uninitialized);
    auto *out = reinterpret_cast<char16_t *>(text.data());
    for (const char byte : chunk)
        *out++ = windows1256[uchar(byte)];
    return text;
}

} // namespace daftar::importing
