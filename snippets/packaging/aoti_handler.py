"""pointer_net compiled ahead of time (torch.export + AOTInductor), loaded from its .pt2 package.

BaseHandler cannot load a .pt2, so initialize() does: no compiler is needed to load it, only the
same torch version that built it. The package was exported for TASKS tasks and any batch size.
"""
import os

import torch
from fixed_tasks import pad_tasks, parse_fixed

from route_handler import RouteHandler


class AotiRouteHandler(RouteHandler):
    def initialize(self, context):
        self.manifest = context.manifest
        self.device = torch.device("cpu")
        package = os.path.join(context.system_properties["model_dir"],
                               self.manifest["model"]["serializedFile"])
        self.model = torch._inductor.aoti_load_package(package)
        self.initialized = True

    def parse(self, body) -> tuple:
        return parse_fixed(body)

    def collate(self, samples: list) -> tuple:
        return pad_tasks(*super().collate(samples))
