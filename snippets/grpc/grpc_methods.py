"""The calls TorchServe's two gRPC services offer, read from the generated stubs.

Usage: python snippets/grpc/grpc_methods.py
"""
from grpc_connect import inference_pb2, management_pb2

for module, service in ((inference_pb2, "InferenceAPIsService"),
                        (management_pb2, "ManagementAPIsService")):
    print(service)
    for method in module.DESCRIPTOR.services_by_name[service].methods:
        # Most calls are one request, one reply; the streaming ones say which side streams.
        streams = [side for side, on in (("requests", method.client_streaming),
                                         ("replies", method.server_streaming)) if on]
        print(f"  {method.name:<20}{'stream of ' + ' and '.join(streams) if streams else ''}".rstrip())
