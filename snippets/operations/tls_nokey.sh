#!/usr/bin/env bash
# This page's TLS config without private_key_file and certificate_file, started in a scratch folder
# that it leaves as it was: TorchServe 0.12 falls back to making a self-signed certificate.
set -uo pipefail
SCRATCH=$(mktemp -d)
grep -v -E '^(private_key_file|certificate_file|metrics_config)=' snippets/operations/config.tls.properties \
  > "$SCRATCH/config.properties"
cd "$SCRATCH"
mkdir model_store
export TMPDIR="$SCRATCH" TEMP="$SCRATCH"  # its own pid file
torchserve --start --ncs --model-store model_store --ts-config config.properties > start.out 2>&1
echo "torchserve --start: exit code $?"
# Wait until the Java frontend has ended (or 30 s).
for _ in $(seq 60); do
  pgrep -f "Djava.io.tmpdir=$SCRATCH" > /dev/null || break
  sleep 0.5
done
echo "key_file.json written: $([ -f key_file.json ] && echo yes || echo no)"
echo "frontend still running: $(pgrep -f "Djava.io.tmpdir=$SCRATCH" > /dev/null && echo yes || echo no)"
grep -m1 -E '^java\.security\.cert\.CertificateException' start.out
grep -m1 -o -E 'cannot access class sun\.security\.x509\.X509CertInfo' start.out
grep -m1 -E '^Caused by: java\.lang\.NoClassDefFoundError' start.out
torchserve --stop
cd - > /dev/null
rm -rf "$SCRATCH"
