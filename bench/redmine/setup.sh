#!/usr/bin/env bash
# Redmine 5 from Debian's packages, for the comparison in bench/redmine/run.ts (issue #15, point 5).
# Run by hand as root; idempotent: every step checks what is already there, so running it again
# only (re)starts what is not running. Nothing is written to the repository.
#
#   bash bench/redmine/setup.sh          install, create the cluster, migrate, start puma
#   bash bench/redmine/setup.sh stop     stop puma and the cluster
#
# What it sets up:
#   - packages redmine, redmine-pgsql, puma, wrk (dbconfig-common preseeded off: no database is
#     created in the main PostgreSQL cluster);
#   - a PostgreSQL 15 cluster of its own, "15/redmine", on port 5433 (data in
#     /var/lib/postgresql/15/redmine), tuned like the main cluster on 5432 (shared_buffers 128 MB,
#     autovacuum off: both benches ANALYZE after seeding);
#   - /etc/redmine/default/database.yml pointing at it (pool 10), migrations, default data (en);
#   - settings: REST API on, e-mail notifications off (no SMTP here; kpo's outbox is not measured
#     either), an API key for the admin (the seeded users get theirs from seed.ts);
#   - puma 5 in production mode on 127.0.0.1:3100 with 2 workers × 5 threads (2 cores: one
#     process per core, MRI's lock lets one thread run Ruby at a time, 5 threads overlap the
#     database waits; 10 threads = the 10 connections the bench drives). State, pid and log in
#     /var/lib/kpo-redmine.
set -euo pipefail

STATE=/var/lib/kpo-redmine
PORT=${REDMINE_PORT:-3100}
PG_PORT=${REDMINE_PG_PORT:-5433}
WORKERS=${REDMINE_WORKERS:-2}
THREADS=${REDMINE_THREADS:-5}
DB=redmine_bench
DB_USER=redmine
DB_PASSWORD=redmine-bench
APP=/usr/share/redmine
export X_DEBIAN_SITEID=default RAILS_ENV=production

log() { printf '[redmine setup] %s\n' "$*" >&2; }
as_www() { runuser -u www-data -- env X_DEBIAN_SITEID=default RAILS_ENV=production "$@"; }
psql_rm() { runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qAt "$@"; }

if [[ ${1:-} == stop ]]; then
  if [[ -f $STATE/puma.pid ]] && kill -0 "$(cat "$STATE/puma.pid")" 2>/dev/null; then
    kill "$(cat "$STATE/puma.pid")"
    log "puma stopped"
  fi
  pg_ctlcluster 15 redmine stop 2>/dev/null || true
  exit 0
fi

[[ $(id -u) == 0 ]] || { log "run as root"; exit 1; }
mkdir -p "$STATE"

# 1. Packages.
if ! dpkg -s redmine redmine-pgsql puma wrk >/dev/null 2>&1; then
  log "installing redmine redmine-pgsql puma wrk"
  debconf-set-selections <<'EOF'
redmine redmine/instances/default/dbconfig-install boolean false
redmine redmine/instances/default/database-type select pgsql
redmine redmine/current-instances string default
EOF
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redmine redmine-pgsql puma wrk
fi

# 2. Its own PostgreSQL cluster on 5433.
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx '15/redmine'; then
  log "creating cluster 15/redmine on port $PG_PORT"
  pg_createcluster 15 redmine -p "$PG_PORT" -- --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  cat >/etc/postgresql/15/redmine/conf.d/kpo-bench.conf <<'EOF'
# like the main cluster on 5432 (see bench/redmine/setup.sh)
listen_addresses = '127.0.0.1'
shared_buffers = 128MB
autovacuum = off
EOF
fi
if ! pg_lsclusters -h | awk '$1"/"$2=="15/redmine" {print $4}' | grep -qx online; then
  pg_ctlcluster 15 redmine start
fi
if [[ -z $(psql_rm -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'") ]]; then
  psql_rm -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
fi
if [[ -z $(psql_rm -c "SELECT 1 FROM pg_database WHERE datname = '$DB'") ]]; then
  psql_rm -c "CREATE DATABASE $DB OWNER $DB_USER ENCODING 'UTF8'"
fi

# 3. Redmine's configuration (outside the repository).
cat >/etc/redmine/default/database.yml <<EOF
production:
  adapter: postgresql
  database: $DB
  host: 127.0.0.1
  port: $PG_PORT
  username: $DB_USER
  password: $DB_PASSWORD
  encoding: utf8
  pool: 10
EOF
chown root:www-data /etc/redmine/default/database.yml
chmod 640 /etc/redmine/default/database.yml
# puma is not in Redmine's Gemfile; Bundler would hide it from the app.
[[ -f $APP/Gemfile.local ]] || echo "gem 'puma'" >"$APP/Gemfile.local"

# 4. Schema and default data (once).
cd "$APP"
if [[ -z $(psql_rm -d "$DB" -c "SELECT 1 FROM information_schema.tables WHERE table_name = 'trackers'") ]] ||
  [[ $(psql_rm -d "$DB" -c "SELECT count(*) FROM schema_migrations") -lt $(ls "$APP/db/migrate" | wc -l) ]]; then
  log "migrating"
  # After migrating, Rails tries to dump db/schema.rb into the package's read-only directory and
  # exits non-zero; what counts is that every migration ran.
  as_www bin/rake db:migrate || true
  if [[ $(psql_rm -d "$DB" -c "SELECT count(*) FROM schema_migrations") -lt $(ls "$APP/db/migrate" | wc -l) ]]; then
    log "migrations did not all run"
    exit 1
  fi
fi
if [[ $(psql_rm -d "$DB" -c "SELECT count(*) FROM trackers") == 0 ]]; then
  log "loading default data"
  as_www env REDMINE_LANG=en bin/rake redmine:load_default_data
fi
log "settings: REST API on, notifications off, admin API key"
as_www bin/rails runner '
  Setting.rest_api_enabled = "1"
  Setting.notified_events = []
  Setting.login_required = "1"
  admin = User.find_by_login("admin")
  puts "admin api key: #{admin.api_key}"
' | tail -1 >"$STATE/admin-api-key.txt"

# 5. puma.
if [[ -f $STATE/puma.pid ]] && kill -0 "$(cat "$STATE/puma.pid")" 2>/dev/null; then
  log "puma already running (pid $(cat "$STATE/puma.pid")) on $PORT"
else
  log "starting puma on 127.0.0.1:$PORT, $WORKERS workers × $THREADS threads"
  chown www-data:www-data "$STATE"
  setsid runuser -u www-data -- env X_DEBIAN_SITEID=default RAILS_ENV=production \
    puma -e production -b "tcp://127.0.0.1:$PORT" -w "$WORKERS" -t "$THREADS:$THREADS" --preload \
    --pidfile "$STATE/puma.pid" "$APP/config.ru" >"$STATE/puma.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/login"; then break; fi
    sleep 1
  done
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/login" || { log "puma did not come up; see $STATE/puma.log"; tail -20 "$STATE/puma.log"; exit 1; }
  log "puma up (pid $(cat "$STATE/puma.pid"))"
fi
echo "redmine: http://127.0.0.1:$PORT  database: postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB"
