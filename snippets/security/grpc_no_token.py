"""gRPC checks the same tokens as HTTP: without one, PERMISSION_DENIED; with the inference key, an answer.

Needs the stubs of snippets/grpc/gen_stubs.sh; the channel and token come from the gRPC page's
grpc_connect.py.
"""
import sys

import grpc
from google.protobuf import empty_pb2

sys.path.insert(0, "snippets/grpc")
from grpc_connect import inference_stub, token

stub = inference_stub()
try:
    stub.Ping(empty_pb2.Empty(), timeout=10)
except grpc.RpcError as e:
    print("no token:       ", e.code().name, "-", e.details())
reply = stub.Ping(empty_pb2.Empty(), metadata=token("inference"), timeout=10)
print("inference token:", reply.health.replace("\n", " "))
