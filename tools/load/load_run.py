"""A bounded load on the guide's models: every reply checked, no worker may restart.

Run from the repo root (`make load`): PYTHONPATH=models python tools/load/load_run.py [--requests N] ...
(PYTHONPATH: models/lade_synth.py makes the route requests.)
Starts its own TorchServe on free loopback ports and stops it at the end. Prints the report and
writes the figures to tools/load/load_run.json (the pages' sentences are made from it).
Exit status 1 when a request was lost, answered wrongly, or a worker was replaced.
"""
from pathlib import Path

from tools.load import loadgen


def options(argv=None):
    return loadgen.arguments(__doc__, argv, requests=5000, figures=Path(__file__).with_suffix(".json"))


def run(server, pool, args) -> dict:
    figures = loadgen.load_run(server, pool, args.models, args.requests, args.concurrency)
    print(loadgen.load_report(figures), end="")
    loadgen.write_figures(args.summary, figures)
    return figures


if __name__ == "__main__":
    loadgen.main(options, run, loadgen.load_passed)
