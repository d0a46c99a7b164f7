#!/usr/bin/env bash
# National performance: one national month and one national year of the steady-state scenario,
# 1 replication, on 1 and 2 threads; wall time, CPU time (user + system, less sensitive than wall
# time to other jobs on a shared machine), peak memory (max RSS), citizens simulated per second
# (first and return visits) and the 2-thread speed-up, all from one invocation so that the
# ratios compare runs made under the same machine load. Not a test: timings are reported.
# usage: tests/benchmark/national.sh [path/to/motcua] [days...]     (default days: 30 365)
set -euo pipefail
cd "$(dirname "$0")/../.."
motcua=${1:-build/sim/motcua}
shift || true
days_list=${*:-30 365}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf "%-6s %8s %10s %8s %14s %14s %12s %10s\n" days threads wall_s cpu_s visits visits_per_s \
  max_rss_MiB speedup
for days in $days_list; do
  one=""
  for threads in 1 2; do
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" \
      "$motcua" run scenarios/national/steady_state.toml --set run.days=$days -r 1 -t $threads -q \
      -o "$work/out.h5"
    read -r wall rss_kib user_s sys_s < "$work/time"
    [ -z "$one" ] && one=$wall
    visits=$(/usr/bin/python3 -c "
import h5py; f = h5py.File('$work/out.h5')
print(int(f['national_results/arrived'][0] + f['national_results/returned'][0]))")
    /usr/bin/python3 -c "
wall, cpu, v, rss, one = $wall, $user_s + $sys_s, $visits, $rss_kib, $one
print(f'{$days:<6} {$threads:8d} {wall:10.1f} {cpu:8.1f} {v:14d} {v / max(wall, 1e-3):14.0f} '
      f'{rss / 1024:12.1f} {one / wall:10.2f}')"
  done
done
