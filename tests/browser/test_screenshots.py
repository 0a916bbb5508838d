"""tools/screenshots.py takes real screenshots (into a temp folder here, not docs/images)."""
from __future__ import annotations

import struct
import subprocess

from tsharness.needs import require
from tsharness.paths import PYTHON, REPO


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_screenshots(tmp_path):
    require("chromium", "tools/screenshots.py")
    out = subprocess.run([str(PYTHON), "tools/screenshots.py", str(tmp_path)],
                         cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    shot = tmp_path / "model_server_listing.png"
    assert png_size(shot) == (640, 220)
    # The committed image is the same kind of capture.
    assert png_size(REPO / "docs" / "images" / "model_server_listing.png") == (640, 220)
