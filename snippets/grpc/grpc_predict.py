"""Predictions over gRPC: send a file's bytes as input "data" (JSON for the route models, a PNG for mnist).

Usage: python snippets/grpc/grpc_predict.py MODEL FILE [VERSION]
"""
import sys

import grpc
from grpc_connect import inference_pb2, inference_stub, token

model, path, *version = sys.argv[1:]
with open(path, "rb") as f:
    # The handler receives {"data": bytearray}, the same as an HTTP body sent with curl -T.
    request = inference_pb2.PredictionsRequest(model_name=model, model_version="".join(version),
                                               input={"data": f.read()})
try:
    reply = inference_stub().Predictions(request, metadata=token("inference"), timeout=60)
except grpc.RpcError as e:
    # TorchServe's own refusals (unknown model, no token) are gRPC errors.
    print(e.code().name, e.details())
    sys.exit(1)
# A handler's own 4xx reply (e.g. SafeHandler's BadRequest) arrives with status OK:
# the JSON error is the prediction, so check it rather than the gRPC status.
print(reply.prediction.decode())
