"""The guide's route handler, timing each call for Prometheus: a histogram of handler latency.

route_latency_seconds: the time one handle() call took, in seconds, once for each request of the
batch. TorchServe builds every histogram with the Prometheus Java client's default buckets
(0.005 ... 10, in the metric's unit), so seconds is the unit that fits them.
route_latency_ms: the same time in milliseconds, the common mistake: most values pass 10, the
largest bucket, and land in +Inf.
Neither is declared in a yaml: model_metrics_auto_detect=true (config.properties) publishes them.
"""
import time

from ts.metrics.metric_type_enum import MetricTypes

from route_handler import RouteHandler


class LatencyHandler(RouteHandler):
    def handle(self, data, context):
        began = time.perf_counter()
        replies = super().handle(data, context)
        seconds = time.perf_counter() - began
        for i in range(len(data)):
            # idx: the request's index, so the metric gets the ModelName and Level dimensions
            context.metrics.add_metric("route_latency_seconds", seconds, "s", idx=i,
                                       metric_type=MetricTypes.HISTOGRAM)
            context.metrics.add_metric("route_latency_ms", seconds * 1000, "ms", idx=i,
                                       metric_type=MetricTypes.HISTOGRAM)
        return replies
