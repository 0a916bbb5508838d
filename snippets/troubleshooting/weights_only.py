"""A whole pickled model as --serialized-file, loaded by BaseHandler as a worker loads it.

BaseHandler (0.12) reads the file with torch.load(path, map_location=...): since torch 2.6 that
means weights_only=True, which refuses to unpickle a model class.
Usage: PYTHONPATH=models python snippets/troubleshooting/weights_only.py   (models/greedy_time.py)
"""
import logging
import re
import subprocess
import tempfile
from pathlib import Path

import torch

from greedy_time import GreedyTime
from tsharness.worker import load_archive

logging.disable(logging.WARNING)  # TorchServe's notes on optional packages
print("torch", torch.__version__)
with tempfile.TemporaryDirectory() as work:
    weights = Path(work) / "whole_model.pt"
    torch.save(GreedyTime(), weights)  # the whole module, not its state_dict()
    subprocess.run(["torch-model-archiver", "--model-name", "whole", "--version", "1.0",
                    "--model-file", "models/greedy_time.py", "--serialized-file", str(weights),
                    "--handler", "handlers/route_handler.py", "--extra-files", "handlers/safe_handler.py",
                    "--export-path", work], check=True)
    try:
        load_archive(Path(work) / "whole.mar", dest=Path(work) / "unpacked")
    except Exception as e:
        message = re.sub(r"\x1b\[\d+m", "", str(e))  # no terminal bold
        first, *rest = message.splitlines()
        print(f"{type(e).__module__}.{type(e).__name__}: {first.rstrip()}")
        print(*[line.strip() for line in rest if "WeightsUnpickler" in line])
