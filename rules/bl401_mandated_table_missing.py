"""BL401: a table the document's disclosure profile requires is absent."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.profiles import toc_entry_for
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule

#: Selections scoring at most this (see ``Selection.score``) are not known to fit the document.
KNOWN_TEMPLATE_SCORE = 0.5


class MandatedTableMissing(Rule):
    """Reports a mandated table that the document does not contain.

    ## What it does
    Finds the document's disclosure profile (detected from its title, kind and
    tables, or set with ``--profile``; ``budgetlint profiles`` lists them) and
    reports every table the profile requires for which no table title in the
    body matches. Matching ignores the year, full/half-width characters,
    spaces, quotes, brackets, numbering and the unit's name, and accepts the
    wording variants the profile lists. A document that matches no profile
    gets no BL401 at all.

    Only a template known to fit is held against the document: one set with
    ``--profile``, or one whose issuer the document names (its province, a
    university) — the selection's score is above one half. When the closest
    profile was chosen by its tables alone (the national templates, which every
    province adapts under its own names), the rule says once, as ``info``, that
    the template is not known and which of the closest profile's tables it did
    not find, and reports no error.

    ## Why is this bad?
    Every mandated table must be published, even when it has no figures: an
    empty table is published with a note saying why (本表无数据 / 本单位无…故本表为空).
    A missing table hides whether the unit has such funds at all, and the 目录
    cannot reveal it because a draft's 目录 is often as wrong as its body.

    ## Example
    ::

        第二部分 2023年单位预算报表
        2023年预算收支总表
        …                              ← no 政府性基金预算支出表 anywhere
        第三部分 2023年度单位预算情况说明
        → BL401: 缺少必须公开的表“政府性基金预算支出表”

    ## Source
    地方预决算公开操作规程（财预〔2016〕143号）: the mandated tables of 部门预算
    and 部门决算; the provincial templates (Shanxi, Shanghai) and the Ministry of
    Education's for the other profiles; each profile names its own source
    (``budgetlint profiles --verbose``).
    """

    code = "BL401"
    name = "mandated-table-missing"
    severity = Severity.ERROR
    summary_zh = "缺少公开模板要求的表（无数据也须公开空表）"
    summary_en = "A table the disclosure profile requires is missing"
    doc_zh = """报告文档中缺少的规定公开表格。

    ## 作用
    确定文档的公开模板（profile，由标题、类型和表格识别，或用 ``--profile`` 指定；
    ``budgetlint profiles`` 列出全部），对模板要求的每张表，若正文中没有匹配的表题则报告。匹配时
    忽略年份、全角/半角、空格、引号、括号、编号和单位名称，并接受模板列出的各种表述。不匹配任何
    模板的文档不报告 BL401。

    只按确知适用的模板要求文档：用 ``--profile`` 指定的，或文档写明了其发布地区/单位（所在省份、
    某所大学）的模板——选择得分超过一半。最接近的模板仅凭表格选出时（各省按自己的名称改编的
    全国模板），本规则只以提示（info）说明一次：模板不确定，以及最接近的模板中哪些表没有找到，
    不报告错误。

    ## 为什么有问题？
    每张规定的表都必须公开，即使没有数字：空表要附注说明原因（本表无数据 / 本单位无…故本表为空）。
    缺表会掩盖单位是否有这类资金，而目录也揭示不了，因为草稿的目录常常和正文一样有错。

    ## 示例
    ::

        第二部分 2023年单位预算报表
        2023年预算收支总表
        …                              ← 全文没有政府性基金预算支出表
        第三部分 2023年度单位预算情况说明
        → BL401: 缺少必须公开的表“政府性基金预算支出表”

    ## 依据
    地方预决算公开操作规程（财预〔2016〕143号）：部门预算和部门决算规定公开的表格；其他模板依据
    各省（山西、上海）和教育部的模板；每个模板写明自己的出处（``budgetlint profiles --verbose``）。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        chosen = ctx.profile_selection
        if chosen is None:
            return
        profile = chosen.profile
        if chosen.score <= KNOWN_TEMPLATE_SCORE:
            missing = [spec.name for spec in chosen.match.missing]
            if missing:
                names = "、".join(f"“{name}”" for name in missing)
                yield self.report(
                    doc,
                    ctx.title_span,
                    f"公开模板未知：最接近的{profile.title}中有 {len(missing)} 张表未找到（{names}），"
                    "未作为错误报告；可用 --profile 指定模板",
                    f"the template is not known: {len(missing)} table(s) of the closest profile {profile.name} "
                    f"were not found ({', '.join(missing)}) and are not reported as errors; set --profile to check",
                    severity=Severity.INFO,
                )
            return
        found = [match.title for match in chosen.match.tables]
        for index, match in enumerate(chosen.match.tables):
            if match.title is not None:
                continue
            spec = match.spec
            entry = toc_entry_for(doc, profile, spec)
            previous = next((title for title in reversed(found[:index]) if title is not None), None)
            if entry is not None:
                span = entry.span
                where_zh, where_en = "；目录列有此表，正文中没有", "; the 目录 lists it but the body has no such table"
            elif previous is not None:
                span = previous.span
                where_zh = f"；应在“{previous.title}”之后"
                where_en = f"; expected after '{previous.title}'"
            else:
                span = ctx.title_span
                where_zh = where_en = ""
            empty_zh = "（无数据也须公开空表并注明原因）" if spec.may_be_empty else ""
            empty_en = " (an empty table must still be published, with a note)" if spec.may_be_empty else ""
            yield self.report(
                doc,
                span,
                f"缺少必须公开的表“{spec.name}”{empty_zh}：{profile.title}要求此表{where_zh}",
                f"mandated table '{spec.name}' is missing{empty_en}: required by profile {profile.name}{where_en}",
            )
