"""What every rule shares: its declaration (`Rule`), the report index the rules
within a report read (`Report`), and how a finding is made.

Tolerance follows printed precision: a derived figure is right when the exact
ratio, rounded half-up to the printed decimals, equals the printed number;
values printed in tys./mln zł carry half a printed unit of slack.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from extractor.checks.series import Statement
from extractor.checks.vocabulary import base_row, column_key, line_key, marker_key
from extractor.model.findings import Finding, Severity
from extractor.model.records import Footnote, Observation, ReportResult
from extractor.text.printed import printed_form

PRINTED = "the exact ratio rounded half-up to the printed decimals equals the printed number"
SCALED = "exact for counts and złoty; half a printed unit per operand for tys./mln zł"


class Rule(BaseModel):
    """A check's declaration: its id (the `check` column), what it finds, how exact it is;
    a subclass adds the rule's parameters (validated, like any pydantic model)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    description: str
    severity: Severity = "error"
    tolerance: str = "exact"


Line = list[Observation]


@dataclass
class Report:
    """One report's observations, indexed the ways the rules look at them."""

    result: ReportResult
    notes: dict[str, Footnote] = field(default_factory=dict)
    lines: dict[tuple[str, str, str], Line] = field(default_factory=dict)
    columns: dict[tuple[str, str, str], Line] = field(default_factory=dict)

    @classmethod
    def index(cls, result: ReportResult) -> Report:
        report = cls(result, {marker_key(n.number): n for n in result.footnotes})
        lines: dict[tuple[str, str, str], Line] = defaultdict(list)
        columns: dict[tuple[str, str, str], Line] = defaultdict(list)
        for obs in result.observations:
            lines[line_key(obs)].append(obs)
            columns[(obs.table_id, obs.section, column_key(obs))].append(obs)
        report.lines, report.columns = dict(lines), dict(columns)
        return report

    def notes_of(self, obs: Observation) -> list[tuple[str, Footnote]]:
        keys = (marker_key(m) for m in obs.footnotes)
        return [(key, self.notes[key]) for key in keys if key in self.notes]


# ------------------------------------------------------------------ operands


def has_value(obs: Observation) -> bool:
    return obs.value is not None


def value(obs: Observation) -> Decimal:
    assert obs.value is not None
    return obs.value


def first(line: Line, test: Callable[[Observation], bool]) -> Observation | None:
    return next((o for o in line if has_value(o) and test(o)), None)


def total_of(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def rounding_slack(obs: Observation) -> Decimal:
    """Half a printed unit for values printed in tys./mln zł (rounded); 0 for exact figures."""
    decimals, scale = printed_form(obs)
    if scale == 1:
        return Decimal(0)
    return Decimal(5).scaleb(-(decimals + 1)) * scale


# ------------------------------------------------------------------ findings


def finding(rule: Rule, obs: Observation, expected: str, found: str, message: str) -> Finding:
    """A finding about one printed value of one report."""
    return Finding(
        check=rule.id, severity=rule.severity, report_id=obs.report_id,
        source_file=obs.source_file, table_id=obs.table_id, section=obs.section,
        row=base_row(obs.row), period=obs.period or obs.column, expected=expected, found=found,
        message=message,
    )  # fmt: skip


def finding_between(
    rule: Rule,
    involved: Sequence[Statement],
    st: Statement,
    expected: str,
    found: str,
    message: str,
) -> Finding:
    """A finding about statement `st`, which disagrees with the other `involved` ones."""
    report_ids = dict.fromkeys(s.info.report_id for s in sorted(involved, key=lambda s: s.order))
    return Finding(
        check=rule.id, severity=rule.severity, report_id=";".join(report_ids),
        source_file=st.obs.source_file, table_id=st.obs.table_id, section=st.obs.section,
        row=st.obs.row, period=st.obs.period or st.obs.column, expected=expected, found=found,
        message=message,
    )  # fmt: skip
