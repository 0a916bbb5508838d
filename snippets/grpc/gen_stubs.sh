#!/usr/bin/env bash
# Generate the Python gRPC stubs from the protos inside the installed TorchServe,
# so they always match the server version (nothing copied into the repo).
# Output: next to the client scripts, snippets/grpc/ (git ignores the generated files), so
# `python snippets/grpc/<client>.py` imports them; GRPC_STUBS names another folder.
# Safe to run again; needs grpcio-tools.
set -euo pipefail
PY=${PYTHON:-$(command -v python || command -v python3)}
OUT=${GRPC_STUBS:-$(dirname "$0")}
JAR=$("$PY" -c 'import os, ts; print(os.path.join(os.path.dirname(ts.__file__), "frontend", "model-server.jar"))')
PROTOS=$(mktemp -d)
trap 'rm -rf "$PROTOS"' EXIT

# A .jar is a zip: take the two service protos and the one dependency protoc
# does not bundle (google/rpc/status.proto; google/protobuf/* ship with grpcio-tools).
"$PY" - "$JAR" "$PROTOS" <<'PYEOF'
import sys, zipfile
jar, dest = sys.argv[1:]
with zipfile.ZipFile(jar) as z:
    z.extractall(dest, ["proto/inference.proto", "proto/management.proto", "google/rpc/status.proto"])
PYEOF

# Generate next to the output, then move into place: a reader never sees a half-written stub.
mkdir -p "$OUT"
STAGE=$(mktemp -d "$OUT/.stage.XXXXXX")
"$PY" -m grpc_tools.protoc -I "$PROTOS/proto" -I "$PROTOS" \
  --python_out="$STAGE" --grpc_python_out="$STAGE" \
  "$PROTOS/proto/inference.proto" "$PROTOS/proto/management.proto" "$PROTOS/google/rpc/status.proto"
(cd "$STAGE" && find . -name '*.py' -print0) | while IFS= read -r -d '' f; do
  mkdir -p "$OUT/$(dirname "$f")"
  mv -f "$STAGE/$f" "$OUT/$f"
done
rm -rf "$STAGE"
(cd "$OUT" && find . -name '*_pb2*.py' | sort)
