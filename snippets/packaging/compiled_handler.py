"""pointer_net under torch.compile (model-config.yaml's pt2 section), compiled while the worker loads.

BaseHandler wraps the model in torch.compile (dynamic: true: one graph for every batch size); the
compiling itself happens on the first call. Every batch is padded to TASKS tasks and at least two
routes, so that one graph serves them all, and initialize() makes that first call: no request
waits for a compile.
"""
import torch
from fixed_tasks import example, pad_tasks, parse_fixed

from route_handler import RouteHandler


class CompiledRouteHandler(RouteHandler):
    def initialize(self, context):
        super().initialize(context)  # loads the weights, wraps the model in torch.compile
        with torch.inference_mode():
            self.model(*example(2))

    def parse(self, body) -> tuple:
        return parse_fixed(body)

    def collate(self, samples: list) -> tuple:
        return pad_tasks(*super().collate(samples))
