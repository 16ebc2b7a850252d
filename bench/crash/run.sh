#!/usr/bin/env bash
# The full crash test (issue 16): the site killed with SIGKILL while submissions are in flight, restarted, checked —
# CYCLES times (default 50) on SQLite and on PostgreSQL (a throwaway cluster with fsync on). Prints each cycle's figures
# and the totals; docs/benchmarks.md records a run. Needs the solution built in Release (./test.sh builds it).
#   bench/crash/run.sh [CYCLES]
set -euo pipefail
cd "$(dirname "$0")/../.."
cycles=${1:-50}
run() {
  SHENBAO_CRASH_CYCLES=$cycles dotnet test tests/Shenbao.Tests/Shenbao.Tests.csproj -c Release --no-build --nologo \
    --filter "FullyQualifiedName~Shenbao.Tests.Web.Durability.CrashTests" --logger "console;verbosity=detailed" 2>&1 \
    | grep -E '^ *(cycle|total)|Passed!|Failed!|Error Message' || true
}
echo "== SQLite, $cycles cycles"
start=$(date +%s); run; echo "   ($(( $(date +%s) - start )) s)"
echo "== PostgreSQL, $cycles cycles"
export -f run; export cycles
start=$(date +%s)
pg_virtualenv -o max_connections=300 -o fsync=on bash -c 'SHENBAO_TEST_PROVIDER=Postgres SHENBAO_TEST_POSTGRES="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD" run'
echo "   ($(( $(date +%s) - start )) s)"
