"""Faults end cleanly: SIGINT or SIGTERM during a render ends it within seconds with one line, exit
130/143, no traceback, no worker or kernel left running, no staging or temporary folder left; a
read-only folder or a full disk is one line and exit 1, the folder as it was."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from conftest import ROOT


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def start_render(tmp_path: Path, *args: str) -> subprocess.Popen:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    return subprocess.Popen([sys.executable, "-m", "trialfigs.cli", "render", "--quiet", "--force", "--out",
                             str(tmp_path / "out"), *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for_kernel(process: subprocess.Popen, timeout: float = 240) -> list[psutil.Process]:
    """The render's processes once a kernel runs (a child whose command line is ipykernel's)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        children = psutil.Process(process.pid).children(recursive=True)
        if any("ipykernel" in " ".join(c.cmdline()) for c in children if c.is_running()):
            time.sleep(2)
            return psutil.Process(process.pid).children(recursive=True)
        time.sleep(0.3)
    raise AssertionError("no kernel started")


@pytest.mark.e2e
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_signal_during_render_ends_it_cleanly(tmp_path, signum, code, workers):
    process = start_render(tmp_path, "--notebook", "trial", "--workers", workers)
    children = wait_for_kernel(process)
    sent = time.monotonic()
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    assert time.monotonic() - sent < 15, "the render did not end within seconds"
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert stderr.strip().splitlines()[-1].endswith("interrupted; " + str(tmp_path / "out") + "/ is as it was") or \
        stderr.strip().splitlines()[-1].endswith("/out/ is as it was"), stderr
    gone, alive = psutil.wait_procs([c for c in children if c.is_running()], timeout=5)
    assert not alive, [" ".join(c.cmdline()) for c in alive]
    out = tmp_path / "out"
    assert not list(out.glob(".staging-*")) and not list(out.glob("figures/*"))
    left = sorted(p.name for p in (tmp_path / "tmp").iterdir())
    assert left == [], f"left behind in the temporary folder: {left}"


def test_render_does_not_grow_jupyter_path(tmp_path, monkeypatch):
    """Each render sets its kernel folder for itself and removes it; JUPYTER_PATH is as it was after."""
    from trialfigs.render import runner

    monkeypatch.setenv("JUPYTER_PATH", "/somewhere")
    monkeypatch.setattr(runner, "run_job", lambda job, staging, notebooks: (_ for _ in ()).throw(runner.RenderError("x")))
    jobs = [j for j in runner.default_suite() if j.notebook == "forest"][:1]
    with pytest.raises(runner.RenderError):
        runner.render(jobs, out=tmp_path / "out", force=True, workers=1)
    assert os.environ["JUPYTER_PATH"] == "/somewhere"
    assert not list((tmp_path / "out").glob(".staging-*"))


@pytest.mark.parametrize("number", [errno.EROFS, errno.ENOSPC])
@pytest.mark.parametrize("command", [["table"], ["export"], ["audit", "examples/drug-guide.txt", "--out", "reports/audit"],
                                     ["render", "--notebook", "forest", "--force", "--out", "reports"], ["report"]])
def test_read_only_or_full_disk_is_one_line_and_reports_intact(monkeypatch, capsys, number, command):
    """The first write fails as on a read-only folder or a full disk: one line, exit 1, reports/ unchanged."""
    import builtins
    import tempfile

    from trialfigs import cli

    before = tree(ROOT / "reports")

    def refuse(*args, **kwargs):
        raise OSError(number, os.strerror(number), str(ROOT / "reports" / "x"))

    real_open = builtins.open

    def guarded_open(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax") and str(file).startswith(str(ROOT / "reports")):
            refuse()
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(Path, "write_bytes", lambda self, data: refuse())
    monkeypatch.setattr(Path, "write_text", lambda self, *a, **k: refuse())
    code = cli.main(command)
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert os.strerror(number) in err and len(err.strip().splitlines()) == 1, err
    assert tree(ROOT / "reports") == before


def test_an_export_that_fails_part_way_leaves_the_folder_as_it_was(tmp_path, monkeypatch):
    """Export makes everything first and writes it as a whole: a full disk at the fourth file leaves the gallery,
    the decks, the data copies and the figures of the previous export in place, and no temporary file."""
    from trialfigs.evidence.load import load
    from trialfigs.publish import export as exporting

    out = tmp_path / "out"
    first = load().trials.trial.iloc[0]
    exporting.export(ROOT / "reports", trials=[first], out=out)
    before = tree(out)
    real = os.fdopen
    calls = []

    def full_disk(fd, *args, **kwargs):
        calls.append(fd)
        if len(calls) == 4:
            os.close(fd)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, *args, **kwargs)

    monkeypatch.setattr(exporting.os, "fdopen", full_disk)
    with pytest.raises(OSError):
        exporting.export(ROOT / "reports", out=out)  # the whole suite: other files than the first export's
    assert len(calls) == 4
    assert tree(out) == before
    assert not [p for p in out.rglob("*.tmp")]
