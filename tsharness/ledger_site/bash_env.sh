# BASH_ENV of the walks' shells (see tsharness/ledger.py): report the script and what it sources.
if [ -n "${TSHARNESS_LEDGER:-}" ]; then
  [ -f "$0" ] && realpath -m -- "$0" >> "$TSHARNESS_LEDGER"
  source() { [ -f "$1" ] && realpath -m -- "$1" >> "$TSHARNESS_LEDGER"; builtin source "$@"; }
fi
