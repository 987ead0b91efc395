"""Worker processes never outlive the run: a killed parent takes its workers with it, and
Ctrl-C ends a parallel run at once with status 130 (Linux: reads /proc)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SAMPLE

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
BUDGETLINT = str(Path(sys.executable).with_name("budgetlint"))


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found.extend(int(p) for p in text.split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has exited (nobody reaped it yet)


def _start_parallel_run(tmp_path: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    for n in range(60):
        shutil.copy(SAMPLE, tmp_path / f"doc{n:02}.txt")
    env = {**os.environ, "BUDGETLINT_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [BUDGETLINT, "--isolated", "--jobs", "2", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        workers = _children(process.pid)
        if len(workers) >= 2:
            return process, workers
        time.sleep(0.05)
    process.kill()
    pytest.skip("the worker pool did not start in time")


def _gone_soon(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_workers_die_with_their_parent(tmp_path: Path, sig: signal.Signals) -> None:
    process, workers = _start_parallel_run(tmp_path)
    process.send_signal(sig)
    process.wait(timeout=30)
    try:
        assert _gone_soon(workers), f"workers {workers} outlived their parent"
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_ctrl_c_stops_a_parallel_run_at_once_with_130(tmp_path: Path) -> None:
    process, workers = _start_parallel_run(tmp_path)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err.decode()[-500:]
    assert "Traceback" not in err.decode()
    assert _gone_soon(workers, 5)
