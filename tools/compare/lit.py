"""The LitServe port (snippets/litserve/server.py) at the settings tools/compare measures it with.

    PYTHONPATH=handlers:models python tools/compare/lit.py --batch 8 --workers 2   # 127.0.0.1:$LITSERVE_PORT (8100)

--workers is LitServer's workers_per_device: inference processes per model on the CPU, the
counterpart of TorchServe's workers per model. --api-servers is run()'s num_api_servers (its
HTTP processes; LitServe's default is one per inference worker of every model). --fast-queue
passes requests to the workers over ZeroMQ instead of multiprocessing queues.
"""
import argparse
import os

from snippets.litserve.server import server

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=1, help="max_batch_size (1: no batching)")
    parser.add_argument("--timeout", type=float, default=0.005, help="batch_timeout, seconds")
    parser.add_argument("--workers", type=int, default=1, help="workers_per_device")
    parser.add_argument("--api-servers", type=int, default=None, help="num_api_servers")
    parser.add_argument("--fast-queue", action="store_true", help="fast_queue (ZeroMQ)")
    args = parser.parse_args()
    lit = server(args.batch, args.timeout, workers_per_device=args.workers, fast_queue=args.fast_queue)
    lit.run(host="127.0.0.1", port=int(os.environ.get("LITSERVE_PORT", 8100)),
            num_api_servers=args.api_servers, log_level="warning", generate_client_file=False)
