#!/usr/bin/env bash
# Makes the local PostgreSQL 15 ready for the PostgreSQL tests: the pgvector extension is
# built from Debian trixie's source package (bookworm ships no binary for it) and a test
# database with the extension is created. Safe to run again: every step checks first.
#   --fresh   drop and recreate the test database, so every test run starts from the migrations
set -euo pipefail

FRESH=false
[ "${1:-}" = "--fresh" ] && FRESH=true

PG_MAJOR="${PG_MAJOR:-15}"
PG_HOST="${PGHOST:-127.0.0.1}"
PG_PORT="${PGPORT:-5432}"
PG_USER="${PGUSER:-postgres}"
TEST_DB="${JOURNEY_TEST_DB:-journey_test}"
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"
SRC_LIST=/etc/apt/sources.list.d/journey-pgvector-src.sources

log() { printf '[pgvector-setup] %s\n' "$*"; }

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

psql_cmd() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -qtA "$@"; }

ensure_server_running() {
  if pg_isready -h "$PG_HOST" -p "$PG_PORT" -q; then return; fi
  log "PostgreSQL is not answering on $PG_HOST:$PG_PORT; trying to start it"
  sudo_if_needed pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start || true
  for _ in $(seq 1 30); do pg_isready -h "$PG_HOST" -p "$PG_PORT" -q && return; sleep 1; done
  log "PostgreSQL is unreachable on $PG_HOST:$PG_PORT"; exit 1
}

# The mirror is taken from the machine's own Debian source definition, so no registry host
# is written into this repository.
debian_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
      /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
      /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || { log "no Debian mirror found in the apt sources"; exit 1; }
  printf '%s' "$uri"
}

extension_installed() { [ -f "/usr/share/postgresql/${PG_MAJOR}/extension/vector.control" ]; }

build_pgvector() {
  log "building pgvector from Debian trixie's source package"
  local mirror; mirror=$(debian_mirror)
  if [ ! -f "$SRC_LIST" ]; then
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$mirror" | sudo_if_needed tee "$SRC_LIST" >/dev/null
  fi
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    "postgresql-server-dev-${PG_MAJOR}" make gcc dpkg-dev >/dev/null
  local work; work=$(mktemp -d)
  ( cd "$work"
    apt-get source --download-only -qq pgvector
    tar xf pgvector_*.orig.tar.*
    cd "$(find . -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
    make -s PG_CONFIG="$PG_CONFIG" OPTFLAGS=""
    sudo_if_needed make -s PG_CONFIG="$PG_CONFIG" install )
  rm -rf "$work"
}

ensure_server_running
if extension_installed; then
  log "pgvector already installed"
else
  build_pgvector
fi

if $FRESH; then
  log "dropping database $TEST_DB for a fresh start"
  psql_cmd -d postgres -c "drop database if exists \"$TEST_DB\" with (force)"
fi
if [ "$(psql_cmd -d postgres -c "select 1 from pg_database where datname = '$TEST_DB'")" != "1" ]; then
  log "creating database $TEST_DB"
  psql_cmd -d postgres -c "create database \"$TEST_DB\""
fi
psql_cmd -d "$TEST_DB" -c 'set client_min_messages = warning' -c 'create extension if not exists vector'
log "ready: database $TEST_DB on $PG_HOST:$PG_PORT with pgvector $(psql_cmd -d "$TEST_DB" -c "select extversion from pg_extension where extname = 'vector'")"
