#!/usr/bin/env bash
# Runs the import benchmark on SQLite and on a throwaway PostgreSQL cluster, and prints the figures.
# Usage: bash bench/run.sh [classify] [--households N] [--skip-sqlite] [--keep [--load-only]] [--work DIR]   (default 500000)
#        bash bench/run.sh files [--mb 100] [--work DIR]   (peak memory of the file readers; no database)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ "${1:-}" == "files" ]]; then
    exec dotnet run --project bench/GiamNgheo.Bench -c Release -- "$@"
fi
source scripts/postgres.sh
trap stop_throwaway_postgres EXIT
if [[ -z "${GIAMNGHEO_BENCH_PG:-}" ]]; then
    start_throwaway_postgres
    export GIAMNGHEO_BENCH_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
fi
dotnet run --project bench/GiamNgheo.Bench -c Release -- "$@"
