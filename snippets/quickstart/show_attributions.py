"""Summarise an explanations reply (JSON on stdin): shape, range, and a text picture.

Picture: '#'/'+' = pixels that pushed towards the answer (strongly/somewhat),
'='/'-' = pixels that pushed against it, ' ' = little effect.
"""
import json
import sys

import numpy as np

a = np.squeeze(np.array(json.load(sys.stdin), dtype=float))
print("shape:", a.shape, f" min: {a.min():.3g}  max: {a.max():.3g}")
scale = np.abs(a).max() or 1.0
for row in a / scale:
    print("".join("#" if v > .4 else "+" if v > .1 else "=" if v < -.4 else "-" if v < -.1 else " "
                  for v in row).rstrip() or ".")
