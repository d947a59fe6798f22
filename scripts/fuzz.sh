#!/usr/bin/env bash
# Fuzzes every parser of untrusted input for a set time each (default 60 s) with cargo-fuzz
# (libFuzzer), then merges the inputs that reached new code into fuzz/corpus/<target>/, which
# the test suite replays (crates/fuzz-targets/tests/corpus.rs). A crash stops the script and
# leaves its input in fuzz/artifacts/<target>/.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

secs="${1:-60}"
shift || true
if ! command -v cargo-fuzz >/dev/null; then
    cargo install cargo-fuzz --locked
fi
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi

# Without a sanitizer: Corridor has no unsafe code of its own, so what fuzzing finds here is
# panics, hangs and runaway memory, which need no nightly toolchain to detect.
flags=(-O -s none)
cargo fuzz build "${flags[@]}"
failed=()
for t in "${targets[@]}"; do
    new="$(mktemp -d)"
    echo "== $t: ${secs}s" >&2
    if ! cargo fuzz run "${flags[@]}" "$t" "$new" "corpus/$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1; then
        failed+=("$t")
    fi
    # Keep only what adds coverage to the kept corpus.
    cargo fuzz run "${flags[@]}" "$t" -- -merge=1 "corpus/$t" "$new" 2>&1 | grep -E "MERGE-OUTER: [0-9]+ new files" >&2 || true
    rm -rf "$new"
done
if [ "${#failed[@]}" -gt 0 ]; then
    echo "found crashes, hangs or memory blow-ups in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
