#!/usr/bin/env bash
# Tip 9: the inference API describes itself (OpenAPI 3); no token needed for OPTIONS.
source snippets/setup/env.sh
curl -s -X OPTIONS "$TS_INFERENCE"
