#!/usr/bin/env bash
# Stop the LitServe started by server.py: SIGTERM to the process in logs/litserve.pid, which
# stops its API and inference processes too; wait until it has exited.
pid=$(cat logs/litserve.pid)
kill "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
rm logs/litserve.pid && echo "LitServe has stopped."
