"""footnote_amount_exceeds_value: amounts a footnote names as part of a value ("W tym
231 600,00 zł stanowią środki PFRON …") larger than the value it qualifies."""

from __future__ import annotations

import re

from extractor.checks.rules.base import Report, Rule, finding, total_of
from extractor.checks.vocabulary import where
from extractor.model.findings import Finding
from extractor.text import normalize as T
from extractor.text.printed import fmt_number, fmt_value, plain, printed_numbers


class FootnoteAmountRule(Rule):
    qualifier: str  # the note names parts of the value ("W tym ...")
    amount: str  # on folded note text; group "n" is one amount in zł


RULE = FootnoteAmountRule(
    id="footnote_amount_exceeds_value",
    description="amounts a footnote names as part of a value ('W tym 231 600,00 zł ...') exceed it",
    qualifier=r"\bw tym\b",
    amount=r"(?<![\d,.])(?P<n>(\d{1,3}(?:[ ]\d{3})+|\d+)(,\d+)?)\s*zl\b",
)


def findings(report: Report, rule: FootnoteAmountRule = RULE) -> list[Finding]:
    """'W tym 231 600,00 zł … oraz 430 000,00 zł …' must fit in the amount it qualifies."""
    found = []
    for obs in report.result.observations:
        if obs.unit != "PLN" or obs.value is None:
            continue
        for marker, note in report.notes_of(obs):
            text = T.fold(note.text)
            if not re.search(rule.qualifier, text):
                continue
            amounts = [printed_numbers(m["n"])[0][0] for m in re.finditer(rule.amount, text)]
            named = total_of(amounts)
            if amounts and named > obs.value:
                message = (
                    f"{where(obs)}: footnote {marker} names {fmt_number(named, 2)} zł as part "
                    f"of {fmt_value(obs)} ('{T.one_line(note.text)}')"
                )
                limit = f"<= {plain(obs.value, obs)}"
                found.append(finding(rule, obs, limit, plain(named, obs), message))
    return found
