"""Build pointer_net's AOTInductor package: torch.export, then compile to a .pt2 (needs g++).

Usage: PYTHONPATH=handlers:models python snippets/packaging/export_aoti.py OUT.pt2
(PYTHONPATH: models/pointer_net.py, and handlers/route_handler.py, which fixed_tasks.py beside it uses.)
The batch size stays dynamic; the task count is fixed at TASKS (the decode loop is unrolled).
"""
import sys

import torch
from fixed_tasks import example

from pointer_net import load

batch = torch.export.Dim("batch", min=1, max=64)
program = torch.export.export(load(), example(2), dynamic_shapes=({0: batch},) * 3)
torch._inductor.aoti_compile_and_package(program, package_path=sys.argv[1])
