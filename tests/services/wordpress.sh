#!/usr/bin/env bash
# Starts or stops a real WordPress (Debian's package) for the publishing tests:
# PHP's built-in server on 127.0.0.1:PORT over a private MariaDB that listens
# only on a socket in a folder of its own under /tmp. Never touches /etc, the
# system's MariaDB or Apache. The site is installed from the PHP command line
# (over HTTP wp_install() takes seconds, because WordPress calls itself) with an
# administrator and an editor, each with an application password; the URL and
# the credentials are written to STATE/env, and to ENVFILE when given.
#
#   wordpress.sh start PORT [ENVFILE]   wordpress.sh stop PORT [ENVFILE]
#   wordpress.sh env PORT
set -euo pipefail
action=${1:-} port=${2:-} envcopy=${3:-}
state=${TMPDIR:-/tmp}/daftar-test-wp-$port-$(id -u)
wordpress=/usr/share/wordpress
url=http://127.0.0.1:$port

usage() {
    echo "usage: $0 start|stop PORT [ENVFILE] | env PORT" >&2
    exit 2
}
[[ "$port" =~ ^[0-9]+$ ]] || usage

# Signals a recorded process (group) and waits up to 10 s before killing it.
# Zombies count as gone: under some PID 1s they are reaped late.
alive() {
    local st
    st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
    [ -n "$st" ] && [ "$st" != Z ]
}
finish() {
    local pidfile=$1 target pid
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    target=$pid
    if [ "${2:-}" = group ]; then target=-$pid; fi
    kill -TERM -- "$target" 2>/dev/null || return 0
    for _ in $(seq 100); do
        alive "$pid" || return 0
        sleep 0.1
    done
    kill -KILL -- "$target" 2>/dev/null || true
}
stop_all() {
    finish "$state/php.pid" group
    finish "$state/mariadbd.pid"
    rm -rf "$state"
    if [ -n "$envcopy" ]; then rm -f "$envcopy"; fi
}

random() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

fail() {
    echo "WordPress on $url did not start: $1" >&2
    local log
    for log in "${@:2}"; do
        if [ -f "$log" ]; then
            echo "--- last lines of $log" >&2
            tail -n 30 "$log" >&2
        fi
    done
    finish "$state/php.pid" group
    finish "$state/mariadbd.pid"
    echo "(logs kept in $state)" >&2
    exit 1
}

start() {
    local missing=() tool
    for tool in mariadb-install-db mariadbd mariadb mariadb-admin php curl; do
        command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
    done
    local modules
    modules=$(php -m 2>/dev/null || true)
    if [ ! -f "$wordpress/wp-includes/version.php" ] || ((${#missing[@]})) \
        || ! grep -qx mysqli <<<"$modules"; then
        echo "WordPress, MariaDB or PHP not found (Debian packages: wordpress mariadb-server php-cli php-mysql curl)." >&2
        exit 1
    fi
    local mariadbd
    mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)

    local socket=$state/db.sock
    if ((${#socket} >= 100)); then
        echo "The MariaDB socket path $socket is too long for a unix socket; set a shorter TMPDIR." >&2
        exit 1
    fi
    stop_all
    mkdir -p "$state/wp" "$state/db"

    # MariaDB refuses to run as root unless told to; as anyone else it runs as that user.
    local asuser=()
    if [ "$(id -u)" = 0 ]; then asuser=(--user=root); fi
    local server=(--datadir="$state/db" --socket="$socket" --skip-networking --skip-name-resolve
        --innodb-buffer-pool-size=32M --innodb-log-file-size=16M --character-set-server=utf8mb4
        --collation-server=utf8mb4_unicode_ci "${asuser[@]}")
    mariadb-install-db --no-defaults "${server[@]}" --skip-test-db \
        --auth-root-authentication-method=normal >"$state/mariadb-install.log" 2>&1 \
        || fail "mariadb-install-db failed" "$state/mariadb-install.log"
    setsid "$mariadbd" --no-defaults "${server[@]}" --pid-file="$state/mariadbd.pid.server" \
        --log-error="$state/mariadb.log" </dev/null >>"$state/mariadb.log" 2>&1 &
    echo $! >"$state/mariadbd.pid"
    local sql=(mariadb --no-defaults --socket="$socket" -uroot)
    for _ in $(seq 150); do
        mariadb-admin --no-defaults --socket="$socket" -uroot ping >/dev/null 2>&1 && break
        alive "$(cat "$state/mariadbd.pid")" || fail "mariadbd exited" "$state/mariadb.log"
        sleep 0.1
    done
    mariadb-admin --no-defaults --socket="$socket" -uroot ping >/dev/null 2>&1 \
        || fail "MariaDB did not answer within 15 s" "$state/mariadb.log"

    local dbpassword
    dbpassword=$(random 12)
    "${sql[@]}" >"$state/sql.log" 2>&1 <<SQL || fail "creating the database failed" "$state/sql.log"
CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$dbpassword';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';
SQL

    # Everything of the package but its wp-config.php, which only reads
    # /etc/wordpress, and its wp-content, which has to be writable.
    local entry
    for entry in "$wordpress"/*; do
        case "${entry##*/}" in
        wp-config.php | wp-content) ;;
        *) ln -s "$entry" "$state/wp/" ;;
        esac
    done
    mkdir -p "$state/wp/wp-content/plugins" "$state/wp/wp-content/themes" \
        "$state/wp/wp-content/mu-plugins" "$state/wp/wp-content/uploads"
    for entry in "$wordpress"/wp-content/themes/*; do
        ln -s "$entry" "$state/wp/wp-content/themes/"
    done
    ln -s "$wordpress/wp-content/languages" "$state/wp/wp-content/languages"
    cat >"$state/wp/wp-content/mu-plugins/no-mail.php" <<'PHP'
<?php
// There is no mail transport on test machines: drop every message quietly.
add_filter('pre_wp_mail', '__return_false');
PHP

    local salts='' key
    for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT \
        LOGGED_IN_SALT NONCE_SALT; do
        salts+="define('$key', '$(random 32)');"$'\n'
    done
    cat >"$state/wp/wp-config.php" <<PHP
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$dbpassword');
define('DB_HOST', 'localhost:$socket');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$salts
\$table_prefix = 'wp_';
define('WP_HOME', '$url');
define('WP_SITEURL', '$url');
// "local" allows application passwords over plain http.
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_DEBUG', false);
require_once ABSPATH . 'wp-settings.php';
PHP
    # PHP resolves the symlinked entry points to /usr/share/wordpress, whose
    # wp-load.php would then look for the package's configuration.
    cat >"$state/prepend.php" <<PHP
<?php
define('ABSPATH', '$state/wp/');
PHP

    cat >"$state/install.php" <<'PHP'
<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = parse_url(getenv('DAFTAR_WP_URL'), PHP_URL_HOST) . ':' . parse_url(getenv('DAFTAR_WP_URL'), PHP_URL_PORT);
require_once ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

function failed($what) {
    fwrite(STDERR, $what . "\n");
    exit(1);
}

function applicationPassword($userId) {
    $created = WP_Application_Passwords::create_new_application_password($userId, ['name' => 'Daftar tests']);
    if (is_wp_error($created)) {
        failed($created->get_error_message());
    }
    return $created[0];
}

$installed = wp_install('Daftar test site', 'daftar-admin', 'daftar-admin@example.org', false, '',
                        wp_generate_password(24, false));
if (empty($installed['user_id'])) {
    failed('wp_install() created no administrator');
}
// The roles were read before the tables existed.
wp_roles()->for_site();
$editor = wp_insert_user([
    'user_login' => 'daftar-editor',
    'user_pass' => wp_generate_password(24, false),
    'user_email' => 'daftar-editor@example.org',
    'display_name' => 'Daftar Editor',
    'role' => 'editor',
]);
if (is_wp_error($editor)) {
    failed($editor->get_error_message());
}
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false);

echo 'DAFTAR_TEST_WP_URL=', getenv('DAFTAR_WP_URL'), "\n";
echo "DAFTAR_TEST_WP_USER=daftar-editor\n";
echo 'DAFTAR_TEST_WP_PASSWORD=', applicationPassword($editor), "\n";
echo "DAFTAR_TEST_WP_ADMIN_USER=daftar-admin\n";
echo 'DAFTAR_TEST_WP_ADMIN_PASSWORD=', applicationPassword($installed['user_id']), "\n";
PHP
    local php=(php -d "auto_prepend_file=$state/prepend.php" -d display_errors=stderr
        -d log_errors=0)
    DAFTAR_WP_URL=$url "${php[@]}" "$state/install.php" >"$state/env.new" 2>"$state/install.log" \
        || fail "installing WordPress failed" "$state/install.log"
    mv "$state/env.new" "$state/env"

    PHP_CLI_SERVER_WORKERS=4 setsid php -d "auto_prepend_file=$state/prepend.php" \
        -d display_errors=0 -d log_errors=1 -d "error_log=$state/php-errors.log" \
        -d upload_max_filesize=64M -d post_max_size=64M \
        -S "127.0.0.1:$port" -t "$state/wp" </dev/null >"$state/server.log" 2>&1 &
    echo $! >"$state/php.pid"

    local editor_password
    editor_password=$(sed -n 's/^DAFTAR_TEST_WP_PASSWORD=//p' "$state/env")
    local ready=''
    for _ in $(seq 300); do
        alive "$(cat "$state/php.pid")" \
            || fail "PHP's server exited (is port $port taken?)" "$state/server.log"
        if [ "$(curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --max-time 5 "$url/?rest_route=/")" = 200 ] \
            && [ "$(curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --max-time 5 \
                -u "daftar-editor:$editor_password" "$url/?rest_route=/wp/v2/users/me")" = 200 ]; then
            ready=1
            break
        fi
        sleep 0.1
    done
    [ -n "$ready" ] || fail "the REST API did not accept the editor within 30 s" \
        "$state/server.log" "$state/php-errors.log"

    if [ -n "$envcopy" ]; then
        mkdir -p "$(dirname "$envcopy")"
        cp "$state/env" "$envcopy"
    fi
    local version
    version=$(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$wordpress/wp-includes/version.php")
    echo "WordPress $version on $url (state in $state)"
}

case "$action" in
start)
    start
    ;;
stop)
    stop_all
    echo "WordPress on port $port stopped"
    ;;
env)
    if [ ! -f "$state/env" ]; then
        echo "No test WordPress runs on port $port (start it with: $0 start $port)." >&2
        exit 1
    fi
    cat "$state/env"
    ;;
*)
    usage
    ;;
esac
