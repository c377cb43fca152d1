#include "Collation.h"

#include <QVarLengthArray>
#include <QtGlobal>

#include <memory>
#include <unicode/ucol.h>

namespace daftar::text {

namespace {

struct CollatorCloser
{
    void operator()(UCollator *collator) const { ucol_close(collator); }
};

using CollatorPtr = std::unique_ptr<UCollator, CollatorCloser>;

CollatorPtr openPersianCollator()
{
    UErrorCode status = U_ZERO_ERROR;
    CollatorPtr collator(ucol_open("fa", &status));
    if (U_FAILURE(status))
        qFatal("ICU cannot open the Persian collator: %s", u_errorName(status));
    // Text pasted from different sources mixes precomposed and decomposed forms
    // (آ as U+0622 or as ا + U+0653); both must sort in the same place.
    ucol_setAttribute(collator.get(), UCOL_NORMALIZATION_MODE, UCOL_ON, &status);
    return collator;
}

// A UCollator may not be used by two threads at once; one per thread avoids a lock
// on a path that sorts and indexes whole tables.
UCollator *persianCollator()
{
    thread_local const CollatorPtr collator = openPersianCollator();
    return collator.get();
}

} // namespace

QByteArray collationKey(QStringView text)
{
    UCollator *collator = persianCollator();
    const auto length = int(text.size());
    QVarLengthArray<uint8_t, 256> key(256);
    int needed = ucol_getSortKey(collator, text.utf16(), length, key.data(), int(key.size()));
    if (needed > key.size()) {
        key.resize(needed);
        needed = ucol_getSortKey(collator, text.utf16(), length, key.data(), int(key.size()));
    }
    // The key ends with a zero byte, which sorts before every other byte anyway;
    // dropping it keeps the hex text free of a meaningless "00" tail.
    const qsizetype significant = needed > 0 ? needed - 1 : 0;
    return QByteArray::fromRawData(reinterpret_cast<const char *>(key.constData()), significant)
        .toHex();
}

int comparePersian(QStringView a, QStringView b)
{
    const UCollationResult result
        = ucol_strcoll(persianCollator(), a.utf16(), int(a.size()), b.utf16(), int(b.size()));
    switch (result) {
    case UCOL_LESS:
        return -1;
    case UCOL_GREATER:
        return 1;
    case UCOL_EQUAL:
        break;
    }
    return 0;
}

} // namespace daftar::text
