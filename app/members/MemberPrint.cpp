#include "MemberPrint.h"

#include "text/Identifiers.h"
#include "text/Jalali.h"
#include "text/PersianText.h"
#include "text/Provinces.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace daftar::members {

namespace {

bool isPersian(const QLocale &locale)
{
    return locale.language() == QLocale::Persian;
}

// A printed page speaks the language it is printed in, whatever the program's
// own language is (daftar-cli has none): its words come from here, not tr().
QString word(const QLocale &locale, const char *english, const char16_t *persian)
{
    return isPersian(locale) ? QString::fromUtf16(persian) : QString::fromLatin1(english);
}

QString kindWord(MemberKind kind, const QLocale &locale)
{
    return kind == MemberKind::Legal ? word(locale, "Legal entity", u"حقوقی")
                                     : word(locale, "Person", u"حقیقی");
}

QString statusWord(MemberStatus status, const QLocale &locale)
{
    switch (status) {
    case MemberStatus::Active:
        return word(locale, "Active", u"فعال");
    case MemberStatus::Suspended:
        return word(locale, "Suspended", u"تعلیق");
    case MemberStatus::Expired:
        return word(locale, "Expired", u"منقضی");
    case MemberStatus::Resigned:
        return word(locale, "Resigned", u"استعفا");
    }
    return {};
}

QString digits(const QString &value, const QLocale &locale)
{
    return isPersian(locale) ? text::toPersianDigits(value) : value;
}

QString escaped(const QString &value)
{
    return value.toHtmlEscaped();
}

QString provinceName(const QString &code, const QLocale &locale)
{
    const auto province = text::provinceByCode(code);
    if (!province) {
        return code;
    }
    return isPersian(locale) ? province->persianName : province->englishName;
}

// The page around the content: the bundled font from the resources (the
// renderer loads pages at qrc:/site/), A4 with narrow margins.
QString page(const QString &title, const QString &style, const QString &body, const QLocale &locale)
{
    const bool rtl = isPersian(locale);
    return u"<!DOCTYPE html><html lang=\"%1\" dir=\"%2\"><head><meta charset=\"utf-8\">"
           "<title>%3</title><style>"
           "@font-face{font-family:Vazirmatn;font-weight:400;"
           "src:url(qrc:/fonts/Vazirmatn-Regular.ttf)}"
           "@font-face{font-family:Vazirmatn;font-weight:700;"
           "src:url(qrc:/fonts/Vazirmatn-Bold.ttf)}"
           "@page{size:A4;margin:14mm 12mm}"
           "body{font-family:Vazirmatn,sans-serif;font-size:9.5pt;color:#1d2327}"
           "%4</style></head><body>%5</body></html>"_s.arg(
               rtl ? u"fa"_s : u"en"_s, rtl ? u"rtl"_s : u"ltr"_s, escaped(title), style, body);
}

} // namespace

QString memberListPage(
    const QList<Member> &members, qint64 total, const QString &title, const QLocale &locale)
{
    const bool persian = isPersian(locale);
    QString rows;
    int number = 0;
    for (const Member &member : members) {
        rows += u"<tr><td class=n>%1</td><td class=n>%2</td><td>%3</td><td>%4</td>"
                "<td class=n>%5</td><td>%6</td><td>%7</td><td class=n><bdi>%8</bdi></td>"
                "<td class=n>%9</td><td>%10</td></tr>"_s.arg(
                    digits(QString::number(++number), locale),
                    digits(escaped(member.membershipNo), locale), escaped(member.displayName()),
                    escaped(kindWord(member.kind, locale)), digits(member.nationalId, locale),
                    escaped(provinceName(member.province, locale)), escaped(member.city),
                    member.mobile.isEmpty() ? QString()
                                            : escaped(text::displayMobile(member.mobile, persian)),
                    text::formatJalali(member.joinDate, locale, text::DateStyle::Numeric),
                    escaped(statusWord(member.status, locale)));
    }
    const QString printed = text::formatJalaliDateTime(QDateTime::currentDateTime(), locale);
    QString summary = word(locale, "%1 members, printed %2", u"%1 عضو، چاپ %2")
                          .arg(digits(QString::number(members.size()), locale), printed);
    if (total > members.size()) {
        summary = word(locale,
            "The first %1 of %2 members, printed %3. Narrow the list with the search and "
            "filters to print the others.",
            u"%1 عضو نخست از %2 عضو، چاپ %3. برای چاپ بقیه، فهرست را با "
            u"جست‌وجو "
            u"و "
            u"پالایه‌ها "
            u"کوچک‌تر کنید.")
                      .arg(digits(QString::number(members.size()), locale),
                          digits(QString::number(total), locale), printed);
    }
    const QString body
        = u"<h1>%1</h1><p class=summary>%2</p><table><thead><tr><th>#</th>"
          "<th>%3</th><th>%4</th><th>%5</th><th>%6</th><th>%7</th><th>%8</th>"
          "<th>%9</th><th>%10</th><th>%11</th></tr></thead><tbody>%12</tbody>"
          "</table>"_s.arg(escaped(title), escaped(summary),
              word(locale, "Membership no.", u"شماره عضویت"), word(locale, "Name", u"نام"),
              word(locale, "Kind", u"نوع"), word(locale, "National code / ID", u"کد / شناسه ملی"),
              word(locale, "Province", u"استان"), word(locale, "City", u"شهر"),
              word(locale, "Mobile", u"تلفن همراه"), word(locale, "Joined", u"تاریخ عضویت"),
              word(locale, "Status", u"وضعیت"), rows);
    const QString style
        = u"h1{font-size:15pt;margin:0 0 2mm}.summary{color:#50575e;margin:0 0 4mm}"
          "table{width:100%;border-collapse:collapse}"
          "th{background:#0f5c4d;color:#fff;font-weight:700;text-align:start;padding:1.6mm 2mm}"
          "td{padding:1.3mm 2mm;border-bottom:0.2mm solid #dcdcde}"
          "tr:nth-child(even) td{background:#f6f7f7}thead{display:table-header-group}"
          "tr{page-break-inside:avoid}.n{white-space:nowrap}"_s;
    return page(title, style, body, locale);
}

QString membershipCardPage(const Member &member, const QString &organisation, const QLocale &locale)
{
    const auto line = [&](const QString &label, const QString &value) {
        return value.isEmpty()
            ? QString()
            : u"<div class=row><span class=label>%1</span> <span>%2</span></div>"_s.arg(
                escaped(label), value);
    };
    const QString idLabel = member.kind == MemberKind::Legal
        ? word(locale, "National ID", u"شناسه ملی")
        : word(locale, "National code", u"کد ملی");
    const QString body
        = u"<div class=card><div class=org>%1</div><div class=title>%2</div>"
          "<div class=name>%3</div>%4%5%6%7%8</div>"_s.arg(escaped(organisation),
              escaped(word(locale, "Membership card", u"کارت عضویت")),
              escaped(member.displayName()),
              line(word(locale, "Membership no.", u"شماره عضویت"),
                  digits(escaped(member.membershipNo), locale)),
              line(idLabel, digits(member.nationalId, locale)),
              line(word(locale, "Province", u"استان"),
                  escaped(provinceName(member.province, locale))),
              line(word(locale, "Member since", u"عضو از"),
                  text::formatJalali(member.joinDate, locale, text::DateStyle::Long)),
              line(word(locale, "Status", u"وضعیت"), escaped(statusWord(member.status, locale))));
    const QString style = u".card{width:85.6mm;height:54mm;box-sizing:border-box;padding:4mm 5mm;"
                          "border-radius:3mm;border:0.3mm solid #0f5c4d;"
                          "background:linear-gradient(135deg,#e8f3f0,#ffffff 60%);"
                          "-webkit-print-color-adjust:exact;print-color-adjust:exact}"
                          ".org{color:#0f5c4d;font-weight:700;font-size:9pt}"
                          ".title{color:#50575e;font-size:7.5pt;margin-bottom:2mm}"
                          ".name{font-size:12pt;font-weight:700;margin-bottom:1.5mm}"
                          ".row{font-size:8pt;line-height:1.55}.label{color:#50575e}"_s;
    return page(word(locale, "Membership card of %1", u"کارت عضویت %1").arg(member.displayName()),
        style, body, locale);
}

} // namespace daftar::members
