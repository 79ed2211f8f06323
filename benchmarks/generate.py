"""Generate synthetic but realistic timeline files for the benchmarks.

    python benchmarks/generate.py 100000 -o benchmarks/data/
    python benchmarks/generate.py 1000 10000 100000 1000000

For each size N it writes ``synthetic-N.json`` and, beside it, the source text its quotes
come from (``synthetic-N-source.txt``).  The files are what a long-running research
timeline looks like, scaled up:

* dates over a century (1925–2025), clustered in bursts (a war, a crisis, an election
  season) over a thinner background, denser towards the present;
* mixed precisions: mostly days, some months, years, a few decades; about one event in eight
  is a span (days to years);
* 50 actors (countries, organisations, people), 1–3 per event, with a Zipf-like popularity;
* tags (Zipf-like), a status (mostly "reported"), a date basis ("elsewhere" with a note);
* titles and summaries built from templates, with accented place names (so accent-folding
  search has work to do);
* 0–3 quotes per event (5–20 words), most of them verbatim passages of the source text (some with
  straight quote marks where the text has typographic ones, some across its line breaks),
  about 8% not in the text (a changed word), which ``--validate`` reports as warnings.

Deterministic: the same size and seed give the same bytes.  The JSON is written streaming, in
the app's own layout (2-space indent, the app's key order), so 1,000,000 events (about half
a gigabyte) never sit in memory.  No import of the app: a bug in the app cannot shape its own
test data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
import time
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path

GENERATOR_VERSION = 1
DEFAULT_SEED = 1925
SIZES = (1_000, 10_000, 100_000, 1_000_000)
HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "data"
SOURCE_ID = "synthetic-chronicle"

FIRST_DAY = dt.date(1925, 1, 1).toordinal()
LAST_DAY = dt.date(2025, 12, 31).toordinal()

ACTORS: tuple[tuple[str, str], ...] = (
    # (name, colour or "")
    ("North Korea", "#d55e00"), ("South Korea", "#0072b2"), ("Russia", "#cc79a7"),
    ("Ukraine", "#009e73"), ("United States", "#56b4e9"), ("China", "#e69f00"),
    ("Japan", ""), ("United Kingdom", ""), ("France", ""), ("Germany", ""), ("Poland", ""),
    ("Türkiye", ""), ("Iran", ""), ("Syria", ""), ("Israel", ""), ("Egypt", ""),
    ("India", ""), ("Brazil", ""), ("Mexico", ""), ("Canada", ""),
    ("NATO", ""), ("United Nations", ""), ("European Union", ""), ("African Union", ""),
    ("Red Cross", ""), ("World Bank", ""), ("IMF", ""), ("OPEC", ""),
    ("Amnesty International", ""), ("Médecins Sans Frontières", ""),
    ("World Health Organization", ""), ("ASEAN", ""),
    ("Kim Jong Un", ""), ("Vladimir Putin", ""), ("Volodymyr Zelensky", ""),
    ("Xi Jinping", ""), ("Emmanuel Macron", ""), ("Olaf Scholz", ""),
    ("Recep Tayyip Erdoğan", ""), ("Narendra Modi", ""), ("Luiz Inácio Lula da Silva", ""),
    ("Andrés Manuel López Obrador", ""), ("Justin Trudeau", ""), ("Fumio Kishida", ""),
    ("Yoon Suk Yeol", ""), ("Ali Khamenei", ""), ("Benjamin Netanyahu", ""),
    ("António Guterres", ""), ("Ursula von der Leyen", ""), ("Mark Rutte", ""),
)  # fmt: skip

PLACES = (
    "Kyiv", "Kharkiv", "Kursk", "Moscow", "Pyongyang", "Seoul", "Beijing", "Tokyo", "Geneva",
    "Zürich", "Vienna", "Kraków", "Warsaw", "Berlin", "Paris", "London", "Brussels",
    "The Hague", "Istanbul", "Ankara", "Tehran", "Damascus", "Aleppo", "Cairo", "Delhi",
    "Mumbai", "São Paulo", "Brasília", "Bogotá", "Mexico City", "Ottawa", "Washington",
    "New York", "Reykjavík", "Helsinki", "Oslo", "Stockholm", "Tallinn", "Riga", "Vilnius",
    "Minsk", "Odesa", "Mariupol", "Donetsk", "Sevastopol", "Vladivostok", "Harare",
    "Bulawayo", "Gaza", "Jerusalem", "Beirut", "Baghdad", "Kabul", "Islamabad", "Hanoi",
    "Manila", "Jakarta", "Canberra", "Nairobi", "Addis Ababa", "Dakar", "Lagos",
    "Johannesburg", "Montréal", "Québec", "Málaga", "Córdoba", "Nürnberg", "Panmunjom",
)  # fmt: skip

THINGS = (
    "a ceasefire", "a trade agreement", "a defence pact", "new sanctions", "a peace plan",
    "an arms deal", "a prisoner exchange", "an aid package", "a naval blockade",
    "border talks", "a nuclear test", "a missile launch", "a state visit", "early elections",
    "a referendum", "emergency measures", "a mobilisation order", "an evacuation",
    "a cyberattack", "a gas pipeline", "a grain corridor", "an inquiry", "a loan",
    "export controls", "a military exercise", "a troop withdrawal", "a debt relief deal",
    "a vaccination campaign", "a border closure", "a currency reform",
)  # fmt: skip

ACCUSATIONS = (
    "shelling civilians", "violating the ceasefire", "election interference", "espionage",
    "supplying weapons", "a cyberattack", "torturing prisoners", "blocking aid convoys",
    "forced deportations", "sanctions evasion", "spreading disinformation",
)  # fmt: skip

HAPPENINGS = (
    "Protests in", "Strike on", "Floods in", "Explosion in", "Riots in", "Blackout in",
    "General strike in", "Evacuation of", "Siege of", "Earthquake near", "Famine reported in",
    "Uprising in", "Mass arrests in", "Refugee crisis in",
)  # fmt: skip

TAGS = (
    "diplomacy", "military", "sanctions", "economy", "elections", "protest", "humanitarian",
    "nuclear", "cyber", "energy", "trade", "history", "human-rights", "refugees",
    "terrorism", "health", "climate", "border", "navy", "air-force", "intelligence",
    "espionage", "aid", "treaty", "summit", "courts", "media", "religion", "sport",
    "science", "space", "arms", "mobilisation", "occupation", "ceasefire", "negotiation",
    "propaganda", "disinformation", "famine", "infrastructure",
)  # fmt: skip

NOUNS = (
    "government", "ministry", "army", "delegation", "spokesperson", "parliament", "court",
    "commission", "envoy", "central bank", "opposition", "press agency", "general staff",
    "foreign minister", "prime minister", "president", "observers", "inspectors",
)  # fmt: skip

VERBS = (
    "said", "confirmed", "denied", "announced", "reported", "claimed", "warned",
    "insisted", "acknowledged", "suggested", "argued", "revealed",
)  # fmt: skip

FILLER = (
    "the situation remained tense for several weeks",
    "the talks were expected to resume after the holidays",
    "casualty figures could not be independently verified",
    "the decision drew criticism from neighbouring states",
    "markets reacted sharply to the news",
    "thousands of people were displaced by the fighting",
    "the agreement was never ratified by parliament",
    "officials declined to comment on the reports",
    "the measures were lifted the following spring",
    "independent journalists were barred from the area",
    "the move was widely seen as a response to domestic pressure",
    "analysts described it as a turning point",
    "the details of the arrangement remain classified",
    "supplies ran short within days",
    "several senior officers were dismissed afterwards",
)  # fmt: skip

REFERENCES = (
    "contemporary newspaper", "wire agency", "government gazette", "parliamentary record",
    "court filing", "diplomatic cable", "eyewitness", "satellite imagery",
)  # fmt: skip

STATUSES = ("reported",) * 85 + ("alleged",) * 8 + ("disputed",) * 4 + ("denied",) * 3
STRAIGHTEN = str.maketrans("‘’“”", "''\"\"")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")


def zipf_cumulative(n: int, s: float) -> list[float]:
    return list(accumulate(1.0 / (k**s) for k in range(1, n + 1)))


def pick(rng: random.Random, items: Sequence[str], cum: list[float]) -> str:
    return items[bisect_right(cum, rng.random() * cum[-1])]


# -- the source text -------------------------------------------------------------------------


def source_text(seed: int) -> str:
    """About 100 KB of article-like prose: paragraphs of sentences, hard-wrapped at 88
    columns, typographic apostrophes and quotation marks.  The same for every size."""
    rng = random.Random(f"{seed}-text")
    names = [name for name, _ in ACTORS]
    paragraphs = []
    for _ in range(160):
        sentences = []
        for _ in range(rng.randint(4, 8)):
            a, b = rng.sample(names, 2)
            kind = rng.random()
            if kind < 0.3:
                s = (
                    f"In {rng.choice(PLACES)}, {a}’s {rng.choice(NOUNS)} {rng.choice(VERBS)} "
                    f"that {rng.choice(THINGS)} had been agreed with {b}, although "
                    f"{rng.choice(FILLER)}."
                )
            elif kind < 0.55:
                s = (
                    f"“{rng.choice(FILLER).capitalize()},” the {rng.choice(NOUNS)} of {a} "
                    f"{rng.choice(VERBS)}, adding that {b} had been accused of "
                    f"{rng.choice(ACCUSATIONS)}."
                )
            elif kind < 0.8:
                s = (
                    f"{rng.choice(HAPPENINGS)} {rng.choice(PLACES)} followed "
                    f"{rng.choice(THINGS)} announced by {a}; {rng.choice(FILLER)}."
                )
            else:
                s = (
                    f"By {rng.randint(1925, 2025)} {b} and {a} were discussing "
                    f"{rng.choice(THINGS)} in {rng.choice(PLACES)}, and {rng.choice(FILLER)}."
                )
            sentences.append(s)
        paragraphs.append(_wrap(" ".join(sentences), 88))
    title = "A century of crises: a synthetic chronicle"
    return f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"


def _wrap(text: str, width: int) -> str:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


# -- events ----------------------------------------------------------------------------------


class EventMaker:
    """Draws events one at a time from seeded distributions."""

    def __init__(self, seed: int, n: int, text: str) -> None:
        self.rng = rng = random.Random(f"{seed}-events-{n}")
        self.n = n
        names = [name for name, _ in ACTORS]
        order = list(range(len(names)))
        rng.shuffle(order)  # popularity rank is not file order
        self.actor_names = [names[k] for k in order]  # most popular first
        self.actor_ids = [slug(name) for name in self.actor_names]
        self.actor_cum = zipf_cumulative(len(names), 1.1)
        self.tag_cum = zipf_cumulative(len(TAGS), 1.0)
        self.words = text.split()
        # bursts: a few dozen episodes of days to years, denser towards the present
        bursts = []
        for _ in range(90):
            centre = FIRST_DAY + (LAST_DAY - FIRST_DAY) * (rng.random() ** 0.6)
            sigma = math.exp(rng.uniform(math.log(3), math.log(900)))
            bursts.append((centre, sigma, rng.paretovariate(1.1)))
        background = 0.15 * sum(w for _, _, w in bursts) / 0.85
        self.bursts = bursts
        self.burst_cum = list(accumulate([background] + [w for _, _, w in bursts]))

    def day(self) -> int:
        rng = self.rng
        k = bisect_right(self.burst_cum, rng.random() * self.burst_cum[-1])
        if k == 0:
            t = rng.uniform(FIRST_DAY, LAST_DAY)
        else:
            centre, sigma, _ = self.bursts[k - 1]
            t = rng.gauss(centre, sigma)
        return int(min(max(t, FIRST_DAY), LAST_DAY))

    def date(self, ordinal: int, precision: str) -> tuple[str, str]:
        """(ISO spelling, words) of the date at ``precision`` containing ``ordinal``."""
        d = dt.date.fromordinal(ordinal)
        if precision == "day":
            return f"{d.year:04d}-{d.month:02d}-{d.day:02d}", f"{d.day} {d:%B} {d.year}"
        if precision == "month":
            return f"{d.year:04d}-{d.month:02d}", f"{d:%B} {d.year}"
        if precision == "year":
            return f"{d.year:04d}", str(d.year)
        decade = d.year - d.year % 10
        return f"{decade:04d}s", f"the {decade}s"

    def precision(self) -> str:
        r = self.rng.random()
        return "day" if r < 0.80 else "month" if r < 0.92 else "year" if r < 0.98 else "decade"

    def quote(self) -> dict[str, str]:
        rng = self.rng
        length = rng.randint(5, 20)
        i = rng.randrange(0, len(self.words) - length)
        words = self.words[i : i + length]
        if rng.random() < 0.08:  # not in the text: one word changed
            j = rng.randrange(length)
            words[j] = rng.choice(("reportedly", "allegedly", "formally"))
        text = " ".join(words)
        if rng.random() < 0.5:
            text = text.translate(STRAIGHTEN)  # straight marks match typographic ones
        return {"source": SOURCE_ID, "text": text}

    def event(self, i: int) -> dict[str, object]:
        rng = self.rng
        k = rng.choice((1, 1, 1, 2, 2, 3))
        chosen: list[int] = []
        while len(chosen) < k:
            a = bisect_right(self.actor_cum, rng.random() * self.actor_cum[-1])
            if a not in chosen:
                chosen.append(a)
        names = [self.actor_names[a] for a in chosen]
        title = self.title(names)
        t = self.day()
        precision = self.precision()
        start, start_words = self.date(t, precision)
        event: dict[str, object] = {
            "id": f"{slug(title)[:48].rstrip('-')}-{i + 1}",
            "title": title,
            "start": start,
        }
        if rng.random() < 0.12:  # a span of days to years
            days = max(1, int(math.exp(rng.gauss(math.log(30), 1.6))))
            end_precision = precision
            if precision == "day" and rng.random() < 0.2:
                end_precision = "month"
            end, _ = self.date(min(t + days, LAST_DAY), end_precision)
            if end != start:
                event["end"] = end
        event["status"] = STATUSES[rng.randrange(len(STATUSES))]
        elsewhere = rng.random() < 0.1
        event["date_basis"] = "elsewhere" if elsewhere else "source"
        event["actors"] = [self.actor_ids[a] for a in chosen]
        tags = {pick(rng, TAGS, self.tag_cum) for _ in range(rng.choice((0, 1, 1, 2, 2, 3)))}
        if tags:  # the app leaves out an empty list of tags
            event["tags"] = sorted(tags)
        summary = f"{title} ({start_words}). The {rng.choice(NOUNS)} of {names[0]} "
        summary += f"{rng.choice(VERBS)} that {rng.choice(FILLER)}."
        if rng.random() < 0.4:
            summary += f" {rng.choice(FILLER).capitalize()}."
        event["summary"] = summary
        n_quotes = rng.choice((0, 1, 1, 1, 1, 1, 1, 2, 2, 3))
        event["quotes"] = [self.quote() for _ in range(n_quotes)]
        if elsewhere:
            event["notes"] = (
                f"The source gives no exact date; {start_words} comes from "
                f"{rng.choice(REFERENCES)} reports."
            )
        elif rng.random() < 0.15:
            event["notes"] = f"{rng.choice(FILLER).capitalize()}."
        return event

    def title(self, names: list[str]) -> str:
        rng = self.rng
        a = names[0]
        place = rng.choice(PLACES)
        if len(names) > 1:
            b = names[1]
            return rng.choice(
                (
                    f"{a} and {b} agree on {rng.choice(THINGS)}",
                    f"Talks between {a} and {b} in {place}",
                    f"{a} accuses {b} of {rng.choice(ACCUSATIONS)}",
                    f"{a} imposes {rng.choice(THINGS)} on {b}",
                    f"Summit of {a} and {b} in {place}",
                )
            )
        return rng.choice(
            (
                f"{a} announces {rng.choice(THINGS)}",
                f"{a} troops enter {place}",
                f"{rng.choice(HAPPENINGS)} {place}",
                f"{a} delegation visits {place}",
                f"{a} denies {rng.choice(ACCUSATIONS)}",
            )
        )


# -- writing ---------------------------------------------------------------------------------

_dumps = json.JSONEncoder(ensure_ascii=False).encode


def event_json(event: dict[str, object]) -> str:
    """One event as the app writes it inside the events list (4-space base indent)."""
    lines = ["    {"]
    items = list(event.items())
    for k, (key, value) in enumerate(items):
        comma = "," if k < len(items) - 1 else ""
        if isinstance(value, list):
            if not value:
                lines.append(f'      "{key}": []{comma}')
                continue
            lines.append(f'      "{key}": [')
            for j, v in enumerate(value):
                c = "," if j < len(value) - 1 else ""
                if isinstance(v, dict):
                    lines.append("        {")
                    lines.append(f'          "source": {_dumps(v["source"])},')
                    lines.append(f'          "text": {_dumps(v["text"])}')
                    lines.append("        }" + c)
                else:
                    lines.append(f"        {_dumps(v)}{c}")
            lines.append(f"      ]{comma}")
        else:
            lines.append(f'      "{key}": {_dumps(value)}{comma}')
    lines.append("    }")
    return "\n".join(lines)


def dataset_path(out_dir: Path, n: int, links: int = 0) -> Path:
    tail = f"-links-{links}" if links else ""
    return Path(out_dir) / f"synthetic-{n}{tail}.json"


def text_path(out_dir: Path, n: int) -> Path:
    return Path(out_dir) / f"synthetic-{n}-source.txt"


def header(n: int, seed: int, links: int = 0) -> dict[str, object]:
    """What ``generate`` puts in the file's ``generator`` field (kept by the app)."""
    out: dict[str, object] = {"name": "benchmarks/generate.py", "version": GENERATOR_VERSION,
                              "events": n, "seed": seed}  # fmt: skip
    if links:
        out["links"] = links
    return out


def links_json(ids: Sequence[str], count: int, seed: int) -> list[str]:
    """``count`` links between events near each other in the file (up to 50 apart): most
    "led to", some "the same incident" (stored from the first id), all the analyst's,
    none twice; each as indented JSON."""
    rng = random.Random(f"{seed}-links")
    seen: set[tuple[str, str, str]] = set()
    out: list[str] = []
    tries = 0
    while len(out) < count and len(ids) > 1 and tries < count * 20:
        tries += 1
        i = rng.randrange(len(ids) - 1)
        a, b = ids[i], ids[min(len(ids) - 1, i + rng.randint(1, 50))]
        kind = "same_incident" if rng.random() < 0.1 else "led_to"
        if kind == "same_incident":
            a, b = sorted((a, b))
        if (kind, a, b) in seen:
            continue
        seen.add((kind, a, b))
        link = {"id": f"link-{len(out)}", "from": a, "to": b, "type": kind,
                "basis": "analyst", "notes": "A generated link."}  # fmt: skip
        out.append("    " + json.dumps(link, ensure_ascii=False))
    return out


def generate(n: int, out_dir: Path = DEFAULT_OUT, seed: int = DEFAULT_SEED, links: int = 0) -> Path:
    """Write ``synthetic-N.json`` (``synthetic-N-links-L.json`` with ``links``, a format 2
    file) and its source text into ``out_dir``; return the JSON path.  Without links the
    file is byte for byte what it always was."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    text = source_text(seed)
    txt = text_path(out_dir, n)
    txt.write_text(text, encoding="utf-8")
    rng = random.Random(f"{seed}-actors")
    actors = []
    for name, color in ACTORS:
        actor = {"id": slug(name), "name": name}
        if color:
            actor["color"] = color
        actors.append(actor)
    rng.shuffle(actors)
    top = {
        "format": "timeline-app",
        "version": 2 if links else 1,
        "title": f"Synthetic benchmark timeline ({n:,} events)",
        "generator": header(n, seed, links),
        "sources": [
            {
                "id": SOURCE_ID,
                "title": "A century of crises: a synthetic chronicle",
                "author": "benchmarks/generate.py",
                "published": "2025-12",
                "text_file": txt.name,
            }
        ],
        "actors": actors,
        "events": [],
    }
    head = json.dumps(top, ensure_ascii=False, indent=2)
    assert head.endswith('"events": []\n}')
    maker = EventMaker(seed, n, text)
    path = dataset_path(out_dir, n, links)
    tmp = path.with_name(path.name + ".part")
    ids: list[str] = []
    with open(tmp, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        f.write(head[: -len("[]\n}")] + "[")
        batch: list[str] = []
        for i in range(n):
            event = maker.event(i)
            if links:
                ids.append(str(event["id"]))
            batch.append(event_json(event))
            if len(batch) == 2000 or i == n - 1:
                f.write(("," if i >= len(batch) else "") + "\n" + ",\n".join(batch))
                batch = []
        f.write("\n  ]" if n else "]")
        if links:
            f.write(',\n  "links": [\n' + ",\n".join(links_json(ids, links, seed)) + "\n  ]")
        f.write("\n}\n")
    tmp.replace(path)
    return path


def is_current(path: Path, n: int, seed: int = DEFAULT_SEED, links: int = 0) -> bool:
    """True when ``path`` was written by this version of the generator for ``n`` and
    ``seed`` (read from the head of the file, not the whole file)."""
    try:
        with open(path, encoding="utf-8") as f:
            head = f.read(4096)
    except OSError:
        return False
    m = re.search(r'"generator": (\{.*?\})', head, re.DOTALL)
    if m is None:
        return False
    try:
        return bool(json.loads(m.group(1)) == header(n, seed, links))
    except ValueError:
        return False


def ensure(n: int, out_dir: Path = DEFAULT_OUT, seed: int = DEFAULT_SEED, links: int = 0) -> Path:
    """The dataset of ``n`` events (and ``links``), generated only if missing or stale."""
    path = dataset_path(out_dir, n, links)
    if is_current(path, n, seed, links) and text_path(out_dir, n).exists():
        return path
    return generate(n, out_dir, seed, links)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("sizes", nargs="*", type=int, default=list(SIZES),
                   help=f"numbers of events (default: {' '.join(map(str, SIZES))})")  # fmt: skip
    p.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, help="output folder")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--links", type=int, default=0, metavar="N",
                   help="N links between nearby events (a format 2 file; default 0)")  # fmt: skip
    args = p.parse_args(argv)
    for n in args.sizes:
        if n < 0:
            p.error("sizes must be >= 0")
        t = time.perf_counter()
        path = generate(n, args.out, args.seed, args.links)
        mb = path.stat().st_size / 1e6
        print(f"{path}: {n:,} events, {mb:,.1f} MB in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
