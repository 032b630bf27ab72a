#!/usr/bin/env bash
# Times a whole command on the Cixi 2020 scenario with N variants, each a planning standard
# between 8.0 and 9.9 m² per person:
#
#   benches/variants.sh check [N...]    # read, validate, summarise; default 1000 2000 3000
#   benches/variants.sh sweep [N...]    # every variant allocated in parallel, outputs written;
#                                       # default 100
#
# The scenarios are generated into benches/out/variants/ (ignored by git). Prints wall time and
# peak resident memory of each whole command (GNU time).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out/variants"
command="${1:-}"
case "$command" in
    check) defaults=(1000 2000 3000) ;;
    sweep) defaults=(100) ;;
    *) echo "usage: benches/variants.sh check|sweep [N...]" >&2; exit 2 ;;
esac
shift
mkdir -p "$out/scenarios"
rm -rf "$out/data"
cp -r "$root/data" "$out/data"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/dormplan"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=("${defaults[@]}")
printf '| variants | wall s | peak MB |\n|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
    file="$out/scenarios/v$n.toml"
    cp "$root/scenarios/cixi-2020.toml" "$file"
    for ((i = 0; i < n; i++)); do
        printf '\n[[variant]]\nname = "v%d"\nstandard = { plan_m2_per_person = %d.%d }\n' \
            "$i" $((8 + i % 20 / 10)) $((i % 10)) >> "$file"
    done
    written=()
    if [ "$command" = sweep ]; then
        rm -rf "$out/sweep-out"
        written=(-o "$out/sweep-out")
    fi
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$bin" "$command" "$file" "${written[@]}" \
        > /dev/null
    read -r secs kb < "$out/time.txt"
    printf '| %d | %s | %d |\n' "$n" "$secs" $((kb / 1024))
done
