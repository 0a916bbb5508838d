"""Save pointer_net as TorchScript. torch.jit.script compiles the decoding loop itself (trace only
records one run of it), so the saved model decodes any task count.

Usage: PYTHONPATH=models python snippets/packaging/script_model.py OUT.pt
(PYTHONPATH: models/pointer_net.py and its layers.)
"""
import sys

import torch

from pointer_net import load

torch.jit.script(load()).save(sys.argv[1])
print("scripted pointer_net saved")
