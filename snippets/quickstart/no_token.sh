#!/usr/bin/env bash
# The original tutorial's registration, as written there: no token.
# TorchServe 0.12 refuses it: token authorization is on by default since 0.11.1.
source snippets/setup/env.sh
curl -s -w '\nHTTP %{http_code}\n' -X POST "$TS_MANAGEMENT/models?url=mnist.mar"
