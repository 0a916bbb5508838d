"""A handler that misbehaves on request, to show how TorchServe answers each kind of failure.

Loading takes `load_seconds` (from the handler section of its model-config.yaml, default 0).
Each request is a JSON object; the batch is answered row by row:
    {}                 -> 200 {"ok": true}
    {"sleep": 5}       -> sleeps 5 s first (against responseTimeout)
    {"raise": 507}     -> raise PredictionException: the whole batch fails with 507
    {"status": 422}    -> context.set_response_status for this row only
    {"short": true}    -> the handler returns one reply too few for the batch
"""
import time

from ts.torch_handler.base_handler import BaseHandler
from ts.utils.util import PredictionException


class TroubleHandler(BaseHandler):
    def initialize(self, context):
        # No model: the failures are the point. A slow load stands in for a big model's.
        time.sleep(context.model_yaml_config.get("handler", {}).get("load_seconds", 0))
        self.initialized = True

    def handle(self, data, context):
        rows = [row.get("body") or {} for row in data]
        for row in rows:
            time.sleep(row.get("sleep", 0))
        for row in rows:
            if "raise" in row:
                raise PredictionException("one bad request fails the batch", row["raise"])
        replies = []
        for i, row in enumerate(rows):
            if "status" in row:
                context.set_response_status(row["status"], "refused", idx=i)
                replies.append({"code": row["status"], "message": "only this request fails"})
            else:
                replies.append({"ok": True})
        if any(row.get("short") for row in rows):
            replies.pop()
        return replies
