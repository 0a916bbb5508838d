# Addresses and keys for the guide's scripts: `source snippets/setup/env.sh`, from the repository root.
# The addresses are read from the config TorchServe was started with (TS_CONFIG), so a port is
# changed in one place; any variable already set in your shell wins.
: "${TS_CONFIG:=snippets/setup/config.properties}"
prop() { sed -n "s/^$1=//p" "$TS_CONFIG" | tail -n 1; }
: "${TS_INFERENCE:=$(prop inference_address)}"
: "${TS_MANAGEMENT:=$(prop management_address)}"
: "${TS_METRICS:=$(prop metrics_address)}"
: "${TS_GRPC_INFERENCE:=127.0.0.1:$(prop grpc_inference_port)}"
: "${TS_GRPC_MANAGEMENT:=127.0.0.1:$(prop grpc_management_port)}"
# The local model server is the one address allowed_urls lets TorchServe download from.
: "${MODEL_SERVER_PORT:=$(prop allowed_urls | grep -oE ':[0-9]+' | head -n 1 | tr -d :)}"
: "${MODEL_SERVER:=http://127.0.0.1:$MODEL_SERVER_PORT}"
: "${TS_KEY_FILE:=key_file.json}"
# Token auth (on by default since 0.11.1): one key per API, written by TorchServe at start.
key() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["key"])' "$TS_KEY_FILE" "$1"; }
if [ -f "$TS_KEY_FILE" ]; then
  MANAGEMENT_KEY=$(key management)
  INFERENCE_KEY=$(key inference)
else
  echo "env.sh: no $TS_KEY_FILE here: start TorchServe from this folder first (snippets/setup/start.sh)" >&2
fi
export TS_CONFIG TS_INFERENCE TS_MANAGEMENT TS_METRICS TS_GRPC_INFERENCE TS_GRPC_MANAGEMENT
export TS_KEY_FILE MODEL_SERVER MODEL_SERVER_PORT
