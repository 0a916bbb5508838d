#!/usr/bin/env bash
# Tip 1: register the archive whose model file has two classes; its worker cannot start.
source snippets/setup/env.sh
curl -s -w 'HTTP %{http_code}\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=scorer_two_classes.mar&initial_workers=1&synchronous=true"
