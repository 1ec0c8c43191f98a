# Throwaway PostgreSQL cluster for tests and benchmarks (sourced by scripts/test.sh and bench/run.sh).
# start_throwaway_postgres sets PGDIR and PGPORT; stop_throwaway_postgres stops it and removes its files.
# Uses `quietly` from the caller when defined.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PGDIR=""
PGPORT=""

# initdb refuses to run as root: run the cluster as the postgres user (from a directory it can read).
as_postgres() {
    if ((EUID == 0)); then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_throwaway_postgres() {
    PGDIR=$(mktemp -d /tmp/giamngheo-pg.XXXXXX)
    if ((EUID == 0)); then chown postgres:postgres "$PGDIR"; fi
    as_postgres "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 || { cat "$PGDIR/initdb.log"; return 1; }
    local port=55432
    for ((attempt = 0; ; attempt++)); do
        while port_in_use "$port"; do port=$((port + 1)); done
        # Another process may take the port between the probe and the start: then try the next one.
        if as_postgres "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -t 60 \
            -o "-p $port -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null 2>&1; then
            break
        fi
        if ((attempt >= 5)); then
            cat "$PGDIR/log" 2>/dev/null || true
            echo "could not start PostgreSQL"
            return 1
        fi
        port=$((port + 1))
    done
    PGPORT=$port
}

stop_throwaway_postgres() {
    if [[ -n "$PGDIR" ]]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$PGDIR"
        PGDIR=""
    fi
}
