#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the test suite, on a loopback port, and print the
# environment the tests need:
#     eval "$(.ci/start-postgres.sh)"          # start (or reuse) and export REPORT_PARSER_TEST_PG
#     .ci/start-postgres.sh stop               # stop the server started from REPORT_PARSER_PG_DIR
# initdb refuses to run as root, so as root the cluster is created and run as the `postgres` user.
set -euo pipefail

PORT="${REPORT_PARSER_PG_PORT:-55432}"
DB="${REPORT_PARSER_PG_DB:-report_parser_test}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$BIN" ] || BIN="$(dirname "$(command -v initdb 2>/dev/null || echo /usr/local/bin/initdb)")"
if [ ! -x "$BIN/initdb" ]; then
    echo "start-postgres: no initdb found (install Debian's postgresql)" >&2
    exit 3
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
    [ -n "${REPORT_PARSER_PG_DIR:-}" ] || { echo "start-postgres: REPORT_PARSER_PG_DIR is not set" >&2; exit 2; }
    as_owner "$BIN/pg_ctl" -D "$REPORT_PARSER_PG_DIR/data" -m fast -w stop >&2
    rm -rf "$REPORT_PARSER_PG_DIR"
    exit 0
fi

URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB"
if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    # A server is already listening (an earlier run of this script): reuse it.
    "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" \
        | grep -q 1 || "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
    echo "export REPORT_PARSER_TEST_PG=$URL"
    exit 0
fi

DIR="${REPORT_PARSER_PG_DIR:-$(mktemp -d /tmp/report-parser-pg.XXXXXX)}"
mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
# fsync off: a test server's data is disposable, and it makes the suite several times faster.
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=100" \
    start >&2
"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
echo "export REPORT_PARSER_PG_DIR=$DIR"
echo "export REPORT_PARSER_TEST_PG=$URL"
