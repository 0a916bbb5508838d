"""The guide's route handler, plus two metrics of its own, for Prometheus:
- RouteTasks: tasks received, a counter per model (divide by requests for tasks per request);
- RejectedRoutes: requests refused with 400, by Reason (the field the message names).
Both are declared in snippets/operations/metrics.yaml; TorchServe publishes only declared metrics.
"""
from ts.metrics.dimension import Dimension

from route_handler import RouteHandler


class RouteMetricsHandler(RouteHandler):
    def preprocess(self, data):
        batch = super().preprocess(data)
        metrics = self.context.metrics
        accepted = (i for i in range(self._count) if i not in self._errors)
        for i, (features, _) in zip(accepted, self._samples):
            # idx: the request's index, so the metric gets the ModelName and Level dimensions
            metrics.add_counter("RouteTasks", len(features), idx=i, dimensions=[])
        for i, err in self._errors.items():
            reason = err.message.split(":")[0].split("[")[0]  # "feature[3]: ..." -> "feature"
            metrics.add_counter("RejectedRoutes", 1, idx=i, dimensions=[Dimension("Reason", reason)])
        return batch
