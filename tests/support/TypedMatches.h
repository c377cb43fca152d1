// What a type-ahead should find, worked out the plain way: every typed word
// starts a word of the member's search key (names, codes, mobile, city).
#pragma once

#include "members/MemberService.h"
#include "text/PersianText.h"

#include <QStringList>

#include <algorithm>

namespace daftar::test {

inline bool typedMatches(const members::Member &member, const QString &typed)
{
    QStringList tokens;
    QString token;
    for (const QChar c : members::MemberService::searchKeyOf(member) + u' ') {
        if (c.isLetterOrNumber()) {
            token += c;
        } else if (!token.isEmpty()) {
            tokens << token;
            token.clear();
        }
    }
    for (const QString &word : text::searchKey(typed).split(u' ', Qt::SkipEmptyParts)) {
        if (std::none_of(tokens.begin(), tokens.end(),
                [&](const QString &t) { return t.startsWith(word); })) {
            return false;
        }
    }
    return true;
}

// The ids of `all` (in the order given) that a type-ahead of `typed` in
// `province` (empty: all provinces) should find.
inline QList<qint64> typedMatchIds(
    const QList<members::Member> &all, const QString &typed, const QString &province = {})
{
    QList<qint64> ids;
    for (const members::Member &member : all) {
        if (typedMatches(member, typed) && (province.isEmpty() || member.province == province)) {
            ids << member.id;
        }
    }
    return ids;
}

} // namespace daftar::test
