#!/usr/bin/env bash
# A management call without a token: TorchServe refuses it before doing anything.
source snippets/setup/env.sh
curl -s -w 'HTTP %{http_code}\n' "$TS_MANAGEMENT/models"
