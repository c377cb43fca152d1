<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>Accounts</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Wrong user name or password. Check the keyboard language and Caps Lock.</source>
        <translation>Wrong user name or password. Check the keyboard language and Caps Lock.</translation>
    </message>
    <message numerus="yes">
        <source>After repeated failed logins this account is locked for %n more minute(s). An administrator can unlock it by setting a new password.</source>
        <translation>
            <numerusform>After repeated failed logins this account is locked for %n more minute(s). An administrator can unlock it by setting a new password.</numerusform>
            <numerusform>After repeated failed logins this account is locked for %n more minute(s). An administrator can unlock it by setting a new password.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many failed logins: wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>Too many failed logins: wait %n second(s) before trying again.</numerusform>
            <numerusform>Too many failed logins: wait %n second(s) before trying again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password must have at least %n characters.</source>
        <translation>
            <numerusform>The password must have at least %n characters.</numerusform>
            <numerusform>The password must have at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not be the same as the user name.</source>
        <translation>The password must not be the same as the user name.</translation>
    </message>
    <message>
        <source>This database already has accounts; log in instead. Only an administrator can add more.</source>
        <translation>This database already has accounts; log in instead. Only an administrator can add more.</translation>
    </message>
    <message>
        <source>first start</source>
        <translation>first start</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; is not usable: use 2 to 64 letters, digits, dots, dashes or underscores, without spaces.</source>
        <translation>The user name &quot;%1&quot; is not usable: use 2 to 64 letters, digits, dots, dashes or underscores, without spaces.</translation>
    </message>
    <message>
        <source>Enter the person&apos;s full name.</source>
        <translation>Enter the person&apos;s full name.</translation>
    </message>
    <message>
        <source>A branch officer&apos;s account needs the province it is limited to.</source>
        <translation>A branch officer&apos;s account needs the province it is limited to.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the 31 provinces. Use its name or ISO code, e.g. IR-23 for Tehran.</source>
        <translation>&quot;%1&quot; is not one of the 31 provinces. Use its name or ISO code, e.g. IR-23 for Tehran.</translation>
    </message>
    <message>
        <source>There is already an account named &quot;%1&quot;.</source>
        <translation>There is already an account named &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Not enough memory to protect the password. Close other programs and try again.</source>
        <translation>Not enough memory to protect the password. Close other programs and try again.</translation>
    </message>
    <message>
        <source>There is no account named &quot;%1&quot;.</source>
        <translation>There is no account named &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; is disabled. Ask an administrator.</source>
        <translation>The account &quot;%1&quot; is disabled. Ask an administrator.</translation>
    </message>
    <message>
        <source>Your role (%1) does not allow %2. Ask an administrator if you need it.</source>
        <translation>Your role (%1) does not allow %2. Ask an administrator if you need it.</translation>
    </message>
    <message>
        <source>Your account is limited to the province %1; this record belongs to %2.</source>
        <translation>Your account is limited to the province %1; this record belongs to %2.</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Chief editor</source>
        <translation>Chief editor</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>Membership officer</source>
        <translation>Membership officer</translation>
    </message>
    <message>
        <source>Branch officer</source>
        <translation>Branch officer</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Viewer</translation>
    </message>
    <message>
        <source>managing user accounts</source>
        <translation>managing user accounts</translation>
    </message>
    <message>
        <source>managing the database</source>
        <translation>managing the database</translation>
    </message>
    <message>
        <source>managing the public site connections</source>
        <translation>managing the public site connections</translation>
    </message>
    <message>
        <source>reading the audit trail</source>
        <translation>reading the audit trail</translation>
    </message>
    <message>
        <source>viewing the member bank</source>
        <translation>viewing the member bank</translation>
    </message>
    <message>
        <source>changing the member bank</source>
        <translation>changing the member bank</translation>
    </message>
    <message>
        <source>changing the provincial branches</source>
        <translation>changing the provincial branches</translation>
    </message>
    <message>
        <source>writing articles</source>
        <translation>writing articles</translation>
    </message>
    <message>
        <source>reviewing and publishing articles</source>
        <translation>reviewing and publishing articles</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The Qt database driver %1 is not installed. Reinstall Daftar (on Debian: the package libqt6sql6-%2).</source>
        <translation>The Qt database driver %1 is not installed. Reinstall Daftar (on Debian: the package libqt6sql6-%2).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database. Check that you may write there, or choose another location.</source>
        <translation>Cannot create the folder %1 for the database. Check that you may write there, or choose another location.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Cannot open the database %1: %2</translation>
    </message>
    <message>
        <source>The database %1 reported an error (%2): %3</source>
        <translation>The database %1 reported an error (%2): %3</translation>
    </message>
    <message>
        <source>SQLite integrity check: %1</source>
        <translation>SQLite integrity check: %1</translation>
    </message>
    <message>
        <source>Row %1 of table %2 refers to a missing row of table %3.</source>
        <translation>Row %1 of table %2 refers to a missing row of table %3.</translation>
    </message>
    <message>
        <source>Constraint %1 on table %2 is not validated.</source>
        <translation>Constraint %1 on table %2 is not validated.</translation>
    </message>
    <message>
        <source>Table %1 is missing.</source>
        <translation>Table %1 is missing.</translation>
    </message>
    <message>
        <source>The schema is at version %1; this program expects %2. Run &quot;daftar-cli db migrate&quot;.</source>
        <translation>The schema is at version %1; this program expects %2. Run &quot;daftar-cli db migrate&quot;.</translation>
    </message>
</context>
<context>
    <name>DatabaseLocation</name>
    <message>
        <source>The database location &quot;%1&quot; is not a valid PostgreSQL address. Write it as postgresql://user:password@host:port/database.</source>
        <translation>The database location &quot;%1&quot; is not a valid PostgreSQL address. Write it as postgresql://user:password@host:port/database.</translation>
    </message>
    <message>
        <source>The PostgreSQL address &quot;%1&quot; names no database. Add it after the host, e.g. postgresql://daftar@db.example:5432/daftar.</source>
        <translation>The PostgreSQL address &quot;%1&quot; names no database. Add it after the host, e.g. postgresql://daftar@db.example:5432/daftar.</translation>
    </message>
    <message>
        <source>No database location was given.</source>
        <translation>No database location was given.</translation>
    </message>
    <message>
        <source>Unknown kind of database location &quot;%1&quot;. Use a file path, sqlite:/path/file.sqlite or postgresql://user@host/database.</source>
        <translation>Unknown kind of database location &quot;%1&quot;. Use a file path, sqlite:/path/file.sqlite or postgresql://user@host/database.</translation>
    </message>
    <message>
        <source>The SQLite location names no file.</source>
        <translation>The SQLite location names no file.</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>No date given: enter one such as 1398/09/03.</source>
        <translation>No date given: enter one such as 1398/09/03.</translation>
    </message>
    <message>
        <source>%1 is not a date: write year/month/day, such as 1398/09/03 (Jalali) or 2019-11-24 (Gregorian).</source>
        <translation>%1 is not a date: write year/month/day, such as 1398/09/03 (Jalali) or 2019-11-24 (Gregorian).</translation>
    </message>
    <message>
        <source>%1 has no four-digit year: write the year in full, such as 1398/09/03.</source>
        <translation>%1 has no four-digit year: write the year in full, such as 1398/09/03.</translation>
    </message>
    <message>
        <source>%1 has year 0, which no calendar has.</source>
        <translation>%1 has year 0, which no calendar has.</translation>
    </message>
    <message>
        <source>%1 has month %2: months run from 1 to 12.</source>
        <translation>%1 has month %2: months run from 1 to 12.</translation>
    </message>
    <message>
        <source>%1 has day 0: days are numbered from 1.</source>
        <translation>%1 has day 0: days are numbered from 1.</translation>
    </message>
    <message>
        <source>%1 is not a date: %2 is not a leap year, so %3 has only 29 days.</source>
        <translation>%1 is not a date: %2 is not a leap year, so %3 has only 29 days.</translation>
    </message>
    <message>
        <source>%1 is not a date: %2 %3 has only %4 days.</source>
        <translation>%1 is not a date: %2 %3 has only %4 days.</translation>
    </message>
    <message>
        <source>%1 is not a date.</source>
        <translation>%1 is not a date.</translation>
    </message>
</context>
<context>
    <name>Identifiers</name>
    <message>
        <source>The %1 had lost its leading zeros (as spreadsheets do); it was restored as %2.</source>
        <translation>The %1 had lost its leading zeros (as spreadsheets do); it was restored as %2.</translation>
    </message>
    <message>
        <source>The %1 is empty: enter it as written on the card.</source>
        <translation>The %1 is empty: enter it as written on the card.</translation>
    </message>
    <message>
        <source>The %1 may contain only digits, spaces and dashes: remove the other characters.</source>
        <translation>The %1 may contain only digits, spaces and dashes: remove the other characters.</translation>
    </message>
    <message numerus="yes">
        <source>The %1 %2 has %n digit(s), which is not the right number: look for a missing or extra digit.</source>
        <translation>
            <numerusform>The %1 %2 has %n digit(s), which is not the right number: look for a missing or extra digit.</numerusform>
            <numerusform>The %1 %2 has %n digit(s), which is not the right number: look for a missing or extra digit.</numerusform>
        </translation>
    </message>
    <message>
        <source>The %1 %2 is one digit repeated, which is never issued: enter the real number.</source>
        <translation>The %1 %2 is one digit repeated, which is never issued: enter the real number.</translation>
    </message>
    <message>
        <source>The %1 %2 fails its check digit: check it against the card.</source>
        <translation>The %1 %2 fails its check digit: check it against the card.</translation>
    </message>
</context>
<context>
    <name>Importing</name>
    <message>
        <source>Reading %1 failed: %2. Copy the file to this computer and try again.</source>
        <translation>Reading %1 failed: %2. Copy the file to this computer and try again.</translation>
    </message>
    <message>
        <source>%1 holds no rows. Check that it is the right file, or export the spreadsheet again.</source>
        <translation>%1 holds no rows. Check that it is the right file, or export the spreadsheet again.</translation>
    </message>
    <message>
        <source>Row %1 of %2 opens a quote (&quot;) that is never closed, so the rest of the file would become one cell. Correct that row in a text editor, or export the spreadsheet again.</source>
        <translation>Row %1 of %2 opens a quote (&quot;) that is never closed, so the rest of the file would become one cell. Correct that row in a text editor, or export the spreadsheet again.</translation>
    </message>
    <message>
        <source>%1 is not a readable Excel workbook: %2. Open it in Excel and save it again as .xlsx or as CSV UTF-8, or ask the office to send it again.</source>
        <translation>%1 is not a readable Excel workbook: %2. Open it in Excel and save it again as .xlsx or as CSV UTF-8, or ask the office to send it again.</translation>
    </message>
    <message>
        <source>the file ends early, as if cut off while copying</source>
        <translation>the file ends early, as if cut off while copying</translation>
    </message>
    <message>
        <source>%1 is saved in the ZIP64 form for very large workbooks, which Daftar does not read. Save the sheet as CSV UTF-8 instead, or split it into smaller workbooks.</source>
        <translation>%1 is saved in the ZIP64 form for very large workbooks, which Daftar does not read. Save the sheet as CSV UTF-8 instead, or split it into smaller workbooks.</translation>
    </message>
    <message>
        <source>it is one part of an archive split into several files</source>
        <translation>it is one part of an archive split into several files</translation>
    </message>
    <message>
        <source>its table of contents points outside the file</source>
        <translation>its table of contents points outside the file</translation>
    </message>
    <message>
        <source>its table of contents is damaged</source>
        <translation>its table of contents is damaged</translation>
    </message>
    <message>
        <source>%1 is protected with a password. Open it in Excel, remove the password (File, Info, Protect Workbook) and save it again.</source>
        <translation>%1 is protected with a password. Open it in Excel, remove the password (File, Info, Protect Workbook) and save it again.</translation>
    </message>
    <message>
        <source>its part %1 is compressed with method %2, which Daftar does not read</source>
        <translation>its part %1 is compressed with method %2, which Daftar does not read</translation>
    </message>
    <message>
        <source>its part %1 is damaged</source>
        <translation>its part %1 is damaged</translation>
    </message>
    <message>
        <source>the decompressor could not start</source>
        <translation>the decompressor could not start</translation>
    </message>
    <message>
        <source>its part %1 is cut short</source>
        <translation>its part %1 is cut short</translation>
    </message>
    <message>
        <source>it ends early</source>
        <translation>it ends early</translation>
    </message>
    <message>
        <source>its part %1 is not valid XML (line %2: %3)</source>
        <translation>its part %1 is not valid XML (line %2: %3)</translation>
    </message>
    <message>
        <source>a cell of row %1 has the malformed address &quot;%2&quot;</source>
        <translation>a cell of row %1 has the malformed address &quot;%2&quot;</translation>
    </message>
    <message>
        <source>cell %1%2 refers to a text the file does not contain</source>
        <translation>cell %1%2 refers to a text the file does not contain</translation>
    </message>
    <message>
        <source>%1 is a ZIP archive but not an Excel workbook. Choose the .xlsx file that Excel saved, or a CSV file.</source>
        <translation>%1 is a ZIP archive but not an Excel workbook. Choose the .xlsx file that Excel saved, or a CSV file.</translation>
    </message>
    <message>
        <source>%1 has no worksheet to read. Put the member list on a worksheet (not a chart sheet) and save the workbook again.</source>
        <translation>%1 has no worksheet to read. Put the member list on a worksheet (not a chart sheet) and save the workbook again.</translation>
    </message>
    <message>
        <source>its sheet &quot;%1&quot; is missing</source>
        <translation>its sheet &quot;%1&quot; is missing</translation>
    </message>
    <message>
        <source>The sheet &quot;%1&quot; of %2 is empty. Put the member list on the first sheet of the workbook, or choose another file.</source>
        <translation>The sheet &quot;%1&quot; of %2 is empty. Put the member list on the first sheet of the workbook, or choose another file.</translation>
    </message>
    <message>
        <source>The file %1 does not exist. Check its name and folder, and choose it again.</source>
        <translation>The file %1 does not exist. Check its name and folder, and choose it again.</translation>
    </message>
    <message>
        <source>%1 is a folder. Choose the spreadsheet file inside it.</source>
        <translation>%1 is a folder. Choose the spreadsheet file inside it.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2. Check that you may read it and that no other program holds it open.</source>
        <translation>Cannot open %1: %2. Check that you may read it and that no other program holds it open.</translation>
    </message>
    <message>
        <source>%1 is empty. Ask the office to export the spreadsheet again.</source>
        <translation>%1 is empty. Ask the office to export the spreadsheet again.</translation>
    </message>
    <message>
        <source>%1 is an Excel 97-2003 workbook (.xls) or a workbook protected with a password. Open it in Excel and save it as .xlsx without a password, or as CSV UTF-8.</source>
        <translation>%1 is an Excel 97-2003 workbook (.xls) or a workbook protected with a password. Open it in Excel and save it as .xlsx without a password, or as CSV UTF-8.</translation>
    </message>
    <message>
        <source>%1 is named like an Excel workbook but is not one. Open it in Excel and save it again as .xlsx or as CSV UTF-8.</source>
        <translation>%1 is named like an Excel workbook but is not one. Open it in Excel and save it again as .xlsx or as CSV UTF-8.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Check that the folder exists and that you may write there, and close the file if Excel has it open.</source>
        <translation>Cannot write %1: %2. Check that the folder exists and that you may write there, and close the file if Excel has it open.</translation>
    </message>
    <message>
        <source>the workbook could not be created</source>
        <translation>the workbook could not be created</translation>
    </message>
    <message>
        <source>the sheet could not be created</source>
        <translation>the sheet could not be created</translation>
    </message>
    <message>
        <source>an Excel sheet holds at most %1 rows; export fewer rows, or as CSV</source>
        <translation>an Excel sheet holds at most %1 rows; export fewer rows, or as CSV</translation>
    </message>
    <message>
        <source>an Excel sheet holds at most %1 columns, row %2 has %3</source>
        <translation>an Excel sheet holds at most %1 columns, row %2 has %3</translation>
    </message>
    <message>
        <source>the cell in row %1, column %2 is longer than the 32,767 characters Excel allows</source>
        <translation>the cell in row %1, column %2 is longer than the 32,767 characters Excel allows</translation>
    </message>
    <message>
        <source>the existing file could not be replaced</source>
        <translation>the existing file could not be replaced</translation>
    </message>
</context>
<context>
    <name>MemberDisplay</name>
    <message>
        <source>%1 Rial</source>
        <translation>%1 Rial</translation>
    </message>
    <message>
        <source>%1 Toman</source>
        <translation>%1 Toman</translation>
    </message>
</context>
<context>
    <name>MemberFieldNames</name>
    <message>
        <source>Membership no.</source>
        <translation>Membership no.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>Name of the cooperative</source>
        <translation>Name of the cooperative</translation>
    </message>
    <message>
        <source>National code / ID</source>
        <translation>National code / ID</translation>
    </message>
    <message>
        <source>Registration no.</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>Activity sector</source>
        <translation>Activity sector</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation>Joined on</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>Members</name>
    <message>
        <source>Give the branch a name.</source>
        <translation>Give the branch a name.</translation>
    </message>
    <message>
        <source>Enter the city of the branch.</source>
        <translation>Enter the city of the branch.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the 31 provinces.</source>
        <translation>&quot;%1&quot; is not one of the 31 provinces.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a postal code: it has ten digits.</source>
        <translation>&quot;%1&quot; is not a postal code: it has ten digits.</translation>
    </message>
    <message>
        <source>There is no such branch.</source>
        <translation>There is no such branch.</translation>
    </message>
    <message>
        <source>Legal entity</source>
        <translation>Legal entity</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Resigned</source>
        <translation>Resigned</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Cannot write %1: check that it is not open in Excel.</source>
        <translation>Cannot write %1: check that it is not open in Excel.</translation>
    </message>
    <message>
        <source>Cannot export to %1: name the file .csv or .xlsx.</source>
        <translation>Cannot export to %1: name the file .csv or .xlsx.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Cannot write the report %1: %2</source>
        <translation>Cannot write the report %1: %2</translation>
    </message>
    <message>
        <source>national code or ID (کد ملی)</source>
        <translation>national code or ID (کد ملی)</translation>
    </message>
    <message>
        <source>province (استان)</source>
        <translation>province (استان)</translation>
    </message>
    <message>
        <source>last name (نام خانوادگی) or cooperative name (نام تعاونی)</source>
        <translation>last name (نام خانوادگی) or cooperative name (نام تعاونی)</translation>
    </message>
    <message>
        <source>%1: the first row has no column for %2. Check that the first row holds the column headers.</source>
        <translation>%1: the first row has no column for %2. Check that the first row holds the column headers.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of member: write حقیقی (person) or حقوقی (legal entity).</source>
        <translation>&quot;%1&quot; is not a kind of member: write حقیقی (person) or حقوقی (legal entity).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a status: write فعال, تعلیق, منقضی or مستعفی.</source>
        <translation>&quot;%1&quot; is not a status: write فعال, تعلیق, منقضی or مستعفی.</translation>
    </message>
    <message>
        <source>Your account is limited to another province.</source>
        <translation>Your account is limited to another province.</translation>
    </message>
    <message>
        <source>The same national code or ID as row %1 of this file.</source>
        <translation>The same national code or ID as row %1 of this file.</translation>
    </message>
    <message>
        <source>The same membership number as row %1 of this file.</source>
        <translation>The same membership number as row %1 of this file.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 is empty.</translation>
    </message>
    <message>
        <source>The first name is missing.</source>
        <translation>The first name is missing.</translation>
    </message>
    <message>
        <source>The last name is missing.</source>
        <translation>The last name is missing.</translation>
    </message>
    <message>
        <source>national code</source>
        <translation>national code</translation>
    </message>
    <message>
        <source>The name of the cooperative or company is missing.</source>
        <translation>The name of the cooperative or company is missing.</translation>
    </message>
    <message>
        <source>national ID</source>
        <translation>national ID</translation>
    </message>
    <message>
        <source>The province is missing.</source>
        <translation>The province is missing.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the 31 provinces; write its name as on the map, e.g. خراسان رضوی.</source>
        <translation>&quot;%1&quot; is not one of the 31 provinces; write its name as on the map, e.g. خراسان رضوی.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a mobile number; write it as 0912 345 6789.</source>
        <translation>&quot;%1&quot; is not a mobile number; write it as 0912 345 6789.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a postal code: it has ten digits, such as 13145-67890.</source>
        <translation>&quot;%1&quot; is not a postal code: it has ten digits, such as 13145-67890.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address.</source>
        <translation>&quot;%1&quot; is not an email address.</translation>
    </message>
    <message>
        <source>The membership number %1 already belongs to another member.</source>
        <translation>The membership number %1 already belongs to another member.</translation>
    </message>
    <message>
        <source>%1 is already in the member bank as %2 (membership number %3).</source>
        <translation>%1 is already in the member bank as %2 (membership number %3).</translation>
    </message>
    <message>
        <source>status when the member was added</source>
        <translation>status when the member was added</translation>
    </message>
    <message>
        <source>The member was deleted meanwhile; nothing was saved.</source>
        <translation>The member was deleted meanwhile; nothing was saved.</translation>
    </message>
    <message>
        <source>Another member already has the national code or ID %1.</source>
        <translation>Another member already has the national code or ID %1.</translation>
    </message>
    <message>
        <source>There is no such member.</source>
        <translation>There is no such member.</translation>
    </message>
    <message>
        <source>Dues cannot be negative.</source>
        <translation>Dues cannot be negative.</translation>
    </message>
    <message>
        <source>%1 is not a Solar Hijri year such as 1403.</source>
        <translation>%1 is not a Solar Hijri year such as 1403.</translation>
    </message>
    <message>
        <source>A member cannot be merged with itself.</source>
        <translation>A member cannot be merged with itself.</translation>
    </message>
    <message>
        <source>One of the two members was deleted meanwhile; nothing was merged.</source>
        <translation>One of the two members was deleted meanwhile; nothing was merged.</translation>
    </message>
    <message>
        <source>The chosen branch no longer exists; choose another one.</source>
        <translation>The chosen branch no longer exists; choose another one.</translation>
    </message>
    <message>
        <source>The branch &quot;%1&quot; belongs to another province than the member&apos;s: choose a branch of the member&apos;s province, or none.</source>
        <translation>The branch &quot;%1&quot; belongs to another province than the member&apos;s: choose a branch of the member&apos;s province, or none.</translation>
    </message>
    <message>
        <source>The member bank has no room left in its name order.</source>
        <translation>The member bank has no room left in its name order.</translation>
    </message>
</context>
<context>
    <name>Newsroom</name>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>Needs changes</source>
        <translation>Needs changes</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Unpublished</source>
        <translation>Unpublished</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>Announcement</translation>
    </message>
    <message>
        <source>News</source>
        <translation>News</translation>
    </message>
    <message>
        <source>There is no article number %1. It may have been deleted; refresh the list.</source>
        <translation>There is no article number %1. It may have been deleted; refresh the list.</translation>
    </message>
    <message>
        <source>The article has no title. Write a title; it also makes the address (slug) on the site.</source>
        <translation>The article has no title. Write a title; it also makes the address (slug) on the site.</translation>
    </message>
    <message>
        <source>The language &quot;%1&quot; is not one the site has: use fa (Persian) or en (English).</source>
        <translation>The language &quot;%1&quot; is not one the site has: use fa (Persian) or en (English).</translation>
    </message>
    <message>
        <source>The announcement would be taken down before its own date: choose a &quot;publish until&quot; date after the event date.</source>
        <translation>The announcement would be taken down before its own date: choose a &quot;publish until&quot; date after the event date.</translation>
    </message>
    <message>
        <source>%1 saved this article (revision %2) after you opened revision %3. Your text is kept in the editor: copy what you need, reopen the article and add it again.</source>
        <translation>%1 saved this article (revision %2) after you opened revision %3. Your text is kept in the editor: copy what you need, reopen the article and add it again.</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Someone</translation>
    </message>
    <message>
        <source>%1 is editing this article on %2 (since %3). Save again when they have closed it, or ask a chief editor to take over the lock.</source>
        <translation>%1 is editing this article on %2 (since %3). Save again when they have closed it, or ask a chief editor to take over the lock.</translation>
    </message>
    <message>
        <source>changed after approval</source>
        <translation>changed after approval</translation>
    </message>
    <message>
        <source>An article that is &quot;%1&quot; cannot become &quot;%2&quot;.</source>
        <translation>An article that is &quot;%1&quot; cannot become &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Only the author (%1) can withdraw this article from review.</source>
        <translation>Only the author (%1) can withdraw this article from review.</translation>
    </message>
    <message>
        <source>Say what needs to change: the comment goes back to the author.</source>
        <translation>Say what needs to change: the comment goes back to the author.</translation>
    </message>
    <message>
        <source>Choose the date and time to publish at before scheduling.</source>
        <translation>Choose the date and time to publish at before scheduling.</translation>
    </message>
    <message>
        <source>The publishing time %1 has already passed: choose a later one, or publish now.</source>
        <translation>The publishing time %1 has already passed: choose a later one, or publish now.</translation>
    </message>
    <message>
        <source>Article %1 has no revision %2.</source>
        <translation>Article %1 has no revision %2.</translation>
    </message>
    <message>
        <source>restored from revision %1</source>
        <translation>restored from revision %1</translation>
    </message>
    <message>
        <source>%1 has had this article open on %2 since %3. You can read it, or wait until they close it; a chief editor can take over the lock.</source>
        <translation>%1 has had this article open on %2 since %3. You can read it, or wait until they close it; a chief editor can take over the lock.</translation>
    </message>
    <message>
        <source>Someone else has taken over this article; your changes can no longer be saved over theirs. Copy what you need and reopen it.</source>
        <translation>Someone else has taken over this article; your changes can no longer be saved over theirs. Copy what you need and reopen it.</translation>
    </message>
    <message>
        <source>Arabic ye and kaf</source>
        <translation>Arabic ye and kaf</translation>
    </message>
    <message>
        <source>Persian digits</source>
        <translation>Persian digits</translation>
    </message>
    <message>
        <source>Spacing around punctuation</source>
        <translation>Spacing around punctuation</translation>
    </message>
    <message>
        <source>Persian comma, semicolon and question mark</source>
        <translation>Persian comma, semicolon and question mark</translation>
    </message>
    <message>
        <source>Persian quotation marks</source>
        <translation>Persian quotation marks</translation>
    </message>
    <message>
        <source>Zero-width non-joiner</source>
        <translation>Zero-width non-joiner</translation>
    </message>
    <message>
        <source>Extra spaces</source>
        <translation>Extra spaces</translation>
    </message>
    <message>
        <source>Latin text isolated</source>
        <translation>Latin text isolated</translation>
    </message>
    <message>
        <source>%1 is %2 MB; images up to 20 MB can be imported. Make it smaller (for the site, 2,000 pixels wide is plenty) and import it again.</source>
        <translation>%1 is %2 MB; images up to 20 MB can be imported. Make it smaller (for the site, 2,000 pixels wide is plenty) and import it again.</translation>
    </message>
    <message>
        <source>Could not read %1: %2.</source>
        <translation>Could not read %1: %2.</translation>
    </message>
    <message>
        <source>%1 is larger than 20 MB; make it smaller and import it again.</source>
        <translation>%1 is larger than 20 MB; make it smaller and import it again.</translation>
    </message>
    <message>
        <source>%1 is not an image Daftar can use (JPEG, PNG, GIF or WebP): %2</source>
        <translation>%1 is not an image Daftar can use (JPEG, PNG, GIF or WebP): %2</translation>
    </message>
    <message>
        <source>Image %1 is not in the media library.</source>
        <translation>Image %1 is not in the media library.</translation>
    </message>
    <message>
        <source>Making a PDF needs the graphical part of Qt; on a machine without a display set QT_QPA_PLATFORM=offscreen.</source>
        <translation>Making a PDF needs the graphical part of Qt; on a machine without a display set QT_QPA_PLATFORM=offscreen.</translation>
    </message>
    <message>
        <source>Choose a file to save the PDF to.</source>
        <translation>Choose a file to save the PDF to.</translation>
    </message>
    <message>
        <source>%1 is a folder; choose a file name for the PDF.</source>
        <translation>%1 is a folder; choose a file name for the PDF.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist; choose another place for the PDF.</source>
        <translation>The folder %1 does not exist; choose another place for the PDF.</translation>
    </message>
    <message>
        <source>The article is too large to make a PDF of. Images pasted into the text make it large: insert them from the media library instead.</source>
        <translation>The article is too large to make a PDF of. Images pasted into the text make it large: insert them from the media library instead.</translation>
    </message>
    <message>
        <source>The article page could not be laid out for the PDF.</source>
        <translation>The article page could not be laid out for the PDF.</translation>
    </message>
    <message numerus="yes">
        <source>Making the PDF took longer than %n seconds and was stopped.</source>
        <translation>
            <numerusform>Making the PDF took longer than %n seconds and was stopped.</numerusform>
            <numerusform>Making the PDF took longer than %n seconds and was stopped.</numerusform>
        </translation>
    </message>
    <message>
        <source>The article page could not be printed to PDF.</source>
        <translation>The article page could not be printed to PDF.</translation>
    </message>
    <message>
        <source>Could not save the PDF as %1: %2</source>
        <translation>Could not save the PDF as %1: %2</translation>
    </message>
    <message>
        <source>Log in to keep your own dictionary: its words are stored under your user name.</source>
        <translation>Log in to keep your own dictionary: its words are stored under your user name.</translation>
    </message>
    <message>
        <source>Type the word to add to your dictionary.</source>
        <translation>Type the word to add to your dictionary.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a space in it. Add one word at a time.</source>
        <translation>&quot;%1&quot; has a space in it. Add one word at a time.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too long to be one word. Add one word at a time.</source>
        <translation>&quot;%1&quot; is too long to be one word. Add one word at a time.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not in your dictionary.</source>
        <translation>&quot;%1&quot; is not in your dictionary.</translation>
    </message>
    <message>
        <source>The spelling dictionary %1 is written in the character set %2, which Daftar cannot read, so it is not used. Replace it with a UTF-8 version.</source>
        <translation>The spelling dictionary %1 is written in the character set %2, which Daftar cannot read, so it is not used. Replace it with a UTF-8 version.</translation>
    </message>
    <message>
        <source>The Persian spelling dictionary was not found, so Persian words are not checked. Install the package myspell-fa, or copy fa_IR.aff and fa_IR.dic into one of these folders: %1.</source>
        <translation>The Persian spelling dictionary was not found, so Persian words are not checked. Install the package myspell-fa, or copy fa_IR.aff and fa_IR.dic into one of these folders: %1.</translation>
    </message>
    <message>
        <source>The English spelling dictionary was not found, so English words are not checked. Install the package hunspell-en-us, or copy en_US.aff and en_US.dic into one of these folders: %1.</source>
        <translation>The English spelling dictionary was not found, so English words are not checked. Install the package hunspell-en-us, or copy en_US.aff and en_US.dic into one of these folders: %1.</translation>
    </message>
</context>
<context>
    <name>Publishing</name>
    <message>
        <source>Checking the connection</source>
        <translation>Checking the connection</translation>
    </message>
    <message>
        <source>The address %1 answered, but not as a Daftar portal (schema daftar.v1). Check the portal&apos;s address.</source>
        <translation>The address %1 answered, but not as a Daftar portal (schema daftar.v1). Check the portal&apos;s address.</translation>
    </message>
    <message>
        <source>Connected to the portal at %1; it accepts the signature.</source>
        <translation>Connected to the portal at %1; it accepts the signature.</translation>
    </message>
    <message>
        <source>Sending the image %1</source>
        <translation>Sending the image %1</translation>
    </message>
    <message>
        <source>Reading &quot;%1&quot; from the portal</source>
        <translation>Reading &quot;%1&quot; from the portal</translation>
    </message>
    <message>
        <source>Sending &quot;%1&quot; to the portal</source>
        <translation>Sending &quot;%1&quot; to the portal</translation>
    </message>
    <message>
        <source>Taking &quot;%1&quot; off the portal</source>
        <translation>Taking &quot;%1&quot; off the portal</translation>
    </message>
    <message>
        <source>Branches directory (page)</source>
        <translation>Branches directory (page)</translation>
    </message>
    <message>
        <source>Member directory (page)</source>
        <translation>Member directory (page)</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Changed on the site</source>
        <translation>Changed on the site</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Take down</source>
        <translation>Take down</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>Replaced by a newer request</source>
        <translation>Replaced by a newer request</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>Persian</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2: only approved, scheduled or published articles go to the site. Approve it first.</source>
        <translation>&quot;%1&quot; is %2: only approved, scheduled or published articles go to the site. Approve it first.</translation>
    </message>
    <message>
        <source>No enabled site takes articles in %1. Add one under Publishing → Sites, or with daftar-cli sites add.</source>
        <translation>No enabled site takes articles in %1. Add one under Publishing → Sites, or with daftar-cli sites add.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not on any site, so there is nothing to take down.</source>
        <translation>&quot;%1&quot; is not on any site, so there is nothing to take down.</translation>
    </message>
    <message>
        <source>There is no enabled site. Add one under Publishing → Sites, or with daftar-cli sites add.</source>
        <translation>There is no enabled site. Add one under Publishing → Sites, or with daftar-cli sites add.</translation>
    </message>
    <message>
        <source>There is no publishing job %1.</source>
        <translation>There is no publishing job %1.</translation>
    </message>
    <message>
        <source>The job is %1; only a failed, conflicting or cancelled job can be tried again.</source>
        <translation>The job is %1; only a failed, conflicting or cancelled job can be tried again.</translation>
    </message>
    <message>
        <source>Queued again</source>
        <translation>Queued again</translation>
    </message>
    <message>
        <source>The job is being sent right now; wait for it to finish.</source>
        <translation>The job is being sent right now; wait for it to finish.</translation>
    </message>
    <message>
        <source>Cancelled by %1</source>
        <translation>Cancelled by %1</translation>
    </message>
    <message>
        <source>The job is %1, not in conflict with the site.</source>
        <translation>The job is %1, not in conflict with the site.</translation>
    </message>
    <message>
        <source>Will overwrite the site&apos;s version</source>
        <translation>Will overwrite the site&apos;s version</translation>
    </message>
    <message>
        <source>Kept the site&apos;s version</source>
        <translation>Kept the site&apos;s version</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Starting</translation>
    </message>
    <message>
        <source>Will be tried again</source>
        <translation>Will be tried again</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>Waiting for the chief editor&apos;s choice</source>
        <translation>Waiting for the chief editor&apos;s choice</translation>
    </message>
    <message>
        <source>Someone changed this on the site after Daftar last sent it. Choose which version to keep.</source>
        <translation>Someone changed this on the site after Daftar last sent it. Choose which version to keep.</translation>
    </message>
    <message>
        <source>Check the user name and the Application Password in the site&apos;s settings.</source>
        <translation>Check the user name and the Application Password in the site&apos;s settings.</translation>
    </message>
    <message>
        <source>The site&apos;s user may not do this: give it the Editor role on the site.</source>
        <translation>The site&apos;s user may not do this: give it the Editor role on the site.</translation>
    </message>
    <message>
        <source>The site refused the file: make the image smaller or raise the site&apos;s upload limit.</source>
        <translation>The site refused the file: make the image smaller or raise the site&apos;s upload limit.</translation>
    </message>
    <message>
        <source>Check the site&apos;s address in its settings.</source>
        <translation>Check the site&apos;s address in its settings.</translation>
    </message>
    <message numerus="yes">
        <source>no answer within %n second(s)</source>
        <translation>
            <numerusform>no answer within %n second(s)</numerusform>
            <numerusform>no answer within %n second(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the site %2 could not be reached (%3) after %n attempt(s).</source>
        <translation>
            <numerusform>%1: the site %2 could not be reached (%3) after %n attempt(s).</numerusform>
            <numerusform>%1: the site %2 could not be reached (%3) after %n attempt(s).</numerusform>
        </translation>
    </message>
    <message>
        <source>It will be tried again on the next run.</source>
        <translation>It will be tried again on the next run.</translation>
    </message>
    <message>
        <source>%1: the site %2 answered %3</source>
        <translation>%1: the site %2 answered %3</translation>
    </message>
    <message>
        <source> with the message &quot;%1&quot;</source>
        <translation> with the message &quot;%1&quot;</translation>
    </message>
    <message numerus="yes">
        <source>Tried %n time(s); it will be tried again on the next run.</source>
        <translation>
            <numerusform>Tried %n time(s); it will be tried again on the next run.</numerusform>
            <numerusform>Tried %n time(s); it will be tried again on the next run.</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploading %1 (%2 of %3 KB)</source>
        <translation>Uploading %1 (%2 of %3 KB)</translation>
    </message>
    <message>
        <source>On the site: %1</source>
        <translation>On the site: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2 now, so it was not sent. Approve it, then publish again.</source>
        <translation>&quot;%1&quot; is %2 now, so it was not sent. Approve it, then publish again.</translation>
    </message>
    <message>
        <source>Sending image %1 of %2</source>
        <translation>Sending image %1 of %2</translation>
    </message>
    <message>
        <source>Sending the text</source>
        <translation>Sending the text</translation>
    </message>
    <message>
        <source>Writing the page</source>
        <translation>Writing the page</translation>
    </message>
    <message>
        <source>Sending the page</source>
        <translation>Sending the page</translation>
    </message>
    <message>
        <source>Taking it off the site</source>
        <translation>Taking it off the site</translation>
    </message>
    <message>
        <source>Was not on the site</source>
        <translation>Was not on the site</translation>
    </message>
    <message>
        <source>Taken off the site</source>
        <translation>Taken off the site</translation>
    </message>
    <message>
        <source>The job&apos;s site is gone from the settings.</source>
        <translation>The job&apos;s site is gone from the settings.</translation>
    </message>
    <message>
        <source>%1 — %2: %3</source>
        <translation>%1 — %2: %3</translation>
    </message>
    <message>
        <source>Give the site a name, e.g. &quot;main&quot;.</source>
        <translation>Give the site a name, e.g. &quot;main&quot;.</translation>
    </message>
    <message>
        <source>A site&apos;s name can have at most 60 characters.</source>
        <translation>A site&apos;s name can have at most 60 characters.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a web address. Write the site&apos;s address with http:// or https://, e.g. https://example.org.</source>
        <translation>&quot;%1&quot; is not a web address. Write the site&apos;s address with http:// or https://, e.g. https://example.org.</translation>
    </message>
    <message>
        <source>A WordPress site needs the user name its Application Password belongs to.</source>
        <translation>A WordPress site needs the user name its Application Password belongs to.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an environment variable name: use letters, digits and _, e.g. DAFTAR_SITE_PASSWORD.</source>
        <translation>&quot;%1&quot; is not an environment variable name: use letters, digits and _, e.g. DAFTAR_SITE_PASSWORD.</translation>
    </message>
    <message>
        <source>A site&apos;s language is fa, en or empty (any).</source>
        <translation>A site&apos;s language is fa, en or empty (any).</translation>
    </message>
    <message>
        <source>The timeout must be between 1 and 600 seconds.</source>
        <translation>The timeout must be between 1 and 600 seconds.</translation>
    </message>
    <message>
        <source>There is already a site named &quot;%1&quot;. Choose another name.</source>
        <translation>There is already a site named &quot;%1&quot;. Choose another name.</translation>
    </message>
    <message>
        <source>JSON portal</source>
        <translation>JSON portal</translation>
    </message>
    <message>
        <source>WordPress</source>
        <translation>WordPress</translation>
    </message>
    <message>
        <source>There is no site number %1.</source>
        <translation>There is no site number %1.</translation>
    </message>
    <message>
        <source>There is no site named &quot;%1&quot;. `daftar-cli sites list` shows the sites.</source>
        <translation>There is no site named &quot;%1&quot;. `daftar-cli sites list` shows the sites.</translation>
    </message>
    <message>
        <source>the keychain has no entry &quot;%1&quot;</source>
        <translation>the keychain has no entry &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the keychain answered: %1</source>
        <translation>the keychain answered: %1</translation>
    </message>
    <message>
        <source>No password for the site &quot;%1&quot;: the environment variable %2 is not set and %3. Set %2, or save the password in the site&apos;s settings.</source>
        <translation>No password for the site &quot;%1&quot;: the environment variable %2 is not set and %3. Set %2, or save the password in the site&apos;s settings.</translation>
    </message>
    <message>
        <source>No password for the site &quot;%1&quot;: %2. Save the password in the site&apos;s settings, or name an environment variable that holds it (daftar-cli sites add … --password-env VARIABLE).</source>
        <translation>No password for the site &quot;%1&quot;: %2. Save the password in the site&apos;s settings, or name an environment variable that holds it (daftar-cli sites add … --password-env VARIABLE).</translation>
    </message>
    <message>
        <source>The password could not be saved in the keychain (%1). On a computer without a keychain, put it in an environment variable and name that variable in the site&apos;s settings.</source>
        <translation>The password could not be saved in the keychain (%1). On a computer without a keychain, put it in an environment variable and name that variable in the site&apos;s settings.</translation>
    </message>
    <message>
        <source>The password could not be removed from the keychain (%1).</source>
        <translation>The password could not be removed from the keychain (%1).</translation>
    </message>
    <message>
        <source>The address %1 answered, but not as WordPress&apos;s REST API. Check the site&apos;s address.</source>
        <translation>The address %1 answered, but not as WordPress&apos;s REST API. Check the site&apos;s address.</translation>
    </message>
    <message>
        <source>Connected to %1 as %2 (%3).</source>
        <translation>Connected to %1 as %2 (%3).</translation>
    </message>
    <message>
        <source>Looking for an image sent before</source>
        <translation>Looking for an image sent before</translation>
    </message>
    <message>
        <source>Removing a second copy of &quot;%1&quot;</source>
        <translation>Removing a second copy of &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Uploading the image %1</source>
        <translation>Uploading the image %1</translation>
    </message>
    <message>
        <source>Looking for &quot;%1&quot; on the site</source>
        <translation>Looking for &quot;%1&quot; on the site</translation>
    </message>
    <message>
        <source>Reading &quot;%1&quot; from the site</source>
        <translation>Reading &quot;%1&quot; from the site</translation>
    </message>
    <message>
        <source>Finding the category &quot;%1&quot;</source>
        <translation>Finding the category &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Finding the tag &quot;%1&quot;</source>
        <translation>Finding the tag &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Creating &quot;%1&quot; on the site</source>
        <translation>Creating &quot;%1&quot; on the site</translation>
    </message>
    <message>
        <source>Updating &quot;%1&quot; on the site</source>
        <translation>Updating &quot;%1&quot; on the site</translation>
    </message>
    <message>
        <source>Taking &quot;%1&quot; off the site</source>
        <translation>Taking &quot;%1&quot; off the site</translation>
    </message>
    <message>
        <source>Taken down</source>
        <translation>Taken down</translation>
    </message>
    <message>
        <source>On the site — changed since</source>
        <translation>On the site — changed since</translation>
    </message>
    <message>
        <source>On the site — in sync</source>
        <translation>On the site — in sync</translation>
    </message>
    <message>
        <source>taken down</source>
        <translation>taken down</translation>
    </message>
    <message>
        <source>changed since</source>
        <translation>changed since</translation>
    </message>
    <message>
        <source>in sync</source>
        <translation>in sync</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>%1 already holds other data (table &quot;%2&quot;) and is not a Daftar database. Choose an empty database or a Daftar one; nothing was changed.</source>
        <translation>%1 already holds other data (table &quot;%2&quot;) and is not a Daftar database. Choose an empty database or a Daftar one; nothing was changed.</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version of Daftar (schema version %2; this program knows up to %3). Install the newer Daftar to open it; nothing was changed.</source>
        <translation>The database %1 was written by a newer version of Daftar (schema version %2; this program knows up to %3). Install the newer Daftar to open it; nothing was changed.</translation>
    </message>
    <message>
        <source>Upgrading the database to version %1 (%2) failed; it was left at version %3. %4</source>
        <translation>Upgrading the database to version %1 (%2) failed; it was left at version %3. %4</translation>
    </message>
</context>
<context>
    <name>SpellMenu</name>
    <message>
        <source>No suggestions</source>
        <translation>No suggestions</translation>
    </message>
    <message>
        <source>Add &quot;%1&quot; to My Dictionary</source>
        <translation>Add &quot;%1&quot; to My Dictionary</translation>
    </message>
    <message>
        <source>Ignore &quot;%1&quot;</source>
        <translation>Ignore &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>daftar</name>
    <message>
        <source>The database: a SQLite file or postgresql://user@host:port/database.</source>
        <translation>The database: a SQLite file or postgresql://user@host:port/database.</translation>
    </message>
    <message>
        <source>Daftar</source>
        <translation>Daftar</translation>
    </message>
</context>
<context>
    <name>daftar::ui::AboutDialog</name>
    <message>
        <source>About Daftar</source>
        <translation>About Daftar</translation>
    </message>
    <message>
        <source>Daftar %1</source>
        <translation>Daftar %1</translation>
    </message>
    <message>
        <source>The desktop of the secretariat: news and announcements, the member bank, the provincial branches, and publishing to the public site.</source>
        <translation>The desktop of the secretariat: news and announcements, the member bank, the provincial branches, and publishing to the public site.</translation>
    </message>
    <message>
        <source>Built with Qt %1, ICU, SQLite, PostgreSQL and libsodium.</source>
        <translation>Built with Qt %1, ICU, SQLite, PostgreSQL and libsodium.</translation>
    </message>
    <message>
        <source>Font: Vazirmatn by Saber Rastikerdar, under the SIL Open Font License 1.1.</source>
        <translation>Font: Vazirmatn by Saber Rastikerdar, under the SIL Open Font License 1.1.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Add a user</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation>
            <numerusform>At least %n characters</numerusform>
            <numerusform>At least %n characters</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>Pro&amp;vince:</source>
        <translation>Pro&amp;vince:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>R&amp;epeat password:</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the password again.</source>
        <translation>The two passwords differ. Type the password again.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::ArticleEditor</name>
    <message>
        <source>pasted image.png</source>
        <translation>pasted image.png</translation>
    </message>
    <message>
        <source>Autosaved at %1</source>
        <translation>Autosaved at %1</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Autosave failed: %1</translation>
    </message>
    <message>
        <source>Your role can read articles but not change them.</source>
        <translation>Your role can read articles but not change them.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Lead: one or two sentences that sum up the news</source>
        <translation>Lead: one or two sentences that sum up the news</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Save a new revision (Ctrl+S)</source>
        <translation>Save a new revision (Ctrl+S)</translation>
    </message>
    <message>
        <source>Clean up</source>
        <translation>Clean up</translation>
    </message>
    <message>
        <source>Fix Arabic letters, digits, spacing, quotes and half-spaces (Ctrl+Shift+L)</source>
        <translation>Fix Arabic letters, digits, spacing, quotes and half-spaces (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Revisions with their differences; restore one (Ctrl+H)</source>
        <translation>Revisions with their differences; restore one (Ctrl+H)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Show the page as the site will show it (F8)</source>
        <translation>Show the page as the site will show it (F8)</translation>
    </message>
    <message>
        <source>Spelling</source>
        <translation>Spelling</translation>
    </message>
    <message>
        <source>Underline misspelt words (F7)</source>
        <translation>Underline misspelt words (F7)</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Bold</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>Italic</translation>
    </message>
    <message>
        <source>Underline</source>
        <translation>Underline</translation>
    </message>
    <message>
        <source>Strike</source>
        <translation>Strike</translation>
    </message>
    <message>
        <source>Bullets</source>
        <translation>Bullets</translation>
    </message>
    <message>
        <source>Numbering</source>
        <translation>Numbering</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>Link…</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>Image…</translation>
    </message>
    <message>
        <source>Table…</source>
        <translation>Table…</translation>
    </message>
    <message>
        <source>Auto direction</source>
        <translation>Auto direction</translation>
    </message>
    <message>
        <source>The paragraph&apos;s direction follows its first letter (Persian: right to left)</source>
        <translation>The paragraph&apos;s direction follows its first letter (Persian: right to left)</translation>
    </message>
    <message>
        <source>Right to left</source>
        <translation>Right to left</translation>
    </message>
    <message>
        <source>Left to right</source>
        <translation>Left to right</translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation>Paragraph</translation>
    </message>
    <message>
        <source>Heading 2</source>
        <translation>Heading 2</translation>
    </message>
    <message>
        <source>Heading 3</source>
        <translation>Heading 3</translation>
    </message>
    <message>
        <source>Heading 4</source>
        <translation>Heading 4</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>&amp;Category</translation>
    </message>
    <message>
        <source>&amp;Tags (separated by commas)</source>
        <translation>&amp;Tags (separated by commas)</translation>
    </message>
    <message>
        <source>Address on the site (&amp;slug)</source>
        <translation>Address on the site (&amp;slug)</translation>
    </message>
    <message>
        <source>made from the title</source>
        <translation>made from the title</translation>
    </message>
    <message>
        <source>&amp;Date of the news</source>
        <translation>&amp;Date of the news</translation>
    </message>
    <message>
        <source>Publish &amp;until (announcements)</source>
        <translation>Publish &amp;until (announcements)</translation>
    </message>
    <message>
        <source>Scheduled for</source>
        <translation>Scheduled for</translation>
    </message>
    <message>
        <source>Featured image</source>
        <translation>Featured image</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Ca&amp;ption</source>
        <translation>Ca&amp;ption</translation>
    </message>
    <message>
        <source>&amp;Alternative text (for screen readers)</source>
        <translation>&amp;Alternative text (for screen readers)</translation>
    </message>
    <message>
        <source>SEO title</source>
        <translation>SEO title</translation>
    </message>
    <message>
        <source>SEO description</source>
        <translation>SEO description</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Not saved yet</translation>
    </message>
    <message>
        <source>Revision %1</source>
        <translation>Revision %1</translation>
    </message>
    <message>
        <source>Article in use</source>
        <translation>Article in use</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>Open read-only</translation>
    </message>
    <message>
        <source>Take over editing</source>
        <translation>Take over editing</translation>
    </message>
    <message>
        <source>Recovered text from %1; not saved yet</source>
        <translation>Recovered text from %1; not saved yet</translation>
    </message>
    <message>
        <source>Saved as revision %1</source>
        <translation>Saved as revision %1</translation>
    </message>
    <message>
        <source>Save the article before sending it on.</source>
        <translation>Save the article before sending it on.</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation>Request changes</translation>
    </message>
    <message>
        <source>What should the author change?</source>
        <translation>What should the author change?</translation>
    </message>
    <message>
        <source>Schedule publishing</source>
        <translation>Schedule publishing</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Unpublish</source>
        <translation>Unpublish</translation>
    </message>
    <message>
        <source>Take &quot;%1&quot; off the site?</source>
        <translation>Take &quot;%1&quot; off the site?</translation>
    </message>
    <message>
        <source>Resubmit for review</source>
        <translation>Resubmit for review</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <source>Withdraw to draft</source>
        <translation>Withdraw to draft</translation>
    </message>
    <message>
        <source>Back to draft</source>
        <translation>Back to draft</translation>
    </message>
    <message>
        <source>Request changes…</source>
        <translation>Request changes…</translation>
    </message>
    <message>
        <source>Cancel schedule</source>
        <translation>Cancel schedule</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Schedule…</source>
        <translation>Schedule…</translation>
    </message>
    <message>
        <source>Publish now</source>
        <translation>Publish now</translation>
    </message>
    <message>
        <source>Unpublish…</source>
        <translation>Unpublish…</translation>
    </message>
    <message>
        <source>New announcement</source>
        <translation>New announcement</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>New article</translation>
    </message>
    <message>
        <source>%1[*] — Daftar</source>
        <translation>%1[*] — Daftar</translation>
    </message>
    <message>
        <source>Needs changes: %1</source>
        <translation>Needs changes: %1</translation>
    </message>
    <message>
        <source>New, not saved yet</source>
        <translation>New, not saved yet</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>No image</translation>
    </message>
    <message>
        <source>%1 words · %2 characters · %3 min read</source>
        <translation>%1 words · %2 characters · %3 min read</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made by the clean-up; Ctrl+Z takes them back</source>
        <translation>
            <numerusform>%n change(s) made by the clean-up; Ctrl+Z takes them back</numerusform>
            <numerusform>%n change(s) made by the clean-up; Ctrl+Z takes them back</numerusform>
        </translation>
    </message>
    <message>
        <source>The article has no history yet: save it first.</source>
        <translation>The article has no history yet: save it first.</translation>
    </message>
    <message>
        <source>Insert link</source>
        <translation>Insert link</translation>
    </message>
    <message>
        <source>Address (https://…)</source>
        <translation>Address (https://…)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a web or e-mail address; links may start with https://, http:// or mailto:.</source>
        <translation>&quot;%1&quot; is not a web or e-mail address; links may start with https://, http:// or mailto:.</translation>
    </message>
    <message>
        <source>Insert table</source>
        <translation>Insert table</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>PDF written to %1</source>
        <translation>PDF written to %1</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Save the changes to &quot;%1&quot; before closing?</source>
        <translation>Save the changes to &quot;%1&quot; before closing?</translation>
    </message>
    <message>
        <source>Same news in the other language</source>
        <translation>Same news in the other language</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Written by %1
Created %2
Last saved %3</source>
        <translation>Written by %1
Created %2
Last saved %3</translation>
    </message>
    <message>
        <source>Publish on the sites</source>
        <translation>Publish on the sites</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Only approved, scheduled or published articles go to the sites.</source>
        <translation>Only approved, scheduled or published articles go to the sites.</translation>
    </message>
    <message>
        <source>Send the article to every site it belongs on (Ctrl+Shift+U)</source>
        <translation>Send the article to every site it belongs on (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <source>Save the article before publishing it.</source>
        <translation>Save the article before publishing it.</translation>
    </message>
    <message>
        <source>No site takes this article: each enabled site is for the other language. Check the sites&apos; languages on the Publishing page.</source>
        <translation>No site takes this article: each enabled site is for the other language. Check the sites&apos; languages on the Publishing page.</translation>
    </message>
    <message numerus="yes">
        <source>Publishing on %n site(s)…</source>
        <translation>
            <numerusform>Publishing on %n site(s)…</numerusform>
            <numerusform>Publishing on %n site(s)…</numerusform>
        </translation>
    </message>
    <message>
        <source>The post was changed on the site; the chief editor chooses a version on the Publishing page.</source>
        <translation>The post was changed on the site; the chief editor chooses a version on the Publishing page.</translation>
    </message>
    <message>
        <source>Published on the sites</source>
        <translation>Published on the sites</translation>
    </message>
    <message>
        <source>Publishing failed: %1</source>
        <translation>Publishing failed: %1</translation>
    </message>
    <message>
        <source>Not on any site: the article is not saved yet.</source>
        <translation>Not on any site: the article is not saved yet.</translation>
    </message>
    <message>
        <source>Last sent %1</source>
        <translation>Last sent %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Not on any site yet.</source>
        <translation>Not on any site yet.</translation>
    </message>
    <message numerus="yes">
        <source>Taking it off %n site(s)…</source>
        <translation>
            <numerusform>Taking it off %n site(s)…</numerusform>
            <numerusform>Taking it off %n site(s)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Taken off the sites</source>
        <translation>Taken off the sites</translation>
    </message>
</context>
<context>
    <name>daftar::ui::ArticleListModel</name>
    <message>
        <source>Persian</source>
        <translation>Persian</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Event date</source>
        <translation>Event date</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
</context>
<context>
    <name>daftar::ui::BranchDialog</name>
    <message>
        <source>Branch %1</source>
        <translation>Branch %1</translation>
    </message>
    <message>
        <source>New branch</source>
        <translation>New branch</translation>
    </message>
    <message>
        <source>Choose a province</source>
        <translation>Choose a province</translation>
    </message>
    <message>
        <source>The city the office is in</source>
        <translation>The city the office is in</translation>
    </message>
    <message>
        <source>e.g. Tabriz branch</source>
        <translation>e.g. Tabriz branch</translation>
    </message>
    <message>
        <source>13145-67890</source>
        <translation>13145-67890</translation>
    </message>
    <message>
        <source>021 8888 0000, 021 8888 0001</source>
        <translation>021 8888 0000, 021 8888 0001</translation>
    </message>
    <message>
        <source>&amp;Province:</source>
        <translation>&amp;Province:</translation>
    </message>
    <message>
        <source>&amp;City:</source>
        <translation>&amp;City:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>&amp;Head:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>P&amp;ostal code:</source>
        <translation>P&amp;ostal code:</translation>
    </message>
    <message>
        <source>P&amp;hones:</source>
        <translation>P&amp;hones:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <source>Es&amp;tablished on:</source>
        <translation>Es&amp;tablished on:</translation>
    </message>
    <message>
        <source>The branch is open</source>
        <translation>The branch is open</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Choose the province of the branch.</source>
        <translation>Choose the province of the branch.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::BranchListModel</name>
    <message>
        <source>This branch is closed.</source>
        <translation>This branch is closed.</translation>
    </message>
    <message>
        <source>%1 (closed)</source>
        <translation>%1 (closed)</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Phones</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Active members</source>
        <translation>Active members</translation>
    </message>
</context>
<context>
    <name>daftar::ui::BranchMembersModel</name>
    <message>
        <source>Membership no.</source>
        <translation>Membership no.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>National code / ID</source>
        <translation>National code / ID</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>daftar::ui::BranchesPage</name>
    <message>
        <source>Provincial branches</source>
        <translation>Provincial branches</translation>
    </message>
    <message>
        <source>&amp;New branch</source>
        <translation>&amp;New branch</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>Edit the chosen branch (or double-click it)</source>
        <translation>Edit the chosen branch (or double-click it)</translation>
    </message>
    <message>
        <source>All provinces</source>
        <translation>All provinces</translation>
    </message>
    <message>
        <source>No branches yet — add the first with “New branch”.</source>
        <translation>No branches yet — add the first with “New branch”.</translation>
    </message>
    <message>
        <source>No branches in %1 yet — add one with “New branch”.</source>
        <translation>No branches in %1 yet — add one with “New branch”.</translation>
    </message>
    <message>
        <source>Choose a branch to see its members.</source>
        <translation>Choose a branch to see its members.</translation>
    </message>
    <message>
        <source>Members of %1</source>
        <translation>Members of %1</translation>
    </message>
    <message>
        <source>%1 members, the first %2 listed; the member bank lists all.</source>
        <translation>%1 members, the first %2 listed; the member bank lists all.</translation>
    </message>
    <message>
        <source>No member is assigned to this branch yet.</source>
        <translation>No member is assigned to this branch yet.</translation>
    </message>
    <message>
        <source>Members: %1</source>
        <translation>Members: %1</translation>
    </message>
</context>
<context>
    <name>daftar::ui::CleanupDialog</name>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>After the clean-up</source>
        <translation>After the clean-up</translation>
    </message>
    <message>
        <source>Clean up the text</source>
        <translation>Clean up the text</translation>
    </message>
    <message>
        <source>Nothing to clean up: the text already follows the rules.</source>
        <translation>Nothing to clean up: the text already follows the rules.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>1 change</source>
        <translation>1 change</translation>
    </message>
    <message>
        <source>%1 changes</source>
        <translation>%1 changes</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Apply</translation>
    </message>
    <message>
        <source>Make all these changes; one Undo (Ctrl+Z) takes them back</source>
        <translation>Make all these changes; one Undo (Ctrl+Z) takes them back</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>daftar::ui::ConflictDialog</name>
    <message>
        <source>Changed on the site</source>
        <translation>Changed on the site</translation>
    </message>
    <message>
        <source>Someone changed this post on %1 after Daftar last sent it, so Daftar did not overwrite it. Compare the two versions and choose which one the site keeps. Keeping the site&apos;s version leaves Daftar&apos;s in the article&apos;s history; overwriting replaces the change made on the site.</source>
        <translation>Someone changed this post on %1 after Daftar last sent it, so Daftar did not overwrite it. Compare the two versions and choose which one the site keeps. Keeping the site&apos;s version leaves Daftar&apos;s in the article&apos;s history; overwriting replaces the change made on the site.</translation>
    </message>
    <message>
        <source>On the site (%1)</source>
        <translation>On the site (%1)</translation>
    </message>
    <message>
        <source>Changed there %1</source>
        <translation>Changed there %1</translation>
    </message>
    <message>
        <source>Saved in Daftar %1</source>
        <translation>Saved in Daftar %1</translation>
    </message>
    <message>
        <source>The two versions could not be read.</source>
        <translation>The two versions could not be read.</translation>
    </message>
    <message>
        <source>On the site</source>
        <translation>On the site</translation>
    </message>
    <message>
        <source>In Daftar</source>
        <translation>In Daftar</translation>
    </message>
    <message>
        <source>&amp;Overwrite the site&apos;s version</source>
        <translation>&amp;Overwrite the site&apos;s version</translation>
    </message>
    <message>
        <source>Send Daftar&apos;s version to the site; the change made on the site is replaced.</source>
        <translation>Send Daftar&apos;s version to the site; the change made on the site is replaced.</translation>
    </message>
    <message>
        <source>&amp;Keep the site&apos;s version</source>
        <translation>&amp;Keep the site&apos;s version</translation>
    </message>
    <message>
        <source>Leave the site as it is; Daftar notes that it has seen the change and does not send this version.</source>
        <translation>Leave the site as it is; Daftar notes that it has seen the change and does not send this version.</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Decide later</translation>
    </message>
</context>
<context>
    <name>daftar::ui::DuesDialog</name>
    <message>
        <source>Record dues</source>
        <translation>Record dues</translation>
    </message>
    <message>
        <source>in Rial, e.g. %1</source>
        <translation>in Rial, e.g. %1</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>&amp;Amount (Rial):</source>
        <translation>&amp;Amount (Rial):</translation>
    </message>
    <message>
        <source>&amp;Receipt no.:</source>
        <translation>&amp;Receipt no.:</translation>
    </message>
    <message>
        <source>&amp;Paid on:</source>
        <translation>&amp;Paid on:</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Dues for %1 are already recorded; recording replaces them.</source>
        <translation>Dues for %1 are already recorded; recording replaces them.</translation>
    </message>
    <message>
        <source>Write the amount in digits, e.g. %1.</source>
        <translation>Write the amount in digits, e.g. %1.</translation>
    </message>
    <message>
        <source>%1, that is %2</source>
        <translation>%1, that is %2</translation>
    </message>
</context>
<context>
    <name>daftar::ui::DuesModel</name>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Paid on</translation>
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
        <translation>Same mobile</translation>
    </message>
    <message>
        <source>Same name in one province</source>
        <translation>Same name in one province</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>First record</source>
        <translation>First record</translation>
    </message>
    <message>
        <source>Second record</source>
        <translation>Second record</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Why they look alike</source>
        <translation>Why they look alike</translation>
    </message>
</context>
<context>
    <name>daftar::ui::DuplicatesDialog</name>
    <message>
        <source>“%1” (%2)</source>
        <translation>“%1” (%2)</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <source>Members who share a mobile, or a name in one province, may be recorded twice. Choose a pair, then for each field the value to keep. Merging keeps the first record, moves the second&apos;s dues and status history to it and deletes the second.</source>
        <translation>Members who share a mobile, or a name in one province, may be recorded twice. Choose a pair, then for each field the value to keep. Merging keeps the first record, moves the second&apos;s dues and status history to it and deletes the second.</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Merge</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>No possible duplicates: no two members share a mobile, or a name in one province.</source>
        <translation>No possible duplicates: no two members share a mobile, or a name in one province.</translation>
    </message>
    <message>
        <source>%1 is kept; %2 is merged into it. Tick the value to keep where they differ.</source>
        <translation>%1 is kept; %2 is merged into it. Tick the value to keep where they differ.</translation>
    </message>
    <message>
        <source>Merge two members</source>
        <translation>Merge two members</translation>
    </message>
    <message>
        <source>Merge %2 into %1? %2 is deleted afterwards; its dues and status history move to %1. This cannot be undone.</source>
        <translation>Merge %2 into %1? %2 is deleted afterwards; its dues and status history move to %1. This cannot be undone.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1 and %2 are now one member.</source>
        <translation>%1 and %2 are now one member.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::FirstRunDialog</name>
    <message>
        <source>Welcome to Daftar</source>
        <translation>Welcome to Daftar</translation>
    </message>
    <message>
        <source>This is a new database (%1). Create the administrator&apos;s account: the administrator adds the other users and chooses their roles.</source>
        <translation>This is a new database (%1). Create the administrator&apos;s account: the administrator adds the other users and chooses their roles.</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation>
            <numerusform>At least %n characters</numerusform>
            <numerusform>At least %n characters</numerusform>
        </translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Create account</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Enter the administrator&apos;s full name.</source>
        <translation>Enter the administrator&apos;s full name.</translation>
    </message>
    <message>
        <source>Choose a user name for logging in.</source>
        <translation>Choose a user name for logging in.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the password again.</source>
        <translation>The two passwords differ. Type the password again.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::HistoryDialog</name>
    <message>
        <source>Revision history</source>
        <translation>Revision history</translation>
    </message>
    <message>
        <source>Revision history: %1</source>
        <translation>Revision history: %1</translation>
    </message>
    <message>
        <source>Every save keeps a revision. Choose one to see which words it changed; restoring an old revision saves it again as the newest, so the current text stays in the history too.</source>
        <translation>Every save keeps a revision. Choose one to see which words it changed; restoring an old revision saves it again as the newest, so the current text stays in the history too.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Words</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>&amp;Compare with:</source>
        <translation>&amp;Compare with:</translation>
    </message>
    <message>
        <source>the previous revision</source>
        <translation>the previous revision</translation>
    </message>
    <message>
        <source>the current version</source>
        <translation>the current version</translation>
    </message>
    <message>
        <source>&amp;Restore this revision…</source>
        <translation>&amp;Restore this revision…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>What changed from revision %1 to the current version.</source>
        <translation>What changed from revision %1 to the current version.</translation>
    </message>
    <message>
        <source>Changes made in revision %1, compared with revision %2.</source>
        <translation>Changes made in revision %1, compared with revision %2.</translation>
    </message>
    <message>
        <source>Revision %1 is the first: all of its text was new.</source>
        <translation>Revision %1 is the first: all of its text was new.</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>added</source>
        <translation>added</translation>
    </message>
    <message>
        <source>No differences: the two versions have the same title, lead and text.</source>
        <translation>No differences: the two versions have the same title, lead and text.</translation>
    </message>
    <message>
        <source>Your role (%1) may not change articles.</source>
        <translation>Your role (%1) may not change articles.</translation>
    </message>
    <message>
        <source>This revision is the current version.</source>
        <translation>This revision is the current version.</translation>
    </message>
    <message>
        <source>Save this revision&apos;s title, lead and text as a new revision</source>
        <translation>Save this revision&apos;s title, lead and text as a new revision</translation>
    </message>
    <message>
        <source>Restore a revision</source>
        <translation>Restore a revision</translation>
    </message>
    <message>
        <source>Restore revision %1? Its title, lead and text are saved as revision %2; the current version stays in the history.</source>
        <translation>Restore revision %1? Its title, lead and text are saved as revision %2; the current version stays in the history.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>daftar::ui::ImportDialog</name>
    <message>
        <source>Detect automatically</source>
        <translation>Detect automatically</translation>
    </message>
    <message>
        <source>Windows-1256 (Arabic Windows)</source>
        <translation>Windows-1256 (Arabic Windows)</translation>
    </message>
    <message>
        <source>commas</source>
        <translation>commas</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>semicolons</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>tabs</translation>
    </message>
    <message>
        <source>vertical bars</source>
        <translation>vertical bars</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>Import members</source>
        <translation>Import members</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>CSV or Excel file sent by a province</source>
        <translation>CSV or Excel file sent by a province</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoose…</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Encoding:</translation>
    </message>
    <message>
        <source>If the preview shows broken letters, choose the encoding the file was saved in.</source>
        <translation>If the preview shows broken letters, choose the encoding the file was saved in.</translation>
    </message>
    <message>
        <source>Check &amp;only (dry run): report what would happen, write nothing</source>
        <translation>Check &amp;only (dry run): report what would happen, write nothing</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Stop after the rows read so far; what was imported stays.</source>
        <translation>Stop after the rows read so far; what was imported stays.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>&amp;Save report…</translation>
    </message>
    <message>
        <source>Save the problems as a CSV file that opens in Excel, to send back to the province.</source>
        <translation>Save the problems as a CSV file that opens in Excel, to send back to the province.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>Member spreadsheets (*.csv *.tsv *.txt *.xlsx *.xlsm)</source>
        <translation>Member spreadsheets (*.csv *.tsv *.txt *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Read as an Excel workbook, sheet “%1”.</source>
        <translation>Read as an Excel workbook, sheet “%1”.</translation>
    </message>
    <message>
        <source>%1 with a byte order mark</source>
        <translation>%1 with a byte order mark</translation>
    </message>
    <message>
        <source>%1, detected</source>
        <translation>%1, detected</translation>
    </message>
    <message>
        <source>Read as CSV text in %1, columns separated by %2.</source>
        <translation>Read as CSV text in %1, columns separated by %2.</translation>
    </message>
    <message>
        <source>Some bytes are not valid %1, so some letters may show as �. Choose the encoding the file was saved in above.</source>
        <translation>Some bytes are not valid %1, so some letters may show as �. Choose the encoding the file was saved in above.</translation>
    </message>
    <message>
        <source>No member field matches %1, so these columns will not be imported. Rename a heading if its column holds member details.</source>
        <translation>No member field matches %1, so these columns will not be imported. Rename a heading if its column holds member details.</translation>
    </message>
    <message>
        <source>The file has column headings but no rows below them.</source>
        <translation>The file has column headings but no rows below them.</translation>
    </message>
    <message>
        <source>The first rows of the file, as they will be read:</source>
        <translation>The first rows of the file, as they will be read:</translation>
    </message>
    <message>
        <source>%1 rows read…</source>
        <translation>%1 rows read…</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>Checked only, nothing was written. Rows read: %4 — would be imported: %1, already in the bank: %2, would be rejected: %3.</source>
        <translation>Checked only, nothing was written. Rows read: %4 — would be imported: %1, already in the bank: %2, would be rejected: %3.</translation>
    </message>
    <message>
        <source>Rows read: %4 — imported: %1, already in the bank: %2, rejected: %3.</source>
        <translation>Rows read: %4 — imported: %1, already in the bank: %2, rejected: %3.</translation>
    </message>
    <message>
        <source>The check stopped before the end of the file.</source>
        <translation>The check stopped before the end of the file.</translation>
    </message>
    <message>
        <source>The import stopped before the end of the file. What was imported stays; run the import again to go on, and members already imported will be recognised rather than added twice.</source>
        <translation>The import stopped before the end of the file. What was imported stays; run the import again to go on, and members already imported will be recognised rather than added twice.</translation>
    </message>
    <message>
        <source>Every row could be read without a problem.</source>
        <translation>Every row could be read without a problem.</translation>
    </message>
    <message>
        <source>The rows below were not imported. Correct them in the file and import it again, or save the report and send it back to the province.</source>
        <translation>The rows below were not imported. Correct them in the file and import it again, or save the report and send it back to the province.</translation>
    </message>
    <message>
        <source>There is no report yet: import first.</source>
        <translation>There is no report yet: import first.</translation>
    </message>
    <message>
        <source>%1 - import problems.csv</source>
        <translation>%1 - import problems.csv</translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation>Save the import report</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>The report was saved to %1.</source>
        <translation>The report was saved to %1.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <source>Writing %1 members into the bank in one go; this cannot be cancelled…</source>
        <translation>Writing %1 members into the bank in one go; this cannot be cancelled…</translation>
    </message>
</context>
<context>
    <name>daftar::ui::ImportPreviewModel</name>
    <message>
        <source>not used</source>
        <translation>not used</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>No member field has this heading, so the column is not imported.</source>
        <translation>No member field has this heading, so the column is not imported.</translation>
    </message>
    <message>
        <source>This column is imported as “%1”.</source>
        <translation>This column is imported as “%1”.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::ImportProblemsModel</name>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>daftar::ui::JalaliCalendarPopup</name>
    <message>
        <source>Previous month</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>Next month</translation>
    </message>
    <message>
        <source>Choose the month</source>
        <translation>Choose the month</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Days of the month</source>
        <translation>Days of the month</translation>
    </message>
</context>
<context>
    <name>daftar::ui::JalaliDateEdit</name>
    <message>
        <source>The date must be on or after %1.</source>
        <translation>The date must be on or after %1.</translation>
    </message>
    <message>
        <source>The date must be on or before %1.</source>
        <translation>The date must be on or before %1.</translation>
    </message>
    <message>
        <source>Year/month/day in the Solar Hijri calendar, e.g. %1</source>
        <translation>Year/month/day in the Solar Hijri calendar, e.g. %1</translation>
    </message>
    <message>
        <source>Open calendar (Alt+Down)</source>
        <translation>Open calendar (Alt+Down)</translation>
    </message>
    <message>
        <source>Open calendar</source>
        <translation>Open calendar</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
</context>
<context>
    <name>daftar::ui::JobListModel</name>
    <message>
        <source>Tried again automatically after %1</source>
        <translation>Tried again automatically after %1</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Last change</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>daftar::ui::LoginDialog</name>
    <message>
        <source>Log in to Daftar</source>
        <translation>Log in to Daftar</translation>
    </message>
    <message>
        <source>Welcome. Log in with the account your administrator gave you.</source>
        <translation>Welcome. Log in with the account your administrator gave you.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Enter your user name.</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MainWindow</name>
    <message>
        <source>News and announcements</source>
        <translation>News and announcements</translation>
    </message>
    <message>
        <source>Member bank</source>
        <translation>Member bank</translation>
    </message>
    <message>
        <source>Provincial branches</source>
        <translation>Provincial branches</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Publishing</translation>
    </message>
    <message>
        <source>Daftar</source>
        <translation>Daftar</translation>
    </message>
    <message>
        <source>Secretariat of the federation of cooperatives</source>
        <translation>Secretariat of the federation of cooperatives</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Daftar</source>
        <translation>&amp;About Daftar</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Shared database</source>
        <translation>Shared database</translation>
    </message>
    <message>
        <source>Database on this computer</source>
        <translation>Database on this computer</translation>
    </message>
    <message>
        <source>&amp;Members</source>
        <translation>&amp;Members</translation>
    </message>
    <message>
        <source>&amp;Import members…</source>
        <translation>&amp;Import members…</translation>
    </message>
    <message>
        <source>Possible &amp;duplicates…</source>
        <translation>Possible &amp;duplicates…</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MediaLibraryDialog</name>
    <message>
        <source>Media library</source>
        <translation>Media library</translation>
    </message>
    <message>
        <source>No images yet. Import images (Ctrl+O) once and use them in any article.</source>
        <translation>No images yet. Import images (Ctrl+O) once and use them in any article.</translation>
    </message>
    <message>
        <source>&amp;Alt text:</source>
        <translation>&amp;Alt text:</translation>
    </message>
    <message>
        <source>What the image shows, for readers who cannot see it and for search engines</source>
        <translation>What the image shows, for readers who cannot see it and for search engines</translation>
    </message>
    <message>
        <source>&amp;Import images…</source>
        <translation>&amp;Import images…</translation>
    </message>
    <message>
        <source>Add PNG, JPEG, GIF or WebP images to the library (Ctrl+O)</source>
        <translation>Add PNG, JPEG, GIF or WebP images to the library (Ctrl+O)</translation>
    </message>
    <message>
        <source>Your role (%1) may not add images.</source>
        <translation>Your role (%1) may not add images.</translation>
    </message>
    <message>
        <source>I&amp;nsert</source>
        <translation>I&amp;nsert</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1: %2 × %3 pixels, %4, imported %5</source>
        <translation>%1: %2 × %3 pixels, %4, imported %5</translation>
    </message>
    <message>
        <source>Alt text of %1 saved.</source>
        <translation>Alt text of %1 saved.</translation>
    </message>
    <message>
        <source>Import images</source>
        <translation>Import images</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>1 image imported.</source>
        <translation>1 image imported.</translation>
    </message>
    <message>
        <source>%1 images imported.</source>
        <translation>%1 images imported.</translation>
    </message>
    <message>
        <source>Already in the library (not imported twice): %1</source>
        <translation>Already in the library (not imported twice): %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1 of %2 files could not be imported:</source>
        <translation>%1 of %2 files could not be imported:</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MemberChangesModel</name>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>In the public directory</source>
        <translation>In the public directory</translation>
    </message>
    <message>
        <source>Shown in the directory</source>
        <translation>Shown in the directory</translation>
    </message>
    <message>
        <source>Dues year</source>
        <translation>Dues year</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Status changed</translation>
    </message>
    <message>
        <source>Dues recorded</source>
        <translation>Dues recorded</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Fields changed</source>
        <translation>Fields changed</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MemberDialog</name>
    <message>
        <source>Member %1</source>
        <translation>Member %1</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>New member</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>D&amp;ues</source>
        <translation>D&amp;ues</translation>
    </message>
    <message>
        <source>Status &amp;history</source>
        <translation>Status &amp;history</translation>
    </message>
    <message>
        <source>Chan&amp;ges</source>
        <translation>Chan&amp;ges</translation>
    </message>
    <message>
        <source>Available once the member has been saved.</source>
        <translation>Available once the member has been saved.</translation>
    </message>
    <message>
        <source>Choose a province</source>
        <translation>Choose a province</translation>
    </message>
    <message>
        <source>Given when saved</source>
        <translation>Given when saved</translation>
    </message>
    <message>
        <source>0912 345 6789</source>
        <translation>0912 345 6789</translation>
    </message>
    <message>
        <source>13145-67890</source>
        <translation>13145-67890</translation>
    </message>
    <message>
        <source>e.g. housing, farming, consumer goods</source>
        <translation>e.g. housing, farming, consumer goods</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>Membership &amp;no.:</source>
        <translation>Membership &amp;no.:</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;First name:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Last name:</translation>
    </message>
    <message>
        <source>Name of the &amp;cooperative:</source>
        <translation>Name of the &amp;cooperative:</translation>
    </message>
    <message>
        <source>&amp;Registration no.:</source>
        <translation>&amp;Registration no.:</translation>
    </message>
    <message>
        <source>Activity sec&amp;tor:</source>
        <translation>Activity sec&amp;tor:</translation>
    </message>
    <message>
        <source>&amp;Joined on:</source>
        <translation>&amp;Joined on:</translation>
    </message>
    <message>
        <source>St&amp;atus:</source>
        <translation>St&amp;atus:</translation>
    </message>
    <message>
        <source>&amp;Province:</source>
        <translation>&amp;Province:</translation>
    </message>
    <message>
        <source>Cit&amp;y:</source>
        <translation>Cit&amp;y:</translation>
    </message>
    <message>
        <source>Addr&amp;ess:</source>
        <translation>Addr&amp;ess:</translation>
    </message>
    <message>
        <source>P&amp;ostal code:</source>
        <translation>P&amp;ostal code:</translation>
    </message>
    <message>
        <source>Mo&amp;bile:</source>
        <translation>Mo&amp;bile:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>E&amp;mail:</source>
        <translation>E&amp;mail:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>Sho&amp;w this member in the public directory of the site</source>
        <translation>Sho&amp;w this member in the public directory of the site</translation>
    </message>
    <message>
        <source>with:</source>
        <translation>with:</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>city</source>
        <translation>city</translation>
    </message>
    <message>
        <source>province</source>
        <translation>province</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>mobile</translation>
    </message>
    <message>
        <source>email</source>
        <translation>email</translation>
    </message>
    <message>
        <source>&amp;Record dues…</source>
        <translation>&amp;Record dues…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Save the details (Ctrl+S)</source>
        <translation>Save the details (Ctrl+S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Nat&amp;ional ID:</source>
        <translation>Nat&amp;ional ID:</translation>
    </message>
    <message>
        <source>Nat&amp;ional code:</source>
        <translation>Nat&amp;ional code:</translation>
    </message>
    <message>
        <source>11 digits</source>
        <translation>11 digits</translation>
    </message>
    <message>
        <source>10 digits</source>
        <translation>10 digits</translation>
    </message>
    <message>
        <source>Still needed: %1.</source>
        <translation>Still needed: %1.</translation>
    </message>
    <message>
        <source>Dues of %1</source>
        <translation>Dues of %1</translation>
    </message>
    <message>
        <source>Already a member</source>
        <translation>Already a member</translation>
    </message>
    <message>
        <source>%1 is already in the member bank: %2, membership number %3.</source>
        <translation>%1 is already in the member bank: %2, membership number %3.</translation>
    </message>
    <message>
        <source>Open that member instead of adding them a second time?</source>
        <translation>Open that member instead of adding them a second time?</translation>
    </message>
    <message>
        <source>&amp;Open the member</source>
        <translation>&amp;Open the member</translation>
    </message>
    <message>
        <source>&amp;Back to the form</source>
        <translation>&amp;Back to the form</translation>
    </message>
    <message>
        <source>No branch</source>
        <translation>No branch</translation>
    </message>
    <message>
        <source>Membership card</source>
        <translation>Membership card</translation>
    </message>
    <message>
        <source>membership card %1</source>
        <translation>membership card %1</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Branch:</source>
        <translation>Branch:</translation>
    </message>
    <message>
        <source>Membership card (PDF)…</source>
        <translation>Membership card (PDF)…</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MemberListModel</name>
    <message>
        <source>Membership no.</source>
        <translation>Membership no.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>National code / ID</source>
        <translation>National code / ID</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MembersPage</name>
    <message>
        <source>Member bank</source>
        <translation>Member bank</translation>
    </message>
    <message>
        <source>Search by name, national code, mobile, membership no. or city (Ctrl+F)</source>
        <translation>Search by name, national code, mobile, membership no. or city (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;New member</source>
        <translation>&amp;New member</translation>
    </message>
    <message>
        <source>Add a member (Ctrl+N)</source>
        <translation>Add a member (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>Change &amp;status…</translation>
    </message>
    <message>
        <source>Change the status of the selected members</source>
        <translation>Change the status of the selected members</translation>
    </message>
    <message>
        <source>Record &amp;dues…</source>
        <translation>Record &amp;dues…</translation>
    </message>
    <message>
        <source>Record one year&apos;s dues for the selected members</source>
        <translation>Record one year&apos;s dues for the selected members</translation>
    </message>
    <message>
        <source>All provinces</source>
        <translation>All provinces</translation>
    </message>
    <message>
        <source>Persons and legal entities</source>
        <translation>Persons and legal entities</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Dues paid or not</source>
        <translation>Dues paid or not</translation>
    </message>
    <message>
        <source>Dues unpaid for %1</source>
        <translation>Dues unpaid for %1</translation>
    </message>
    <message>
        <source>No members yet. Add the first one with “New member” (Ctrl+N); every member you add can be found here by name, national code, mobile or city.</source>
        <translation>No members yet. Add the first one with “New member” (Ctrl+N); every member you add can be found here by name, national code, mobile or city.</translation>
    </message>
    <message>
        <source>%1 of %2 members shown</source>
        <translation>%1 of %2 members shown</translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation>%1 members</translation>
    </message>
    <message>
        <source>Too many members selected</source>
        <translation>Too many members selected</translation>
    </message>
    <message>
        <source>%1 members are selected; a change applies to at most %2 at once. Narrow the list with the search and the filters first.</source>
        <translation>%1 members are selected; a change applies to at most %2 at once. Narrow the list with the search and the filters first.</translation>
    </message>
    <message>
        <source>Some members were not changed</source>
        <translation>Some members were not changed</translation>
    </message>
    <message>
        <source>%1 of %2 members could not be changed; the others were.</source>
        <translation>%1 of %2 members could not be changed; the others were.</translation>
    </message>
    <message>
        <source>Changing the status…</source>
        <translation>Changing the status…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Status changed to “%1” for %2 members.</source>
        <translation>Status changed to “%1” for %2 members.</translation>
    </message>
    <message>
        <source>The same payment is recorded for each of the %1 selected members.</source>
        <translation>The same payment is recorded for each of the %1 selected members.</translation>
    </message>
    <message>
        <source>Recording dues…</source>
        <translation>Recording dues…</translation>
    </message>
    <message>
        <source>Dues for %1 recorded for %2 members.</source>
        <translation>Dues for %1 recorded for %2 members.</translation>
    </message>
    <message>
        <source>This member is no longer in the bank.</source>
        <translation>This member is no longer in the bank.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Write the members shown to Excel, CSV or a PDF for printing (Ctrl+E)</source>
        <translation>Write the members shown to Excel, CSV or a PDF for printing (Ctrl+E)</translation>
    </message>
    <message>
        <source>Export the members shown</source>
        <translation>Export the members shown</translation>
    </message>
    <message>
        <source>members</source>
        <translation>members</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv);;PDF for printing (*.pdf)</source>
        <translation>Excel workbook (*.xlsx);;CSV for Excel (*.csv);;PDF for printing (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) written to %1.</source>
        <translation>
            <numerusform>%n member(s) written to %1.</numerusform>
            <numerusform>%n member(s) written to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The first %1 of %2 members were printed to %3; narrow the list to print the others.</source>
        <translation>The first %1 of %2 members were printed to %3; narrow the list to print the others.</translation>
    </message>
    <message>
        <source>Export the &amp;selected…</source>
        <translation>Export the &amp;selected…</translation>
    </message>
    <message>
        <source>Write only the selected members to Excel, CSV or a PDF (Ctrl+Shift+E)</source>
        <translation>Write only the selected members to Excel, CSV or a PDF (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Export the selected members</source>
        <translation>Export the selected members</translation>
    </message>
</context>
<context>
    <name>daftar::ui::MergeChoiceModel</name>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>Both records hold the same value.</source>
        <translation>Both records hold the same value.</translation>
    </message>
    <message>
        <source>Keep this value: it replaces the first record&apos;s when the two are merged.</source>
        <translation>Keep this value: it replaces the first record&apos;s when the two are merged.</translation>
    </message>
    <message>
        <source>Keep the first record&apos;s value.</source>
        <translation>Keep the first record&apos;s value.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>First record (kept)</source>
        <translation>First record (kept)</translation>
    </message>
    <message>
        <source>Second record (merged into it)</source>
        <translation>Second record (merged into it)</translation>
    </message>
</context>
<context>
    <name>daftar::ui::NewsroomPage</name>
    <message>
        <source>Newsroom</source>
        <translation>Newsroom</translation>
    </message>
    <message>
        <source>Search titles, leads and categories (Ctrl+F)</source>
        <translation>Search titles, leads and categories (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;New article</source>
        <translation>&amp;New article</translation>
    </message>
    <message>
        <source>New &amp;announcement</source>
        <translation>New &amp;announcement</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Open the selected item in the editor (Enter)</source>
        <translation>Open the selected item in the editor (Enter)</translation>
    </message>
    <message>
        <source>Write a news article (Ctrl+N)</source>
        <translation>Write a news article (Ctrl+N)</translation>
    </message>
    <message>
        <source>Write an announcement, taken down after its end date</source>
        <translation>Write an announcement, taken down after its end date</translation>
    </message>
    <message>
        <source>Your role (%1) may read the newsroom but not write in it; an administrator can change your role.</source>
        <translation>Your role (%1) may read the newsroom but not write in it; an administrator can change your role.</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>News and announcements</source>
        <translation>News and announcements</translation>
    </message>
    <message>
        <source>No news or announcements yet. Write the first one with “New article” (Ctrl+N); it stays a draft until it is sent for review.</source>
        <translation>No news or announcements yet. Write the first one with “New article” (Ctrl+N); it stays a draft until it is sent for review.</translation>
    </message>
    <message>
        <source>No news or announcements yet. They appear here as soon as an editor writes them.</source>
        <translation>No news or announcements yet. They appear here as soon as an editor writes them.</translation>
    </message>
    <message>
        <source>Nothing matches the search and filters; %1 items in all.</source>
        <translation>Nothing matches the search and filters; %1 items in all.</translation>
    </message>
    <message>
        <source>%1 of %2 items shown</source>
        <translation>%1 of %2 items shown</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 item</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 items</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>Persian</translation>
    </message>
</context>
<context>
    <name>daftar::ui::PreviewPane</name>
    <message>
        <source>There is no article to export yet.</source>
        <translation>There is no article to export yet.</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <source>The page as it looks on a computer screen</source>
        <translation>The page as it looks on a computer screen</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>The page as it looks on a phone</source>
        <translation>The page as it looks on a phone</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Side by side</translation>
    </message>
    <message>
        <source>The computer and the phone page together</source>
        <translation>The computer and the phone page together</translation>
    </message>
</context>
<context>
    <name>daftar::ui::PublicationListModel</name>
    <message>
        <source>Open %1 in the browser</source>
        <translation>Open %1 in the browser</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>Last sent</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>daftar::ui::PublishingPage</name>
    <message>
        <source>Publishing</source>
        <translation>Publishing</translation>
    </message>
    <message>
        <source>Publish &amp;approved</source>
        <translation>Publish &amp;approved</translation>
    </message>
    <message>
        <source>Publish &amp;directories</source>
        <translation>Publish &amp;directories</translation>
    </message>
    <message>
        <source>&amp;Run now</source>
        <translation>&amp;Run now</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <source>Stop after the requests already on their way</source>
        <translation>Stop after the requests already on their way</translation>
    </message>
    <message>
        <source>&amp;Sites…</source>
        <translation>&amp;Sites…</translation>
    </message>
    <message>
        <source>The sites Daftar publishes to, their addresses and secrets</source>
        <translation>The sites Daftar publishes to, their addresses and secrets</translation>
    </message>
    <message>
        <source>Show &amp;finished</source>
        <translation>Show &amp;finished</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>Re&amp;try</translation>
    </message>
    <message>
        <source>Send the selected jobs again now</source>
        <translation>Send the selected jobs again now</translation>
    </message>
    <message>
        <source>&amp;Cancel job</source>
        <translation>&amp;Cancel job</translation>
    </message>
    <message>
        <source>Do not send the selected jobs</source>
        <translation>Do not send the selected jobs</translation>
    </message>
    <message>
        <source>Resol&amp;ve…</source>
        <translation>Resol&amp;ve…</translation>
    </message>
    <message>
        <source>Compare the site&apos;s version with Daftar&apos;s and choose one</source>
        <translation>Compare the site&apos;s version with Daftar&apos;s and choose one</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Where it is published</source>
        <translation>Where it is published</translation>
    </message>
    <message>
        <source>Add a site…</source>
        <translation>Add a site…</translation>
    </message>
    <message>
        <source>Queue every approved item that is not on its sites yet or changed since, and send it</source>
        <translation>Queue every approved item that is not on its sites yet or changed since, and send it</translation>
    </message>
    <message>
        <source>Send the branches directory and the public member directory</source>
        <translation>Send the branches directory and the public member directory</translation>
    </message>
    <message>
        <source>Send everything that waits in the queue (F5)</source>
        <translation>Send everything that waits in the queue (F5)</translation>
    </message>
    <message>
        <source>Your role (%1) may see the queue but not publish; a chief editor can.</source>
        <translation>Your role (%1) may see the queue but not publish; a chief editor can.</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>All sites</translation>
    </message>
    <message>
        <source>%1 (turned off)</source>
        <translation>%1 (turned off)</translation>
    </message>
    <message>
        <source>No public site is set up yet. Add the site Daftar publishes to: a WordPress site or a JSON portal.</source>
        <translation>No public site is set up yet. Add the site Daftar publishes to: a WordPress site or a JSON portal.</translation>
    </message>
    <message>
        <source>No public site is set up yet; an administrator adds them under “Sites…”.</source>
        <translation>No public site is set up yet; an administrator adds them under “Sites…”.</translation>
    </message>
    <message>
        <source>Nothing has been queued yet. “Publish approved” queues every approved item that is not on its sites yet.</source>
        <translation>Nothing has been queued yet. “Publish approved” queues every approved item that is not on its sites yet.</translation>
    </message>
    <message>
        <source>Nothing waits to be sent. Tick “Show finished” to see what was sent.</source>
        <translation>Nothing waits to be sent. Tick “Show finished” to see what was sent.</translation>
    </message>
    <message>
        <source>Nothing is on a site yet. What Daftar publishes is listed here with its address.</source>
        <translation>Nothing is on a site yet. What Daftar publishes is listed here with its address.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Nothing new to publish: every approved item is on its sites as it is now.</source>
        <translation>Nothing new to publish: every approved item is on its sites as it is now.</translation>
    </message>
    <message>
        <source>The directories were not queued: no site takes them.</source>
        <translation>The directories were not queued: no site takes them.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln sent</source>
        <translation>
            <numerusform>%Ln sent</numerusform>
            <numerusform>%Ln sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>%Ln failed</numerusform>
            <numerusform>%Ln failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed on the site (choose a version with “Resolve…”)</source>
        <translation>
            <numerusform>%Ln changed on the site (choose a version with “Resolve…”)</numerusform>
            <numerusform>%Ln changed on the site (choose a version with “Resolve…”)</numerusform>
        </translation>
    </message>
    <message>
        <source>Last run: %1.</source>
        <translation>Last run: %1.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>daftar::ui::RecoveryDialog</name>
    <message>
        <source>Recover unsaved text</source>
        <translation>Recover unsaved text</translation>
    </message>
    <message>
        <source>Daftar was closed before this text was saved (a crash or a power cut). Recover it to continue where you were, or discard it.</source>
        <translation>Daftar was closed before this text was saved (a crash or a power cut). Recover it to continue where you were, or discard it.</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Typed until</source>
        <translation>Typed until</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Words</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1 (new)</translation>
    </message>
    <message>
        <source>&amp;Recover all</source>
        <translation>&amp;Recover all</translation>
    </message>
    <message>
        <source>&amp;Discard all</source>
        <translation>&amp;Discard all</translation>
    </message>
    <message>
        <source>Decide &amp;later</source>
        <translation>Decide &amp;later</translation>
    </message>
</context>
<context>
    <name>daftar::ui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Your account</source>
        <translation>Your account</translation>
    </message>
    <message>
        <source>%1 (user name %2), %3.</source>
        <translation>%1 (user name %2), %3.</translation>
    </message>
    <message>
        <source>Limited to the province of %1.</source>
        <translation>Limited to the province of %1.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>%1 at %2, schema version %3.</source>
        <translation>%1 at %2, schema version %3.</translation>
    </message>
    <message>
        <source>Shared PostgreSQL database</source>
        <translation>Shared PostgreSQL database</translation>
    </message>
    <message>
        <source>Embedded SQLite file</source>
        <translation>Embedded SQLite file</translation>
    </message>
    <message>
        <source>User accounts</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>&amp;Add user…</translation>
    </message>
</context>
<context>
    <name>daftar::ui::SiteSettingsDialog</name>
    <message>
        <source>Turned off</source>
        <translation>Turned off</translation>
    </message>
    <message>
        <source>Type the name of the environment variable that holds the secret, or choose to keep the secret in the keychain.</source>
        <translation>Type the name of the environment variable that holds the secret, or choose to keep the secret in the keychain.</translation>
    </message>
    <message>
        <source>Type the site&apos;s Application Password: Daftar keeps it in the keychain.</source>
        <translation>Type the site&apos;s Application Password: Daftar keeps it in the keychain.</translation>
    </message>
    <message>
        <source>Type the secret shared with the portal: Daftar keeps it in the keychain.</source>
        <translation>Type the secret shared with the portal: Daftar keeps it in the keychain.</translation>
    </message>
    <message>
        <source>The site is saved, but its secret is not: %1
Without a keychain, put the secret in an environment variable and choose “Read from the environment variable”.</source>
        <translation>The site is saved, but its secret is not: %1
Without a keychain, put the secret in an environment variable and choose “Read from the environment variable”.</translation>
    </message>
    <message>
        <source>The site is saved, but its secret stayed under the old name: %1
Type the secret again and save.</source>
        <translation>The site is saved, but its secret stayed under the old name: %1
Type the secret again and save.</translation>
    </message>
    <message>
        <source>Site “%1” added.</source>
        <translation>Site “%1” added.</translation>
    </message>
    <message>
        <source>Changes to “%1” saved.</source>
        <translation>Changes to “%1” saved.</translation>
    </message>
    <message>
        <source>Remove site</source>
        <translation>Remove site</translation>
    </message>
    <message>
        <source>Remove the site “%1” from Daftar? Its queue and the record of what was published there are dropped too. Nothing is deleted from the site itself.</source>
        <translation>Remove the site “%1” from Daftar? Its queue and the record of what was published there are dropped too. Nothing is deleted from the site itself.</translation>
    </message>
    <message>
        <source>Site “%1” removed.</source>
        <translation>Site “%1” removed.</translation>
    </message>
    <message>
        <source>Only saved settings can be tested.</source>
        <translation>Only saved settings can be tested.</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>Asking %1…</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Save the changes to “%1” first?</source>
        <translation>Save the changes to “%1” first?</translation>
    </message>
    <message>
        <source>the new site</source>
        <translation>the new site</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>Sites Daftar publishes to</source>
        <translation>Sites Daftar publishes to</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Remove…</translation>
    </message>
    <message>
        <source>Your role (%1) may see the sites but not change them; an administrator can.</source>
        <translation>Your role (%1) may see the sites but not change them; an administrator can.</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Any language</translation>
    </message>
    <message>
        <source>Persian only</source>
        <translation>Persian only</translation>
    </message>
    <message>
        <source>English only</source>
        <translation>English only</translation>
    </message>
    <message>
        <source>Turns the post back into a draft</source>
        <translation>Turns the post back into a draft</translation>
    </message>
    <message>
        <source>Moves the post to the trash</source>
        <translation>Moves the post to the trash</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> seconds</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Client name:</source>
        <translation>&amp;Client name:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>&amp;Unpublishing:</source>
        <translation>&amp;Unpublishing:</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>T&amp;imeout:</translation>
    </message>
    <message>
        <source>Application &amp;Password:</source>
        <translation>Application &amp;Password:</translation>
    </message>
    <message>
        <source>Shared &amp;secret:</source>
        <translation>Shared &amp;secret:</translation>
    </message>
    <message>
        <source>e.g. Main site</source>
        <translation>e.g. Main site</translation>
    </message>
    <message>
        <source>The WordPress user the Application Password belongs to.</source>
        <translation>The WordPress user the Application Password belongs to.</translation>
    </message>
    <message>
        <source>Only a name the portal sees in its logs; it is not a password and may stay empty.</source>
        <translation>Only a name the portal sees in its logs; it is not a password and may stay empty.</translation>
    </message>
    <message>
        <source>Stored in the keychain</source>
        <translation>Stored in the keychain</translation>
    </message>
    <message>
        <source>Read from the environment variable</source>
        <translation>Read from the environment variable</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored one</source>
        <translation>Leave empty to keep the stored one</translation>
    </message>
    <message>
        <source>Daftar never keeps the secret in its database. The variable suits a server or a scheduled task, where there is no keychain.</source>
        <translation>Daftar never keeps the secret in its database. The variable suits a server or a scheduled task, where there is no keychain.</translation>
    </message>
    <message>
        <source>Publish to this site</source>
        <translation>Publish to this site</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>Saves the changes, then asks the site with these credentials</source>
        <translation>Saves the changes, then asks the site with these credentials</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>daftar::ui::StatusChangeDialog</name>
    <message>
        <source>Change status</source>
        <translation>Change status</translation>
    </message>
    <message>
        <source>e.g. dues unpaid for two years</source>
        <translation>e.g. dues unpaid for two years</translation>
    </message>
    <message numerus="yes">
        <source>The new status applies to %n selected member(s).</source>
        <translation>
            <numerusform>The new status applies to %n selected member(s).</numerusform>
            <numerusform>The new status applies to %n selected member(s).</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
</context>
<context>
    <name>daftar::ui::StatusHistoryModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>daftar::ui::UsersModel</name>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>Last login</translation>
    </message>
</context>
<context>
    <name>daftar_cli</name>
    <message>
        <source>Run &quot;daftar-cli --help&quot; for usage.</source>
        <translation>Run &quot;daftar-cli --help&quot; for usage.</translation>
    </message>
    <message>
        <source>No command given.</source>
        <translation>No command given.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a subcommand.</source>
        <translation>&quot;%1&quot; needs a subcommand.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>Unknown command &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation>Usage: %1</translation>
    </message>
    <message>
        <source>A shared database needs a login: add --user NAME and put the password in the environment variable DAFTAR_PASSWORD.</source>
        <translation>A shared database needs a login: add --user NAME and put the password in the environment variable DAFTAR_PASSWORD.</translation>
    </message>
    <message>
        <source>Set the environment variable DAFTAR_PASSWORD to the password of &quot;%1&quot;.</source>
        <translation>Set the environment variable DAFTAR_PASSWORD to the password of &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>New password for %1: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Repeat the password: </translation>
    </message>
    <message>
        <source>%1 is up to date (schema version %2).</source>
        <translation>%1 is up to date (schema version %2).</translation>
    </message>
    <message>
        <source>%1 migrated from schema version %2 to %3.</source>
        <translation>%1 migrated from schema version %2 to %3.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n problem(s) found.</source>
        <translation>
            <numerusform>%1: %n problem(s) found.</numerusform>
            <numerusform>%1: %n problem(s) found.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: no problems found (schema version %2).</source>
        <translation>%1: no problems found (schema version %2).</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;. Roles: administrator, chief_editor, editor, membership_officer, branch_officer, viewer.</source>
        <translation>Unknown role &quot;%1&quot;. Roles: administrator, chief_editor, editor, membership_officer, branch_officer, viewer.</translation>
    </message>
    <message>
        <source>No password given, or the two entries differ. Nothing was changed.</source>
        <translation>No password given, or the two entries differ. Nothing was changed.</translation>
    </message>
    <message>
        <source>This shared database has no accounts yet: the first one must be an administrator.</source>
        <translation>This shared database has no accounts yet: the first one must be an administrator.</translation>
    </message>
    <message>
        <source>Added %1 (%2) as %3.</source>
        <translation>Added %1 (%2) as %3.</translation>
    </message>
    <message>
        <source>The password of %1 was changed.</source>
        <translation>The password of %1 was changed.</translation>
    </message>
    <message>
        <source>Unknown encoding &quot;%1&quot;: use auto, utf-8, utf-16 or windows-1256.</source>
        <translation>Unknown encoding &quot;%1&quot;: use auto, utf-8, utf-16 or windows-1256.</translation>
    </message>
    <message>
        <source>row %1, %2 &quot;%3&quot;: %4 (%5)</source>
        <translation>row %1, %2 &quot;%3&quot;: %4 (%5)</translation>
    </message>
    <message>
        <source>%1 (%2, %3): %4 data rows; %5 would be imported, %6 are already in the bank, %7 rejected. Nothing was written (dry run).</source>
        <translation>%1 (%2, %3): %4 data rows; %5 would be imported, %6 are already in the bank, %7 rejected. Nothing was written (dry run).</translation>
    </message>
    <message>
        <source>%1 (%2, %3): %4 data rows; %5 imported, %6 were already in the bank, %7 rejected.</source>
        <translation>%1 (%2, %3): %4 data rows; %5 imported, %6 were already in the bank, %7 rejected.</translation>
    </message>
    <message>
        <source>Columns not used: %1</source>
        <translation>Columns not used: %1</translation>
    </message>
    <message>
        <source>Unknown province &quot;%1&quot;.</source>
        <translation>Unknown province &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>%1 members written to %2.</source>
        <translation>%1 members written to %2.</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;: use active, suspended, expired or resigned.</source>
        <translation>Unknown status &quot;%1&quot;: use active, suspended, expired or resigned.</translation>
    </message>
    <message>
        <source>--limit needs a positive number.</source>
        <translation>--limit needs a positive number.</translation>
    </message>
    <message>
        <source>No member has the id or national code %1.</source>
        <translation>No member has the id or national code %1.</translation>
    </message>
    <message>
        <source>Cannot read the body file %1: %2.</source>
        <translation>Cannot read the body file %1: %2.</translation>
    </message>
    <message>
        <source>%1 is not valid UTF-8, UTF-16 or Windows-1256 text. Save it as UTF-8 and try again.</source>
        <translation>%1 is not valid UTF-8, UTF-16 or Windows-1256 text. Save it as UTF-8 and try again.</translation>
    </message>
    <message>
        <source>The body file %1 should end in .html, .md or .txt so that Daftar knows how to read it.</source>
        <translation>The body file %1 should end in .html, .md or .txt so that Daftar knows how to read it.</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>Give at least --title and --body-file.
Usage: %1</source>
        <translation>Give at least --title and --body-file.
Usage: %1</translation>
    </message>
    <message>
        <source>Unknown kind &quot;%1&quot;: use article or announcement.</source>
        <translation>Unknown kind &quot;%1&quot;: use article or announcement.</translation>
    </message>
    <message>
        <source>--until is for announcements: add --kind announcement.</source>
        <translation>--until is for announcements: add --kind announcement.</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;: use draft, in_review, needs_changes, approved, scheduled, published or unpublished.</source>
        <translation>Unknown status &quot;%1&quot;: use draft, in_review, needs_changes, approved, scheduled, published or unpublished.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an article id.</source>
        <translation>&quot;%1&quot; is not an article id.</translation>
    </message>
    <message>
        <source>Nothing to clean up in article %1.</source>
        <translation>Nothing to clean up in article %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) found; nothing was saved (--dry-run).</source>
        <translation>
            <numerusform>%n change(s) found; nothing was saved (--dry-run).</numerusform>
            <numerusform>%n change(s) found; nothing was saved (--dry-run).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) saved as revision %1.</source>
        <translation>
            <numerusform>%n change(s) saved as revision %1.</numerusform>
            <numerusform>%n change(s) saved as revision %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>--at needs a date and time such as 2026-12-01T09:30 (local time) or 2026-12-01T06:00Z.</source>
        <translation>--at needs a date and time such as 2026-12-01T09:30 (local time) or 2026-12-01T06:00Z.</translation>
    </message>
    <message>
        <source>Article %1 is now %2.</source>
        <translation>Article %1 is now %2.</translation>
    </message>
    <message>
        <source>--out needs a file ending in .html or .pdf.
Usage: %1</source>
        <translation>--out needs a file ending in .html or .pdf.
Usage: %1</translation>
    </message>
    <message>
        <source>PDF rendering needs the graphical runtime, which this run of daftar-cli did not start.</source>
        <translation>PDF rendering needs the graphical runtime, which this run of daftar-cli did not start.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>Cannot write %1: %2.</translation>
    </message>
    <message>
        <source>PDF printing needs the graphical runtime, which this run of daftar-cli did not start.</source>
        <translation>PDF printing needs the graphical runtime, which this run of daftar-cli did not start.</translation>
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
        <translation>Usage: daftar-cli [--db LOCATION] [--user NAME] COMMAND ...

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
</translation>
    </message>
    <message>
        <source>Give at least --type and --url.
Usage: %1</source>
        <translation>Give at least --type and --url.
Usage: %1</translation>
    </message>
    <message>
        <source>Unknown site type &quot;%1&quot;: use wordpress or json.</source>
        <translation>Unknown site type &quot;%1&quot;: use wordpress or json.</translation>
    </message>
    <message>
        <source>--unpublish is draft or trash, not &quot;%1&quot;.</source>
        <translation>--unpublish is draft or trash, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>--timeout is a number of seconds.</source>
        <translation>--timeout is a number of seconds.</translation>
    </message>
    <message>
        <source>No --password-env given: daftar-cli will look for the password in the keychain (save it in the site&apos;s settings in Daftar).</source>
        <translation>No --password-env given: daftar-cli will look for the password in the keychain (save it in the site&apos;s settings in Daftar).</translation>
    </message>
    <message>
        <source>keychain</source>
        <translation>keychain</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) done, %1 failed, %2 waiting for a choice; they stay in the outbox (daftar-cli publish status).</source>
        <translation>
            <numerusform>%n job(s) done, %1 failed, %2 waiting for a choice; they stay in the outbox (daftar-cli publish status).</numerusform>
            <numerusform>%n job(s) done, %1 failed, %2 waiting for a choice; they stay in the outbox (daftar-cli publish status).</numerusform>
        </translation>
    </message>
    <message>
        <source>Give article ids, --approved, --directories or --run (one of them).
Usage: %1</source>
        <translation>Give article ids, --approved, --directories or --run (one of them).
Usage: %1</translation>
    </message>
    <message>
        <source>--jobs is how many items are sent at once, 1 to 16.</source>
        <translation>--jobs is how many items are sent at once, 1 to 16.</translation>
    </message>
    <message>
        <source>Nothing to publish: every approved article is on its sites as it is.</source>
        <translation>Nothing to publish: every approved article is on its sites as it is.</translation>
    </message>
    <message>
        <source>Outbox:</source>
        <translation>Outbox:</translation>
    </message>
    <message>
        <source>On the sites:</source>
        <translation>On the sites:</translation>
    </message>
</context>
</TS>
