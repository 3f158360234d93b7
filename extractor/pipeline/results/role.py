"""The role of a result: "result", "baseline" or "improvement".

:data:`STRATEGIES` are tried in order and the first that decides wins. The first four read
the number itself (brackets after a compared name, its place in a pair or range); the
rest read the cues around the number that leads its list (a list shares its lead's role).
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.components.quantities import Quantity
from extractor.pipeline.results._cues import (
    _match_arrow_after,
    _match_improvement_after,
    _match_margin_after,
    _match_qualified_change,
    _search_arrow_before,
    _search_baseline_before,
    _search_improvement_before,
    _search_named_baseline,
    _search_negative_value_link,
    _search_range_cue,
    _search_spaced_sign,
    _search_within,
)
from extractor.pipeline.results.context import Context, bracketed_after_comparison
from extractor.pipeline.results.types import NotSaid, first_hit, without


@dataclass(frozen=True, slots=True)
class RoleClaim:
    """A number whose role is asked: ``lead`` is the number whose cues are read (the first
    of its list), ``after`` where the list ends (a cue after it speaks for all)."""

    ctx: Context
    q: Quantity
    lead: Quantity
    after: int | None
    sentence_start: int


def compared_in_brackets(c: RoleClaim) -> str | None:
    """A number in brackets after a compared name is that name's: "surpassing X (70.1%)",
    "over YaRN (44.1)" (a signed number is a change: "over X on GSM8K (+4.2%)")."""
    if (
        not c.q.signed
        and bracketed_after_comparison(c.ctx.text, c.q, c.sentence_start, c.ctx.metrics)
        and not _match_improvement_after(c.ctx.text[c.q.end : c.q.end + 60])
    ):
        return "baseline"
    return None


def pair_from(c: RoleClaim) -> str | None:
    """The first number of "from A to B" is the baseline: "from 33.25% to 1.74%"."""
    return "baseline" if c.q.relation == "from" else None


def pair_to(c: RoleClaim) -> str | None:
    """The second number of "from A to B" is the result."""
    return "result" if c.q.relation == "to" else None


def arrow_from(c: RoleClaim) -> str | None:
    """The value before an arrow is the baseline: "(0.083 -> 0.238)"."""
    text, end = c.ctx.text, c.q.end
    if not _has_arrow(text[end : end + 8]):
        return None
    return "baseline" if _match_arrow_after(text, end) else None


def arrow_to(c: RoleClaim) -> str | None:
    """The value after an arrow is the result."""
    text, start = c.ctx.text, c.q.start
    if not _has_arrow(text[max(0, start - 8) : start]):
        return None
    return "result" if _search_arrow_before(text, max(0, start - 8), start) else None


def _has_arrow(window: str) -> bool:
    return ">" in window or "→" in window or "⟶" in window


def range_high(c: RoleClaim) -> str | None:
    """The high end of a range has the role of its low end: "gains of 17-28%"."""
    if c.q.relation != "range_high" or c.q.partner is None:
        return None
    partner = c.ctx.quantities[c.q.partner]
    return role_of(RoleClaim(c.ctx, partner, partner, None, c.sentence_start), CUES)


def _end(c: RoleClaim) -> int:
    lead, ctx = c.lead, c.ctx
    end = max(lead.end, c.after or 0)
    if lead.relation == "range_low" and lead.partner is not None:
        end = max(end, ctx.quantities[lead.partner].end)
    return end


def range_cue(c: RoleClaim) -> str | None:
    """A range after a change word: "gains ranging from 17% to 28%"."""
    lead = c.lead
    if lead.relation == "range_low" and _search_range_cue(
        c.ctx.text[max(0, lead.start - 80) : lead.start]
    ):
        return "improvement"
    return None


def negative_value(c: RoleClaim) -> str | None:
    """A value written with a minus after a metric's link word is a value, not a change:
    "a correlation between -0.41 and -0.62" (not "drops of -2.3")."""
    lead, text = c.lead, c.ctx.text
    if not lead.signed or text[lead.start : lead.start + 1] not in "-−":
        return None
    window = text[max(0, lead.start - 60) : lead.start]
    if _search_improvement_before(window) or not _search_negative_value_link(
        text, max(0, lead.start - 10), lead.start
    ):
        return None
    if not c.ctx.metrics.between(lead.start - 60, lead.start):
        return None
    return "result"


def change_before(c: RoleClaim) -> str | None:
    """A signed number or a change word before it: "+2.3", "gains of 28.35%", "by 9.3%"."""
    lead = c.lead
    window = c.ctx.text[max(0, lead.start - 60) : lead.start]
    if lead.signed or _search_improvement_before(window):
        return "improvement"
    return None


def change_after(c: RoleClaim) -> str | None:
    """A factor, or a change word or margin after the list: "3x", "28% and 40% lower",
    "1.4 points above ResNet-50"."""
    text, end = c.ctx.text, _end(c)
    if (
        c.lead.unit == "x"
        or _match_improvement_after(text[end : end + 60])
        or _match_margin_after(text, end)
    ):
        return "improvement"
    return None


def qualified_change(c: RoleClaim) -> str | None:
    """A value qualified as absolute or relative is a change: "9.1% absolute (16.0%
    relative)"; so is a gap kept "within" it: "within 2% accuracy" (not "0.05 relative
    error", a metric)."""
    text, end, lead = c.ctx.text, _end(c), c.lead
    if _match_qualified_change(text, end) or _search_within(
        text, max(0, lead.start - 12), lead.start
    ):
        return "improvement"
    return None


def spaced_sign(c: RoleClaim) -> str | None:
    """A gain written with its sign apart: "(+ 5.1 PSDS)"."""
    lead, text = c.lead, c.ctx.text
    if "+" in text[max(0, lead.start - 4) : lead.start] and _search_spaced_sign(
        text, max(0, lead.start - 4), lead.start
    ):
        return "improvement"
    return None


def named_baseline(c: RoleClaim) -> str | None:
    """A value the text calls the baseline's or the earlier best: "up from a baseline of
    0.702", "surpassing the previous state-of-the-art dice score of 91.8%"."""
    lead, text = c.lead, c.ctx.text
    if _search_named_baseline(text, max(0, lead.start - 60), lead.start):
        return "baseline"
    return None


def compared_before(c: RoleClaim) -> str | None:
    """A comparison word right before: "compared to 41%", "than 0.71", "up from 12%"."""
    lead = c.lead
    window = c.ctx.text[max(0, lead.start - 60) : lead.start]
    return "baseline" if _search_baseline_before(window) else None


def plain_result(c: RoleClaim) -> str | None:
    """Otherwise a result: "reaches 85.7%"."""
    return "result"


CUES = (
    range_cue,
    negative_value,
    change_before,
    qualified_change,
    spaced_sign,
    change_after,
    named_baseline,
    compared_before,
    plain_result,
)
STRATEGIES = (compared_in_brackets, pair_from, pair_to, arrow_from, arrow_to, range_high, *CUES)


# The strategies that decide only on a "+" in the text: without one, each returns None.
NEED_PLUS = frozenset({spaced_sign.__name__})


def role_of(c: RoleClaim, strategies: tuple[object, ...] = STRATEGIES) -> str:
    """The role the first deciding strategy gives (always one: ``plain_result`` ends)."""
    return decide_role(c, strategies)[0]


def decide_role(c: RoleClaim, strategies: tuple[object, ...] = STRATEGIES) -> tuple[str, str]:
    """The role and the name of the strategy that decided it."""
    if not c.ctx.holds_plus:
        strategies = without(strategies, NEED_PLUS)
    found, by = first_hit(strategies, c)  # type: ignore[arg-type]
    assert found is not None and by is not None and not isinstance(found, NotSaid)
    return found, by
