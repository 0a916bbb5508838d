"""Kill one model's worker in the middle of a load; what do clients see, and does it recover?

Run from the repo root (`make faults`): PYTHONPATH=models python tools/load/fault_run.py [--victim MODEL] ...
(PYTHONPATH: models/lade_synth.py makes the route requests.)
Starts its own TorchServe on free loopback ports, sends a bounded load, kills the victim's
worker process (its PID from the describe API) once a third of the requests are sent, times how
long until TorchServe has a new worker ready, then sends the whole request pool again and checks
every reply. Prints the report and writes the figures to tools/load/fault_run.json.
Exit status 1 when the worker did not come back, a request hung or went wrong at another model,
or a request after recovery went wrong.
"""
from pathlib import Path

from tools.load import loadgen


def options(argv=None):
    return loadgen.arguments(__doc__, argv, requests=3000, figures=Path(__file__).with_suffix(".json"),
                             victim="pointer_net")


def run(server, pool, args) -> dict:
    figures = loadgen.fault_run(server, pool, args.models, args.requests, args.concurrency,
                                args.victim)
    print(loadgen.fault_report(figures), end="")
    loadgen.write_figures(args.summary, figures)
    return figures


if __name__ == "__main__":
    loadgen.main(options, run, loadgen.fault_passed)
