"""Renew TorchServe's inference and management keys with the API key; run by a timer or cron.

TorchServe rewrites key_file.json with the new keys (the old ones are refused at once). After each
successful renewal this script records its time in logs/textfile/key_renewal.prom, which
Prometheus scrapes: the KeyRenewalLate alert fires when no renewal succeeded for 45 minutes.
Exit status 1 if a renewal failed, so systemd and cron see it too. Standard library only: it runs
on the system's python3, with PYTHONPATH=snippets/setup for ts_env.py (the guide's .venv has it).
Usage, from where TorchServe was started: python snippets/alerts/renew_keys.py
"""
import os
import sys
import time
import urllib.error
import urllib.request

from ts_env import TS_MANAGEMENT, key

TEXTFILE = os.environ.get("KEY_RENEWAL_TEXTFILE", "logs/textfile/key_renewal.prom")


def renew(kind: str, api_key: str) -> int:
    request = urllib.request.Request(f"{TS_MANAGEMENT}/token?type={kind}",
                                     headers={"Authorization": f"Bearer {api_key}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError as e:  # not listening
        print(f"{kind}: {e}", file=sys.stderr)
        return 0


def previous() -> dict:
    """The last successful renewal of each key, from the file this script wrote before."""
    try:
        with open(TEXTFILE) as f:
            return {line.split('"')[1]: line.split()[-1] for line in f if line.startswith("torchserve_")}
    except OSError:
        return {}


api_key = key("API")
renewed = previous()
failed = False
for kind in ("inference", "management"):
    status = renew(kind, api_key)
    print(f"{kind} key: HTTP {status}")
    if status == 200:
        renewed[kind] = f"{time.time():.0f}"
    failed |= status != 200

# Write a new file and rename it: Prometheus never reads a half-written one.
os.makedirs(os.path.dirname(TEXTFILE), exist_ok=True)
with open(TEXTFILE + ".tmp", "w") as f:
    f.write("# HELP torchserve_key_renewed_timestamp_seconds When the key was last renewed.\n"
            "# TYPE torchserve_key_renewed_timestamp_seconds gauge\n")
    for kind, when in sorted(renewed.items()):
        f.write(f'torchserve_key_renewed_timestamp_seconds{{key="{kind}"}} {when}\n')
os.replace(TEXTFILE + ".tmp", TEXTFILE)
print(f"{TEXTFILE}: {', '.join(sorted(renewed)) or 'no renewal yet'}")
sys.exit(1 if failed else 0)
