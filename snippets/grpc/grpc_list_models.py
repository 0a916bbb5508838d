"""ListModels over gRPC: always pass `limit`.

proto3 cannot tell "not set" from 0, so a request without limit asks for 0 models.
"""
from grpc_connect import management_pb2, management_stub, token

stub = management_stub()
empty = stub.ListModels(management_pb2.ListModelsRequest(), metadata=token("management"))
print("without limit:", empty.msg)
listed = stub.ListModels(management_pb2.ListModelsRequest(limit=100), metadata=token("management"))
print("limit=100:", listed.msg)
