#!/usr/bin/env bash
# Register the six variants from the model store, one worker each. synchronous=true: each call
# returns once its worker is ready, and curl waits as long as that takes (the compiled one compiles).
set -euo pipefail
source snippets/setup/env.sh
for url in pointer_net.mar pointer_net_script.mar pointer_net_compiled.mar pointer_net_aoti.mar pointer_net_folder pointer_net_tgz.tar.gz; do
  curl -s -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
    "$TS_MANAGEMENT/models?url=$url&initial_workers=1&synchronous=true" | grep '"status"'
done
