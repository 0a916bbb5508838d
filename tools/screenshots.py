"""Real screenshots for the pages, taken with Debian's headless Chromium (`make screenshots`).

Usage: python tools/screenshots.py [output folder, default docs/images]

docs/images/model_server_listing.png: the local model server (snippets/quickstart/model_server.sh)
serving the quick start's mnist.mar, as a reader sees it at http://127.0.0.1:8090/.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
IMAGES = REPO / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def model_server_listing(browser, out: Path) -> None:
    env = {**os.environ, "PATH": f"{REPO / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    with tempfile.TemporaryDirectory() as tmp:
        mar_dir = Path(tmp) / "mar_files"
        # The archive exactly as the quick start builds it.
        subprocess.run(["bash", "snippets/quickstart/archive_mnist.sh"], cwd=REPO, check=True,
                       env={**env, "MODEL_STORE": str(mar_dir)}, stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen(["bash", "snippets/quickstart/model_server.sh"], cwd=REPO,
                                  env={**env, "MAR_DIR": str(mar_dir), "MODEL_SERVER_PORT": str(port)},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_until_up(url)
            page = browser.new_page(viewport={"width": 640, "height": 220})
            page.goto(url)
            page.screenshot(path=str(out))
            page.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


def main(images: Path = IMAGES) -> int:
    if not shutil.which("chromium"):
        print("screenshots need Debian's chromium (tools/setup.sh chromium)", file=sys.stderr)
        return 1
    images.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            out = images / "model_server_listing.png"
            model_server_listing(browser, out)
            print(f"wrote {out}")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else IMAGES))
