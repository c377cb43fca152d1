#include "MemberExport.h"

#include "importing/XlsxWriter.h"
#include "text/Jalali.h"
#include "text/Provinces.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace daftar::members {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Members)
};

const QStringList headers {u"شماره عضویت"_s, u"نوع عضو"_s, u"نام"_s, u"نام خانوادگی"_s,
    u"نام تعاونی"_s, u"کد ملی"_s, u"شماره ثبت"_s, u"زمینه فعالیت"_s, u"استان"_s, u"شهر"_s,
    u"تلفن همراه"_s, u"تلفن"_s, u"ایمیل"_s, u"کد پستی"_s, u"نشانی"_s, u"تاریخ عضویت"_s, u"وضعیت"_s};

QStringList rowOf(const Member &member)
{
    const auto province = text::provinceByCode(member.province);
    const QString mobile
        = member.mobile.startsWith(u"+98"_s) ? u'0' + member.mobile.mid(3) : member.mobile;
    const QLocale latin(QLocale::English);
    return {member.membershipNo, member.kind == MemberKind::Legal ? u"حقوقی"_s : u"حقیقی"_s,
        member.firstName, member.lastName, member.organizationName, member.nationalId,
        member.registrationNo, member.activitySector,
        province ? province->persianName : member.province, member.city, mobile, member.phone,
        member.email, member.postalCode, member.address,
        member.joinDate.isValid()
            ? text::formatJalali(member.joinDate, latin, text::DateStyle::Numeric)
            : QString(),
        QStringList {u"فعال"_s, u"تعلیق"_s, u"منقضی"_s, u"مستعفی"_s}.at(int(member.status))};
}

QString csvField(const QString &value)
{
    if (value.contains(u',') || value.contains(u'"') || value.contains(u'\n')) {
        return u'"' + QString(value).replace(u"\""_s, u"\"\""_s) + u'"';
    }
    return value;
}

} // namespace

Result<qint64> exportMembers(storage::Database &db, const accounts::Actor &actor,
    const MemberQuery &query, const QString &path)
{
    MemberService service(db);
    qint64 written = 0;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "xlsx"_L1) {
        std::optional<Error> failure;
        QString tempPath = path + u".part"_s;
        // The rows come from the database as the writer asks for them. A failed query
        // can only end the sheet early, which the writer would save as complete, so
        // the sheet goes to a file of its own that replaces `path` only on success.
        QList<Member> pending;
        bool done = false;
        qint64 offset = 0;
        const Status saved = importing::writeXlsx(
            tempPath, headers,
            [&](QStringList &row) {
                if (pending.isEmpty() && !done) {
                    MemberQuery page = query;
                    page.limit = 5000;
                    page.offset = int(offset);
                    auto rows = service.search(actor, page);
                    if (!rows) {
                        failure = rows.error();
                        return false;
                    }
                    pending = *rows;
                    offset += pending.size();
                    done = pending.size() < page.limit;
                }
                if (pending.isEmpty()) {
                    return false;
                }
                row = rowOf(pending.takeFirst());
                ++written;
                return true;
            },
            Text::tr("Members"), true);
        if (failure) {
            QFile::remove(tempPath);
            return *failure;
        }
        if (!saved) {
            QFile::remove(tempPath);
            return saved.error();
        }
        QFile::remove(path);
        if (!QFile::rename(tempPath, path)) {
            return makeError(Error::Kind::Invalid,
                Text::tr("Cannot write %1: check that it is not open in Excel.").arg(path));
        }
        return written;
    }
    if (suffix != "csv"_L1) {
        return makeError(Error::Kind::Invalid,
            Text::tr("Cannot export to %1: name the file .csv or .xlsx.").arg(path));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(
            Error::Kind::Invalid, Text::tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    QByteArray buffer = "\xEF\xBB\xBF"; // Excel reads UTF-8 only with the BOM
    buffer += (headers.join(u',') + u"\r\n"_s).toUtf8();
    const Status streamed = service.forEach(actor, query, [&](const Member &member) {
        QStringList fields = rowOf(member);
        for (QString &field : fields) {
            field = csvField(field);
        }
        buffer += (fields.join(u',') + u"\r\n"_s).toUtf8();
        if (buffer.size() > (1 << 20)) {
            file.write(buffer);
            buffer.clear();
        }
        ++written;
        return true;
    });
    if (!streamed) {
        file.cancelWriting();
        return streamed.error();
    }
    file.write(buffer);
    if (!file.commit()) {
        return makeError(
            Error::Kind::Invalid, Text::tr("Cannot write %1: %2").arg(path, file.errorString()));
    }
    return written;
}

} // namespace daftar::members
