#!/usr/bin/env bash
# Times the whole `dormplan allocate` on 20,000 groups and 2,000 sites (the M instance, given as
# points) with a share of its groups keep-together, and prints how far from proven the answer
# is when the search stops at its work limit.
#
#   benches/keep_together.sh [PCT...]        # default: 0 1 5 10
#
# The scenarios are written to benches/out/keep-together/ (ignored by git).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out/keep-together"
mkdir -p "$out"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" --example write_scenario
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/dormplan"
shares=("$@")
[ ${#shares[@]} -eq 0 ] && shares=(0 1 5 10)
printf '| keep-together | groups | wall s | peak MB | objective | search |\n|---:|---:|---:|---:|---:|---|\n'
for pct in "${shares[@]}"; do
    dir="$out/m-$pct"
    "$root/target/release/examples/write_scenario" --points --keep-together "$pct" \
        20000 2000 "$dir" 2> /dev/null
    kept=$(awk -F, 'NR > 1 && $6 == "true"' "$dir/demand.csv" | wc -l)
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$bin" allocate "$dir/scenario.toml" \
        > "$out/report.txt"
    read -r secs kb < "$out/time.txt"
    line=$(grep -m1 '^Objective' "$out/report.txt")
    objective=$(awk '{print $2}' <<< "$line")
    search=$(sed -E 's/^Objective [0-9]+ \(([^)]*)\).*/\1/' <<< "$line")
    printf '| %d %% | %d | %s | %d | %s | %s |\n' "$pct" "$kept" "$secs" $((kb / 1024)) \
        "$objective" "$search"
done
