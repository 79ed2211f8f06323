"""Packaging: the wheel installs and starts outside the checkout, the desktop entry and the
AppStream metainfo validate, and the PyInstaller bundle builds and starts.

The tests that build or install are marked ``slow`` (a minute or two each; run in CI,
skip locally with ``-m 'not slow'``). Everything is built under tmp_path: the only trace
left in the checkout is the gitignored ``timeline_app.egg-info`` of ``python -m build``.
Set TIMELINE_SKIP_BUNDLE=1 to skip the PyInstaller bundle.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGING = REPO / "packaging"
APP_ID = "io.github.timeline_app.TimelineApp"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
ICON = PACKAGING / "icons" / "timeline-app.svg"
SMOKE_SH = PACKAGING / "smoke.sh"
DATASET_NAME = "north-korean-troops.json"
SMOKE_LINE = re.compile(r"^smoke: (\d+) events? shown", re.MULTILINE)
LINUX = sys.platform.startswith("linux")


def project_version() -> str:
    found = re.search(
        r'^version = "([^"]+)"', (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.M
    )
    assert found, "no version in pyproject.toml"
    return found.group(1)


def build_env() -> dict[str, str]:
    """The environment for builds and installs: no venv or PYTHONPATH of the test run leaks
    in; pip's cache is used."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a started app: as build_env(), with settings and caches in `home`."""
    env = build_env()
    for name in ("config", "data", "cache", "runtime"):
        (home / name).mkdir(parents=True, exist_ok=True)
    (home / "runtime").chmod(0o700)
    env.update(
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def run(
    args: list[str | Path], cwd: Path, env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def explain(proc: subprocess.CompletedProcess[str]) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"


def assert_smoke(proc: subprocess.CompletedProcess[str]) -> int:
    assert proc.returncode == 0, explain(proc)
    found = SMOKE_LINE.search(proc.stdout)
    assert found, "no 'smoke: N events shown' line\n" + explain(proc)
    shown = int(found.group(1))
    assert shown > 0, explain(proc)
    return shown


def has_x_server() -> bool:
    return bool(shutil.which("xvfb-run") or shutil.which("Xvfb"))


# -- the wheel, installed in a fresh venv outside the checkout ---------------------------------


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A venv outside the checkout with the wheel built from the sdist installed; yields its
    `timeline-app` script."""
    pytest.importorskip("build", reason="needs the 'build' package (the test extra)")
    root = tmp_path_factory.mktemp("wheel")
    env = build_env()
    # sdist first, then the wheel from the unpacked sdist: the sdist must be complete too.
    # -I: the checkout's build/ folder must not shadow the build package.
    proc = run(
        [sys.executable, "-I", "-m", "build", "--outdir", root / "dist", REPO],
        cwd=root,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, explain(proc)
    wheels = sorted((root / "dist").glob("timeline_app-*.whl"))
    assert len(wheels) == 1, wheels
    assert wheels[0].name.startswith(f"timeline_app-{project_version()}-")
    assert sorted((root / "dist").glob("timeline_app-*.tar.gz"))

    venv = root / "venv"
    proc = run([sys.executable, "-m", "venv", venv], cwd=root, env=env)
    assert proc.returncode == 0, explain(proc)
    bindir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    proc = run(
        [bindir / "python", "-m", "pip", "install", "--disable-pip-version-check", wheels[0]],
        cwd=root,
        env=env,
        timeout=900,  # PySide6 from PyPI when pip's cache does not have it
    )
    assert proc.returncode == 0, explain(proc)
    yield bindir / "timeline-app"


@pytest.mark.slow
def test_installed_wheel_validates_and_starts_outside_the_checkout(
    installed: Path, tmp_path: Path
) -> None:
    venv = installed.parent.parent
    env = clean_env(tmp_path / "home")
    where = run(
        [
            installed.parent / "python",
            "-I",
            "-c",
            "from timeline_app.core.bundled import bundled_dataset; print(bundled_dataset())",
        ],
        cwd=tmp_path,
        env=env,
    )
    assert where.returncode == 0, explain(where)
    dataset = Path(where.stdout.strip())
    assert dataset.name == DATASET_NAME
    assert dataset.is_file()
    # the installed package data, not the checkout's events/
    assert venv in dataset.parents, dataset
    assert REPO not in dataset.resolve().parents, dataset
    assert (dataset.parent / "north-korean-troops-ramani.txt").is_file()
    # the further sources' texts, in their sub-folder (package data takes it too)
    installed_texts = sorted(p.name for p in (dataset.parent / "sources").glob("*.txt"))
    assert installed_texts == sorted(p.name for p in (REPO / "events" / "sources").glob("*.txt"))

    proc = run([installed, "--validate", dataset], cwd=tmp_path, env=env)
    assert proc.returncode == 0, explain(proc)
    # every quote found in its installed text: a text left out would be a warning here
    assert f"{dataset}: ok (" in proc.stdout and " 0 warnings)" in proc.stdout, explain(proc)
    assert "warning" not in proc.stdout.replace(" 0 warnings)", ""), explain(proc)

    version = run([installed, "--version"], cwd=tmp_path, env=env)
    assert version.stdout.strip() == f"timeline-app {project_version()}", explain(version)

    proc = run(
        [installed, "--smoke"],
        cwd=tmp_path,
        env=clean_env(tmp_path / "home", QT_QPA_PLATFORM="offscreen"),
    )
    assert_smoke(proc)


@pytest.mark.slow
@pytest.mark.skipif(not LINUX or not shutil.which("bash"), reason="smoke.sh needs Linux and bash")
def test_smoke_script_on_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    """packaging/smoke.sh finds the installed dataset itself, and starts the app offscreen
    and, where Xvfb is installed, on a real X server with the xcb platform."""
    args: list[str | Path] = ["bash", SMOKE_SH]
    # in CI the real X session is required: a missing system library must not hide
    args.append("--require-x" if has_x_server() or os.environ.get("CI") else "--no-x")
    proc = run([*args, installed], cwd=tmp_path, env=clean_env(tmp_path / "home"))
    assert proc.returncode == 0, explain(proc)
    assert "smoke test passed" in proc.stdout, explain(proc)
    assert str(installed.parent.parent) in proc.stdout  # the dataset of the install


# -- desktop entry, AppStream metainfo and icon (fast) ------------------------------------------


def test_desktop_entry_is_valid() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    proc = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert not re.search(r": (error|warning): ", output), output


def test_metainfo_is_valid() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (Debian: appstream)")
    proc = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, check=False
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert not re.search(r"^\s*[EW]: ", output, re.MULTILINE), output


def test_desktop_entry_metainfo_and_project_agree() -> None:
    desktop = dict(
        line.split("=", 1)
        for line in DESKTOP.read_text(encoding="utf-8").splitlines()
        if "=" in line
    )
    assert desktop["Icon"] == APP_ID
    assert desktop["Exec"].split()[0] == "timeline-app"  # the gui-script of pyproject.toml
    metainfo = METAINFO.read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in metainfo
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in metainfo
    assert "<binary>timeline-app</binary>" in metainfo
    # every release is listed: the newest <release> is the project's version
    newest = re.search(r'<release version="([^"]+)"', metainfo)
    assert newest and newest.group(1) == project_version()

    from timeline_app import APP_ID as app_id

    assert app_id == APP_ID


def test_icon_renders_at_every_size(qapp: object, tmp_path: Path) -> None:
    """The Qt fallback of build.sh renders every hicolor size from the SVG, and the small
    sizes are not blank. (qapp: render_icons must reuse the test run's QApplication.)"""
    from PySide6.QtGui import QImage

    sys.path.insert(0, str(PACKAGING))
    try:
        import render_icons
    finally:
        sys.path.remove(str(PACKAGING))
    written = render_icons.render(ICON, tmp_path, APP_ID, render_icons.DEFAULT_SIZES)
    assert len(written) == len(render_icons.DEFAULT_SIZES)
    for n, path in zip(render_icons.DEFAULT_SIZES, written, strict=True):
        assert path == tmp_path / f"{n}x{n}" / "apps" / f"{APP_ID}.png"
        image = QImage(str(path))
        assert (image.width(), image.height()) == (n, n)
        centre = image.pixelColor(n // 2, n // 2)
        assert centre.alpha() == 255, f"{n} px: the centre is transparent"


# -- the PyInstaller bundle ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("TIMELINE_SKIP_BUNDLE") == "1", reason="TIMELINE_SKIP_BUNDLE=1")
@pytest.mark.skipif(not LINUX, reason="the bundle test runs on Linux (see packaging/README.md)")
def test_pyinstaller_bundle_builds_and_starts(tmp_path: Path) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise  # CI installs the test extra, which has PyInstaller
        pytest.skip("PyInstaller is not installed (pip install -e '.[test]')")
    env = build_env()
    started = time.monotonic()
    # -I: the checkout's build/ folder must not shadow anything; -B: no __pycache__ beside
    # packaging/pyinstaller-hooks
    proc = run(
        [
            sys.executable,
            "-I",
            "-B",
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            tmp_path / "dist",
            "--workpath",
            tmp_path / "work",
            PACKAGING / "timeline-app.spec",
        ],
        cwd=tmp_path,
        env=env,
        timeout=900,
    )
    seconds = time.monotonic() - started
    assert proc.returncode == 0, explain(proc)
    bundle = tmp_path / "dist" / "timeline-app"
    exe = bundle / "timeline-app"
    assert exe.is_file()
    size_mb = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    size_mb //= 1024 * 1024
    print(f"bundle built in {seconds:.0f} s, {size_mb} MB")

    internal = bundle / "_internal"
    assert (internal / "timeline_app" / "events" / DATASET_NAME).is_file()
    assert (internal / "timeline_app" / "events" / "__init__.py").is_file()
    # the Qt parts the app needs, and none of the big unused ones
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for needed in ("platforms/libqoffscreen.so", "platforms/libqxcb.so", "imageformats/libqsvg.so"):
        assert (plugins / needed).is_file(), needed
    names = {f.name for f in internal.rglob("*")}
    for unused in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6Pdf.so.6", "libgtk-3.so.0"):
        assert unused not in names, f"{unused} is bundled"
    assert not (plugins / "sqldrivers").exists()
    assert not any(n.startswith("_tkinter") for n in names)
    assert size_mb < 250, f"the bundle grew to {size_mb} MB"

    env = clean_env(tmp_path / "home")
    version = run([exe, "--version"], cwd=tmp_path, env=env)
    assert version.stdout.strip() == f"timeline-app {project_version()}", explain(version)

    args: list[str | Path] = ["bash", SMOKE_SH]
    # in CI the real X session is required: a missing system library must not hide
    args.append("--require-x" if has_x_server() or os.environ.get("CI") else "--no-x")
    proc = run([*args, exe], cwd=tmp_path, env=env)
    assert proc.returncode == 0, explain(proc)
    assert "smoke test passed" in proc.stdout, explain(proc)
    assert str(internal / "timeline_app" / "events" / DATASET_NAME) in proc.stdout
