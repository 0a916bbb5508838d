#!/usr/bin/env bash
# Stop nginx fully: its master (pid in rollout/nginx/logs/nginx.pid) and workers; return once its
# port is free. Run from the repository root.
set -euo pipefail
pid_file=rollout/nginx/logs/nginx.pid
listen=$(sed -n 's/^listen=//p' snippets/rollout/nginx.properties)
[ -f "$pid_file" ] || { echo "nginx: not running (no $pid_file)"; exit 0; }
nginx -p rollout/nginx -c nginx.conf -e logs/error.log -s stop
while [ -f "$pid_file" ] || (exec 3<> "/dev/tcp/${listen%:*}/${listen##*:}") 2> /dev/null; do sleep 0.2; done
echo "nginx: stopped, ${listen##*:} free"
