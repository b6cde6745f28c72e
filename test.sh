#!/usr/bin/env bash
# Runs every PostLoan test: restores, builds, runs each test project and prints
# "N passed, N failed[, N skipped]" as the last line. Exits non-zero on any failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK 10 is needed." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# The end-to-end tests drive Debian's Chromium with Playwright; Chinese text needs a CJK font. The briefing PDF
# needs a CJK font with TrueType outlines, which Noto CJK (CFF) is not: fonts-wqy-microhei (BriefingFonts).
# grep reads the whole of fc-list's output: with -q it stops at the first match, fc-list dies of SIGPIPE and, under
# pipefail, the fonts looked missing on every run.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -i "noto sans cjk" >/dev/null \
  || [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
  echo "== installing chromium, fonts-noto-cjk and fonts-wqy-microhei"
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq && DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium fonts-noto-cjk fonts-wqy-microhei >/dev/null \
    || echo "test.sh: could not install chromium and the CJK fonts; the end-to-end and briefing PDF tests will fail" >&2
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "== restore and build"
if ! dotnet build PostLoan.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The end-to-end tests start the real command line (./postloan), built once here in Release.
if ! ./postloan --help >/dev/null; then
  echo "build of the command line failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The integration tests run twice: on SQLite files, then on a throwaway PostgreSQL server on
# 127.0.0.1 (installed from Debian's packages if missing), removed when the run ends.
pg_dir=""
stop_postgres() { [ -n "$pg_dir" ] && scripts/postgres-throwaway.sh stop "$pg_dir"; pg_dir=""; }
trap stop_postgres EXIT
echo "== starting a throwaway PostgreSQL server"
if pg="$(scripts/postgres-throwaway.sh start)"; then
  pg_dir="$(cut -f1 <<<"$pg")"
  pg_connection="$(cut -f2 <<<"$pg")"
else
  echo "test.sh: could not start PostgreSQL; the PostgreSQL run of the integration tests will fail" >&2
  pg_connection=""
fi

status=0
runs=0
run_tests() { # project, results name, extra environment (NAME=value or empty)
  local project="$1" name="$2" env="$3"
  echo "== $name"
  runs=$((runs + 1))
  env ${env:+"$env"} dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
}
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  if [ "$name" = PostLoan.IntegrationTests ]; then
    run_tests "$project" "$name.sqlite" ""
    if [ -n "$pg_connection" ]; then
      run_tests "$project" "$name.postgresql" "POSTLOAN_TEST_POSTGRES=$pg_connection"
    else
      runs=$((runs + 1)); status=1
    fi
  else
    run_tests "$project" "$name" ""
  fi
done
stop_postgres

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
# A test run that crashed (or could not start) before writing its results counts as a failure.
if [ "$files" -lt "$runs" ]; then failed=$((failed + runs - files)); status=1; fi
[ "$failed" -gt 0 ] && status=1

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit $status
