#!/usr/bin/env bash
# What a crash leaves behind: kill TorchServe's Java process (as the kernel's OOM killer would),
# then ask torchserve to stop it.
PID=$(cat "${TMPDIR:-/tmp}/.model_server.pid")
kill -9 "$PID"
while kill -0 "$PID" 2> /dev/null; do sleep 0.2; done
echo "killed; key file:"
python snippets/operations/key_file.py
torchserve --stop --foreground
