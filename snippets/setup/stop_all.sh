#!/usr/bin/env bash
# Stop every server the guide started from this folder, whichever page started it: TorchServe (its pid
# file is in $TMPDIR, /tmp by default; the Rollout page's instances keep theirs in rollout/*/tmp) and
# every server that wrote its pid to logs/*.pid or rollout/nginx/logs/nginx.pid (LitServe, FastAPI,
# Prometheus, the model-file server, nginx). Each one's whole process group when it leads one; SIGKILL
# to what is left after 10 s. Returns once none of them is left. Run from the repository root; a server
# started from another folder is left alone.
here=$(pwd -P)
from_here() { case "$(readlink "/proc/$1/cwd" 2> /dev/null)" in "$here" | "$here"/*) ;; *) false ;; esac; }
ts_pid_file=${TMPDIR:-/tmp}/.model_server.pid
if [ -f "$ts_pid_file" ] && from_here "$(cat "$ts_pid_file")"; then
  bash snippets/setup/stop.sh > /dev/null && echo "stopped TorchServe"
fi
for ts_pid_file in rollout/*/tmp/.model_server.pid; do
  [ -f "$ts_pid_file" ] && from_here "$(cat "$ts_pid_file")" || continue
  tmp=$PWD/${ts_pid_file%/.model_server.pid}
  (cd "$tmp/.." && TMPDIR=$tmp TEMP=$tmp torchserve --stop --foreground > /dev/null)
  echo "stopped TorchServe ($ts_pid_file)"
done
for pid_file in logs/*.pid rollout/nginx/logs/nginx.pid; do
  [ -f "$pid_file" ] || continue
  pid=$(cat "$pid_file")
  if kill -0 -- "-$pid" 2> /dev/null; then target=-$pid   # it leads a process group: all of it
  elif kill -0 "$pid" 2> /dev/null; then target=$pid
  else rm -f "$pid_file"; continue; fi                    # a pid file a stopped server left
  member=$(pgrep -g "$pid" | head -n 1); from_here "${member:-$pid}" || continue
  kill -TERM -- "$target"
  for _ in $(seq 50); do kill -0 -- "$target" 2> /dev/null || break; sleep 0.2; done
  kill -KILL -- "$target" 2> /dev/null
  while kill -0 -- "$target" 2> /dev/null; do sleep 0.2; done
  rm -f "$pid_file"
  echo "stopped $(basename "$pid_file" .pid) ($pid_file)"
done
echo "None of the guide's servers is running from this folder."
