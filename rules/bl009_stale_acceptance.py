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
    doc_zh = """报告配置中不再匹配其文件任何发现的“接受”记录。

    ## 作用
    ``[[tool.budgetlint.accepted]]`` 中的一条记录（code、file、fingerprint、reason）隐藏一个发现。
    当该文件在其规则启用的情况下被检查，而该规则已没有任何发现具有这个指纹时，这条记录就过期了：
    文档已改正，或发现所标记的文字已改变（此时若问题仍在，会以新的指纹再次显示）。该发现指向文档
    开头；消息写明配置文件、规则代码和指纹。

    ## 为什么有问题？
    “接受”记录保存的是审核人对某个发现的理由。发现消失后仍保留这条记录，会告诉下一位审核人一件
    已经不真实的事；同一位置出现新问题时本来也需要重新审核。

    ## 示例
    ``budgetlint.toml`` 接受了 ``2023/budget.pdf`` 的一个 BL501 发现，而日期已改正::

        2023/budget.pdf:p1:L1: BL009 [warning] budgetlint.toml 中接受的 BL501 发现（指纹 1a2b3c4d5e6f）已不存在：请删除这条记录

    删除这条记录（或对现在的发现重新运行 ``budgetlint accept``）。

    ## 依据
    budgetlint 配置约定（README，“Accepting a finding”）；同 ruff 的 RUF100（未使用的 ``noqa``）。
    """

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
