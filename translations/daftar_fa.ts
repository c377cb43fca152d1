<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa_IR" sourcelanguage="en_US">
<context>
    <name>Accounts</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Wrong user name or password. Check the keyboard language and Caps Lock.</source>
        <translation>نام کاربری یا گذرواژه نادرست است. زبان صفحه‌کلید و کلید Caps Lock را بررسی کنید.</translation>
    </message>
    <message numerus="yes">
        <source>After repeated failed logins this account is locked for %n more minute(s). An administrator can unlock it by setting a new password.</source>
        <translation>
            <numerusform>این حساب پس از چند ورود ناموفق پیاپی تا %Ln دقیقهٔ دیگر قفل است. مدیر سامانه می‌تواند با تعیین گذرواژهٔ تازه آن را باز کند.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many failed logins: wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>ورودهای ناموفق زیاد بود: %Ln ثانیه صبر کنید و دوباره تلاش کنید.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password must have at least %n characters.</source>
        <translation>
            <numerusform>گذرواژه باید دست‌کم %Ln نویسه داشته باشد.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not be the same as the user name.</source>
        <translation>گذرواژه نباید با نام کاربری یکی باشد.</translation>
    </message>
    <message>
        <source>This database already has accounts; log in instead. Only an administrator can add more.</source>
        <translation>این پایگاه داده از پیش حساب کاربری دارد؛ وارد شوید. فقط مدیر سامانه می‌تواند حساب تازه بسازد.</translation>
    </message>
    <message>
        <source>first start</source>
        <translation>نخستین اجرا</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; is not usable: use 2 to 64 letters, digits, dots, dashes or underscores, without spaces.</source>
        <translation>نام کاربری «%1» پذیرفتنی نیست: از ۲ تا ۶۴ حرف، رقم، نقطه، خط تیره یا زیرخط و بدون فاصله استفاده کنید.</translation>
    </message>
    <message>
        <source>Enter the person&apos;s full name.</source>
        <translation>نام و نام خانوادگی را وارد کنید.</translation>
    </message>
    <message>
        <source>A branch officer&apos;s account needs the province it is limited to.</source>
        <translation>حساب کارشناس شعبه باید استانی را که به آن محدود است داشته باشد.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the 31 provinces. Use its name or ISO code, e.g. IR-23 for Tehran.</source>
        <translation>«%1» یکی از ۳۱ استان نیست. نام استان یا کد ISO آن را بنویسید، مثلاً IR-23 برای تهران.</translation>
    </message>
    <message>
        <source>There is already an account named &quot;%1&quot;.</source>
        <translation>حسابی با نام «%1» از پیش وجود دارد.</translation>
    </message>
    <message>
        <source>Not enough memory to protect the password. Close other programs and try again.</source>
        <translation>حافظه برای محافظت از گذرواژه کافی نیست. برنامه‌های دیگر را ببندید و دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>There is no account named &quot;%1&quot;.</source>
        <translation>حسابی با نام «%1» وجود ندارد.</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; is disabled. Ask an administrator.</source>
        <translation>حساب «%1» غیرفعال است. به مدیر سامانه مراجعه کنید.</translation>
    </message>
    <message>
        <source>Your role (%1) does not allow %2. Ask an administrator if you need it.</source>
        <translation>نقش شما (%1) اجازهٔ %2 را نمی‌دهد. اگر به آن نیاز دارید به مدیر سامانه بگویید.</translation>
    </message>
    <message>
        <source>Your account is limited to the province %1; this record belongs to %2.</source>
        <translation>حساب شما به استان %1 محدود است؛ این پرونده به %2 تعلق دارد.</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>مدیر سامانه</translation>
    </message>
    <message>
        <source>Chief editor</source>
        <translation>سردبیر</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>ویراستار</translation>
    </message>
    <message>
        <source>Membership officer</source>
        <translation>کارشناس عضویت</translation>
    </message>
    <message>
        <source>Branch officer</source>
        <translation>کارشناس شعبه</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>بیننده</translation>
    </message>
    <message>
        <source>managing user accounts</source>
        <translation>مدیریت حساب‌های کاربری</translation>
    </message>
    <message>
        <source>managing the database</source>
        <translation>مدیریت پایگاه داده</translation>
    </message>
    <message>
        <source>managing the public site connections</source>
        <translation>مدیریت اتصال به وبگاه عمومی</translation>
    </message>
    <message>
        <source>reading the audit trail</source>
        <translation>خواندن سابقهٔ تغییرات</translation>
    </message>
    <message>
        <source>viewing the member bank</source>
        <translation>دیدن بانک اعضا</translation>
    </message>
    <message>
        <source>changing the member bank</source>
        <translation>تغییر بانک اعضا</translation>
    </message>
    <message>
        <source>changing the provincial branches</source>
        <translation>تغییر شعب استانی</translation>
    </message>
    <message>
        <source>writing articles</source>
        <translation>نوشتن خبر</translation>
    </message>
    <message>
        <source>reviewing and publishing articles</source>
        <translation>بررسی و انتشار خبر</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The Qt database driver %1 is not installed. Reinstall Daftar (on Debian: the package libqt6sql6-%2).</source>
        <translation>راه‌انداز پایگاه دادهٔ Qt با نام %1 نصب نیست. دفتر را دوباره نصب کنید (در دبیان: بستهٔ libqt6sql6-%2).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database. Check that you may write there, or choose another location.</source>
        <translation>پوشهٔ %1 برای پایگاه داده ساخته نشد. بررسی کنید که اجازهٔ نوشتن در آنجا را دارید، یا جای دیگری برگزینید.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>پایگاه دادهٔ %1 باز نشد: %2</translation>
    </message>
    <message>
        <source>The database %1 reported an error (%2): %3</source>
        <translation>پایگاه دادهٔ %1 خطا داد (%2): %3</translation>
    </message>
    <message>
        <source>SQLite integrity check: %1</source>
        <translation>بررسی سلامت SQLite: %1</translation>
    </message>
    <message>
        <source>Row %1 of table %2 refers to a missing row of table %3.</source>
        <translation>سطر %1 از جدول %2 به سطری از جدول %3 اشاره می‌کند که وجود ندارد.</translation>
    </message>
    <message>
        <source>Constraint %1 on table %2 is not validated.</source>
        <translation>قید %1 روی جدول %2 اعتبارسنجی نشده است.</translation>
    </message>
    <message>
        <source>Table %1 is missing.</source>
        <translation>جدول %1 وجود ندارد.</translation>
    </message>
    <message>
        <source>The schema is at version %1; this program expects %2. Run &quot;daftar-cli db migrate&quot;.</source>
        <translation>نسخهٔ ساختار پایگاه داده %1 است و این برنامه %2 را انتظار دارد. فرمان «daftar-cli db migrate» را اجرا کنید.</translation>
    </message>
</context>
<context>
    <name>DatabaseLocation</name>
    <message>
        <source>The database location &quot;%1&quot; is not a valid PostgreSQL address. Write it as postgresql://user:password@host:port/database.</source>
        <translation>نشانی پایگاه دادهٔ «%1» نشانی درستی برای PostgreSQL نیست. آن را به شکل postgresql://user:password@host:port/database بنویسید.</translation>
    </message>
    <message>
        <source>The PostgreSQL address &quot;%1&quot; names no database. Add it after the host, e.g. postgresql://daftar@db.example:5432/daftar.</source>
        <translation>نشانی PostgreSQL «%1» نام پایگاه داده را ندارد. آن را پس از میزبان بیفزایید، مانند postgresql://daftar@db.example:5432/daftar.</translation>
    </message>
    <message>
        <source>No database location was given.</source>
        <translation>جای پایگاه داده داده نشده است.</translation>
    </message>
    <message>
        <source>Unknown kind of database location &quot;%1&quot;. Use a file path, sqlite:/path/file.sqlite or postgresql://user@host/database.</source>
        <translation>نوع نشانی پایگاه دادهٔ «%1» شناخته نیست. مسیر یک پرونده، sqlite:/path/file.sqlite یا postgresql://user@host/database بنویسید.</translation>
    </message>
    <message>
        <source>The SQLite location names no file.</source>
        <translation>نشانی SQLite نام پرونده‌ای ندارد.</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>“%1”</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <source>No date given: enter one such as 1398/09/03.</source>
        <translation>تاریخی وارد نشده است: تاریخی مانند ۱۳۹۸/۰۹/۰۳ بنویسید.</translation>
    </message>
    <message>
        <source>%1 is not a date: write year/month/day, such as 1398/09/03 (Jalali) or 2019-11-24 (Gregorian).</source>
        <translation>%1 تاریخ نیست: به شکل سال/ماه/روز بنویسید، مانند ۱۳۹۸/۰۹/۰۳ (خورشیدی) یا 2019-11-24 (میلادی).</translation>
    </message>
    <message>
        <source>%1 has no four-digit year: write the year in full, such as 1398/09/03.</source>
        <translation>سال در %1 چهار رقمی نیست: سال را کامل بنویسید، مانند ۱۳۹۸/۰۹/۰۳.</translation>
    </message>
    <message>
        <source>%1 has year 0, which no calendar has.</source>
        <translation>سال در %1 صفر است و هیچ تقویمی سال صفر ندارد.</translation>
    </message>
    <message>
        <source>%1 has month %2: months run from 1 to 12.</source>
        <translation>ماه در %1 برابر %2 است: ماه‌ها از ۱ تا ۱۲ اند.</translation>
    </message>
    <message>
        <source>%1 has day 0: days are numbered from 1.</source>
        <translation>روز در %1 صفر است: روزها از ۱ شماره می‌خورند.</translation>
    </message>
    <message>
        <source>%1 is not a date: %2 is not a leap year, so %3 has only 29 days.</source>
        <translation>%1 تاریخ نیست: سال %2 کبیسه نیست، پس %3 فقط ۲۹ روز دارد.</translation>
    </message>
    <message>
        <source>%1 is not a date: %2 %3 has only %4 days.</source>
        <translation>%1 تاریخ نیست: %2 %3 فقط %4 روز دارد.</translation>
    </message>
    <message>
        <source>%1 is not a date.</source>
        <translation>%1 تاریخ نیست.</translation>
    </message>
</context>
<context>
    <name>Identifiers</name>
    <message>
        <source>The %1 had lost its leading zeros (as spreadsheets do); it was restored as %2.</source>
        <translation>صفرهای آغاز %1 افتاده بود (کاری که صفحه‌گسترده‌ها می‌کنند)؛ به شکل %2 بازگردانده شد.</translation>
    </message>
    <message>
        <source>The %1 is empty: enter it as written on the card.</source>
        <translation>%1 خالی است: آن را همان‌گونه که روی کارت آمده بنویسید.</translation>
    </message>
    <message>
        <source>The %1 may contain only digits, spaces and dashes: remove the other characters.</source>
        <translation>%1 فقط می‌تواند رقم، فاصله و خط تیره داشته باشد: نویسه‌های دیگر را پاک کنید.</translation>
    </message>
    <message numerus="yes">
        <source>The %1 %2 has %n digit(s), which is not the right number: look for a missing or extra digit.</source>
        <translation>
            <numerusform>%1 %2 دارای %Ln رقم است که شمار درستی نیست: دنبال رقم جاافتاده یا اضافه بگردید.</numerusform>
        </translation>
    </message>
    <message>
        <source>The %1 %2 is one digit repeated, which is never issued: enter the real number.</source>
        <translation>%1 %2 تکرار یک رقم است که هرگز صادر نمی‌شود: شمارهٔ واقعی را بنویسید.</translation>
    </message>
    <message>
        <source>The %1 %2 fails its check digit: check it against the card.</source>
        <translation>رقم کنترل %1 %2 درست نیست: آن را با کارت مقایسه کنید.</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>%1 already holds other data (table &quot;%2&quot;) and is not a Daftar database. Choose an empty database or a Daftar one; nothing was changed.</source>
        <translation>%1 داده‌های دیگری دارد (جدول «%2») و پایگاه دادهٔ دفتر نیست. یک پایگاه دادهٔ خالی یا پایگاه دادهٔ دفتر برگزینید؛ چیزی تغییر نکرد.</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version of Daftar (schema version %2; this program knows up to %3). Install the newer Daftar to open it; nothing was changed.</source>
        <translation>پایگاه دادهٔ %1 با نسخهٔ تازه‌تری از دفتر نوشته شده است (نسخهٔ ساختار %2؛ این برنامه تا %3 را می‌شناسد). برای باز کردن آن دفتر تازه‌تر را نصب کنید؛ چیزی تغییر نکرد.</translation>
    </message>
    <message>
        <source>Upgrading the database to version %1 (%2) failed; it was left at version %3. %4</source>
        <translation>ارتقای پایگاه داده به نسخهٔ %1 (%2) ناموفق بود؛ پایگاه داده در نسخهٔ %3 ماند. %4</translation>
    </message>
</context>
<context>
    <name>daftar</name>
    <message>
        <source>The database: a SQLite file or postgresql://user@host:port/database.</source>
        <translation>پایگاه داده: یک پروندهٔ SQLite یا postgresql://user@host:port/database.</translation>
    </message>
    <message>
        <source>Daftar</source>
        <translation>دفتر</translation>
    </message>
</context>
<context>
    <name>daftar::ui::AboutDialog</name>
    <message>
        <source>About Daftar</source>
        <translation>دربارهٔ دفتر</translation>
    </message>
    <message>
        <source>Daftar %1</source>
        <translation>دفتر %1</translation>
    </message>
    <message>
        <source>The desktop of the secretariat: news and announcements, the member bank, the provincial branches, and publishing to the public site.</source>
        <translation>میز کار دبیرخانه: اخبار و آگهی‌ها، بانک اعضا، شعب استانی و انتشار در وبگاه عمومی.</translation>
    </message>
    <message>
        <source>Built with Qt %1, ICU, SQLite, PostgreSQL and libsodium.</source>
        <translation>ساخته‌شده با Qt %1 و ICU و SQLite و PostgreSQL و libsodium.</translation>
    </message>
    <message>
        <source>Font: Vazirmatn by Saber Rastikerdar, under the SIL Open Font License 1.1.</source>
        <translation>قلم: وزیرمتن، اثر صابر راستی‌کردار، با پروانهٔ SIL Open Font License 1.1.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>افزودن کاربر</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation>
            <numerusform>دست‌کم %Ln نویسه</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>نام و نام خانوادگی (&amp;F):</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>نام کاربری (&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>نقش (&amp;R):</translation>
    </message>
    <message>
        <source>Pro&amp;vince:</source>
        <translation>استان (&amp;V):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>گذرواژه (&amp;P):</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>تکرار گذرواژه (&amp;E):</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>افزودن کاربر</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the password again.</source>
        <translation>دو گذرواژه یکی نیستند. گذرواژه را دوباره بنویسید.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::FirstRunDialog</name>
    <message>
        <source>Welcome to Daftar</source>
        <translation>به دفتر خوش آمدید</translation>
    </message>
    <message>
        <source>This is a new database (%1). Create the administrator&apos;s account: the administrator adds the other users and chooses their roles.</source>
        <translation>این پایگاه داده تازه است (%1). حساب مدیر سامانه را بسازید: مدیر سامانه کاربران دیگر را می‌افزاید و نقش آنان را تعیین می‌کند.</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>نام و نام خانوادگی (&amp;F):</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>نام کاربری (&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>گذرواژه (&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>تکرار گذرواژه (&amp;R):</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation>
            <numerusform>دست‌کم %Ln نویسه</numerusform>
        </translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>ساختن حساب</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Enter the administrator&apos;s full name.</source>
        <translation>نام و نام خانوادگی مدیر سامانه را وارد کنید.</translation>
    </message>
    <message>
        <source>Choose a user name for logging in.</source>
        <translation>یک نام کاربری برای ورود برگزینید.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the password again.</source>
        <translation>دو گذرواژه یکی نیستند. گذرواژه را دوباره بنویسید.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::JalaliCalendarPopup</name>
    <message>
        <source>Previous month</source>
        <translation>ماه پیش</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>ماه بعد</translation>
    </message>
    <message>
        <source>Choose the month</source>
        <translation>انتخاب ماه</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>سال</translation>
    </message>
    <message>
        <source>Days of the month</source>
        <translation>روزهای ماه</translation>
    </message>
</context>
<context>
    <name>daftar::ui::JalaliDateEdit</name>
    <message>
        <source>The date must be on or after %1.</source>
        <translation>تاریخ باید %1 یا پس از آن باشد.</translation>
    </message>
    <message>
        <source>The date must be on or before %1.</source>
        <translation>تاریخ باید %1 یا پیش از آن باشد.</translation>
    </message>
    <message>
        <source>Year/month/day in the Solar Hijri calendar, e.g. %1</source>
        <translation>سال/ماه/روز به تقویم خورشیدی، مانند %1</translation>
    </message>
    <message>
        <source>Open calendar (Alt+Down)</source>
        <translation>باز کردن تقویم (Alt+پایین)</translation>
    </message>
    <message>
        <source>Open calendar</source>
        <translation>باز کردن تقویم</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
</context>
<context>
    <name>daftar::ui::LoginDialog</name>
    <message>
        <source>Log in to Daftar</source>
        <translation>ورود به دفتر</translation>
    </message>
    <message>
        <source>Welcome. Log in with the account your administrator gave you.</source>
        <translation>خوش آمدید. با حسابی که مدیر سامانه به شما داده است وارد شوید.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>نام کاربری (&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>گذرواژه (&amp;P):</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>پایگاه داده: %1</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>ورود</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>نام کاربری خود را وارد کنید.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MainWindow</name>
    <message>
        <source>News and announcements</source>
        <translation>اخبار و آگهی‌ها</translation>
    </message>
    <message>
        <source>There are no articles or announcements yet. Writing, clean-up, review and preview of news come with the newsroom, which is not part of this version.</source>
        <translation>هنوز خبر یا آگهی‌ای نیست. نوشتن، پاک‌سازی، بررسی و پیش‌نمایش خبر با بخش خبر می‌آید که در این نسخه نیست.</translation>
    </message>
    <message>
        <source>Member bank</source>
        <translation>بانک اعضا</translation>
    </message>
    <message>
        <source>The member bank is empty. Members, their dues and the import of provincial spreadsheets come with the member bank, which is not part of this version.</source>
        <translation>بانک اعضا خالی است. اعضا، حق عضویت آنان و ورود صفحه‌گسترده‌های استان‌ها با بخش بانک اعضا می‌آید که در این نسخه نیست.</translation>
    </message>
    <message>
        <source>Provincial branches</source>
        <translation>شعب استانی</translation>
    </message>
    <message>
        <source>No branches are recorded yet. The directory of the 31 provinces and their branches is not part of this version.</source>
        <translation>هنوز شعبه‌ای ثبت نشده است. فهرست ۳۱ استان و شعبه‌هایشان در این نسخه نیست.</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>انتشار</translation>
    </message>
    <message>
        <source>Nothing has been sent to the public site. Publishing to the site is not part of this version.</source>
        <translation>چیزی به وبگاه عمومی فرستاده نشده است. انتشار در وبگاه در این نسخه نیست.</translation>
    </message>
    <message>
        <source>Daftar</source>
        <translation>دفتر</translation>
    </message>
    <message>
        <source>Secretariat of the federation of cooperatives</source>
        <translation>دبیرخانهٔ خانهٔ تعاونگران</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>تنظیمات</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>پرونده (&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>خروج (&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>برو (&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>راهنما (&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Daftar</source>
        <translation>دربارهٔ دفتر (&amp;A)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Shared database</source>
        <translation>پایگاه دادهٔ مشترک</translation>
    </message>
    <message>
        <source>Database on this computer</source>
        <translation>پایگاه داده روی این رایانه</translation>
    </message>
</context>
<context>
    <name>daftar::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>تنظیمات</translation>
    </message>
    <message>
        <source>Your account</source>
        <translation>حساب شما</translation>
    </message>
    <message>
        <source>%1 (user name %2), %3.</source>
        <translation>%1 (نام کاربری %2)، %3.</translation>
    </message>
    <message>
        <source>Limited to the province of %1.</source>
        <translation>محدود به استان %1.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>پایگاه داده</translation>
    </message>
    <message>
        <source>%1 at %2, schema version %3.</source>
        <translation>%1 در %2، نسخهٔ ساختار %3.</translation>
    </message>
    <message>
        <source>Shared PostgreSQL database</source>
        <translation>پایگاه دادهٔ مشترک PostgreSQL</translation>
    </message>
    <message>
        <source>Embedded SQLite file</source>
        <translation>پروندهٔ SQLite روی همین رایانه</translation>
    </message>
    <message>
        <source>User accounts</source>
        <translation>حساب‌های کاربری</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>افزودن کاربر… (&amp;A)</translation>
    </message>
</context>
<context>
    <name>daftar::ui::UsersModel</name>
    <message>
        <source>never</source>
        <translation>هرگز</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>نام کاربری</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>نام و نام خانوادگی</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>نقش</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>استان</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>آخرین ورود</translation>
    </message>
</context>
<context>
    <name>daftar_cli</name>
    <message>
        <source>Usage: daftar-cli [--db LOCATION] [--user NAME] COMMAND ...

Commands:
  db migrate                 bring the database schema up to this version
  db check                   check integrity and schema (exit 1 on problems)
  users add NAME --name FULL_NAME --role ROLE [--province IR-NN]
                             add an account; the password comes from
                             DAFTAR_NEW_PASSWORD or is asked for
  users list [--json]        list accounts
  users passwd NAME          set a new password (unlocks a locked account)

Options:
  --db LOCATION   a SQLite file, sqlite:/path or postgresql://user@host:port/db
                  (default: DAFTAR_DB, else the desktop&apos;s own database)
  --user NAME     log in as NAME with the password in DAFTAR_PASSWORD; needed on
                  PostgreSQL. On a local SQLite file daftar-cli otherwise acts as
                  administrator, recorded in the audit trail as the OS user.
  -h, --help      show this help;  -v, --version  show the version

Roles: administrator, chief_editor, editor, membership_officer, branch_officer, viewer
Exit codes: 0 done; 1 failed, nothing changed; 2 usage error; 3 partly done.
</source>
        <translation>کاربرد: daftar-cli [--db LOCATION] [--user NAME] COMMAND ...

فرمان‌ها:
  db migrate                 ارتقای ساختار پایگاه داده به این نسخه
  db check                   بررسی سلامت و ساختار (با اشکال، کد خروج ۱)
  users add NAME --name FULL_NAME --role ROLE [--province IR-NN]
                             افزودن حساب؛ گذرواژه از DAFTAR_NEW_PASSWORD
                             خوانده یا پرسیده می‌شود
  users list [--json]        فهرست حساب‌ها
  users passwd NAME          تعیین گذرواژهٔ تازه (حساب قفل‌شده را باز می‌کند)

گزینه‌ها:
  --db LOCATION   پروندهٔ SQLite، sqlite:/path یا postgresql://user@host:port/db
                  (پیش‌فرض: DAFTAR_DB، وگرنه پایگاه دادهٔ همین رایانه)
  --user NAME     ورود با نام NAME و گذرواژهٔ DAFTAR_PASSWORD؛ برای PostgreSQL
                  لازم است. روی پروندهٔ SQLite محلی، daftar-cli در غیر این صورت
                  با نقش مدیر سامانه و به نام کاربر سیستم‌عامل در سابقه ثبت می‌شود.
  -h, --help      نمایش این راهنما؛  -v, --version  نمایش نسخه

نقش‌ها: administrator, chief_editor, editor, membership_officer, branch_officer, viewer
کدهای خروج: ۰ انجام شد؛ ۱ ناموفق، چیزی تغییر نکرد؛ ۲ خطای کاربرد؛ ۳ بخشی انجام شد.
</translation>
    </message>
    <message>
        <source>Run &quot;daftar-cli --help&quot; for usage.</source>
        <translation>برای راهنما «daftar-cli --help» را اجرا کنید.</translation>
    </message>
    <message>
        <source>No command given.</source>
        <translation>فرمانی داده نشده است.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a subcommand.</source>
        <translation>«%1» به یک زیرفرمان نیاز دارد.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>فرمان «%1» شناخته نیست.</translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation>کاربرد: %1</translation>
    </message>
    <message>
        <source>A shared database needs a login: add --user NAME and put the password in the environment variable DAFTAR_PASSWORD.</source>
        <translation>پایگاه دادهٔ مشترک ورود می‌خواهد: --user NAME را بیفزایید و گذرواژه را در متغیر محیطی DAFTAR_PASSWORD بگذارید.</translation>
    </message>
    <message>
        <source>Set the environment variable DAFTAR_PASSWORD to the password of &quot;%1&quot;.</source>
        <translation>متغیر محیطی DAFTAR_PASSWORD را برابر گذرواژهٔ «%1» بگذارید.</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>گذرواژهٔ تازه برای %1: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>تکرار گذرواژه: </translation>
    </message>
    <message>
        <source>%1 is up to date (schema version %2).</source>
        <translation>%1 به‌روز است (نسخهٔ ساختار %2).</translation>
    </message>
    <message>
        <source>%1 migrated from schema version %2 to %3.</source>
        <translation>ساختار %1 از نسخهٔ %2 به %3 ارتقا یافت.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n problem(s) found.</source>
        <translation>
            <numerusform>%1: %Ln اشکال پیدا شد.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: no problems found (schema version %2).</source>
        <translation>%1: اشکالی پیدا نشد (نسخهٔ ساختار %2).</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;. Roles: administrator, chief_editor, editor, membership_officer, branch_officer, viewer.</source>
        <translation>نقش «%1» شناخته نیست. نقش‌ها: administrator، chief_editor، editor، membership_officer، branch_officer، viewer.</translation>
    </message>
    <message>
        <source>No password given, or the two entries differ. Nothing was changed.</source>
        <translation>گذرواژه‌ای داده نشد یا دو بار نوشتن آن یکی نبود. چیزی تغییر نکرد.</translation>
    </message>
    <message>
        <source>This shared database has no accounts yet: the first one must be an administrator.</source>
        <translation>این پایگاه دادهٔ مشترک هنوز حسابی ندارد: نخستین حساب باید مدیر سامانه باشد.</translation>
    </message>
    <message>
        <source>Added %1 (%2) as %3.</source>
        <translation>%1 (%2) با نقش %3 افزوده شد.</translation>
    </message>
    <message>
        <source>The password of %1 was changed.</source>
        <translation>گذرواژهٔ %1 تغییر کرد.</translation>
    </message>
</context>
</TS>
