#include "DirectoryPages.h"

#include "storage/Database.h"
#include "text/PersianText.h"
#include "text/Provinces.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace daftar::publishing {

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

// Numbers read right in each language; phone numbers stay left-to-right.
QString number(const QString &text, bool persian)
{
    const QString digits = persian ? text::toPersianDigits(text) : text;
    return u"<span dir=\"ltr\">"_s + escaped(digits) + u"</span>"_s;
}

QString provinceName(const QString &code, bool persian)
{
    const auto province = text::provinceByCode(code);
    if (!province) {
        return code;
    }
    return persian ? province->persianName : province->englishName;
}

QString cell(const QString &html, bool header = false)
{
    return header ? u"<th>"_s + html + u"</th>"_s : u"<td>"_s + html + u"</td>"_s;
}

Payload page(const QString &key, const QString &language, const QString &slug, const QString &title,
    const QString &body)
{
    Payload payload;
    payload.entity
        = key.startsWith("page-branches"_L1) ? Entity::BranchesPage : Entity::MembersPage;
    payload.key = key + u'-' + language;
    payload.type = u"page"_s;
    payload.language = language;
    payload.slug = language == "fa"_L1 ? slug : slug + u"-en"_s;
    payload.title = title;
    payload.bodyHtml = body;
    payload.updatedAt = QDateTime::currentDateTimeUtc();
    return payload;
}

} // namespace

Result<Payload> branchesPage(storage::Database &db, const QString &language)
{
    const bool fa = language == "fa"_L1;
    auto query = db.run(
        u"SELECT b.province, b.city, b.name, b.head, b.address, b.postal_code, b.phones, b.email, "
        "p.sort_key, b.sort_key FROM branches b JOIN provinces p ON p.code = b.province "
        "WHERE b.active = 1 ORDER BY p.sort_key, b.sort_key"_s);
    if (!query) {
        return query.error();
    }
    QString rows;
    int count = 0;
    while (query->next()) {
        ++count;
        const QString email = query->value(7).toString();
        rows += u"<tr>"_s + cell(escaped(provinceName(query->value(0).toString(), fa)))
            + cell(escaped(query->value(1).toString())) + cell(escaped(query->value(2).toString()))
            + cell(escaped(query->value(3).toString())) + cell(escaped(query->value(4).toString()))
            + cell(number(query->value(6).toString(), fa))
            + cell(
                email.isEmpty() ? QString() : u"<a href=\"mailto:%1\">%1</a>"_s.arg(escaped(email)))
            + u"</tr>"_s;
    }
    const QString header = fa ? cell(u"استان"_s, true) + cell(u"شهر"_s, true)
            + cell(u"شعبه"_s, true) + cell(u"مسئول"_s, true) + cell(u"نشانی"_s, true)
            + cell(u"تلفن"_s, true) + cell(u"ایمیل"_s, true)
                              : cell(u"Province"_s, true) + cell(u"City"_s, true)
            + cell(u"Branch"_s, true) + cell(u"Head"_s, true) + cell(u"Address"_s, true)
            + cell(u"Phone"_s, true) + cell(u"Email"_s, true);
    const QString intro = fa
        ? u"<p>%1 شعبهٔ فعال در استان‌های کشور.</p>"_s.arg(
            text::toPersianDigits(QString::number(count)))
        : u"<p>%1 active branches across the provinces.</p>"_s.arg(count);
    return page(u"page-branches"_s, language, u"branches"_s,
        fa ? u"شعبه‌های استانی"_s : u"Provincial branches"_s,
        intro + u"<table><thead><tr>"_s + header + u"</tr></thead><tbody>"_s + rows
            + u"</tbody></table>"_s);
}

Result<Payload> membersPage(storage::Database &db, const QString &language)
{
    const bool fa = language == "fa"_L1;
    // Only what a member consented to leaves the database: the columns are
    // chosen per row from directory_fields, and national codes never are.
    auto query = db.run(
        u"SELECT kind, first_name, last_name, organization_name, province, city, mobile, email, "
        "directory_fields FROM members WHERE directory_consent = 1 AND status = 'active' "
        "ORDER BY sort_key"_s);
    if (!query) {
        return query.error();
    }
    QString rows;
    int count = 0;
    while (query->next()) {
        const QStringList fields = query->value(8).toString().split(u',', Qt::SkipEmptyParts);
        if (!fields.contains("name"_L1)) {
            continue; // a row without a name would tell nobody anything
        }
        ++count;
        const QString name = query->value(0).toString() == "legal"_L1
            ? query->value(3).toString()
            : (query->value(1).toString() + u' ' + query->value(2).toString()).trimmed();
        const auto consented = [&](const char *field, const QString &html) {
            return cell(fields.contains(QLatin1String(field)) ? html : QString());
        };
        const QString email = query->value(7).toString();
        rows += u"<tr>"_s + cell(escaped(name))
            + consented("province", escaped(provinceName(query->value(4).toString(), fa)))
            + consented("city", escaped(query->value(5).toString()))
            + consented("mobile", number(query->value(6).toString(), fa))
            + consented("email",
                email.isEmpty() ? QString() : u"<a href=\"mailto:%1\">%1</a>"_s.arg(escaped(email)))
            + u"</tr>"_s;
    }
    const QString header = fa ? cell(u"نام"_s, true) + cell(u"استان"_s, true) + cell(u"شهر"_s, true)
            + cell(u"تلفن همراه"_s, true) + cell(u"ایمیل"_s, true)
                              : cell(u"Name"_s, true) + cell(u"Province"_s, true)
            + cell(u"City"_s, true) + cell(u"Mobile"_s, true) + cell(u"Email"_s, true);
    const QString intro = fa
        ? u"<p>%1 عضو با رضایت خود در این فهرست آمده‌اند.</p>"_s
              .arg(text::toPersianDigits(QString::number(count)))
        : u"<p>%1 members chose to be listed here.</p>"_s.arg(count);
    return page(u"page-members"_s, language, u"members"_s,
        fa ? u"فهرست اعضا"_s : u"Member directory"_s,
        intro + u"<table><thead><tr>"_s + header + u"</tr></thead><tbody>"_s + rows
            + u"</tbody></table>"_s);
}

} // namespace daftar::publishing
