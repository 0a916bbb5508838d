#!/usr/bin/env bash
# The same TorchServe in docker: the guide's config and model store, image 0.12.0 (CPU).
# Inside the container the APIs must listen on all of its interfaces, otherwise the published
# ports reach nothing; on the host every port is published on 127.0.0.1 only.
set -euo pipefail
STORE=$(realpath "${MODEL_STORE:-model_store}")
CONFIG=${TS_CONFIG:-snippets/setup/config.properties}
RUN=$(realpath -m "${DOCKER_RUN_DIR:-docker_run}")  # config copy, key_file.json, logs/, tmp/
mkdir -p "$RUN/tmp"
# Only the bind addresses change; token auth, the model API switch and allowed_urls stay.
sed -E 's#^((inference|management|metrics)_address=https?://)127\.0\.0\.1#\10.0.0.0#;
        s#^(grpc_(inference|management)_address=)127\.0\.0\.1#\10.0.0.0#' \
  "$CONFIG" > "$RUN/config.properties"
# torchserve as the command, not the image's default `serve`, which starts with the image's own
# config and --disable-token-auth; --foreground keeps the container alive as long as TorchServe runs.
# Running as your user lets it write keys and logs into $RUN and downloads into the store; TEMP
# (pid file, worker sockets) points into $RUN too, since that user may not write the image's /tmp.
docker run -d --rm --name torchserve --user "$(id -u):$(id -g)" \
  -p 127.0.0.1:8080:8080 -p 127.0.0.1:8081:8081 -p 127.0.0.1:8082:8082 \
  -p 127.0.0.1:7070:7070 -p 127.0.0.1:7071:7071 \
  -v "$STORE:/home/model-server/model-store" \
  -v "$RUN:/home/model-server/run" -w /home/model-server/run \
  -e TEMP=/home/model-server/run/tmp -e TMPDIR=/home/model-server/run/tmp \
  pytorch/torchserve:0.12.0-cpu \
  torchserve --start --foreground --ncs --model-store /home/model-server/model-store \
    --ts-config /home/model-server/run/config.properties
# Keys: TS_KEY_FILE=$RUN/key_file.json; stop: docker stop torchserve
