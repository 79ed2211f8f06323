"""Proposals found in a text (core/extract.py, core/extract_text.py): the bundled article's
dated events, clauses, status words, titles, actors, known quotes, HTML and English."""

from __future__ import annotations

import pytest
from paths import REPO

from timeline_app.core.dates import Precision, parse_date, parse_iso
from timeline_app.core.extract import Proposal, extract, published_in, status_of, title_of
from timeline_app.core.extract_text import html_to_text, is_english, sentences
from timeline_app.core.model import Actor, Status

ARTICLE = (REPO / "events" / "north-korean-troops-ramani.txt").read_text(encoding="utf-8")
CHOE = "Sergey Lavrov on Friday"


def at(proposals: list[Proposal], words: str) -> Proposal:
    (found,) = [p for p in proposals if words in p.quote]
    return found


def test_the_bundled_article_proposes_the_events_it_dates_itself() -> None:
    found = extract(ARTICLE, parse_date("2024-11"))
    for p in found:
        assert ARTICLE[p.offset : p.offset + p.length] == p.quote
    mugabe = at(found, "1980s")
    assert (mugabe.start, mugabe.precision) == (parse_iso("1980s"), Precision.DECADE)
    assert mugabe.quote.endswith("repress dissent in the 1980s")  # its own clause
    aleppo = at(found, "Aleppo in 2016")
    assert (aleppo.start, aleppo.precision, aleppo.status) == (
        parse_iso("2016"), Precision.YEAR, Status.ALLEGED,
    )  # fmt: skip
    assert at(found, "ended in 1953").start == parse_iso("1953")
    choe = at(found, CHOE)
    assert choe.needs_date and choe.start is None
    assert "has no day" in choe.date_note
    # the meeting is what "on Friday" dates: its clause is the title
    assert choe.title == "Meeting with her Russian counterpart Sergey Lavrov on Friday"
    assert not any("in recent weeks" in p.quote for p in found)


def test_with_a_full_publication_date_on_friday_is_counted_back() -> None:
    choe = at(extract(ARTICLE, parse_date("4 November 2024")), CHOE)
    assert (choe.start, choe.needs_date) == (parse_iso("2024-11-01"), False)
    assert choe.date_note == "“on Friday”, counted back from 4 November 2024"


def test_the_timelines_actors_are_found_by_name_and_reporters_are_not_actors() -> None:
    actors = [Actor("choe", "Choe Son Hui"), Actor("lavrov", "Sergey Lavrov"),
              Actor("ru", "RUSSIA"), Actor("sk", "Séoul")]  # fmt: skip
    choe = at(extract(ARTICLE, parse_date("2024-11"), actors), CHOE)
    assert set(choe.actors) == {"Choe Son Hui", "Sergey Lavrov", "RUSSIA"}
    text = "Troops moved into Kursk on 5 May 2024, said Sabrina Singh. France left in 2020."
    first, second = extract(text, None, actors)
    assert "Sabrina Singh" not in first.new_actors
    assert second.new_actors == ("France",)  # a country: suggested


def test_a_quote_already_in_the_timeline_is_marked_not_dropped() -> None:
    found = extract(ARTICLE, parse_date("2024-11"), existing_quotes=["in the 1980s"])
    assert at(found, "1980s").known
    assert not at(found, "2016").known


def test_status_words() -> None:
    assert status_of("according to the UN, troops arrived") is Status.REPORTED
    assert status_of("troops reportedly arrived") is Status.ALLEGED
    assert status_of("they are said to have crossed") is Status.ALLEGED
    assert status_of("unconfirmed reports of a strike") is Status.ALLEGED
    assert status_of("Moscow denied the strike") is Status.DENIED
    assert status_of("Kyiv rejected the claim") is Status.DENIED
    assert status_of("the figure is disputed") is Status.DISPUTED


def test_titles_are_twelve_words_of_the_quote_without_the_lead_in() -> None:
    title = title_of(
        "It is likely that about 11,000 North Korean troops have moved into Russia's Kursk "
        "region, said Deputy Pentagon Press Secretary Sabrina Singh, who spoke today."
    )
    # the hedge is kept (and makes it alleged); the title ends at a phrase boundary
    assert title == "It is likely that about 11,000 North Korean troops have moved"
    assert title_of("In 2024, North Korea sent workers to Russia.") == (
        "North Korea sent workers to Russia"
    )
    long = "one two three four five six seven eight nine ten eleven twelve thirteen"
    assert len(title_of(long).split()) == 12


def test_datelines_and_bylines_give_the_publication_date_and_are_not_events() -> None:
    text = (
        "Troops Enter Kursk\n\nNov. 18, 2024 | By David Vergun, DOD News\n\n"
        "Singh spoke to the media today. Troops began entering Russia last month.\n"
    )
    assert published_in(text) == parse_iso("2024-11-18")
    found = extract(text)
    assert [p.start for p in found] == [parse_iso("2024-11-18"), parse_iso("2024-10")]
    wire = "WASHINGTON, Aug. 9, 2017 -- Mattis said today that allies are ready.\n"
    (p,) = extract(wire)
    assert p.quote.startswith("Mattis said today") and p.start == parse_iso("2017-08-09")


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    text = "President Donald J. Trump met Gen. Clark in the U.S. on Friday. Then he left."
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "President Donald J. Trump met Gen. Clark in the U.S. on Friday.",
        "Then he left.",
    ]


def test_html_becomes_paragraphs_without_scripts_and_with_entities_decoded() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<script>var x = '27 July 1953';</script><noscript>on 1 May 2020</noscript>"
        "<template><p>in 1999</p></template>"
        "<h1>The armistice</h1><p>It was signed on 27&nbsp;July 1953 &amp; held.</p>"
        "<ul><li>Talks began in 1951.</li></ul></body></html>"
    )
    text = html_to_text(html)
    assert "var x" not in text and "1 May 2020" not in text and "1999" not in text
    assert "The armistice\n\nIt was signed on 27 July 1953 & held.\n\nTalks began" in text
    assert [p.start for p in extract(text)] == [parse_iso("1953-07-27"), parse_iso("1951")]


def test_english_or_not() -> None:
    assert is_english(ARTICLE)
    german = (
        "Die Truppen Nordkoreas sind nach Russland gekommen und werden dort ausgebildet. "
        "Sie sollen bald an der Front eingesetzt werden, sagte ein Sprecher der Regierung. "
        "Die Lage bleibt angespannt, und die Verbündeten beraten über weitere Schritte."
    )
    assert not is_english(german)


def test_headings_and_a_present_today_are_not_events() -> None:
    text = (
        "Floods of the Century\n\nThe Great Flood of 1927\n\n"
        "The river broke its levees in April 1927.\n\n"
        "Let me start with two things today. The minister resigned today. "
        "Today the river is calm.\n"
    )
    found = extract(text, parse_date("2024-11-04"))
    assert [p.quote for p in found] == [
        "The river broke its levees in April 1927.", "The minister resigned today.",
    ]  # fmt: skip


def test_an_infobox_block_gives_one_event_a_line() -> None:
    text = (
        "Storm Ana\n\n"
        "A storm approaching the coast of Mozambique shortly after it peaked on 22 January\n"
        "Formed 20 January 2022\nDissipated 25 January 2022\nUpdated 1 February 2022\n"
    )
    found = extract(text)
    assert [p.quote for p in found][1:] == ["Formed 20 January 2022", "Dissipated 25 January 2022"]
    assert found[1].start == parse_iso("2022-01-20")


def test_a_yearless_date_takes_the_year_of_the_last_full_date_not_of_a_comparison() -> None:
    text = (
        "The river rose on 2 May 2005.\n\n"
        "Losses were comparable to those of the flood in 1998. On 3 June, the dam broke.\n"
    )
    *_, dam = extract(text)
    assert dam.quote == "On 3 June, the dam broke." and dam.start == parse_iso("2005-06-03")


@pytest.mark.parametrize(
    ("quote", "dated", "title"),
    [
        # never inside quotation marks, an abbreviation or a date
        ("The minister said “we will never accept the partition of our country under any "
         "circumstances” on 4 May 2021.", "on 4 May 2021", "The minister said"),
        ("The delegation met officials from the U.S. Department of State and the European "
         "Union in Brussels on Monday.", "on Monday",
         "The delegation met officials from the U.S. Department of State"),
        ("Aid workers from the U.N. and the U.S. arrived in Gaza on 2 April.", "on 2 April",
         "Aid workers from the U.N. and the U.S. arrived in Gaza"),
        ("The rebels announced a ceasefire with the army on April 2 at a rally in the capital "
         "city.", "on April 2", "The rebels announced a ceasefire with the army on April 2"),
        # at a phrase boundary, not on a word that leaves it hanging
        ("The Second World War was not yet over when on April 12, 1945 President Roosevelt "
         "died.", "April 12, 1945", "The Second World War was not yet over"),
        ("In 2024, North Korea also sent workers to Russia which lacks workforce due to the "
         "war.", "In 2024", "North Korea also sent workers to Russia"),
        # datelines, speakers and a chronology's years are not the happening
        ("SEOUL — North Korea fired two ballistic missiles into the sea off its east coast on "
         "Tuesday morning.", "on Tuesday", "North Korea fired two ballistic missiles"),
        ("SEOUL, South Korea — North Korea fired two missiles on Tuesday.", "on Tuesday",
         "North Korea fired two missiles on Tuesday"),
        ("MR MILLER: The Secretary will travel to Kyiv on March 3 to meet President "
         "Zelensky.", "on March 3", "The Secretary will travel to Kyiv on March 3"),
        ("1778 — Treaty of Alliance with France: Benjamin Franklin, the first U.S. Minister "
         "to France, signed it.", "1778", "Treaty of Alliance with France"),
        ("1803 — Louisiana Purchase: U.S. Minister James Monroe negotiated the purchase of "
         "the territory west of the Mississippi.", "1803", "Louisiana Purchase"),
        # a leading clause is removed, unless it holds the date: then it is the happening
        ("After the talks collapsed, the army crossed the border on 3 June 2019.",
         "on 3 June 2019", "The army crossed the border on 3 June 2019"),
        ("After Russia invaded Ukraine in February 2022, grain prices rose sharply across "
         "Africa.", "in February 2022", "Russia invaded Ukraine in February 2022"),
        ("According to a report on Monday, the troops moved north.", "on Monday",
         "The troops moved north"),
        # a hedge is kept
        ("It is likely that the troops arrived in Kursk in late October.", "in late October",
         "It is likely that the troops arrived in Kursk in late October"),
        ("North Korea may have sent artillery shells to Russia in September 2023 through the "
         "port of Rajin.", "in September 2023",
         "North Korea may have sent artillery shells to Russia"),
    ],
)  # fmt: skip
def test_titles_end_at_phrase_boundaries_without_lead_ins(
    quote: str, dated: str, title: str
) -> None:
    assert title_of(quote, dated) == title
    assert len(title.split()) <= 12 and title[1:] in " ".join(quote.split())  # contiguous


def test_a_hedge_makes_a_proposal_alleged() -> None:
    assert status_of("It is likely that the troops arrived in October") is Status.ALLEGED
    assert status_of("North Korea may have sent shells in 2023") is Status.ALLEGED
    assert status_of("Troops probably crossed in May") is Status.ALLEGED
    assert status_of("Troops crossed in May") is Status.REPORTED  # the month, not a hedge
    assert status_of("May be the start, officials said in March") is Status.REPORTED


def _actors(text: str, actors: list[Actor] | None = None) -> list[tuple[tuple[str, ...], ...]]:
    return [(p.actors, p.new_actors) for p in extract(text, parse_date("2023-05-10"), actors or [])]


COUNTRIES = [Actor("nk", "North Korea"), Actor("ru", "Russia"), Actor("us", "United States"),
             Actor("gb", "United Kingdom"), Actor("ua", "Ukraine")]  # fmt: skip


def test_a_demonym_names_its_country() -> None:
    text = (
        "North Korean engineers reached the coast on 3 March 2021. "
        "A Zimbabwean court freed the men in 1999. "
        "British and American diplomats left on 4 April 2022. "
        "Ukrainian farmers and Russians (not Polish ones) met in 2015. "
        "Latin American leaders met in 2016."
    )
    nk, zw, uk_us, ua_ru, latin = _actors(text, COUNTRIES)
    assert nk == (("North Korea",), ())
    assert zw == ((), ("Zimbabwe",))  # not the timeline's: suggested
    assert uk_us == (("United States", "United Kingdom"), ())
    assert ua_ru == (("Russia", "Ukraine"), ())
    assert latin == ((), ())  # a region, not the United States


def test_a_capital_that_acts_names_its_country_when_the_timeline_or_text_has_it() -> None:
    text = (
        "Pyongyang said on 2 May 2023 that it had launched a satellite. "
        "Moscow denied the report on 3 May 2023. "
        "The envoys met in Moscow on 4 May 2023. "
        "Tokyo protested on 5 May 2023. "
        "George Washington crossed the river in 1776. "
        "SEOUL — Relations between Pyongyang and Moscow cooled in 1994."
    )
    said, denied, met, tokyo, river, relations = _actors(text, COUNTRIES)
    assert said[0] == ("North Korea",) and denied[0] == ("Russia",)
    assert met[0] == ()  # where the envoys met, not who
    assert tokyo == ((), ())  # Japan: neither the timeline's nor the text's country
    assert river == ((), ())  # a longer name
    assert relations == (("North Korea", "Russia"), ())  # a dateline is where it was written
    # without the timeline's actors, the text's countries: Japan is never named
    text += " Japanese ships sailed in 2001."
    assert _actors(text)[3] == ((), ("Japan",))


def test_who_reports_a_happening_is_not_its_actor() -> None:
    actors = [*COUNTRIES, Actor("sk", "South Korea"), Actor("dod", "Pentagon"),
              Actor("kirby", "John Kirby"), Actor("z", "Volodymyr Zelensky")]  # fmt: skip
    text = (
        "Russian tanks crossed the river on 2 May 2023, South Korea's spy agency said. "
        "The convoy reached Kyiv on 3 May 2023, according to the Pentagon. "
        "John Kirby told reporters on 4 May 2023 that the bridge had fallen. "
        "Ukraine shot down a drone on 5 May 2023, John Kirby said in a statement. "
        "Volodymyr Zelensky said on 6 May 2023 that he would visit London. "
        "The United States said on 7 May 2023 that Russia and the United States had met."
    )
    spy, pentagon, kirby, statement, zelensky, met = (a for a, _ in _actors(text, actors))
    assert spy == ("Russia",) and pentagon == ()
    assert kirby == () and statement == ("Ukraine",)
    assert zelensky == ("Volodymyr Zelensky",)  # what he said is about him: he is its subject
    assert met == ("Russia", "United States")  # also named in what happened


def test_labels_abbreviations_and_documents_are_not_suggested_but_titled_people_are() -> None:
    text = (
        "MR JONES: The envoy left on 2 May 2023. MR JONES: He came back on 3 May 2023.\n\n"
        "The first U.N. Envoy arrived in 1893. The U.N. Envoy left in 1894.\n\n"
        "The Treaty of Rome was signed in 1957; the Treaty of Rome was amended in 1986. "
        "The Atlantic Charter of 1941 and the Atlantic Charter debate; Resolution 2231 "
        "passed in 2015.\n\n"
        "Foreign Minister Ana Lopez resigned in 2020. Carlos Ruiz left in 2019; "
        "Carlos Ruiz came back in 2021."
    )
    suggested = {n for p in extract(text, parse_date("2023-05-10")) for n in p.new_actors}
    assert suggested == {"Ana Lopez", "Carlos Ruiz"}


def test_a_denied_claim_is_one_proposal_with_the_denials_status() -> None:
    text = (
        "The general reportedly ordered the strike last month, a claim the army denied on "
        "Tuesday. Rebels took the town on 2 May 2023, but the government disputed the "
        "report on 4 May 2023. The navy sank a ship on 1 May 2023, but the court denied bail "
        "on 5 May 2023. The ministry denied the claim on Monday."
    )
    strike, town, ship, bail, ministry = extract(text, parse_date("2023-05-10"))
    assert strike.quote == "The general reportedly ordered the strike last month"
    assert strike.status is Status.DENIED  # the denial answers the claim: rule 5's "denied"
    assert (town.quote, town.status) == ("Rebels took the town on 2 May 2023", Status.DISPUTED)
    # another happening, not an answer; a denial dated on its own is one
    assert ship.status is Status.REPORTED and bail.quote.startswith("the court denied bail")
    assert ministry.status is Status.DENIED and ministry.start == parse_date("2023-05-08")
