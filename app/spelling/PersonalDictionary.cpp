#include "PersonalDictionary.h"

#include "storage/Database.h"
#include "text/Collation.h"
#include "text/PersianText.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace daftar::spelling {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Newsroom)
};

// Longer than any real word; keeps a paste of a whole sentence out of the dictionary.
constexpr qsizetype maximumWordLength = 64;

Status requireOwner(const accounts::Actor &actor)
{
    if (actor.username.isEmpty()) {
        return makeError(Error::Kind::Refused,
            Text::tr("Log in to keep your own dictionary: its words are stored under your user "
                     "name."));
    }
    return success();
}

// The spelling checker treats Arabic ي/ك as ی/ک, so the stored word does too:
// otherwise one word could be listed twice.
Result<QString> cleanWord(const QString &typed)
{
    const QString word
        = text::unifyArabicLetters(typed.trimmed()).normalized(QString::NormalizationForm_C);
    if (word.isEmpty()) {
        return makeError(
            Error::Kind::Invalid, Text::tr("Type the word to add to your dictionary."));
    }
    if (std::any_of(word.cbegin(), word.cend(), [](QChar c) { return c.isSpace(); })) {
        return makeError(Error::Kind::Invalid,
            Text::tr("\"%1\" has a space in it. Add one word at a time.").arg(word));
    }
    if (word.size() > maximumWordLength) {
        return makeError(Error::Kind::Invalid,
            Text::tr("\"%1\" is too long to be one word. Add one word at a time.").arg(word));
    }
    return word;
}

} // namespace

PersonalDictionary::PersonalDictionary(storage::Database &db)
    : m_db(db)
{ }

Result<QStringList> PersonalDictionary::words(const accounts::Actor &actor)
{
    if (const Status owner = requireOwner(actor); !owner) {
        return owner.error();
    }
    auto rows = m_db.run(u"SELECT word FROM personal_words WHERE owner = ?"_s, {actor.username});
    if (!rows) {
        return rows.error();
    }
    QStringList words;
    while (rows->next()) {
        words << rows->value(0).toString();
    }
    std::sort(words.begin(), words.end(),
        [](const QString &a, const QString &b) { return text::comparePersian(a, b) < 0; });
    return words;
}

Status PersonalDictionary::add(const accounts::Actor &actor, const QString &word)
{
    if (const Status owner = requireOwner(actor); !owner) {
        return owner;
    }
    const Result<QString> clean = cleanWord(word);
    if (!clean) {
        return clean.error();
    }
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    return m_db.inTransaction([&]() -> Status {
        // Two desktops of the same user may add the same word at once.
        const auto inserted = m_db.run(u"INSERT INTO personal_words (owner, word, added_at) "
                                       "VALUES (?, ?, ?) ON CONFLICT (owner, word) DO NOTHING"_s,
            {actor.username, *clean, now});
        if (!inserted) {
            return inserted.error();
        }
        return success();
    });
}

Status PersonalDictionary::remove(const accounts::Actor &actor, const QString &word)
{
    if (const Status owner = requireOwner(actor); !owner) {
        return owner;
    }
    const Result<QString> clean = cleanWord(word);
    if (!clean) {
        return clean.error();
    }
    return m_db.inTransaction([&]() -> Status {
        const auto removed = m_db.run(
            u"DELETE FROM personal_words WHERE owner = ? AND word = ?"_s, {actor.username, *clean});
        if (!removed) {
            return removed.error();
        }
        if (removed->numRowsAffected() == 0) {
            return makeError(
                Error::Kind::NotFound, Text::tr("\"%1\" is not in your dictionary.").arg(*clean));
        }
        return success();
    });
}

} // namespace daftar::spelling
