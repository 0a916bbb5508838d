"""DescribeModel over gRPC: the same JSON as GET /models/NAME on the management API.

Usage: python snippets/grpc/grpc_describe.py MODEL
"""
import sys

from grpc_connect import management_pb2, management_stub, token

request = management_pb2.DescribeModelRequest(model_name=sys.argv[1])
print(management_stub().DescribeModel(request, metadata=token("management"), timeout=30).msg)
