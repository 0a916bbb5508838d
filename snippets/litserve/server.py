"""greedy_time and pointer_net on LitServe, with the guide's models and request parsing.

Usage: PYTHONPATH=handlers:models python snippets/litserve/server.py [--batch N] [--timeout SECONDS]
(PYTHONPATH: the guide's handlers and models, imported as they are.)
It answers where TorchServe does, POST /predictions/<model>, on 127.0.0.1:$LITSERVE_PORT (8100),
and writes its process id to logs/litserve.pid (snippets/litserve/stop.sh stops its process group).
"""
import argparse
import json
import os
from pathlib import Path

import litserve as ls
import torch
from starlette.responses import Response

import greedy_time
import pointer_net
from route_handler import collate_routes, parse_route, split_routes
from safe_handler import BadRequest, json_body, request_body

MODELS = {"greedy_time": greedy_time.GreedyTime, "pointer_net": pointer_net.load}


def reply(value, code: int = 200) -> Response:
    # TorchServe's worker writes a handler's reply as json.dumps(value, indent=2).
    return Response(json.dumps(value, indent=2), code, media_type="application/json")


class RouteAPI(ls.LitAPI):
    def __init__(self, model: str, **batching):
        super().__init__(api_path=f"/predictions/{model}", **batching)
        self.name = model

    def setup(self, device):  # TorchServe: initialize
        self.model = MODELS[self.name]().eval()

    def decode_request(self, request):  # TorchServe: preprocess, one request
        try:
            return parse_route(request_body({"body": json_body(request.encode("latin-1"))}))
        except BadRequest as e:
            return e  # answered alone; the rest of the batch goes on

    def batch(self, inputs):  # TorchServe: the collate step of preprocess
        samples = [x for x in inputs if not isinstance(x, BadRequest)]
        return inputs, samples, collate_routes(samples) if samples else None

    def predict(self, x):  # TorchServe: inference
        # Batching off: LitServe passes one decoded request and calls neither batch nor unbatch.
        batched = self.max_batch_size > 1
        inputs, samples, tensors = x if batched else self.batch([x])
        routes = iter([])
        if tensors is not None:
            with torch.inference_mode():
                routes = iter(split_routes(self.model(*tensors), samples))
        out = [x if isinstance(x, BadRequest) else next(routes) for x in inputs]
        return out if batched else out[0]

    def unbatch(self, output):
        return output

    def encode_response(self, output):  # TorchServe: postprocess
        if isinstance(output, BadRequest):
            return reply(output.reply(), output.code)
        return reply(output)


class RawBody:
    """Hand decode_request the body as sent, like TorchServe hands it to a handler.

    LitServe parses the body as JSON before decode_request; a body that is not JSON would be a 500.
    So the body travels as a JSON string of its bytes, and the handler's json_body parses it.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        wrapped = json.dumps(body.decode("latin-1")).encode()
        headers = [(k, v) for k, v in scope["headers"] if k not in (b"content-type", b"content-length")]
        headers += [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(wrapped))]
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": wrapped, "more_body": False}

        await self.app({**scope, "headers": headers}, replay, send)


def server(batch: int = 1, timeout: float = 0.005, **options) -> ls.LitServer:
    # options: more of LitServer's settings, e.g. workers_per_device=2 (tools/compare uses them)
    batching = {"max_batch_size": batch, "batch_timeout": timeout} if batch > 1 else {}
    apis = [RouteAPI(model, **batching) for model in MODELS]
    return ls.LitServer(apis, accelerator="cpu", middlewares=[RawBody], **options)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=1, help="max_batch_size (1: no batching)")
    parser.add_argument("--timeout", type=float, default=0.005, help="batch_timeout, seconds")
    args = parser.parse_args()
    Path("logs").mkdir(exist_ok=True)
    # Lead a process group of its own (its workers join it): stop.sh stops the whole group.
    if os.getpgrp() != os.getpid():
        os.setpgrp()
    Path("logs/litserve.pid").write_text(f"{os.getpid()}\n")
    server(args.batch, args.timeout).run(host="127.0.0.1", port=int(os.environ.get("LITSERVE_PORT", 8100)),
                                         generate_client_file=False)
