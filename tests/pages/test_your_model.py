"""The checklist page, walked as a reader does: the template folder, copied out of the repository,
passes its own tests (unit tests and a live TorchServe)."""
from __future__ import annotations

PAGE = "your-model"


def test_the_copied_template_passes_its_tests(walk):
    out = walk.through("try_template.sh").text
    assert out.splitlines()[-1] == "19 passed in <time>", out


def test_the_rest_of_the_page(walk):
    walk.finish()
