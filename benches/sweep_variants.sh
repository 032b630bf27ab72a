#!/usr/bin/env bash
# Times the whole `dormplan sweep` of the Cixi 2020 scenario with N variants (each a planning
# standard between 8.0 and 9.9 m² per person), writing every output, on all cores.
#
#   benches/sweep_variants.sh [N...]        # default: 100
#
# The scenarios are generated into benches/out/variants/ (ignored by git). Prints wall time and
# peak resident memory of each whole command (GNU time).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out/variants"
mkdir -p "$out/scenarios"
rm -rf "$out/data"
cp -r "$root/data" "$out/data"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/dormplan"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100)
printf '| variants | wall s | peak MB |\n|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
    file="$out/scenarios/sweep$n.toml"
    cp "$root/scenarios/cixi-2020.toml" "$file"
    for ((i = 0; i < n; i++)); do
        printf '\n[[variant]]\nname = "v%d"\nstandard = { plan_m2_per_person = %d.%d }\n' \
            "$i" $((8 + i % 20 / 10)) $((i % 10)) >> "$file"
    done
    rm -rf "$out/sweep-out"
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$bin" sweep "$file" -o "$out/sweep-out" \
        > /dev/null
    read -r secs kb < "$out/time.txt"
    printf '| %d | %s | %d |\n' "$n" "$secs" $((kb / 1024))
done
