#!/usr/bin/env bash
# Peak memory (max RSS) of the urban-ward template with the scenario's own replications on one
# thread, for each number of days, and its ratio to the first: flat in simulated days means
# near 1 (issue 20: within 1.2 from a year to ten years). Not a test: figures are reported.
# usage: tests/benchmark/ward_memory.sh [path/to/motcua] [days...]   (default days: 365 3650)
set -euo pipefail
cd "$(dirname "$0")/../.."
motcua=${1:-build/sim/motcua}
shift || true
days_list=${*:-365 3650}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf "%-6s %10s %12s %10s %12s\n" days wall_s max_rss_MiB ratio file_MiB
first=""
for days in $days_list; do
  /usr/bin/time -f "%e %M" -o "$work/time" \
    "$motcua" run scenarios/templates/urban_ward.toml --set run.days="$days" -t 1 -q -o "$work/out.h5"
  read -r wall rss_kib <"$work/time"
  [ -z "$first" ] && first=$rss_kib
  size=$(stat -c %s "$work/out.h5")
  rm -f "$work/out.h5"
  /usr/bin/python3 -c "
print(f'{$days:<6} {$wall:10.2f} {$rss_kib / 1024:12.1f} {$rss_kib / $first:10.2f} {$size / 2**20:12.1f}')"
done
