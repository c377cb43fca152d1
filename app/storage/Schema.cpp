#include "Schema.h"

#include "Database.h"
#include "text/Collation.h"
#include "text/Provinces.h"

#include <QCoreApplication>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace daftar::storage {

namespace {

// Translation context of this file's messages.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Schema)
};

struct Migration
{
    int version;
    QString description;
    // Portable SQL; %ID% becomes the engine's auto-increment primary key. A
    // statement starting with "sqlite:" or "postgres:" runs on that engine only.
    QStringList statements;
};

// The 31 provinces are data every later table refers to; they are written by the
// migration that creates their table, from the one list in app/text.
QStringList provinceRows()
{
    QStringList rows;
    for (const text::Province &province : text::allProvinces()) {
        const auto quoted = [](QString value) {
            return u'\'' + value.replace(u'\'', u"''"_s) + u'\'';
        };
        rows
            << u"INSERT INTO provinces (code, name_fa, name_en, sort_key) VALUES (%1, %2, %3, %4)"_s
                   .arg(quoted(province.code), quoted(province.persianName),
                       quoted(province.englishName),
                       quoted(QString::fromLatin1(text::collationKey(province.persianName))));
    }
    return rows;
}

const QList<Migration> &migrations()
{
    static const QList<Migration> all = {
        {1, u"accounts and audit trail"_s,
            {
                u"CREATE TABLE users ("
                "  id %ID%,"
                "  username TEXT NOT NULL UNIQUE," // stored lower-case: logins ignore case
                "  display_name TEXT NOT NULL,"
                "  role TEXT NOT NULL,"
                "  province TEXT," // ISO 3166-2:IR code for branch officers
                "  password_hash TEXT NOT NULL,"
                "  active INTEGER NOT NULL DEFAULT 1,"
                "  failed_logins INTEGER NOT NULL DEFAULT 0,"
                "  next_login_at TEXT," // UTC; throttles guessing
                "  created_at TEXT NOT NULL,"
                "  updated_at TEXT NOT NULL,"
                "  last_login_at TEXT,"
                "  CHECK (role IN ('administrator','chief_editor','editor','membership_officer',"
                "                  'branch_officer','viewer')),"
                "  CHECK (role <> 'branch_officer' OR province IS NOT NULL))"_s,
                u"CREATE TABLE audit_log ("
                "  id %ID%,"
                "  at TEXT NOT NULL," // UTC, ISO 8601 with milliseconds
                "  actor_id BIGINT REFERENCES users(id),"
                "  actor TEXT NOT NULL," // who, readable even if the account goes
                "  action TEXT NOT NULL,"
                "  entity TEXT NOT NULL,"
                "  entity_id TEXT,"
                "  before_json TEXT,"
                "  after_json TEXT)"_s,
                u"CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id)"_s,
                u"CREATE INDEX audit_log_at ON audit_log (at)"_s,
            }},
        {2, u"member bank and provincial branches"_s,
            QStringList {
                u"CREATE TABLE provinces ("
                "  code TEXT PRIMARY KEY," // ISO 3166-2:IR
                "  name_fa TEXT NOT NULL,"
                "  name_en TEXT NOT NULL,"
                "  sort_key TEXT NOT NULL)"_s,
                u"CREATE TABLE branches ("
                "  id %ID%,"
                "  province TEXT NOT NULL REFERENCES provinces(code),"
                "  city TEXT NOT NULL,"
                "  name TEXT NOT NULL,"
                "  head TEXT,"
                "  address TEXT,"
                "  postal_code TEXT,"
                "  phones TEXT,"
                "  email TEXT,"
                "  established_on TEXT,"
                "  active INTEGER NOT NULL DEFAULT 1,"
                "  sort_key TEXT NOT NULL,"
                "  created_at TEXT NOT NULL,"
                "  updated_at TEXT NOT NULL)"_s,
                u"CREATE INDEX branches_province ON branches (province, sort_key)"_s,
                u"CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)"_s,
                u"INSERT INTO counters (name, value) VALUES ('membership_no', 0)"_s,
                u"CREATE TABLE members ("
                "  id %ID%,"
                "  membership_no TEXT NOT NULL UNIQUE,"
                "  kind TEXT NOT NULL CHECK (kind IN ('person', 'legal')),"
                "  first_name TEXT,"
                "  last_name TEXT,"
                "  organization_name TEXT,"
                "  national_id TEXT NOT NULL," // 10 digits (person) or 11 (legal entity)
                "  registration_no TEXT,"
                "  activity_sector TEXT,"
                "  province TEXT NOT NULL REFERENCES provinces(code),"
                "  branch_id BIGINT REFERENCES branches(id),"
                "  city TEXT,"
                "  address TEXT,"
                "  postal_code TEXT,"
                "  mobile TEXT," // E.164
                "  phone TEXT,"
                "  email TEXT,"
                "  join_date TEXT," // ISO Gregorian
                "  status TEXT NOT NULL DEFAULT 'active'"
                "    CHECK (status IN ('active', 'suspended', 'expired', 'resigned')),"
                "  notes TEXT,"
                "  directory_consent INTEGER NOT NULL DEFAULT 0,"
                "  directory_fields TEXT,"
                "  search_key TEXT NOT NULL," // text::searchKey of names, codes, mobile, city
                "  name_key TEXT NOT NULL," // text::searchKey of the display name: duplicates
                "  sort_key TEXT NOT NULL," // ICU collation key of the display name
                "  created_at TEXT NOT NULL,"
                "  updated_at TEXT NOT NULL,"
                "  UNIQUE (kind, national_id))"_s,
                u"CREATE INDEX members_sort ON members (sort_key)"_s,
                u"CREATE INDEX members_province ON members (province, sort_key)"_s,
                u"CREATE INDEX members_mobile ON members (mobile)"_s,
                u"CREATE INDEX members_name ON members (name_key, province)"_s,
                u"CREATE TABLE member_status_history ("
                "  id %ID%,"
                "  member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,"
                "  status TEXT NOT NULL,"
                "  changed_on TEXT NOT NULL,"
                "  reason TEXT,"
                "  recorded_at TEXT NOT NULL)"_s,
                u"CREATE INDEX member_status_history_member ON member_status_history (member_id)"_s,
                u"CREATE TABLE member_dues ("
                "  id %ID%,"
                "  member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,"
                "  year INTEGER NOT NULL," // Jalali year
                "  amount_rial BIGINT NOT NULL CHECK (amount_rial >= 0),"
                "  receipt_no TEXT,"
                "  paid_on TEXT,"
                "  UNIQUE (member_id, year))"_s,
                // Prefix search over the normalised key: FTS5 on SQLite (its index is
                // kept by triggers), a GIN text-search index on PostgreSQL.
                u"sqlite:CREATE VIRTUAL TABLE members_fts USING fts5(search_key, "
                u"content='members', "
                "content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='1 2 3')"_s,
                u"sqlite:CREATE TRIGGER members_fts_insert AFTER INSERT ON members BEGIN "
                "INSERT INTO members_fts (rowid, search_key) VALUES (new.id, new.search_key); END"_s,
                u"sqlite:CREATE TRIGGER members_fts_delete AFTER DELETE ON members BEGIN "
                "INSERT INTO members_fts (members_fts, rowid, search_key) "
                "VALUES ('delete', old.id, old.search_key); END"_s,
                u"sqlite:CREATE TRIGGER members_fts_update AFTER UPDATE OF search_key ON members "
                u"BEGIN "
                "INSERT INTO members_fts (members_fts, rowid, search_key) "
                "VALUES ('delete', old.id, old.search_key); "
                "INSERT INTO members_fts (rowid, search_key) VALUES (new.id, new.search_key); END"_s,
                u"postgres:CREATE INDEX members_search ON members "
                "USING GIN (to_tsvector('simple', search_key))"_s,
            } + provinceRows()},
        {3, u"newsroom: articles, revisions, locks, autosave, media, personal words"_s,
            {
                u"sqlite:CREATE TABLE media ("
                "  id %ID%,"
                "  file_name TEXT NOT NULL,"
                "  mime_type TEXT NOT NULL,"
                "  width INTEGER NOT NULL,"
                "  height INTEGER NOT NULL,"
                "  size BIGINT NOT NULL,"
                "  alt TEXT NOT NULL DEFAULT '',"
                "  sha256 TEXT NOT NULL UNIQUE," // the same file imported twice is one item
                "  imported_at TEXT NOT NULL,"
                "  data BLOB NOT NULL,"
                "  thumbnail BLOB NOT NULL)"_s,
                u"postgres:CREATE TABLE media ("
                "  id %ID%,"
                "  file_name TEXT NOT NULL,"
                "  mime_type TEXT NOT NULL,"
                "  width INTEGER NOT NULL,"
                "  height INTEGER NOT NULL,"
                "  size BIGINT NOT NULL,"
                "  alt TEXT NOT NULL DEFAULT '',"
                "  sha256 TEXT NOT NULL UNIQUE,"
                "  imported_at TEXT NOT NULL,"
                "  data BYTEA NOT NULL,"
                "  thumbnail BYTEA NOT NULL)"_s,
                u"CREATE TABLE articles ("
                "  id %ID%,"
                "  kind TEXT NOT NULL CHECK (kind IN ('article', 'announcement')),"
                "  title TEXT NOT NULL,"
                "  lead TEXT NOT NULL DEFAULT '',"
                "  body TEXT NOT NULL DEFAULT ''," // sanitised HTML
                "  featured_image_id BIGINT REFERENCES media(id),"
                "  image_caption TEXT NOT NULL DEFAULT '',"
                "  image_alt TEXT NOT NULL DEFAULT '',"
                "  category TEXT NOT NULL DEFAULT '',"
                "  tags TEXT NOT NULL DEFAULT '[]'," // JSON array of strings
                "  slug TEXT NOT NULL,"
                "  language TEXT NOT NULL CHECK (language IN ('fa', 'en')),"
                "  translation_of BIGINT REFERENCES articles(id),"
                "  author_id BIGINT REFERENCES users(id),"
                "  author_name TEXT NOT NULL,"
                "  created_at TEXT NOT NULL,"
                "  updated_at TEXT NOT NULL,"
                "  event_date TEXT," // ISO Gregorian
                "  scheduled_at TEXT," // UTC
                "  publish_until TEXT," // ISO Gregorian; announcements
                "  seo_title TEXT NOT NULL DEFAULT '',"
                "  seo_description TEXT NOT NULL DEFAULT '',"
                "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review',"
                "    'needs_changes', 'approved', 'scheduled', 'published', 'unpublished')),"
                "  status_comment TEXT NOT NULL DEFAULT '',"
                "  revision INTEGER NOT NULL,"
                "  search_key TEXT NOT NULL," // text::searchKey of title, lead, category
                "  CHECK (kind = 'announcement' OR publish_until IS NULL))"_s,
                u"CREATE INDEX articles_status ON articles (status, updated_at)"_s,
                u"CREATE INDEX articles_updated ON articles (updated_at)"_s,
                // The slug is the key publishing finds a post by: one per language.
                u"CREATE UNIQUE INDEX articles_slug ON articles (language, slug)"_s,
                u"CREATE TABLE article_revisions ("
                "  id %ID%,"
                "  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
                "  number INTEGER NOT NULL,"
                "  saved_at TEXT NOT NULL,"
                "  saved_by TEXT NOT NULL,"
                "  title TEXT NOT NULL,"
                "  lead TEXT NOT NULL,"
                "  body TEXT NOT NULL,"
                "  words INTEGER NOT NULL,"
                "  note TEXT NOT NULL DEFAULT '',"
                "  UNIQUE (article_id, number))"_s,
                u"CREATE TABLE article_locks ("
                "  article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
                "  user_id BIGINT REFERENCES users(id),"
                "  holder TEXT NOT NULL,"
                "  holder_key TEXT NOT NULL," // username, or the OS user for daftar-cli
                "  host TEXT NOT NULL,"
                "  since TEXT NOT NULL,"
                "  heartbeat TEXT NOT NULL)"_s,
                // Unsaved editor state per user and article (0: never saved yet).
                u"CREATE TABLE article_autosaves ("
                "  owner TEXT NOT NULL,"
                "  article_id BIGINT NOT NULL,"
                "  saved_at TEXT NOT NULL,"
                "  draft TEXT NOT NULL," // JSON of the editor's fields
                "  PRIMARY KEY (owner, article_id))"_s,
                u"CREATE TABLE personal_words ("
                "  owner TEXT NOT NULL,"
                "  word TEXT NOT NULL,"
                "  added_at TEXT NOT NULL,"
                "  PRIMARY KEY (owner, word))"_s,
            }},
        {4, u"publishing: sites, outbox, what is on each site"_s,
            {
                // The secret is never here: see publishing/SiteSecrets.
                u"CREATE TABLE sites ("
                "  id %ID%,"
                "  name TEXT NOT NULL UNIQUE,"
                "  type TEXT NOT NULL CHECK (type IN ('wordpress', 'json')),"
                "  url TEXT NOT NULL,"
                "  username TEXT NOT NULL DEFAULT '',"
                "  password_env TEXT NOT NULL DEFAULT '',"
                "  language TEXT NOT NULL DEFAULT '' CHECK (language IN ('', 'fa', 'en')),"
                "  unpublish_mode TEXT NOT NULL DEFAULT 'draft'"
                "    CHECK (unpublish_mode IN ('draft', 'trash')),"
                "  timeout_seconds INTEGER NOT NULL DEFAULT 30,"
                "  enabled INTEGER NOT NULL DEFAULT 1,"
                "  created_at TEXT NOT NULL,"
                "  updated_at TEXT NOT NULL)"_s,
                // The outbox: a row per publish or unpublish, written before any
                // request and finished only once the site's answer is stored.
                u"CREATE TABLE publish_jobs ("
                "  id %ID%,"
                "  site_id BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,"
                "  entity TEXT NOT NULL CHECK (entity IN ('article', 'branches', 'members')),"
                "  entity_id BIGINT NOT NULL DEFAULT 0,"
                "  language TEXT NOT NULL,"
                "  action TEXT NOT NULL CHECK (action IN ('publish', 'unpublish')),"
                "  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'failed',"
                "    'conflict', 'done', 'cancelled')),"
                "  attempts INTEGER NOT NULL DEFAULT 0,"
                "  progress INTEGER NOT NULL DEFAULT 0,"
                "  step TEXT NOT NULL DEFAULT '',"
                "  last_error TEXT NOT NULL DEFAULT '',"
                "  retryable INTEGER NOT NULL DEFAULT 1,"
                "  overwrite INTEGER NOT NULL DEFAULT 0,"
                "  claimed_by TEXT," // host:pid of the process running it
                "  claimed_at TEXT,"
                "  conflict_json TEXT,"
                "  created_at TEXT NOT NULL,"
                "  updated_at TEXT NOT NULL,"
                "  next_attempt_at TEXT,"
                "  queued_by TEXT NOT NULL)"_s,
                u"CREATE INDEX publish_jobs_state ON publish_jobs (state, next_attempt_at)"_s,
                u"CREATE INDEX publish_jobs_entity ON publish_jobs (site_id, entity, entity_id)"_s,
                // What is on each site. sending_since is set before a create is sent
                // and cleared with the answer: when it is still set, the answer was
                // lost and the next run looks the post up instead of creating another.
                u"CREATE TABLE publications ("
                "  site_id BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,"
                "  entity TEXT NOT NULL,"
                "  entity_id BIGINT NOT NULL,"
                "  remote_id TEXT,"
                "  url TEXT NOT NULL DEFAULT '',"
                "  remote_modified TEXT NOT NULL DEFAULT '',"
                "  pushed_revision INTEGER NOT NULL DEFAULT 0,"
                "  pushed_at TEXT,"
                "  live INTEGER NOT NULL DEFAULT 0,"
                "  sending_since TEXT,"
                "  PRIMARY KEY (site_id, entity, entity_id))"_s,
                u"CREATE TABLE remote_media ("
                "  site_id BIGINT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,"
                "  media_id BIGINT NOT NULL REFERENCES media(id) ON DELETE CASCADE,"
                "  remote_id TEXT,"
                "  url TEXT NOT NULL DEFAULT '',"
                "  sending_since TEXT,"
                "  uploaded_at TEXT,"
                "  PRIMARY KEY (site_id, media_id))"_s,
            }},
        {5, u"a kept count of members"_s,
            {
                // The member list opens on the whole bank: counting a million rows
                // reads a whole index from disk (over a second when the file is not
                // cached), so the total is kept by triggers instead.
                u"INSERT INTO counters (name, value) SELECT 'members', COUNT(*) FROM members"_s,
                u"sqlite:CREATE TRIGGER members_count_insert AFTER INSERT ON members BEGIN "
                "UPDATE counters SET value = value + 1 WHERE name = 'members'; END"_s,
                u"sqlite:CREATE TRIGGER members_count_delete AFTER DELETE ON members BEGIN "
                "UPDATE counters SET value = value - 1 WHERE name = 'members'; END"_s,
                u"postgres:CREATE FUNCTION daftar_count_members() RETURNS trigger LANGUAGE plpgsql "
                "AS $$ BEGIN "
                "IF TG_OP = 'INSERT' THEN "
                "UPDATE counters SET value = value + 1 WHERE name = 'members'; "
                "ELSE UPDATE counters SET value = value - 1 WHERE name = 'members'; END IF; "
                "RETURN NULL; END $$"_s,
                u"postgres:CREATE TRIGGER members_count AFTER INSERT OR DELETE ON members "
                "FOR EACH ROW EXECUTE FUNCTION daftar_count_members()"_s,
            }},
        {6, u"imports index the member search once per batch"_s,
            {
                // FTS5 writes its pending terms out at every statement of a
                // transaction it has joined, so a trigger firing per imported row
                // made a million small index segments. While a write transaction
                // holds the 'members_bulk' row (the largest id before it; never
                // committed), the per-row triggers stand aside and the import
                // indexes and counts the new rows in one statement each.
                u"sqlite:DROP TRIGGER members_fts_insert"_s,
                u"sqlite:CREATE TRIGGER members_fts_insert AFTER INSERT ON members "
                "WHEN NOT EXISTS (SELECT 1 FROM counters WHERE name = 'members_bulk') BEGIN "
                "INSERT INTO members_fts (rowid, search_key) VALUES (new.id, new.search_key); END"_s,
                u"sqlite:DROP TRIGGER members_count_insert"_s,
                u"sqlite:CREATE TRIGGER members_count_insert AFTER INSERT ON members "
                "WHEN NOT EXISTS (SELECT 1 FROM counters WHERE name = 'members_bulk') BEGIN "
                "UPDATE counters SET value = value + 1 WHERE name = 'members'; END"_s,
                // A type-ahead query with a few thousand matches sorts them by name:
                // this narrow index (a tenth of the table's size, so it stays in
                // memory) gives each match's sort key and province without reading
                // the member's row. Ids only grow, so an import only appends to it.
                u"sqlite:CREATE INDEX members_id_sort ON members (id, sort_key, province)"_s,
                // On PostgreSQL a transaction that updates the one counter row per
                // inserted member piles up a row version each time, and each next
                // update walks them all: an import marks its transaction instead
                // and adds its count once.
                u"postgres:CREATE OR REPLACE FUNCTION daftar_count_members() RETURNS trigger "
                "LANGUAGE plpgsql AS $$ BEGIN "
                "IF TG_OP = 'INSERT' THEN "
                "IF coalesce(current_setting('daftar.bulk_members', true), '') = 'on' THEN "
                "RETURN NULL; END IF; "
                "UPDATE counters SET value = value + 1 WHERE name = 'members'; "
                "ELSE UPDATE counters SET value = value - 1 WHERE name = 'members'; END IF; "
                "RETURN NULL; END $$"_s,
            }},
        {7, u"the member search index in name order"_s,
            {
                // A type-ahead shows the first members in name order of those that
                // match. With the search index keyed by id, every match had to be
                // looked up and sorted (30 ms for ten thousand). Keyed by each
                // member's place in the name order, the index hands them out in
                // that order and the first 50 end the search; the province is in
                // the index too, so a search in one province stops as early.
                // name_rank grows with (sort_key, id), with gaps between members
                // for newcomers (MemberService places them and respaces when a
                // gap is full); rows of an import in progress are placed and
                // indexed when their batch ends.
                u"sqlite:DROP TRIGGER members_fts_insert"_s,
                u"sqlite:DROP TRIGGER members_fts_delete"_s,
                u"sqlite:DROP TRIGGER members_fts_update"_s,
                u"sqlite:DROP TABLE members_fts"_s,
                u"sqlite:DROP INDEX members_id_sort"_s,
                u"sqlite:ALTER TABLE members ADD COLUMN name_rank INTEGER"_s,
                u"sqlite:UPDATE members SET name_rank = ranked.n * 16777216 FROM "
                "(SELECT id, ROW_NUMBER() OVER (ORDER BY sort_key, id) - 1 AS n FROM members) "
                "AS ranked WHERE members.id = ranked.id"_s,
                u"sqlite:CREATE UNIQUE INDEX members_name_rank ON members (name_rank)"_s,
                u"sqlite:CREATE VIRTUAL TABLE members_fts USING fts5(search_key, province, "
                "content='members', content_rowid='name_rank', "
                "tokenize='unicode61 remove_diacritics 0', prefix='1 2 3', detail='column')"_s,
                u"sqlite:INSERT INTO members_fts (members_fts) VALUES ('rebuild')"_s,
                // A row is in the index once it has its place; rows of the batch an
                // import is writing (ids above the 'members_bulk' mark) are left to
                // the import, which indexes them in one statement.
                u"sqlite:CREATE TRIGGER members_fts_insert AFTER INSERT ON members "
                "WHEN new.name_rank IS NOT NULL AND NOT EXISTS (SELECT 1 FROM counters "
                "WHERE name = 'members_bulk' AND value < new.id) BEGIN "
                "INSERT INTO members_fts (rowid, search_key, province) "
                "VALUES (new.name_rank, new.search_key, new.province); END"_s,
                u"sqlite:CREATE TRIGGER members_fts_delete AFTER DELETE ON members "
                "WHEN old.name_rank IS NOT NULL AND NOT EXISTS (SELECT 1 FROM counters "
                "WHERE name = 'members_bulk' AND value < old.id) BEGIN "
                "INSERT INTO members_fts (members_fts, rowid, search_key, province) "
                "VALUES ('delete', old.name_rank, old.search_key, old.province); END"_s,
                u"sqlite:CREATE TRIGGER members_fts_update "
                "AFTER UPDATE OF search_key, province, name_rank ON members "
                "WHEN NOT EXISTS (SELECT 1 FROM counters "
                "WHERE name = 'members_bulk' AND value < old.id) BEGIN "
                "INSERT INTO members_fts (members_fts, rowid, search_key, province) "
                "SELECT 'delete', old.name_rank, old.search_key, old.province "
                "WHERE old.name_rank IS NOT NULL; "
                "INSERT INTO members_fts (rowid, search_key, province) "
                "SELECT new.name_rank, new.search_key, new.province "
                "WHERE new.name_rank IS NOT NULL; END"_s,
            }},
    };
    return all;
}

// The statement for this engine, or an empty string when it belongs to the other.
QString portable(QString sql, const Database &db)
{
    const QString mine = db.isPostgres() ? u"postgres:"_s : u"sqlite:"_s;
    const QString theirs = db.isPostgres() ? u"sqlite:"_s : u"postgres:"_s;
    if (sql.startsWith(theirs)) {
        return {};
    }
    if (sql.startsWith(mine)) {
        sql = sql.mid(mine.size());
    }
    return sql.replace(u"%ID%"_s,
        db.isPostgres() ? u"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"_s
                        : u"INTEGER PRIMARY KEY AUTOINCREMENT"_s);
}

Status ensureVersionTable(Database &db)
{
    const QStringList tables = db.tables();
    if (tables.contains(u"schema_version"_s)) {
        return success();
    }
    const QString where = db.location().displayName();
    // SQLite keeps internal tables such as sqlite_sequence; anything else means
    // somebody else's data, which we must not touch.
    for (const QString &table : tables) {
        if (!table.startsWith(u"sqlite_"_s)) {
            return makeError(Error::Kind::Incompatible,
                Text::tr("%1 already holds other data (table \"%2\") and is not a Daftar "
                         "database. Choose an empty database or a Daftar one; nothing was "
                         "changed.")
                    .arg(where, table));
        }
    }
    return db.inTransaction([&]() -> Status {
        auto created = db.run(u"CREATE TABLE IF NOT EXISTS schema_version ("
                              " version INTEGER PRIMARY KEY,"
                              " description TEXT NOT NULL,"
                              " applied_at TEXT NOT NULL)"_s);
        return created ? success() : Status(created.error());
    });
}

Status refuseIfNewer(Database &db, int version)
{
    if (version <= latestSchemaVersion()) {
        return success();
    }
    return makeError(Error::Kind::Incompatible,
        Text::tr("The database %1 was written by a newer version of Daftar (schema "
                 "version %2; this program knows up to %3). Install the newer Daftar to "
                 "open it; nothing was changed.")
            .arg(db.location().displayName())
            .arg(version)
            .arg(latestSchemaVersion()));
}

Status apply(Database &db, const Migration &migration)
{
    return db.inTransaction([&]() -> Status {
        if (db.isPostgres()) {
            // Two desktops starting at once must not both migrate.
            if (auto locked = db.run(u"SELECT pg_advisory_xact_lock(7230431)"_s); !locked) {
                return locked.error();
            }
        }
        const auto current = db.schemaVersion();
        if (!current) {
            return current.error();
        }
        if (*current >= migration.version) {
            return success(); // another desktop did it meanwhile
        }
        for (const QString &statement : migration.statements) {
            const QString sql = portable(statement, db);
            if (sql.isEmpty()) {
                continue;
            }
            if (auto done = db.run(sql); !done) {
                return makeError(Error::Kind::Storage,
                    Text::tr("Upgrading the database to version %1 (%2) failed; it was "
                             "left at version %3. %4")
                        .arg(migration.version)
                        .arg(migration.description)
                        .arg(*current)
                        .arg(done.errorMessage()));
            }
        }
        auto recorded = db.run(
            u"INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"_s,
            {migration.version, migration.description,
                QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
        return recorded ? success() : Status(recorded.error());
    });
}

} // namespace

int latestSchemaVersion()
{
    return migrations().constLast().version;
}

QStringList expectedTables()
{
    return {u"schema_version"_s, u"users"_s, u"audit_log"_s, u"provinces"_s, u"branches"_s,
        u"counters"_s, u"members"_s, u"member_status_history"_s, u"member_dues"_s};
}

Status checkCompatible(Database &db)
{
    const auto version = db.schemaVersion();
    if (!version) {
        return version.error();
    }
    return refuseIfNewer(db, *version);
}

Status migrateToLatest(Database &db)
{
    return migrateTo(db, latestSchemaVersion());
}

Status migrateTo(Database &db, int target)
{
    if (const Status table = ensureVersionTable(db); !table) {
        return table;
    }
    const auto version = db.schemaVersion();
    if (!version) {
        return version.error();
    }
    if (const Status newer = refuseIfNewer(db, *version); !newer) {
        return newer;
    }
    if (*version >= target) {
        return success();
    }
    for (const Migration &migration : migrations()) {
        if (migration.version > *version && migration.version <= target) {
            if (const Status applied = apply(db, migration); !applied) {
                return applied;
            }
        }
    }
    return success();
}

} // namespace daftar::storage
