#!/usr/bin/env bash
# The versions this guide is tested with; TorchServe needs Java 11 or newer.
set -euo pipefail
python -c 'from importlib.metadata import version
for p in ("torch", "torchserve", "torch-model-archiver"): print(p, version(p))'
java -XshowSettings:properties -version 2>&1 | grep 'java.specification.version'
