#!/usr/bin/env bash
# Runs every test of Shenbao on a fresh Debian 12 machine with the .NET 10 SDK:
# installs what is missing (chromium, CJK fonts, poppler-utils, postgresql, clamav-daemon), restores, builds
# and runs every test project, then prints the summary counted from the test results:
#   tests: N passed, M failed[, K skipped]
set -uo pipefail
cd "$(dirname "$0")"

say() { printf '\n== %s\n' "$*"; }

# --- machine packages (only what is missing) ---
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
{ command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; } || missing+=(fontconfig fonts-noto-cjk fonts-wqy-zenhei)
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)   # the 申报书 PDF's font
{ command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; } || missing+=(poppler-utils)   # PDFs read back
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/sbin/clamd ] || missing+=(clamav-daemon)   # the uploads' virus scan, with a local EICAR signature (no download)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || { echo "could not install ${missing[*]} with apt-get"; echo "tests: 0 passed, 1 failed"; exit 1; }
fi

# --- restore and build everything (warnings are errors) ---
say "restore and build"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! dotnet build Shenbao.slnx -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"; echo "tests: 0 passed, 1 failed"; exit 1
fi

# --- run every test project, results as TRX under artifacts/ ---
results=artifacts/test-results
rm -rf "$results"; mkdir -p "$results"
rm -rf artifacts/logs   # the application's log lines of this run only: scanned at the end
say "tests"
status=0
runs_failed=0   # a run that failed outside any test (a class fixture's clean-up, a crash): no TRX counter shows it
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  [ "$name" = Shenbao.LogScan ] && continue   # last, once every other run has logged
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || { status=1; runs_failed=$((runs_failed + 1)); }
done

# --- the HTTP tests again on PostgreSQL, in a throwaway cluster (pg_virtualenv creates it, exports PG*, drops it) ---
say "PostgreSQL pass"
if command -v pg_virtualenv >/dev/null 2>&1; then
  export results
  # one database and one connection pool per test class, some classes racing requests: more than the default 100 clients;
  # fsync on, which pg_virtualenv turns off for speed: the site refuses to start on a server that may lose commits
  pg_virtualenv -o max_connections=300 -o fsync=on bash -c 'SHENBAO_TEST_PROVIDER=Postgres SHENBAO_TEST_POSTGRES="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD" \
    dotnet test tests/Shenbao.Tests/Shenbao.Tests.csproj -c Release --no-build --nologo --filter "FullyQualifiedName~Shenbao.Tests.Web" \
      --logger "trx;LogFileName=Shenbao.Tests.Postgres.trx" --logger "console;verbosity=minimal" --results-directory "$results"' || { status=1; runs_failed=$((runs_failed + 1)); }
else
  echo "pg_virtualenv (postgresql-common) is missing: install postgresql, or run ./test.sh as root so it can" >&2
  status=1; runs_failed=$((runs_failed + 1))
fi

# --- the benchmark's equivalence check: hand-written evaluator == engine (== RulesEngine on outcomes) ---
if [ -f bench/Shenbao.Benchmarks/Shenbao.Benchmarks.csproj ] && grep -q -- "--verify" bench/Shenbao.Benchmarks/Program.cs 2>/dev/null; then
  say "benchmark equivalence check"
  if dotnet bench/Shenbao.Benchmarks/bin/Release/net10.0/Shenbao.Benchmarks.dll --verify; then equivalence=passed; else equivalence=failed; status=1; fi
fi

# --- the whole run's logs scanned for personal data, passwords and tokens (after every run that logs) ---
say "log scan"
SHENBAO_LOG_EXPECT="Shenbao.Tests.Sqlite Shenbao.Tests.Postgres Shenbao.BrowserTests" \
  dotnet test tests/Shenbao.LogScan/Shenbao.LogScan.csproj -c Release --no-build --nologo \
    --logger "trx;LogFileName=Shenbao.LogScan.trx" --logger "console;verbosity=minimal" --results-directory "$results" || { status=1; runs_failed=$((runs_failed + 1)); }

# --- summary counted from the results, so a run that tested nothing cannot pass unnoticed ---
passed=0; failed=0; skipped=0; files=0
failures=()
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
  # which tests failed, named beside the summary: a CI log is often read from its end
  while IFS= read -r name; do failures+=("$(basename "$trx" .trx): $name"); done < <(grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | grep -o 'testName="[^"]*"' | sed 's/^testName="//; s/"$//')
  # the PostgreSQL pass on its own line (issue 16): the same web tests, another database
  case "$trx" in *Postgres.trx) postgres="postgres: $(get passed) passed, $(($(get failed) + $(get error) + $(get timeout) + $(get aborted))) failed" ;; esac
done
# the equivalence check is one more test: hand-written evaluator, engine and RulesEngine must agree
case "${equivalence:-}" in passed) passed=$((passed + 1)) ;; failed) failed=$((failed + 1)) ;; esac
if [ "$files" -eq 0 ] || [ "$passed" -eq 0 ]; then status=1; failed=$((failed > 0 ? failed : 1)); fi
# a failed run whose tests all passed still fails the summary: count it as one failure each
if [ "$runs_failed" -gt 0 ] && [ "$failed" -eq 0 ]; then
  echo "$runs_failed test run(s) failed outside any test: see their output above" >&2
  failed=$runs_failed
fi
[ "$failed" -eq 0 ] || status=1
if ((${#failures[@]})); then echo; echo "failed:"; printf '  %s\n' "${failures[@]}"; fi
echo
echo "${postgres:-postgres: no results (the PostgreSQL pass did not run)}"
summary="tests: $passed passed, $failed failed"
[ "$skipped" -eq 0 ] || summary="$summary, $skipped skipped"
echo
echo "$summary"
exit $status
