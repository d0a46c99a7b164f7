#!/usr/bin/env bash
# motcua under mpirun: one national month of the steady-state scenario (1 replication) as one
# process and as 2 ranks, each on 1 and 2 threads; wall time (mpirun's start-up included),
# speed-up against 1 process on 1 thread, and a check that every file has the same bytes.
# Ranks share this one machine here; on a cluster each rank has its own (docs/cluster.md).
# Not a test: timings are reported, never judged.
# usage: tests/benchmark/mpi.sh [path/to/motcua] [days]      (default days: 30)
set -euo pipefail
cd "$(dirname "$0")/../.."
motcua=${1:-build/sim/motcua}
days=${2:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! command -v mpirun >/dev/null; then
  echo "not available: mpirun not found (Debian openmpi-bin)"
  exit 0
fi
printf "%-6s %6s %8s %10s %10s %s\n" days ranks threads wall_s speedup file_md5
one=""
for ranks in 1 2; do
  for threads in 1 2; do
    launch=()
    [ "$ranks" -gt 1 ] && launch=(mpirun -n "$ranks" --oversubscribe --allow-run-as-root)
    /usr/bin/time -f "%e" -o "$work/time" "${launch[@]}" "$motcua" run \
      scenarios/national/steady_state.toml --set run.days="$days" -r 1 -t "$threads" -q \
      -o "$work/out.h5"
    wall=$(tail -1 "$work/time")
    [ -z "$one" ] && one=$wall
    md5=$(md5sum "$work/out.h5" | cut -c1-12)
    /usr/bin/python3 -c "
print(f'{$days:<6} {$ranks:6d} {$threads:8d} {$wall:10.1f} {$one / $wall:10.2f} $md5')"
  done
done
