#!/usr/bin/env bash
# Runs the urban-ward template for each number of days (1 replication, 1 thread) and reports
# wall time, citizens simulated per second and peak memory (max RSS), to show how memory grows.
# usage: tests/benchmark/ward_days.sh [path/to/motcua] [days...]   (default days: 30 365)
set -euo pipefail
cd "$(dirname "$0")/../.."
motcua=${1:-build/sim/motcua}
shift || true
days_list=${*:-30 365}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf "%-6s %10s %12s %14s %12s\n" days wall_s visits visits_per_s max_rss_MiB
for days in $days_list; do
  /usr/bin/time -f "%e %M" -o "$work/time_$days" \
    "$motcua" run scenarios/templates/urban_ward.toml --set run.days=$days -o "$work/out_$days.h5" -r 1 -t 1 -q
  read -r wall rss_kib < "$work/time_$days"
  visits=$(/usr/bin/python3 -c "
import h5py; f = h5py.File('$work/out_$days.h5')
print(int(f['replications/arrived'][0] + f['replications/returned'][0]))")
  /usr/bin/python3 -c "
wall, v, rss = $wall, $visits, $rss_kib
print(f'{$days:<6} {wall:10.2f} {v:12d} {v / max(wall, 1e-3):14.0f} {rss / 1024:12.1f}')"
done
