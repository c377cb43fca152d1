// The 31 provinces of Iran with their ISO 3166-2:IR codes, and lookup from the
// many spellings import files use.
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace daftar::text {

struct Province
{
    QString code; // "IR-23"
    QString englishName; // "Tehran"
    QString persianName; // "تهران"
};

// All 31, in ISO code order.
const QList<Province> &allProvinces();

// Matches Persian or English names after normalisation (ZWNJ or space or none,
// Arabic yeh/kaf, "استان" / "province" prefix or suffix, common transliterations
// such as "Khorasan Razavi", "تهران بزرگ") and the ISO code itself ("IR-23", "ir23").
// Returns nothing rather than guessing when the spelling is unknown or ambiguous.
std::optional<Province> findProvince(QStringView anySpelling);

std::optional<Province> provinceByCode(QStringView isoCode);

} // namespace daftar::text
