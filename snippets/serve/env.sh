# Addresses and keys for the other snippets: `source snippets/serve/env.sh`.
# The defaults match config.properties; override any of them in your shell.
: "${TS_INFERENCE:=http://127.0.0.1:8080}"
: "${TS_MANAGEMENT:=http://127.0.0.1:8081}"
: "${TS_METRICS:=http://127.0.0.1:8082}"
: "${TS_GRPC_INFERENCE:=127.0.0.1:7070}"
: "${TS_GRPC_MANAGEMENT:=127.0.0.1:7071}"
: "${TS_KEY_FILE:=key_file.json}"
: "${MODEL_SERVER:=http://127.0.0.1:8090}"
key() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["key"])' "$TS_KEY_FILE" "$1"; }
# Token auth (on by default since 0.11.1): one key per API, valid 60 minutes.
MANAGEMENT_KEY=$(key management)
INFERENCE_KEY=$(key inference)
export TS_INFERENCE TS_MANAGEMENT TS_METRICS TS_GRPC_INFERENCE TS_GRPC_MANAGEMENT TS_KEY_FILE MODEL_SERVER
