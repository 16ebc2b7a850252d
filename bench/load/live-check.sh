#!/usr/bin/env bash
# Measures the live check (autosave + re-run of the eligibility panel) of a real server on loopback with wrk.
# Usage: bench/load/live-check.sh [seconds]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
port=5099
data=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT

dotnet build src/Shenbao.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
ASPNETCORE_URLS=http://127.0.0.1:$port Shenbao__Demo=true Shenbao__DataPath=$data ConnectionStrings__Shenbao="Data Source=$data/shenbao.db" \
  Logging__LogLevel__Default=Warning dotnet src/Shenbao.Web/bin/Release/net10.0/Shenbao.Web.dll >"$data/server.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/" >/dev/null; do sleep 0.3; done

jar=$data/cookies
token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
login_token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/Account/Login" | token_of)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.UserName=zhiheng-admin" --data-urlencode "Input.Password=Shenbao-2025" \
  --data-urlencode "__RequestVerificationToken=$login_token" "http://127.0.0.1:$port/Account/Login"
# the demo's achievement-transfer draft (it has a contract): id 2
page=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/Applications/Edit/2")
export TOKEN=$(echo "$page" | token_of)
VERSION=$(echo "$page" | grep -o 'id="version" value="[0-9]*"' | grep -o '[0-9][0-9]*' | tail -1); export VERSION
export COOKIE=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF==7 {printf "%s=%s; ", $6, $7}')
export AUTOSAVE_PATH="/Applications/Edit/2?handler=Autosave"
export FIELDS="F%5Bproject__title%5D=x&F%5Bapplication__field%5D=%E6%99%BA%E8%83%BD%E8%AE%A1%E9%87%8F&F%5Bapplication__leader__name%5D=w&F%5Bapplication__leader__title%5D=senior&F%5Bapplication__contract__counterpartyKind%5D=university&F%5Bproject__contract__counterparty%5D=u&F%5Bapplication__contract__type%5D=licensing&F%5Bapplication__contract__amount%5D=800000&F%5Bapplication__contract__signedOn%5D=2025-01-10&F%5Bapplication__contract__effectiveOn%5D=2025-01-10&F%5Bapplication__contract__endsOn%5D=2027-01-09&F%5Bapplication__contract__registered%5D=true&F%5Bapplication__contract__relatedParty%5D=false&F%5Bapplication__achievement__mainContributors__total%5D=5&F%5Bapplication__achievement__mainContributors__academic%5D=2&F%5Bnarrative__summary%5D=s&F%5Bnarrative__budget__total%5D=1000000&F%5Bnarrative__budget__requested%5D=300000&F%5Bnarrative__team%5D=t"
[ -n "$VERSION" ] || { echo "could not open the demo draft: sign-in or page failed" >&2; tail -5 "$data/server.log" >&2; exit 1; }
wrk -t1 -c1 -d"${seconds}s" --latency -s bench/load/live-check.lua "http://127.0.0.1:$port" | tail -6
