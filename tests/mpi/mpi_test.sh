#!/bin/bash
# motcua under mpirun (label "mpi"): 2 ranks write the very bytes one process writes, for run,
# compare and a national run; a rank that dies leaves no output file behind.
# Usage: mpi_test.sh MOTCUA REPO_ROOT
set -euo pipefail
motcua=$1
repo=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# --oversubscribe: 2 ranks even on a 1-core runner; root is allowed because CI runs as root.
mpi=(mpirun -n 2 --oversubscribe --allow-run-as-root)
ward=$repo/scenarios/templates/urban_ward.toml
fail() { echo "FAIL: $*" >&2; exit 1; }

same() {  # same NAME ARGS...: one process on 2 threads, then 2 ranks of 1 thread, same bytes
  local name=$1
  shift
  "$motcua" "$@" -t 2 -q -o "$work/$name-1.h5"
  "${mpi[@]}" "$motcua" "$@" -t 1 -q -o "$work/$name-2.h5"
  cmp "$work/$name-1.h5" "$work/$name-2.h5" || fail "$name: 2 ranks wrote a different file"
  echo "ok: $name is byte-identical on 1 process and 2 ranks"
}

same run run "$ward" -r 5 --set run.days=60
same compare compare "$ward" --variant "robot=$repo/scenarios/policies/ai_robot.toml" -r 3 \
  --set run.days=30
same national run "$repo/scenarios/national/launch_2025.toml" -r 2 \
  --set 'national.provinces = ["12"]' --set run.days=5

# Rank 1 dies before sending its results (test hook, docs/cluster.md): the job fails and the
# output folder holds no file, complete-looking or partial.
mkdir "$work/crash"
if MOTCUA_TEST_CRASH_RANK=1 "${mpi[@]}" -x MOTCUA_TEST_CRASH_RANK "$motcua" run "$ward" -r 4 \
  --set run.days=30 -q -o "$work/crash/out.h5" >"$work/crash.log" 2>&1; then
  fail "the run succeeded although rank 1 died"
fi
[ -z "$(ls -A "$work/crash")" ] || fail "a dead rank left files: $(ls "$work/crash")"
echo "ok: a dead rank fails the run and leaves no file"
