"""Loaded by every Python started with tsharness's child_env: at exit, list the script and the
modules it imported in $TSHARNESS_LEDGER (see tsharness/ledger.py)."""
import atexit
import os
import sys


def _report():
    files = {getattr(m, "__file__", None) for m in list(sys.modules.values())}
    if sys.argv and sys.argv[0] not in ("", "-c", "-m"):
        files.add(sys.argv[0])
    try:
        with open(os.environ["TSHARNESS_LEDGER"], "a") as f:
            f.write("".join(os.path.abspath(x) + "\n" for x in files
                            if x and "site-packages" not in x and not x.startswith(sys.base_prefix)))
    except OSError:
        pass


if os.environ.get("TSHARNESS_LEDGER"):
    atexit.register(_report)
