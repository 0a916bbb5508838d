#!/usr/bin/env bash
# Start or stop one of this page's TorchServe instances (a or b) serving greedy_time 1.0.
# Each runs in its own folder rollout/<name>/: its key_file.json, logs/ and TEMP (the pid file that
# --stop reads, the worker sockets) never meet the other's. Run from the repository root.
# Usage: bash snippets/rollout/instance.sh start|stop a|b
set -euo pipefail
action=$1 name=$2
repo=$PWD
config=$repo/snippets/rollout/config.$name.properties
prop() { sed -n "s/^$1=//p" "$config"; }
inference=$(prop inference_address)
mkdir -p "rollout/$name/tmp" "rollout/$name/logs"
cd "rollout/$name"
export TEMP=$PWD/tmp TMPDIR=$PWD/tmp
port_open() { (exec 3<> "/dev/tcp/127.0.0.1/${inference##*:}") 2> /dev/null; }

if [ "$action" = stop ]; then
  torchserve --stop --foreground > logs/stop.out 2>&1 || true
  while port_open; do sleep 0.2; done   # --stop returns a moment before the port is free
  echo "$name: stopped, ${inference##*:} free"
  exit 0
fi

rm -f key_file.json   # a killed server leaves its old one behind
torchserve --start --ncs --model-store "$repo/model_store" --ts-config "$config" \
  --models greedy_time=greedy_time.mar > logs/start.out 2>&1
# The keys are written a moment after the start; read them once the file is whole.
read_key() { python3 -c 'import json; print(json.load(open("key_file.json"))["inference"]["key"])' 2> /dev/null; }
for _ in $(seq 240); do key=$(read_key) && break; sleep 0.5; done
# /ping answers once the models given with --models are loaded.
for _ in $(seq 120); do
  curl -sf -o /dev/null -H "Authorization: Bearer $key" "$inference/ping" && break
  sleep 1
done
echo "$name: $inference $(curl -s -H "Authorization: Bearer $key" "$inference/ping" | tr -d ' \n'), keys in rollout/$name/key_file.json"
