"""BL001 reports the read failures the runner records; the runner builds no BL001 itself.

The rule cases (tests/cases/BL001.toml) run whole inputs through the runner; these tests pin
each side of the split: the rule turns ``doc.read_failures`` into findings, and the runner
records failures as data and leaves their reporting (and its selection and severity) to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from budgetlint.analysis.context import AnalysisOptions, DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.model.nodes import Document
from budgetlint.model.read_failures import ReadFailure
from budgetlint.parsing.document import parse
from budgetlint.plugins.registry import Registry
from budgetlint.plugins.rule import Rule
from budgetlint.rules.bl001_unreadable_input import UnreadableInput
from budgetlint.run.options import Config
from budgetlint.run.runner import lint_document_bytes, lint_document_text

UNDECODABLE = b"\x80\x80\x80\x80\x80\x80\xff\xff\xff\xff"
SCANNED_PAGE = ReadFailure(
    3, "第 2 页只有图像，没有文字层（需要 OCR）", "page 2 has images but no text layer (needs OCR)"
)


def _context(doc: Document) -> DocumentContext:
    return DocumentContext(doc, AnalysisOptions())


def test_the_rule_reports_every_read_failure_at_its_line() -> None:
    doc = Document.unread("scan.pdf", (ReadFailure(1, "文件为空", "the file is empty"), SCANNED_PAGE))
    found = list(UnreadableInput(lang="zh").check(_context(doc)))
    assert [(d.code, d.line, d.column, d.end_line, d.end_column) for d in found] == [
        ("BL001", 1, 1, 1, 1),
        ("BL001", 3, 1, 3, 1),
    ]
    assert [d.message for d in found] == ["无法读取输入：文件为空", f"无法读取输入：{SCANNED_PAGE.reason_zh}"]
    english = list(UnreadableInput(lang="en").check(_context(doc)))
    assert english[1].message == f"unreadable input: {SCANNED_PAGE.reason_en}"


def test_the_rule_reports_the_failures_of_a_parsed_document_and_is_silent_without() -> None:
    doc = parse("一、说明\n", path="doc.txt")
    assert list(UnreadableInput().check(_context(doc))) == []
    found = list(UnreadableInput().check(_context(doc._replace(read_failures=(SCANNED_PAGE,)))))
    assert [(d.line, d.path) for d in found] == [(3, "doc.txt")]


def test_the_runner_records_an_undecodable_input_for_the_rule() -> None:
    result = lint_document_bytes(UNDECODABLE, "bad.txt", Config())
    assert [(d.code, d.name, d.severity, d.line) for d in result.diagnostics] == [
        ("BL001", "unreadable-input", Severity.ERROR, 1)
    ]
    assert result.failures == [] and result.document is None


def test_selection_and_severity_of_bl001_come_from_the_configuration() -> None:
    assert lint_document_text("", "empty.txt", Config(ignore=("BL001",))).diagnostics == []
    assert lint_document_bytes(UNDECODABLE, "bad.txt", Config(select=("BL1",))).diagnostics == []
    lowered = Config(severity=MappingProxyType({"BL001": Severity.WARNING}))
    assert [d.severity for d in lint_document_text(" \n", "empty.txt", lowered).diagnostics] == [Severity.WARNING]


class _EveryDocumentIsWrong(Rule):
    """A rule that reports every document it is given (a stand-in for any content rule)."""

    code = "XX001"
    name = "every-document-is-wrong"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        yield self.report(ctx.doc, Span(1, 1, 1, 1), "错", "wrong")


def test_no_other_rule_judges_an_input_without_text() -> None:
    registry = Registry()
    registry.rules = {rule.code: rule for rule in (UnreadableInput, _EveryDocumentIsWrong)}
    assert [d.code for d in lint_document_text("一、说明\n", "doc.txt", Config(), registry).diagnostics] == ["XX001"]
    assert [d.code for d in lint_document_text("", "empty.txt", Config(), registry).diagnostics] == ["BL001"]
