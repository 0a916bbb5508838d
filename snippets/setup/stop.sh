#!/usr/bin/env bash
# Stop the TorchServe started by start.sh (it also deletes key_file.json).
# --foreground waits until it has exited, so its ports are free for the next start.
torchserve --stop --foreground && echo "TorchServe has stopped."
