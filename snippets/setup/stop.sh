#!/usr/bin/env bash
# Stop the TorchServe started by start.sh (it also deletes key_file.json).
# --foreground waits until its Java process has exited, so its ports are free for the next start;
# then wait for the workers Java started (their pids read before the stop) to be gone too.
PID_FILE=${TMPDIR:-/tmp}/.model_server.pid
pids=$([ -f "$PID_FILE" ] && pgrep -P "$(cat "$PID_FILE")")
torchserve --stop --foreground && echo "TorchServe has stopped."
for pid in $pids; do while kill -0 "$pid" 2> /dev/null; do sleep 0.2; done; done
