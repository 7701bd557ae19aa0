# Throwaway PostgreSQL cluster for tests and benchmarks: a temporary data directory, a free loopback
# port, trust auth, owned by the unprivileged 'postgres' user (initdb refuses root).
# fsync is off: the tests kill clients and servers, never the machine, so durability against an OS crash buys
# nothing here and its disk flushes made CREATE DATABASE take tens of seconds on a loaded CI machine.
# Usage: source this file, call start_throwaway_postgres; it exports AEMCONF_TEST_POSTGRES_URL and
# registers stop_throwaway_postgres on EXIT.

postgres_bindir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

free_loopback_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

as_postgres_user() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_throwaway_postgres() {
    local bindir port
    bindir=$(postgres_bindir)
    if [ -z "$bindir" ]; then
        echo "scripts/test: PostgreSQL binaries not found under /usr/lib/postgresql" >&2
        return 1
    fi
    AEMCONF_PG_DIR=$(mktemp -d /tmp/aemconf-pg.XXXXXX)
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$AEMCONF_PG_DIR"
    as_postgres_user "$bindir/initdb" -D "$AEMCONF_PG_DIR/data" --auth=trust --username=postgres \
        --encoding=UTF8 --no-instructions >"$AEMCONF_PG_DIR/initdb.log" 2>&1 || {
        cat "$AEMCONF_PG_DIR/initdb.log" >&2
        return 1
    }
    for _ in 1 2 3 4 5; do
        port=$(free_loopback_port)
        if as_postgres_user "$bindir/pg_ctl" -D "$AEMCONF_PG_DIR/data" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $AEMCONF_PG_DIR -c max_connections=200 -c fsync=off -c full_page_writes=off" \
            -l "$AEMCONF_PG_DIR/server.log" start >/dev/null; then
            AEMCONF_PG_BINDIR=$bindir
            export AEMCONF_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
            trap stop_throwaway_postgres EXIT
            echo "scripts/test: throwaway PostgreSQL at 127.0.0.1:$port ($AEMCONF_PG_DIR)"
            return 0
        fi
    done
    cat "$AEMCONF_PG_DIR/server.log" >&2
    return 1
}

stop_throwaway_postgres() {
    if [ -n "${AEMCONF_PG_DIR:-}" ] && [ -d "$AEMCONF_PG_DIR/data" ]; then
        as_postgres_user "$AEMCONF_PG_BINDIR/pg_ctl" -D "$AEMCONF_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$AEMCONF_PG_DIR"
    fi
}
