"""BL009: an accepted finding (``[[tool.budgetlint.accepted]]``) that is no longer found."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule


class StaleAcceptance(Rule):
    """Reports an acceptance in the configuration that matches no finding of its file.

    ## What it does
    An entry of ``[[tool.budgetlint.accepted]]`` (code, file, fingerprint, reason) hides
    one finding. When its file is linted with its rule enabled and no finding of that
    rule has the fingerprint any more, the entry is stale: the document was corrected,
    or the text the finding marked has changed (then the finding, if it is still there,
    is shown again with a new fingerprint). The finding points at the start of the
    document; the message names the configuration file, the code and the fingerprint.

    ## Why is this bad?
    An acceptance records a reviewer's reason for one finding. Kept after the finding is
    gone, it tells the next reviewer something that is no longer true, and a new problem
    in the same place would need a new review anyway.

    ## Example
    ``budgetlint.toml`` accepts a BL501 finding of ``2023/budget.pdf`` and the date was
    corrected::

        2023/budget.pdf:p1:L1: BL009 [warning] budgetlint.toml 中接受的 BL501 发现（指纹 1a2b3c4d5e6f）已不存在：请删除这条记录

    Delete the entry (or run ``budgetlint accept`` again for the finding as it is now).

    ## Source
    budgetlint configuration contract (README, "Accepting a finding"); like ruff's RUF100
    (unused ``noqa``).
    """

    code = "BL009"
    name = "stale-acceptance"
    severity = Severity.WARNING
    summary_zh = "配置中接受的发现已不存在（过期的 accepted 记录）"
    summary_en = "An accepted finding in the configuration is no longer found"

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        # Staleness is known only after every rule ran and the acceptances were applied:
        # the run reports it through :meth:`stale` with this rule's code and words.
        return iter(())

    def stale(self, path: str, source: str, code: str, fingerprint: str) -> Diagnostic:
        """The finding for an acceptance (listed in ``source``) of ``path`` that hid nothing."""
        short = fingerprint[:12]
        return Diagnostic(
            path=path,
            line=1,
            column=1,
            end_line=1,
            end_column=1,
            code=self.code,
            name=self.name,
            severity=self.effective_severity,
            message=(
                f"{source} 中接受的 {code} 发现（指纹 {short}）已不存在：请删除这条记录"
                if self.lang == "zh"
                else f"the {code} finding accepted in {source} (fingerprint {short}) is no longer found: "
                "delete the entry"
            ),
            message_zh=f"{source} 中接受的 {code} 发现（指纹 {short}）已不存在：请删除这条记录",
        )
