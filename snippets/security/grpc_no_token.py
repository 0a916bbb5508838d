"""gRPC checks the same tokens as HTTP: without one, PERMISSION_DENIED; with the inference key, an answer.

Needs the stubs of snippets/grpc/gen_stubs.sh; the channel and token come from the gRPC page's
grpc_connect.py. Both are in snippets/grpc, which the command puts on PYTHONPATH:

    PYTHONPATH=snippets/grpc python snippets/security/grpc_no_token.py
"""
import grpc
from google.protobuf import empty_pb2
from grpc_connect import inference_stub, token

stub = inference_stub()
try:
    stub.Ping(empty_pb2.Empty(), timeout=10)
except grpc.RpcError as e:
    print("no token:       ", e.code().name, "-", e.details())
reply = stub.Ping(empty_pb2.Empty(), metadata=token("inference"), timeout=10)
print("inference token:", reply.health.replace("\n", " "))
