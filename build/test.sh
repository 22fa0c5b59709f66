#!/usr/bin/env bash
# Runs every GridMeter test on a Debian machine with the .NET SDK, from a clean clone:
# installs the Debian packages the tests talk to when they are missing, starts a scratch
# PostgreSQL cluster on loopback in a temporary directory, builds, runs every test project,
# stops the cluster, and ends with the line "N passed, N failed".
#
#   build/test.sh                 all tests
#   build/test.sh Server          only projects whose name contains "Server"
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
filter=${1:-}
configuration=${CONFIGURATION:-Release}

# --- Debian packages: outside programs the interop tests run against ---------------------------
packages=(postgresql mosquitto mosquitto-clients python3 python3-paho-mqtt python3-aiosmtpd python3-zeep
          socat chromium node-mqtt faketime procps)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "apt-get install failed"; exit 1; }
fi

# --- A scratch PostgreSQL cluster on loopback ---------------------------------------------------
free_port() {
  local port
  for port in $(seq "$1" $(($1 + 200))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/gridmeter-pg-XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
stop_postgres() {
  [ -f "$pg_dir/postmaster.pid" ] && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir" -m immediate stop >/dev/null 2>&1
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT
pg_port=$(free_port 55432)
if [ -n "$pg_bin" ] \
  && "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir" -A trust -U postgres >"$pg_dir.initdb.log" 2>&1 \
  && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir" -l "$pg_dir/log" -w \
       -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_dir -c fsync=off -c synchronous_commit=off -c max_connections=1000" \
       start >/dev/null; then
  export GRIDMETER_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Maximum Pool Size=20"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
else
  echo "PostgreSQL could not be started; its tests will fail under CI=true"
  cat "$pg_dir.initdb.log" 2>/dev/null
fi
rm -f "$pg_dir.initdb.log"

# --- Build once, then run each test project -------------------------------------------------------
echo "Building ($configuration)…"
if ! dotnet build GridMeter.slnx -c "$configuration" -nologo -v quiet -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; skipped=0
results=$(mktemp -d /tmp/gridmeter-results-XXXXXX)
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  [[ -n "$filter" && "$name" != *"$filter"* ]] && continue
  exe="tests/$name/bin/$configuration/net10.0/$name.dll"
  echo "── $name"
  start=$(date +%s)
  dotnet "$exe" -noLogo -noColor -ctrf "$results/$name.json" 2>&1 | tee "$results/$name.log" \
    | grep -E '^\s*\[(FAIL|SKIP)\]|^\s+(Assert|Expected|Actual|at GridMeter)|Total:' | head -n 200
  if [ ! -s "$results/$name.json" ]; then
    echo "   $name did not report results (crashed?)"; tail -n 30 "$results/$name.log"
    failed=$((failed + 1)); continue
  fi
  read -r p f s < <(grep -o '"summary":{[^}]*}' "$results/$name.json" \
    | sed -E 's/.*"passed":([0-9]+).*"failed":([0-9]+).*"skipped":([0-9]+).*/\1 \2 \3/')
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  echo "   $name: $p passed, $f failed, $s skipped in $(( $(date +%s) - start ))s"
done
rm -rf "$results"

[ "$skipped" -gt 0 ] && echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
