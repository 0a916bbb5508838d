"""The floor of a Python server: one FastAPI endpoint per model on uvicorn, calling the model.

No queue, no batching: the request is parsed (the guide's parse_route), the model runs in the
event loop, the reply is written. Same path and reply bytes as TorchServe. uvicorn runs it with
uvloop and httptools; --workers N starts N processes on the one port, like TorchServe's workers.

    PYTHONPATH=handlers:models python tools/compare/floor.py [--workers N]   # 127.0.0.1:$FASTAPI_PORT (8101)
"""
import os
import sys

import torch
from fastapi import FastAPI, Request

from route_handler import collate_routes, parse_route, split_routes
from safe_handler import BadRequest, json_body, request_body
from snippets.litserve.server import MODELS, reply

if __name__ == "__main__":  # uvicorn's command runs the app: each of its worker processes imports it
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = parser.parse_args()
    os.execv(sys.executable, [sys.executable, "-m", "uvicorn", "tools.compare.floor:app", "--host", "127.0.0.1",
                              "--port", os.environ.get("FASTAPI_PORT", "8101"), "--workers", str(args.workers),
                              "--loop", "uvloop", "--http", "httptools", "--log-level", "warning"])

app = FastAPI()
models = {name: make().eval() for name, make in MODELS.items()}


@app.get("/health")
async def health():
    return "ok"


@app.post("/predictions/{name}")
async def predict(name: str, request: Request):
    try:
        sample = parse_route(request_body({"body": json_body(await request.body())}))
    except BadRequest as e:
        return reply(e.reply(), e.code)
    with torch.inference_mode():
        [route] = split_routes(models[name](*collate_routes([sample])), [sample])
    return reply(route)

