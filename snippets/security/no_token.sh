#!/usr/bin/env bash
# A management call without a token: TorchServe refuses it before doing anything.
source "$(dirname "$0")/../serve/env.sh"
curl -s -w 'HTTP %{http_code}\n' "$TS_MANAGEMENT/models"
