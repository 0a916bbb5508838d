#!/usr/bin/env bash
# Sets up everything the site and the tests need; fast when nothing changed.
#   tools/setup.sh venv      .venv from requirements.txt
#   tools/setup.sh java      Java >= 11 (apt-get install openjdk-17-jre-headless when possible)
#   tools/setup.sh chromium  Debian's chromium for the browser tests
# In CI (CI=true) a missing Java or Chromium is an error; elsewhere a warning,
# and the tests that need it are skipped with that reason.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*" >&2; }
missing() {  # $1 = what is missing, $2 = how to get it
  if [ "${CI:-}" = "true" ]; then say "ERROR: $1. $2"; exit 1; fi
  say "WARNING: $1. $2 Tests that need it will be skipped."
}
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_install() {
  say "installing $* with apt-get"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

java_major() {
  command -v java >/dev/null || { echo 0; return; }
  java -version 2>&1 | sed -nE '1s/.*version "([0-9]+)(\.([0-9]+))?.*/\1 \3/p' |
    awk '{ print ($1 == 1) ? $2 : $1 }'
}

setup_venv() {
  local stamp=.venv/.requirements.sha
  local want; want=$(sha256sum requirements.txt | cut -d' ' -f1)
  if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then return; fi
  say "creating .venv from requirements.txt (a few minutes the first time)"
  python3 -m venv .venv
  # pip's log is shown only when it fails.
  if ! .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt > .venv/pip.log 2>&1; then
    cat .venv/pip.log >&2; say "ERROR: pip install failed (log above)"; exit 1
  fi
  echo "$want" > "$stamp"
}

setup_java() {
  local major; major=$(java_major)
  if [ "${major:-0}" -ge 11 ]; then return; fi
  if can_apt; then apt_install openjdk-17-jre-headless || true; major=$(java_major); fi
  if [ "${major:-0}" -lt 11 ]; then
    missing "TorchServe needs Java 11 or newer (found: ${major:-none})" \
      "Install it, e.g. 'sudo apt-get install openjdk-17-jre-headless'."
  fi
}

setup_chromium() {
  command -v chromium >/dev/null && return
  if can_apt; then apt_install chromium || true; fi
  command -v chromium >/dev/null ||
    missing "Chromium is missing (browser tests)" "Install it, e.g. 'sudo apt-get install chromium'."
}

for step in "$@"; do "setup_$step"; done
