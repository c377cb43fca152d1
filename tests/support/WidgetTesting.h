// Small helpers the widget tests share: finding a named child (and saying
// which one is missing), and telling which digits a text shows.
#pragma once

#include <QObject>
#include <QString>

#include <algorithm>

namespace daftar::test {

template<typename T>
T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found) {
        qWarning("no child %s", qPrintable(name));
    }
    return found;
}

inline bool hasPersianDigit(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(),
        [](QChar c) { return c.unicode() >= 0x06F0 && c.unicode() <= 0x06F9; });
}

inline bool hasLatinDigit(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

} // namespace daftar::test
