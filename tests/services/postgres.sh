#!/usr/bin/env bash
# Starts or stops a private PostgreSQL for the tests: a fresh cluster in a folder
# of its own under /tmp, listening on 127.0.0.1:PORT and a socket in that folder.
# Never touches a system cluster. As root the server runs as the "postgres" user
# (initdb refuses root), which is why the state is not kept in the build tree: a
# checkout in a private folder would be out of that user's reach.
set -euo pipefail
action=$1 port=$2
state=${TMPDIR:-/tmp}/daftar-test-postgres-$port-$(id -u)

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "PostgreSQL server binaries not found (Debian package: postgresql)." >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
    if [ -f "$state/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$state/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$state"
    mkdir -p "$state"
    if [ "$(id -u)" = 0 ]; then chown postgres "$state"; fi
    as_owner "$bindir/initdb" -D "$state/data" -A trust -U daftar -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
        || { cat "$state/initdb.log" >&2; exit 1; }
    as_owner "$bindir/pg_ctl" -D "$state/data" -l "$state/server.log" -w -t 30 start \
        -o "-k $state -c listen_addresses=127.0.0.1 -p $port -c fsync=off" >/dev/null \
        || { cat "$state/server.log" >&2; exit 1; }
    echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (state in $state)"
    ;;
stop)
    if [ -f "$state/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$state/data" -m fast -w stop >/dev/null
    fi
    rm -rf "$state"
    echo "PostgreSQL on port $port stopped"
    ;;
*)
    echo "usage: $0 start|stop PORT" >&2
    exit 2
    ;;
esac
