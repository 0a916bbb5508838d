#!/usr/bin/env bash
# TorchServe with HTTPS on the inference API, serving routes. start.sh's health check trusts the
# certificate through curl's CURL_CA_BUNDLE.
CURL_CA_BUNDLE=tls/server.pem TS_CONFIG=snippets/operations/config.tls.properties \
  exec bash snippets/setup/start.sh --models routes=routes.mar
