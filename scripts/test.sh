#!/usr/bin/env bash
# The one command that runs every test: builds the solution (Release), checks the EF model against the
# migrations of both contexts, starts a throwaway PostgreSQL cluster and runs each project under tests/.
# The last line printed is always "N passed, N failed, N skipped"; the exit code is non-zero if the build,
# the drift guard or any test project failed, or if a test project ran no tests.
#
# Environment:
#   GIAMNGHEO_TEST_PG       use this PostgreSQL server (Npgsql connection string) instead of starting one
#   GIAMNGHEO_TEST_TIMEOUT  per-project test timeout (Microsoft.Testing.Platform syntax), default 30m
#   PG_BIN                  PostgreSQL binaries, default /usr/lib/postgresql/15/bin
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en   # the summary parsed below is the English one

CONFIG=Release
TIMEOUT=${GIAMNGHEO_TEST_TIMEOUT:-30m}
START=$SECONDS
WORK=$(mktemp -d)
FAILURES=()
FAILED_TESTS="$WORK/failed-tests.txt"   # the first lines of each failed test, repeated at the end

step() { printf '==> %s\n' "$*"; }
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

cleanup() {
    stop_throwaway_postgres
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a command with its output in a log that is shown only if the command fails.
quietly() {
    local log="$WORK/quiet.log" rc=0
    "$@" >"$log" 2>&1 || rc=$?
    if ((rc != 0)); then
        cat "$log"
        echo "command failed (exit $rc): $*"
    fi
    return "$rc"
}

# Prints the final counts line and exits; called on every path once the build has been attempted.
finish() {
    local passed=$1 failed=$2 skipped=$3
    step "done in $((SECONDS - START))s"
    if ((${#FAILURES[@]} > 0)); then
        # CI shows only the tail of this output, so the failed tests are repeated here, briefly.
        if [[ -s "$FAILED_TESTS" ]]; then
            step "failed tests (first lines of each)"
            head -n 60 "$FAILED_TESTS"
        fi
        printf 'FAILED: %s\n' "${FAILURES[@]}"
    fi
    printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
    if ((${#FAILURES[@]} > 0)); then exit 1; fi
    exit 0
}

# --- 1. chromium (browser tests drive Debian's chromium through Playwright) -----------------------
if [[ ! -x /usr/bin/chromium ]]; then
    step "installing chromium"
    export DEBIAN_FRONTEND=noninteractive
    quietly apt-get update -qq
    quietly apt-get install -y -qq chromium
fi

# --- 2. PostgreSQL -----------------------------------------------------------------------------------
if [[ -n "${GIAMNGHEO_TEST_PG:-}" ]]; then
    step "PostgreSQL: using GIAMNGHEO_TEST_PG"
else
    start_throwaway_postgres
    export GIAMNGHEO_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
    step "PostgreSQL: throwaway cluster on 127.0.0.1:$PGPORT"
fi

# --- 3. build and EF model drift guard ----------------------------------------------------------------
step "restoring tools, building GiamNgheo.slnx ($CONFIG)"
quietly dotnet tool restore
if ! quietly dotnet build GiamNgheo.slnx -c "$CONFIG" -nologo -v q -tl:off -clp:ErrorsOnly; then
    FAILURES+=("build")
    finish 0 0 0
fi

for context in SqliteRegistryDb PostgresRegistryDb; do
    step "EF drift guard: $context"
    if ! dotnet ef migrations has-pending-model-changes --project src/GiamNgheo.Data --context "$context" \
        --no-build --configuration "$CONFIG"; then
        FAILURES+=("EF model has changes without a migration ($context)")
    fi
done

# --- 4. tests -----------------------------------------------------------------------------------------
passed=0 failed=0 skipped=0
# The summary block of `dotnet test` (Microsoft.Testing.Platform) ends with lines such as "  total: 3".
count() { sed -n '/^Test run summary/,$p' "$2" | sed -n "s/^ *$1: *\([0-9][0-9]*\) *$/\1/p" | tail -n 1; }
shopt -s nullglob
projects=(tests/*/*.csproj)
((${#projects[@]} > 0)) || FAILURES+=("no test projects under tests/")

for project in "${projects[@]}"; do
    name=$(basename "$project" .csproj)
    log="$WORK/$name.log"
    t0=$SECONDS
    rc=0
    dotnet test --project "$project" -c "$CONFIG" --no-build --no-ansi --no-progress \
        --results-directory "$WORK/results/$name" --timeout "$TIMEOUT" >"$log" 2>&1 || rc=$?
    total=$(count total "$log") p=$(count succeeded "$log") f=$(count failed "$log") s=$(count skipped "$log")
    passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0})) skipped=$((skipped + ${s:-0}))
    line="$name: ${p:-?} passed, ${f:-?} failed, ${s:-?} skipped ($((SECONDS - t0))s)"
    if ((rc != 0)) || [[ -z "$total" ]] || ((total == 0)); then
        echo "----- $name (exit code $rc) -----"
        cat "$log"
        echo "-----"
        # "failed <test> (<time>)" starts each failed test in the Microsoft.Testing.Platform output.
        awk '/^failed /{n=8} n>0{print "  " $0; n--}' "$log" >>"$FAILED_TESTS"
        if [[ -n "$total" ]] && ((total == 0)); then
            FAILURES+=("$name ran no tests")
        else
            FAILURES+=("$name (exit code $rc)")
        fi
        step "$line: FAILED"
    else
        step "$line"
    fi
done

finish "$passed" "$failed" "$skipped"
