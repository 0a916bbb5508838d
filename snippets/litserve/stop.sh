#!/usr/bin/env bash
# Stop the LitServe started by server.py. Its first process (pid in logs/litserve.pid) leads a process
# group with its API and inference processes: SIGTERM to the whole group, SIGKILL to what is left
# after 10 s; return once no process of the group is left and its port is free.
[ -f logs/litserve.pid ] || { echo "LitServe is not running (no logs/litserve.pid)."; exit 0; }
group=$(cat logs/litserve.pid)
kill -TERM -- "-$group" 2> /dev/null
for _ in $(seq 50); do kill -0 -- "-$group" 2> /dev/null || break; sleep 0.2; done
kill -KILL -- "-$group" 2> /dev/null
while kill -0 -- "-$group" 2> /dev/null; do sleep 0.2; done
while (exec 3<> "/dev/tcp/127.0.0.1/${LITSERVE_PORT:-8100}") 2> /dev/null; do sleep 0.2; done
rm logs/litserve.pid && echo "LitServe has stopped."
