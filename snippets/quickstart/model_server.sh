#!/usr/bin/env bash
# Serve .mar files over HTTP, on loopback only, so TorchServe can register them by URL.
# Serve a folder of its own, not TorchServe's model store: TorchServe downloads into the store
# and refuses a file name that is already there ("Model file already exists").
# The port is the one allowed_urls names in the config (env.sh reads it).
source snippets/setup/env.sh
mkdir -p "${MAR_DIR:-mar_files}" logs
echo $$ > logs/model_server.pid  # exec: this pid is the server's (kill %1 stops it)
exec python3 -m http.server "$MODEL_SERVER_PORT" --bind 127.0.0.1 --directory "${MAR_DIR:-mar_files}"
