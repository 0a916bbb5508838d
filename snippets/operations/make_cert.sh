#!/usr/bin/env bash
# A self-signed certificate for 127.0.0.1, valid 30 days, in tls/ (key.pem stays private: mode 600).
# A second one, other.pem, made the same way: a certificate the server does not have.
set -euo pipefail
mkdir -p tls
for name in server other; do
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "tls/$name.key" -out "tls/$name.pem" 2> /dev/null
done
chmod 600 tls/*.key
openssl x509 -in tls/server.pem -noout -subject -ext subjectAltName
