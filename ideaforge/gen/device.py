"""Which device runs the model. The libraries' own flags lie (they report CUDA on machines with
no GPU), so IdeaForge asks the NVIDIA driver itself, then falls back to CPU if CUDA fails."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from dataclasses import dataclass

from ideaforge.core.errors import InvalidInput
from ideaforge.core.i18n import tr

DEVICES = ("auto", "cpu", "cuda")


@dataclass(frozen=True, slots=True)
class DeviceChoice:
    device: str  # "cpu" or "cuda"
    reason: str  # shown to the person: why this device


def _driver_names() -> list[str]:
    if sys.platform == "win32":
        return ["nvcuda.dll"]
    found = ctypes.util.find_library("cuda")
    return ["libcuda.so.1", "libcuda.so", *([found] if found else [])]


def cuda_probe() -> tuple[bool, str]:
    """True when the NVIDIA driver loads, initialises and reports at least one GPU."""
    if sys.platform == "darwin":
        return False, tr("macOS has no CUDA")
    for name in _driver_names():
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        try:
            if lib.cuInit(0) != 0:
                return False, tr("the NVIDIA driver is installed but did not initialise")
            count = ctypes.c_int(0)
            if lib.cuDeviceGetCount(ctypes.byref(count)) != 0 or count.value < 1:
                return False, tr("the NVIDIA driver reports no GPU")
            return True, tr("{count} NVIDIA GPU(s) found", count=count.value)
        except AttributeError:
            return False, tr("{name} is not a usable CUDA driver", name=name)
    return False, tr("no NVIDIA driver found")


def choose_device(
    requested: str | None = None, probe: tuple[bool, str] | None = None
) -> DeviceChoice:
    """Resolve 'auto' / 'cpu' / 'cuda' (argument, else IDEAFORGE_DEVICE, else auto)."""
    want = (requested or os.environ.get("IDEAFORGE_DEVICE") or "auto").lower()
    if want not in DEVICES:
        raise InvalidInput(
            tr(
                "Device '{want}' is not one of {devices}.",
                want=want,
                devices=", ".join(DEVICES),
            )
        )
    if want == "cpu":
        return DeviceChoice("cpu", tr("CPU chosen in settings"))
    ok, why = probe if probe is not None else cuda_probe()
    if want == "cuda":
        if ok:
            return DeviceChoice("cuda", tr("CUDA chosen in settings; {why}", why=why))
        return DeviceChoice("cpu", tr("CUDA was asked for but {why}: running on CPU", why=why))
    if ok:
        return DeviceChoice("cuda", tr("CUDA: {why}", why=why))
    return DeviceChoice("cpu", tr("CPU: {why}", why=why))
