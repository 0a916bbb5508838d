#!/usr/bin/env bash
# Start over: stop every server the guide started from this folder, then delete what the guide's
# pages write here (the list below, the same as .gitignore's). Nothing else is touched: your own
# files stay, except any you put inside these folders (model_store/ holds every archive you built).
# Run from the repository root.
set -euo pipefail
bash snippets/setup/stop_all.sh
for path in model_store logs key_file.json mar_files docker_run tls kserve rollout build \
    snippets/grpc/*_pb2*.py snippets/grpc/google; do
  [ -e "$path" ] || continue
  rm -rf "$path"
  echo "deleted $path"
done
