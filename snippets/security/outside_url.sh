#!/usr/bin/env bash
# Register a .mar from a URL that allowed_urls does not list: refused before any download.
# 198.51.100.7 is a documentation address; nothing is contacted.
source snippets/setup/env.sh
URL=${1:-http://198.51.100.7/model.mar}
curl -s -w 'HTTP %{http_code}\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=$URL"
