#!/usr/bin/env bash
# Load benchmark: inquiries created per second and latency percentiles, against one and two
# `corridor serve` processes, on SQLite and on PostgreSQL. Not a test: figures depend on the
# machine (and on whatever else runs on it).
#
#   bench/load/run.sh                    # 20 s per run, 16 connections per server
#   DURATION=60 CONNECTIONS=32 bench/load/run.sh
#   POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres bench/load/run.sh
#
# Needs wrk (`apt-get install wrk`) and, for the PostgreSQL rows, a server where POSTGRES_URL's
# user may create databases (one is created per run and dropped afterwards).
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
POSTGRES_URL="${POSTGRES_URL:-${CORRIDOR_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

cargo build --release --locked -p corridor >&2
BIN="$PWD/target/release/corridor"
WORK="$(mktemp -d)"
PIDS=()
PG_DBS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for db in "${PG_DBS[@]}"; do
        psql -q "$POSTGRES_URL" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

fresh_db() { # backend run-name -> sets DB
    case "$1" in
        sqlite) DB="$WORK/$2.db" ;;
        postgres)
            local name="corridor_load_$2_$$"
            psql -q "$POSTGRES_URL" -c "CREATE DATABASE $name" >/dev/null
            PG_DBS+=("$name")
            DB="${POSTGRES_URL%/*}/$name" ;;
    esac
}

start_server() { # db -> base URL on stdout
    local log="$WORK/server-$RANDOM.log"
    : >"$log"
    CORRIDOR_LOG=warn "$BIN" serve --db "$1" --addr 127.0.0.1:0 --db-pool-size 8 >"$log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 100); do
        if grep -q "http://" "$log"; then
            grep -o 'http://[0-9.:]*' "$log" | head -n 1
            return
        fi
        sleep 0.1
    done
    echo "the server did not start:" >&2; cat "$log" >&2; exit 1
}

run() { # backend servers
    local backend="$1" servers="$2" db
    # Not in a subshell: the database must be registered for clean-up.
    fresh_db "$backend" "${backend}_${servers}"
    db="$DB"
    CORRIDOR_LOG=warn "$BIN" user add --db "$db" --username lead --name "Load Lead" --role lead >/dev/null
    CORRIDOR_LOG=warn "$BIN" team add --db "$db" --name Everything --lead lead >/dev/null
    export CORRIDOR_TOKEN
    CORRIDOR_TOKEN="$(CORRIDOR_LOG=warn "$BIN" token create --db "$db" --user lead --name load)"
    local bases=() outs=() wrks=()
    for i in $(seq 1 "$servers"); do bases+=("$(start_server "$db")"); done
    for i in "${!bases[@]}"; do
        outs+=("$WORK/wrk-$backend-$servers-$i.txt")
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/load/inquiry.lua \
            "${bases[$i]}" >"${outs[$i]}" &
        wrks+=($!)
    done
    wait "${wrks[@]}"
    # Stored, not just answered: count what the database holds.
    local stored
    stored="$(CORRIDOR_LOG=warn "$BIN" audit verify --db "$db" >/dev/null && echo ok || echo BROKEN)"
    local rps=0 p50=0 p99=0 errors=0
    for out in "${outs[@]}"; do
        rps="$(awk -v a="$rps" '/Requests\/sec/ {print a + $2}' "$out")"
        p50="$(awk -v a="$p50" '/^ +50%/ {v=$2; if (v ~ /ms$/) v+=0; else if (v ~ /us$/) v/=1000; else if (v ~ /s$/) v*=1000; print (v > a ? v : a)}' "$out")"
        p99="$(awk -v a="$p99" '/^ +99%/ {v=$2; if (v ~ /ms$/) v+=0; else if (v ~ /us$/) v/=1000; else if (v ~ /s$/) v*=1000; print (v > a ? v : a)}' "$out")"
        errors=$((errors + $(awk '/Non-2xx/ {print $5}' "$out" | grep . || echo 0)))
        errors=$((errors + $(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out" | grep . || echo 0)))
    done
    printf '| %-8s | %7s | %10.0f | %8.1f | %8.1f | %6s | %s |\n' \
        "$backend" "$servers" "$rps" "$p50" "$p99" "$errors" "$stored"
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    PIDS=()
}

echo "Each server gets $CONNECTIONS connections from wrk ($THREADS threads) for ${DURATION}s; $(nproc) cores."
echo
echo "| backend  | servers | inquiries/s | p50 ms | p99 ms | errors | audit chain |"
echo "| -------- | ------- | ----------- | ------ | ------ | ------ | ----------- |"
for backend in sqlite postgres; do
    if [ "$backend" = postgres ] && ! psql -q "$POSTGRES_URL" -c "SELECT 1" >/dev/null 2>&1; then
        echo "| postgres | - | (no server at $POSTGRES_URL) | | | | |"
        continue
    fi
    for servers in 1 2; do run "$backend" "$servers"; done
done
