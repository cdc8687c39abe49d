#!/usr/bin/env bash
# deploy/check.sh (`make deploy-check`): the deployment files, checked as far as one
# machine allows, without installing anything in /etc or /opt (docs/deploy.md):
#   1. systemd-analyze verify on deploy/systemd/* (their /opt/senco pointed at this checkout)
#   2. nginx -t on deploy/nginx/senco.conf and senco-app-server.conf
#   3. nginx with deploy/nginx/senco.conf (a self-signed certificate for senco.example.org)
#      in front of gunicorn with deploy/gunicorn.conf.py and the settings of
#      deploy/senco.env.example, on loopback ports, a temporary SQLite database: /healthz
#      over HTTPS, a static file from STATIC_ROOT served by nginx, the sign-in page with
#      HSTS, http redirected to https, other names refused, a sign-in, and the client's
#      address (not one it forged) in the audit log.
# Needs systemd-analyze, nginx, openssl and curl (Debian: apt-get install nginx curl); a
# step whose program is missing says so and is left out. Run as root (nginx's workers).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
HOST=senco.example.org
T=$(mktemp -d /tmp/senco-deploy-check.XXXXXX)
chmod 755 "$T"
PIDS=()
cleanup() {
  if [ -f "$T/nginx.pid" ]; then kill "$(cat "$T/nginx.pid")" 2>/dev/null || true; fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$T"
}
trap cleanup EXIT
ok() { printf '  ok: %s\n' "$*"; }
fail() {
  printf '  FAILED: %s\n' "$*" >&2
  for log in "$T"/gunicorn.log "$T"/error.log; do
    if [ -f "$log" ]; then
      echo "--- $log" >&2
      tail -30 "$log" >&2
    fi
  done
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "1. systemd units"
if have systemd-analyze; then
  mkdir "$T/units"
  for unit in deploy/systemd/*; do
    sed "s#/opt/senco#$ROOT#g" "$unit" >"$T/units/$(basename "$unit")"
  done
  systemd-analyze verify "$T"/units/* || fail "systemd-analyze verify"
  ok "systemd-analyze verify: $(ls deploy/systemd | tr '\n' ' ')"
else
  echo "  systemd-analyze is not installed: left out"
fi

echo "2. nginx -t"
HTTP_PORT=$(free_port)
HTTPS_PORT=$(free_port)
APP_PORT=$(free_port)
if have nginx && have openssl; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$HOST" \
    -addext "subjectAltName=DNS:$HOST" -keyout "$T/privkey.pem" -out "$T/fullchain.pem" \
    2>/dev/null
  mkdir -p "$T/www"
  for conf in senco senco-app-server; do
    # Loopback ports instead of 80 and 443, no IPv6, and this checkout and $T for paths.
    sed -e "s#listen 80 default_server;#listen 127.0.0.1:$HTTP_PORT default_server;#" \
      -e "s#listen 80;#listen 127.0.0.1:$HTTP_PORT;#" \
      -e "s#listen 443 ssl#listen 127.0.0.1:$HTTPS_PORT ssl#" \
      -e '/listen \[::\]/d' \
      -e "s#server 127.0.0.1:8000;#server 127.0.0.1:$APP_PORT;#" \
      -e "s#/opt/senco/#$ROOT/#g" \
      -e "s#/etc/letsencrypt/live/$HOST/#$T/#g" \
      -e "s#/var/www/html#$T/www#g" \
      "deploy/nginx/$conf.conf" >"$T/$conf.conf"
    cat >"$T/nginx-$conf.conf" <<EOF
pid $T/nginx.pid;
error_log $T/error.log;
worker_processes 1;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $T/access.log;
    client_body_temp_path $T/client_body;
    proxy_temp_path $T/proxy;
    fastcgi_temp_path $T/fastcgi;
    uwsgi_temp_path $T/uwsgi;
    scgi_temp_path $T/scgi;
    include $T/$conf.conf;
}
EOF
    nginx -t -q -p "$T" -c "$T/nginx-$conf.conf" || fail "nginx -t deploy/nginx/$conf.conf"
    ok "nginx -t deploy/nginx/$conf.conf ($(nginx -v 2>&1))"
  done
else
  echo "  nginx or openssl is not installed: left out (and step 3)"
  exit 0
fi

echo "3. nginx, HTTPS, in front of gunicorn"
have curl || {
  echo "  curl is not installed: left out"
  exit 0
}
set -a
# shellcheck source=/dev/null
. deploy/senco.env.example
set +a
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
SQLITE_PATH=$T/senco.sqlite3
PRIVATE_MEDIA_ROOT=$T/private-media
GUNICORN_BIND=127.0.0.1:$APP_PORT
WEB_CONCURRENCY=2
# nginx passes $host, without the port: the browser's Referer has this test's port.
CSRF_TRUSTED_ORIGINS=https://$HOST:$HTTPS_PORT
unset DATABASE_URL
export SECRET_KEY SQLITE_PATH PRIVATE_MEDIA_ROOT GUNICORN_BIND WEB_CONCURRENCY CSRF_TRUSTED_ORIGINS
"$PY" manage.py migrate --no-input -v0 || fail "migrate"
"$PY" manage.py collectstatic --no-input -v0 || fail "collectstatic"
"$PY" manage.py shell -v0 -c "from senco.accounts.models import User; User.objects.create_user('deploy.check', password='correct-horse-battery-staple-9')" ||
  fail "a user to sign in with"
"$PY" -m gunicorn -c deploy/gunicorn.conf.py senco.wsgi >"$T/gunicorn.log" 2>&1 &
PIDS+=($!)
nginx -p "$T" -c "$T/nginx-senco.conf" || fail "nginx did not start"
CURL=(curl -sS --max-time 30 --cacert "$T/fullchain.pem" --interface 127.0.0.2
  --resolve "$HOST:$HTTPS_PORT:127.0.0.1" --resolve "$HOST:$HTTP_PORT:127.0.0.1")
BASE_URL="https://$HOST:$HTTPS_PORT"
for _ in $(seq 1 100); do
  if "${CURL[@]}" -f -o /dev/null "$BASE_URL/healthz" 2>/dev/null; then break; fi
  sleep 0.3
done

status=$("${CURL[@]}" -o "$T/body" -w '%{http_code}' "$BASE_URL/healthz")
[ "$status" = 200 ] && grep -q '"database": *"ok"' "$T/body" || fail "/healthz: $status $(cat "$T/body")"
ok "/healthz over HTTPS: 200 $(cat "$T/body")"

"${CURL[@]}" -D "$T/headers" -o "$T/body" "$BASE_URL/static/vendor/senco.css"
grep -qi '^cache-control: public, max-age=300' "$T/headers" && grep -q govuk-link "$T/body" ||
  fail "/static/vendor/senco.css was not served by nginx: $(cat "$T/headers")"
ok "/static/vendor/senco.css from STATIC_ROOT by nginx"

status=$("${CURL[@]}" -D "$T/headers" -o "$T/body" -w '%{http_code}' "$BASE_URL/accounts/login/")
[ "$status" = 200 ] && grep -qi '^strict-transport-security: max-age=31536000' "$T/headers" ||
  fail "sign-in page: $status"
grep -qi '^strict-transport-security' "$T/headers" && ok "sign-in page: 200 with HSTS from Django"

location=$("${CURL[@]}" -o /dev/null -w '%{http_code} %{redirect_url}' "http://$HOST:$HTTP_PORT/accounts/login/")
[ "$location" = "301 https://$HOST/accounts/login/" ] || fail "http: $location"
ok "http redirected: $location"

if curl -sS --max-time 10 -k --resolve "other.example.com:$HTTPS_PORT:127.0.0.1" \
  -o /dev/null "https://other.example.com:$HTTPS_PORT/" 2>/dev/null; then
  fail "another name was answered over HTTPS"
fi
ok "another name: TLS handshake refused"

"${CURL[@]}" -c "$T/jar" -o "$T/body" "$BASE_URL/accounts/login/"
token=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$T/body" | head -1)
result=$("${CURL[@]}" -b "$T/jar" -c "$T/jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
  -H "X-Forwarded-For: 198.51.100.1" -e "$BASE_URL/accounts/login/" \
  --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=deploy.check" \
  --data-urlencode "password=correct-horse-battery-staple-9" "$BASE_URL/accounts/login/")
[ "$result" = "302 $BASE_URL/" ] || fail "sign-in: $result"
status=$("${CURL[@]}" -b "$T/jar" -o /dev/null -w '%{http_code}' "$BASE_URL/")
[ "$status" = 200 ] || fail "home page after signing in: $status"
ok "signed in through nginx (CSRF over HTTPS, Secure cookies): home page 200"

addresses=$("$PY" -c "import sqlite3, sys; print(' '.join(sorted({r[0] or '-' for r in sqlite3.connect(sys.argv[1]).execute('SELECT ip_address FROM audit_auditevent')})))" "$SQLITE_PATH")
[ "$addresses" = "127.0.0.2" ] || fail "the audit log's addresses: $addresses (wanted 127.0.0.2)"
ok "audit log: the client's address 127.0.0.2, not the forged 198.51.100.1 nor nginx's 127.0.0.1"
echo "4. nginx as a trust's app server (deploy/nginx/senco-app-server.conf)"
kill "$(cat "$T/nginx.pid")"
for _ in $(seq 1 50); do [ -f "$T/nginx.pid" ] || break; sleep 0.1; done
nginx -p "$T" -c "$T/nginx-senco-app-server.conf" || fail "nginx (app server) did not start"
LB=(curl -sS --max-time 30 -o "$T/body" -w '%{http_code}')
for _ in $(seq 1 50); do
  if curl -sS -o /dev/null "http://127.0.0.1:$HTTP_PORT/healthz" 2>/dev/null; then break; fi
  sleep 0.1
done
# The load balancer's health check: plain http, the server's address as Host.
status=$("${LB[@]}" "http://127.0.0.1:$HTTP_PORT/healthz")
[ "$status" = 200 ] || fail "health check through the app server's nginx: $status"
ok "the load balancer's health check (Host 127.0.0.1, plain http): 200"
status=$("${LB[@]}" -H "Host: $HOST" -H "X-Forwarded-Proto: https" \
  "http://127.0.0.1:$HTTP_PORT/accounts/login/")
[ "$status" = 200 ] || fail "a page as the load balancer forwards it: $status"
ok "a page as the load balancer forwards it (X-Forwarded-Proto: https): 200"
status=$("${LB[@]}" --interface 127.0.0.2 "http://127.0.0.1:$HTTP_PORT/healthz")
[ "$status" = 403 ] || fail "a client that is not the load balancer: $status"
ok "a client that is not the load balancer: 403"
echo "All deployment checks passed."
