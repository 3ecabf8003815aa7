"""HTML from the package's jinja2 templates, with autoescaping: text from the data is always escaped."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("trialfigs", "templates"), autoescape=select_autoescape(["html", "j2"]),
                       keep_trailing_newline=True)


def render_template(template: str, **context) -> str:
    return _environment().get_template(template).render(**context)
