"""Which Qt plugins the timeline-app bundle keeps; used by the PySide6 hooks beside this file.

PyInstaller's own PySide6 hooks collect every plugin of every type a Qt module may use, and
then every library those plugins link (the GTK theme alone brings GTK's whole stack). These
hooks collect the same, less what the app does not need, before PyInstaller looks for the
plugins' libraries.
"""

from pathlib import PurePath

# plugin type -> plugins kept (file names without "lib" and suffix); types not named here
# (styles, printsupport, platforminputcontexts, xcbglintegrations, ...) are kept whole.
KEEP = {
    # offscreen for --smoke and CI, xcb and wayland for Linux desktops, windows and cocoa
    "platforms": {"qoffscreen", "qminimal", "qxcb", "qwayland", "qwindows", "qdirect2d", "qcocoa"},
    "imageformats": {"qsvg", "qico", "qjpeg"},  # PNG is built into QtGui
    "iconengines": {"qsvgicon"},
    # the GTK theme needs the system's GTK 3, whose libraries (cairo, pango, glib, ...) would
    # be bundled and then clash with it; the portal theme gives native file dialogs
    "platformthemes": {"qxdgdesktopportal"},
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-graphics-integration-client": {"qt-plugin-wayland-egl"},
}
# plugin types dropped whole
DROP = {
    "designer",
    "egldeviceintegrations",
    "generic",
    "networkinformation",
    "qmltooling",
    "sqldrivers",
    "tls",
    "vectorimageformats",
    "wayland-graphics-integration-server",
}


def wanted(src: str, dest_dir: str) -> bool:
    """False for a Qt plugin (src file, collected into dest_dir) that the app does not need."""
    parts = PurePath(dest_dir).parts
    if "plugins" not in parts or parts.index("plugins") + 1 >= len(parts):
        return True
    kind = "/".join(parts[parts.index("plugins") + 1 :])
    if kind in DROP:
        return False
    if kind not in KEEP:
        return True
    stem = PurePath(src).name.split(".")[0]
    return stem in KEEP[kind] or stem.removeprefix("lib") in KEEP[kind]


def filter_binaries(binaries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(src, dest) for src, dest in binaries if wanted(src, dest)]
