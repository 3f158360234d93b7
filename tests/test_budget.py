"""The time budget per paper: work past it is really interrupted, the paper becomes an
error record (E302), and the papers around it are written as they are made."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
import regex
from spacy.language import Language
from spacy.tokens import Doc

from extractor import _parallel as parallel
from extractor import default_pipeline, extract, extract_many
from extractor._budget import Budget, OverBudget
from extractor._errors import BudgetExceededError
from extractor._extract import GROUP_SECONDS, GROUP_SIZE, process_items
from extractor.cli import main
from extractor.sources import SourceItem
from extractor_schemas import ErrorRecord, Paper, PaperRecord

GOOD = "ZetaNet reaches 85.7% top-1 accuracy on ImageNet."

# A pattern the ``regex`` module takes exponential time over (it checks for signals
# while it runs, so the budget's timer stops it).
_slow_match = regex.compile(r"(?:a|aa)+$").match


@Language.component("test_stall")
def _stall(doc: Doc) -> Doc:
    """Stalls on a text holding a cue word; a pass-through otherwise."""
    text = doc.user_data.get("paper_text", doc.text)
    if "SPIN" in text:  # Python code that never ends
        while True:
            pass
    if "BACKTRACK" in text:  # one C call that would take far longer than any test
        _slow_match("a" * 60 + "b")
    if "SLEEP" in text:
        time.sleep(30)
    return doc


@pytest.fixture
def stalling() -> Iterator[Language]:
    """The default pipeline with the stalling component first (removed afterwards)."""
    nlp = default_pipeline()
    nlp.add_pipe("test_stall", first=True)
    try:
        yield nlp
    finally:
        nlp.remove_pipe("test_stall")


def test_a_budget_interrupts_python_code_and_long_regex_matches() -> None:
    for work in (lambda: [0 for _ in iter(int, 1)], lambda: _slow_match("a" * 60 + "b")):
        started = time.monotonic()
        with pytest.raises(OverBudget):
            Budget(0.2).run(work)
        assert time.monotonic() - started < 10
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # the timer is cleared
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler)


def test_no_budget_and_a_zero_budget_do_not_limit() -> None:
    assert Budget(None).seconds is None and Budget(0).seconds is None
    assert Budget(0).run(lambda: 7) == 7
    with pytest.raises(ValueError, match="seconds"):
        Budget(-1)


@pytest.mark.parametrize("cue", ["SPIN", "BACKTRACK", "SLEEP"])
def test_a_paper_over_budget_becomes_e302_and_the_others_go_on(
    stalling: Language, cue: str
) -> None:
    papers = [
        Paper(id="before", abstract=GOOD),
        Paper(id="stuck", abstract=f"{cue}: {GOOD}"),
        Paper(id="after", abstract=GOOD),
    ]
    started = time.monotonic()
    outputs = list(extract_many(papers, nlp=stalling, budget=0.3))
    assert time.monotonic() - started < 20
    assert [o.id for o in outputs] == ["before", "stuck", "after"]
    assert isinstance(outputs[0], PaperRecord) and isinstance(outputs[2], PaperRecord)
    stuck = outputs[1]
    assert isinstance(stuck, ErrorRecord)
    assert stuck.error.code == "E302" and "0.3 s" in stuck.error.message


def test_extract_raises_e302(stalling: Language) -> None:
    with pytest.raises(BudgetExceededError) as caught:
        extract(f"SPIN {GOOD}", nlp=stalling, budget=0.2)
    assert str(caught.value).startswith("[E302]")
    assert extract(GOOD, nlp=stalling, budget=0.2).metrics[0].value == 85.7


def test_in_another_thread_the_budget_is_checked_between_components(
    stalling: Language,
) -> None:
    """No timer off the main thread: the stalled component runs to its end (here a
    sleep cut short), and the components after it do not start."""
    outputs: list[PaperRecord | ErrorRecord] = []

    @Language.component("test_nap")
    def nap(doc: Doc) -> Doc:
        if "NAP" in doc.user_data.get("paper_text", ""):
            time.sleep(0.5)
        return doc

    stalling.add_pipe("test_nap", first=True)
    try:
        papers = [Paper(id="nap", abstract=f"NAP {GOOD}"), Paper(id="ok", abstract=GOOD)]
        worker = threading.Thread(
            target=lambda: outputs.extend(extract_many(papers, nlp=stalling, budget=0.1))
        )
        worker.start()
        worker.join(30)
    finally:
        stalling.remove_pipe("test_nap")
    assert [o.id for o in outputs] == ["nap", "ok"]
    assert isinstance(outputs[0], ErrorRecord) and outputs[0].error.code == "E302"
    assert isinstance(outputs[1], PaperRecord)


def test_a_timer_of_the_caller_is_left_alone(stalling: Language) -> None:
    """With a real-time timer of its own running, the budget falls back to checks
    between components and never touches the caller's timer."""
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        record = extract(GOOD, nlp=stalling, budget=5)
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert record.metrics and 50 < remaining <= 60 and not fired


def test_records_before_a_slow_paper_come_out_at_once(stalling: Language) -> None:
    """Serially, each record is given out as soon as it is made."""

    def items() -> Iterator[SourceItem]:
        yield SourceItem("<t>", 1, paper=Paper(id="first", abstract=GOOD))
        yield SourceItem("<t>", 2, paper=Paper(id="slow", abstract=f"SLEEP {GOOD}"))

    outputs = process_items(items(), nlp=stalling, budget=None)
    started = time.monotonic()
    assert next(outputs).id == "first"
    assert time.monotonic() - started < 20  # not after the 30 s sleep


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="workers inherit by fork")
def test_workers_give_out_records_before_a_slow_paper_and_stop_it(stalling: Language) -> None:
    papers = [Paper(id=f"p{i}", abstract=GOOD) for i in range(5)]
    papers.insert(2, Paper(id="slow", abstract=f"SLEEP {GOOD}"))
    items = [SourceItem("<t>", i, paper=p) for i, p in enumerate(papers, 1)]
    # No budget: the first records must still come out while the slow one sleeps.
    outputs = parallel.process_items_parallel(items, workers=2, batch_size=64, budget=None)
    started = time.monotonic()
    assert [next(outputs).id, next(outputs).id] == ["p0", "p1"]
    assert time.monotonic() - started < 20
    outputs.close()
    # With a budget, the slow paper is an error record in its place.
    done = list(parallel.process_items_parallel(items, workers=2, batch_size=64, budget=0.5))
    assert [o.id for o in done] == [p.id for p in papers]
    assert [o.error.code for o in done if isinstance(o, ErrorRecord)] == ["E302"]


def test_cli_budget_option(
    stalling: Language, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    lines = [{"id": "a", "abstract": GOOD}, {"id": "b", "abstract": f"SPIN {GOOD}"}]
    source.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "-o", str(out), "--budget", "0.3"]) == 1
    assert [orjson.loads(line)["id"] for line in out.read_bytes().splitlines()] == ["a"]
    assert f"{source}:2: [E302]" in capsys.readouterr().err
    assert main(["extract", str(source), "--budget", "-1"]) == 2


def _gold_papers(count: int) -> list[Paper]:
    path = Path(__file__).resolve().parent.parent / "fixtures" / "gold" / "sample-a.jsonl"
    rows = [orjson.loads(line) for line in path.read_bytes().splitlines()[:count]]
    return [Paper(id=r["id"], title=r.get("title"), abstract=r["abstract"]) for r in rows]


def test_papers_run_in_groups_get_the_records_they_get_alone() -> None:
    """Groups (the default, in the main thread) and one paper at a time (batch_size=1,
    or another thread where no timer can stop a group) give the same records."""
    papers = _gold_papers(2 * GROUP_SIZE + 3)
    grouped = [o.model_dump(mode="json") for o in extract_many(papers)]
    alone = [o.model_dump(mode="json") for o in extract_many(papers, batch_size=1)]
    threaded: list[PaperRecord | ErrorRecord] = []
    worker = threading.Thread(target=lambda: threaded.extend(extract_many(papers)))
    worker.start()
    worker.join(60)
    assert len(grouped) == len(papers) and sum(bool(o["metrics"]) for o in grouped) > 5
    assert grouped == alone == [o.model_dump(mode="json") for o in threaded]


def test_a_group_out_of_time_runs_again_paper_by_paper() -> None:
    """A paper slower than the group's time (but within its own budget) stops its group;
    each paper then runs alone, the slow one to its end, and no record changes."""
    calls: list[str] = []

    @Language.component("test_slow_once")
    def slow(doc: Doc) -> Doc:
        text = doc.user_data.get("paper_text", doc.text)
        calls.append(text[:4])
        if text.startswith("SLOW"):
            time.sleep(GROUP_SECONDS + 0.2)
        return doc

    nlp = default_pipeline()
    papers = [
        Paper(id=f"p{i}", abstract=f"Paper {i} reaches {80 + i}.5% on MMLU.") for i in range(5)
    ]
    papers.insert(2, Paper(id="slow", abstract=f"SLOW {GOOD}"))
    expected = [o.model_dump(mode="json") for o in extract_many(papers, budget=5)]
    nlp.add_pipe("test_slow_once", first=True)
    try:
        started = time.monotonic()
        outputs = [o.model_dump(mode="json") for o in extract_many(papers, budget=5)]
        took = time.monotonic() - started
    finally:
        nlp.remove_pipe("test_slow_once")
    assert outputs == expected and all("error" not in o for o in outputs)
    assert calls.count("SLOW") == 2  # once in its group (given up), once alone
    assert calls.count("Pape") == 2 + 5  # the two before it in the group, then each alone
    assert 2 * GROUP_SECONDS < took < 10


def test_in_the_main_thread_papers_run_component_by_component_in_groups() -> None:
    """Each component runs over the whole group before the next one starts; one by one
    (batch_size=1) each paper goes through every component first."""
    seen: list[tuple[str, str]] = []

    @Language.component("test_first")
    def first(doc: Doc) -> Doc:
        seen.append(("first", doc.user_data["paper_text"][:2]))
        return doc

    @Language.component("test_last")
    def last(doc: Doc) -> Doc:
        seen.append(("last", doc.user_data["paper_text"][:2]))
        return doc

    nlp = default_pipeline()
    papers = [Paper(id=f"p{i}", abstract=f"P{i} reaches 8{i}.5% on MMLU.") for i in range(3)]
    nlp.add_pipe("test_first", first=True)
    nlp.add_pipe("test_last", last=True)
    try:
        grouped = [o.id for o in extract_many(papers)]
        in_groups, seen[:] = list(seen), []
        alone = [o.id for o in extract_many(papers, batch_size=1)]
    finally:
        nlp.remove_pipe("test_first")
        nlp.remove_pipe("test_last")
    assert grouped == alone == ["p0", "p1", "p2"]
    names = ["P0", "P1", "P2"]
    assert in_groups == [("first", n) for n in names] + [("last", n) for n in names]
    assert seen == [(step, n) for n in names for step in ("first", "last")]
