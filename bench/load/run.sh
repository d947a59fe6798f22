#!/usr/bin/env bash
# Load benchmark: inquiries created per second and latency percentiles at 16 and 64
# connections, for SQLite with one `corridor serve` and PostgreSQL with one and two (the
# connections split between them), beside the database's own single-row durable commit rate
# measured in the same run on the same disk (`corridor commit-bench`), and the ratio of the two:
# figures depend on the machine and whatever else runs on it, the ratio much less. Not a test.
#
#   bench/load/run.sh                    # 20 s per run
#   DURATION=60 CONNECTIONS="16 64 256" bench/load/run.sh
#   SETUPS="sqlite:1" bench/load/run.sh  # only some of sqlite:1 postgres:1 postgres:2
#   CORRIDOR_GROUP_MAX=1 bench/load/run.sh  # without group commit: a transaction per inquiry
#   POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres bench/load/run.sh
#
# Needs wrk (`apt-get install wrk`) and, for the PostgreSQL rows, a server where POSTGRES_URL's
# user may create databases (one is created per run and dropped afterwards).
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-16 64}"
SETUPS="${SETUPS:-sqlite:1 postgres:1 postgres:2}"
THREADS="${THREADS:-2}"
POSTGRES_URL="${POSTGRES_URL:-${CORRIDOR_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

# BIN=path/to/corridor measures another build (a baseline) instead of building this one.
if [ -z "${BIN:-}" ]; then
    cargo build --release --locked -p corridor >&2
    BIN="$PWD/target/release/corridor"
fi
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

run() { # backend servers connections raw-commits/s
    local backend="$1" servers="$2" connections="$3" raw="$4" db
    # Not in a subshell: the database must be registered for clean-up.
    fresh_db "$backend" "${backend}_${servers}_${connections}"
    db="$DB"
    CORRIDOR_LOG=warn "$BIN" user add --db "$db" --username lead --name "Load Lead" --role lead >/dev/null
    CORRIDOR_LOG=warn "$BIN" team add --db "$db" --name Everything --lead lead >/dev/null
    export CORRIDOR_TOKEN
    CORRIDOR_TOKEN="$(CORRIDOR_LOG=warn "$BIN" token create --db "$db" --user lead --name load)"
    local bases=() outs=() wrks=()
    for i in $(seq 1 "$servers"); do bases+=("$(start_server "$db")"); done
    for i in "${!bases[@]}"; do
        outs+=("$WORK/wrk-$backend-$servers-$i.txt")
        wrk -t"$THREADS" -c"$((connections / servers))" -d"${DURATION}s" --latency -s bench/load/inquiry.lua \
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
    printf '| %-8s | %7s | %11s | %11.0f | %6.1f | %6.1f | %6s | %11s | %5.2f | %s |\n' \
        "$backend" "$servers" "$connections" "$rps" "$p50" "$p99" "$errors" "$raw" \
        "$(awk -v a="$rps" -v b="$raw" 'BEGIN {print (b > 0 ? a / b : 0)}')" "$stored"
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    PIDS=()
}

raw_commits() { # backend -> RAW[backend]: single-row durable commits/s of a fresh database
    fresh_db "$1" "${1}_commits" # not in a subshell: the database must be registered for clean-up
    RAW[$1]="$(CORRIDOR_LOG=warn "$BIN" commit-bench --db "$DB" --seconds "${COMMIT_SECONDS:-5}")"
}

echo "wrk: $THREADS threads per server for ${DURATION}s, the connections split between the servers;"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start."
echo "raw commits/s: one writer committing one row per transaction, the store's durability settings."
echo "group commit: up to ${CORRIDOR_GROUP_MAX:-400} submissions per transaction (CORRIDOR_GROUP_MAX)."
echo
echo "| backend  | servers | connections | inquiries/s | p50 ms | p99 ms | errors | raw commits/s | ratio | audit chain |"
echo "| -------- | ------- | ----------- | ----------- | ------ | ------ | ------ | ------------- | ----- | ----------- |"
declare -A RAW=()
for setup in $SETUPS; do
    backend="${setup%%:*}" servers="${setup##*:}"
    if [ "$backend" = postgres ] && ! psql -q "$POSTGRES_URL" -c "SELECT 1" >/dev/null 2>&1; then
        echo "| postgres | $servers | (no server at $POSTGRES_URL) | | | | | | | |"
        continue
    fi
    [ -n "${RAW[$backend]:-}" ] || raw_commits "$backend"
    for connections in $CONNECTIONS; do run "$backend" "$servers" "$connections" "${RAW[$backend]}"; done
done
