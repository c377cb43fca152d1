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
    <name>Importing</name>
    <message>
        <source>Reading %1 failed: %2. Copy the file to this computer and try again.</source>
        <translation>خواندن %1 ناموفق بود: %2. پرونده را روی همین رایانه کپی کنید و دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>%1 holds no rows. Check that it is the right file, or export the spreadsheet again.</source>
        <translation>%1 هیچ سطری ندارد. بررسی کنید که پروندهٔ درست را برگزیده باشید، یا دوباره از صفحه‌گسترده خروجی بگیرید.</translation>
    </message>
    <message>
        <source>Row %1 of %2 opens a quote (&quot;) that is never closed, so the rest of the file would become one cell. Correct that row in a text editor, or export the spreadsheet again.</source>
        <translation>در سطر %1 از %2 یک گیومه (&quot;) باز شده که هرگز بسته نمی‌شود، پس همهٔ باقی پرونده در یک سلول می‌افتاد. آن سطر را در یک ویرایشگر متن درست کنید، یا دوباره از صفحه‌گسترده خروجی بگیرید.</translation>
    </message>
    <message>
        <source>%1 is not a readable Excel workbook: %2. Open it in Excel and save it again as .xlsx or as CSV UTF-8, or ask the office to send it again.</source>
        <translation>%1 کتاب کار اکسلِ خوانایی نیست: %2. آن را در اکسل باز کنید و دوباره با قالب ‎.xlsx یا CSV UTF-8 ذخیره کنید، یا از فرستنده بخواهید آن را دوباره بفرستد.</translation>
    </message>
    <message>
        <source>the file ends early, as if cut off while copying</source>
        <translation>پرونده ناتمام است، گویی هنگام کپی بریده شده است</translation>
    </message>
    <message>
        <source>%1 is saved in the ZIP64 form for very large workbooks, which Daftar does not read. Save the sheet as CSV UTF-8 instead, or split it into smaller workbooks.</source>
        <translation>%1 با قالب ZIP64 (ویژهٔ کتاب‌های کار بسیار بزرگ) ذخیره شده است که دفتر آن را نمی‌خواند. به‌جای آن، کاربرگ را با قالب CSV UTF-8 ذخیره کنید، یا آن را به چند کتاب کار کوچک‌تر بخش کنید.</translation>
    </message>
    <message>
        <source>it is one part of an archive split into several files</source>
        <translation>این پرونده تنها یک بخش از آرشیوی است که به چند پرونده تقسیم شده است</translation>
    </message>
    <message>
        <source>its table of contents points outside the file</source>
        <translation>فهرست محتوای آن به بیرون از پرونده اشاره می‌کند</translation>
    </message>
    <message>
        <source>its table of contents is damaged</source>
        <translation>فهرست محتوای آن آسیب دیده است</translation>
    </message>
    <message>
        <source>%1 is protected with a password. Open it in Excel, remove the password (File, Info, Protect Workbook) and save it again.</source>
        <translation>%1 با گذرواژه محافظت شده است. آن را در اکسل باز کنید، گذرواژه را بردارید (File، Info، Protect Workbook) و دوباره ذخیره کنید.</translation>
    </message>
    <message>
        <source>its part %1 is compressed with method %2, which Daftar does not read</source>
        <translation>بخش %1 آن با روش %2 فشرده شده است که دفتر آن را نمی‌خواند</translation>
    </message>
    <message>
        <source>its part %1 is damaged</source>
        <translation>بخش %1 آن آسیب دیده است</translation>
    </message>
    <message>
        <source>the decompressor could not start</source>
        <translation>باز کردن فشرده‌سازی آغاز نشد</translation>
    </message>
    <message>
        <source>its part %1 is cut short</source>
        <translation>بخش %1 آن ناقص است</translation>
    </message>
    <message>
        <source>it ends early</source>
        <translation>ناتمام مانده است</translation>
    </message>
    <message>
        <source>its part %1 is not valid XML (line %2: %3)</source>
        <translation>بخش %1 آن XML معتبر نیست (سطر %2: %3)</translation>
    </message>
    <message>
        <source>a cell of row %1 has the malformed address &quot;%2&quot;</source>
        <translation>یکی از سلول‌های سطر %1 نشانی نادرست «%2» را دارد</translation>
    </message>
    <message>
        <source>cell %1%2 refers to a text the file does not contain</source>
        <translation>سلول %1%2 به متنی اشاره می‌کند که در پرونده نیست</translation>
    </message>
    <message>
        <source>%1 is a ZIP archive but not an Excel workbook. Choose the .xlsx file that Excel saved, or a CSV file.</source>
        <translation>%1 آرشیو ZIP است، اما کتاب کار اکسل نیست. پروندهٔ ‎.xlsx را که اکسل ذخیره کرده است برگزینید، یا یک پروندهٔ CSV.</translation>
    </message>
    <message>
        <source>%1 has no worksheet to read. Put the member list on a worksheet (not a chart sheet) and save the workbook again.</source>
        <translation>%1 کاربرگی برای خواندن ندارد. فهرست اعضا را در یک کاربرگ (نه برگهٔ نمودار) بگذارید و کتاب کار را دوباره ذخیره کنید.</translation>
    </message>
    <message>
        <source>its sheet &quot;%1&quot; is missing</source>
        <translation>کاربرگ «%1» آن وجود ندارد</translation>
    </message>
    <message>
        <source>The sheet &quot;%1&quot; of %2 is empty. Put the member list on the first sheet of the workbook, or choose another file.</source>
        <translation>کاربرگ «%1» در %2 خالی است. فهرست اعضا را در نخستین کاربرگ کتاب کار بگذارید، یا پروندهٔ دیگری برگزینید.</translation>
    </message>
    <message>
        <source>The file %1 does not exist. Check its name and folder, and choose it again.</source>
        <translation>پروندهٔ %1 وجود ندارد. نام و پوشهٔ آن را بررسی کنید و دوباره آن را برگزینید.</translation>
    </message>
    <message>
        <source>%1 is a folder. Choose the spreadsheet file inside it.</source>
        <translation>%1 یک پوشه است. پروندهٔ صفحه‌گستردهٔ درون آن را برگزینید.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2. Check that you may read it and that no other program holds it open.</source>
        <translation>%1 باز نشد: %2. بررسی کنید که اجازهٔ خواندن آن را دارید و برنامهٔ دیگری آن را باز نگه نداشته است.</translation>
    </message>
    <message>
        <source>%1 is empty. Ask the office to export the spreadsheet again.</source>
        <translation>%1 خالی است. از فرستنده بخواهید دوباره از صفحه‌گسترده خروجی بگیرد.</translation>
    </message>
    <message>
        <source>%1 is an Excel 97-2003 workbook (.xls) or a workbook protected with a password. Open it in Excel and save it as .xlsx without a password, or as CSV UTF-8.</source>
        <translation>%1 کتاب کار اکسل ۹۷ تا ۲۰۰۳ (‎.xls) یا کتاب کاری با گذرواژه است. آن را در اکسل باز کنید و بدون گذرواژه با قالب ‎.xlsx یا CSV UTF-8 ذخیره کنید.</translation>
    </message>
    <message>
        <source>%1 is named like an Excel workbook but is not one. Open it in Excel and save it again as .xlsx or as CSV UTF-8.</source>
        <translation>نام %1 مانند کتاب کار اکسل است، اما کتاب کار اکسل نیست. آن را در اکسل باز کنید و دوباره با قالب ‎.xlsx یا CSV UTF-8 ذخیره کنید.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Check that the folder exists and that you may write there, and close the file if Excel has it open.</source>
        <translation>نوشتن %1 ممکن نشد: %2. بررسی کنید که پوشه وجود دارد و اجازهٔ نوشتن در آن را دارید، و اگر پرونده در اکسل باز است آن را ببندید.</translation>
    </message>
    <message>
        <source>the workbook could not be created</source>
        <translation>کتاب کار ساخته نشد</translation>
    </message>
    <message>
        <source>the sheet could not be created</source>
        <translation>کاربرگ ساخته نشد</translation>
    </message>
    <message>
        <source>an Excel sheet holds at most %1 rows; export fewer rows, or as CSV</source>
        <translation>هر کاربرگ اکسل حداکثر %1 سطر جا دارد؛ سطرهای کمتری خروجی بگیرید، یا با قالب CSV خروجی بگیرید</translation>
    </message>
    <message>
        <source>an Excel sheet holds at most %1 columns, row %2 has %3</source>
        <translation>هر کاربرگ اکسل حداکثر %1 ستون جا دارد، اما سطر %2 دارای %3 ستون است</translation>
    </message>
    <message>
        <source>the cell in row %1, column %2 is longer than the 32,767 characters Excel allows</source>
        <translation>سلول سطر %1، ستون %2 از ۳۲٬۷۶۷ نویسه‌ای که اکسل اجازه می‌دهد بلندتر است</translation>
    </message>
    <message>
        <source>the existing file could not be replaced</source>
        <translation>پروندهٔ موجود جایگزین نشد</translation>
    </message>
</context>
<context>
    <name>MemberDisplay</name>
    <message>
        <source>%1 Rial</source>
        <translation>%1 ریال</translation>
    </message>
    <message>
        <source>%1 Toman</source>
        <translation>%1 تومان</translation>
    </message>
</context>
<context>
    <name>MemberFieldNames</name>
    <message>
        <source>Membership no.</source>
        <translation>شماره عضویت</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>نوع عضو</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <source>Name of the cooperative</source>
        <translation>نام تعاونی</translation>
    </message>
    <message>
        <source>National code / ID</source>
        <translation>کد / شناسه ملی</translation>
    </message>
    <message>
        <source>Registration no.</source>
        <translation>شماره ثبت</translation>
    </message>
    <message>
        <source>Activity sector</source>
        <translation>زمینه فعالیت</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>استان</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>شعبه</translation>
    </message>
    <message>
        <source>City</source>
        <translation>شهر</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>نشانی</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>کد پستی</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>تلفن همراه</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>تلفن</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation>تاریخ عضویت</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>یادداشت</translation>
    </message>
</context>
<context>
    <name>Members</name>
    <message>
        <source>Give the branch a name.</source>
        <translation>نامی برای شعبه بنویسید.</translation>
    </message>
    <message>
        <source>Enter the city of the branch.</source>
        <translation>شهر شعبه را وارد کنید.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the 31 provinces.</source>
        <translation>«%1» یکی از ۳۱ استان نیست.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a postal code: it has ten digits.</source>
        <translation>«%1» کد پستی نیست: کد پستی ده رقم دارد.</translation>
    </message>
    <message>
        <source>There is no such branch.</source>
        <translation>چنین شعبه‌ای وجود ندارد.</translation>
    </message>
    <message>
        <source>Legal entity</source>
        <translation>حقوقی</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>حقیقی</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>فعال</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>تعلیق</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منقضی</translation>
    </message>
    <message>
        <source>Resigned</source>
        <translation>مستعفی</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>اعضا</translation>
    </message>
    <message>
        <source>Cannot write %1: check that it is not open in Excel.</source>
        <translation>نوشتن %1 ممکن نشد: بررسی کنید که در اکسل باز نباشد.</translation>
    </message>
    <message>
        <source>Cannot export to %1: name the file .csv or .xlsx.</source>
        <translation>خروجی گرفتن در %1 ممکن نیست: پسوند نام پرونده را ‎.csv یا ‎.xlsx بگذارید.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>نوشتن %1 ممکن نشد: %2</translation>
    </message>
    <message>
        <source>Cannot write the report %1: %2</source>
        <translation>نوشتن گزارش %1 ممکن نشد: %2</translation>
    </message>
    <message>
        <source>national code or ID (کد ملی)</source>
        <translation>«کد ملی» یا «شناسه ملی»</translation>
    </message>
    <message>
        <source>province (استان)</source>
        <translation>«استان»</translation>
    </message>
    <message>
        <source>last name (نام خانوادگی) or cooperative name (نام تعاونی)</source>
        <translation>«نام خانوادگی» یا «نام تعاونی»</translation>
    </message>
    <message>
        <source>%1: the first row has no column for %2. Check that the first row holds the column headers.</source>
        <translation>%1: سطر نخست ستونی برای %2 ندارد. بررسی کنید که سطر نخست، عنوان ستون‌ها را داشته باشد.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of member: write حقیقی (person) or حقوقی (legal entity).</source>
        <translation>«%1» نوع عضو نیست: «حقیقی» یا «حقوقی» بنویسید.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a status: write فعال, تعلیق, منقضی or مستعفی.</source>
        <translation>«%1» وضعیت نیست: یکی از «فعال»، «تعلیق»، «منقضی» یا «مستعفی» را بنویسید.</translation>
    </message>
    <message>
        <source>Your account is limited to another province.</source>
        <translation>حساب شما به استان دیگری محدود است.</translation>
    </message>
    <message>
        <source>The same national code or ID as row %1 of this file.</source>
        <translation>کد یا شناسه ملی با سطر %1 همین پرونده یکی است.</translation>
    </message>
    <message>
        <source>The same membership number as row %1 of this file.</source>
        <translation>شماره عضویت با سطر %1 همین پرونده یکی است.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 خالی است.</translation>
    </message>
    <message>
        <source>The first name is missing.</source>
        <translation>نام وارد نشده است.</translation>
    </message>
    <message>
        <source>The last name is missing.</source>
        <translation>نام خانوادگی وارد نشده است.</translation>
    </message>
    <message>
        <source>national code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <source>The name of the cooperative or company is missing.</source>
        <translation>نام تعاونی یا شرکت وارد نشده است.</translation>
    </message>
    <message>
        <source>national ID</source>
        <translation>شناسه ملی</translation>
    </message>
    <message>
        <source>The province is missing.</source>
        <translation>استان انتخاب نشده است.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the 31 provinces; write its name as on the map, e.g. خراسان رضوی.</source>
        <translation>«%1» یکی از ۳۱ استان نیست؛ نام استان را همان‌گونه که روی نقشه آمده است بنویسید، مثلاً خراسان رضوی.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a mobile number; write it as 0912 345 6789.</source>
        <translation>«%1» شماره همراه نیست؛ آن را به شکل ۰۹۱۲ ۳۴۵ ۶۷۸۹ بنویسید.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a postal code: it has ten digits, such as 13145-67890.</source>
        <translation>«%1» کد پستی نیست: کد پستی ده رقم دارد، مانند ۱۳۱۴۵-۶۷۸۹۰.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address.</source>
        <translation>«%1» نشانی ایمیل نیست.</translation>
    </message>
    <message>
        <source>The membership number %1 already belongs to another member.</source>
        <translation>شماره عضویت %1 از پیش به عضو دیگری تعلق دارد.</translation>
    </message>
    <message>
        <source>%1 is already in the member bank as %2 (membership number %3).</source>
        <translation>%1 از پیش با نام %2 در بانک اعضا هست (شماره عضویت %3).</translation>
    </message>
    <message>
        <source>status when the member was added</source>
        <translation>وضعیت هنگام ثبت عضو</translation>
    </message>
    <message>
        <source>The member was deleted meanwhile; nothing was saved.</source>
        <translation>این عضو در این فاصله حذف شده است؛ چیزی ذخیره نشد.</translation>
    </message>
    <message>
        <source>Another member already has the national code or ID %1.</source>
        <translation>عضو دیگری از پیش کد یا شناسه ملی %1 را دارد.</translation>
    </message>
    <message>
        <source>There is no such member.</source>
        <translation>چنین عضوی وجود ندارد.</translation>
    </message>
    <message>
        <source>Dues cannot be negative.</source>
        <translation>حق عضویت نمی‌تواند منفی باشد.</translation>
    </message>
    <message>
        <source>%1 is not a Solar Hijri year such as 1403.</source>
        <translation>%1 سالی خورشیدی مانند ۱۴۰۳ نیست.</translation>
    </message>
    <message>
        <source>A member cannot be merged with itself.</source>
        <translation>عضو را نمی‌توان با خودش ادغام کرد.</translation>
    </message>
    <message>
        <source>One of the two members was deleted meanwhile; nothing was merged.</source>
        <translation>یکی از دو عضو در این فاصله حذف شده است؛ ادغامی انجام نشد.</translation>
    </message>
    <message>
        <source>The chosen branch no longer exists; choose another one.</source>
        <translation>شعبهٔ انتخاب‌شده دیگر وجود ندارد؛ شعبهٔ دیگری انتخاب کنید.</translation>
    </message>
    <message>
        <source>The branch &quot;%1&quot; belongs to another province than the member&apos;s: choose a branch of the member&apos;s province, or none.</source>
        <translation>شعبهٔ «%1» در استانی غیر از استان عضو است: یکی از شعبه‌های استان عضو را انتخاب کنید، یا هیچ‌کدام.</translation>
    </message>
    <message>
        <source>The member bank has no room left in its name order.</source>
        <translation>در ترتیب نام‌های بانک اعضا دیگر جایی نمانده است.</translation>
    </message>
</context>
<context>
    <name>Newsroom</name>
    <message>
        <source>Draft</source>
        <translation>پیش‌نویس</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>در انتظار بررسی</translation>
    </message>
    <message>
        <source>Needs changes</source>
        <translation>نیازمند اصلاح</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>تأیید شده</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>زمان‌بندی شده</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>منتشر شده</translation>
    </message>
    <message>
        <source>Unpublished</source>
        <translation>برداشته شده از سایت</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>آگهی</translation>
    </message>
    <message>
        <source>News</source>
        <translation>خبر</translation>
    </message>
    <message>
        <source>There is no article number %1. It may have been deleted; refresh the list.</source>
        <translation>خبری با شمارهٔ %1 وجود ندارد. شاید حذف شده باشد؛ فهرست را تازه کنید.</translation>
    </message>
    <message>
        <source>The article has no title. Write a title; it also makes the address (slug) on the site.</source>
        <translation>خبر عنوان ندارد. عنوانی بنویسید؛ نشانی خبر در سایت (نامک) نیز از آن ساخته می‌شود.</translation>
    </message>
    <message>
        <source>The language &quot;%1&quot; is not one the site has: use fa (Persian) or en (English).</source>
        <translation>زبان «%1» در سایت وجود ندارد: fa (فارسی) یا en (انگلیسی) را به کار ببرید.</translation>
    </message>
    <message>
        <source>The announcement would be taken down before its own date: choose a &quot;publish until&quot; date after the event date.</source>
        <translation>آگهی پیش از تاریخ خودش از سایت برداشته می‌شد: تاریخ «انتشار تا» را پس از تاریخ رویداد بگذارید.</translation>
    </message>
    <message>
        <source>%1 saved this article (revision %2) after you opened revision %3. Your text is kept in the editor: copy what you need, reopen the article and add it again.</source>
        <translation>%1 پس از آنکه شما نسخهٔ %3 را باز کردید، این خبر را ذخیره کرده است (نسخهٔ %2). متن شما در ویرایشگر مانده است: آنچه را لازم دارید کپی کنید، خبر را دوباره باز کنید و آن را دوباره بیفزایید.</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>کاربر دیگری</translation>
    </message>
    <message>
        <source>%1 is editing this article on %2 (since %3). Save again when they have closed it, or ask a chief editor to take over the lock.</source>
        <translation>%1 از %3 در حال ویرایش این خبر روی رایانهٔ %2 است. پس از آنکه آن را بست دوباره ذخیره کنید، یا از سردبیر بخواهید قفل را در اختیار بگیرد.</translation>
    </message>
    <message>
        <source>changed after approval</source>
        <translation>تغییر پس از تأیید</translation>
    </message>
    <message>
        <source>An article that is &quot;%1&quot; cannot become &quot;%2&quot;.</source>
        <translation>وضعیت خبر نمی‌تواند از «%1» به «%2» تغییر کند.</translation>
    </message>
    <message>
        <source>Only the author (%1) can withdraw this article from review.</source>
        <translation>فقط نویسندهٔ خبر (%1) می‌تواند آن را از بررسی پس بگیرد.</translation>
    </message>
    <message>
        <source>Say what needs to change: the comment goes back to the author.</source>
        <translation>بنویسید چه چیزی باید اصلاح شود: این توضیح برای نویسنده فرستاده می‌شود.</translation>
    </message>
    <message>
        <source>Choose the date and time to publish at before scheduling.</source>
        <translation>پیش از زمان‌بندی، تاریخ و ساعت انتشار را انتخاب کنید.</translation>
    </message>
    <message>
        <source>The publishing time %1 has already passed: choose a later one, or publish now.</source>
        <translation>زمان انتشار %1 گذشته است: زمان دیرتری انتخاب کنید یا همین حالا منتشر کنید.</translation>
    </message>
    <message>
        <source>Article %1 has no revision %2.</source>
        <translation>خبر %1 نسخهٔ %2 ندارد.</translation>
    </message>
    <message>
        <source>restored from revision %1</source>
        <translation>بازگردانی از نسخهٔ %1</translation>
    </message>
    <message>
        <source>%1 has had this article open on %2 since %3. You can read it, or wait until they close it; a chief editor can take over the lock.</source>
        <translation>%1 از %3 این خبر را روی رایانهٔ %2 باز کرده است. می‌توانید آن را بخوانید یا صبر کنید تا آن را ببندد؛ سردبیر می‌تواند قفل را در اختیار بگیرد.</translation>
    </message>
    <message>
        <source>Someone else has taken over this article; your changes can no longer be saved over theirs. Copy what you need and reopen it.</source>
        <translation>کاربر دیگری ویرایش این خبر را در دست گرفته است؛ تغییرات شما دیگر نمی‌تواند روی تغییرات او ذخیره شود. آنچه را لازم دارید کپی کنید و خبر را دوباره باز کنید.</translation>
    </message>
    <message>
        <source>Arabic ye and kaf</source>
        <translation>حروف عربی ی و ک</translation>
    </message>
    <message>
        <source>Persian digits</source>
        <translation>ارقام فارسی</translation>
    </message>
    <message>
        <source>Spacing around punctuation</source>
        <translation>فاصلهٔ پیرامون نشانه‌های نگارشی</translation>
    </message>
    <message>
        <source>Persian comma, semicolon and question mark</source>
        <translation>ویرگول، نقطه‌ویرگول و علامت سؤال فارسی</translation>
    </message>
    <message>
        <source>Persian quotation marks</source>
        <translation>گیومهٔ فارسی</translation>
    </message>
    <message>
        <source>Zero-width non-joiner</source>
        <translation>نیم‌فاصله</translation>
    </message>
    <message>
        <source>Extra spaces</source>
        <translation>فاصله‌های اضافی</translation>
    </message>
    <message>
        <source>Latin text isolated</source>
        <translation>جداسازی جهت متن لاتین</translation>
    </message>
    <message>
        <source>%1 is %2 MB; images up to 20 MB can be imported. Make it smaller (for the site, 2,000 pixels wide is plenty) and import it again.</source>
        <translation>حجم %1 برابر %2 مگابایت است؛ تصاویر تا ۲۰ مگابایت را می‌توان وارد کرد. آن را کوچک‌تر کنید (برای سایت، عرض ۲٬۰۰۰ پیکسل کافی است) و دوباره وارد کنید.</translation>
    </message>
    <message>
        <source>Could not read %1: %2.</source>
        <translation>%1 خوانده نشد: %2.</translation>
    </message>
    <message>
        <source>%1 is larger than 20 MB; make it smaller and import it again.</source>
        <translation>حجم %1 بیش از ۲۰ مگابایت است؛ آن را کوچک‌تر کنید و دوباره وارد کنید.</translation>
    </message>
    <message>
        <source>%1 is not an image Daftar can use (JPEG, PNG, GIF or WebP): %2</source>
        <translation>%1 تصویری نیست که دفتر بتواند به کار ببرد (JPEG، PNG، GIF یا WebP): %2</translation>
    </message>
    <message>
        <source>Image %1 is not in the media library.</source>
        <translation>تصویر %1 در کتابخانه تصاویر نیست.</translation>
    </message>
    <message>
        <source>Making a PDF needs the graphical part of Qt; on a machine without a display set QT_QPA_PLATFORM=offscreen.</source>
        <translation>ساختن PDF به بخش گرافیکی Qt نیاز دارد؛ روی رایانه‌ای که نمایشگر ندارد، QT_QPA_PLATFORM=offscreen را تنظیم کنید.</translation>
    </message>
    <message>
        <source>Choose a file to save the PDF to.</source>
        <translation>پرونده‌ای برای ذخیرهٔ PDF انتخاب کنید.</translation>
    </message>
    <message>
        <source>%1 is a folder; choose a file name for the PDF.</source>
        <translation>%1 یک پوشه است؛ نام پرونده‌ای برای PDF انتخاب کنید.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist; choose another place for the PDF.</source>
        <translation>پوشهٔ %1 وجود ندارد؛ جای دیگری برای PDF انتخاب کنید.</translation>
    </message>
    <message>
        <source>The article is too large to make a PDF of. Images pasted into the text make it large: insert them from the media library instead.</source>
        <translation>خبر برای ساختن PDF بیش از اندازه بزرگ است. تصاویری که در متن چسبانده شده‌اند آن را بزرگ می‌کنند: به‌جای آن، تصاویر را از کتابخانه تصاویر درج کنید.</translation>
    </message>
    <message>
        <source>The article page could not be laid out for the PDF.</source>
        <translation>صفحه‌آرایی صفحهٔ خبر برای PDF ممکن نشد.</translation>
    </message>
    <message numerus="yes">
        <source>Making the PDF took longer than %n seconds and was stopped.</source>
        <translation>
            <numerusform>ساختن PDF بیش از %Ln ثانیه طول کشید و متوقف شد.</numerusform>
        </translation>
    </message>
    <message>
        <source>The article page could not be printed to PDF.</source>
        <translation>چاپ صفحهٔ خبر در PDF ممکن نشد.</translation>
    </message>
    <message>
        <source>Could not save the PDF as %1: %2</source>
        <translation>ذخیرهٔ PDF با نام %1 ممکن نشد: %2</translation>
    </message>
    <message>
        <source>Log in to keep your own dictionary: its words are stored under your user name.</source>
        <translation>برای داشتن واژه‌نامهٔ شخصی وارد شوید: واژه‌های آن به نام کاربری شما ذخیره می‌شوند.</translation>
    </message>
    <message>
        <source>Type the word to add to your dictionary.</source>
        <translation>واژه‌ای را که باید به واژه‌نامهٔ شما افزوده شود بنویسید.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a space in it. Add one word at a time.</source>
        <translation>«%1» فاصله دارد. هر بار یک واژه بیفزایید.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too long to be one word. Add one word at a time.</source>
        <translation>«%1» برای یک واژه بیش از اندازه بلند است. هر بار یک واژه بیفزایید.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not in your dictionary.</source>
        <translation>«%1» در واژه‌نامهٔ شما نیست.</translation>
    </message>
    <message>
        <source>The spelling dictionary %1 is written in the character set %2, which Daftar cannot read, so it is not used. Replace it with a UTF-8 version.</source>
        <translation>واژه‌نامهٔ غلط‌یابی %1 با مجموعه‌نویسهٔ %2 نوشته شده است که دفتر نمی‌تواند آن را بخواند، پس به کار نمی‌رود. آن را با نسخهٔ UTF-8 جایگزین کنید.</translation>
    </message>
    <message>
        <source>The Persian spelling dictionary was not found, so Persian words are not checked. Install the package myspell-fa, or copy fa_IR.aff and fa_IR.dic into one of these folders: %1.</source>
        <translation>واژه‌نامهٔ غلط‌یابی فارسی پیدا نشد، پس واژه‌های فارسی بررسی نمی‌شوند. بستهٔ myspell-fa را نصب کنید، یا fa_IR.aff و fa_IR.dic را در یکی از این پوشه‌ها کپی کنید: %1.</translation>
    </message>
    <message>
        <source>The English spelling dictionary was not found, so English words are not checked. Install the package hunspell-en-us, or copy en_US.aff and en_US.dic into one of these folders: %1.</source>
        <translation>واژه‌نامهٔ غلط‌یابی انگلیسی پیدا نشد، پس واژه‌های انگلیسی بررسی نمی‌شوند. بستهٔ hunspell-en-us را نصب کنید، یا en_US.aff و en_US.dic را در یکی از این پوشه‌ها کپی کنید: %1.</translation>
    </message>
</context>
<context>
    <name>Publishing</name>
    <message>
        <source>Checking the connection</source>
        <translation>بررسی اتصال</translation>
    </message>
    <message>
        <source>The address %1 answered, but not as a Daftar portal (schema daftar.v1). Check the portal&apos;s address.</source>
        <translation>نشانی %1 پاسخ داد، اما نه مانند درگاه دفتر (طرح daftar.v1). نشانی درگاه را بررسی کنید.</translation>
    </message>
    <message>
        <source>Connected to the portal at %1; it accepts the signature.</source>
        <translation>به درگاه %1 وصل شد؛ امضا را می‌پذیرد.</translation>
    </message>
    <message>
        <source>Sending the image %1</source>
        <translation>فرستادن تصویر %1</translation>
    </message>
    <message>
        <source>Reading &quot;%1&quot; from the portal</source>
        <translation>خواندن «%1» از درگاه</translation>
    </message>
    <message>
        <source>Sending &quot;%1&quot; to the portal</source>
        <translation>فرستادن «%1» به درگاه</translation>
    </message>
    <message>
        <source>Taking &quot;%1&quot; off the portal</source>
        <translation>برداشتن «%1» از درگاه</translation>
    </message>
    <message>
        <source>Branches directory (page)</source>
        <translation>فهرست شعبه‌ها (صفحه)</translation>
    </message>
    <message>
        <source>Member directory (page)</source>
        <translation>فهرست اعضا (صفحه)</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>در انتظار</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>در حال فرستادن</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>ناموفق</translation>
    </message>
    <message>
        <source>Changed on the site</source>
        <translation>روی سایت تغییر کرده</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>انجام شد</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>لغو شد</translation>
    </message>
    <message>
        <source>Take down</source>
        <translation>برداشتن</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>انتشار</translation>
    </message>
    <message>
        <source>Replaced by a newer request</source>
        <translation>درخواست تازه‌تری جای آن را گرفت</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>در صف</translation>
    </message>
    <message>
        <source>English</source>
        <translation>انگلیسی</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>فارسی</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2: only approved, scheduled or published articles go to the site. Approve it first.</source>
        <translation>«%1» در وضعیت «%2» است: فقط خبرهای تأییدشده، زمان‌بندی‌شده یا منتشرشده به سایت می‌روند. نخست آن را تأیید کنید.</translation>
    </message>
    <message>
        <source>No enabled site takes articles in %1. Add one under Publishing → Sites, or with daftar-cli sites add.</source>
        <translation>هیچ سایت فعالی خبر %1 نمی‌پذیرد. در «انتشار ← سایت‌ها» یا با daftar-cli sites add سایتی بیفزایید.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not on any site, so there is nothing to take down.</source>
        <translation>«%1» روی هیچ سایتی نیست؛ چیزی برای برداشتن نیست.</translation>
    </message>
    <message>
        <source>There is no enabled site. Add one under Publishing → Sites, or with daftar-cli sites add.</source>
        <translation>هیچ سایت فعالی نیست. در «انتشار ← سایت‌ها» یا با daftar-cli sites add سایتی بیفزایید.</translation>
    </message>
    <message>
        <source>There is no publishing job %1.</source>
        <translation>کار انتشاری با شمارهٔ %1 نیست.</translation>
    </message>
    <message>
        <source>The job is %1; only a failed, conflicting or cancelled job can be tried again.</source>
        <translation>این کار «%1» است؛ فقط کار ناموفق، ناسازگار با سایت یا لغوشده را می‌توان دوباره فرستاد.</translation>
    </message>
    <message>
        <source>Queued again</source>
        <translation>دوباره در صف</translation>
    </message>
    <message>
        <source>The job is being sent right now; wait for it to finish.</source>
        <translation>این کار همین حالا در حال فرستادن است؛ صبر کنید تا تمام شود.</translation>
    </message>
    <message>
        <source>Cancelled by %1</source>
        <translation>لغو به دست %1</translation>
    </message>
    <message>
        <source>The job is %1, not in conflict with the site.</source>
        <translation>این کار «%1» است، نه ناسازگار با سایت.</translation>
    </message>
    <message>
        <source>Will overwrite the site&apos;s version</source>
        <translation>نسخهٔ سایت را جایگزین می‌کند</translation>
    </message>
    <message>
        <source>Kept the site&apos;s version</source>
        <translation>نسخهٔ سایت نگه داشته شد</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>آغاز</translation>
    </message>
    <message>
        <source>Will be tried again</source>
        <translation>دوباره فرستاده می‌شود</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>نیازمند رسیدگی</translation>
    </message>
    <message>
        <source>Waiting for the chief editor&apos;s choice</source>
        <translation>در انتظار انتخاب سردبیر</translation>
    </message>
    <message>
        <source>Someone changed this on the site after Daftar last sent it. Choose which version to keep.</source>
        <translation>کسی پس از آخرین فرستادن دفتر، این را روی سایت تغییر داده است. انتخاب کنید کدام نسخه بماند.</translation>
    </message>
    <message>
        <source>Check the user name and the Application Password in the site&apos;s settings.</source>
        <translation>نام کاربری و گذرواژهٔ برنامه (Application Password) را در تنظیمات سایت بررسی کنید.</translation>
    </message>
    <message>
        <source>The site&apos;s user may not do this: give it the Editor role on the site.</source>
        <translation>کاربر سایت اجازهٔ این کار را ندارد: در سایت نقش ویرایشگر (Editor) به او بدهید.</translation>
    </message>
    <message>
        <source>The site refused the file: make the image smaller or raise the site&apos;s upload limit.</source>
        <translation>سایت پرونده را نپذیرفت: تصویر را کوچک‌تر کنید یا سقف بارگذاری سایت را بالا ببرید.</translation>
    </message>
    <message>
        <source>Check the site&apos;s address in its settings.</source>
        <translation>نشانی سایت را در تنظیماتش بررسی کنید.</translation>
    </message>
    <message numerus="yes">
        <source>no answer within %n second(s)</source>
        <translation>
            <numerusform>در %Ln ثانیه پاسخی نیامد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the site %2 could not be reached (%3) after %n attempt(s).</source>
        <translation>
            <numerusform>%1: سایت %2 پس از %Ln بار تلاش در دسترس نبود (%3).</numerusform>
        </translation>
    </message>
    <message>
        <source>It will be tried again on the next run.</source>
        <translation>در نوبت بعدی دوباره فرستاده می‌شود.</translation>
    </message>
    <message>
        <source>%1: the site %2 answered %3</source>
        <translation>%1: سایت %2 با کد %3 پاسخ داد</translation>
    </message>
    <message>
        <source> with the message &quot;%1&quot;</source>
        <translation> با پیام «%1»</translation>
    </message>
    <message numerus="yes">
        <source>Tried %n time(s); it will be tried again on the next run.</source>
        <translation>
            <numerusform>%Ln بار تلاش شد؛ در نوبت بعدی دوباره فرستاده می‌شود.</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploading %1 (%2 of %3 KB)</source>
        <translation>بارگذاری %1 (%2 از %3 کیلوبایت)</translation>
    </message>
    <message>
        <source>On the site: %1</source>
        <translation>روی سایت: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2 now, so it was not sent. Approve it, then publish again.</source>
        <translation>«%1» اکنون «%2» است، پس فرستاده نشد. آن را تأیید کنید و دوباره منتشر کنید.</translation>
    </message>
    <message>
        <source>Sending image %1 of %2</source>
        <translation>فرستادن تصویر %1 از %2</translation>
    </message>
    <message>
        <source>Sending the text</source>
        <translation>فرستادن متن</translation>
    </message>
    <message>
        <source>Writing the page</source>
        <translation>نوشتن صفحه</translation>
    </message>
    <message>
        <source>Sending the page</source>
        <translation>فرستادن صفحه</translation>
    </message>
    <message>
        <source>Taking it off the site</source>
        <translation>برداشتن از سایت</translation>
    </message>
    <message>
        <source>Was not on the site</source>
        <translation>روی سایت نبود</translation>
    </message>
    <message>
        <source>Taken off the site</source>
        <translation>از سایت برداشته شد</translation>
    </message>
    <message>
        <source>The job&apos;s site is gone from the settings.</source>
        <translation>سایت این کار از تنظیمات حذف شده است.</translation>
    </message>
    <message>
        <source>%1 — %2: %3</source>
        <translation>%1 — %2: %3</translation>
    </message>
    <message>
        <source>Give the site a name, e.g. &quot;main&quot;.</source>
        <translation>برای سایت نامی بگذارید، مثلاً «اصلی».</translation>
    </message>
    <message>
        <source>A site&apos;s name can have at most 60 characters.</source>
        <translation>نام سایت حداکثر ۶۰ نویسه است.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a web address. Write the site&apos;s address with http:// or https://, e.g. https://example.org.</source>
        <translation>«%1» نشانی وب نیست. نشانی سایت را با http://‎ یا https://‎ بنویسید، مثلاً https://example.org.</translation>
    </message>
    <message>
        <source>A WordPress site needs the user name its Application Password belongs to.</source>
        <translation>سایت وردپرس نام کاربری‌ای را لازم دارد که گذرواژهٔ برنامه از آنِ اوست.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an environment variable name: use letters, digits and _, e.g. DAFTAR_SITE_PASSWORD.</source>
        <translation>«%1» نام متغیر محیطی نیست: از حروف لاتین، رقم و _ استفاده کنید، مثلاً DAFTAR_SITE_PASSWORD.</translation>
    </message>
    <message>
        <source>A site&apos;s language is fa, en or empty (any).</source>
        <translation>زبان سایت fa، en یا خالی (هر زبان) است.</translation>
    </message>
    <message>
        <source>The timeout must be between 1 and 600 seconds.</source>
        <translation>مهلت پاسخ باید میان ۱ تا ۶۰۰ ثانیه باشد.</translation>
    </message>
    <message>
        <source>There is already a site named &quot;%1&quot;. Choose another name.</source>
        <translation>سایتی به نام «%1» هست. نام دیگری برگزینید.</translation>
    </message>
    <message>
        <source>JSON portal</source>
        <translation>درگاه JSON</translation>
    </message>
    <message>
        <source>WordPress</source>
        <translation>وردپرس</translation>
    </message>
    <message>
        <source>There is no site number %1.</source>
        <translation>سایتی با شمارهٔ %1 نیست.</translation>
    </message>
    <message>
        <source>There is no site named &quot;%1&quot;. `daftar-cli sites list` shows the sites.</source>
        <translation>سایتی به نام «%1» نیست. فرمان `daftar-cli sites list` سایت‌ها را نشان می‌دهد.</translation>
    </message>
    <message>
        <source>the keychain has no entry &quot;%1&quot;</source>
        <translation>جاکلیدی سیستم مدخل «%1» را ندارد</translation>
    </message>
    <message>
        <source>the keychain answered: %1</source>
        <translation>جاکلیدی سیستم پاسخ داد: %1</translation>
    </message>
    <message>
        <source>No password for the site &quot;%1&quot;: the environment variable %2 is not set and %3. Set %2, or save the password in the site&apos;s settings.</source>
        <translation>گذرواژه‌ای برای سایت «%1» نیست: متغیر محیطی %2 تعریف نشده و %3. متغیر %2 را تعریف کنید، یا گذرواژه را در تنظیمات سایت ذخیره کنید.</translation>
    </message>
    <message>
        <source>No password for the site &quot;%1&quot;: %2. Save the password in the site&apos;s settings, or name an environment variable that holds it (daftar-cli sites add … --password-env VARIABLE).</source>
        <translation>گذرواژه‌ای برای سایت «%1» نیست: %2. گذرواژه را در تنظیمات سایت ذخیره کنید، یا متغیر محیطی‌ای را که آن را دارد نام ببرید (daftar-cli sites add … --password-env VARIABLE).</translation>
    </message>
    <message>
        <source>The password could not be saved in the keychain (%1). On a computer without a keychain, put it in an environment variable and name that variable in the site&apos;s settings.</source>
        <translation>گذرواژه در جاکلیدی سیستم ذخیره نشد (%1). در رایانهٔ بی‌جاکلیدی، آن را در یک متغیر محیطی بگذارید و نام آن متغیر را در تنظیمات سایت بنویسید.</translation>
    </message>
    <message>
        <source>The password could not be removed from the keychain (%1).</source>
        <translation>گذرواژه از جاکلیدی سیستم پاک نشد (%1).</translation>
    </message>
    <message>
        <source>The address %1 answered, but not as WordPress&apos;s REST API. Check the site&apos;s address.</source>
        <translation>نشانی %1 پاسخ داد، اما نه مانند REST API وردپرس. نشانی سایت را بررسی کنید.</translation>
    </message>
    <message>
        <source>Connected to %1 as %2 (%3).</source>
        <translation>به %1 با کاربر %2 (%3) وصل شد.</translation>
    </message>
    <message>
        <source>Looking for an image sent before</source>
        <translation>جست‌وجوی تصویری که پیش‌تر فرستاده شده</translation>
    </message>
    <message>
        <source>Removing a second copy of &quot;%1&quot;</source>
        <translation>پاک کردن نسخهٔ دوم «%1»</translation>
    </message>
    <message>
        <source>Uploading the image %1</source>
        <translation>بارگذاری تصویر %1</translation>
    </message>
    <message>
        <source>Looking for &quot;%1&quot; on the site</source>
        <translation>جست‌وجوی «%1» روی سایت</translation>
    </message>
    <message>
        <source>Reading &quot;%1&quot; from the site</source>
        <translation>خواندن «%1» از سایت</translation>
    </message>
    <message>
        <source>Finding the category &quot;%1&quot;</source>
        <translation>یافتن دستهٔ «%1»</translation>
    </message>
    <message>
        <source>Finding the tag &quot;%1&quot;</source>
        <translation>یافتن برچسب «%1»</translation>
    </message>
    <message>
        <source>Creating &quot;%1&quot; on the site</source>
        <translation>ساختن «%1» روی سایت</translation>
    </message>
    <message>
        <source>Updating &quot;%1&quot; on the site</source>
        <translation>به‌روزرسانی «%1» روی سایت</translation>
    </message>
    <message>
        <source>Taking &quot;%1&quot; off the site</source>
        <translation>برداشتن «%1» از سایت</translation>
    </message>
    <message>
        <source>Taken down</source>
        <translation>برداشته شده</translation>
    </message>
    <message>
        <source>On the site — changed since</source>
        <translation>روی سایت — از آن پس تغییر کرده</translation>
    </message>
    <message>
        <source>On the site — in sync</source>
        <translation>روی سایت — هم‌گام</translation>
    </message>
    <message>
        <source>taken down</source>
        <translation>برداشته شده</translation>
    </message>
    <message>
        <source>changed since</source>
        <translation>از آن پس تغییر کرده</translation>
    </message>
    <message>
        <source>in sync</source>
        <translation>هم‌گام</translation>
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
    <name>SpellMenu</name>
    <message>
        <source>No suggestions</source>
        <translation>پیشنهادی نیست</translation>
    </message>
    <message>
        <source>Add &quot;%1&quot; to My Dictionary</source>
        <translation>افزودن «%1» به واژه‌نامه</translation>
    </message>
    <message>
        <source>Ignore &quot;%1&quot;</source>
        <translation>نادیده گرفتن «%1»</translation>
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
    <name>daftar::ui::ArticleEditor</name>
    <message>
        <source>pasted image.png</source>
        <translation>تصویر چسبانده‌شده.png</translation>
    </message>
    <message>
        <source>Autosaved at %1</source>
        <translation>ذخیرهٔ خودکار در ساعت %1</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>ذخیرهٔ خودکار ناموفق بود: %1</translation>
    </message>
    <message>
        <source>Your role can read articles but not change them.</source>
        <translation>نقش شما اجازهٔ خواندن خبرها را می‌دهد، اما نه تغییر آنها را.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Lead: one or two sentences that sum up the news</source>
        <translation>لید: یک یا دو جمله که خبر را خلاصه می‌کند</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>خبر</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>گردش کار</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>قالب‌بندی</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source>Save a new revision (Ctrl+S)</source>
        <translation>ذخیرهٔ نسخهٔ تازه (Ctrl+S)</translation>
    </message>
    <message>
        <source>Clean up</source>
        <translation>پاک‌سازی</translation>
    </message>
    <message>
        <source>Fix Arabic letters, digits, spacing, quotes and half-spaces (Ctrl+Shift+L)</source>
        <translation>اصلاح حروف عربی، ارقام، فاصله‌گذاری، گیومه‌ها و نیم‌فاصله‌ها (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>تاریخچه</translation>
    </message>
    <message>
        <source>Revisions with their differences; restore one (Ctrl+H)</source>
        <translation>نسخه‌ها و تفاوت‌هایشان؛ بازگرداندن یک نسخه (Ctrl+H)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>پیش‌نمایش</translation>
    </message>
    <message>
        <source>Show the page as the site will show it (F8)</source>
        <translation>نمایش صفحه همان‌گونه که در سایت دیده می‌شود (F8)</translation>
    </message>
    <message>
        <source>Spelling</source>
        <translation>غلط‌یابی</translation>
    </message>
    <message>
        <source>Underline misspelt words (F7)</source>
        <translation>خط کشیدن زیر واژه‌های نادرست (F7)</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>خروجی PDF…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>جزئیات</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>پررنگ</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>ایتالیک</translation>
    </message>
    <message>
        <source>Underline</source>
        <translation>زیرخط</translation>
    </message>
    <message>
        <source>Strike</source>
        <translation>خط‌خورده</translation>
    </message>
    <message>
        <source>Bullets</source>
        <translation>فهرست نشانه‌دار</translation>
    </message>
    <message>
        <source>Numbering</source>
        <translation>فهرست شماره‌دار</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>نقل قول</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>پیوند…</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>تصویر…</translation>
    </message>
    <message>
        <source>Table…</source>
        <translation>جدول…</translation>
    </message>
    <message>
        <source>Auto direction</source>
        <translation>جهت خودکار</translation>
    </message>
    <message>
        <source>The paragraph&apos;s direction follows its first letter (Persian: right to left)</source>
        <translation>جهت هر بند از نخستین حرف آن پیروی می‌کند (فارسی: راست به چپ)</translation>
    </message>
    <message>
        <source>Right to left</source>
        <translation>راست به چپ</translation>
    </message>
    <message>
        <source>Left to right</source>
        <translation>چپ به راست</translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation>بند</translation>
    </message>
    <message>
        <source>Heading 2</source>
        <translation>میان‌تیتر ۲</translation>
    </message>
    <message>
        <source>Heading 3</source>
        <translation>میان‌تیتر ۳</translation>
    </message>
    <message>
        <source>Heading 4</source>
        <translation>میان‌تیتر ۴</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>نوع (&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>زبان (&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>دسته (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Tags (separated by commas)</source>
        <translation>برچسب‌ها (با ویرگول جدا کنید) (&amp;T)</translation>
    </message>
    <message>
        <source>Address on the site (&amp;slug)</source>
        <translation>نشانی در سایت (نامک) (&amp;S)</translation>
    </message>
    <message>
        <source>made from the title</source>
        <translation>ساخته‌شده از عنوان</translation>
    </message>
    <message>
        <source>&amp;Date of the news</source>
        <translation>تاریخ خبر (&amp;D)</translation>
    </message>
    <message>
        <source>Publish &amp;until (announcements)</source>
        <translation>انتشار تا (ویژهٔ آگهی‌ها) (&amp;U)</translation>
    </message>
    <message>
        <source>Scheduled for</source>
        <translation>زمان‌بندی شده برای</translation>
    </message>
    <message>
        <source>Featured image</source>
        <translation>تصویر شاخص</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Ca&amp;ption</source>
        <translation>زیرنویس تصویر (&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Alternative text (for screen readers)</source>
        <translation>متن جایگزین (برای صفحه‌خوان‌ها) (&amp;A)</translation>
    </message>
    <message>
        <source>SEO title</source>
        <translation>عنوان سئو</translation>
    </message>
    <message>
        <source>SEO description</source>
        <translation>توضیحات سئو</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>هنوز ذخیره نشده</translation>
    </message>
    <message>
        <source>Revision %1</source>
        <translation>نسخهٔ %1</translation>
    </message>
    <message>
        <source>Article in use</source>
        <translation>خبر در دست ویرایش است</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>باز کردن فقط‌خواندنی</translation>
    </message>
    <message>
        <source>Take over editing</source>
        <translation>در دست گرفتن ویرایش</translation>
    </message>
    <message>
        <source>Recovered text from %1; not saved yet</source>
        <translation>متن بازیابی‌شده از %1؛ هنوز ذخیره نشده</translation>
    </message>
    <message>
        <source>Saved as revision %1</source>
        <translation>به‌عنوان نسخهٔ %1 ذخیره شد</translation>
    </message>
    <message>
        <source>Save the article before sending it on.</source>
        <translation>پیش از فرستادن خبر به مرحلهٔ بعد، آن را ذخیره کنید.</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation>درخواست اصلاح</translation>
    </message>
    <message>
        <source>What should the author change?</source>
        <translation>نویسنده چه چیزی را باید اصلاح کند؟</translation>
    </message>
    <message>
        <source>Schedule publishing</source>
        <translation>زمان‌بندی انتشار</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>ساعت</translation>
    </message>
    <message>
        <source>Unpublish</source>
        <translation>برداشتن از سایت</translation>
    </message>
    <message>
        <source>Take &quot;%1&quot; off the site?</source>
        <translation>«%1» از سایت برداشته شود؟</translation>
    </message>
    <message>
        <source>Resubmit for review</source>
        <translation>ارسال دوباره برای بررسی</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>ارسال برای بررسی</translation>
    </message>
    <message>
        <source>Withdraw to draft</source>
        <translation>پس گرفتن و بازگشت به پیش‌نویس</translation>
    </message>
    <message>
        <source>Back to draft</source>
        <translation>بازگشت به پیش‌نویس</translation>
    </message>
    <message>
        <source>Request changes…</source>
        <translation>درخواست اصلاح…</translation>
    </message>
    <message>
        <source>Cancel schedule</source>
        <translation>لغو زمان‌بندی</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>تأیید</translation>
    </message>
    <message>
        <source>Schedule…</source>
        <translation>زمان‌بندی…</translation>
    </message>
    <message>
        <source>Publish now</source>
        <translation>انتشار فوری</translation>
    </message>
    <message>
        <source>Unpublish…</source>
        <translation>برداشتن از سایت…</translation>
    </message>
    <message>
        <source>New announcement</source>
        <translation>آگهی تازه</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>خبر تازه</translation>
    </message>
    <message>
        <source>%1[*] — Daftar</source>
        <translation>%1[*] — دفتر</translation>
    </message>
    <message>
        <source>Needs changes: %1</source>
        <translation>نیازمند اصلاح: %1</translation>
    </message>
    <message>
        <source>New, not saved yet</source>
        <translation>تازه، هنوز ذخیره نشده</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>بدون تصویر</translation>
    </message>
    <message>
        <source>%1 words · %2 characters · %3 min read</source>
        <translation>%1 واژه · %2 نویسه · %3 دقیقه مطالعه</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made by the clean-up; Ctrl+Z takes them back</source>
        <translation>
            <numerusform>%Ln تغییر با پاک‌سازی متن انجام شد؛ Ctrl+Z آنها را برمی‌گرداند</numerusform>
        </translation>
    </message>
    <message>
        <source>The article has no history yet: save it first.</source>
        <translation>این خبر هنوز تاریخچه‌ای ندارد: نخست آن را ذخیره کنید.</translation>
    </message>
    <message>
        <source>Insert link</source>
        <translation>درج پیوند</translation>
    </message>
    <message>
        <source>Address (https://…)</source>
        <translation>نشانی (https://…)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a web or e-mail address; links may start with https://, http:// or mailto:.</source>
        <translation>«%1» نشانی وب یا ایمیل نیست؛ پیوندها می‌توانند با https://، http:// یا mailto: آغاز شوند.</translation>
    </message>
    <message>
        <source>Insert table</source>
        <translation>درج جدول</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>ستون‌ها</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>سطرها</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>خروجی PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>پرونده‌های PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PDF written to %1</source>
        <translation>PDF در %1 نوشته شد</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>تغییرات ذخیره‌نشده</translation>
    </message>
    <message>
        <source>Save the changes to &quot;%1&quot; before closing?</source>
        <translation>تغییرات «%1» پیش از بستن ذخیره شود؟</translation>
    </message>
    <message>
        <source>Same news in the other language</source>
        <translation>همین خبر به زبان دیگر</translation>
    </message>
    <message>
        <source>None</source>
        <translation>هیچ‌کدام</translation>
    </message>
    <message>
        <source>Written by %1
Created %2
Last saved %3</source>
        <translation>نویسنده: %1
ایجاد: %2
آخرین ذخیره: %3</translation>
    </message>
    <message>
        <source>Publish on the sites</source>
        <translation>انتشار روی سایت‌ها</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>منتشرشده</translation>
    </message>
    <message>
        <source>Only approved, scheduled or published articles go to the sites.</source>
        <translation>فقط خبرهای تأییدشده، زمان‌بندی‌شده یا منتشرشده به سایت‌ها می‌روند.</translation>
    </message>
    <message>
        <source>Send the article to every site it belongs on (Ctrl+Shift+U)</source>
        <translation>فرستادن خبر به همهٔ سایت‌هایی که جای آن است (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <source>Save the article before publishing it.</source>
        <translation>پیش از انتشار، خبر را ذخیره کنید.</translation>
    </message>
    <message>
        <source>No site takes this article: each enabled site is for the other language. Check the sites&apos; languages on the Publishing page.</source>
        <translation>هیچ سایتی این خبر را نمی‌پذیرد: هر سایت فعال برای زبان دیگر است. زبان سایت‌ها را در صفحهٔ انتشار بررسی کنید.</translation>
    </message>
    <message numerus="yes">
        <source>Publishing on %n site(s)…</source>
        <translation>
            <numerusform>انتشار روی %Ln سایت…</numerusform>
        </translation>
    </message>
    <message>
        <source>The post was changed on the site; the chief editor chooses a version on the Publishing page.</source>
        <translation>نوشته روی سایت تغییر کرده است؛ سردبیر در صفحهٔ انتشار یکی از دو نسخه را برمی‌گزیند.</translation>
    </message>
    <message>
        <source>Published on the sites</source>
        <translation>روی سایت‌ها منتشر شد</translation>
    </message>
    <message>
        <source>Publishing failed: %1</source>
        <translation>انتشار ناموفق بود: %1</translation>
    </message>
    <message>
        <source>Not on any site: the article is not saved yet.</source>
        <translation>روی هیچ سایتی نیست: خبر هنوز ذخیره نشده است.</translation>
    </message>
    <message>
        <source>Last sent %1</source>
        <translation>آخرین فرستادن: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Not on any site yet.</source>
        <translation>هنوز روی هیچ سایتی نیست.</translation>
    </message>
    <message numerus="yes">
        <source>Taking it off %n site(s)…</source>
        <translation>
            <numerusform>برداشتن از %Ln سایت…</numerusform>
        </translation>
    </message>
    <message>
        <source>Taken off the sites</source>
        <translation>از سایت‌ها برداشته شد</translation>
    </message>
</context>
<context>
    <name>daftar::ui::ArticleListModel</name>
    <message>
        <source>Persian</source>
        <translation>فارسی</translation>
    </message>
    <message>
        <source>English</source>
        <translation>انگلیسی</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>دسته</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>زبان</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>نویسنده</translation>
    </message>
    <message>
        <source>Event date</source>
        <translation>تاریخ رویداد</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>آخرین تغییر</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>نسخه</translation>
    </message>
</context>
<context>
    <name>daftar::ui::BranchDialog</name>
    <message>
        <source>Branch %1</source>
        <translation>شعبه: %1</translation>
    </message>
    <message>
        <source>New branch</source>
        <translation>شعبهٔ تازه</translation>
    </message>
    <message>
        <source>Choose a province</source>
        <translation>استان را انتخاب کنید</translation>
    </message>
    <message>
        <source>The city the office is in</source>
        <translation>شهر محل شعبه</translation>
    </message>
    <message>
        <source>e.g. Tabriz branch</source>
        <translation>مثلاً شعبهٔ تبریز</translation>
    </message>
    <message>
        <source>13145-67890</source>
        <translation>۱۳۱۴۵-۶۷۸۹۰</translation>
    </message>
    <message>
        <source>021 8888 0000, 021 8888 0001</source>
        <translation>۰۲۱ ۸۸۸۸ ۰۰۰۰، ۰۲۱ ۸۸۸۸ ۰۰۰۱</translation>
    </message>
    <message>
        <source>&amp;Province:</source>
        <translation>استان (&amp;P):</translation>
    </message>
    <message>
        <source>&amp;City:</source>
        <translation>شهر (&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>نام (&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>رئیس شعبه (&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>نشانی (&amp;A):</translation>
    </message>
    <message>
        <source>P&amp;ostal code:</source>
        <translation>کد پستی (&amp;O):</translation>
    </message>
    <message>
        <source>P&amp;hones:</source>
        <translation>تلفن‌ها (&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>ایمیل (&amp;E):</translation>
    </message>
    <message>
        <source>Es&amp;tablished on:</source>
        <translation>تاریخ تأسیس (&amp;T):</translation>
    </message>
    <message>
        <source>The branch is open</source>
        <translation>شعبه دایر است</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>ذخیره (&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>Choose the province of the branch.</source>
        <translation>استان شعبه را انتخاب کنید.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::BranchListModel</name>
    <message>
        <source>This branch is closed.</source>
        <translation>این شعبه بسته شده است.</translation>
    </message>
    <message>
        <source>%1 (closed)</source>
        <translation>%1 (بسته)</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>استان</translation>
    </message>
    <message>
        <source>City</source>
        <translation>شهر</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>شعبه</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>رئیس شعبه</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>تلفن‌ها</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>اعضا</translation>
    </message>
    <message>
        <source>Active members</source>
        <translation>اعضای فعال</translation>
    </message>
</context>
<context>
    <name>daftar::ui::BranchMembersModel</name>
    <message>
        <source>Membership no.</source>
        <translation>شماره عضویت</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>National code / ID</source>
        <translation>کد / شناسه ملی</translation>
    </message>
    <message>
        <source>City</source>
        <translation>شهر</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>تلفن همراه</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
</context>
<context>
    <name>daftar::ui::BranchesPage</name>
    <message>
        <source>Provincial branches</source>
        <translation>شعب استانی</translation>
    </message>
    <message>
        <source>&amp;New branch</source>
        <translation>شعبهٔ تازه (&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>ویرایش (&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the chosen branch (or double-click it)</source>
        <translation>ویرایش شعبهٔ انتخاب‌شده (یا روی آن دو بار کلیک کنید)</translation>
    </message>
    <message>
        <source>All provinces</source>
        <translation>همه استان‌ها</translation>
    </message>
    <message>
        <source>No branches yet — add the first with “New branch”.</source>
        <translation>هنوز شعبه‌ای ثبت نشده است؛ نخستین شعبه را با «شعبهٔ تازه» بیفزایید.</translation>
    </message>
    <message>
        <source>No branches in %1 yet — add one with “New branch”.</source>
        <translation>هنوز شعبه‌ای در %1 ثبت نشده است؛ با «شعبهٔ تازه» یکی بیفزایید.</translation>
    </message>
    <message>
        <source>Choose a branch to see its members.</source>
        <translation>برای دیدن اعضای یک شعبه، آن را انتخاب کنید.</translation>
    </message>
    <message>
        <source>Members of %1</source>
        <translation>اعضای %1</translation>
    </message>
    <message>
        <source>%1 members, the first %2 listed; the member bank lists all.</source>
        <translation>%1 عضو، که %2 عضو نخست اینجا آمده‌اند؛ فهرست کامل در بانک اعضا است.</translation>
    </message>
    <message>
        <source>No member is assigned to this branch yet.</source>
        <translation>هنوز هیچ عضوی به این شعبه اختصاص داده نشده است.</translation>
    </message>
    <message>
        <source>Members: %1</source>
        <translation>اعضا: %1</translation>
    </message>
</context>
<context>
    <name>daftar::ui::CleanupDialog</name>
    <message>
        <source>Rule</source>
        <translation>قاعده</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>متن کنونی</translation>
    </message>
    <message>
        <source>After the clean-up</source>
        <translation>پس از پاک‌سازی</translation>
    </message>
    <message>
        <source>Clean up the text</source>
        <translation>پاک‌سازی متن</translation>
    </message>
    <message>
        <source>Nothing to clean up: the text already follows the rules.</source>
        <translation>چیزی برای پاک‌سازی نیست: متن از پیش با قاعده‌ها سازگار است.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>1 change</source>
        <translation>۱ تغییر</translation>
    </message>
    <message>
        <source>%1 changes</source>
        <translation>%1 تغییر</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>اعمال (&amp;A)</translation>
    </message>
    <message>
        <source>Make all these changes; one Undo (Ctrl+Z) takes them back</source>
        <translation>اعمال همهٔ این تغییرات؛ یک بار واگرد (Ctrl+Z) همه را برمی‌گرداند</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
</context>
<context>
    <name>daftar::ui::ConflictDialog</name>
    <message>
        <source>Changed on the site</source>
        <translation>روی سایت تغییر کرده</translation>
    </message>
    <message>
        <source>Someone changed this post on %1 after Daftar last sent it, so Daftar did not overwrite it. Compare the two versions and choose which one the site keeps. Keeping the site&apos;s version leaves Daftar&apos;s in the article&apos;s history; overwriting replaces the change made on the site.</source>
        <translation>کسی پس از آخرین فرستادن دفتر، این نوشته را روی %1 تغییر داده است، پس دفتر آن را بازنویسی نکرد. دو نسخه را مقایسه کنید و برگزینید کدام روی سایت بماند. با نگه داشتن نسخهٔ سایت، نسخهٔ دفتر در تاریخچهٔ خبر می‌ماند؛ با جایگزینی، تغییری که روی سایت داده شده از میان می‌رود.</translation>
    </message>
    <message>
        <source>On the site (%1)</source>
        <translation>روی سایت (%1)</translation>
    </message>
    <message>
        <source>Changed there %1</source>
        <translation>تغییر در آنجا: %1</translation>
    </message>
    <message>
        <source>Saved in Daftar %1</source>
        <translation>ذخیره در دفتر: %1</translation>
    </message>
    <message>
        <source>The two versions could not be read.</source>
        <translation>دو نسخه خوانده نشد.</translation>
    </message>
    <message>
        <source>On the site</source>
        <translation>روی سایت</translation>
    </message>
    <message>
        <source>In Daftar</source>
        <translation>در دفتر</translation>
    </message>
    <message>
        <source>&amp;Overwrite the site&apos;s version</source>
        <translation>جایگزینی نسخهٔ سایت (&amp;O)</translation>
    </message>
    <message>
        <source>Send Daftar&apos;s version to the site; the change made on the site is replaced.</source>
        <translation>نسخهٔ دفتر به سایت فرستاده می‌شود و تغییر روی سایت جایگزین می‌شود.</translation>
    </message>
    <message>
        <source>&amp;Keep the site&apos;s version</source>
        <translation>نگه داشتن نسخهٔ سایت (&amp;K)</translation>
    </message>
    <message>
        <source>Leave the site as it is; Daftar notes that it has seen the change and does not send this version.</source>
        <translation>سایت همان‌گونه می‌ماند؛ دفتر یادداشت می‌کند که تغییر را دیده و این نسخه را نمی‌فرستد.</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>بعداً تصمیم می‌گیرم</translation>
    </message>
</context>
<context>
    <name>daftar::ui::DuesDialog</name>
    <message>
        <source>Record dues</source>
        <translation>ثبت حق عضویت</translation>
    </message>
    <message>
        <source>in Rial, e.g. %1</source>
        <translation>به ریال، مثلاً %1</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>سال (&amp;Y):</translation>
    </message>
    <message>
        <source>&amp;Amount (Rial):</source>
        <translation>مبلغ (ریال) (&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Receipt no.:</source>
        <translation>شماره رسید (&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Paid on:</source>
        <translation>تاریخ پرداخت (&amp;P):</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>ثبت</translation>
    </message>
    <message>
        <source>Dues for %1 are already recorded; recording replaces them.</source>
        <translation>حق عضویت سال %1 پیش‌تر ثبت شده است؛ ثبت تازه جای آن را می‌گیرد.</translation>
    </message>
    <message>
        <source>Write the amount in digits, e.g. %1.</source>
        <translation>مبلغ را با رقم بنویسید، مثلاً %1.</translation>
    </message>
    <message>
        <source>%1, that is %2</source>
        <translation>%1، یعنی %2</translation>
    </message>
</context>
<context>
    <name>daftar::ui::DuesModel</name>
    <message>
        <source>Year</source>
        <translation>سال</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>مبلغ</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>شماره رسید</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>تاریخ پرداخت</translation>
    </message>
</context>
<context>
    <name>daftar::ui::DuplicatePairsModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Same mobile</source>
        <translation>تلفن همراه یکسان</translation>
    </message>
    <message>
        <source>Same name in one province</source>
        <translation>نام یکسان در یک استان</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>First record</source>
        <translation>رکورد اول</translation>
    </message>
    <message>
        <source>Second record</source>
        <translation>رکورد دوم</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>استان</translation>
    </message>
    <message>
        <source>Why they look alike</source>
        <translation>دلیل شباهت</translation>
    </message>
</context>
<context>
    <name>daftar::ui::DuplicatesDialog</name>
    <message>
        <source>“%1” (%2)</source>
        <translation>«%1» (%2)</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>اعضای احتمالاً تکراری</translation>
    </message>
    <message>
        <source>Members who share a mobile, or a name in one province, may be recorded twice. Choose a pair, then for each field the value to keep. Merging keeps the first record, moves the second&apos;s dues and status history to it and deletes the second.</source>
        <translation>اعضایی که تلفن همراه یکسان، یا نام یکسان در یک استان دارند، شاید دو بار ثبت شده باشند. یک جفت را انتخاب کنید، سپس برای هر فیلد مقداری را که باید بماند برگزینید. ادغام، رکورد اول را نگه می‌دارد، حق عضویت و سابقهٔ وضعیت رکورد دوم را به آن منتقل می‌کند و رکورد دوم را حذف می‌کند.</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>ادغام (&amp;M)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>No possible duplicates: no two members share a mobile, or a name in one province.</source>
        <translation>مورد تکراری احتمالی نیست: هیچ دو عضوی تلفن همراه یکسان یا نام یکسان در یک استان ندارند.</translation>
    </message>
    <message>
        <source>%1 is kept; %2 is merged into it. Tick the value to keep where they differ.</source>
        <translation>%1 می‌ماند و %2 در آن ادغام می‌شود. هر جا مقدارها متفاوت است، مقداری را که باید بماند علامت بزنید.</translation>
    </message>
    <message>
        <source>Merge two members</source>
        <translation>ادغام دو عضو</translation>
    </message>
    <message>
        <source>Merge %2 into %1? %2 is deleted afterwards; its dues and status history move to %1. This cannot be undone.</source>
        <translation>%2 در %1 ادغام شود؟ پس از آن %2 حذف می‌شود و حق عضویت و سابقهٔ وضعیتش به %1 منتقل می‌شود. این کار بازگشت‌پذیر نیست.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>ادغام</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>%1 and %2 are now one member.</source>
        <translation>%1 و %2 اکنون یک عضو هستند.</translation>
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
    <name>daftar::ui::HistoryDialog</name>
    <message>
        <source>Revision history</source>
        <translation>تاریخچهٔ نسخه‌ها</translation>
    </message>
    <message>
        <source>Revision history: %1</source>
        <translation>تاریخچهٔ نسخه‌ها: %1</translation>
    </message>
    <message>
        <source>Every save keeps a revision. Choose one to see which words it changed; restoring an old revision saves it again as the newest, so the current text stays in the history too.</source>
        <translation>هر ذخیره یک نسخه نگه می‌دارد. نسخه‌ای را انتخاب کنید تا ببینید کدام واژه‌ها را تغییر داده است؛ بازگرداندن یک نسخهٔ قدیمی آن را دوباره به‌عنوان تازه‌ترین نسخه ذخیره می‌کند، پس متن کنونی نیز در تاریخچه می‌ماند.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>شماره</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>زمان ذخیره</translation>
    </message>
    <message>
        <source>By</source>
        <translation>کاربر</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>واژه‌ها</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>یادداشت</translation>
    </message>
    <message>
        <source>&amp;Compare with:</source>
        <translation>مقایسه با (&amp;C):</translation>
    </message>
    <message>
        <source>the previous revision</source>
        <translation>نسخهٔ پیشین</translation>
    </message>
    <message>
        <source>the current version</source>
        <translation>نسخهٔ کنونی</translation>
    </message>
    <message>
        <source>&amp;Restore this revision…</source>
        <translation>بازگرداندن این نسخه (&amp;R)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>What changed from revision %1 to the current version.</source>
        <translation>آنچه از نسخهٔ %1 تا نسخهٔ کنونی تغییر کرده است.</translation>
    </message>
    <message>
        <source>Changes made in revision %1, compared with revision %2.</source>
        <translation>تغییرات نسخهٔ %1 در مقایسه با نسخهٔ %2.</translation>
    </message>
    <message>
        <source>Revision %1 is the first: all of its text was new.</source>
        <translation>نسخهٔ %1 نخستین نسخه است: همهٔ متن آن تازه بود.</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>لید</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>متن</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>حذف‌شده</translation>
    </message>
    <message>
        <source>added</source>
        <translation>افزوده‌شده</translation>
    </message>
    <message>
        <source>No differences: the two versions have the same title, lead and text.</source>
        <translation>تفاوتی نیست: عنوان، لید و متن دو نسخه یکسان است.</translation>
    </message>
    <message>
        <source>Your role (%1) may not change articles.</source>
        <translation>نقش شما (%1) اجازهٔ تغییر خبرها را ندارد.</translation>
    </message>
    <message>
        <source>This revision is the current version.</source>
        <translation>این نسخه همان نسخهٔ کنونی است.</translation>
    </message>
    <message>
        <source>Save this revision&apos;s title, lead and text as a new revision</source>
        <translation>ذخیرهٔ عنوان، لید و متن این نسخه به‌عنوان نسخه‌ای تازه</translation>
    </message>
    <message>
        <source>Restore a revision</source>
        <translation>بازگرداندن نسخه</translation>
    </message>
    <message>
        <source>Restore revision %1? Its title, lead and text are saved as revision %2; the current version stays in the history.</source>
        <translation>نسخهٔ %1 بازگردانده شود؟ عنوان، لید و متن آن به‌عنوان نسخهٔ %2 ذخیره می‌شود؛ نسخهٔ کنونی در تاریخچه می‌ماند.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>بازگرداندن</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
</context>
<context>
    <name>daftar::ui::ImportDialog</name>
    <message>
        <source>Detect automatically</source>
        <translation>تشخیص خودکار</translation>
    </message>
    <message>
        <source>Windows-1256 (Arabic Windows)</source>
        <translation>Windows-1256 (ویندوز عربی)</translation>
    </message>
    <message>
        <source>commas</source>
        <translation>ویرگول</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>نقطه‌ویرگول</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>تب</translation>
    </message>
    <message>
        <source>vertical bars</source>
        <translation>خط عمودی</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <source>Import members</source>
        <translation>وارد کردن اعضا</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>پرونده (&amp;F):</translation>
    </message>
    <message>
        <source>CSV or Excel file sent by a province</source>
        <translation>پروندهٔ CSV یا اکسلی که استان فرستاده است</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>انتخاب (&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>کدگذاری (&amp;E):</translation>
    </message>
    <message>
        <source>If the preview shows broken letters, choose the encoding the file was saved in.</source>
        <translation>اگر در پیش‌نمایش حروف به‌هم‌ریخته دیده می‌شود، کدگذاری‌ای را که پرونده با آن ذخیره شده است انتخاب کنید.</translation>
    </message>
    <message>
        <source>Check &amp;only (dry run): report what would happen, write nothing</source>
        <translation>فقط بررسی (اجرای آزمایشی): گزارش آنچه رخ می‌داد، بی‌آنکه چیزی نوشته شود (&amp;O)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>Stop after the rows read so far; what was imported stays.</source>
        <translation>توقف پس از سطرهایی که تا اینجا خوانده شده‌اند؛ آنچه وارد شده است می‌ماند.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>نتیجه</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>ذخیرهٔ گزارش (&amp;S)…</translation>
    </message>
    <message>
        <source>Save the problems as a CSV file that opens in Excel, to send back to the province.</source>
        <translation>ذخیرهٔ مشکلات در یک پروندهٔ CSV که در اکسل باز می‌شود، برای فرستادن به استان.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>وارد کردن (&amp;I)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>انتخاب پرونده برای وارد کردن</translation>
    </message>
    <message>
        <source>Member spreadsheets (*.csv *.tsv *.txt *.xlsx *.xlsm)</source>
        <translation>صفحه‌گسترده‌های اعضا (*.csv *.tsv *.txt *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <source>Read as an Excel workbook, sheet “%1”.</source>
        <translation>به‌صورت کتاب کار اکسل خوانده شد، کاربرگ «%1».</translation>
    </message>
    <message>
        <source>%1 with a byte order mark</source>
        <translation>%1 با نشانهٔ ترتیب بایت (BOM)</translation>
    </message>
    <message>
        <source>%1, detected</source>
        <translation>%1 (تشخیص خودکار)</translation>
    </message>
    <message>
        <source>Read as CSV text in %1, columns separated by %2.</source>
        <translation>به‌صورت متن CSV با کدگذاری %1 خوانده شد؛ ستون‌ها با %2 از هم جدا شده‌اند.</translation>
    </message>
    <message>
        <source>Some bytes are not valid %1, so some letters may show as �. Choose the encoding the file was saved in above.</source>
        <translation>برخی بایت‌ها در کدگذاری %1 معتبر نیستند، پس ممکن است برخی حروف به شکل � نمایش داده شوند. در بالا کدگذاری‌ای را که پرونده با آن ذخیره شده است انتخاب کنید.</translation>
    </message>
    <message>
        <source>No member field matches %1, so these columns will not be imported. Rename a heading if its column holds member details.</source>
        <translation>هیچ فیلد عضوی با %1 جور نیست، پس این ستون‌ها وارد نمی‌شوند. اگر ستونی مشخصات اعضا را دارد، عنوانش را تغییر دهید.</translation>
    </message>
    <message>
        <source>The file has column headings but no rows below them.</source>
        <translation>پرونده عنوان ستون‌ها را دارد، اما زیر آنها سطری نیست.</translation>
    </message>
    <message>
        <source>The first rows of the file, as they will be read:</source>
        <translation>نخستین سطرهای پرونده، همان‌گونه که خوانده خواهند شد:</translation>
    </message>
    <message>
        <source>%1 rows read…</source>
        <translation>%1 سطر خوانده شد…</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>در حال خواندن پرونده…</translation>
    </message>
    <message>
        <source>Checked only, nothing was written. Rows read: %4 — would be imported: %1, already in the bank: %2, would be rejected: %3.</source>
        <translation>فقط بررسی شد و چیزی نوشته نشد. سطرهای خوانده‌شده: %4 — وارد می‌شد: %1، از پیش در بانک اعضا: %2، پذیرفته نمی‌شد: %3.</translation>
    </message>
    <message>
        <source>Rows read: %4 — imported: %1, already in the bank: %2, rejected: %3.</source>
        <translation>سطرهای خوانده‌شده: %4 — وارد شد: %1، از پیش در بانک اعضا: %2، پذیرفته نشد: %3.</translation>
    </message>
    <message>
        <source>The check stopped before the end of the file.</source>
        <translation>بررسی پیش از پایان پرونده متوقف شد.</translation>
    </message>
    <message>
        <source>The import stopped before the end of the file. What was imported stays; run the import again to go on, and members already imported will be recognised rather than added twice.</source>
        <translation>وارد کردن پیش از پایان پرونده متوقف شد. آنچه وارد شده است می‌ماند؛ برای ادامه، پرونده را دوباره وارد کنید. اعضایی که پیش‌تر وارد شده‌اند شناخته می‌شوند و دو بار افزوده نمی‌شوند.</translation>
    </message>
    <message>
        <source>Every row could be read without a problem.</source>
        <translation>همهٔ سطرها بی‌مشکل خوانده شدند.</translation>
    </message>
    <message>
        <source>The rows below were not imported. Correct them in the file and import it again, or save the report and send it back to the province.</source>
        <translation>سطرهای زیر وارد نشدند. آنها را در پرونده درست کنید و پرونده را دوباره وارد کنید، یا گزارش را ذخیره کنید و برای استان بفرستید.</translation>
    </message>
    <message>
        <source>There is no report yet: import first.</source>
        <translation>هنوز گزارشی نیست: نخست پرونده را وارد کنید.</translation>
    </message>
    <message>
        <source>%1 - import problems.csv</source>
        <translation>%1 - گزارش مشکلات.csv</translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation>ذخیرهٔ گزارش وارد کردن</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>پرونده‌های CSV (*.csv)</translation>
    </message>
    <message>
        <source>The report was saved to %1.</source>
        <translation>گزارش در %1 ذخیره شد.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>در حال توقف…</translation>
    </message>
    <message>
        <source>Writing %1 members into the bank in one go; this cannot be cancelled…</source>
        <translation>در حال نوشتن %1 عضو در بانک به‌یکباره؛ این مرحله لغوشدنی نیست…</translation>
    </message>
</context>
<context>
    <name>daftar::ui::ImportPreviewModel</name>
    <message>
        <source>not used</source>
        <translation>استفاده نمی‌شود</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>فیلد: %1</translation>
    </message>
    <message>
        <source>No member field has this heading, so the column is not imported.</source>
        <translation>هیچ فیلد عضوی این عنوان را ندارد، پس این ستون وارد نمی‌شود.</translation>
    </message>
    <message>
        <source>This column is imported as “%1”.</source>
        <translation>این ستون به‌عنوان «%1» وارد می‌شود.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::ImportProblemsModel</name>
    <message>
        <source>Row</source>
        <translation>سطر</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>ستون</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>مقدار</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>مشکل</translation>
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
    <name>daftar::ui::JobListModel</name>
    <message>
        <source>Tried again automatically after %1</source>
        <translation>پس از %1 خودکار دوباره فرستاده می‌شود</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>مورد</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>سایت</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>کار</translation>
    </message>
    <message>
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>پیشرفت</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>تلاش‌ها</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>آخرین تغییر</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>خطا</translation>
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
        <source>Member bank</source>
        <translation>بانک اعضا</translation>
    </message>
    <message>
        <source>Provincial branches</source>
        <translation>شعب استانی</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>انتشار</translation>
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
    <message>
        <source>&amp;Members</source>
        <translation>اعضا (&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Import members…</source>
        <translation>وارد کردن اعضا (&amp;I)…</translation>
    </message>
    <message>
        <source>Possible &amp;duplicates…</source>
        <translation>اعضای احتمالاً تکراری (&amp;D)…</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MediaLibraryDialog</name>
    <message>
        <source>Media library</source>
        <translation>کتابخانه تصاویر</translation>
    </message>
    <message>
        <source>No images yet. Import images (Ctrl+O) once and use them in any article.</source>
        <translation>هنوز تصویری نیست. تصاویر را یک بار وارد کنید (Ctrl+O) و در هر خبری به کار ببرید.</translation>
    </message>
    <message>
        <source>&amp;Alt text:</source>
        <translation>متن جایگزین (&amp;A):</translation>
    </message>
    <message>
        <source>What the image shows, for readers who cannot see it and for search engines</source>
        <translation>آنچه تصویر نشان می‌دهد، برای خوانندگانی که آن را نمی‌بینند و برای موتورهای جستجو</translation>
    </message>
    <message>
        <source>&amp;Import images…</source>
        <translation>وارد کردن تصاویر (&amp;I)…</translation>
    </message>
    <message>
        <source>Add PNG, JPEG, GIF or WebP images to the library (Ctrl+O)</source>
        <translation>افزودن تصاویر PNG، JPEG، GIF یا WebP به کتابخانه (Ctrl+O)</translation>
    </message>
    <message>
        <source>Your role (%1) may not add images.</source>
        <translation>نقش شما (%1) اجازهٔ افزودن تصویر را ندارد.</translation>
    </message>
    <message>
        <source>I&amp;nsert</source>
        <translation>درج (&amp;N)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 بایت</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 کیلوبایت</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 مگابایت</translation>
    </message>
    <message>
        <source>%1: %2 × %3 pixels, %4, imported %5</source>
        <translation>%1: %2 × %3 پیکسل، %4، واردشده در %5</translation>
    </message>
    <message>
        <source>Alt text of %1 saved.</source>
        <translation>متن جایگزین %1 ذخیره شد.</translation>
    </message>
    <message>
        <source>Import images</source>
        <translation>وارد کردن تصاویر</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>تصاویر (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>1 image imported.</source>
        <translation>۱ تصویر وارد شد.</translation>
    </message>
    <message>
        <source>%1 images imported.</source>
        <translation>%1 تصویر وارد شد.</translation>
    </message>
    <message>
        <source>Already in the library (not imported twice): %1</source>
        <translation>از پیش در کتابخانه هست (دوباره وارد نشد): %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>%1 of %2 files could not be imported:</source>
        <translation>%1 پرونده از %2 پرونده وارد نشد:</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MemberChangesModel</name>
    <message>
        <source>Reason</source>
        <translation>دلیل</translation>
    </message>
    <message>
        <source>In the public directory</source>
        <translation>در فهرست عمومی</translation>
    </message>
    <message>
        <source>Shown in the directory</source>
        <translation>موارد نمایش در فهرست</translation>
    </message>
    <message>
        <source>Dues year</source>
        <translation>سال حق عضویت</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>مبلغ</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>شماره رسید</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>ثبت عضو</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>ویرایش</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>تغییر وضعیت</translation>
    </message>
    <message>
        <source>Dues recorded</source>
        <translation>ثبت حق عضویت</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(خالی)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>بله</translation>
    </message>
    <message>
        <source>no</source>
        <translation>خیر</translation>
    </message>
    <message>
        <source>When</source>
        <translation>زمان</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>کاربر</translation>
    </message>
    <message>
        <source>What</source>
        <translation>کار</translation>
    </message>
    <message>
        <source>Fields changed</source>
        <translation>موارد تغییرکرده</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MemberDialog</name>
    <message>
        <source>Member %1</source>
        <translation>عضو: %1</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>عضو تازه</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>مشخصات (&amp;D)</translation>
    </message>
    <message>
        <source>D&amp;ues</source>
        <translation>حق عضویت (&amp;U)</translation>
    </message>
    <message>
        <source>Status &amp;history</source>
        <translation>سابقه وضعیت (&amp;H)</translation>
    </message>
    <message>
        <source>Chan&amp;ges</source>
        <translation>تغییرات (&amp;G)</translation>
    </message>
    <message>
        <source>Available once the member has been saved.</source>
        <translation>پس از ذخیره عضو در دسترس است.</translation>
    </message>
    <message>
        <source>Choose a province</source>
        <translation>استان را انتخاب کنید</translation>
    </message>
    <message>
        <source>Given when saved</source>
        <translation>هنگام ذخیره داده می‌شود</translation>
    </message>
    <message>
        <source>0912 345 6789</source>
        <translation>۰۹۱۲ ۳۴۵ ۶۷۸۹</translation>
    </message>
    <message>
        <source>13145-67890</source>
        <translation>۱۳۱۴۵-۶۷۸۹۰</translation>
    </message>
    <message>
        <source>e.g. housing, farming, consumer goods</source>
        <translation>مثلاً مسکن، کشاورزی، مصرف</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>نوع عضو (&amp;K):</translation>
    </message>
    <message>
        <source>Membership &amp;no.:</source>
        <translation>شماره عضویت (&amp;N):</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>نام (&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>نام خانوادگی (&amp;L):</translation>
    </message>
    <message>
        <source>Name of the &amp;cooperative:</source>
        <translation>نام تعاونی (&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Registration no.:</source>
        <translation>شماره ثبت (&amp;R):</translation>
    </message>
    <message>
        <source>Activity sec&amp;tor:</source>
        <translation>زمینه فعالیت (&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Joined on:</source>
        <translation>تاریخ عضویت (&amp;J):</translation>
    </message>
    <message>
        <source>St&amp;atus:</source>
        <translation>وضعیت (&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Province:</source>
        <translation>استان (&amp;P):</translation>
    </message>
    <message>
        <source>Cit&amp;y:</source>
        <translation>شهر (&amp;Y):</translation>
    </message>
    <message>
        <source>Addr&amp;ess:</source>
        <translation>نشانی (&amp;E):</translation>
    </message>
    <message>
        <source>P&amp;ostal code:</source>
        <translation>کد پستی (&amp;O):</translation>
    </message>
    <message>
        <source>Mo&amp;bile:</source>
        <translation>تلفن همراه (&amp;B):</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>تلفن:</translation>
    </message>
    <message>
        <source>E&amp;mail:</source>
        <translation>ایمیل (&amp;M):</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>یادداشت:</translation>
    </message>
    <message>
        <source>Sho&amp;w this member in the public directory of the site</source>
        <translation>نمایش این عضو در فهرست عمومی سایت (&amp;W)</translation>
    </message>
    <message>
        <source>with:</source>
        <translation>همراه با:</translation>
    </message>
    <message>
        <source>name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>city</source>
        <translation>شهر</translation>
    </message>
    <message>
        <source>province</source>
        <translation>استان</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>تلفن همراه</translation>
    </message>
    <message>
        <source>email</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>&amp;Record dues…</source>
        <translation>ثبت حق عضویت (&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>ذخیره (&amp;S)</translation>
    </message>
    <message>
        <source>Save the details (Ctrl+S)</source>
        <translation>ذخیره مشخصات (Ctrl+S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>Nat&amp;ional ID:</source>
        <translation>شناسه ملی (&amp;I):</translation>
    </message>
    <message>
        <source>Nat&amp;ional code:</source>
        <translation>کد ملی (&amp;I):</translation>
    </message>
    <message>
        <source>11 digits</source>
        <translation>۱۱ رقم</translation>
    </message>
    <message>
        <source>10 digits</source>
        <translation>۱۰ رقم</translation>
    </message>
    <message>
        <source>Still needed: %1.</source>
        <translation>هنوز لازم است: %1.</translation>
    </message>
    <message>
        <source>Dues of %1</source>
        <translation>حق عضویت %1</translation>
    </message>
    <message>
        <source>Already a member</source>
        <translation>عضو تکراری</translation>
    </message>
    <message>
        <source>%1 is already in the member bank: %2, membership number %3.</source>
        <translation>%1 در بانک اعضا هست: %2، شماره عضویت %3.</translation>
    </message>
    <message>
        <source>Open that member instead of adding them a second time?</source>
        <translation>به‌جای ثبت دوباره، همان عضو باز شود؟</translation>
    </message>
    <message>
        <source>&amp;Open the member</source>
        <translation>باز کردن عضو (&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Back to the form</source>
        <translation>بازگشت به فرم (&amp;B)</translation>
    </message>
    <message>
        <source>No branch</source>
        <translation>بدون شعبه</translation>
    </message>
    <message>
        <source>Membership card</source>
        <translation>کارت عضویت</translation>
    </message>
    <message>
        <source>membership card %1</source>
        <translation>کارت عضویت %1</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>پرونده‌های PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Branch:</source>
        <translation>شعبه:</translation>
    </message>
    <message>
        <source>Membership card (PDF)…</source>
        <translation>کارت عضویت (PDF)…</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MemberListModel</name>
    <message>
        <source>Membership no.</source>
        <translation>شماره عضویت</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>National code / ID</source>
        <translation>کد / شناسه ملی</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>استان</translation>
    </message>
    <message>
        <source>City</source>
        <translation>شهر</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>تلفن همراه</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>تاریخ عضویت</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MembersPage</name>
    <message>
        <source>Member bank</source>
        <translation>بانک اعضا</translation>
    </message>
    <message>
        <source>Search by name, national code, mobile, membership no. or city (Ctrl+F)</source>
        <translation>جستجو با نام، کد ملی، تلفن همراه، شماره عضویت یا شهر (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;New member</source>
        <translation>عضو تازه (&amp;N)</translation>
    </message>
    <message>
        <source>Add a member (Ctrl+N)</source>
        <translation>افزودن عضو (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>باز کردن (&amp;O)</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>تغییر وضعیت (&amp;S)…</translation>
    </message>
    <message>
        <source>Change the status of the selected members</source>
        <translation>تغییر وضعیت اعضای انتخاب‌شده</translation>
    </message>
    <message>
        <source>Record &amp;dues…</source>
        <translation>ثبت حق عضویت (&amp;D)…</translation>
    </message>
    <message>
        <source>Record one year&apos;s dues for the selected members</source>
        <translation>ثبت حق عضویت یک سال برای اعضای انتخاب‌شده</translation>
    </message>
    <message>
        <source>All provinces</source>
        <translation>همه استان‌ها</translation>
    </message>
    <message>
        <source>Persons and legal entities</source>
        <translation>حقیقی و حقوقی</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>همه وضعیت‌ها</translation>
    </message>
    <message>
        <source>Dues paid or not</source>
        <translation>پرداخت حق عضویت: همه</translation>
    </message>
    <message>
        <source>Dues unpaid for %1</source>
        <translation>حق عضویت %1 پرداخت نشده</translation>
    </message>
    <message>
        <source>No members yet. Add the first one with “New member” (Ctrl+N); every member you add can be found here by name, national code, mobile or city.</source>
        <translation>هنوز عضوی ثبت نشده است. نخستین عضو را با «عضو تازه» (Ctrl+N) بیفزایید؛ هر عضوی که ثبت کنید اینجا با نام، کد ملی، تلفن همراه یا شهر پیدا می‌شود.</translation>
    </message>
    <message>
        <source>%1 of %2 members shown</source>
        <translation>%1 عضو از %2 عضو نمایش داده شده</translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation>%1 عضو</translation>
    </message>
    <message>
        <source>Too many members selected</source>
        <translation>اعضای انتخاب‌شده بسیارند</translation>
    </message>
    <message>
        <source>%1 members are selected; a change applies to at most %2 at once. Narrow the list with the search and the filters first.</source>
        <translation>%1 عضو انتخاب شده است؛ هر تغییر در یک نوبت حداکثر برای %2 عضو اعمال می‌شود. نخست فهرست را با جستجو و فیلترها محدود کنید.</translation>
    </message>
    <message>
        <source>Some members were not changed</source>
        <translation>برخی اعضا تغییر نکردند</translation>
    </message>
    <message>
        <source>%1 of %2 members could not be changed; the others were.</source>
        <translation>%1 عضو از %2 عضو تغییر نکرد؛ بقیه تغییر کردند.</translation>
    </message>
    <message>
        <source>Changing the status…</source>
        <translation>در حال تغییر وضعیت…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Status changed to “%1” for %2 members.</source>
        <translation>وضعیت %2 عضو به «%1» تغییر کرد.</translation>
    </message>
    <message>
        <source>The same payment is recorded for each of the %1 selected members.</source>
        <translation>همین پرداخت برای هر یک از %1 عضو انتخاب‌شده ثبت می‌شود.</translation>
    </message>
    <message>
        <source>Recording dues…</source>
        <translation>در حال ثبت حق عضویت…</translation>
    </message>
    <message>
        <source>Dues for %1 recorded for %2 members.</source>
        <translation>حق عضویت سال %1 برای %2 عضو ثبت شد.</translation>
    </message>
    <message>
        <source>This member is no longer in the bank.</source>
        <translation>این عضو دیگر در بانک اعضا نیست.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>خروجی… (&amp;E)</translation>
    </message>
    <message>
        <source>Write the members shown to Excel, CSV or a PDF for printing (Ctrl+E)</source>
        <translation>نوشتن اعضای نمایش‌داده‌شده در اکسل، CSV یا PDF برای چاپ (Ctrl+E)</translation>
    </message>
    <message>
        <source>Export the members shown</source>
        <translation>خروجی اعضای نمایش‌داده‌شده</translation>
    </message>
    <message>
        <source>members</source>
        <translation>اعضا</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv);;PDF for printing (*.pdf)</source>
        <translation>کارپوشهٔ اکسل (*.xlsx);;CSV برای اکسل (*.csv);;PDF برای چاپ (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) written to %1.</source>
        <translation>
            <numerusform>%Ln عضو در %1 نوشته شد.</numerusform>
        </translation>
    </message>
    <message>
        <source>The first %1 of %2 members were printed to %3; narrow the list to print the others.</source>
        <translation>%1 عضو نخست از %2 عضو در %3 چاپ شد؛ برای چاپ بقیه، فهرست را کوچک‌تر کنید.</translation>
    </message>
    <message>
        <source>Export the &amp;selected…</source>
        <translation>خروجی از انتخاب‌شده‌ها… (&amp;S)</translation>
    </message>
    <message>
        <source>Write only the selected members to Excel, CSV or a PDF (Ctrl+Shift+E)</source>
        <translation>فقط اعضای انتخاب‌شده در Excel، CSV یا PDF نوشته شوند (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Export the selected members</source>
        <translation>خروجی اعضای انتخاب‌شده</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MergeChoiceModel</name>
    <message>
        <source>(empty)</source>
        <translation>(خالی)</translation>
    </message>
    <message>
        <source>Both records hold the same value.</source>
        <translation>هر دو رکورد مقدار یکسانی دارند.</translation>
    </message>
    <message>
        <source>Keep this value: it replaces the first record&apos;s when the two are merged.</source>
        <translation>این مقدار بماند: هنگام ادغام جای مقدار رکورد اول را می‌گیرد.</translation>
    </message>
    <message>
        <source>Keep the first record&apos;s value.</source>
        <translation>مقدار رکورد اول بماند.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>فیلد</translation>
    </message>
    <message>
        <source>First record (kept)</source>
        <translation>رکورد اول (می‌ماند)</translation>
    </message>
    <message>
        <source>Second record (merged into it)</source>
        <translation>رکورد دوم (در آن ادغام می‌شود)</translation>
    </message>
</context>
<context>
    <name>daftar::ui::NewsroomPage</name>
    <message>
        <source>Newsroom</source>
        <translation>اتاق خبر</translation>
    </message>
    <message>
        <source>Search titles, leads and categories (Ctrl+F)</source>
        <translation>جستجو در عنوان، لید و دسته (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;New article</source>
        <translation>خبر تازه (&amp;N)</translation>
    </message>
    <message>
        <source>New &amp;announcement</source>
        <translation>آگهی تازه (&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>باز کردن (&amp;O)</translation>
    </message>
    <message>
        <source>Open the selected item in the editor (Enter)</source>
        <translation>باز کردن مورد انتخاب‌شده در ویرایشگر (Enter)</translation>
    </message>
    <message>
        <source>Write a news article (Ctrl+N)</source>
        <translation>نوشتن خبر (Ctrl+N)</translation>
    </message>
    <message>
        <source>Write an announcement, taken down after its end date</source>
        <translation>نوشتن آگهی، که پس از تاریخ پایانش از سایت برداشته می‌شود</translation>
    </message>
    <message>
        <source>Your role (%1) may read the newsroom but not write in it; an administrator can change your role.</source>
        <translation>نقش شما (%1) اجازهٔ خواندن اتاق خبر را می‌دهد، اما نه نوشتن در آن؛ مدیر سامانه می‌تواند نقش شما را تغییر دهد.</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>همهٔ وضعیت‌ها</translation>
    </message>
    <message>
        <source>News and announcements</source>
        <translation>اخبار و آگهی‌ها</translation>
    </message>
    <message>
        <source>No news or announcements yet. Write the first one with “New article” (Ctrl+N); it stays a draft until it is sent for review.</source>
        <translation>هنوز خبر یا آگهی‌ای ثبت نشده است. نخستین خبر را با «خبر تازه» (Ctrl+N) بنویسید؛ تا وقتی برای بررسی فرستاده نشود، پیش‌نویس می‌ماند.</translation>
    </message>
    <message>
        <source>No news or announcements yet. They appear here as soon as an editor writes them.</source>
        <translation>هنوز خبر یا آگهی‌ای ثبت نشده است. به محض اینکه ویراستاری آنها را بنویسد، اینجا نمایش داده می‌شوند.</translation>
    </message>
    <message>
        <source>Nothing matches the search and filters; %1 items in all.</source>
        <translation>هیچ موردی با جستجو و فیلترها جور نیست؛ در مجموع %1 مورد.</translation>
    </message>
    <message>
        <source>%1 of %2 items shown</source>
        <translation>%1 مورد از %2 مورد نمایش داده شده</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>۱ مورد</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 مورد</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>فارسی</translation>
    </message>
</context>
<context>
    <name>daftar::ui::PreviewPane</name>
    <message>
        <source>There is no article to export yet.</source>
        <translation>هنوز خبری برای خروجی گرفتن نیست.</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>دسکتاپ</translation>
    </message>
    <message>
        <source>The page as it looks on a computer screen</source>
        <translation>صفحه همان‌گونه که روی نمایشگر رایانه دیده می‌شود</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>موبایل</translation>
    </message>
    <message>
        <source>The page as it looks on a phone</source>
        <translation>صفحه همان‌گونه که روی گوشی دیده می‌شود</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>کنار هم</translation>
    </message>
    <message>
        <source>The computer and the phone page together</source>
        <translation>صفحهٔ رایانه و گوشی در کنار هم</translation>
    </message>
</context>
<context>
    <name>daftar::ui::PublicationListModel</name>
    <message>
        <source>Open %1 in the browser</source>
        <translation>باز کردن %1 در مرورگر</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>مورد</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>سایت</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>نشانی</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>آخرین فرستادن</translation>
    </message>
    <message>
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
</context>
<context>
    <name>daftar::ui::PublishingPage</name>
    <message>
        <source>Publishing</source>
        <translation>انتشار</translation>
    </message>
    <message>
        <source>Publish &amp;approved</source>
        <translation>انتشار تأییدشده‌ها (&amp;A)</translation>
    </message>
    <message>
        <source>Publish &amp;directories</source>
        <translation>انتشار فهرست‌ها (&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Run now</source>
        <translation>اجرای همین حالا (&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>توقف (&amp;T)</translation>
    </message>
    <message>
        <source>Stop after the requests already on their way</source>
        <translation>توقف پس از درخواست‌هایی که در راه‌اند</translation>
    </message>
    <message>
        <source>&amp;Sites…</source>
        <translation>سایت‌ها… (&amp;S)</translation>
    </message>
    <message>
        <source>The sites Daftar publishes to, their addresses and secrets</source>
        <translation>سایت‌هایی که دفتر در آن‌ها منتشر می‌کند، نشانی‌ها و رمزهایشان</translation>
    </message>
    <message>
        <source>Show &amp;finished</source>
        <translation>نمایش تمام‌شده‌ها (&amp;F)</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>فرستادن دوباره (&amp;T)</translation>
    </message>
    <message>
        <source>Send the selected jobs again now</source>
        <translation>کارهای برگزیده را همین حالا دوباره بفرست</translation>
    </message>
    <message>
        <source>&amp;Cancel job</source>
        <translation>لغو کار (&amp;C)</translation>
    </message>
    <message>
        <source>Do not send the selected jobs</source>
        <translation>کارهای برگزیده فرستاده نشوند</translation>
    </message>
    <message>
        <source>Resol&amp;ve…</source>
        <translation>رسیدگی… (&amp;V)</translation>
    </message>
    <message>
        <source>Compare the site&apos;s version with Daftar&apos;s and choose one</source>
        <translation>نسخهٔ سایت را با نسخهٔ دفتر مقایسه کنید و یکی را برگزینید</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>صف</translation>
    </message>
    <message>
        <source>Where it is published</source>
        <translation>کجا منتشر شده است</translation>
    </message>
    <message>
        <source>Add a site…</source>
        <translation>افزودن سایت…</translation>
    </message>
    <message>
        <source>Queue every approved item that is not on its sites yet or changed since, and send it</source>
        <translation>هر مورد تأییدشده‌ای را که هنوز روی سایت‌هایش نیست یا از آن پس تغییر کرده در صف بگذار و بفرست</translation>
    </message>
    <message>
        <source>Send the branches directory and the public member directory</source>
        <translation>فرستادن فهرست شعبه‌ها و فهرست عمومی اعضا</translation>
    </message>
    <message>
        <source>Send everything that waits in the queue (F5)</source>
        <translation>فرستادن هر آنچه در صف منتظر است (F5)</translation>
    </message>
    <message>
        <source>Your role (%1) may see the queue but not publish; a chief editor can.</source>
        <translation>نقش شما (%1) صف را می‌بیند اما نمی‌تواند منتشر کند؛ سردبیر می‌تواند.</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>همهٔ سایت‌ها</translation>
    </message>
    <message>
        <source>%1 (turned off)</source>
        <translation>%1 (خاموش)</translation>
    </message>
    <message>
        <source>No public site is set up yet. Add the site Daftar publishes to: a WordPress site or a JSON portal.</source>
        <translation>هنوز هیچ سایت عمومی‌ای تنظیم نشده است. سایتی را که دفتر در آن منتشر می‌کند بیفزایید: یک سایت وردپرس یا یک درگاه JSON.</translation>
    </message>
    <message>
        <source>No public site is set up yet; an administrator adds them under “Sites…”.</source>
        <translation>هنوز هیچ سایت عمومی‌ای تنظیم نشده است؛ مدیر سامانه آن‌ها را در «سایت‌ها…» می‌افزاید.</translation>
    </message>
    <message>
        <source>Nothing has been queued yet. “Publish approved” queues every approved item that is not on its sites yet.</source>
        <translation>هنوز چیزی در صف نیست. «انتشار تأییدشده‌ها» هر مورد تأییدشده‌ای را که هنوز روی سایت‌هایش نیست در صف می‌گذارد.</translation>
    </message>
    <message>
        <source>Nothing waits to be sent. Tick “Show finished” to see what was sent.</source>
        <translation>چیزی منتظر فرستادن نیست. برای دیدن آنچه فرستاده شده، «نمایش تمام‌شده‌ها» را بزنید.</translation>
    </message>
    <message>
        <source>Nothing is on a site yet. What Daftar publishes is listed here with its address.</source>
        <translation>هنوز چیزی روی سایت نیست. آنچه دفتر منتشر می‌کند با نشانی‌اش اینجا می‌آید.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>در حال فرستادن…</translation>
    </message>
    <message>
        <source>Nothing new to publish: every approved item is on its sites as it is now.</source>
        <translation>چیز تازه‌ای برای انتشار نیست: هر مورد تأییدشده همان‌گونه که هست روی سایت‌هایش است.</translation>
    </message>
    <message>
        <source>The directories were not queued: no site takes them.</source>
        <translation>فهرست‌ها در صف گذاشته نشدند: هیچ سایتی آن‌ها را نمی‌پذیرد.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln sent</source>
        <translation>
            <numerusform>%Ln فرستاده شد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln ناموفق</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed on the site (choose a version with “Resolve…”)</source>
        <translation>
            <numerusform>%Ln روی سایت تغییر کرده (با «رسیدگی…» نسخه را برگزینید)</numerusform>
        </translation>
    </message>
    <message>
        <source>Last run: %1.</source>
        <translation>آخرین اجرا: %1.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
</context>
<context>
    <name>daftar::ui::RecoveryDialog</name>
    <message>
        <source>Recover unsaved text</source>
        <translation>بازیابی متن ذخیره‌نشده</translation>
    </message>
    <message>
        <source>Daftar was closed before this text was saved (a crash or a power cut). Recover it to continue where you were, or discard it.</source>
        <translation>دفتر پیش از ذخیرهٔ این متن بسته شد (به دلیل خطای برنامه یا قطع برق). آن را بازیابی کنید تا از همان جا ادامه دهید، یا آن را دور بریزید.</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>خبر</translation>
    </message>
    <message>
        <source>Typed until</source>
        <translation>آخرین تایپ</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>واژه‌ها</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(بی‌عنوان)</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1 (تازه)</translation>
    </message>
    <message>
        <source>&amp;Recover all</source>
        <translation>بازیابی همه (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard all</source>
        <translation>دور ریختن همه (&amp;D)</translation>
    </message>
    <message>
        <source>Decide &amp;later</source>
        <translation>بعداً تصمیم می‌گیرم (&amp;L)</translation>
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
    <name>daftar::ui::SiteSettingsDialog</name>
    <message>
        <source>Turned off</source>
        <translation>خاموش</translation>
    </message>
    <message>
        <source>Type the name of the environment variable that holds the secret, or choose to keep the secret in the keychain.</source>
        <translation>نام متغیر محیطی‌ای را که رمز در آن است بنویسید، یا نگه‌داری رمز در جاکلیدی سیستم را برگزینید.</translation>
    </message>
    <message>
        <source>Type the site&apos;s Application Password: Daftar keeps it in the keychain.</source>
        <translation>گذرواژهٔ برنامهٔ سایت را بنویسید: دفتر آن را در جاکلیدی سیستم نگه می‌دارد.</translation>
    </message>
    <message>
        <source>Type the secret shared with the portal: Daftar keeps it in the keychain.</source>
        <translation>رمز مشترک با درگاه را بنویسید: دفتر آن را در جاکلیدی سیستم نگه می‌دارد.</translation>
    </message>
    <message>
        <source>The site is saved, but its secret is not: %1
Without a keychain, put the secret in an environment variable and choose “Read from the environment variable”.</source>
        <translation>سایت ذخیره شد، اما رمزش نه: %1
بی‌جاکلیدی، رمز را در یک متغیر محیطی بگذارید و «خواندن از متغیر محیطی» را برگزینید.</translation>
    </message>
    <message>
        <source>The site is saved, but its secret stayed under the old name: %1
Type the secret again and save.</source>
        <translation>سایت ذخیره شد، اما رمزش زیر نام پیشین ماند: %1
رمز را دوباره بنویسید و ذخیره کنید.</translation>
    </message>
    <message>
        <source>Site “%1” added.</source>
        <translation>سایت «%1» افزوده شد.</translation>
    </message>
    <message>
        <source>Changes to “%1” saved.</source>
        <translation>تغییرات «%1» ذخیره شد.</translation>
    </message>
    <message>
        <source>Remove site</source>
        <translation>حذف سایت</translation>
    </message>
    <message>
        <source>Remove the site “%1” from Daftar? Its queue and the record of what was published there are dropped too. Nothing is deleted from the site itself.</source>
        <translation>سایت «%1» از دفتر حذف شود؟ صف آن و سابقهٔ آنچه در آن منتشر شده نیز کنار گذاشته می‌شود. از خود سایت چیزی پاک نمی‌شود.</translation>
    </message>
    <message>
        <source>Site “%1” removed.</source>
        <translation>سایت «%1» حذف شد.</translation>
    </message>
    <message>
        <source>Only saved settings can be tested.</source>
        <translation>فقط تنظیمات ذخیره‌شده را می‌توان آزمود.</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>در حال پرسیدن از %1…</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>تغییرات ذخیره‌نشده</translation>
    </message>
    <message>
        <source>Save the changes to “%1” first?</source>
        <translation>نخست تغییرات «%1» ذخیره شود؟</translation>
    </message>
    <message>
        <source>the new site</source>
        <translation>سایت تازه</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>سایت‌ها</translation>
    </message>
    <message>
        <source>Sites Daftar publishes to</source>
        <translation>سایت‌هایی که دفتر در آن‌ها منتشر می‌کند</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>افزودن (&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>حذف… (&amp;R)</translation>
    </message>
    <message>
        <source>Your role (%1) may see the sites but not change them; an administrator can.</source>
        <translation>نقش شما (%1) سایت‌ها را می‌بیند اما نمی‌تواند تغییرشان دهد؛ مدیر سامانه می‌تواند.</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>هر زبان</translation>
    </message>
    <message>
        <source>Persian only</source>
        <translation>فقط فارسی</translation>
    </message>
    <message>
        <source>English only</source>
        <translation>فقط انگلیسی</translation>
    </message>
    <message>
        <source>Turns the post back into a draft</source>
        <translation>نوشته را به پیش‌نویس برمی‌گرداند</translation>
    </message>
    <message>
        <source>Moves the post to the trash</source>
        <translation>نوشته را به زباله‌دان می‌برد</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> ثانیه</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>نام (&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>نوع (&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>نشانی (&amp;A):</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>کاربر (&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Client name:</source>
        <translation>نام فرستنده (&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>زبان (&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Unpublishing:</source>
        <translation>برداشتن از انتشار (&amp;U):</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>مهلت پاسخ (&amp;I):</translation>
    </message>
    <message>
        <source>Application &amp;Password:</source>
        <translation>گذرواژهٔ برنامه (&amp;P):</translation>
    </message>
    <message>
        <source>Shared &amp;secret:</source>
        <translation>رمز مشترک (&amp;S):</translation>
    </message>
    <message>
        <source>e.g. Main site</source>
        <translation>مثلاً سایت اصلی</translation>
    </message>
    <message>
        <source>The WordPress user the Application Password belongs to.</source>
        <translation>کاربر وردپرسی که گذرواژهٔ برنامه از آنِ اوست.</translation>
    </message>
    <message>
        <source>Only a name the portal sees in its logs; it is not a password and may stay empty.</source>
        <translation>فقط نامی که درگاه در گزارش‌هایش می‌بیند؛ گذرواژه نیست و می‌تواند خالی بماند.</translation>
    </message>
    <message>
        <source>Stored in the keychain</source>
        <translation>نگه‌داری در جاکلیدی سیستم</translation>
    </message>
    <message>
        <source>Read from the environment variable</source>
        <translation>خواندن از متغیر محیطی</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored one</source>
        <translation>برای نگه داشتن رمز ذخیره‌شده خالی بگذارید</translation>
    </message>
    <message>
        <source>Daftar never keeps the secret in its database. The variable suits a server or a scheduled task, where there is no keychain.</source>
        <translation>دفتر هرگز رمز را در پایگاه داده‌اش نگه نمی‌دارد. متغیر محیطی برای سرور یا کار زمان‌بندی‌شده که جاکلیدی ندارد مناسب است.</translation>
    </message>
    <message>
        <source>Publish to this site</source>
        <translation>انتشار در این سایت</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>آزمودن اتصال (&amp;T)</translation>
    </message>
    <message>
        <source>Saves the changes, then asks the site with these credentials</source>
        <translation>تغییرات را ذخیره می‌کند، سپس با همین اطلاعات ورود از سایت می‌پرسد</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>ذخیره (&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
</context>
<context>
    <name>daftar::ui::StatusChangeDialog</name>
    <message>
        <source>Change status</source>
        <translation>تغییر وضعیت</translation>
    </message>
    <message>
        <source>e.g. dues unpaid for two years</source>
        <translation>مثلاً حق عضویت دو سال پرداخت نشده</translation>
    </message>
    <message numerus="yes">
        <source>The new status applies to %n selected member(s).</source>
        <translation>
            <numerusform>وضعیت تازه برای %Ln عضو انتخاب‌شده ثبت می‌شود.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>وضعیت (&amp;S):</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>از تاریخ (&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>دلیل (&amp;R):</translation>
    </message>
</context>
<context>
    <name>daftar::ui::StatusHistoryModel</name>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>From</source>
        <translation>از تاریخ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>دلیل</translation>
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
    <message>
        <source>Unknown encoding &quot;%1&quot;: use auto, utf-8, utf-16 or windows-1256.</source>
        <translation>کدگذاری «%1» شناخته نیست: auto، utf-8، utf-16 یا windows-1256 را به کار ببرید.</translation>
    </message>
    <message>
        <source>row %1, %2 &quot;%3&quot;: %4 (%5)</source>
        <translation>سطر %1، %2 «%3»: %4 (%5)</translation>
    </message>
    <message>
        <source>%1 (%2, %3): %4 data rows; %5 would be imported, %6 are already in the bank, %7 rejected. Nothing was written (dry run).</source>
        <translation>%1 (%2، %3): %4 سطر داده؛ %5 وارد می‌شد، %6 از پیش در بانک اعضا است، %7 پذیرفته نمی‌شد. چیزی نوشته نشد (اجرای آزمایشی).</translation>
    </message>
    <message>
        <source>%1 (%2, %3): %4 data rows; %5 imported, %6 were already in the bank, %7 rejected.</source>
        <translation>%1 (%2، %3): %4 سطر داده؛ %5 وارد شد، %6 از پیش در بانک اعضا بود، %7 پذیرفته نشد.</translation>
    </message>
    <message>
        <source>Columns not used: %1</source>
        <translation>ستون‌های استفاده‌نشده: %1</translation>
    </message>
    <message>
        <source>Unknown province &quot;%1&quot;.</source>
        <translation>استان «%1» شناخته نیست.</translation>
    </message>
    <message>
        <source>%1 members written to %2.</source>
        <translation>%1 عضو در %2 نوشته شد.</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;: use active, suspended, expired or resigned.</source>
        <translation>وضعیت «%1» شناخته نیست: active، suspended، expired یا resigned را به کار ببرید.</translation>
    </message>
    <message>
        <source>--limit needs a positive number.</source>
        <translation>گزینهٔ --limit به عددی مثبت نیاز دارد.</translation>
    </message>
    <message>
        <source>No member has the id or national code %1.</source>
        <translation>عضوی با شناسه یا کد ملی %1 وجود ندارد.</translation>
    </message>
    <message>
        <source>Cannot read the body file %1: %2.</source>
        <translation>پروندهٔ متن %1 خوانده نشد: %2.</translation>
    </message>
    <message>
        <source>%1 is not valid UTF-8, UTF-16 or Windows-1256 text. Save it as UTF-8 and try again.</source>
        <translation>%1 متن معتبر UTF-8، UTF-16 یا Windows-1256 نیست. آن را با کدگذاری UTF-8 ذخیره کنید و دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The body file %1 should end in .html, .md or .txt so that Daftar knows how to read it.</source>
        <translation>پسوند پروندهٔ متن %1 باید ‎.html، ‎.md یا ‎.txt باشد تا دفتر بداند چگونه آن را بخواند.</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>Give at least --title and --body-file.
Usage: %1</source>
        <translation>دست‌کم --title و --body-file را بدهید.
کاربرد: %1</translation>
    </message>
    <message>
        <source>Unknown kind &quot;%1&quot;: use article or announcement.</source>
        <translation>نوع «%1» شناخته نیست: article یا announcement را به کار ببرید.</translation>
    </message>
    <message>
        <source>--until is for announcements: add --kind announcement.</source>
        <translation>گزینهٔ --until ویژهٔ آگهی‌هاست: --kind announcement را بیفزایید.</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;: use draft, in_review, needs_changes, approved, scheduled, published or unpublished.</source>
        <translation>وضعیت «%1» شناخته نیست: draft، in_review، needs_changes، approved، scheduled، published یا unpublished را به کار ببرید.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an article id.</source>
        <translation>«%1» شناسهٔ خبر نیست.</translation>
    </message>
    <message>
        <source>Nothing to clean up in article %1.</source>
        <translation>در خبر %1 چیزی برای پاک‌سازی نیست.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) found; nothing was saved (--dry-run).</source>
        <translation>
            <numerusform>%Ln تغییر پیدا شد؛ چیزی ذخیره نشد (--dry-run).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) saved as revision %1.</source>
        <translation>
            <numerusform>%Ln تغییر به‌عنوان نسخهٔ %1 ذخیره شد.</numerusform>
        </translation>
    </message>
    <message>
        <source>--at needs a date and time such as 2026-12-01T09:30 (local time) or 2026-12-01T06:00Z.</source>
        <translation>گزینهٔ --at به تاریخ و ساعتی مانند 2026-12-01T09:30 (به وقت محلی) یا 2026-12-01T06:00Z نیاز دارد.</translation>
    </message>
    <message>
        <source>Article %1 is now %2.</source>
        <translation>وضعیت خبر %1 اکنون %2 است.</translation>
    </message>
    <message>
        <source>--out needs a file ending in .html or .pdf.
Usage: %1</source>
        <translation>گزینهٔ --out به پرونده‌ای با پسوند ‎.html یا ‎.pdf نیاز دارد.
کاربرد: %1</translation>
    </message>
    <message>
        <source>PDF rendering needs the graphical runtime, which this run of daftar-cli did not start.</source>
        <translation>ساختن PDF به محیط گرافیکی نیاز دارد که این اجرای daftar-cli آن را راه‌اندازی نکرده است.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>نوشتن %1 ممکن نشد: %2.</translation>
    </message>
    <message>
        <source>PDF printing needs the graphical runtime, which this run of daftar-cli did not start.</source>
        <translation>چاپ PDF به محیط گرافیکی نیاز دارد که این اجرای daftar-cli آن را راه نینداخته است.</translation>
    </message>
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
  members import FILE [--report REPORT.csv] [--dry-run]
                 [--encoding auto|utf-8|utf-16|windows-1256]
                             import a CSV or XLSX member list (exit 3: some rows
                             rejected, the rest are in; the report says why)
  members export FILE [--province IR-NN] [--lang fa|en]
                             .csv (UTF-8 with BOM), .xlsx or a printable .pdf
                             (up to 5,000 members; exit 3 when there were more)
  members search QUERY [--province IR-NN] [--status S] [--limit N] [--json]
  members show ID|NATIONAL_ID [--json]
  members count [--province IR-NN] [--json]
  branches list [--json]
  articles create --title T [--lead L] --body-file FILE(.html|.md|.txt)
                  [--kind article|announcement] [--category C] [--date DATE]
                  [--until DATE] [--lang fa|en]
                             add a draft (dates Jalali 1398/09/03 or ISO); prints its id
  articles list [--status S] [--json]
  articles show ID [--json]  with the sanitised HTML, status and revision count
  articles cleanup ID [--dry-run]
                             the editor&apos;s clean-up; saves a new revision
  articles set-status ID STATUS [--comment TEXT] [--at DATE_TIME]
                             draft, in_review, needs_changes, approved, scheduled,
                             published, unpublished (as the roles allow)
  articles render ID --out FILE.html|FILE.pdf
                             the page as the site shows it, or a PDF of it
  sites add NAME --type wordpress|json --url URL [--user USER] --password-env VAR
            [--language fa|en] [--unpublish draft|trash] [--timeout SECONDS]
                             a public site; its password is read from VAR (or the
                             keychain, set in the GUI), never stored in the database
  sites list [--json]        sites remove NAME
  sites check NAME           log in to the site for real (exit 1 when it fails)
  publish ARTICLE_ID... [--site NAME]
                             queue approved articles and send them now
  publish --approved [--site NAME]
                             everything approved and not on its sites yet, and the
                             take-down of announcements past their date
  publish --directories [--site NAME]
                             the branches page and the public member directory
  publish --run              finish the outbox (for a scheduled task)
                             (publish takes --jobs N: items sent at once, default 4)
  unpublish ARTICLE_ID [--site NAME]
  publish status [--json]    the outbox, and where each article is published
                             (publish exits 3 when jobs failed; they stay queued)

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
  db check                   بررسی سلامت و ساختار (اگر اشکالی باشد، کد خروج ۱)
  users add NAME --name FULL_NAME --role ROLE [--province IR-NN]
                             افزودن حساب؛ گذرواژه از DAFTAR_NEW_PASSWORD
                             خوانده یا از کاربر پرسیده می‌شود
  users list [--json]        فهرست حساب‌ها
  users passwd NAME          تعیین گذرواژهٔ تازه (حساب قفل‌شده را هم باز می‌کند)
  members import FILE [--report REPORT.csv] [--dry-run]
                 [--encoding auto|utf-8|utf-16|windows-1256]
                             وارد کردن فهرست اعضا از CSV یا XLSX (کد خروج ۳:
                             برخی سطرها پذیرفته نشدند و بقیه وارد شدند؛ دلیل
                             در گزارش آمده است)
  members export FILE [--province IR-NN] [--lang fa|en]
                             خروجی ‎.csv (UTF-8 با BOM)، ‎.xlsx یا ‎.pdf برای چاپ
                             (تا ۵٬۰۰۰ عضو؛ اگر بیشتر بود کد خروج ۳)
  members search QUERY [--province IR-NN] [--status S] [--limit N] [--json]
  members show ID|NATIONAL_ID [--json]
  members count [--province IR-NN] [--json]
  branches list [--json]
  articles create --title T [--lead L] --body-file FILE(.html|.md|.txt)
                  [--kind article|announcement] [--category C] [--date DATE]
                  [--until DATE] [--lang fa|en]
                             افزودن پیش‌نویس (تاریخ‌ها خورشیدی مانند 1398/09/03
                             یا ISO)؛ شناسهٔ آن را چاپ می‌کند
  articles list [--status S] [--json]
  articles show ID [--json]  همراه با HTML پالایش‌شده، وضعیت و شمار نسخه‌ها
  articles cleanup ID [--dry-run]
                             پاک‌سازی متن، مانند ویرایشگر؛ نسخهٔ تازه‌ای ذخیره می‌کند
  articles set-status ID STATUS [--comment TEXT] [--at DATE_TIME]
                             draft، in_review، needs_changes، approved، scheduled،
                             published، unpublished (تا جایی که نقش‌ها اجازه دهند)
  articles render ID --out FILE.html|FILE.pdf
                             صفحه همان‌گونه که سایت نشان می‌دهد، یا PDF آن
  sites add NAME --type wordpress|json --url URL [--user USER] --password-env VAR
            [--language fa|en] [--unpublish draft|trash] [--timeout SECONDS]
                             یک سایت عمومی؛ گذرواژه‌اش از متغیر VAR خوانده می‌شود
                             (یا از جاکلیدی سیستم که در برنامه تنظیم می‌شود) و هرگز
                             در پایگاه داده ذخیره نمی‌شود
  sites list [--json]        sites remove NAME
  sites check NAME           ورود واقعی به سایت (اگر نشد، کد خروج ۱)
  publish ARTICLE_ID... [--site NAME]
                             خبرهای تأییدشده را در صف می‌گذارد و همین حالا می‌فرستد
  publish --approved [--site NAME]
                             هر چه تأیید شده و هنوز روی سایت‌هایش نیست، و برداشتن
                             آگهی‌هایی که مهلتشان گذشته است
  publish --directories [--site NAME]
                             صفحهٔ شعبه‌ها و فهرست عمومی اعضا
  publish --run              کار صف انتشار را تمام می‌کند (برای کار زمان‌بندی‌شده)
                             (publish گزینهٔ --jobs N را می‌پذیرد: چند مورد هم‌زمان، پیش‌فرض ۴)
  unpublish ARTICLE_ID [--site NAME]
  publish status [--json]    صف انتشار، و اینکه هر خبر کجا منتشر شده است
                             (اگر کارهایی ناموفق بمانند، publish با کد خروج ۳ تمام
                             می‌شود و آن کارها در صف می‌مانند)

گزینه‌ها:
  --db LOCATION   یک پروندهٔ SQLite، sqlite:/path یا postgresql://user@host:port/db
                  (پیش‌فرض: DAFTAR_DB، وگرنه پایگاه دادهٔ خود برنامهٔ رومیزی)
  --user NAME     ورود با نام کاربری NAME و گذرواژهٔ درون DAFTAR_PASSWORD؛ برای
                  PostgreSQL لازم است. روی پروندهٔ SQLite همین رایانه، بدون آن
                  daftar-cli با نقش مدیر سامانه کار می‌کند و در سابقهٔ تغییرات
                  به نام کاربر سیستم‌عامل ثبت می‌شود.
  -h, --help      نمایش این راهنما؛  -v, --version  نمایش نسخه

نقش‌ها: administrator، chief_editor، editor، membership_officer، branch_officer، viewer
کدهای خروج: ۰ انجام شد؛ ۱ ناموفق، چیزی تغییر نکرد؛ ۲ خطای کاربرد؛ ۳ بخشی انجام شد.
</translation>
    </message>
    <message>
        <source>Give at least --type and --url.
Usage: %1</source>
        <translation>دست‌کم --type و --url را بدهید.
کاربرد: %1</translation>
    </message>
    <message>
        <source>Unknown site type &quot;%1&quot;: use wordpress or json.</source>
        <translation>نوع سایت «%1» شناخته نیست: wordpress یا json بنویسید.</translation>
    </message>
    <message>
        <source>--unpublish is draft or trash, not &quot;%1&quot;.</source>
        <translation>‏--unpublish یکی از draft یا trash است، نه «%1».</translation>
    </message>
    <message>
        <source>--timeout is a number of seconds.</source>
        <translation>‏--timeout شمار ثانیه‌هاست.</translation>
    </message>
    <message>
        <source>No --password-env given: daftar-cli will look for the password in the keychain (save it in the site&apos;s settings in Daftar).</source>
        <translation>‏--password-env داده نشد: daftar-cli گذرواژه را در جاکلیدی سیستم می‌جوید (آن را در تنظیمات سایت در دفتر ذخیره کنید).</translation>
    </message>
    <message>
        <source>keychain</source>
        <translation>جاکلیدی</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>خاموش</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) done, %1 failed, %2 waiting for a choice; they stay in the outbox (daftar-cli publish status).</source>
        <translation>
            <numerusform>%Ln کار انجام شد، %1 ناموفق، %2 در انتظار انتخاب؛ این‌ها در صف انتشار می‌مانند (daftar-cli publish status).</numerusform>
        </translation>
    </message>
    <message>
        <source>Give article ids, --approved, --directories or --run (one of them).
Usage: %1</source>
        <translation>شناسهٔ خبرها، --approved، --directories یا --run را بدهید (فقط یکی).
کاربرد: %1</translation>
    </message>
    <message>
        <source>--jobs is how many items are sent at once, 1 to 16.</source>
        <translation>‏--jobs شمار موردهایی است که هم‌زمان فرستاده می‌شوند، از ۱ تا ۱۶.</translation>
    </message>
    <message>
        <source>Nothing to publish: every approved article is on its sites as it is.</source>
        <translation>چیزی برای انتشار نیست: هر خبر تأییدشده همان‌گونه که هست روی سایت‌هایش است.</translation>
    </message>
    <message>
        <source>Outbox:</source>
        <translation>صف انتشار:</translation>
    </message>
    <message>
        <source>On the sites:</source>
        <translation>روی سایت‌ها:</translation>
    </message>
</context>
</TS>
