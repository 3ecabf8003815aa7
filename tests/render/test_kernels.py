"""One kernel serves several notebooks, each of which finds it as a new kernel would be; the kernel
speaks over IPC sockets (no TCP warning) and what it writes to stderr still shows."""

from __future__ import annotations

import json
import os

import nbformat
import pytest

from trialfigs.render import kernels
from trialfigs.render import runner as render


@pytest.fixture
def kernel_home(monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", render._kernel_home())
    yield
    kernels.shutdown()


def notebook(tmp_path, name: str, *cells: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    return str(path)


def run(tmp_path, source: str) -> nbformat.NotebookNode:
    executed = tmp_path / f"executed-{os.path.basename(source)}"
    kernels.execute_notebook(source, str(executed), {}, render.KERNEL, str(tmp_path), 60)
    return nbformat.read(executed, as_version=4)


def printed(nb) -> list[str]:
    return [output.get("text", "") or output.get("data", {}).get("text/plain", "")
            for cell in nb.cells for output in cell.outputs]


def test_two_notebooks_share_one_kernel_and_the_second_finds_a_fresh_namespace(tmp_path, kernel_home):
    leaves_state = notebook(tmp_path, "leaves_state", "import os\nleft_behind = 41\nprint(os.getpid())",
                            "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\nplt.figure()\nleft_behind + 1")
    looks_for_state = notebook(tmp_path, "looks_for_state", "import os\nprint(os.getpid())",
                               "import matplotlib.pyplot as plt\nprint('left_behind' in globals(), len(plt.get_fignums()))",
                               "'a result'")
    first, second = run(tmp_path, leaves_state), run(tmp_path, looks_for_state)
    assert printed(first)[0] == printed(second)[0]  # the same kernel process
    assert printed(second)[1:] == ["False 0\n", "'a result'"]
    assert [cell.execution_count for cell in second.cells] == [1, 2, 3]
    assert second.cells[2].outputs[0].execution_count == 3


def test_the_kernel_speaks_over_ipc_and_prints_no_tcp_warning_but_stderr_still_shows(tmp_path, kernel_home, capfd):
    writes_to_stderr = notebook(tmp_path, "writes_to_stderr", "import os\nos.write(2, b'a real error from the kernel\\n')")
    run(tmp_path, writes_to_stderr)
    connection = json.loads(open(kernels.manager(render.KERNEL).connection_file).read())
    assert connection["transport"] == "ipc"
    err = capfd.readouterr().err
    assert "a real error from the kernel" in err
    assert "without encryption" not in err


def test_shutdown_stops_the_kernel_and_removes_its_sockets(tmp_path, kernel_home):
    run(tmp_path, notebook(tmp_path, "prints", "print('ok')"))
    km = kernels.manager(render.KERNEL)
    sockets = kernels._kernel[2]
    assert km.has_kernel and os.path.isdir(sockets)
    kernels.shutdown()
    assert not km.has_kernel and not os.path.exists(sockets)
    assert kernels.manager(render.KERNEL) is not km  # the next notebook starts a new kernel


def test_a_failing_cell_still_fails_and_the_next_notebook_runs_clean(tmp_path, kernel_home):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError, match="ZeroDivisionError"):
        run(tmp_path, notebook(tmp_path, "fails", "state = 'dirty'", "1 / 0"))
    after = run(tmp_path, notebook(tmp_path, "after_failure", "print('state' in globals())"))
    assert printed(after) == ["False\n"]
