"""Kill one model's worker in the middle of a load; what do clients see, and does it recover?

Run from the repo root (`make faults`): python tools/load/fault_run.py [--victim MODEL] ...
Starts its own TorchServe on free loopback ports, sends a bounded load, kills the victim's
worker process (its PID from the describe API) once a third of the requests are sent, then
waits for TorchServe to start a new worker and checks that every request afterwards succeeds.
Exit status 1 when the worker did not come back or a request after recovery went wrong.
"""
import json
import threading
from collections import Counter
from pathlib import Path

import psutil

import loadgen

args = loadgen.arguments(__doc__, requests=3000, victim="pointer_net")
models = args.models


with loadgen.loaded_server(models) as (pool, server):
    old = server.worker_pids(args.victim)
    kill_at = args.requests // 3
    killed = threading.Event()

    def on_sent(i):
        # The thread sending request number `kill_at` kills the worker first.
        if i == kill_at and not killed.is_set():
            for pid in old:
                psutil.Process(pid).kill()
            killed.set()

    results, seconds = loadgen.run_load(server, pool, args.requests, args.concurrency,
                                        on_sent=on_sent)
    new = loadgen.wait_for_ready_worker(server, args.victim, exclude=old)
    # After recovery: every request of the pool once, for every model.
    after, _ = loadgen.run_load(server, pool, len(pool) * 2, args.concurrency, seed=1)

failed = [r for r in results if not r.right]
seen = Counter((r.item.model, r.status or "no reply",
                r.reply.get("message", "") if isinstance(r.reply, dict) else str(r.reply)[:80])
               for r in failed)
figures = loadgen.summary(results, seconds)
figures.update({
    "victim": args.victim,
    "killed_at_request": kill_at,
    "failed": len(failed),
    "failed_other_models": sum(r.item.model != args.victim for r in failed),
    "worker_replaced": bool(new),
    "after_recovery": len(after),
    "after_recovery_wrong": sum(not r.right for r in after),
})
print(f"killed the {args.victim} worker (SIGKILL) at request {kill_at} of {args.requests}, "
      f"{args.concurrency} clients")
loadgen.print_summary(figures, models)
print(f"failed:      {len(failed)} requests, {figures['failed_other_models']} of them to other models")
for (model, status, message), n in sorted(seen.items(), key=lambda kv: -kv[1]):
    print(f"  {n:4d} x {model}: {status} {message}")
print(f"new worker:  {'ready (new PID)' if new else 'NOT READY within the timeout'}")
print(f"after recovery: {figures['after_recovery']} requests, "
      f"{figures['after_recovery_wrong']} wrong")
if args.summary:
    Path(args.summary).write_text(json.dumps(figures, indent=2))
raise SystemExit(0 if new and not figures["after_recovery_wrong"] else 1)
