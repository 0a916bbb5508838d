#!/usr/bin/env bash
# systemd's own check of the two unit files: unknown keys, bad values, a missing ExecStart binary.
# It prints nothing when it finds nothing wrong.
set -euo pipefail
systemd-analyze verify snippets/alerts/torchserve-renew-keys.service \
  snippets/alerts/torchserve-renew-keys.timer
echo "systemd-analyze verify: exit $?"
