"""One Jupyter kernel per process, reused from notebook to notebook.

Starting a kernel and importing the drawing stack in it costs about as much as drawing a figure,
so a render starts one kernel per worker process and runs every notebook of that worker in it.
Between notebooks the kernel's namespace is reset as a new session (user variables, Out history
and the execution counter start afresh; figures are closed), so a notebook's output does not
depend on which notebooks ran before it in the same kernel: serial and parallel renders give the
same bytes (tests/render/test_cache.py). Imported modules stay, which is the point.

The kernel talks to its client over local IPC sockets in a private folder rather than TCP ports:
nothing listens on the network, and ipykernel has no reason to warn that TCP is unencrypted. Where
the temporary folder is so deep that a socket's path would pass the system's limit, it uses TCP on
the loopback address instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

ENGINE = "trialfigs-reused-kernel"
# Run silently after each notebook: the next one finds a namespace like a new kernel's.
RESET = "import matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt\nget_ipython().reset(new_session=True)\n"

MAX_SOCKET_PATH = 100  # bytes, under sun_path's 108 with room for the port suffix
_kernel = None  # (pid, manager, socket folder) of this process's kernel
# The render's own temporary folder (runner sets it before forking workers): each kernel's sockets and
# connection file go in it, so the render's clean-up removes them however a worker ended.
folder: str | None = None


def manager(kernel_name: str):
    """This process's kernel manager; the kernel itself starts with the first notebook."""
    global _kernel
    if _kernel is None or _kernel[0] != os.getpid():  # a forked worker starts its own
        from jupyter_client.manager import AsyncKernelManager

        sockets = tempfile.mkdtemp(prefix="k", dir=folder)
        # a socket's path is at most 107 bytes on Linux (sun_path): a deep TMPDIR falls back to TCP
        ip = os.path.join(sockets, "k")  # the sockets are k-1 ... k-5
        options = {"transport": "ipc", "ip": ip} if os.name == "posix" and len(os.fsencode(ip)) + 8 <= MAX_SOCKET_PATH else {}
        options["connection_file"] = os.path.join(sockets, "connection.json")
        _kernel = (os.getpid(), AsyncKernelManager(kernel_name=kernel_name, **options), sockets)
        _shutdown_at_exit()
    return _kernel[1]


def _take():
    """This process's kernel manager and socket folder, forgotten here (None when it started none)."""
    global _kernel
    if _kernel is None or _kernel[0] != os.getpid():
        return None
    _, km, sockets = _kernel
    _kernel = None
    return km, sockets


def shutdown() -> None:
    """Stop this process's kernel, if it started one, and remove its sockets."""
    taken = _take()
    if taken is None:
        return
    km, sockets = taken
    try:
        if km.has_kernel:
            from jupyter_core.utils import run_sync

            run_sync(km.shutdown_kernel)(now=True)
    finally:
        shutil.rmtree(sockets, ignore_errors=True)


def kill() -> None:
    """Stop this process's kernel at once, without the event loop (from a signal handler or after an
    interrupt): kill its process and remove its sockets."""
    taken = _take()
    if taken is None:
        return
    km, sockets = taken
    try:
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(5)
    except Exception:  # noqa: BLE001 - the kernel is gone either way
        pass
    finally:
        try:
            km.cleanup_connection_file()  # the kernel's connection file, in the temporary folder
        except Exception:  # noqa: BLE001
            pass
        shutil.rmtree(sockets, ignore_errors=True)


def worker_signals() -> None:
    """In a pool worker: Ctrl-C is the parent's to handle (no traceback per worker); SIGTERM, which the
    parent sends when interrupted, stops this worker's kernel and ends the worker at once."""
    import signal

    def stop(signum, frame):
        kill()
        os._exit(128 + signum)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop)


def _shutdown_at_exit() -> None:
    """Worker processes of a pool leave through multiprocessing, which runs its finalizers, not atexit."""
    import atexit
    from multiprocessing import util

    util.Finalize(None, shutdown, exitpriority=10)
    atexit.register(shutdown)


def execute_notebook(source: str, executed: str, parameters: dict, kernel_name: str, cwd: str, timeout: int):
    """papermill.execute_notebook in this process's kernel (started on first use, kept for the next)."""
    import papermill

    return papermill.execute_notebook(source, executed, parameters=parameters, kernel_name=kernel_name, cwd=cwd,
                                      execution_timeout=timeout, progress_bar=False, log_output=False,
                                      report_mode=False, engine_name=ENGINE, km=manager(kernel_name))


class ReusedKernelEngine(NBClientEngine):
    """papermill's nbclient engine, with a kernel manager it does not own: the kernel outlives the
    notebook, its namespace is reset afterwards, and the notebook's client is closed."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, **kwargs):
        kwargs.pop("input_path", None)
        client = PapermillNotebookClient(nb_man, kernel_name=kernel_name, timeout=execution_timeout,
                                         startup_timeout=start_timeout, log_output=log_output,
                                         stdout_file=stdout_file, stderr_file=stderr_file, **kwargs)
        try:
            return client.execute()
        finally:
            if client.kc is not None:
                try:
                    reply = client.wait_for_reply(client.kc.execute(RESET, silent=True, store_history=False))
                    if not reply or reply["content"].get("status") != "ok":
                        raise RuntimeError(f"the kernel could not be reset: {reply and reply['content']}")
                except Exception:
                    shutdown()  # a kernel that cannot be reset is not reused: the next notebook starts a new one
                finally:
                    client.kc.stop_channels()


papermill_engines.register(ENGINE, ReusedKernelEngine)
