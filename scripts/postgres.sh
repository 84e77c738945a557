#!/usr/bin/env bash
# A private PostgreSQL cluster on loopback, for the tests (Debian's postgresql package):
#   scripts/postgres.sh start DIR    initdb in DIR, start on a free port, make user and database
#                                    `ctn` with a random password; prints the URL (also DIR/url, 0600)
#   scripts/postgres.sh stop DIR     stop it (fast shutdown)
#   scripts/postgres.sh restart DIR  start it again on the same port
# As root, the cluster runs as the `postgres` user (initdb refuses root).
set -euo pipefail
# The server must not keep a caller's pipe open (a parent that reads our output to its end would
# wait for the server): close every inherited descriptor but the standard three (and bash's own).
for fd in /proc/$$/fd/*; do
  n=${fd##*/}
  if [ "$n" -gt 2 ] 2>/dev/null && [ "$n" != 255 ]; then eval "exec $n>&-" 2>/dev/null || true; fi
done
cmd=${1:?start, stop or restart}
dir=${2:?a folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "postgres.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }
as() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi; }
start() {
  as "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -o '-c listen_addresses=127.0.0.1 -c port=$(cat "$dir/port") -c unix_socket_directories=$dir' -w start" >/dev/null
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    chmod 700 "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    as "echo $port > '$dir/port'"
    as "$bin/initdb -D '$dir/data' -U postgres --auth-local=trust --auth-host=scram-sha-256 --locale=C --encoding=UTF8 >/dev/null"
    start
    as "psql -h '$dir' -p $port -U postgres -qc \"CREATE USER ctn PASSWORD '$password' CREATEDB\""
    as "psql -h '$dir' -p $port -U postgres -qc 'CREATE DATABASE ctn OWNER ctn'"
    url="postgresql://ctn:$password@127.0.0.1:$port/ctn"
    (umask 077; echo "$url" > "$dir/url")
    echo "$url"
    ;;
  stop) as "$bin/pg_ctl -D '$dir/data' -m fast -w stop" >/dev/null ;;
  restart) start ;;
  *) echo "postgres.sh: start, stop or restart" >&2; exit 1 ;;
esac
