"""The benchmark's floor: a handler with no model that answers every request with [0.0].

It keeps BaseHandler's handle(), inference() and postprocess(), so a request pays the
same frontend, worker and handler plumbing as a real model, minus the model itself.
"""
import torch
from ts.torch_handler.base_handler import BaseHandler


class NoopHandler(BaseHandler):
    def initialize(self, context):
        # There is no model file to load; an identity module stands in for it.
        self.manifest = context.manifest
        self.device = torch.device("cpu")
        self.model = torch.nn.Identity()
        self.initialized = True

    def preprocess(self, data):
        # The body is ignored: one zero per request, so each reply is the list [0.0].
        return torch.zeros(len(data), 1)
