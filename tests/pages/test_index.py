"""The home page has no commands; its test checks what it says of the guide itself: its map leads
through the guide in reading order (setup, quick start, handlers, production, leaving TorchServe);
every page with commands is walked by its own test, the guide's config binds loopback and admits
only the local model server, and TorchServe is pinned to 0.12.0."""
from __future__ import annotations

import importlib.metadata
import re

from tsharness.pages import LINK, nav_order, pages
from tsharness.paths import DOCS, REPO, SNIPPETS
from tsharness.server import read_properties

PAGE = "index"  # it has no commands: its tests check what it says

CONFIG = read_properties(SNIPPETS / "setup" / "config.properties")


def path_steps(name: str) -> list[list[str]]:
    """The pages each numbered step of the home page's map links to, step by step."""
    text = (DOCS / name).read_text(encoding="utf-8")
    section = text[text.index("{#path}"):]
    section = section[:section.index("\n## ")]
    return [[m["target"].split("#")[0] for m in LINK.finditer(line)]
            for line in section.splitlines() if re.match(r"\d+\. ", line)]


def test_the_map_leads_from_setup_to_leaving_torchserve():
    order = nav_order()
    for name in ("index.md", "index.en.md"):
        steps = path_steps(name)
        assert len(steps) == 5 and all(steps), f"{name}: five steps, each linking a page: {steps}"
        assert steps[0] == ["setup.md"] and steps[1] == ["quickstart.md"], steps
        assert "why-handler.md" in steps[2] and "model-config.md" in steps[3], steps
        assert set(steps[4]) == {"litserve.md", "migration.md"}, steps
        firsts = [order.index(step[0].removesuffix(".md")) for step in steps]
        assert firsts == sorted(firsts), f"{name}: the steps are not in the nav's reading order"


def test_every_page_with_commands_is_walked_by_its_own_test():
    walked = {p.name for p in pages() if p.commands}
    assert len(walked) > 10
    for name in sorted(walked):
        test = REPO / "tests" / "pages" / f"test_{name.replace('-', '_')}.py"
        assert test.exists(), f"{name}: no {test.relative_to(REPO)}"
        assert f'PAGE = "{name}"' in test.read_text(), f"{test.name} does not walk {name}"
        assert (SNIPPETS / name).is_dir(), f"{name}: no snippets/{name}/"


def test_every_api_binds_loopback():
    addresses = {k: v for k, v in CONFIG.items() if k.endswith("_address")}
    assert set(addresses) == {"inference_address", "management_address", "metrics_address",
                              "grpc_inference_address", "grpc_management_address"}
    for key, value in addresses.items():
        assert re.fullmatch(r"(http://)?127\.0\.0\.1(:\d+)?", value), f"{key}={value}"


def test_allowed_urls_admit_only_the_local_model_server():
    allowed = re.compile(CONFIG["allowed_urls"].replace("\\\\", "\\"))
    assert allowed.fullmatch("http://127.0.0.1:8090/greedy_time.mar")
    for url in ("http://example.com/greedy_time.mar", "http://127.0.0.1:8090/handler.py",
                "http://127.0.0.1:9999/greedy_time.mar", "https://127.0.0.1:8090/greedy_time.mar"):
        assert not allowed.fullmatch(url), url


def test_torchserve_is_pinned_to_its_last_release():
    lock = (REPO / "requirements.lock").read_text()
    assert re.search(r"^torchserve==0\.12\.0 ", lock, re.M)
    assert importlib.metadata.version("torchserve") == "0.12.0"
