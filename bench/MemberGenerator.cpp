#include "MemberGenerator.h"

#include "text/Identifiers.h"
#include "text/PersianText.h"
#include "text/Provinces.h"

#include <QDate>
#include <QList>

#include <algorithm>

namespace daftar::bench {

using namespace Qt::StringLiterals;

namespace {

struct Name
{
    QString persian;
    QString latin; // as Iranians spell it in e-mail addresses
};

const QList<Name> &firstNames()
{
    static const QList<Name> names = {
        // Men
        {u"محمد"_s, u"mohammad"_s},
        {u"علی"_s, u"ali"_s},
        {u"حسین"_s, u"hossein"_s},
        {u"حسن"_s, u"hassan"_s},
        {u"رضا"_s, u"reza"_s},
        {u"مهدی"_s, u"mahdi"_s},
        {u"امیر"_s, u"amir"_s},
        {u"مرتضی"_s, u"morteza"_s},
        {u"مصطفی"_s, u"mostafa"_s},
        {u"مجید"_s, u"majid"_s},
        {u"سعید"_s, u"saeed"_s},
        {u"حمید"_s, u"hamid"_s},
        {u"احمد"_s, u"ahmad"_s},
        {u"محمود"_s, u"mahmoud"_s},
        {u"جواد"_s, u"javad"_s},
        {u"ابوالفضل"_s, u"abolfazl"_s},
        {u"عباس"_s, u"abbas"_s},
        {u"اکبر"_s, u"akbar"_s},
        {u"اصغر"_s, u"asghar"_s},
        {u"قاسم"_s, u"ghasem"_s},
        {u"جعفر"_s, u"jafar"_s},
        {u"کاظم"_s, u"kazem"_s},
        {u"هادی"_s, u"hadi"_s},
        {u"ابراهیم"_s, u"ebrahim"_s},
        {u"اسماعیل"_s, u"esmaeil"_s},
        {u"یوسف"_s, u"yousef"_s},
        {u"یعقوب"_s, u"yaghoub"_s},
        {u"داوود"_s, u"davood"_s},
        {u"سلیمان"_s, u"soleiman"_s},
        {u"موسی"_s, u"mousa"_s},
        {u"هاشم"_s, u"hashem"_s},
        {u"ناصر"_s, u"naser"_s},
        {u"منصور"_s, u"mansour"_s},
        {u"مسعود"_s, u"masoud"_s},
        {u"بهروز"_s, u"behrouz"_s},
        {u"بهزاد"_s, u"behzad"_s},
        {u"فرهاد"_s, u"farhad"_s},
        {u"فرشید"_s, u"farshid"_s},
        {u"فرزاد"_s, u"farzad"_s},
        {u"کامران"_s, u"kamran"_s},
        {u"کیوان"_s, u"keyvan"_s},
        {u"کاوه"_s, u"kaveh"_s},
        {u"آرش"_s, u"arash"_s},
        {u"بابک"_s, u"babak"_s},
        {u"پژمان"_s, u"pejman"_s},
        {u"پیمان"_s, u"peyman"_s},
        {u"پویا"_s, u"pouya"_s},
        {u"سیاوش"_s, u"siavash"_s},
        {u"سهراب"_s, u"sohrab"_s},
        {u"بهرام"_s, u"bahram"_s},
        {u"داریوش"_s, u"dariush"_s},
        {u"کوروش"_s, u"kourosh"_s},
        {u"شهرام"_s, u"shahram"_s},
        {u"شاهین"_s, u"shahin"_s},
        {u"امید"_s, u"omid"_s},
        {u"وحید"_s, u"vahid"_s},
        {u"نوید"_s, u"navid"_s},
        {u"سجاد"_s, u"sajjad"_s},
        {u"میلاد"_s, u"milad"_s},
        {u"مهرداد"_s, u"mehrdad"_s},
        {u"محسن"_s, u"mohsen"_s},
        {u"مهران"_s, u"mehran"_s},
        {u"بیژن"_s, u"bijan"_s},
        {u"جمشید"_s, u"jamshid"_s},
        {u"فریدون"_s, u"fereydoun"_s},
        {u"هوشنگ"_s, u"houshang"_s},
        {u"منوچهر"_s, u"manouchehr"_s},
        {u"ایرج"_s, u"iraj"_s},
        {u"پرویز"_s, u"parviz"_s},
        {u"غلامرضا"_s, u"gholamreza"_s},
        {u"غلامحسین"_s, u"gholamhossein"_s},
        {u"محمدرضا"_s, u"mohammadreza"_s},
        {u"محمدحسین"_s, u"mohammadhossein"_s},
        {u"محمدعلی"_s, u"mohammadali"_s},
        {u"محمدمهدی"_s, u"mohammadmahdi"_s},
        {u"علیرضا"_s, u"alireza"_s},
        {u"حمیدرضا"_s, u"hamidreza"_s},
        {u"امیرحسین"_s, u"amirhossein"_s},
        {u"امیرعلی"_s, u"amirali"_s},
        {u"علی\u200Cاکبر"_s, u"aliakbar"_s},
        {u"علی\u200Cاصغر"_s, u"aliasghar"_s},
        {u"ابوالقاسم"_s, u"abolghasem"_s},
        {u"عبدالله"_s, u"abdollah"_s},
        {u"عبدالرضا"_s, u"abdolreza"_s},
        {u"روح\u200Cالله"_s, u"rouhollah"_s},
        {u"نصرالله"_s, u"nasrollah"_s},
        {u"حجت\u200Cالله"_s, u"hojatollah"_s},
        {u"فتح\u200Cالله"_s, u"fathollah"_s},
        {u"اسدالله"_s, u"asadollah"_s},
        {u"نعمت\u200Cالله"_s, u"nematollah"_s},
        {u"ذبیح\u200Cالله"_s, u"zabihollah"_s},
        {u"نادر"_s, u"nader"_s},
        {u"یاسر"_s, u"yaser"_s},
        {u"صادق"_s, u"sadegh"_s},
        {u"باقر"_s, u"bagher"_s},
        {u"تقی"_s, u"taghi"_s},
        {u"رحیم"_s, u"rahim"_s},
        {u"کریم"_s, u"karim"_s},
        {u"حبیب"_s, u"habib"_s},
        {u"مجتبی"_s, u"mojtaba"_s},
        {u"رسول"_s, u"rasoul"_s},
        {u"حامد"_s, u"hamed"_s},
        {u"رامین"_s, u"ramin"_s},
        {u"سامان"_s, u"saman"_s},
        {u"بهنام"_s, u"behnam"_s},
        {u"شهاب"_s, u"shahab"_s},
        {u"کمال"_s, u"kamal"_s},
        {u"جلال"_s, u"jalal"_s},
        {u"خلیل"_s, u"khalil"_s},
        {u"ولی"_s, u"vali"_s},
        {u"امین"_s, u"amin"_s},
        {u"عرفان"_s, u"erfan"_s},
        {u"آرمین"_s, u"armin"_s},
        {u"پارسا"_s, u"parsa"_s},
        {u"سینا"_s, u"sina"_s},
        {u"ماهان"_s, u"mahan"_s},
        {u"طاها"_s, u"taha"_s},
        {u"یاسین"_s, u"yasin"_s},
        {u"ایمان"_s, u"iman"_s},
        // Women
        {u"فاطمه"_s, u"fatemeh"_s},
        {u"زهرا"_s, u"zahra"_s},
        {u"مریم"_s, u"maryam"_s},
        {u"زینب"_s, u"zeynab"_s},
        {u"معصومه"_s, u"masoumeh"_s},
        {u"سمیه"_s, u"somayeh"_s},
        {u"اعظم"_s, u"azam"_s},
        {u"اکرم"_s, u"akram"_s},
        {u"طاهره"_s, u"tahereh"_s},
        {u"طیبه"_s, u"tayebeh"_s},
        {u"راضیه"_s, u"raziyeh"_s},
        {u"مرضیه"_s, u"marziyeh"_s},
        {u"منصوره"_s, u"mansoureh"_s},
        {u"نرگس"_s, u"narges"_s},
        {u"نسرین"_s, u"nasrin"_s},
        {u"پروین"_s, u"parvin"_s},
        {u"پروانه"_s, u"parvaneh"_s},
        {u"شهلا"_s, u"shahla"_s},
        {u"شیرین"_s, u"shirin"_s},
        {u"ژیلا"_s, u"zhila"_s},
        {u"لیلا"_s, u"leila"_s},
        {u"مینا"_s, u"mina"_s},
        {u"مهناز"_s, u"mahnaz"_s},
        {u"مهسا"_s, u"mahsa"_s},
        {u"مهشید"_s, u"mahshid"_s},
        {u"سارا"_s, u"sara"_s},
        {u"سمانه"_s, u"samaneh"_s},
        {u"سحر"_s, u"sahar"_s},
        {u"سپیده"_s, u"sepideh"_s},
        {u"الهام"_s, u"elham"_s},
        {u"الهه"_s, u"elaheh"_s},
        {u"نازنین"_s, u"nazanin"_s},
        {u"نیلوفر"_s, u"niloufar"_s},
        {u"یاسمن"_s, u"yasaman"_s},
        {u"یگانه"_s, u"yeganeh"_s},
        {u"هانیه"_s, u"haniyeh"_s},
        {u"حدیث"_s, u"hadis"_s},
        {u"کوثر"_s, u"kowsar"_s},
        {u"ریحانه"_s, u"reyhaneh"_s},
        {u"فرشته"_s, u"fereshteh"_s},
        {u"فریبا"_s, u"fariba"_s},
        {u"فرزانه"_s, u"farzaneh"_s},
        {u"گلناز"_s, u"golnaz"_s},
        {u"گلاره"_s, u"golareh"_s},
        {u"گیتی"_s, u"giti"_s},
        {u"آزاده"_s, u"azadeh"_s},
        {u"آزیتا"_s, u"azita"_s},
        {u"آیدا"_s, u"aida"_s},
        {u"ترانه"_s, u"taraneh"_s},
        {u"تینا"_s, u"tina"_s},
        {u"بهاره"_s, u"bahareh"_s},
        {u"بیتا"_s, u"bita"_s},
        {u"پریسا"_s, u"parisa"_s},
        {u"پرستو"_s, u"parastoo"_s},
        {u"رویا"_s, u"roya"_s},
        {u"زهره"_s, u"zohreh"_s},
        {u"سوسن"_s, u"sousan"_s},
        {u"سیمین"_s, u"simin"_s},
        {u"شبنم"_s, u"shabnam"_s},
        {u"شکوفه"_s, u"shokoufeh"_s},
        {u"شهناز"_s, u"shahnaz"_s},
        {u"صدیقه"_s, u"sedigheh"_s},
        {u"عاطفه"_s, u"atefeh"_s},
        {u"فرناز"_s, u"farnaz"_s},
        {u"کبری"_s, u"kobra"_s},
        {u"کتایون"_s, u"katayoun"_s},
        {u"مهین"_s, u"mahin"_s},
        {u"ملیحه"_s, u"malihe"_s},
        {u"مژگان"_s, u"mozhgan"_s},
        {u"نگار"_s, u"negar"_s},
        {u"نگین"_s, u"negin"_s},
        {u"هستی"_s, u"hasti"_s},
        {u"هما"_s, u"homa"_s},
        {u"ویدا"_s, u"vida"_s},
        {u"یلدا"_s, u"yalda"_s},
        {u"اشرف"_s, u"ashraf"_s},
        {u"خدیجه"_s, u"khadijeh"_s},
        {u"رقیه"_s, u"roghayeh"_s},
        {u"سکینه"_s, u"sakineh"_s},
        {u"صغری"_s, u"soghra"_s},
        {u"فهیمه"_s, u"fahimeh"_s},
        {u"محبوبه"_s, u"mahboubeh"_s},
        {u"فاطمه\u200Cزهرا"_s, u"fatemehzahra"_s},
        {u"مریم\u200Cسادات"_s, u"maryamsadat"_s},
        {u"زهراسادات"_s, u"zahrasadat"_s},
        {u"مهتاب"_s, u"mahtab"_s},
        {u"ستاره"_s, u"setareh"_s},
        {u"نفیسه"_s, u"nafiseh"_s},
        {u"ناهید"_s, u"nahid"_s},
        {u"منیژه"_s, u"manizheh"_s},
        {u"ژاله"_s, u"zhaleh"_s},
        {u"گلنار"_s, u"golnar"_s},
        {u"شیوا"_s, u"shiva"_s},
        {u"آناهیتا"_s, u"anahita"_s},
        {u"حمیده"_s, u"hamideh"_s},
        {u"سعیده"_s, u"saeedeh"_s},
        {u"مهدیه"_s, u"mahdiyeh"_s},
    };
    return names;
}

const QList<Name> &lastNames()
{
    static const QList<Name> names = {
        {u"محمدی"_s, u"mohammadi"_s},
        {u"احمدی"_s, u"ahmadi"_s},
        {u"حسینی"_s, u"hosseini"_s},
        {u"رضایی"_s, u"rezaei"_s},
        {u"موسوی"_s, u"mousavi"_s},
        {u"کریمی"_s, u"karimi"_s},
        {u"رحیمی"_s, u"rahimi"_s},
        {u"جعفری"_s, u"jafari"_s},
        {u"هاشمی"_s, u"hashemi"_s},
        {u"کاظمی"_s, u"kazemi"_s},
        {u"صادقی"_s, u"sadeghi"_s},
        {u"قاسمی"_s, u"ghasemi"_s},
        {u"عباسی"_s, u"abbasi"_s},
        {u"حیدری"_s, u"heydari"_s},
        {u"نوری"_s, u"nouri"_s},
        {u"مرادی"_s, u"moradi"_s},
        {u"اکبری"_s, u"akbari"_s},
        {u"ابراهیمی"_s, u"ebrahimi"_s},
        {u"اسماعیلی"_s, u"esmaeili"_s},
        {u"یوسفی"_s, u"yousefi"_s},
        {u"حسنی"_s, u"hassani"_s},
        {u"علوی"_s, u"alavi"_s},
        {u"طاهری"_s, u"taheri"_s},
        {u"باقری"_s, u"bagheri"_s},
        {u"نجفی"_s, u"najafi"_s},
        {u"کرمانی"_s, u"kermani"_s},
        {u"شیرازی"_s, u"shirazi"_s},
        {u"تهرانی"_s, u"tehrani"_s},
        {u"اصفهانی"_s, u"esfahani"_s},
        {u"تبریزی"_s, u"tabrizi"_s},
        {u"یزدی"_s, u"yazdi"_s},
        {u"قمی"_s, u"ghomi"_s},
        {u"کاشانی"_s, u"kashani"_s},
        {u"رشتی"_s, u"rashti"_s},
        {u"خراسانی"_s, u"khorasani"_s},
        {u"میرزایی"_s, u"mirzaei"_s},
        {u"سلطانی"_s, u"soltani"_s},
        {u"امینی"_s, u"amini"_s},
        {u"شریفی"_s, u"sharifi"_s},
        {u"زمانی"_s, u"zamani"_s},
        {u"فاضلی"_s, u"fazeli"_s},
        {u"عزیزی"_s, u"azizi"_s},
        {u"مختاری"_s, u"mokhtari"_s},
        {u"نظری"_s, u"nazari"_s},
        {u"رستمی"_s, u"rostami"_s},
        {u"بهرامی"_s, u"bahrami"_s},
        {u"جمشیدی"_s, u"jamshidi"_s},
        {u"فرهادی"_s, u"farhadi"_s},
        {u"سعیدی"_s, u"saeedi"_s},
        {u"مجیدی"_s, u"majidi"_s},
        {u"حمیدی"_s, u"hamidi"_s},
        {u"محمودی"_s, u"mahmoudi"_s},
        {u"مسعودی"_s, u"masoudi"_s},
        {u"منصوری"_s, u"mansouri"_s},
        {u"نادری"_s, u"naderi"_s},
        {u"ناصری"_s, u"naseri"_s},
        {u"قربانی"_s, u"ghorbani"_s},
        {u"رمضانی"_s, u"ramezani"_s},
        {u"شعبانی"_s, u"shabani"_s},
        {u"رجبی"_s, u"rajabi"_s},
        {u"صفری"_s, u"safari"_s},
        {u"زارعی"_s, u"zarei"_s},
        {u"کشاورز"_s, u"keshavarz"_s},
        {u"دهقان"_s, u"dehghan"_s},
        {u"دهقانی"_s, u"dehghani"_s},
        {u"آهنگر"_s, u"ahangar"_s},
        {u"نجار"_s, u"najjar"_s},
        {u"خیاط"_s, u"khayyat"_s},
        {u"عطار"_s, u"attar"_s},
        {u"صباغ"_s, u"sabbagh"_s},
        {u"زرگر"_s, u"zargar"_s},
        {u"برزگر"_s, u"barzegar"_s},
        {u"باغبان"_s, u"baghban"_s},
        {u"رنجبر"_s, u"ranjbar"_s},
        {u"سبحانی"_s, u"sobhani"_s},
        {u"رحمانی"_s, u"rahmani"_s},
        {u"رحمتی"_s, u"rahmati"_s},
        {u"کریمیان"_s, u"karimian"_s},
        {u"رضاییان"_s, u"rezaeian"_s},
        {u"احمدیان"_s, u"ahmadian"_s},
        {u"محمدیان"_s, u"mohammadian"_s},
        {u"عباسیان"_s, u"abbasian"_s},
        {u"حیدریان"_s, u"heydarian"_s},
        {u"مرادیان"_s, u"moradian"_s},
        {u"حاجیان"_s, u"hajian"_s},
        {u"نوروزی"_s, u"nowruzi"_s},
        {u"بهاری"_s, u"bahari"_s},
        {u"افشار"_s, u"afshar"_s},
        {u"بختیاری"_s, u"bakhtiari"_s},
        {u"ترکمان"_s, u"torkaman"_s},
        {u"گیلانی"_s, u"gilani"_s},
        {u"غفاری"_s, u"ghaffari"_s},
        {u"انصاری"_s, u"ansari"_s},
        {u"طباطبایی"_s, u"tabatabaei"_s},
        {u"نیک\u200Cنام"_s, u"niknam"_s},
        {u"نیک\u200Cپور"_s, u"nikpour"_s},
        {u"نیکخواه"_s, u"nikkhah"_s},
        {u"نیک\u200Cنژاد"_s, u"niknejad"_s},
        {u"خسروی"_s, u"khosravi"_s},
        {u"پورمحمدی"_s, u"pourmohammadi"_s},
        {u"محمدپور"_s, u"mohammadpour"_s},
        {u"علی\u200Cپور"_s, u"alipour"_s},
        {u"حسن\u200Cپور"_s, u"hassanpour"_s},
        {u"حسین\u200Cپور"_s, u"hosseinpour"_s},
        {u"رضاپور"_s, u"rezapour"_s},
        {u"قاسم\u200Cپور"_s, u"ghasempour"_s},
        {u"عباس\u200Cپور"_s, u"abbaspour"_s},
        {u"ایران\u200Cپور"_s, u"iranpour"_s},
        {u"حسین\u200Cزاده"_s, u"hosseinzadeh"_s},
        {u"حسن\u200Cزاده"_s, u"hassanzadeh"_s},
        {u"علی\u200Cزاده"_s, u"alizadeh"_s},
        {u"محمدزاده"_s, u"mohammadzadeh"_s},
        {u"رضازاده"_s, u"rezazadeh"_s},
        {u"تقی\u200Cزاده"_s, u"taghizadeh"_s},
        {u"نقی\u200Cزاده"_s, u"naghizadeh"_s},
        {u"قلی\u200Cزاده"_s, u"gholizadeh"_s},
        {u"ولی\u200Cزاده"_s, u"valizadeh"_s},
        {u"اسدزاده"_s, u"asadzadeh"_s},
        {u"امیرزاده"_s, u"amirzadeh"_s},
        {u"آقازاده"_s, u"aghazadeh"_s},
        {u"ملک\u200Cزاده"_s, u"malekzadeh"_s},
        {u"حیدرزاده"_s, u"heydarzadeh"_s},
        {u"کاظم\u200Cزاده"_s, u"kazemzadeh"_s},
        {u"اکبرزاده"_s, u"akbarzadeh"_s},
        {u"جعفرزاده"_s, u"jafarzadeh"_s},
        {u"مهدی\u200Cزاده"_s, u"mahdizadeh"_s},
        {u"حاجی\u200Cزاده"_s, u"hajizadeh"_s},
        {u"پیرزاده"_s, u"pirzadeh"_s},
        {u"پاکزاد"_s, u"pakzad"_s},
        {u"پاک\u200Cنژاد"_s, u"paknejad"_s},
        {u"ملکی"_s, u"maleki"_s},
        {u"شاکری"_s, u"shakeri"_s},
        {u"ذاکری"_s, u"zakeri"_s},
        {u"صالحی"_s, u"salehi"_s},
        {u"جلالی"_s, u"jalali"_s},
        {u"کمالی"_s, u"kamali"_s},
        {u"جمالی"_s, u"jamali"_s},
        {u"اقبالی"_s, u"eghbali"_s},
        {u"اسدی"_s, u"asadi"_s},
        {u"خلیلی"_s, u"khalili"_s},
        {u"جلیلی"_s, u"jalili"_s},
        {u"عسگری"_s, u"asgari"_s},
        {u"فتحی"_s, u"fathi"_s},
        {u"نصیری"_s, u"nasiri"_s},
        {u"بابایی"_s, u"babaei"_s},
        {u"دادگر"_s, u"dadgar"_s},
        {u"فرجی"_s, u"faraji"_s},
        {u"سلیمانی"_s, u"soleimani"_s},
        {u"یعقوبی"_s, u"yaghoubi"_s},
        {u"داوودی"_s, u"davoudi"_s},
        {u"شفیعی"_s, u"shafiei"_s},
        {u"رفیعی"_s, u"rafiei"_s},
        {u"بیگی"_s, u"beigi"_s},
        {u"میرزاخانی"_s, u"mirzakhani"_s},
        {u"خانی"_s, u"khani"_s},
        {u"بیات"_s, u"bayat"_s},
        {u"قنبری"_s, u"ghanbari"_s},
        {u"طالبی"_s, u"talebi"_s},
        {u"مرتضوی"_s, u"mortazavi"_s},
        {u"رضوی"_s, u"razavi"_s},
        {u"میرحسینی"_s, u"mirhosseini"_s},
        {u"فاطمی"_s, u"fatemi"_s},
        {u"زینالی"_s, u"zeynali"_s},
        {u"ایزدی"_s, u"izadi"_s},
        {u"یزدانی"_s, u"yazdani"_s},
        {u"خدابنده"_s, u"khodabandeh"_s},
        {u"خدادادی"_s, u"khodadadi"_s},
        {u"اللهیاری"_s, u"allahyari"_s},
        {u"کیانی"_s, u"kiani"_s},
        {u"فروتن"_s, u"foroutan"_s},
        {u"فرهمند"_s, u"farahmand"_s},
        {u"فروغی"_s, u"foroughi"_s},
        {u"شجاعی"_s, u"shojaei"_s},
        {u"شهابی"_s, u"shahabi"_s},
        {u"شهبازی"_s, u"shahbazi"_s},
        {u"شاهمرادی"_s, u"shahmoradi"_s},
        {u"صفایی"_s, u"safaei"_s},
        {u"وفایی"_s, u"vafaei"_s},
        {u"توکلی"_s, u"tavakoli"_s},
        {u"امیری"_s, u"amiri"_s},
        {u"امیدی"_s, u"omidi"_s},
        {u"آزادی"_s, u"azadi"_s},
        {u"نعمتی"_s, u"nemati"_s},
        {u"مهدوی"_s, u"mahdavi"_s},
        {u"جوادی"_s, u"javadi"_s},
        {u"قادری"_s, u"ghaderi"_s},
        {u"عبدی"_s, u"abdi"_s},
        {u"عبداللهی"_s, u"abdollahi"_s},
        {u"فرامرزی"_s, u"faramarzi"_s},
        {u"کامرانی"_s, u"kamrani"_s},
        {u"کاویانی"_s, u"kaviani"_s},
        {u"پاکدل"_s, u"pakdel"_s},
        {u"مظفری"_s, u"mozaffari"_s},
        {u"منتظری"_s, u"montazeri"_s},
        {u"مقدم"_s, u"moghaddam"_s},
        {u"سهرابی"_s, u"sohrabi"_s},
        {u"بهزادی"_s, u"behzadi"_s},
        {u"پرویزی"_s, u"parvizi"_s},
        {u"اسکندری"_s, u"eskandari"_s},
        {u"خلج"_s, u"khalaj"_s},
        {u"شیرمحمدی"_s, u"shirmohammadi"_s},
        {u"چگینی"_s, u"chegini"_s},
        {u"قزوینی"_s, u"ghazvini"_s},
        {u"زنجانی"_s, u"zanjani"_s},
        {u"همدانی"_s, u"hamedani"_s},
        {u"اردبیلی"_s, u"ardebili"_s},
        {u"گرگانی"_s, u"gorgani"_s},
        {u"لاریجانی"_s, u"larijani"_s},
        {u"مازندرانی"_s, u"mazandarani"_s},
        {u"دزفولی"_s, u"dezfouli"_s},
        {u"بوشهری"_s, u"boushehri"_s},
        {u"کرمانشاهی"_s, u"kermanshahi"_s},
        {u"سمنانی"_s, u"semnani"_s},
        {u"بیرجندی"_s, u"birjandi"_s},
        {u"مشهدی"_s, u"mashhadi"_s},
        {u"نیشابوری"_s, u"neyshabouri"_s},
        {u"سبزواری"_s, u"sabzevari"_s},
        {u"اراکی"_s, u"araki"_s},
        {u"قائمی"_s, u"ghaemi"_s},
        {u"جهانگیری"_s, u"jahangiri"_s},
        {u"جهانی"_s, u"jahani"_s},
        {u"بنایی"_s, u"bannaei"_s},
        {u"آقایی"_s, u"aghaei"_s},
        {u"رئیسی"_s, u"raeisi"_s},
        {u"شیخی"_s, u"sheikhi"_s},
        {u"کربلایی"_s, u"karbalaei"_s},
        {u"طاهرخانی"_s, u"taherkhani"_s},
        {u"اسلامی"_s, u"eslami"_s},
        {u"پارسایی"_s, u"parsaei"_s},
        {u"کردی"_s, u"kordi"_s},
        {u"بلوچی"_s, u"balouchi"_s},
        {u"ترابی"_s, u"torabi"_s},
        {u"سپهری"_s, u"sepehri"_s},
        {u"ستوده"_s, u"sotoudeh"_s},
        {u"شریعتی"_s, u"shariati"_s},
        {u"صدری"_s, u"sadri"_s},
        {u"صدیقی"_s, u"sedighi"_s},
        {u"حقیقی"_s, u"haghighi"_s},
        {u"رسولی"_s, u"rasouli"_s},
        {u"غلامی"_s, u"gholami"_s},
    };
    return names;
}

struct ProvinceProfile
{
    QString code;
    int weight; // population in thousands (2016 census): members follow people
    QString postalPrefix; // postal codes of the province start with these digits
    QString phoneArea; // landline area code
    QList<QString> cities; // the capital first
};

const QList<ProvinceProfile> &provinceProfiles()
{
    static const QList<ProvinceProfile> profiles = [] {
        QList<ProvinceProfile> list = {
            {u"IR-00"_s, 1429, u"38"_s, u"086"_s,
                {u"اراک"_s, u"ساوه"_s, u"خمین"_s, u"محلات"_s, u"دلیجان"_s}},
            {u"IR-01"_s, 2531, u"41"_s, u"013"_s,
                {u"رشت"_s, u"بندر انزلی"_s, u"لاهیجان"_s, u"لنگرود"_s, u"آستارا"_s, u"تالش"_s}},
            {u"IR-02"_s, 3284, u"47"_s, u"011"_s,
                {u"ساری"_s, u"بابل"_s, u"آمل"_s, u"قائم\u200Cشهر"_s, u"بابلسر"_s, u"تنکابن"_s,
                    u"نوشهر"_s}},
            {u"IR-03"_s, 3910, u"51"_s, u"041"_s,
                {u"تبریز"_s, u"مراغه"_s, u"مرند"_s, u"میانه"_s, u"اهر"_s, u"بناب"_s}},
            {u"IR-04"_s, 3265, u"57"_s, u"044"_s,
                {u"ارومیه"_s, u"خوی"_s, u"مهاباد"_s, u"بوکان"_s, u"میاندوآب"_s, u"سلماس"_s}},
            {u"IR-05"_s, 1952, u"67"_s, u"083"_s,
                {u"کرمانشاه"_s, u"اسلام\u200Cآباد غرب"_s, u"کنگاور"_s, u"هرسین"_s, u"سنقر"_s}},
            {u"IR-06"_s, 4711, u"61"_s, u"061"_s,
                {u"اهواز"_s, u"آبادان"_s, u"دزفول"_s, u"خرمشهر"_s, u"بهبهان"_s, u"بندر ماهشهر"_s,
                    u"شوشتر"_s}},
            {u"IR-07"_s, 4852, u"71"_s, u"071"_s,
                {u"شیراز"_s, u"مرودشت"_s, u"کازرون"_s, u"جهرم"_s, u"فسا"_s, u"لار"_s}},
            {u"IR-08"_s, 3165, u"76"_s, u"034"_s,
                {u"کرمان"_s, u"رفسنجان"_s, u"سیرجان"_s, u"جیرفت"_s, u"بم"_s, u"زرند"_s}},
            {u"IR-09"_s, 6434, u"91"_s, u"051"_s,
                {u"مشهد"_s, u"نیشابور"_s, u"سبزوار"_s, u"تربت حیدریه"_s, u"قوچان"_s, u"کاشمر"_s}},
            {u"IR-10"_s, 5120, u"81"_s, u"031"_s,
                {u"اصفهان"_s, u"کاشان"_s, u"نجف\u200Cآباد"_s, u"خمینی\u200Cشهر"_s,
                    u"شاهین\u200Cشهر"_s, u"گلپایگان"_s}},
            {u"IR-11"_s, 2775, u"98"_s, u"054"_s,
                {u"زاهدان"_s, u"زابل"_s, u"چابهار"_s, u"ایرانشهر"_s, u"سراوان"_s, u"خاش"_s}},
            {u"IR-12"_s, 1603, u"66"_s, u"087"_s,
                {u"سنندج"_s, u"سقز"_s, u"مریوان"_s, u"بانه"_s, u"قروه"_s, u"بیجار"_s}},
            {u"IR-13"_s, 1738, u"65"_s, u"081"_s,
                {u"همدان"_s, u"ملایر"_s, u"نهاوند"_s, u"تویسرکان"_s, u"اسدآباد"_s}},
            {u"IR-14"_s, 947, u"88"_s, u"038"_s,
                {u"شهرکرد"_s, u"بروجن"_s, u"فارسان"_s, u"لردگان"_s}},
            {u"IR-15"_s, 1761, u"68"_s, u"066"_s,
                {u"خرم\u200Cآباد"_s, u"بروجرد"_s, u"دورود"_s, u"الیگودرز"_s, u"کوهدشت"_s}},
            {u"IR-16"_s, 580, u"69"_s, u"084"_s,
                {u"ایلام"_s, u"دهلران"_s, u"ایوان"_s, u"آبدانان"_s, u"مهران"_s}},
            {u"IR-17"_s, 713, u"75"_s, u"074"_s,
                {u"یاسوج"_s, u"دهدشت"_s, u"دوگنبدان"_s, u"سی\u200Cسخت"_s}},
            {u"IR-18"_s, 1163, u"75"_s, u"077"_s,
                {u"بوشهر"_s, u"برازجان"_s, u"بندر گناوه"_s, u"بندر کنگان"_s, u"خورموج"_s}},
            {u"IR-19"_s, 1057, u"45"_s, u"024"_s, {u"زنجان"_s, u"ابهر"_s, u"خرمدره"_s, u"قیدار"_s}},
            {u"IR-20"_s, 702, u"35"_s, u"023"_s,
                {u"سمنان"_s, u"شاهرود"_s, u"دامغان"_s, u"گرمسار"_s}},
            {u"IR-21"_s, 1138, u"89"_s, u"035"_s,
                {u"یزد"_s, u"میبد"_s, u"اردکان"_s, u"بافق"_s, u"تفت"_s}},
            {u"IR-22"_s, 1776, u"79"_s, u"076"_s,
                {u"بندرعباس"_s, u"قشم"_s, u"میناب"_s, u"بندر لنگه"_s, u"کیش"_s}},
            {u"IR-23"_s, 13267, u"1"_s, u"021"_s,
                {u"تهران"_s, u"ری"_s, u"شمیرانات"_s, u"اسلامشهر"_s, u"ورامین"_s, u"شهریار"_s,
                    u"پاکدشت"_s, u"دماوند"_s}},
            {u"IR-24"_s, 1271, u"56"_s, u"045"_s,
                {u"اردبیل"_s, u"پارس\u200Cآباد"_s, u"مشگین\u200Cشهر"_s, u"خلخال"_s, u"سرعین"_s}},
            {u"IR-25"_s, 1292, u"37"_s, u"025"_s, {u"قم"_s, u"کهک"_s, u"جعفریه"_s, u"سلفچگان"_s}},
            {u"IR-26"_s, 1274, u"34"_s, u"028"_s,
                {u"قزوین"_s, u"تاکستان"_s, u"آبیک"_s, u"بوئین\u200Cزهرا"_s}},
            {u"IR-27"_s, 1869, u"49"_s, u"017"_s,
                {u"گرگان"_s, u"گنبد کاووس"_s, u"علی\u200Cآباد کتول"_s, u"بندر ترکمن"_s,
                    u"آزادشهر"_s}},
            {u"IR-28"_s, 864, u"94"_s, u"058"_s,
                {u"بجنورد"_s, u"شیروان"_s, u"اسفراین"_s, u"جاجرم"_s}},
            {u"IR-29"_s, 768, u"97"_s, u"056"_s, {u"بیرجند"_s, u"قائن"_s, u"فردوس"_s, u"طبس"_s}},
            {u"IR-30"_s, 2712, u"31"_s, u"026"_s,
                {u"کرج"_s, u"فردیس"_s, u"نظرآباد"_s, u"هشتگرد"_s, u"اشتهارد"_s}},
        };
        // In the order of allProvinces(), which holds the one list of their names.
        Q_ASSERT(std::equal(list.begin(), list.end(), text::allProvinces().begin(),
            text::allProvinces().end(),
            [](const ProvinceProfile &profile, const text::Province &province) {
                return profile.code == province.code;
            }));
        return list;
    }();
    return profiles;
}

// Running totals of the weights, for drawing a province in proportion to its weight.
const QList<int> &cumulativeProvinceWeights()
{
    static const QList<int> totals = [] {
        QList<int> list;
        int total = 0;
        for (const ProvinceProfile &profile : provinceProfiles()) {
            total += profile.weight;
            list.append(total);
        }
        return list;
    }();
    return totals;
}

// The digits after "09": MCI, Irancell and Rightel prefixes.
const QList<QString> &mobilePrefixes()
{
    static const QList<QString> prefixes = {
        u"10"_s,
        u"11"_s,
        u"12"_s,
        u"13"_s,
        u"14"_s,
        u"15"_s,
        u"16"_s,
        u"17"_s,
        u"18"_s,
        u"19"_s,
        u"90"_s,
        u"91"_s,
        u"92"_s,
        u"93"_s,
        u"94"_s,
        u"01"_s,
        u"02"_s,
        u"03"_s,
        u"05"_s,
        u"30"_s,
        u"33"_s,
        u"35"_s,
        u"36"_s,
        u"37"_s,
        u"38"_s,
        u"39"_s,
        u"20"_s,
        u"21"_s,
        u"22"_s,
    };
    return prefixes;
}

const QList<QString> &streets()
{
    static const QList<QString> names = {
        u"امام خمینی"_s,
        u"انقلاب"_s,
        u"آزادی"_s,
        u"ولیعصر"_s,
        u"شریعتی"_s,
        u"فردوسی"_s,
        u"حافظ"_s,
        u"سعدی"_s,
        u"مطهری"_s,
        u"بهشتی"_s,
        u"طالقانی"_s,
        u"جمهوری اسلامی"_s,
        u"کارگر"_s,
        u"پاسداران"_s,
        u"مدرس"_s,
        u"چمران"_s,
        u"باهنر"_s,
        u"رجایی"_s,
        u"بهار"_s,
        u"گلستان"_s,
        u"سپه"_s,
        u"ملت"_s,
        u"کشاورز"_s,
        u"ستارخان"_s,
        u"دانشگاه"_s,
        u"بسیج"_s,
        u"شهدا"_s,
        u"هفده شهریور"_s,
        u"پانزده خرداد"_s,
        u"امام رضا"_s,
        u"معلم"_s,
        u"جانبازان"_s,
        u"خیام"_s,
        u"نواب صفوی"_s,
        u"شهید بهشتی"_s,
        u"شهید رجایی"_s,
    };
    return names;
}

const QList<QString> &alleyNames()
{
    static const QList<QString> names = {
        u"لاله"_s,
        u"یاس"_s,
        u"نسترن"_s,
        u"شقایق"_s,
        u"مهر"_s,
        u"بهار"_s,
        u"ارغوان"_s,
        u"سرو"_s,
        u"صنوبر"_s,
        u"اقاقیا"_s,
        u"نرگس"_s,
        u"گلستان"_s,
        u"فرهنگ"_s,
        u"دانش"_s,
        u"امید"_s,
    };
    return names;
}

const QList<QString> &buildingNames()
{
    static const QList<QString> names = {
        u"پارس"_s,
        u"نگین"_s,
        u"آفتاب"_s,
        u"مهستان"_s,
        u"الماس"_s,
        u"کوثر"_s,
    };
    return names;
}

const QList<QString> &employers()
{
    static const QList<QString> names = {
        u"آموزش و پرورش"_s,
        u"شهرداری"_s,
        u"دانشگاه علوم پزشکی"_s,
        u"دانشگاه آزاد اسلامی"_s,
        u"اداره کل راه و شهرسازی"_s,
        u"شرکت توزیع نیروی برق"_s,
        u"شرکت گاز"_s,
        u"شرکت آب و فاضلاب"_s,
        u"بانک ملی"_s,
        u"بانک کشاورزی"_s,
        u"بانک ملت"_s,
        u"سازمان تأمین اجتماعی"_s,
        u"اداره کل امور مالیاتی"_s,
        u"صدا و سیما"_s,
        u"دادگستری"_s,
        u"جهاد کشاورزی"_s,
        u"بیمارستان امام خمینی"_s,
        u"اداره پست"_s,
        u"مخابرات"_s,
        u"راه\u200Cآهن"_s,
        u"فرمانداری"_s,
        u"منابع طبیعی"_s,
        u"هلال احمر"_s,
    };
    return names;
}

const QList<QString> &memberGroups()
{
    static const QList<QString> names = {
        u"فرهنگیان"_s,
        u"کارگران"_s,
        u"پرستاران"_s,
        u"پزشکان"_s,
        u"بازنشستگان"_s,
        u"کارمندان دولت"_s,
        u"معلمان"_s,
        u"ایثارگران"_s,
        u"رانندگان"_s,
        u"اصناف"_s,
        u"جوانان"_s,
        u"زنان سرپرست خانوار"_s,
    };
    return names;
}

const QList<QString> &products()
{
    static const QList<QString> names = {
        u"لبنیات"_s,
        u"پوشاک"_s,
        u"کاشی و سرامیک"_s,
        u"مصالح ساختمانی"_s,
        u"مبلمان"_s,
        u"نان صنعتی"_s,
        u"قطعات خودرو"_s,
        u"کفش"_s,
        u"آجر"_s,
        u"چرم"_s,
        u"محصولات غذایی"_s,
        u"بسته\u200Cبندی خرما"_s,
        u"شیرینی"_s,
        u"صنایع دستی"_s,
    };
    return names;
}

const QList<QString> &growers()
{
    static const QList<QString> names = {
        u"گندم\u200Cکاران"_s,
        u"پسته\u200Cکاران"_s,
        u"چای\u200Cکاران"_s,
        u"برنج\u200Cکاران"_s,
        u"زعفران\u200Cکاران"_s,
        u"باغداران"_s,
        u"مرکبات\u200Cکاران"_s,
        u"سیب\u200Cزمینی\u200Cکاران"_s,
        u"چغندرکاران"_s,
        u"پنبه\u200Cکاران"_s,
        u"خرماکاران"_s,
    };
    return names;
}

const QList<QString> &breeders()
{
    static const QList<QString> names = {
        u"دامداران"_s,
        u"مرغداران"_s,
        u"زنبورداران"_s,
        u"آبزی\u200Cپروران"_s,
        u"گاوداران"_s,
    };
    return names;
}

const QList<QString> &carriers()
{
    static const QList<QString> names = {
        u"کامیونداران"_s,
        u"تاکسیرانی"_s,
        u"رانندگان وانت\u200Cبار"_s,
        u"اتوبوسرانی"_s,
        u"حمل و نقل بار"_s,
    };
    return names;
}

const QList<QString> &serviceBrands()
{
    static const QList<QString> names = {
        u"نوین"_s,
        u"پیشگامان"_s,
        u"آینده\u200Cسازان"_s,
        u"امید"_s,
        u"فجر"_s,
        u"سپهر"_s,
        u"پارس"_s,
        u"آریا"_s,
        u"مهر"_s,
        u"نیکان"_s,
        u"بهاران"_s,
        u"ستاره"_s,
    };
    return names;
}

QString zeroPadded(quint64 value, int width)
{
    return QString::number(value).rightJustified(width, u'0');
}

constexpr quint64 powerOfTen(int exponent)
{
    quint64 value = 1;
    for (int i = 0; i < exponent; ++i)
        value *= 10;
    return value;
}

} // namespace

MemberGenerator::DecimalScramble::DecimalScramble(int digits, QRandomGenerator &random)
    : m_digits(digits)
    , m_modulus(powerOfTen(digits))
{
    // Multiplying by a number with no factor 2 or 5 permutes the residues mod 10^n.
    const auto unitMultiplier = [&] {
        quint64 multiplier = 0;
        while (multiplier % 2 == 0 || multiplier % 5 == 0)
            multiplier = random.generate64() % m_modulus;
        return multiplier;
    };
    m_firstMultiplier = unitMultiplier();
    m_firstOffset = random.generate64() % m_modulus;
    m_secondMultiplier = unitMultiplier();
    m_secondOffset = random.generate64() % m_modulus;
}

quint64 MemberGenerator::DecimalScramble::map(quint64 value) const
{
    // Reversing the digits between two affine steps moves the fast-changing low
    // digits of a counter to the front, so even the first digit varies row by row.
    const quint64 first = (m_firstMultiplier * (value % m_modulus) + m_firstOffset) % m_modulus;
    return (m_secondMultiplier * reversedDigits(first) + m_secondOffset) % m_modulus;
}

quint64 MemberGenerator::DecimalScramble::reversedDigits(quint64 value) const
{
    quint64 reversed = 0;
    for (int i = 0; i < m_digits; ++i) {
        reversed = reversed * 10 + value % 10;
        value /= 10;
    }
    return reversed;
}

MemberGenerator::MemberGenerator(quint32 seed)
    : m_random(seed)
    , m_personScramble(9, m_random)
    , m_legalScramble(8, m_random)
    , m_jalali(QCalendar::System::Jalali)
{
    const qint64 first = QDate(1370, 1, 1, m_jalali).toJulianDay();
    m_firstJoinDay = first;
    m_joinDaySpan = QDate(1404, 12, 29, m_jalali).toJulianDay() - first + 1;
}

// Each random draw is a statement of its own or the condition of a ?:, never two
// operands of one +: C++ leaves their order to the compiler, and a seed must give
// the same members on every platform.
template<typename List>
const auto &MemberGenerator::pick(const List &list)
{
    return list.at(qsizetype(m_random.bounded(quint32(list.size()))));
}

bool MemberGenerator::chance(int percent)
{
    return m_random.bounded(100) < percent;
}

QString MemberGenerator::randomDigits(int count)
{
    QString digits(count, Qt::Uninitialized);
    for (QChar &digit : digits)
        digit = QChar(u'0' + m_random.bounded(10));
    return digits;
}

SyntheticMember MemberGenerator::next()
{
    SyntheticMember member;
    ++m_memberCount;
    member.membershipNo = u"M-"_s + zeroPadded(m_memberCount, 7);

    const QList<int> &totals = cumulativeProvinceWeights();
    const int draw = int(m_random.bounded(quint32(totals.back())));
    const auto index = std::upper_bound(totals.begin(), totals.end(), draw) - totals.begin();
    const ProvinceProfile &province = provinceProfiles().at(index);
    member.provinceCode = province.code;
    member.provinceName = text::allProvinces().at(index).persianName;
    // Most members of a province live in its capital.
    member.city = chance(60) ? province.cities.front() : pick(province.cities);

    if (chance(85))
        fillPerson(member);
    else
        fillLegalEntity(member);

    member.address = randomAddress(member.city);
    // Postal codes carry no 0 or 2 in their first five digits, and never start with
    // four of the same digit.
    QString postalCode;
    do {
        postalCode = province.postalPrefix;
        while (postalCode.size() < 5)
            postalCode.append(QChar(u"13456789"[m_random.bounded(8)]));
        postalCode += randomDigits(5);
    } while (QStringView(postalCode).first(4).count(postalCode.front()) == 4);
    member.postalCode = postalCode;
    member.mobile = u"09"_s + pick(mobilePrefixes());
    member.mobile += randomDigits(7);
    // An office has a landline; many households list only a mobile.
    if (chance(member.kind == u"legal" ? 90 : 40)) {
        member.phone = province.phoneArea + u'-' + QChar(u'0' + 3 + m_random.bounded(6));
        member.phone += randomDigits(7);
    }
    member.joinDateJalali = randomJoinDate();
    member.status = randomStatus();
    return member;
}

void MemberGenerator::fillPerson(SyntheticMember &member)
{
    member.kind = u"person"_s;
    const Name &first = pick(firstNames());
    const Name &last = pick(lastNames());
    member.firstName = first.persian;
    member.lastName = last.persian;
    member.nationalId = nextNationalCode();
    if (!chance(28))
        return;
    static const QList<QString> domains = {u"gmail.com"_s, u"gmail.com"_s, u"gmail.com"_s,
        u"yahoo.com"_s, u"yahoo.com"_s, u"chmail.ir"_s, u"outlook.com"_s, u"hotmail.com"_s};
    QString local;
    switch (m_random.bounded(4)) {
    case 0:
        local = first.latin + u'.' + last.latin;
        break;
    case 1:
        local = first.latin + last.latin + QString::number(1340 + m_random.bounded(50));
        break;
    case 2:
        local = first.latin + u'_' + last.latin;
        break;
    default:
        local = first.latin.front() + last.latin + QString::number(m_random.bounded(100));
        break;
    }
    member.email = local + u'@' + pick(domains);
}

void MemberGenerator::fillLegalEntity(SyntheticMember &member)
{
    member.kind = u"legal"_s;
    const QString &city = member.city;
    QString name;
    // Weighted by how common each kind of cooperative is in the federation.
    const quint32 sector = m_random.bounded(100);
    if (sector < 25) {
        member.activitySector = u"مصرف"_s;
        name = chance(70) ? u"شرکت تعاونی مصرف کارکنان "_s : u"تعاونی مصرف کارکنان "_s;
        name += pick(employers()) + u' ' + city;
    } else if (sector < 45) {
        member.activitySector = u"مسکن"_s;
        name = u"شرکت تعاونی مسکن "_s
            + (chance(50) ? u"کارکنان "_s + pick(employers()) : pick(memberGroups())) + u' ' + city;
    } else if (sector < 60) {
        member.activitySector = u"تولیدی"_s;
        name = chance(50) ? u"تعاونی تولیدی "_s : u"شرکت تعاونی تولیدی "_s;
        name += pick(products()) + u' ' + city;
    } else if (sector < 72) {
        member.activitySector = u"کشاورزی"_s;
        name = u"شرکت تعاونی کشاورزی "_s + pick(growers()) + u' ' + city;
    } else if (sector < 82) {
        member.activitySector = u"خدماتی"_s;
        name = u"شرکت تعاونی خدماتی "_s + pick(serviceBrands()) + u' ' + city;
    } else if (sector < 88) {
        member.activitySector = u"اعتبار"_s;
        name = u"شرکت تعاونی اعتبار "_s
            + (chance(50) ? u"کارکنان "_s + pick(employers()) : pick(memberGroups())) + u' ' + city;
    } else if (sector < 93) {
        member.activitySector = u"دامداری"_s;
        name = u"شرکت تعاونی "_s + pick(breeders()) + u' ' + city;
    } else if (sector < 97) {
        member.activitySector = u"حمل و نقل"_s;
        name = u"شرکت تعاونی "_s + pick(carriers()) + u' ' + city;
    } else {
        member.activitySector = u"فرش دستباف"_s;
        name = u"شرکت تعاونی فرش دستباف "_s + (chance(30) ? u"زنان "_s : QString()) + city;
    }
    // Several cooperatives of one kind in one town are told apart by a number.
    if (chance(12))
        name += u" شماره "_s + text::toPersianDigits(QString::number(2 + m_random.bounded(8)));
    member.organizationName = name;
    member.nationalId = nextLegalEntityId();
    member.registrationNo = QString::number(100 + m_random.bounded(400000));
    if (chance(45)) {
        static const QList<QString> forms = {u"info.taavoni"_s, u"coop"_s, u"taavoni"_s};
        static const QList<QString> domains = {u"gmail.com"_s, u"yahoo.com"_s, u"chmail.ir"_s};
        member.email = pick(forms) + member.registrationNo + u'@';
        member.email += pick(domains);
    }
}

QString MemberGenerator::nextNationalCode()
{
    // Codes starting 000 are not issued (Tehran's offices start at 001), and a
    // repeated digit passes the checksum but is never issued either.
    quint64 firstNine = 0;
    do
        firstNine = m_personScramble.map(m_personCodeCounter++);
    while (firstNine < powerOfTen(6) || firstNine % 111111111 == 0);
    QString code = zeroPadded(firstNine, 9);
    code.append(QChar(u'0' + text::nationalCodeCheckDigit(code)));
    return code;
}

QString MemberGenerator::nextLegalEntityId()
{
    // Legal entity IDs are issued from 10000000000 up; "10" leads most of them.
    QString id = u"10"_s + zeroPadded(m_legalScramble.map(m_legalIdCounter++), 8);
    id.append(QChar(u'0' + text::legalEntityIdCheckDigit(id)));
    return id;
}

QString MemberGenerator::randomAddress(const QString &city)
{
    // Typed on a Persian keyboard most people write Persian digits, some Latin ones;
    // some type the parts apart with a Latin comma, some name their building in quotes.
    const QString separator = chance(3) ? u", "_s : u"، "_s;
    const bool persianDigits = chance(70);
    const auto number = [&](quint32 below) {
        const QString digits = QString::number(1 + m_random.bounded(below));
        return persianDigits ? text::toPersianDigits(digits) : digits;
    };
    QString address = city + separator + (chance(20) ? u"بلوار "_s : u"خیابان "_s);
    address += pick(streets()) + separator + u"کوچه "_s;
    address += chance(50) ? number(40) : pick(alleyNames());
    if (chance(1))
        address += separator + u"ساختمان \""_s + pick(buildingNames()) + u'"';
    address += separator + u"پلاک "_s + number(250);
    if (chance(35)) {
        address += separator + u"طبقه "_s + number(6);
        address += separator + u"واحد "_s + number(20);
    }
    return address;
}

QString MemberGenerator::randomJoinDate()
{
    // The later of two draws: membership has grown, so recent years hold more joins.
    const qint64 day = std::max(
        m_random.bounded(quint32(m_joinDaySpan)), m_random.bounded(quint32(m_joinDaySpan)));
    const QCalendar::YearMonthDay parts
        = m_jalali.partsFromDate(QDate::fromJulianDay(m_firstJoinDay + day));
    return zeroPadded(quint64(parts.year), 4) + u'/' + zeroPadded(quint64(parts.month), 2) + u'/'
        + zeroPadded(quint64(parts.day), 2);
}

QString MemberGenerator::randomStatus()
{
    const quint32 draw = m_random.bounded(100);
    if (draw < 80)
        return u"active"_s;
    if (draw < 89)
        return u"expired"_s;
    if (draw < 95)
        return u"suspended"_s;
    return u"resigned"_s;
}

} // namespace daftar::bench
