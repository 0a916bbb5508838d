"""The floor of a Python server: one FastAPI endpoint per model on uvicorn, calling the model.

No queue, no batching, no worker process: the request is parsed (the guide's parse_route), the
model runs in the event loop, the reply is written. Same path and reply bytes as TorchServe.

    python tools/compare/floor.py     # 127.0.0.1:$FASTAPI_PORT (8101)
"""
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "snippets" / "litserve"))  # server.py puts handlers/ and models/ on the path

import torch  # noqa: E402
import uvicorn  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from server import MODELS, reply  # noqa: E402  (snippets/litserve/server.py)

from route_handler import collate_routes, parse_route, split_routes  # noqa: E402
from safe_handler import BadRequest, json_body, request_body  # noqa: E402

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


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("FASTAPI_PORT", 8101)),
                log_level="warning")
