#!/usr/bin/env bash
# Start nginx in front of instances a and b, or reload it with another pool / retry setting.
# Usage: bash snippets/rollout/nginx.sh start|reload [POOL] [NEXT_UPSTREAM]   (see nginx_conf.py)
# Debian's nginx, run with its own prefix: config, pid file, logs and temp files in rollout/nginx/.
set -euo pipefail
action=$1; shift
python snippets/rollout/nginx_conf.py "$@"
# Check the new config first: a bad one never replaces the one nginx runs with.
nginx -p rollout/nginx -c nginx.conf.new -e logs/error.log -t -q
mv rollout/nginx/nginx.conf.new rollout/nginx/nginx.conf
if [ "$action" = start ]; then
  nginx -p rollout/nginx -c nginx.conf -e logs/error.log
else
  # Reload: new workers take the new config; the old ones finish the requests they hold, then exit.
  nginx -p rollout/nginx -c nginx.conf -e logs/error.log -s reload
  sleep 1
fi
echo "nginx $action: listening on $(sed -n 's/^listen=//p' snippets/rollout/nginx.properties)"
