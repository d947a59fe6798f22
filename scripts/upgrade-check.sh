#!/usr/bin/env bash
# Checks that a database made by one release opens under another without loss, on SQLite and
# (when POSTGRES_URL names a server where databases may be created) on PostgreSQL:
#
#   scripts/upgrade-check.sh OLD_CORRIDOR NEW_CORRIDOR
#
# The old binary fills a fresh database with the demo surge; the new one migrates it. Both then
# print the situation report of the same period and verify the audit chain; the reports must be
# the same, figure for figure. Everything stays in a temporary directory (or database) that is
# removed at the end.
set -euo pipefail
old="$(realpath "$1")"
new="$(realpath "$2")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CORRIDOR_LOG=warn

check() { # DB NAME
    local db="$1" name="$2"
    "$old" demo --db "$db" >/dev/null
    "$old" sitrep --db "$db" --from 2021-08-01 --to 2021-09-30 --format json >"$work/$name-before.json"
    "$old" audit verify --db "$db" >/dev/null
    "$new" migrate --db "$db" >/dev/null
    "$new" sitrep --db "$db" --from 2021-08-01 --to 2021-09-30 --format json >"$work/$name-after.json"
    "$new" audit verify --db "$db"
    # The report says when it was made; everything else must be equal.
    if diff <(grep -v '"generated_at"' "$work/$name-before.json") \
            <(grep -v '"generated_at"' "$work/$name-after.json") >/dev/null; then
        echo "$name: the database of the old release opens under the new one; the report is the same"
    else
        echo "$name: the situation report changed across the upgrade:" >&2
        diff "$work/$name-before.json" "$work/$name-after.json" | head -40 >&2
        exit 1
    fi
}

check "$work/corridor.db" sqlite
if [ -n "${POSTGRES_URL:-}" ]; then
    name="corridor_upgrade_$$"
    psql "$POSTGRES_URL" -qc "CREATE DATABASE $name" >/dev/null
    pg="${POSTGRES_URL%/*}/$name"
    (cd "$work" && check "$pg" postgres) || { psql "$POSTGRES_URL" -qc "DROP DATABASE $name"; exit 1; }
    psql "$POSTGRES_URL" -qc "DROP DATABASE $name" >/dev/null
fi
