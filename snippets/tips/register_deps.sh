#!/usr/bin/env bash
# Tip 4: registering runs pip for the archive's requirements before any worker starts.
source snippets/setup/env.sh
curl -s -w 'HTTP %{http_code}\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=scorer_deps.mar&initial_workers=1&synchronous=true"
