#include "Provinces.h"

#include "PersianText.h"

#include <QHash>
#include <QStringList>

#include <algorithm>

namespace daftar::text {

using namespace Qt::StringLiterals;

namespace {

struct Spelling
{
    QString code;
    QString spelling;
};

// Spellings seen in import files beyond the official names. Word order, spacing,
// ZWNJ, case, Arabic letters, the "province" / "استان" wording and the word-level
// variants in wordSynonyms() are handled by the key, so only whole different
// wordings are listed here.
const QList<Spelling> &extraSpellings()
{
    static const QList<Spelling> spellings = {
        {u"IR-11"_s, u"سیستان بلوچستان"_s},
        {u"IR-14"_s, u"چهارمحال بختیاری"_s},
        {u"IR-17"_s, u"کهگیلویه بویراحمد"_s},
        {u"IR-17"_s, u"کهکیلویه و بویراحمد"_s},
        {u"IR-23"_s, u"تهران بزرگ"_s},
        {u"IR-23"_s, u"Greater Tehran"_s},
        {u"IR-05"_s, u"Kermanshahan"_s},
    };
    return spellings;
}

// Transliterations vary word by word; each variant maps to the word the key uses.
const QHash<QString, QString> &wordSynonyms()
{
    static const QHash<QString, QString> synonyms = {
        {u"azarbaijan"_s, u"azerbaijan"_s},
        {u"azarbayjan"_s, u"azerbaijan"_s},
        {u"azerbayjan"_s, u"azerbaijan"_s},
        {u"azarbaidjan"_s, u"azerbaijan"_s},
        {u"azerbaidjan"_s, u"azerbaijan"_s},
        {u"sharqi"_s, u"east"_s},
        {u"sharghi"_s, u"east"_s},
        {u"eastern"_s, u"east"_s},
        {u"gharbi"_s, u"west"_s},
        {u"western"_s, u"west"_s},
        {u"shomali"_s, u"north"_s},
        {u"shemali"_s, u"north"_s},
        {u"northern"_s, u"north"_s},
        {u"jonubi"_s, u"south"_s},
        {u"jonoubi"_s, u"south"_s},
        {u"southern"_s, u"south"_s},
        {u"khorassan"_s, u"khorasan"_s},
        {u"esfahan"_s, u"isfahan"_s},
        {u"ispahan"_s, u"isfahan"_s},
        {u"kordestan"_s, u"kurdistan"_s},
        {u"kurdestan"_s, u"kurdistan"_s},
        {u"kordistan"_s, u"kurdistan"_s},
        {u"baluchistan"_s, u"baluchestan"_s},
        {u"balochistan"_s, u"baluchestan"_s},
        {u"baloochestan"_s, u"baluchestan"_s},
        {u"balouchestan"_s, u"baluchestan"_s},
        {u"seistan"_s, u"sistan"_s},
        {u"chaharmahaal"_s, u"chaharmahal"_s},
        {u"mahaal"_s, u"mahal"_s},
        {u"bakhtiyari"_s, u"bakhtiari"_s},
        {u"kohkiluyeh"_s, u"kohgiluyeh"_s},
        {u"kohgiloyeh"_s, u"kohgiluyeh"_s},
        {u"kohgilouyeh"_s, u"kohgiluyeh"_s},
        {u"kohgiluye"_s, u"kohgiluyeh"_s},
        {u"buyer"_s, u"boyer"_s},
        {u"boir"_s, u"boyer"_s},
        {u"boyir"_s, u"boyer"_s},
        {u"buyerahmad"_s, u"boyerahmad"_s},
        {u"boirahmad"_s, u"boyerahmad"_s},
        {u"khouzestan"_s, u"khuzestan"_s},
        {u"khuzistan"_s, u"khuzestan"_s},
        {u"hamedan"_s, u"hamadan"_s},
        {u"luristan"_s, u"lorestan"_s},
        {u"lurestan"_s, u"lorestan"_s},
        {u"bushire"_s, u"bushehr"_s},
        {u"booshehr"_s, u"bushehr"_s},
        {u"ardebil"_s, u"ardabil"_s},
        {u"ghom"_s, u"qom"_s},
        {u"qum"_s, u"qom"_s},
        {u"ghazvin"_s, u"qazvin"_s},
        {u"guilan"_s, u"gilan"_s},
        {u"mazanderan"_s, u"mazandaran"_s},
    };
    return synonyms;
}

// Words that say "this is a province" or join two names, in either language
// ("Ostan-e Tehran", "Province of Tehran", "Sistan & Baluchestan").
bool isFillerWord(const QString &word)
{
    static const QStringList fillers = {
        u"استان"_s,
        u"province"_s,
        u"ostan"_s,
        u"of"_s,
        u"the"_s,
        u"and"_s,
        u"va"_s,
        u"e"_s,
    };
    return fillers.contains(word);
}

// "Kūzestān" and "Khuzestan" are the same word to a reader.
QChar withoutLatinAccent(QChar c)
{
    while (c.script() == QChar::Script_Latin && c.decompositionTag() == QChar::Canonical)
        c = c.decomposition().front();
    return c;
}

struct LookupKeys
{
    QString inOrder; // words joined as written: "Chahar Mahaal" and "Chaharmahal" agree
    QString sorted; // words in sorted order: "Azerbaijan, East" and "East Azerbaijan" agree
};

LookupKeys lookupKeys(QStringView spelling)
{
    const QString folded = searchKey(spelling);
    QStringList words;
    QString word;
    const auto finishWord = [&] {
        if (!word.isEmpty() && !isFillerWord(word))
            words.append(wordSynonyms().value(word, word));
        word.clear();
    };
    for (const QChar c : folded) {
        const QChar base = withoutLatinAccent(c);
        if (base.isLetterOrNumber())
            word.append(base);
        else if (base.category() != QChar::Mark_NonSpacing)
            finishWord();
    }
    finishWord();

    LookupKeys keys;
    keys.inOrder = words.join(QString());
    words.sort();
    keys.sorted = words.join(QString());
    return keys;
}

constexpr qsizetype ambiguous = -1;

// Every known spelling's keys to the index of its province in allProvinces(), or to
// `ambiguous` when two provinces would claim the same key.
const QHash<QString, qsizetype> &spellingIndex()
{
    static const QHash<QString, qsizetype> index = [] {
        QHash<QString, qsizetype> keys;
        const auto add = [&keys](QStringView spelling, qsizetype province) {
            const LookupKeys lookup = lookupKeys(spelling);
            for (const QString &key : {lookup.inOrder, lookup.sorted}) {
                const auto existing = keys.constFind(key);
                if (existing == keys.constEnd())
                    keys.insert(key, province);
                else if (existing.value() != province)
                    keys.insert(key, ambiguous);
            }
        };
        const QList<Province> &provinces = allProvinces();
        for (qsizetype i = 0; i < provinces.size(); ++i) {
            add(provinces.at(i).englishName, i);
            add(provinces.at(i).persianName, i);
        }
        for (const Spelling &extra : extraSpellings()) {
            const auto province = std::find_if(provinces.begin(), provinces.end(),
                [&](const Province &p) { return p.code == extra.code; });
            add(extra.spelling, province - provinces.begin());
        }
        return keys;
    }();
    return index;
}

} // namespace

const QList<Province> &allProvinces()
{
    static const QList<Province> provinces = {
        {u"IR-00"_s, u"Markazi"_s, u"مرکزی"_s},
        {u"IR-01"_s, u"Gilan"_s, u"گیلان"_s},
        {u"IR-02"_s, u"Mazandaran"_s, u"مازندران"_s},
        {u"IR-03"_s, u"East Azerbaijan"_s, u"آذربایجان شرقی"_s},
        {u"IR-04"_s, u"West Azerbaijan"_s, u"آذربایجان غربی"_s},
        {u"IR-05"_s, u"Kermanshah"_s, u"کرمانشاه"_s},
        {u"IR-06"_s, u"Khuzestan"_s, u"خوزستان"_s},
        {u"IR-07"_s, u"Fars"_s, u"فارس"_s},
        {u"IR-08"_s, u"Kerman"_s, u"کرمان"_s},
        {u"IR-09"_s, u"Razavi Khorasan"_s, u"خراسان رضوی"_s},
        {u"IR-10"_s, u"Isfahan"_s, u"اصفهان"_s},
        {u"IR-11"_s, u"Sistan and Baluchestan"_s, u"سیستان و بلوچستان"_s},
        {u"IR-12"_s, u"Kurdistan"_s, u"کردستان"_s},
        {u"IR-13"_s, u"Hamadan"_s, u"همدان"_s},
        {u"IR-14"_s, u"Chaharmahal and Bakhtiari"_s, u"چهارمحال و بختیاری"_s},
        {u"IR-15"_s, u"Lorestan"_s, u"لرستان"_s},
        {u"IR-16"_s, u"Ilam"_s, u"ایلام"_s},
        {u"IR-17"_s, u"Kohgiluyeh and Boyer-Ahmad"_s, u"کهگیلویه و بویراحمد"_s},
        {u"IR-18"_s, u"Bushehr"_s, u"بوشهر"_s},
        {u"IR-19"_s, u"Zanjan"_s, u"زنجان"_s},
        {u"IR-20"_s, u"Semnan"_s, u"سمنان"_s},
        {u"IR-21"_s, u"Yazd"_s, u"یزد"_s},
        {u"IR-22"_s, u"Hormozgan"_s, u"هرمزگان"_s},
        {u"IR-23"_s, u"Tehran"_s, u"تهران"_s},
        {u"IR-24"_s, u"Ardabil"_s, u"اردبیل"_s},
        {u"IR-25"_s, u"Qom"_s, u"قم"_s},
        {u"IR-26"_s, u"Qazvin"_s, u"قزوین"_s},
        {u"IR-27"_s, u"Golestan"_s, u"گلستان"_s},
        {u"IR-28"_s, u"North Khorasan"_s, u"خراسان شمالی"_s},
        {u"IR-29"_s, u"South Khorasan"_s, u"خراسان جنوبی"_s},
        {u"IR-30"_s, u"Alborz"_s, u"البرز"_s},
    };
    return provinces;
}

std::optional<Province> provinceByCode(QStringView isoCode)
{
    QString compact = searchKey(isoCode);
    compact.remove(QLatin1Char(' '));
    compact.remove(QLatin1Char('-'));
    if (compact.size() != 4 || !compact.startsWith(u"ir") || !compact.at(2).isDigit()
        || !compact.at(3).isDigit())
        return std::nullopt;
    const QString code = u"IR-"_s + QStringView(compact).sliced(2).toString();
    for (const Province &province : allProvinces()) {
        if (province.code == code)
            return province;
    }
    return std::nullopt;
}

std::optional<Province> findProvince(QStringView anySpelling)
{
    if (std::optional<Province> byCode = provinceByCode(anySpelling))
        return byCode;

    const LookupKeys keys = lookupKeys(anySpelling);
    if (keys.inOrder.isEmpty())
        return std::nullopt;
    const QHash<QString, qsizetype> &index = spellingIndex();
    for (const QString &key : {keys.inOrder, keys.sorted}) {
        const auto found = index.constFind(key);
        if (found == index.constEnd())
            continue;
        if (found.value() == ambiguous)
            return std::nullopt;
        return allProvinces().at(found.value());
    }
    return std::nullopt;
}

} // namespace daftar::text
