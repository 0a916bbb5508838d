#!/usr/bin/env bash
# Copy the template out of the repository, as into your own project, and run its tests there:
# the handler's unit tests and an end-to-end test against a live TorchServe on free ports.
set -euo pipefail
dest=$(mktemp -d)/my-model
cp -r snippets/your-model/template "$dest"
cd "$dest"
python -m pytest -q
