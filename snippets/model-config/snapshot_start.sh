#!/usr/bin/env bash
# TorchServe with config snapshots on (TS_SNAPSHOTS=on: start.sh leaves out --ncs), loading
# pointer_net alone. Snapshots go to logs/config/.
TS_SNAPSHOTS=on exec bash snippets/setup/start.sh --models pointer_net=pointer_net.mar
