#!/usr/bin/env bash
# Builds dormplan's fuzz targets and runs each for SECONDS (default 600), one after the other,
# on one core; then prints one line per target: seconds, executions, crashes.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      (every target when none is named)
#
# Needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz). Environment:
#   FUZZ_SANITIZER   address | none (default none: dormplan forbids unsafe code)
#   CARGO_BUILD_JOBS cores for the build (cargo's default: all)
#   DORMPLAN_FUZZ_STRICT  set: an error dormplan reports as its own internal fault is a crash
# The working corpus is fuzz/corpus/TARGET (kept between runs, not in git); the committed
# seeds fuzz/seeds/TARGET are read as a second corpus. Crashes land in fuzz/artifacts/TARGET/.
# See docs/fuzzing.md. Exit status: 0 when no target found anything, 1 when one did.
set -uo pipefail
cd "$(dirname "$0")/.."

ALL=(towns sites demand cost_matrix scenario policy pipeline)
seconds=${1:-600}
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: fuzz/run.sh [SECONDS] [TARGET...]   (targets: ${ALL[*]})" >&2
  exit 2
fi
shift $(($# > 0 ? 1 : 0))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${ALL[@]}")
for t in "${targets[@]}"; do
  [[ " ${ALL[*]} " == *" $t "* ]] || { echo "unknown target: $t (targets: ${ALL[*]})" >&2; exit 2; }
done

flags=(--sanitizer "${FUZZ_SANITIZER:-none}")
# The allocation solves independent parts on rayon's threads: one is enough here.
export RAYON_NUM_THREADS=1

nice -n 10 cargo +nightly fuzz build "${flags[@]}" || exit 2

# The dictionaries of the formats each target reads.
dicts() {
  case $1 in
    towns | sites) echo csv geojson ;;
    demand | cost_matrix) echo csv ;;
    scenario | policy) echo toml ;;
    pipeline) echo pipeline toml csv geojson ;;
  esac
}

work=fuzz/target/run
mkdir -p "$work"
row='%-12s %7s %11s   %s'
summary=()
found=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t" "$work/tmp-$t"
  dict="$work/$t.dict"
  : >"$dict"
  for d in $(dicts "$t"); do cat "fuzz/dict/$d.dict" >>"$dict"; done
  before=$(ls "fuzz/artifacts/$t")
  log="$work/$t.log"
  start=$(date +%s)
  # Each input is written to a temporary folder of the harness: keep those under fuzz/target.
  TMPDIR="$PWD/$work/tmp-$t" nice -n 10 cargo +nightly fuzz run "${flags[@]}" "$t" \
    "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict="$dict" \
    -print_final_stats=1 >"$log" 2>&1
  status=$?
  elapsed=$(($(date +%s) - start))
  rm -rf "$work/tmp-$t"
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  [ -n "$execs" ] || execs=$(grep -o '^Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]\+')
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  new=$(comm -13 <(echo "$before") <(ls "fuzz/artifacts/$t") | sed "s|^|fuzz/artifacts/$t/|" | tr '\n' ' ')
  if [ -n "$new" ]; then
    found=1
    crashes="$new"
    echo "== $t: found something (log: $log)" >&2
    grep -m1 -B2 -A12 "panicked at\|ERROR: libFuzzer\|==ERROR" "$log" >&2
  elif [ "$status" -ne 0 ]; then
    found=1
    crashes="exit status $status without an artifact (log: $log)"
    tail -20 "$log" >&2
  else
    crashes=0
  fi
  summary+=("$(printf "$row" "$t" "$elapsed" "${execs:-?}" "$crashes")")
done

echo
printf "$row\n" target seconds executions crashes
printf '%s\n' "${summary[@]}"
exit $found
