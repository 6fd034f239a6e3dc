#!/usr/bin/env bash
# Runs once, when the postgres container starts on an empty data volume (docker-entrypoint-initdb.d).
# One login role and one database per service, each database owned by its service's role, so that
# service's Flyway migrations can create and change its schema and nothing else. Passwords come from the
# container's environment (set in .env, never committed) and reach SQL only as psql variables (quoted by
# psql, not by this script).
set -euo pipefail

create_service_database() { # name password [extension...]
  local name=$1 password=$2
  shift 2
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
  local ext
  for ext in "$@"; do
    # As the superuser, before the service's first migration: its `create extension if not exists` then
    # finds the extension and needs no privilege of its own.
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$name" -v ext="$ext" <<'SQL'
CREATE EXTENSION IF NOT EXISTS :"ext";
SQL
  done
  echo "init-databases: database '$name' (owner '$name')${*:+, extensions: $*}"
}

create_service_database content "${CONTENT_DB_PASSWORD:?}" pg_trgm   # lesson search (trigram similarity)
create_service_database skills "${SKILLS_DB_PASSWORD:?}"
create_service_database quiz "${QUIZ_DB_PASSWORD:?}" pg_trgm         # question search
