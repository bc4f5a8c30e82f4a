#!/usr/bin/env bash
# SmeAi.Orleans build and test entry point.
#   ./build.sh test   install what the tests need (PostgreSQL, Chromium from Debian packages), start a throwaway
#                     PostgreSQL cluster, build, run every test project, print "N passed, N failed".
#   ./build.sh build  restore and build the solution.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
RESULTS="$ROOT/.test-run"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

# Debian packages the tests need; installed only when missing.
ensure_packages() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)   # the dashboard's browser test (Playwright drives it)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A port below Linux's ephemeral range (32768+), so no outgoing connection can hold it when the server binds.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  log "no free port found"; return 1
}

# PostgreSQL refuses to run as root, so as root the throwaway cluster runs as the postgres user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

PG_DIR=""
PG_CTL=""

# A run killed with SIGKILL cannot stop its server: stop and remove the clusters whose run (the pid in "owner") is gone.
# Clusters of runs still going, and directories without an owner, are left alone.
remove_orphaned_clusters() {
  local dir owner
  for dir in /tmp/smeai-pg.*; do
    [ -f "$dir/owner" ] || continue
    owner="$(cat "$dir/owner")"
    kill -0 "$owner" 2>/dev/null && continue
    log "removing the test cluster of an earlier run that was killed ($dir)"
    [ -d "$dir/data" ] && { as_pg "$PG_CTL" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; }
    rm -rf "$dir"
  done
}

start_postgres() {
  local bin attempt
  bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
  PG_CTL="$bin/pg_ctl"
  remove_orphaned_clusters
  PG_DIR="$(mktemp -d /tmp/smeai-pg.XXXXXX)"
  echo "$$" >"$PG_DIR/owner"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
  as_pg "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  # A port can be taken between the check and the bind; try a few.
  for attempt in 1 2 3 4 5; do
    PG_PORT="$(free_port)"
    if as_pg "$PG_CTL" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null; then
      export SMEAI_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
      log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data in $PG_DIR)"
      return 0
    fi
    log "PostgreSQL did not start on port $PG_PORT (attempt $attempt)"
  done
  cat "$PG_DIR/server.log" >&2
  return 1
}

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -n "$PG_CTL" ] && [ -d "$PG_DIR/data" ]; then
    as_pg "$PG_CTL" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

build() {
  log "building ($CONFIGURATION)"
  dotnet build "$ROOT/SmeAi.Orleans.sln" -c "$CONFIGURATION" -nologo -clp:ErrorsOnly
}

# One of a TRX file's <Counters> (passed, failed, notExecuted, ...); 0 when the file or the counter is missing.
trx_counter() {
  local n
  n=$(grep -o '<Counters [^>]*' "$1" 2>/dev/null | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || true)
  echo "${n:-0}"
}

# Sums the <Counters> of every TRX file: the line CI reads. Skipped tests (TRX "notExecuted") are counted apart.
count_results() {
  local passed=0 failed=0 skipped=0
  for trx in "$RESULTS"/*.trx; do
    [ -f "$trx" ] || continue
    passed=$((passed + $(trx_counter "$trx" passed)))
    failed=$((failed + $(trx_counter "$trx" failed)))
    skipped=$((skipped + $(trx_counter "$trx" notExecuted)))
  done
  echo "$passed $failed $skipped"
}

# Names each failed test with the first line of its message, just above the summary,
# so the tail of a CI log says what broke.
list_failures() {
  local trx
  for trx in "$RESULTS"/*.trx; do
    [ -f "$trx" ] || continue
    python3 - "$trx" <<'PY' 2>/dev/null || grep -o 'testName="[^"]*" [^>]*outcome="Failed"' "$trx" | sed 's/^/FAILED: /' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") != "Failed":
        continue
    message = r.find(".//t:ErrorInfo/t:Message", ns)
    first = (message.text or "").strip().splitlines()[0][:400] if message is not None and message.text else ""
    print(f"FAILED: {r.get('testName')}: {first}")
PY
  done
}

run_tests() {
  ensure_packages
  trap stop_postgres EXIT
  start_postgres
  build
  rm -rf "$RESULTS"; mkdir -p "$RESULTS"
  local status=0 name aborted=()
  for project in "$ROOT"/tests/*Tests/*Tests.csproj "$ROOT"/load-tests/*.Tests/*.Tests.csproj; do
    [ -f "$project" ] || continue
    name="$(basename "$project" .csproj)"
    log "testing $name"
    if ! dotnet test "$project" -c "$CONFIGURATION" --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$RESULTS" --blame-hang-timeout 10m; then
      status=1
      # A crashed or hung test host leaves no result for the tests it did not finish, and its TRX may count no failed
      # test (an aborted run is written as outcome "Failed" with failed="0"): count the run itself as failed.
      [ "$(trx_counter "$RESULTS/$name.trx" failed)" -gt 0 ] || aborted+=("$name")
    fi
  done
  read -r passed failed skipped < <(count_results)
  list_failures
  # Nothing is skipped on CI: a test that did not run counts as failed.
  if [ "$skipped" -gt 0 ]; then
    echo "FAILED: $skipped test(s) were skipped"
    failed=$((failed + skipped))
  fi
  for name in "${aborted[@]}"; do
    echo "FAILED: $name: the test run was aborted (the test host crashed or hung; see its log above)"
  done
  failed=$((failed + ${#aborted[@]}))
  if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then status=1; fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] || status=1
  return $status
}

case "${1:-test}" in
  test) run_tests ;;
  build) build ;;
  *) echo "usage: $0 [test|build]" >&2; exit 2 ;;
esac
