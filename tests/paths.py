"""Where the tests find the repository, the bundled dataset and its article."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVENTS = REPO / "events"
DATASET = EVENTS / "north-korean-troops.json"
ARTICLE = EVENTS / "north-korean-troops-ramani.txt"
# The further sources' texts, in a sub-folder the dataset names them by.
SOURCE_TEXTS = EVENTS / "sources"
# Real TimelineJS 3 files (MPL-2.0, licence beside them), for the import and export tests.
TIMELINEJS_SAMPLES = REPO / "tests" / "data" / "timelinejs"

# The bundled dataset's dates: 1953, the 1980s, 2016, then 2022 and a cluster in 2024.
DATASET_DATES = (
    "1953", "1980s", "2016", "2022-02-24", "2024-04", "2024-05-18", "2024-08-06", "2024-10",
    "2024-10-28", "2024-11-01",
)  # fmt: skip


def copy_dataset(folder: Path) -> Path:
    """The bundled dataset with every text it quotes, copied into ``folder``: its path."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for f in (DATASET, ARTICLE):
        shutil.copyfile(f, folder / f.name)
    shutil.copytree(SOURCE_TEXTS, folder / SOURCE_TEXTS.name, dirs_exist_ok=True)
    return folder / DATASET.name


def dataset_intervals() -> tuple[list[float], list[float]]:
    """Those dates as intervals: the starts and the ends (after-last days)."""
    from timeline_app.core.dates import parse_iso

    dates = [parse_iso(iso) for iso in DATASET_DATES]
    return [float(d.start) for d in dates], [float(d.end) for d in dates]


def dataset_points() -> list[float]:
    """The first and the after-last day of each of those dates: a time scale's input."""
    from timeline_app.core.dates import parse_iso

    return [float(p) for iso in DATASET_DATES for p in (parse_iso(iso).start, parse_iso(iso).end)]
