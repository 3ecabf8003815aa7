"""The flagship figures look exactly as approved (update on purpose with `make golden`)."""

import pytest
from update_golden import FIGURES, GOLDEN, draw_flagships


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    folder = tmp_path_factory.mktemp("golden")
    draw_flagships(folder)
    return folder


@pytest.mark.parametrize("name", FIGURES)
def test_flagship_figure_matches_its_golden_image(drawn, name):
    new, golden = drawn / f"{name}.png", GOLDEN / f"{name}.png"
    assert golden.is_file(), "no golden image: run `make golden`"
    assert new.read_bytes() == golden.read_bytes(), (
        f"{name}.png differs from tests/golden/{name}.png; the new image is {new}. "
        "If the change is intended, run `make golden` and commit the new image.")


def test_the_golden_comparison_catches_a_changed_colour(tmp_path, monkeypatch):
    from trialfigs.figures import theme

    monkeypatch.setitem(theme.ROLE_STYLE, "experimental", {**theme.ROLE_STYLE["experimental"], "color": "#000000"})
    draw_flagships(tmp_path)
    assert (tmp_path / "forest.png").read_bytes() != (GOLDEN / "forest.png").read_bytes()
