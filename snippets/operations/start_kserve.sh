#!/usr/bin/env bash
# TorchServe serving routes in KServe's protocol: TS_SERVICE_ENVELOPE=kserve (v1, the default
# here) or kservev2 (v2) wraps every request of every model in that envelope.
# Usage: bash snippets/operations/start_kserve.sh [kserve|kservev2]
TS_SERVICE_ENVELOPE=${1:-kserve} TS_CONFIG=snippets/operations/config.kserve.properties \
  exec bash snippets/setup/start.sh --models routes=routes.mar
