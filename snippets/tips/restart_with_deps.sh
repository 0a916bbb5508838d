#!/usr/bin/env bash
# Tip 4: restart TorchServe with the guide's config plus config.deps.properties.
# The merged copy goes to build/ (ignored by git); the guide's config stays as it is.
set -euo pipefail
mkdir -p build
# A key given twice counts once, the later line winning: the additions go last.
cat "${TS_CONFIG:-snippets/setup/config.properties}" snippets/tips/config.deps.properties \
  > build/config.deps.properties
bash snippets/setup/stop.sh
# This server is offline: pip gets no package index, no pip.conf and no local wheels.
# On a server that reaches the index, leave this line out.
export PIP_NO_INDEX=1 PIP_CONFIG_FILE=/dev/null && unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL
TS_CONFIG=build/config.deps.properties bash snippets/setup/start.sh
grep '^Custom python dependency' logs/start.out
