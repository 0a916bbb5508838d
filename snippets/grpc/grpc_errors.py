"""Two failed predictions over gRPC: one is a gRPC error, the other an OK reply.

Usage: python snippets/grpc/grpc_errors.py
"""
import grpc
from grpc_connect import inference_pb2, inference_stub, token

stub = inference_stub()
# Input the route handler refuses: its 400 comes back with status OK, as the prediction.
bad = inference_pb2.PredictionsRequest(model_name="greedy_time", input={"data": b'{"feature": "oops"}'})
reply = stub.Predictions(bad, metadata=token("inference"), timeout=60)
print("bad input, status OK, prediction:", reply.prediction.decode())
# A model TorchServe does not know: a gRPC error, INTERNAL rather than NOT_FOUND.
unknown = inference_pb2.PredictionsRequest(model_name="nosuch", input={"data": b"{}"})
try:
    stub.Predictions(unknown, metadata=token("inference"), timeout=60)
except grpc.RpcError as e:
    print("unknown model:", e.code().name, e.details())
