#!/usr/bin/env bash
# What TorchServe's HTTPS port offers: each TLS version on its own, then one cipher at a time.
# Prints the protocol and cipher of the session agreed, or "refused" when the handshake fails.
TS_CONFIG=snippets/operations/config.tls.properties source snippets/setup/env.sh
address=${TS_INFERENCE#https://}
try() {
  session=$(openssl s_client -connect "$address" -CAfile tls/server.pem "$@" </dev/null 2>/dev/null)
  if grep -q '^New, TLS' <<<"$session"; then
    sed -n 's/^ *Protocol *: //p; s/^ *Cipher *: //p' <<<"$session" | paste -sd ' '
  else
    echo refused
  fi
}
for version in -tls1_3 -tls1_2; do
  echo "$version: $(try "$version")"
done
for cipher in ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES128-SHA ECDHE-RSA-AES256-GCM-SHA384 \
    ECDHE-ECDSA-AES128-GCM-SHA256; do
  echo "-tls1_2 -cipher $cipher: $(try -tls1_2 -cipher "$cipher")"
done
