#!/usr/bin/env bash
# Times the whole `dormplan check` and `dormplan allocate -o DIR` on synthetic scenarios with a
# cost matrix, to show what reading the matrix costs.
#
#   benches/matrix_read.sh [-b NAME=BINARY]... [-r RUNS] [SIZE...]
#
# SIZE is M (20,000 groups x 2,000 sites, about 600,000 matrix rows) or L (200,000 x 20,000,
# about 6,000,000 rows); default: M L. Each -b adds a dormplan binary to time (e.g. one built
# from an earlier commit); without any, the current tree is built and timed. Each command runs
# RUNS times (default 1) per binary, binaries taking turns.
#
# The scenarios are written by `examples/write_scenario.rs` (from `dormplan::synth`, seed 1)
# into benches/out/matrix-SIZE/ (ignored by git), once. Prints one row per run: wall time and
# peak resident memory of the whole command (GNU time -v), and its exit code. When several
# binaries are timed, the allocate outputs of each must be byte-identical to the first's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
names=()
bins=()
runs=1
while getopts "b:r:" opt; do
    case "$opt" in
        b) names+=("${OPTARG%%=*}"); bins+=("$(realpath "${OPTARG#*=}")") ;;
        r) runs="$OPTARG" ;;
        *) sed -n '2,15p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(M L)
if [ ${#bins[@]} -eq 0 ]; then
    cargo build --release --quiet --manifest-path "$root/Cargo.toml"
    names=(current)
    bins=("$root/target/release/dormplan")
fi
cargo build --release --quiet --manifest-path "$root/Cargo.toml" --example write_scenario
gen="$root/target/release/examples/write_scenario"

printf '| size | matrix rows | binary | command | wall s | peak MB | exit |\n'
printf '|---|---:|---|---|---:|---:|---:|\n'
for size in "${sizes[@]}"; do
    case "$size" in
        M) dims=(20000 2000) ;;
        L) dims=(200000 20000) ;;
        *) echo "unknown size $size (M or L)" >&2; exit 2 ;;
    esac
    dir="$out/matrix-$size"
    [ -f "$dir/scenario.toml" ] || "$gen" "${dims[@]}" "$dir" 1 2> /dev/null
    rows=$(($(wc -l < "$dir/costs.csv") - 1))
    for ((run = 0; run < runs; run++)); do
        for i in "${!bins[@]}"; do
            for cmd in check allocate; do
                args=("$cmd" "$dir/scenario.toml")
                result="$out/matrix-$size-${names[$i]}"
                if [ "$cmd" = allocate ]; then
                    rm -rf "$result"
                    args+=(-o "$result")
                fi
                set +e
                /usr/bin/time -v -o "$out/time.txt" "${bins[$i]}" "${args[@]}" > /dev/null 2>&1
                code=$?
                set -e
                wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt" |
                    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
                kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
                printf '| %s | %d | %s | %s | %s | %d | %d |\n' \
                    "$size" "$rows" "${names[$i]}" "$cmd" "$wall" $((kb / 1024)) "$code"
            done
        done
    done
    for i in "${!bins[@]}"; do
        [ "$i" -eq 0 ] && continue
        if ! diff -r -q "$out/matrix-$size-${names[0]}" "$out/matrix-$size-${names[$i]}" > /dev/null; then
            echo "allocate outputs of ${names[0]} and ${names[$i]} differ on $size" >&2
            exit 1
        fi
    done
done
