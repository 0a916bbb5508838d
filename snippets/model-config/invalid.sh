#!/usr/bin/env bash
# Pack the trouble handler with each invalid model-config.yaml, register it, and show what
# TorchServe made of it.
set -euo pipefail
source snippets/setup/env.sh
for name in bad_type unknown_key negative; do
  echo "$name.yaml: $(grep -v '^#' "snippets/model-config/$name.yaml" | head -n 1)"
  NAME=$name CONFIG=snippets/model-config/$name.yaml bash snippets/model-config/package_trouble.sh
  curl -s -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
    "$TS_MANAGEMENT/models?url=$name.mar&synchronous=true" -w "HTTP %{http_code}\n" | grep -v '^[{}]'
done
python snippets/model-config/describe.py bad_type unknown_key negative
echo "TorchServe's log about them:"
bash snippets/model-config/log_lines.sh "ModelConfig - "
