#include "MemberDisplay.h"

#include "text/Collation.h"
#include "text/Jalali.h"
#include "text/PersianText.h"

#include <QCoreApplication>
#include <QDate>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace daftar::ui {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(MemberDisplay)
};
} // namespace

bool isPersian(const QLocale &locale)
{
    return locale.language() == QLocale::Persian;
}

QString provinceName(const QString &code, const QLocale &locale)
{
    const auto province = text::provinceByCode(code);
    if (!province) {
        return code;
    }
    return isPersian(locale) ? province->persianName : province->englishName;
}

QList<text::Province> provincesInDisplayOrder(const QLocale &locale)
{
    QList<text::Province> provinces = text::allProvinces();
    if (isPersian(locale)) {
        std::sort(provinces.begin(), provinces.end(), [](const auto &a, const auto &b) {
            return text::comparePersian(a.persianName, b.persianName) < 0;
        });
    } else {
        std::sort(provinces.begin(), provinces.end(),
            [](const auto &a, const auto &b) { return a.englishName < b.englishName; });
    }
    return provinces;
}

QString formatYear(int year, const QLocale &locale)
{
    QLocale withoutGrouping = locale;
    withoutGrouping.setNumberOptions(QLocale::OmitGroupSeparator);
    return withoutGrouping.toString(year);
}

QString formatRial(qint64 amount, const QLocale &locale)
{
    return Text::tr("%1 Rial").arg(locale.toString(amount));
}

QString formatToman(qint64 amountRial, const QLocale &locale)
{
    // A Toman is ten Rial; a remainder is shown rather than rounded away.
    if (amountRial % 10 != 0) {
        return Text::tr("%1 Toman").arg(locale.toString(double(amountRial) / 10.0, 'f', 1));
    }
    return Text::tr("%1 Toman").arg(locale.toString(amountRial / 10));
}

QString formatCode(const QString &code, const QLocale &locale)
{
    if (code.isEmpty()) {
        return code;
    }
    return text::isolateLeftToRight(isPersian(locale) ? text::toPersianDigits(code) : code);
}

std::optional<qint64> parseAmount(QStringView input)
{
    QString digits = text::toLatinDigits(input);
    digits.remove(QChar(0x066C)); // Arabic thousands separator, as in ۱۲٬۰۰۰
    digits.remove(u',');
    digits.remove(u' ');
    digits.remove(QChar(0x00A0));
    digits.remove(QChar(0x202F));
    if (digits.isEmpty()) {
        return std::nullopt;
    }
    for (QChar c : std::as_const(digits)) {
        if (c < u'0' || c > u'9') {
            return std::nullopt;
        }
    }
    bool ok = false;
    const qint64 amount = digits.toLongLong(&ok);
    return ok ? std::optional<qint64>(amount) : std::nullopt;
}

int currentJalaliYear()
{
    return text::jalaliCalendar().partsFromDate(QDate::currentDate()).year;
}

} // namespace daftar::ui
