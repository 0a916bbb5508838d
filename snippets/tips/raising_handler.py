"""A handler with a bug: every request raises (tip 5 shows what the client gets)."""
from ts.torch_handler.base_handler import BaseHandler


class RaisingHandler(BaseHandler):
    def initialize(self, context):
        self.initialized = True  # no model to load

    def preprocess(self, data):
        raise KeyError("feature")
