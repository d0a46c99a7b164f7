#!/usr/bin/env bash
# Builds the fuzz seed corpora from the project's own files: every scenario, overlay and
# template for scenario_fuzz; slices of the national dataset for dataset_fuzz.
# usage: tests/fuzz/make_seeds.sh OUT_DIR   (creates OUT_DIR/scenario and OUT_DIR/dataset)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: make_seeds.sh OUT_DIR}
mkdir -p "$out/scenario" "$out/dataset"
for f in $(cd "$root" && find scenarios -name '*.toml' -not -path 'scenarios/reference/*' | sort); do
  cp "$root/$f" "$out/scenario/$(echo "$f" | tr / _)"
done
cp "$root"/tests/fuzz/regressions/scenario/* "$out/scenario/" 2>/dev/null || true
data="$root/scenarios/data"
# Whole provinces keep the files consistent: the first 2, 5 and 10 provinces of the dataset.
for n in 2 5 10; do
  codes=$(sed 1d "$data/provinces.csv" | head -n "$n" | cut -d, -f1 | paste -sd'|')
  {
    head -n1 "$data/communes.csv"; sed 1d "$data/communes.csv" | grep -E "^[0-9]+,[^,]*,[^,]*,($codes)," || true
    printf '%%%%\n'
    head -n1 "$data/provinces.csv"; sed 1d "$data/provinces.csv" | head -n "$n"
    printf '%%%%\n'
    head -n1 "$data/communes_qa.csv"; sed 1d "$data/communes_qa.csv" | grep -E "^[0-9]+,[^,]*,[^,]*,($codes)," || true
  } > "$out/dataset/provinces_$n.txt"
done
cp "$root"/tests/fuzz/regressions/dataset/* "$out/dataset/" 2>/dev/null || true
