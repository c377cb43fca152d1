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
        <source>There are no articles or announcements yet. Writing, clean-up, review and preview of news come with the newsroom, which is not part of this version.</source>
        <translation>There are no articles or announcements yet. Writing, clean-up, review and preview of news come with the newsroom, which is not part of this version.</translation>
    </message>
    <message>
        <source>Member bank</source>
        <translation>Member bank</translation>
    </message>
    <message>
        <source>The member bank is empty. Members, their dues and the import of provincial spreadsheets come with the member bank, which is not part of this version.</source>
        <translation>The member bank is empty. Members, their dues and the import of provincial spreadsheets come with the member bank, which is not part of this version.</translation>
    </message>
    <message>
        <source>Provincial branches</source>
        <translation>Provincial branches</translation>
    </message>
    <message>
        <source>No branches are recorded yet. The directory of the 31 provinces and their branches is not part of this version.</source>
        <translation>No branches are recorded yet. The directory of the 31 provinces and their branches is not part of this version.</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Publishing</translation>
    </message>
    <message>
        <source>Nothing has been sent to the public site. Publishing to the site is not part of this version.</source>
        <translation>Nothing has been sent to the public site. Publishing to the site is not part of this version.</translation>
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
        <translation>Usage: daftar-cli [--db LOCATION] [--user NAME] COMMAND ...

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
</translation>
    </message>
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
</context>
</TS>
