#!/usr/bin/env bash
# TorchServe with a Java that cannot run its frontend first on PATH, in a scratch folder that it leaves as it was.
set -uo pipefail
OLD=$(mktemp -d)
cat > "$OLD/java" <<'JAVA'
#!/bin/sh
# A stand-in for Java 8: it reports its version and cannot run TorchServe's frontend.
[ "$1" = -version ] && echo 'openjdk version "1.8.0_412"' >&2
exit 1
JAVA
chmod +x "$OLD/java"
export PATH="$OLD:$PATH" TMPDIR="$OLD" TEMP="$OLD"  # its own pid file
unset JAVA_HOME
cd "$OLD"
java -version
torchserve --start --ncs --model-store "$OLD"
echo "torchserve --start: exit code $?"
sleep 3
echo "key_file.json written: $([ -f key_file.json ] && echo yes || echo no)"
torchserve --stop
rm -rf "$OLD"
