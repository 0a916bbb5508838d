"""The route archive scripts: each builds one .mar with the manifest and files the pages describe."""
from __future__ import annotations

import json
import zipfile

import pytest
import yaml

from tsharness.archives import Archives, build_archive
from tsharness.paths import REPO

SHARED = {"route_handler.py", "safe_handler.py", "MAR-INF/MANIFEST.json"}
EXPECTED = {
    # name: (version, manifest "model" entries beyond name/version/handler, files in the .mar)
    "greedy_time": ("1.0", {"modelFile": "greedy_time.py", "configFile": "greedy_time.yaml"},
                    {"greedy_time.py", "greedy_time.yaml"}),
    "greedy_distance": ("1.0", {"modelFile": "greedy_distance.py", "configFile": "greedy_distance.yaml"},
                        {"greedy_distance.py", "greedy_distance.yaml"}),
    "pointer_net": ("shanghai",
                    {"modelFile": "pointer_net.py", "serializedFile": "pointer_net.pt",
                     "configFile": "pointer_net.yaml"},
                    {"pointer_net.py", "pointer_net_layers.py", "pointer_net.pt", "pointer_net.yaml"}),
    "greedy_time_lade": ("1.0",
                         {"modelFile": "greedy_time.py", "configFile": "greedy_time_lade.yaml"},
                         {"greedy_time.py", "greedy_time_lade.yaml"}),
}


class Mars(Archives):
    """mars[name]: the .mar built by the model's archive script, once per module."""

    def __getitem__(self, name):
        return self.mar(name)


@pytest.fixture(scope="module")
def mars(tmp_path_factory) -> Mars:
    return Mars(tmp_path_factory.mktemp("archives"))


@pytest.mark.parametrize("name", EXPECTED)
def test_archive_is_named_after_the_model(mars, name):
    assert mars[name].name == f"{name}.mar"


@pytest.mark.parametrize("name", EXPECTED)
def test_manifest(mars, name):
    version, entries, _ = EXPECTED[name]
    with zipfile.ZipFile(mars[name]) as z:
        mf = json.loads(z.read("MAR-INF/MANIFEST.json"))
    assert mf["runtime"] == "python"
    assert mf["model"] == {"modelName": name, "modelVersion": version,
                           "handler": "route_handler.py", **entries}


@pytest.mark.parametrize("name", EXPECTED)
def test_files_inside(mars, name):
    _, _, files = EXPECTED[name]
    with zipfile.ZipFile(mars[name]) as z:
        assert set(z.namelist()) == SHARED | files
        # Each file is the repo's own, unchanged.
        for member, source in [("route_handler.py", "handlers/route_handler.py"),
                               ("safe_handler.py", "handlers/safe_handler.py")]:
            assert z.read(member) == (REPO / source).read_bytes()


def test_pointer_net_carries_the_trained_weights(mars):
    with zipfile.ZipFile(mars["pointer_net"]) as z:
        assert z.read("pointer_net.pt") == (REPO / "models/pointer_net.pt").read_bytes()
        assert z.read("pointer_net_layers.py") == (REPO / "models/pointer_net_layers.py").read_bytes()


def test_lade_config_sets_the_time_column(mars):
    with zipfile.ZipFile(mars["greedy_time_lade"]) as z:
        config = yaml.safe_load(z.read("greedy_time_lade.yaml"))
    assert config["handler"] == {"time_column": 7}


@pytest.mark.parametrize("name", EXPECTED)
def test_every_route_model_is_served_batched(mars, name):
    """Each archive carries its serving settings: batches of 8, 5 ms to fill one, 30 s per batch."""
    with zipfile.ZipFile(mars[name]) as z:
        config = yaml.safe_load(z.read(f"{name}.yaml"))
    assert (config["batchSize"], config["maxBatchDelay"], config["responseTimeout"]) == (8, 5, 30)


def test_rebuilding_overwrites(mars):
    # --force: running a script twice is fine (the pages tell readers to re-run them).
    store = mars["greedy_time"].parent
    assert build_archive("greedy_time", store).name == "greedy_time.mar"
