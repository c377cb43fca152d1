#include "MemberImport.h"

#include "MemberService.h"
#include "storage/Database.h"
#include "text/Collation.h"
#include "text/Jalali.h"
#include "text/PersianText.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QScopeGuard>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace daftar::members {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Members)
};

// Header spellings seen in provincial files, compared after headerKey().
const QList<std::pair<const char *, QStringList>> &headerAliases()
{
    static const QList<std::pair<const char *, QStringList>> aliases = {
        {"membership_no",
            {u"شماره عضویت"_s, u"ش عضویت"_s, u"membership no"_s, u"membership number"_s}},
        {"kind", {u"نوع عضو"_s, u"نوع"_s, u"نوع عضویت"_s, u"kind"_s, u"type"_s, u"member type"_s}},
        {"first_name", {u"نام"_s, u"first name"_s, u"given name"_s}},
        {"last_name",
            {u"نام خانوادگی"_s, u"نام فامیل"_s, u"last name"_s, u"surname"_s, u"family name"_s}},
        {"organization_name",
            {u"نام تعاونی"_s, u"نام شرکت"_s, u"نام شرکت تعاونی"_s, u"organization name"_s,
                u"organisation name"_s, u"organization"_s, u"company"_s, u"cooperative"_s}},
        {"national_id",
            {u"کد ملی"_s, u"شناسه ملی"_s, u"کد/شناسه ملی"_s, u"national id"_s, u"national code"_s}},
        {"registration_no", {u"شماره ثبت"_s, u"registration no"_s, u"registration number"_s}},
        {"activity_sector",
            {u"زمینه فعالیت"_s, u"حوزه فعالیت"_s, u"بخش فعالیت"_s, u"activity sector"_s,
                u"sector"_s}},
        {"province", {u"استان"_s, u"province"_s}},
        {"city", {u"شهر"_s, u"شهرستان"_s, u"city"_s}},
        {"mobile",
            {u"تلفن همراه"_s, u"موبایل"_s, u"شماره همراه"_s, u"همراه"_s, u"mobile"_s, u"cell"_s}},
        {"phone", {u"تلفن"_s, u"تلفن ثابت"_s, u"phone"_s, u"telephone"_s}},
        {"email", {u"ایمیل"_s, u"پست الکترونیک"_s, u"رایانامه"_s, u"email"_s, u"e-mail"_s}},
        {"postal_code", {u"کد پستی"_s, u"postal code"_s, u"postcode"_s, u"zip"_s}},
        {"address", {u"نشانی"_s, u"آدرس"_s, u"address"_s}},
        {"join_date", {u"تاریخ عضویت"_s, u"join date"_s, u"member since"_s}},
        {"status", {u"وضعیت"_s, u"وضعیت عضویت"_s, u"status"_s}},
        {"notes", {u"توضیحات"_s, u"یادداشت"_s, u"notes"_s}},
    };
    return aliases;
}

// Headers match whatever their spacing, ZWNJ, underscores or letter variants.
QString headerKey(const QString &header)
{
    QString key = text::searchKey(header);
    key.remove(u' ');
    key.remove(u'_');
    key.remove(u'-');
    return key;
}

// Words as headerKey() leaves them, worked out once rather than for every row.
template<typename T>
using Spellings = QList<std::pair<T, QStringList>>;

template<typename T>
Spellings<T> keyed(Spellings<T> words)
{
    for (auto &[meaning, spellings] : words) {
        for (QString &spelling : spellings) {
            spelling = headerKey(spelling);
        }
    }
    return words;
}

template<typename T>
std::optional<T> lookUp(const Spellings<T> &words, const QString &value)
{
    const QString key = headerKey(value);
    for (const auto &[meaning, spellings] : words) {
        if (spellings.contains(key)) {
            return meaning;
        }
    }
    return std::nullopt;
}

std::optional<MemberKind> parseKind(const QString &value)
{
    static const Spellings<MemberKind> words = keyed<MemberKind>({
        {MemberKind::Person, {u"حقیقی"_s, u"person"_s, u"natural"_s, u"شخص"_s}},
        {MemberKind::Legal, {u"حقوقی"_s, u"legal"_s, u"تعاونی"_s, u"شرکت"_s, u"company"_s}},
    });
    return lookUp(words, value);
}

std::optional<MemberStatus> parseStatus(const QString &value)
{
    static const Spellings<MemberStatus> words = keyed<MemberStatus>({
        {MemberStatus::Active, {u"فعال"_s, u"active"_s}},
        {MemberStatus::Suspended, {u"تعلیق"_s, u"معلق"_s, u"تعلیقشده"_s, u"suspended"_s}},
        {MemberStatus::Expired, {u"منقضی"_s, u"منقضیشده"_s, u"expired"_s}},
        {MemberStatus::Resigned, {u"مستعفی"_s, u"استعفا"_s, u"انصراف"_s, u"resigned"_s}},
    });
    return lookUp(words, value);
}

QString cell(const QStringList &cells, int column)
{
    return column >= 0 && column < cells.size() ? cells.at(column).trimmed() : QString();
}

// How many bytes `text` takes in UTF-8.
qint64 utf8Size(QStringView text)
{
    qint64 bytes = 0;
    for (const QChar c : text) {
        bytes += c.unicode() < 0x80 ? 1 : c.unicode() < 0x800 || c.isSurrogate() ? 2 : 3;
    }
    return bytes;
}

QString csvField(const QString &value)
{
    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\n')) {
        return u'"' + QString(value).replace(u"\""_s, u"\"\""_s) + u'"';
    }
    return value;
}

// The header a field came under, for the report.
QString columnName(const ColumnMapping &map, const QString &field)
{
    const int column = map.columnOf(field);
    return column >= 0 ? map.headers.at(column) : field;
}

// One data row read, checked and normalised; no database needed, so rows are
// parsed on a worker thread while the rows before them are written.
struct ParsedRow
{
    qint64 row = 0;
    Member member;
    QString typedId; // the national code as written, for the report
    QList<ImportProblem> problems;
};

ParsedRow parseRow(
    const ColumnMapping &map, const accounts::Actor &actor, qint64 row, const QStringList &cells)
{
    ParsedRow parsed;
    parsed.row = row;
    const auto value = [&](const char *field) {
        return cell(cells, map.columnOf(QString::fromLatin1(field)));
    };
    QList<ImportProblem> &problems = parsed.problems;
    const auto problem = [&](const QString &field, const QString &raw, const QString &code,
                             const QString &message) {
        problems.append({row, columnName(map, field), raw, code, message});
    };

    Member &member = parsed.member;
    member.membershipNo = value("membership_no");
    member.firstName = value("first_name");
    member.lastName = value("last_name");
    member.organizationName = value("organization_name");
    member.nationalId = value("national_id");
    member.registrationNo = value("registration_no");
    member.activitySector = value("activity_sector");
    member.province = value("province");
    member.city = value("city");
    member.mobile = value("mobile");
    member.phone = value("phone");
    member.email = value("email");
    member.postalCode = value("postal_code");
    member.address = value("address");
    member.notes = value("notes");
    const QString kind = value("kind");
    if (const auto parsedKind = parseKind(kind)) {
        member.kind = *parsedKind;
    } else if (kind.isEmpty()) {
        // Without a kind column the ID says it: 11 digits are a legal entity.
        member.kind = text::digitsOnly(member.nationalId).size() == 11 ? MemberKind::Legal
                                                                       : MemberKind::Person;
    } else {
        problem(u"kind"_s, kind, u"invalid_kind"_s,
            Text::tr("\"%1\" is not a kind of member: write حقیقی (person) or حقوقی "
                     "(legal entity).")
                .arg(kind));
    }
    const QString status = value("status");
    if (const auto parsedStatus = parseStatus(status)) {
        member.status = *parsedStatus;
    } else if (!status.isEmpty()) {
        problem(u"status"_s, status, u"invalid_status"_s,
            Text::tr("\"%1\" is not a status: write فعال, تعلیق, منقضی or مستعفی.").arg(status));
    }
    const QString joined = value("join_date");
    if (!joined.isEmpty()) {
        const auto date = text::parseDate(joined);
        if (date) {
            member.joinDate = *date;
        } else {
            problem(u"join_date"_s, joined, u"invalid_date"_s, date.errorMessage());
        }
    }
    const QString typedId = member.nationalId;
    const QString typedProvince = member.province;
    for (const FieldProblem &found : MemberService::normalize(member)) {
        problem(found.field, cell(cells, map.columnOf(found.field)), found.code, found.message);
    }
    if (problems.isEmpty() && accounts::roleIsProvinceScoped(actor.role)
        && member.province != actor.province) {
        problem(u"province"_s, typedProvince, u"out_of_scope"_s,
            Text::tr("Your account is limited to another province."));
    }
    parsed.typedId = typedId;
    return parsed;
}

// Rows parsed ahead at a time: large enough to keep the worker busy, small
// enough that Cancel leaves little read and not written.
constexpr qsizetype parseAheadRows = 2000;

} // namespace

ColumnMapping mapHeaders(const QStringList &headers)
{
    ColumnMapping mapping;
    mapping.headers = headers;
    for (const QString &header : headers) {
        const QString key = headerKey(header);
        QString field;
        for (const auto &[name, spellings] : headerAliases()) {
            const QString canonical = QString::fromLatin1(name);
            if (key == headerKey(canonical)
                || std::any_of(spellings.begin(), spellings.end(),
                    [&](const QString &s) { return headerKey(s) == key; })) {
                field = canonical;
                break;
            }
        }
        // A column used twice feeds the first only; the second is reported unused.
        if (!field.isEmpty() && mapping.fields.contains(field)) {
            field.clear();
        }
        mapping.fields << field;
        if (field.isEmpty() && !header.trimmed().isEmpty()) {
            mapping.unknownHeaders << header;
        }
    }
    return mapping;
}

QStringList memberFields()
{
    QStringList fields;
    for (const auto &[name, spellings] : headerAliases()) {
        fields << QString::fromLatin1(name);
    }
    return fields;
}

int ImportReport::exitCode() const
{
    if (dataRows > 0 && imported + alreadyPresent == 0) {
        return 1;
    }
    return rejected > 0 || cancelled ? 3 : 0;
}

Status ImportReport::saveCsv(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(Error::Kind::Invalid,
            Text::tr("Cannot write the report %1: %2").arg(path, file.errorString()));
    }
    QString out = u"\uFEFFrow,column,value,code,message\r\n"_s;
    for (const ImportProblem &problem : problems) {
        out += QString::number(problem.row) + u',' + csvField(problem.column) + u','
            + csvField(problem.value) + u',' + problem.code + u',' + csvField(problem.message)
            + u"\r\n"_s;
    }
    file.write(out.toUtf8());
    if (!file.commit()) {
        return makeError(Error::Kind::Invalid,
            Text::tr("Cannot write the report %1: %2").arg(path, file.errorString()));
    }
    return success();
}

MemberImport::Tuning &MemberImport::tuning()
{
    static Tuning tuning;
    return tuning;
}

MemberImport::MemberImport(storage::Database &db)
    : m_db(db)
{ }

Result<ImportPreview> MemberImport::preview(
    const QString &path, importing::Encoding encoding, int rows)
{
    ImportPreview preview;
    const auto table = importing::readTable(path, encoding, [&](qint64, const QStringList &cells) {
        if (preview.mapping.headers.isEmpty()) {
            preview.mapping = mapHeaders(cells);
            return true;
        }
        preview.rows << cells;
        return preview.rows.size() < rows;
    });
    if (!table) {
        return table.error();
    }
    preview.table = *table;
    return preview;
}

Result<ImportReport> MemberImport::run(
    const accounts::Actor &actor, const QString &path, const ImportOptions &options)
{
    if (const Status allowed = actor.require(accounts::Permission::EditMembers); !allowed) {
        return allowed.error();
    }
    MemberService service(m_db);
    ImportReport report;
    std::optional<Error> fatal;
    QHash<QString, qint64> seenIds; // kind + national ID → first row
    QHash<QString, qint64> seenNumbers; // membership number → first row
    QList<std::pair<qint64, Member>> batch;
    qsizetype commitAt = batchSize;
    const QString fileName = QFileInfo(path).fileName();

    const auto columnName = [&](const QString &field) {
        return members::columnName(report.mapping, field);
    };
    // Staging pays once the import outgrows the bank it goes into.
    const bool mayStage = !options.dryRun;
    qint64 stageFrom = tuning().stageFromRows;
    if (mayStage) {
        auto held = m_db.run(u"SELECT value FROM counters WHERE name = 'members'"_s);
        if (!held || !held->next()) {
            return held ? makeError(Error::Kind::Storage, u"counters"_s) : held.error();
        }
        stageFrom = std::max(stageFrom, held->value(0).toLongLong());
    }
    // Whether the whole file will outgrow the bank, judged when its first batch
    // is written: the file's size over the bytes of the rows read by then
    // (counted as UTF-8; a file in another encoding or an XLSX is misjudged,
    // which only chooses the other way of writing it). Staged from its first
    // row, a large file skips writing its first rows one by one.
    const qint64 fileBytes = QFileInfo(path).size();
    qint64 bytesRead = 0;
    qint64 rowsMeasured = 0; // the header included
    std::optional<qint64> expectedRows;
    const auto discardStaged = qScopeGuard([&] { service.discardStaged(); });
    const auto writeBatch = [&]() -> Status {
        if (batch.isEmpty()) {
            return success();
        }
        if (mayStage && !expectedRows) {
            expectedRows = bytesRead > 0 ? fileBytes * rowsMeasured / bytesRead : 0;
        }
        if (mayStage
            && (service.stagedRows() > 0
                || report.imported + report.alreadyPresent + batch.size() >= stageFrom
                || *expectedRows >= stageFrom)) {
            const Status staged = m_db.inTransaction([&] { return service.stage(batch); });
            batch.clear();
            return staged;
        }
        const qint64 importedBefore = report.imported;
        const qint64 presentBefore = report.alreadyPresent;
        const Status written = m_db.inTransaction([&]() -> Status {
            // Each row's place in name order, found for the whole batch at once
            // (SQLite; none when a gap is too full, and then endBulkInsert()
            // places the rows).
            QList<qint64> places;
            if (!options.dryRun) {
                if (const Status begun = service.beginBulkInsert(); !begun) {
                    return begun;
                }
                QStringList sortKeys;
                sortKeys.reserve(batch.size());
                for (const auto &entry : batch) {
                    sortKeys << QString::fromLatin1(text::collationKey(entry.second.displayName()));
                }
                auto reserved = service.reservePlaces(sortKeys);
                if (!reserved) {
                    return reserved.error();
                }
                places = std::move(*reserved);
            }
            for (qsizetype at = 0; at < batch.size(); ++at) {
                auto &[row, member] = batch[at];
                if (options.dryRun) {
                    auto exists = m_db.runRepeated(
                        u"SELECT 1 FROM members WHERE kind = ? AND national_id = ?"_s,
                        {kindId(member.kind), member.nationalId});
                    if (!exists) {
                        return exists.error();
                    }
                    (*exists)->next() ? ++report.alreadyPresent : ++report.imported;
                    (*exists)->finish();
                    continue;
                }
                // The record itself holds the values; the audit entry says where they came from.
                auto inserted = service.insertIfAbsent(actor.auditActor(), member,
                    {{u"source"_s, fileName}, {u"row"_s, row},
                        {u"membership_no"_s, member.membershipNo}},
                    places.isEmpty() ? std::optional<qint64>() : places.at(at));
                if (!inserted && inserted.error().kind == Error::Kind::Conflict) {
                    report.problems.append({row, columnName(u"membership_no"_s),
                        member.membershipNo, u"duplicate"_s, inserted.errorMessage()});
                    ++report.rejected;
                    continue;
                }
                if (!inserted) {
                    return inserted.error();
                }
                inserted->has_value() ? ++report.imported : ++report.alreadyPresent;
            }
            return options.dryRun ? success()
                                  : service.endBulkInsert(report.imported - importedBefore);
        });
        if (!written) { // rolled back: none of the batch went in
            report.imported = importedBefore;
            report.alreadyPresent = presentBefore;
        }
        batch.clear();
        return written;
    };

    // Rows in file order, once parsed: duplicates within the file, then the batch.
    const auto accept = [&](ParsedRow &parsed) -> bool {
        ++report.dataRows;
        Member &member = parsed.member;
        QList<ImportProblem> &problems = parsed.problems;
        const auto problem = [&](const QString &field, const QString &raw, const QString &code,
                                 const QString &message) {
            problems.append({parsed.row, columnName(field), raw, code, message});
        };
        if (problems.isEmpty()) {
            const QString key = kindId(member.kind) + u':' + member.nationalId;
            if (const qint64 first = seenIds.value(key); first > 0) {
                problem(u"national_id"_s, parsed.typedId, u"duplicate"_s,
                    Text::tr("The same national code or ID as row %1 of this file.").arg(first));
            } else {
                seenIds.insert(key, parsed.row);
            }
            if (!member.membershipNo.isEmpty()) {
                if (const qint64 first = seenNumbers.value(member.membershipNo); first > 0) {
                    problem(u"membership_no"_s, member.membershipNo, u"duplicate"_s,
                        Text::tr("The same membership number as row %1 of this file.").arg(first));
                } else {
                    seenNumbers.insert(member.membershipNo, parsed.row);
                }
            }
        }
        if (!problems.isEmpty()) {
            ++report.rejected;
            report.problems += problems;
        } else {
            batch.append({parsed.row, std::move(member)});
        }
        if (batch.size() >= commitAt) {
            if (const Status written = writeBatch(); !written) {
                fatal = written.error();
                return false;
            }
            // Each commit writes out every index page the batch touched, and in a
            // large bank that is nearly all of them: fewer, larger commits.
            commitAt = std::min(commitAt * 2, 4 * qsizetype(batchSize));
        }
        if (report.dataRows % batchSize == 0 && options.progress
            && !options.progress(report.dataRows)) {
            report.cancelled = true;
            // What was read before Cancel still goes in whole.
            if (const Status written = writeBatch(); !written) {
                fatal = written.error();
            }
            return false;
        }
        return true;
    };
    // Rows read and not parsed yet, and the rows being parsed.
    QList<std::pair<qint64, QStringList>> pending;
    QFuture<QList<ParsedRow>> parsing;
    const auto parseRows = [&map = std::as_const(report.mapping), actor](
                               const QList<std::pair<qint64, QStringList>> &rows) {
        QList<ParsedRow> parsed;
        parsed.reserve(rows.size());
        for (const auto &[row, cells] : rows) {
            parsed.append(parseRow(map, actor, row, cells));
        }
        return parsed;
    };
    const auto acceptParsed = [&]() -> bool {
        if (!parsing.isValid()) {
            return true;
        }
        QList<ParsedRow> parsed = parsing.result();
        parsing = {};
        for (ParsedRow &row : parsed) {
            if (!accept(row)) {
                return false;
            }
        }
        return true;
    };

    m_db.setBulkCache(true);
    const auto restoreCache = qScopeGuard([&] { m_db.setBulkCache(false); });
    const auto table
        = importing::readTable(path, options.encoding, [&](qint64 row, const QStringList &cells) {
              if (mayStage && !expectedRows) {
                  for (const QString &text : cells) {
                      bytesRead += utf8Size(text) + 1; // and its delimiter or line end
                  }
                  ++rowsMeasured;
              }
              if (report.mapping.headers.isEmpty()) {
                  report.mapping = mapHeaders(cells);
                  const bool hasNames = report.mapping.columnOf(u"last_name"_s) >= 0
                      || report.mapping.columnOf(u"organization_name"_s) >= 0;
                  QStringList missing;
                  if (report.mapping.columnOf(u"national_id"_s) < 0) {
                      missing << Text::tr("national code or ID (کد ملی)");
                  }
                  if (report.mapping.columnOf(u"province"_s) < 0) {
                      missing << Text::tr("province (استان)");
                  }
                  if (!hasNames) {
                      missing << Text::tr(
                          "last name (نام خانوادگی) or cooperative name (نام تعاونی)");
                  }
                  if (!missing.isEmpty()) {
                      fatal = makeError(Error::Kind::Invalid,
                          Text::tr("%1: the first row has no column for %2. Check that "
                                   "the first row holds the column headers.")
                              .arg(fileName, missing.join(u", "_s)));
                      return false;
                  }
                  return true;
              }
              pending.append({row, cells});
              if (pending.size() < parseAheadRows) {
                  return true;
              }
              // The worker parses these rows while the ones before them are written.
              auto next = QtConcurrent::run(parseRows, std::exchange(pending, {}));
              const bool more = acceptParsed();
              parsing = std::move(next);
              return more;
          });
    if (table && !fatal && !report.cancelled && acceptParsed()) {
        // The end of the file: the last rows read, parsed here.
        for (ParsedRow &parsed : parseRows(std::exchange(pending, {}))) {
            if (!accept(parsed)) {
                break;
            }
        }
    }
    // Cancel or an error stopped the reading: rows still being parsed are not
    // counted and are left out, as if not read. The task reads the mapping, so
    // it ends here.
    if (parsing.isValid()) {
        parsing.waitForFinished();
        parsing = {};
    }
    if (!table) {
        return table.error();
    }
    if (!fatal && !report.cancelled) {
        if (const Status written = writeBatch(); !written) {
            fatal = written.error();
        }
        if (options.progress) {
            options.progress(report.dataRows);
        }
    }
    if (!fatal && service.stagedRows() > 0) {
        if (options.writing) {
            options.writing(service.stagedRows());
        }
        const auto loaded = service.loadStaged(actor.auditActor(), fileName);
        if (loaded) {
            report.imported += loaded->imported;
            report.alreadyPresent += loaded->alreadyPresent;
            for (const auto &[row, number] : loaded->numberTaken) {
                report.problems.append({row, columnName(u"membership_no"_s), number, u"duplicate"_s,
                    MemberService::numberTakenMessage(number)});
                ++report.rejected;
            }
            std::stable_sort(report.problems.begin(), report.problems.end(),
                [](const ImportProblem &a, const ImportProblem &b) { return a.row < b.row; });
        } else {
            fatal = loaded.error();
        }
    }
    if (fatal) {
        if (report.imported == 0) {
            return *fatal;
        }
        // Earlier batches are in and will be recognised when the import runs again.
        report.cancelled = true;
        report.problems.append({0, {}, {}, u"stopped"_s, fatal->message});
    }
    report.table = *table;
    if (report.mapping.headers.isEmpty()) {
        return makeError(Error::Kind::Invalid, Text::tr("%1 is empty.").arg(fileName));
    }
    return report;
}

} // namespace daftar::members
