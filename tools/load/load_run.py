"""A bounded load on the guide's models: every reply checked, no worker may restart.

Run from the repo root (`make load`): python tools/load/load_run.py [--requests N] ...
Starts its own TorchServe on free loopback ports and stops it at the end.
Exit status 1 when a request was lost, answered wrongly, or a worker was replaced.
"""
import json
from pathlib import Path

import loadgen

args = loadgen.arguments(__doc__, requests=5000)
models = args.models

with loadgen.loaded_server(models) as (pool, server):
    before = loadgen.worker_pids(server, models)
    results, seconds = loadgen.run_load(server, pool, args.requests, args.concurrency)
    after = loadgen.worker_pids(server, models)

figures = loadgen.summary(results, seconds)
figures["good_in_pool"] = sum(i.code == 200 for i in pool)
figures["bad_in_pool"] = sum(i.code != 200 for i in pool)
figures["workers_replaced"] = sum(b != after[m] for m, b in before.items())
print(f"concurrency: {args.concurrency} clients; request pool: {figures['good_in_pool']} good, "
      f"{figures['bad_in_pool']} bad")
loadgen.print_summary(figures, models)
print(f"workers replaced: {figures['workers_replaced']}")
if args.summary:
    Path(args.summary).write_text(json.dumps(figures, indent=2))
raise SystemExit(1 if figures["lost"] or figures["wrong"] or figures["workers_replaced"] else 0)
