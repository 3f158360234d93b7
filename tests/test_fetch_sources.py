"""arXiv and Hugging Face sources: ids, Atom and JSON parsing, paging and their quirks.

Answers come from ``fixtures/http`` through an injected ``httpx.MockTransport``; the
clock is fake, so the 3-second arXiv spacing is checked without waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import orjson
import pytest

from extractor._errors import BadIdError, BadResponseError
from extractor.fetch import Fetcher, FetchOptions, split_remote
from extractor.fetch.arxiv import normalise_id, parse_feed
from extractor.sources import SourceItem

HTTP = Path(__file__).resolve().parent.parent / "fixtures" / "http"
ARXIV = "https://export.arxiv.org/api/query"
MIRROR = "http://mirror.test/api/query"


def _fixture(name: str) -> bytes:
    return (HTTP / name).read_bytes()


class Server:
    """Answers requests with a function of their query parameters; records them."""

    def __init__(self, answer: Callable[[dict[str, str]], httpx.Response]) -> None:
        self.answer = answer
        self.params: list[dict[str, str]] = []
        self.sleeps: list[float] = []
        self.now = 0.0

    def handle(self, request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        self.params.append(params)
        return self.answer(params)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def fetcher(self, **options: object) -> Fetcher:
        return Fetcher(
            FetchOptions(
                transport=httpx.MockTransport(self.handle),
                clock=lambda: self.now,
                sleep=self.sleep,
                **options,  # type: ignore[arg-type]
            )
        )


def _ok(name: str) -> httpx.Response:
    return httpx.Response(200, content=_fixture(name))


# -- ids ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2405.17247", "2405.17247"),
        ("2405.17247v2", "2405.17247v2"),
        ("arXiv:2405.17247", "2405.17247"),
        ("hep-th/9901001", "hep-th/9901001"),
        ("math.GT/0309136v1", "math.GT/0309136v1"),
        ("https://arxiv.org/abs/2405.17247v2", "2405.17247v2"),
        ("https://arxiv.org/pdf/2405.17247", "2405.17247"),
        ("http://arxiv.org/pdf/2405.17247v1.pdf", "2405.17247v1"),
        ("arxiv.org/abs/hep-th/9901001", "hep-th/9901001"),
        ("1501.00001", "1501.00001"),
    ],
)
def test_normalise_id_accepts_ids_and_urls(raw: str, expected: str) -> None:
    assert normalise_id(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "2405.172", "2405.17247x", "hep-th/99", "https://example.com/abs/x", "GPT-4"]
)
def test_normalise_id_refuses_what_is_not_an_id(raw: str) -> None:
    with pytest.raises(BadIdError, match="not an arXiv id"):
        normalise_id(raw)


def test_split_remote_names_only_the_two_remote_kinds(tmp_path: Path) -> None:
    assert split_remote("hf-daily:2025-10-01") == ("hf-daily", "2025-10-01")
    assert split_remote("arxiv:") is None
    assert split_remote("ftp:thing") is None
    existing = tmp_path / "arxiv:notes.txt"
    existing.write_text("a file, not a source")
    assert split_remote(str(existing)) is None


# -- Atom -----------------------------------------------------------------------------------


def test_parse_feed_unwraps_titles_and_abstracts_and_keeps_metadata() -> None:
    feed = parse_feed(_fixture("arxiv/id-2405.17247.atom"), ARXIV)
    (paper,) = feed.papers
    assert feed.total == 1
    assert paper.id == "2405.17247"
    assert paper.title == "Improving Long-Text Alignment for Text-to-Image Diffusion Models"
    assert paper.abstract.startswith("The rapid advancement of text-to-image (T2I) diffusion")
    assert "\n" not in paper.abstract and "  " not in paper.abstract
    meta = paper.meta
    assert meta is not None
    assert meta.arxiv_id == "2405.17247v2"
    assert meta.authors == ["Ada Example", "Bo Sample"]
    assert meta.categories == ["cs.CV", "cs.LG"]
    assert meta.published == "2024-05-27T15:00:00Z"
    assert meta.links == ["http://arxiv.org/abs/2405.17247v2", "http://arxiv.org/pdf/2405.17247v2"]


def test_parse_feed_reports_the_error_entry() -> None:
    with pytest.raises(BadResponseError, match="arXiv reports an error: incorrect id format"):
        parse_feed(_fixture("arxiv/error-entry.atom"), ARXIV)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<feed><unclosed></feed>", "not Atom XML"),
        (b"<html><body>maintenance</body></html>", "not an Atom feed"),
        (
            b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id></entry></feed>',
            "no arXiv id",
        ),
    ],
)
def test_parse_feed_refuses_malformed_answers(body: bytes, message: str) -> None:
    with pytest.raises(BadResponseError, match=message):
        parse_feed(body, ARXIV)


# -- arXiv by id ----------------------------------------------------------------------------


def _by_id(params: dict[str, str]) -> httpx.Response:
    ids = params.get("id_list", "")
    if ids == "2405.17247":
        return _ok("arxiv/id-2405.17247.atom")
    if ids == "2405.17247,hep-th/9901001,2501.00001":
        return _ok("arxiv/ids-batch.atom")
    return _ok("arxiv/error-entry.atom")


def _outcomes(items: list[SourceItem]) -> list[tuple[str, str]]:
    return [
        (item.source, item.paper.id if item.paper else item.error.code if item.error else "?")
        for item in items
    ]


def test_ids_come_back_in_order_with_the_unknown_one_named() -> None:
    server = Server(_by_id)
    with server.fetcher(arxiv_api=MIRROR) as fetcher:
        items = list(fetcher.arxiv(["2405.17247", "hep-th/9901001", "2501.00001"]))
    assert _outcomes(items) == [
        ("arxiv:2405.17247", "2405.17247"),
        ("arxiv:hep-th/9901001", "hep-th/9901001"),
        ("arxiv:2501.00001", "E204"),
    ]
    assert server.params == [
        {"id_list": "2405.17247,hep-th/9901001,2501.00001", "max_results": "3"}
    ]


def test_a_bad_id_is_refused_locally_and_the_others_still_come() -> None:
    server = Server(_by_id)
    with server.fetcher(arxiv_api=MIRROR) as fetcher:
        items = list(fetcher.arxiv(["not-an-id", "2405.17247"]))
    assert _outcomes(items) == [("arxiv:not-an-id", "E106"), ("arxiv:2405.17247", "2405.17247")]
    assert [p["id_list"] for p in server.params] == ["2405.17247"]


def test_an_error_entry_for_a_batch_is_retried_one_id_at_a_time() -> None:
    server = Server(_by_id)
    with server.fetcher(arxiv_api=MIRROR) as fetcher:
        items = list(fetcher.arxiv(["2405.17247", "2405.99999"]))
    assert _outcomes(items) == [("arxiv:2405.17247", "2405.17247"), ("arxiv:2405.99999", "E203")]
    assert "incorrect id format" in str(items[1].error)
    assert [p["id_list"] for p in server.params] == [
        "2405.17247,2405.99999",
        "2405.17247",
        "2405.99999",
    ]


def test_a_failed_request_names_each_id_it_carried() -> None:
    server = Server(lambda params: httpx.Response(503))
    with server.fetcher(arxiv_api=MIRROR, retries=1) as fetcher:
        items = list(fetcher.arxiv(["2405.17247", "hep-th/9901001"]))
    assert _outcomes(items) == [("arxiv:2405.17247", "E202"), ("arxiv:hep-th/9901001", "E202")]
    assert all("HTTP 503" in str(item.error) for item in items)


def test_rate_exceeded_is_retried_like_a_429() -> None:
    answers = iter([_ok("arxiv/rate-exceeded.txt"), _ok("arxiv/id-2405.17247.atom")])
    server = Server(lambda params: next(answers))
    with server.fetcher(arxiv_api=MIRROR, delay=0.0) as fetcher:
        items = list(fetcher.arxiv(["2405.17247"]))
    assert _outcomes(items) == [("arxiv:2405.17247", "2405.17247")]
    assert server.sleeps == [1.0]


def test_arxiv_org_gets_three_seconds_between_requests_whatever_is_asked() -> None:
    server = Server(_by_id)
    with server.fetcher(delay=0.0) as fetcher:  # default endpoint: export.arxiv.org
        list(fetcher.arxiv(["2405.17247"]))
        list(fetcher.arxiv(["2405.17247"]))
    assert server.sleeps == [3.0]


def test_a_mirror_may_be_asked_faster() -> None:
    server = Server(_by_id)
    with server.fetcher(arxiv_api=MIRROR, delay=0.0) as fetcher:
        list(fetcher.arxiv(["2405.17247"]))
        list(fetcher.arxiv(["2405.17247"]))
    assert server.sleeps == []


def test_the_environment_names_the_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACTOR_ARXIV_API", MIRROR)
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url.copy_with(query=None)))
        return _ok("arxiv/id-2405.17247.atom")

    with Fetcher(FetchOptions(transport=httpx.MockTransport(answer))) as fetcher:
        list(fetcher.read(["arxiv:2405.17247"]))
    assert seen == [MIRROR]


# -- arXiv search ---------------------------------------------------------------------------


def _pages(params: dict[str, str]) -> httpx.Response:
    page = {"0": "arxiv/query-page1.atom", "2": "arxiv/query-page2.atom"}[params["start"]]
    return _ok(page)


def test_search_pages_until_the_total_is_reached() -> None:
    server = Server(_pages)
    with server.fetcher(arxiv_api=MIRROR) as fetcher:
        client = fetcher._arxiv()
        items = list(client.search("ti:alignment AND cat:cs.CL", 10, page_size=2))
    assert [item.line for item in items] == [1, 2, 3]
    assert all(item.paper is not None for item in items)
    assert [(p["start"], p["max_results"]) for p in server.params] == [("0", "2"), ("2", "2")]
    assert server.params[0]["search_query"] == "ti:alignment AND cat:cs.CL"


def test_search_stops_at_max() -> None:
    server = Server(_pages)
    with server.fetcher(arxiv_api=MIRROR) as fetcher:
        items = list(fetcher._arxiv().search("ti:alignment AND cat:cs.CL", 2, page_size=2))
    assert len(items) == 2
    assert len(server.params) == 1


def test_search_reports_an_invalid_query() -> None:
    server = Server(lambda params: _ok("arxiv/error-entry.atom"))
    with server.fetcher(arxiv_api=MIRROR) as fetcher:
        (item,) = list(fetcher.arxiv_search("ti:(", 5))
    assert item.error is not None and item.error.code == "E203"
    assert "results 1-5" in str(item.error)


# -- Hugging Face daily papers --------------------------------------------------------------


def _daily(params: dict[str, str]) -> httpx.Response:
    name = HTTP / "hf" / f"daily_papers-{params['date']}.json"
    return httpx.Response(200, content=name.read_bytes()) if name.exists() else httpx.Response(404)


def test_daily_papers_keep_links_as_metadata() -> None:
    server = Server(_daily)
    with server.fetcher(hf_api="http://hf.test/api/") as fetcher:
        items = list(fetcher.hf_daily("2025-10-01"))
    papers = [item.paper for item in items if item.paper]
    assert len(papers) == len(items) == 4
    first = papers[0]
    assert first.id == "2510.00001"
    assert first.title == "Improving Long-Text Alignment for Text-to-Image Diffusion Models"
    assert "\n" not in first.abstract
    assert first.meta is not None
    assert first.meta.github_repo == "https://github.com/example/longalign-meta"
    assert first.meta.project_page == "https://example.org/longalign"
    assert first.meta.authors == ["Ada Example", "Bo Sample"]
    assert papers[1].meta is not None and papers[1].meta.github_repo is None
    assert server.params == [{"date": "2025-10-01"}]


def test_malformed_daily_items_are_named_and_the_others_come_through() -> None:
    server = Server(_daily)
    with server.fetcher(hf_api="http://hf.test/api") as fetcher:
        items = list(fetcher.hf_daily("2025-10-02"))
    assert [(item.line, item.paper is not None) for item in items] == [
        (1, True),
        (2, False),
        (3, False),
        (4, True),
    ]
    assert "no 'summary'" in str(items[1].error)
    assert str(items[2].error) == "[E203] hf-daily:2025-10-02:3: the item has no 'paper' object"


@pytest.mark.parametrize(
    ("body", "message"), [(b"{not json", "not JSON"), (b'{"error": "x"}', "expected a JSON list")]
)
def test_a_malformed_daily_answer_is_one_error(body: bytes, message: str) -> None:
    server = Server(lambda params: httpx.Response(200, content=body))
    with server.fetcher(hf_api="http://hf.test/api") as fetcher:
        (item,) = list(fetcher.hf_daily("2025-10-01"))
    assert item.error is not None and message in str(item.error)
    assert item.source == "hf-daily:2025-10-01"


def test_a_bad_date_is_refused_without_a_request() -> None:
    server = Server(_daily)
    with server.fetcher(hf_api="http://hf.test/api") as fetcher:
        (item,) = list(fetcher.read(["hf-daily:yesterday"]))
    assert item.error is not None and item.error.code == "E106"
    assert server.params == []


def test_read_keeps_the_order_of_mixed_sources() -> None:
    def answer(params: dict[str, str]) -> httpx.Response:
        return _daily(params) if "date" in params else _by_id(params)

    server = Server(answer)
    with server.fetcher(arxiv_api=MIRROR, hf_api="http://hf.test/api") as fetcher:
        items = list(fetcher.read(["arxiv:2405.17247", "hf-daily:2025-10-01", "arxiv:x"]))
    assert [item.source for item in items] == [
        "arxiv:2405.17247",
        *["hf-daily:2025-10-01"] * 4,
        "arxiv:x",
    ]
    assert orjson.loads(orjson.dumps(items[1].paper.model_dump()))["meta"]["source"] == "hf-daily"  # type: ignore[union-attr]
