"""The checklist page, walked as a reader does: the template folder, copied out of the repository,
passes its own tests (unit tests and a live TorchServe)."""
from __future__ import annotations

from pathlib import Path

from tsharness import ledger
from tsharness.paths import SNIPPETS

PAGE = "your-model"
TEMPLATE = SNIPPETS / "your-model" / "template"


def test_the_copied_template_passes_its_tests(walk):
    out = walk.through("try_template.sh").text
    assert out.splitlines()[-1] == "19 passed in <time>", out
    # The copy (mktemp -d in the walk's TMPDIR, then my-model) ran the template's files: count them.
    copies = list(walk.tmp.glob("*/my-model"))
    assert len(copies) == 1, copies
    assert not (TEMPLATE / "model_store").exists()
    ran = 0
    for line in ledger.ledger_file().read_text(errors="replace").splitlines():
        p = Path(line.strip())
        if p.is_relative_to(copies[0]) and (TEMPLATE / p.relative_to(copies[0])).is_file():
            ledger.ran(TEMPLATE / p.relative_to(copies[0]))
            ran += 1
    assert ran > 0, "the ledger saw nothing of the copy run"


def test_the_rest_of_the_page(walk):
    walk.finish()
