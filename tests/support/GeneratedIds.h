// Identifiers for tests, built from the check-digit rules rather than typed by
// hand: the same seed always gives the same valid code.
#pragma once

#include "text/Identifiers.h"

#include <QString>

namespace daftar::test {

// A valid 10-digit national code; seeds below 10^7 give codes starting with 0.
inline QString nationalCode(quint32 seed)
{
    const QString nine = QStringLiteral("%1").arg(seed % 1000000000u, 9, 10, QChar(u'0'));
    return nine + QString::number(text::nationalCodeCheckDigit(nine));
}

// A valid 11-digit national ID of a legal entity.
inline QString legalId(quint32 seed)
{
    const QString ten = QStringLiteral("1%1").arg(seed % 1000000000u, 9, 10, QChar(u'0'));
    return ten + QString::number(text::legalEntityIdCheckDigit(ten));
}

} // namespace daftar::test
