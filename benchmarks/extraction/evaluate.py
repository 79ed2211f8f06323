"""How well ``timeline-app --extract`` finds the events of a text (issue 19).

    python benchmarks/extraction/evaluate.py                 # the table and the speed
    python benchmarks/extraction/evaluate.py --write benchmarks/results/extraction.md
    python benchmarks/extraction/evaluate.py --set heldout   # the held-out set (heldout/)

Runs the extractor on every text of ``gold/`` (with the gold file's publication date) and
scores its proposals by the annotation rules (README.md, rule 7):

* a proposal matches a gold event when their spans overlap by at least half of the shorter
  one; matching is one-to-one (a maximum matching, the larger overlaps tried first);
* precision = matched / proposed, recall = matched / gold;
* date accuracy = matched pairs whose day interval is exactly the gold one / matched pairs
  (two "needs a date" proposals, both without a date, are equal);

all micro-averaged (summed over the texts, then divided), per text and overall.  Speed: the
median of 5 in-process runs on a text of about 1,000 words (the set's texts joined), after
a first run that is not counted (imports, caches).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GOLD = HERE / "gold"
SETS = {"main": GOLD, "heldout": HERE / "heldout" / "gold"}  # heldout: measured, never tuned on
TARGETS = {"precision": 0.75, "recall": 0.85, "date accuracy": 0.90}
SPEED_TARGET = 0.5  # seconds, median, ~1,000 words
SPEED_WORDS = 1000

if str(REPO) not in sys.path:  # run as a script from anywhere: the app beside it
    sys.path.insert(0, str(REPO))


@dataclass(frozen=True)
class Span:
    """A proposed or gold event as scored: where its quote is, and its day interval
    (first day, day after the last, as ordinals; None when it has no date)."""

    offset: int
    length: int
    days: tuple[int, int] | None = None

    @property
    def stop(self) -> int:
        return self.offset + self.length


def overlap(a: Span, b: Span) -> int:
    """How many characters the two spans share."""
    return max(0, min(a.stop, b.stop) - max(a.offset, b.offset))


def overlaps(a: Span, b: Span) -> bool:
    """Rule 7: they share at least half of the shorter span (and something)."""
    shared = overlap(a, b)
    return shared > 0 and 2 * shared >= min(a.length, b.length)


def match(proposed: Sequence[Span], gold: Sequence[Span]) -> list[tuple[int, int]]:
    """The one-to-one matching with the most pairs (proposal index, gold index), sorted by
    proposal.  Each proposal tries the gold events it overlaps, largest overlap first."""
    options = [
        sorted(
            (g for g, b in enumerate(gold) if overlaps(a, b)),
            key=lambda g, a=a: (-overlap(a, gold[g]), g),
        )
        for a in proposed
    ]
    owner: dict[int, int] = {}  # gold index -> proposal index

    def place(p: int, seen: set[int]) -> bool:
        for g in options[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or place(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in range(len(proposed)):
        place(p, set())
    return sorted((p, g) for g, p in owner.items())


@dataclass
class Score:
    proposed: int = 0
    gold: int = 0
    matched: int = 0
    dated: int = 0  # matched pairs with the gold day interval

    def add(self, other: Score) -> None:
        self.proposed += other.proposed
        self.gold += other.gold
        self.matched += other.matched
        self.dated += other.dated

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.dated / self.matched if self.matched else 1.0


def score(proposed: Sequence[Span], gold: Sequence[Span]) -> Score:
    pairs = match(proposed, gold)
    dated = sum(proposed[p].days == gold[g].days for p, g in pairs)
    return Score(len(proposed), len(gold), len(pairs), dated)


def days_of(start: str | None, end: str | None) -> tuple[int, int] | None:
    """The day interval of a start and end in the app's ISO forms (end may be None)."""
    from timeline_app.core.dates import parse_iso

    if start is None:
        return None
    first = parse_iso(start)
    last = parse_iso(end) if end is not None else first
    return first.start, last.end


# -- the set ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldText:
    name: str
    path: Path
    published: str | None
    events: tuple[Span, ...]

    def text(self) -> str:
        return self.path.read_bytes().decode("utf-8").removeprefix("\ufeff")


def load_gold(folder: Path = GOLD) -> list[GoldText]:
    out = []
    for file in sorted(folder.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        spans = tuple(
            Span(e["offset"], e["length"], days_of(e["start"], e.get("end")))
            for e in data["events"]
        )
        out.append(GoldText(file.stem, REPO / data["text"], data["published"], spans))
    return out


def proposals_of(text: str, published: str | None) -> list[Span]:
    from timeline_app.core.dates import parse_date
    from timeline_app.core.extract import extract

    found = extract(text, parse_date(published) if published else None)
    return [
        Span(p.offset, p.length, (p.start.start, (p.end or p.start).end) if p.start else None)
        for p in found
    ]


def evaluate(texts: Sequence[GoldText]) -> tuple[list[tuple[str, Score]], Score]:
    rows, total = [], Score()
    for gold in texts:
        found = score(proposals_of(gold.text(), gold.published), gold.events)
        rows.append((gold.name, found))
        total.add(found)
    return rows, total


def speed(texts: Sequence[GoldText], runs: int = 5) -> tuple[float, int]:
    """Median seconds of ``runs`` runs on ~1,000 words (after one not counted), words."""
    from timeline_app.core.extract import extract

    parts: list[str] = []
    for gold in texts:  # whole paragraphs until there are enough words
        for paragraph in gold.text().split("\n\n"):
            if sum(len(p.split()) for p in parts) >= SPEED_WORDS:
                break
            parts.append(paragraph)
    sample = "\n\n".join(parts)
    times = []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        extract(sample, None)
        times.append(time.perf_counter() - t0)
    return statistics.median(times[1:]), len(sample.split())


def table(rows: Sequence[tuple[str, Score]], total: Score) -> str:
    lines = [
        "| text | gold | proposed | matched | precision | recall | date accuracy |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in [*rows, ("**overall (micro)**", total)]:
        lines.append(
            f"| {name} | {s.gold} | {s.proposed} | {s.matched} | {s.precision:.2f} | "
            f"{s.recall:.2f} | {s.date_accuracy:.2f} |"
        )
    return "\n".join(lines)


def verdicts(total: Score) -> str:
    got = {"precision": total.precision, "recall": total.recall,
           "date accuracy": total.date_accuracy}  # fmt: skip
    return ", ".join(
        f"{k} {got[k]:.2f} {'✓' if got[k] >= v else '✗'} (target ≥ {v:.2f})"
        for k, v in TARGETS.items()
    )


def commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=SETS, default="main",
                        help="which set: main (tuned on) or heldout (never tuned on)")  # fmt: skip
    parser.add_argument("--gold", type=Path, help="folder of gold files (instead of --set)")
    parser.add_argument("--write", type=Path, metavar="MD",
                        help="also write the table to MD (with the commit measured)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=5, help="timed runs for the speed")
    args = parser.parse_args(argv)
    folder = args.gold or SETS[args.set]
    texts = load_gold(folder)
    rows, total = evaluate(texts)
    seconds, words = speed(texts, args.runs)
    ok = "✓" if seconds < SPEED_TARGET else "✗"
    report = "\n\n".join([
        table(rows, total),
        verdicts(total),
        f"Speed: {seconds * 1000:.1f} ms, median of {args.runs} in-process runs on "
        f"{words:,} words after the first {ok} (target < {SPEED_TARGET} s).",
    ])  # fmt: skip
    print(report)
    if args.write:
        head = (
            f"# Finding events in a text: evaluation\n\nMeasured at commit {commit()} by "
            "`python benchmarks/extraction/evaluate.py` on the set in "
            "`benchmarks/extraction/` (rules: its README).\n\n"
        )
        args.write.write_text(head + report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
