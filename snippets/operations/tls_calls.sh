#!/usr/bin/env bash
# The HTTPS inference API called four ways: only the first, which trusts the server's certificate,
# gets an answer.
TS_CONFIG=snippets/operations/config.tls.properties source snippets/setup/env.sh
ping() { curl -sS -H "Authorization: Bearer $INFERENCE_KEY" "$@" 2>&1 || echo "(curl exit $?)"; }
echo "== trusting tls/server.pem"
ping --cacert tls/server.pem "$TS_INFERENCE/ping"
echo "== trusting only the system's certificate authorities"
ping "$TS_INFERENCE/ping"
echo "== plain HTTP to the HTTPS port"
ping "${TS_INFERENCE/https:/http:}/ping"
echo "== trusting tls/other.pem, a certificate the server does not have"
ping --cacert tls/other.pem "$TS_INFERENCE/ping"
