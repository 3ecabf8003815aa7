"""Every command of the README runs, as written, in a temporary copy of the project.

Each line of a fenced ```sh block is one command (a trailing backslash continues it); each
```python block is one script. They run in README order in a scratch project whose data/,
evidence/, notebooks/, src/, tests/ and .venv are links to this one and whose reports/ is a copy
(so the render cache applies and nothing here is written), with TRIALFIGS_ROOT pointing the
package at it. A command that must not run here is listed in NOT_RUN with its reason; one that
is documented to exit non-zero is listed in EXIT_STATUS. Both lists must match a command of the
README, so they cannot outlive what they excuse.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.e2e  # end-to-end: make test-fast skips it

README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.S | re.M)
LINKED = ("data", "evidence", "examples", "notebooks", "src", "tests", "benchmarks", ".venv", "Makefile",
          "pyproject.toml", "requirements.lock", "conftest.py", "environment.yml", "README.md", ".ci")
NOT_RUN = {
    r"^make test(\s|$)": "it is this test suite",
    r"^make test-fast\b": "it is this test suite without its end-to-end tests",
    r"benchmarks/bench\.py": "renders the whole suite cold several times (minutes); its figures are in the README",
    r"path/to/": "a placeholder for the reader's own folder",
}
EXIT_STATUS = {
    r"trialfigs audit .*--strict": 1,  # the worked examples hold claims that need correcting: --strict says so
}
INNER = "TRIALFIGS_README_TEST"  # set in the commands' environment: a pytest run by the README skips this module


def readme_commands(text: str) -> list[tuple[int, str, str]]:
    """(line number, language, command or script) for every runnable command of a Markdown text."""
    found = []
    for block in FENCE.finditer(text):
        language, body = block.group(1), block.group(2)
        first = text[:block.start(2)].count("\n") + 1
        if language == "python":
            found.append((first, "python", body))
        elif language in ("sh", "bash", "shell"):
            pending, start = "", None
            for offset, line in enumerate(body.splitlines()):
                stripped = line.strip()
                if not pending and (not stripped or stripped.startswith("#")):
                    continue
                start = first + offset if not pending else start
                if stripped.endswith("\\"):
                    pending += stripped[:-1].rstrip() + " "
                    continue
                found.append((start, "sh", pending + stripped))
                pending = ""
    return found


def _reason(command: str) -> str | None:
    return next((why for pattern, why in NOT_RUN.items() if re.search(pattern, command)), None)


def _expected(command: str) -> int:
    return next((code for pattern, code in EXIT_STATUS.items() if re.search(pattern, command)), 0)


COMMANDS = readme_commands(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    if os.environ.get(INNER):
        pytest.skip("run by a README command: the outer run checks the README")
    folder = tmp_path_factory.mktemp("readme-project")
    for name in LINKED:
        if (ROOT / name).exists():
            (folder / name).symlink_to(ROOT / name)
    if (ROOT / "reports").is_dir():
        shutil.copytree(ROOT / "reports", folder / "reports")
    return folder


def test_the_readme_has_commands_and_every_exception_matches_one():
    commands = [c for _, language, c in COMMANDS if language == "sh"]
    assert len(commands) >= 5 and any(language == "python" for _, language, _ in COMMANDS)
    for pattern in [*NOT_RUN, *EXIT_STATUS]:
        assert any(re.search(pattern, c) for c in commands), f"{pattern!r} excuses no README command; remove it"
    for pattern in NOT_RUN:  # narrow: a pattern excuses one command, or the same command shown in two places
        assert len([c for c in commands if re.search(pattern, c)]) <= 2, f"NOT_RUN {pattern!r} must stay narrow"


@pytest.mark.parametrize("line, language, command", COMMANDS, ids=[f"README-line-{n}" for n, _, _ in COMMANDS])
def test_readme_command_runs_as_written(project, line, language, command):
    why = _reason(command)
    if why:
        pytest.skip(f"README line {line} is not run here: {why}")
    env = {**os.environ, "TRIALFIGS_ROOT": str(project), INNER: "1", "CI": "1"}
    env.pop("TRIALFIGS_OUTPUT_ROOT", None)
    args = [sys.executable, "-c", command] if language == "python" else ["bash", "-c", command]
    done = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=1500)
    shown = f"README line {line}: {command}\nexit {done.returncode}\n{done.stdout[-1500:]}\n{done.stderr[-3000:]}"
    assert done.returncode == _expected(command), shown
    assert "Traceback" not in done.stderr, shown


def test_the_files_the_readme_promises_in_build_were_written(project):
    """Every `build/figures/<file>` the README names exists once its commands ran (run after them)."""
    promised = sorted(set(re.findall(r"`(build/figures/[\w.-]+)`", README.read_text(encoding="utf-8"))))
    assert promised, "the README names the files its examples write"
    missing = [p for p in promised if not (project / p).is_file()]
    assert not missing, f"the README's examples did not write {missing}"


def test_readme_commands_are_split_as_a_shell_reads_them():
    text = "```sh\n# a comment\nmake report   # note\n\nmake a \\\n  --b\n```\n\n```python\nprint(1)\n```\n"
    assert readme_commands(text) == [(3, "sh", "make report   # note"), (5, "sh", "make a --b"), (10, "python", "print(1)\n")]
