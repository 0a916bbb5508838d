#!/usr/bin/env bash
# Stop the TorchServe started by start.sh (it also deletes key_file.json).
torchserve --stop
