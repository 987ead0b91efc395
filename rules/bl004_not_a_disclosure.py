"""BL004: the file is not a budget or final-accounts disclosure; nothing else was checked."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.model.diagnostics import Diagnostic, Severity, Span
from budgetlint.plugins.rule import Rule


class NotADisclosure(Rule):
    """Says once that a file is no budget disclosure, so no other rule checked it.

    ## What it does
    Reports, at the file's first line, a file that never says 预算, 决算, 财政, 收入,
    支出 or 经费, states no amount in 元 (100.00万元) and has no table holding a figure,
    read in full (a README.md, a requirements.txt or a notes
    file beside the disclosures). No other rule runs on it, and the HTML report does
    not list it among the documents (its header names it). A file named on the command
    line is judged the same way, so who lints README.md learns why nothing was checked.
    Text handed to the Python API (``lint_text``) is checked as given.

    ## Why is this bad?
    Nothing is wrong with the file, but it is not what budgetlint checks: judged by
    rules written for budgets it would yield false findings, and listed as a document
    it would make a report look as if it had been checked.

    ## Example
    A ``README.md`` in a folder of disclosures::

        本目录存放各单位报送的文件。  →  BL004 不是预算/决算公开文件，未检查

    ## Source
    budgetlint input contract (RULES.md, BL0xx).
    """

    code = "BL004"
    name = "not-a-disclosure"
    severity = Severity.INFO
    summary_zh = "不是预算/决算公开文件，未检查"
    summary_en = "Not a budget or final-accounts disclosure; not checked"
    doc_zh = """说明某个文件不是预算/决算公开文件，因此其他规则都没有检查它。

    ## 作用
    对从头到尾没有出现“预算”“决算”“财政”“收入”“支出”“经费”字样、没有以元为单位的金额
    （如 100.00万元）、也没有任何含数字的表格、且已完整读取的文件（与公开
    文件放在一起的 README.md、requirements.txt 或说明文件），在第一行报告一次提示。其他规则
    都不对它运行，HTML 报告也不把它列为文档（页头写明它）。在命令行中直接指定的文件同样判断，
    这样检查 README.md 的用户能知道为什么什么都没有检查。通过 Python 接口（``lint_text``）
    传入的文字按原样检查。

    ## 为什么有问题？
    文件本身没有问题，但不是 budgetlint 检查的对象：用为预算编写的规则去检查会产生误报，列为
    文档又会让报告看起来像是检查过了。

    ## 示例
    公开文件目录中的 ``README.md``::

        本目录存放各单位报送的文件。  →  BL004 不是预算/决算公开文件，未检查

    ## 依据
    budgetlint 输入约定（RULES.md，BL0xx）。
    """
    #: The runner runs only this rule on a file that is no disclosure.
    runs_on_non_disclosures = True

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        if ctx.not_a_disclosure:
            yield self.report(
                ctx.doc,
                Span(1, 1, 1, 1),
                "不是预算/决算公开文件，未检查",
                "not a budget or final-accounts disclosure; not checked",
            )
