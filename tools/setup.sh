#!/usr/bin/env bash
# Sets up everything the site and the tests need; fast when nothing changed.
#   tools/setup.sh venv        .venv from requirements.lock (hashed), installed with uv
#   tools/setup.sh java        Java >= 11 (apt-get install openjdk-17-jre-headless when possible)
#   tools/setup.sh chromium    Debian's chromium for the browser tests
#   tools/setup.sh prometheus  Debian's prometheus and promtool
#   tools/setup.sh nginx wrk fonts   Debian's nginx, wrk and CJK fonts
#   tools/setup.sh lock        re-compile requirements.lock from requirements.in (after editing it)
# In CI (CI=true) a missing Java or Debian tool is an error; elsewhere a warning,
# and the tests that need it are skipped with that reason.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
missing() {  # $1 = what is missing, $2 = how to get it
  if [ "${CI:-}" = "true" ]; then say "ERROR: $1. $2"; exit 1; fi
  say "WARNING: $1. $2 Tests that need it will be skipped."
}
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
# --no-install-recommends: the tests need the packages, not a desktop's printing, sound and
# monitoring services (chromium and prometheus alone would pull in about 150 more packages).
apt_install() {
  say "installing $* with apt-get"
  apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

java_major() {
  command -v java >/dev/null || { echo 0; return; }
  java -version 2>&1 | sed -nE '1s/.*version "([0-9]+)(\.([0-9]+))?.*/\1 \3/p' |
    awk '{ print ($1 == 1) ? $2 : $1 }'
}

# --- Python: .venv from requirements.lock -------------------------------------------------------
# The lock is for CPython 3.11 on x86_64 Linux: pymdown-extensions 13 needs Python >= 3.11.5, and
# the locked torch is the local CPU wheel torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl.
LOCK=requirements.lock
LOCK_PYTHON=3.11.5
LOCK_PLATFORM=x86_64-manylinux_2_28

python_ok() {  # $1 = a python; true when it can run the lock
  "$1" -c 'import sys; sys.exit(not ((3, 11, 5) <= sys.version_info[:3] < (3, 12)))' 2>/dev/null
}
python_version() { "$1" -c 'import platform; print(platform.python_version())' 2>/dev/null || echo none; }

# uv reads neither pip's config nor PIP_FIND_LINKS: hand it pip's find-links folders (the local
# torch wheel lies there; default /opt/wheels).
find_links() {
  FIND_LINKS=()
  local d
  for d in ${PIP_FIND_LINKS:-/opt/wheels}; do
    if [[ $d == *://* || -d $d ]]; then FIND_LINKS+=(--find-links "$d"); fi
  done
}

# A torch with a local label (+cpu) is not on PyPI: say where it must be before uv fails on it.
check_local_torch() {
  local torch; torch=$(sed -nE 's/^torch==([^ ]+).*/\1/p' "$LOCK")
  [[ $torch == *+* ]] || return 0
  local d
  for d in ${PIP_FIND_LINKS:-/opt/wheels}; do
    case $d in file://*) d=${d#file://} ;; *://*) return 0 ;; esac  # a web page: uv will tell
    compgen -G "$d/torch-$torch-*.whl" >/dev/null && return 0
  done
  die "the lock's torch==$torch is a local wheel, not on PyPI, and no folder in" \
      "PIP_FIND_LINKS (${PIP_FIND_LINKS:-unset, so /opt/wheels}) has torch-$torch-*.whl." \
      "Put the wheel in a folder and set PIP_FIND_LINKS to it."
}

# --8<-- [start:venv]
setup_venv() {
  local stamp=.venv/.requirements.lock.sha
  [ -f "$LOCK" ] || die "$LOCK is missing (tools/setup.sh lock makes it from requirements.in)"
  local want; want="$(sha256sum "$LOCK" | cut -d' ' -f1) bytecode"
  if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then link_repo; return; fi
  local start=$SECONDS
  say "installing .venv from $LOCK with uv (about a minute the first time)"
  rm -f "$stamp"
  check_local_torch
  ensure_uv
  find_links
  # --compile-bytecode writes every module's .pyc now, as pip does: without it, a Python that may not
  # write them (PYTHONDONTWRITEBYTECODE, a read-only image) compiles torch anew in every worker.
  # uv's log is shown only when it fails.
  if ! .venv/bin/uv pip sync --python .venv/bin/python --require-hashes --compile-bytecode \
         "${FIND_LINKS[@]}" "$LOCK" > .venv/setup.log 2>&1; then
    cat .venv/setup.log >&2; die "uv pip sync failed (log above)"
  fi
  echo "$want" > "$stamp"
  link_repo
  say ".venv ready in $((SECONDS - start)) s"
}

# The repository root on the venv's path (what an editable install does): tools/*.py import
# tsharness and tools.* by name, however they are started. And snippets/setup: the guide's
# scripts `from ts_env import ...` (its addresses and keys). Not models/ or handlers/: a worker
# must find its handler's modules in its archive, nowhere else.
# The folder that holds the venv itself (a copy of the repository that links .venv keeps it).
# The last line does nothing unless a test run sets TSHARNESS_LEDGER: then every Python lists what it
# ran (tsharness/ledger.py), even one started with its own PYTHONPATH=models. It runs the hook's file
# without importing tsharness, so a Python that imports another copy of tsharness still can.
link_repo() {
  local site root hook want
  site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  root=$(dirname "$(cd .venv && pwd -P)")
  hook="import os, pathlib; os.environ.get('TSHARNESS_LEDGER') and"
  hook+=" exec(pathlib.Path('$root/tsharness/ledger_site/sitecustomize.py').read_text(), {})"
  want=$(printf '%s\n%s\n%s' "$root" "$root/snippets/setup" "$hook")
  [ "$(cat "$site/guide-repo.pth" 2>/dev/null)" = "$want" ] || echo "$want" > "$site/guide-repo.pth"
}

# .venv with a Python that can run the lock, and uv in it. uv comes from PyPI through the venv's
# own pip, hash-checked against its lines in the lock; `uv pip sync` then keeps it (it is locked).
ensure_uv() {
  if ! { [ -x .venv/bin/python ] && python_ok .venv/bin/python; }; then
    command -v python3 >/dev/null ||
      die "python3 not found; this project needs Python $LOCK_PYTHON or a newer 3.11."
    python_ok python3 || die "python3 is $(python_version python3); this project needs Python $LOCK_PYTHON" \
      "or a newer 3.11 (pymdown-extensions 13 needs >= $LOCK_PYTHON; the locked torch wheel is cp311 only)."
    python3 -m venv --clear .venv
  fi
  [ -x .venv/bin/uv ] && return
  awk '/^uv==/ { p = 1 } p { print; if (!/\\$/) exit }' "$LOCK" > .venv/uv-requirements.txt
  grep -q -- '--hash=' .venv/uv-requirements.txt || die "no hashed uv line in $LOCK"
  if ! .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes \
         -r .venv/uv-requirements.txt > .venv/setup.log 2>&1; then
    cat .venv/setup.log >&2; die "installing uv with pip failed (log above)"
  fi
}
# --8<-- [end:venv]

setup_lock() {
  ensure_uv
  find_links
  # Versions already in the lock are kept unless requirements.in asks for others
  # (to move everything to the newest allowed: add --upgrade).
  .venv/bin/uv pip compile requirements.in -o "$LOCK" -q --generate-hashes \
    --python-version "$LOCK_PYTHON" --python-platform "$LOCK_PLATFORM" "${FIND_LINKS[@]}" \
    --custom-compile-command "tools/setup.sh lock"
  local torch; torch=$(sed -nE 's/^torch==([^ ]+).*/\1/p' "$LOCK")
  { printf '%s\n' \
      "# requirements.lock: every package of .venv, pinned with its hashes; \`tools/setup.sh venv\`" \
      "# installs it with \`uv pip sync --require-hashes\`. Generated from requirements.in (the direct" \
      "# dependencies) by \`tools/setup.sh lock\`: edit requirements.in, not this file." \
      "# For CPython $LOCK_PYTHON+ (3.11) on $LOCK_PLATFORM."
    [[ $torch != *+* ]] || printf '%s\n' \
      "# torch $torch is a local wheel, not on PyPI: uv finds it through --find-links" \
      "# \$PIP_FIND_LINKS (default /opt/wheels); its hash below is that file's."
    cat "$LOCK"; } > "$LOCK.tmp"
  mv "$LOCK.tmp" "$LOCK"
  say "$LOCK compiled; \`tools/setup.sh venv\` installs it"
}

# --- system tools ---------------------------------------------------------------------------------
setup_java() {
  local major; major=$(java_major)
  if [ "${major:-0}" -ge 11 ]; then return; fi
  if can_apt; then apt_install openjdk-17-jre-headless || true; major=$(java_major); fi
  if [ "${major:-0}" -lt 11 ]; then
    missing "TorchServe needs Java 11 or newer (found: ${major:-none})" \
      "Install it, e.g. 'sudo apt-get install openjdk-17-jre-headless'."
  fi
}

# Debian packages the tests drive. Each step names a check and the packages that pass it; what
# is missing is installed in one apt-get run after the last step, then checked again.
WANT=(); CHECKS=()
debian_tool() {  # $1 = check (a shell command), $2 = packages, $3 = what needs them
  eval "$1" >/dev/null 2>&1 && return
  read -ra pkgs <<< "$2"; WANT+=("${pkgs[@]}"); CHECKS+=("$1|$2|$3")
}
install_wanted() {
  [ ${#WANT[@]} -gt 0 ] || return 0
  if can_apt; then apt_install "${WANT[@]}" || true; fi
  local c check pkgs what
  for c in "${CHECKS[@]}"; do
    IFS='|' read -r check pkgs what <<< "$c"
    eval "$check" >/dev/null 2>&1 ||
      missing "not installed: $pkgs ($what)" "Install it, e.g. 'sudo apt-get install $pkgs'."
  done
}
# fonts-liberation: the Latin fonts the browser tests measure text in (a recommendation of chromium's)
setup_chromium()   { debian_tool "command -v chromium" "chromium fonts-liberation" "browser tests"; }
setup_prometheus() { debian_tool "command -v promtool" prometheus "metrics and alert tests"; }
setup_nginx()      { debian_tool "command -v nginx" nginx "the rollout page's load balancer"; }
setup_wrk()        { debian_tool "command -v wrk" wrk "the benchmarks' HTTP load generator"; }
# not grep -q: with pipefail, a SIGPIPE'd fc-list would fail the check
setup_fonts()      { debian_tool "fc-list | grep 'Noto Sans CJK'" "fontconfig fonts-noto-cjk" \
                       "fonts for screenshots"; }

for step in "$@"; do
  declare -F "setup_$step" >/dev/null || die "unknown step '$step' (venv, java, chromium, prometheus, nginx, wrk, fonts, lock)"
  "setup_$step"
done
install_wanted
