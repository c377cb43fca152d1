// Text encodings of the CSV files provincial offices send: naming them, guessing
// them from the first bytes, and decoding a file chunk by chunk.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>
#include <QStringView>

#include <optional>

namespace daftar::importing {

// Excel on Persian Windows saves "CSV" in Windows-1256 and "CSV UTF-8" in UTF-8
// with a BOM; "Unicode text" is UTF-16 little-endian with a BOM.
enum class Encoding { Auto, Utf8, Utf16, Windows1256 };

// "auto", "utf-8", "utf-16" or "windows-1256": the names the CLI and settings use.
QString encodingName(Encoding encoding);

// Accepts the names above and "utf8", "utf16", "cp1256", in any letter case.
std::optional<Encoding> encodingFromName(QStringView name);

struct DetectedEncoding
{
    Encoding encoding = Encoding::Utf8;
    bool hadBom = false;
};

// Guesses from the first bytes of a file: a BOM decides; otherwise zero bytes in
// every other position mean UTF-16; otherwise bytes that are valid UTF-8 mean
// UTF-8 (so does pure ASCII); anything else is Windows-1256. A multi-byte UTF-8
// sequence cut off at the end of `head` still counts as valid.
DetectedEncoding detectEncoding(QByteArrayView head);

// For tests and sample-file generators. Like Windows, writes Persian yeh ی as
// Arabic yeh ي (0xED) and Persian or Arabic-Indic digits as ASCII digits;
// any other character without a Windows-1256 byte becomes '?'.
QByteArray encodeWindows1256(QStringView text);

// Decodes a byte stream given in chunks of any size: the results, joined, are the
// text, even where a character was split between two chunks.
class TextDecoder
{
public:
    // With Encoding::Auto the first non-empty chunk decides (see detectEncoding),
    // so make that chunk large.
    explicit TextDecoder(Encoding encoding);

    QString decode(QByteArrayView chunk);
    // Call once after the last chunk: a character the stream ends in the middle
    // of becomes U+FFFD and counts as an error.
    QString flush();

    // Whether some bytes were not valid in the encoding (they became U+FFFD).
    bool hadErrors() const { return m_errors || m_decoder.hasError(); }

    // The encoding in use; Auto until the first chunk has decided it.
    Encoding encoding() const { return m_encoding; }

private:
    void start(QByteArrayView head);
    QString decodeWindows1256(QByteArrayView chunk) const;

    Encoding m_encoding;
    bool m_started = false;
    bool m_errors = false;
    QStringDecoder m_decoder;
    // Only the end of the stream reveals a character left incomplete; these
    // remember enough of the last bytes to tell.
    QByteArray m_tail;
    qint64 m_byteCount = 0;
};

} // namespace daftar::importing
