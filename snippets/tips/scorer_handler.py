"""The scorer's handler: one JSON request {"feature": [[8 numbers], ...]} -> task order."""
import logging

import torch

from safe_handler import BadRequest, SafeHandler, json_body

logger = logging.getLogger(__name__)


class ScorerHandler(SafeHandler):
    def parse(self, body):
        body = json_body(body)
        feature = body.get("feature") if isinstance(body, dict) else None
        if not isinstance(feature, list) or not feature or any(
                not isinstance(row, list) or len(row) != 8 for row in feature):
            raise BadRequest("feature: expected a list of tasks, each a list of 8 numbers")
        # Shows up in logs/model_log.log (tip 3).
        logger.info("scorer: %d task(s)", len(feature))
        return torch.tensor(feature, dtype=torch.float32)

    def collate(self, samples):
        return samples

    def inference(self, data, *args, **kwargs):
        return None if data is None else [self.model(x) for x in data]

    def split(self, output, samples):
        return [scores.argsort(descending=True).tolist() for scores in output]
