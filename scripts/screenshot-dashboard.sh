#!/usr/bin/env bash
# Takes docs/dashboard.png: starts the demo on a fresh database, signs in as the demo's lead,
# fetches the dashboard and photographs it with headless Chromium.
#
# Chromium cannot type into the sign-in form, so the page is fetched with curl under the lead's
# session and Chromium renders that page, with its stylesheets inlined, from a file.
# Needs: curl, chromium, python3. CORRIDOR_BIN picks the binary (default: a release build).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${CORRIDOR_BIN:-}"
if [ -z "$BIN" ]; then
    cargo build --release --bin corridor
    BIN="${CARGO_TARGET_DIR:-target}/release/corridor"
fi
PORT="${PORT:-18089}"
OUT="${OUT:-docs/dashboard.png}"
WORK="$(mktemp -d)"
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" serve --demo --db "$WORK/demo.db" --addr "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
    sleep 1
done
# The demo prints each account's generated password once ("  lead   Lead   PASSWORD") and, on
# the next line, its second-factor secret ("  TOTP secret:  SECRET").
PASSWORD="$(awk '$1 == "lead" { print $NF; exit }' "$WORK/serve.log")"
SECRET="$(awk 'found { print $NF; exit } $1 == "lead" { found = 1 }' "$WORK/serve.log")"
[ -n "$PASSWORD" ] && [ -n "$SECRET" ] || { echo "no sign-in for lead in the demo's output" >&2; exit 1; }

# The current TOTP code (RFC 6238: HMAC-SHA1, 30-second steps, six digits).
totp() {
    python3 - "$1" <<'PY'
import base64, hmac, struct, sys, time
secret = sys.argv[1].upper()
key = base64.b32decode(secret + "=" * (-len(secret) % 8))
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
offset = digest[-1] & 0x0F
print("%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}

# Signing in: the password, then the second factor on /login/code with that page's CSRF token.
sign_in() {
    local username="$1" password="$2" secret="$3" jar="$4"
    curl -fsS -c "$jar" -b "$jar" -o /dev/null \
        --data-urlencode "username=$username" --data-urlencode "password=$password" \
        "http://127.0.0.1:$PORT/login"
    local csrf
    csrf="$(curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/login/code" \
        | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)"
    curl -fsS -c "$jar" -b "$jar" -o /dev/null \
        --data-urlencode "csrf=$csrf" --data-urlencode "code=$(totp "$secret")" \
        "http://127.0.0.1:$PORT/login/code"
}
sign_in lead "$PASSWORD" "$SECRET" "$WORK/jar"

curl -fsS -b "$WORK/jar" "http://127.0.0.1:$PORT/dashboard" -o "$WORK/dashboard.html"
curl -fsS "http://127.0.0.1:$PORT/static/app.css" -o "$WORK/app.css"
curl -fsS "http://127.0.0.1:$PORT/static/sitrep.css" -o "$WORK/sitrep.css"
python3 - "$WORK" <<'PY'
import pathlib, sys
work = pathlib.Path(sys.argv[1])
html = (work / "dashboard.html").read_text()
for name in ("app.css", "sitrep.css"):
    css = (work / name).read_text()
    html = html.replace(f'<link rel="stylesheet" href="/static/{name}">', f"<style>{css}</style>")
(work / "page.html").write_text(html)
PY
grep -q 'class="sr-figure"' "$WORK/page.html" || { echo "the dashboard did not render" >&2; exit 1; }

mkdir -p "$(dirname "$OUT")"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$WORK/profile" --window-size=1280,1900 \
    --screenshot="$PWD/$OUT" "file://$WORK/page.html" >/dev/null 2>&1
[ -s "$OUT" ] || { echo "chromium made no screenshot" >&2; exit 1; }
echo "wrote $OUT"
