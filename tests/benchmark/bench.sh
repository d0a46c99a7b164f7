#!/usr/bin/env bash
# The one benchmark command: engine/bare and station/bare (motcua_bench), the urban ward for a
# month, a year and ten years (visits/s and peak memory), the ward's peak memory over a year and
# ten years with all its replications, national runs on 1 and 2 threads and a national month
# under mpirun on 1 and 2 ranks, all from one invocation so the ratios compare runs made under the same machine load.
# Not a test: timings are reported, never judged. See docs/benchmarks.md.
# usage: tests/benchmark/bench.sh [build-dir] [national days...]   (default: build, 30 365)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
shift || true
national_days=${*:-30 365}
echo "# motcua benchmark, $(date -u '+%d/%m/%Y %H:%M UTC'), $(nproc) cores, load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "## engine and station model against the bare loop (motcua_bench)"
"$build/tests/benchmark/motcua_bench" --benchmark_min_time=1 2>/dev/null |
  grep -E "ratio|events per second|mean wait"
echo "## urban ward, 1 replication, 1 thread (tests/benchmark/ward_days.sh)"
tests/benchmark/ward_days.sh "$build/sim/motcua" 30 365 3650
echo "## national steady state, 1 replication (tests/benchmark/national.sh)"
# shellcheck disable=SC2086  # the day counts are separate arguments
tests/benchmark/national.sh "$build/sim/motcua" $national_days
echo "## urban ward peak memory, the scenario's 10 replications, 1 thread: a year and ten years"
tests/benchmark/ward_memory.sh "$build/sim/motcua" 365 3650
echo "## national month under mpirun, 1 and 2 ranks x 1 and 2 threads (tests/benchmark/mpi.sh)"
tests/benchmark/mpi.sh "$build/sim/motcua" 30
echo "# done $(date -u '+%H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
