// generate_members: writes synthetic members as the CSV file a cooperative would send
// in: Persian headers, Excel's encodings and habits (dropped leading zeros, Arabic
// yeh and kaf, provinces spelled several ways) and, on request, rows with one
// deliberate fault each, listed on stderr so that an import test knows what to expect.
//
//   generate_members COUNT OUT.csv [--seed N] [--encoding utf-8-bom|utf-8|windows-1256]
//                    [--digits latin|persian] [--faults N]
#include "MemberGenerator.h"
#include "importing/TextDecoding.h"
#include "text/PersianText.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;
using daftar::bench::MemberGenerator;
using daftar::bench::SyntheticMember;

namespace {

enum class Encoding { Utf8WithBom, Utf8, Windows1256 };

struct Options
{
    quint32 count = 0;
    QString outputPath;
    quint32 seed = 1;
    Encoding encoding = Encoding::Utf8WithBom;
    bool persianDigits = false;
    quint32 faults = 0;
};

enum class Fault {
    BadChecksum,
    UnknownProvince,
    BadMobile,
    BadDate,
    MissingName,
    DuplicateNationalId,
};
constexpr int faultKindCount = 6;

void fail(const QString &message)
{
    std::fprintf(stderr, "generate_members: %s\n", qPrintable(message));
}

std::optional<Options> parseOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Writes COUNT synthetic members of the federation to a CSV file."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"COUNT"_s, u"How many members (data rows) to write."_s);
    parser.addPositionalArgument(u"OUT.csv"_s, u"The file to write."_s);
    const QCommandLineOption seedOption(
        u"seed"_s, u"Seed of the generator; the same seed gives the same file."_s, u"N"_s, u"1"_s);
    const QCommandLineOption encodingOption(u"encoding"_s,
        u"utf-8-bom (what Excel opens), utf-8 or windows-1256 (Excel's own CSV)."_s, u"NAME"_s,
        u"utf-8-bom"_s);
    const QCommandLineOption digitsOption(u"digits"_s,
        u"latin or persian: the digits of codes, phones and dates."_s, u"SCRIPT"_s, u"latin"_s);
    const QCommandLineOption faultsOption(
        u"faults"_s, u"Rows that carry one deliberate fault each."_s, u"N"_s, u"0"_s);
    parser.addOptions({seedOption, encodingOption, digitsOption, faultsOption});
    parser.process(arguments);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        fail(u"expected COUNT and OUT.csv; see --help"_s);
        return std::nullopt;
    }
    Options options;
    bool countOk = false;
    options.count = positional.at(0).toUInt(&countOk);
    if (!countOk || options.count == 0) {
        fail(u"COUNT must be a positive number, not \"%1\""_s.arg(positional.at(0)));
        return std::nullopt;
    }
    options.outputPath = positional.at(1);

    bool seedOk = false;
    options.seed = parser.value(seedOption).toUInt(&seedOk);
    bool faultsOk = false;
    options.faults = parser.value(faultsOption).toUInt(&faultsOk);
    if (!seedOk || !faultsOk) {
        fail(u"--seed and --faults take a number"_s);
        return std::nullopt;
    }
    if (options.faults > options.count) {
        fail(u"--faults %1 is more than the %2 rows"_s.arg(options.faults).arg(options.count));
        return std::nullopt;
    }

    const QString encoding = parser.value(encodingOption);
    if (encoding == u"utf-8-bom") {
        options.encoding = Encoding::Utf8WithBom;
    } else if (encoding == u"utf-8") {
        options.encoding = Encoding::Utf8;
    } else if (encoding == u"windows-1256") {
        options.encoding = Encoding::Windows1256;
    } else {
        fail(u"unknown encoding \"%1\": use utf-8-bom, utf-8 or windows-1256"_s.arg(encoding));
        return std::nullopt;
    }

    const QString digits = parser.value(digitsOption);
    if (digits != u"latin" && digits != u"persian") {
        fail(u"unknown digits \"%1\": use latin or persian"_s.arg(digits));
        return std::nullopt;
    }
    options.persianDigits = digits == u"persian";
    // Windows-1256 has no Persian digits: Windows writes them as '?'.
    if (options.persianDigits && options.encoding == Encoding::Windows1256) {
        fail(u"windows-1256 cannot hold Persian digits: use --digits latin or a UTF-8 "
             "encoding"_s);
        return std::nullopt;
    }
    return options;
}

// What an Arabic keyboard layout (or an old Windows) types for Persian yeh and kaf.
QString withArabicLetters(QString text)
{
    for (QChar &c : text) {
        if (c == u'\u06CC')
            c = u'\u064A';
        else if (c == u'\u06A9')
            c = u'\u0643';
    }
    return text;
}

QString kindInPersian(const QString &kind)
{
    return kind == u"legal" ? u"حقوقی"_s : u"حقیقی"_s;
}

QString statusInPersian(const QString &status)
{
    if (status == u"suspended")
        return u"تعلیق"_s;
    if (status == u"expired")
        return u"منقضی"_s;
    if (status == u"resigned")
        return u"مستعفی"_s;
    return u"فعال"_s;
}

void appendField(QString &line, const QString &field)
{
    const bool needsQuotes = std::any_of(field.begin(), field.end(),
        [](QChar c) { return c == u',' || c == u'"' || c == u'\n' || c == u'\r'; });
    if (!needsQuotes) {
        line += field;
        return;
    }
    line += u'"';
    for (const QChar c : field) {
        if (c == u'"')
            line += u'"';
        line += c;
    }
    line += u'"';
}

// The spellings of a province seen in files people send: all of them are names that
// an import must recognise, unlike the faults.
QString provinceAsWritten(const QString &official, QRandomGenerator &random)
{
    const quint32 draw = random.bounded(100);
    if (draw < 85)
        return official;
    if (draw < 90)
        return u"استان "_s + official;
    if (official == u"تهران")
        return u"تهران بزرگ"_s;
    QString variant = official;
    if (variant.contains(u" و "))
        variant.replace(u" و "_s, u" "_s);
    else
        variant.replace(u' ', u'\u200C');
    return variant;
}

QString digitsAsWritten(const QString &digits, bool persianDigits)
{
    return persianDigits ? daftar::text::toPersianDigits(digits) : digits;
}

class MembersCsvWriter
{
public:
    explicit MembersCsvWriter(const Options &options)
        : m_options(options)
        , m_quirks(options.seed ^ 0x5EEDu)
        , m_faultPicker(options.seed ^ 0xFA17u)
    {
        planFaults();
    }

    bool write();

private:
    struct Earlier
    {
        quint32 row = 0; // spreadsheet row
        QString nationalId;
        quint32 seen = 0;
    };

    void planFaults();
    QString line(quint32 index, SyntheticMember member);
    QString applyFault(Fault fault, SyntheticMember &member, QString &province);
    void remember(quint32 row, const SyntheticMember &member);
    bool flush(QFile &file, QString &pending);

    const Options &m_options;
    QRandomGenerator m_quirks;
    QRandomGenerator m_faultPicker;
    QList<quint32> m_faultRows; // data row indexes, ascending
    qsizetype m_nextFault = 0;
    Earlier m_earlierPerson;
    Earlier m_earlierLegal;
};

void MembersCsvWriter::planFaults()
{
    // Floyd's sampling: distinct rows without drawing again and again near the end.
    QSet<quint32> chosen;
    const quint32 count = m_options.count;
    for (quint32 candidate = count - m_options.faults; candidate < count; ++candidate) {
        const quint32 pick = m_faultPicker.bounded(candidate + 1);
        chosen.insert(chosen.contains(pick) ? candidate : pick);
    }
    m_faultRows = QList<quint32>(chosen.begin(), chosen.end());
    std::sort(m_faultRows.begin(), m_faultRows.end());
}

bool MembersCsvWriter::write()
{
    QFile file(m_options.outputPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        fail(u"cannot write %1: %2"_s.arg(m_options.outputPath, file.errorString()));
        return false;
    }
    if (m_options.encoding == Encoding::Utf8WithBom)
        file.write("\xEF\xBB\xBF");

    const QStringList headers = {u"شماره عضویت"_s, u"نوع عضو"_s, u"نام"_s, u"نام خانوادگی"_s,
        u"نام تعاونی"_s, u"کد ملی"_s, u"استان"_s, u"شهر"_s, u"تلفن همراه"_s, u"تلفن"_s, u"ایمیل"_s,
        u"کد پستی"_s, u"نشانی"_s, u"تاریخ عضویت"_s, u"وضعیت"_s};
    QString pending = headers.join(u',') + u"\r\n"_s;

    MemberGenerator generator(m_options.seed);
    constexpr qsizetype flushAt = 1 << 20;
    for (quint32 index = 0; index < m_options.count; ++index) {
        pending += line(index, generator.next());
        if (pending.size() >= flushAt && !flush(file, pending))
            return false;
    }
    return flush(file, pending);
}

bool MembersCsvWriter::flush(QFile &file, QString &pending)
{
    const QByteArray bytes = m_options.encoding == Encoding::Windows1256
        ? daftar::importing::encodeWindows1256(pending)
        : pending.toUtf8();
    pending.clear();
    if (file.write(bytes) != bytes.size()) {
        fail(u"cannot write %1: %2"_s.arg(m_options.outputPath, file.errorString()));
        return false;
    }
    return true;
}

QString MembersCsvWriter::line(quint32 index, SyntheticMember member)
{
    const quint32 row = index + 2; // the header is row 1
    // The same draws for every row, whatever it holds, so that a file with faults
    // differs from the one without them in the faulty rows only.
    QString province = provinceAsWritten(member.provinceName, m_quirks);
    const int arabicLettersDraw = m_quirks.bounded(100);
    const int leadingZerosDraw = m_quirks.bounded(100);
    const int mobileDraw = m_quirks.bounded(100);
    const int postalCodeDraw = m_quirks.bounded(100);

    if (m_nextFault < m_faultRows.size() && m_faultRows.at(m_nextFault) == index) {
        const auto fault = Fault(m_nextFault % faultKindCount);
        const QString description = applyFault(fault, member, province);
        ++m_nextFault;
        std::fprintf(stderr, "row %u: %s\n", row, qPrintable(description));
    } else {
        remember(row, member);
    }

    // One in five files comes from a keyboard or system that types Arabic yeh and kaf.
    if (arabicLettersDraw < 20) {
        member.firstName = withArabicLetters(member.firstName);
        member.lastName = withArabicLetters(member.lastName);
        member.organizationName = withArabicLetters(member.organizationName);
        member.city = withArabicLetters(member.city);
        member.address = withArabicLetters(member.address);
        province = withArabicLetters(province);
    }
    // Excel stores a code as a number, dropping its leading zeros, unless someone
    // formatted the column as text first.
    QString nationalId = member.nationalId;
    if (nationalId.startsWith(u'0') && leadingZerosDraw < 97) {
        while (nationalId.startsWith(u'0'))
            nationalId.remove(0, 1);
    }
    QString mobile = member.mobile;
    if (mobile.size() == 11) {
        if (mobileDraw < 25)
            mobile.remove(0, 1);
        else if (mobileDraw < 30)
            mobile = u"%1 %2 %3"_s.arg(mobile.first(4), mobile.sliced(4, 3), mobile.sliced(7));
    }
    QString postalCode = member.postalCode;
    if (postalCodeDraw < 15)
        postalCode.insert(5, u'-');
    // Windows' own conversion writes '?' for Persian digits in this code page, so a
    // file that still reads right was typed with Latin ones.
    if (m_options.encoding == Encoding::Windows1256) {
        member.address = daftar::text::toLatinDigits(member.address);
        member.organizationName = daftar::text::toLatinDigits(member.organizationName);
    }

    const bool persian = m_options.persianDigits;
    QString text;
    text.reserve(400);
    appendField(text, digitsAsWritten(member.membershipNo, persian));
    text += u',';
    appendField(text, kindInPersian(member.kind));
    text += u',';
    appendField(text, member.firstName);
    text += u',';
    appendField(text, member.lastName);
    text += u',';
    appendField(text, member.organizationName);
    text += u',';
    appendField(text, digitsAsWritten(nationalId, persian));
    text += u',';
    appendField(text, province);
    text += u',';
    appendField(text, member.city);
    text += u',';
    appendField(text, digitsAsWritten(mobile, persian));
    text += u',';
    appendField(text, digitsAsWritten(member.phone, persian));
    text += u',';
    appendField(text, member.email);
    text += u',';
    appendField(text, digitsAsWritten(postalCode, persian));
    text += u',';
    appendField(text, member.address);
    text += u',';
    appendField(text, digitsAsWritten(member.joinDateJalali, persian));
    text += u',';
    appendField(text, statusInPersian(member.status));
    text += u"\r\n"_s;
    return text;
}

// Spoils one field of the row and says how, for the stderr list.
QString MembersCsvWriter::applyFault(Fault fault, SyntheticMember &member, QString &province)
{
    const Earlier &earlier = member.kind == u"legal" ? m_earlierLegal : m_earlierPerson;
    if (fault == Fault::DuplicateNationalId && earlier.seen == 0)
        fault = Fault::BadChecksum; // nothing earlier of this kind to copy from

    switch (fault) {
    case Fault::BadChecksum: {
        QChar &check = member.nationalId.back();
        check = QChar(u'0' + (check.digitValue() + 1 + int(m_faultPicker.bounded(9))) % 10);
        return u"invalid checksum"_s;
    }
    case Fault::UnknownProvince:
        province = u"آتلانتیس"_s;
        return u"unknown province"_s;
    case Fault::BadMobile:
        member.mobile = u"12345"_s;
        return u"bad mobile"_s;
    case Fault::BadDate:
        member.joinDateJalali = u"1403/13/40"_s;
        return u"bad date"_s;
    case Fault::MissingName:
        if (member.kind == u"legal") {
            member.organizationName.clear();
            return u"missing organization name"_s;
        }
        member.lastName.clear();
        return u"missing last name"_s;
    case Fault::DuplicateNationalId:
        member.nationalId = earlier.nationalId;
        return u"duplicate national code of row %1"_s.arg(earlier.row);
    }
    return {};
}

// Keeps one earlier clean row of each kind, each equally likely (reservoir sampling),
// as the source of a duplicated code.
void MembersCsvWriter::remember(quint32 row, const SyntheticMember &member)
{
    if (m_options.faults == 0)
        return;
    Earlier &earlier = member.kind == u"legal" ? m_earlierLegal : m_earlierPerson;
    ++earlier.seen;
    if (m_faultPicker.bounded(earlier.seen) == 0) {
        earlier.row = row;
        earlier.nationalId = member.nationalId;
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const std::optional<Options> options = parseOptions(QCoreApplication::arguments());
    if (!options)
        return 2;

    QElapsedTimer timer;
    timer.start();
    MembersCsvWriter writer(*options);
    if (!writer.write())
        return 1;
    std::printf("%u members written to %s in %.2f s (%.1f MB)\n", options->count,
        qPrintable(options->outputPath), double(timer.nsecsElapsed()) / 1e9,
        double(QFile(options->outputPath).size()) / 1e6);
    return 0;
}
