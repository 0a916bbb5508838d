#!/usr/bin/env bash
# Every registered model and where its archive came from.
source "$(dirname "$0")/../serve/env.sh"
curl -s -w '\n' -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models"
