"""BL404: a narrative section the document's disclosure profile requires is absent."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.analysis.context import DocumentContext
from budgetlint.analysis.profiles import section_present
from budgetlint.model.diagnostics import Diagnostic, Severity
from budgetlint.plugins.rule import Rule

#: Selections scoring at most this (see ``Selection.score``) are not known to fit the document.
KNOWN_TEMPLATE_SCORE = 0.5


class MandatedSectionMissing(Rule):
    """Reports a required explanation (三公经费, 机关运行经费, 政府采购, 名词解释 …) that is absent.

    ## What it does
    Finds the document's disclosure profile (as BL401 does) and reports each
    narrative section the profile requires for which the body has neither a
    heading naming it (numbered or a stand-alone title line, anywhere in the
    body; the 目录 does not count) nor, where the profile allows it, prose that
    gives the explanation. A document that matches no profile gets no BL404.
    As for BL401, only a template known to fit (forced, or naming the
    document's issuer: a selection score above one half) gives errors; with a
    profile chosen by its tables alone the rule says once, as ``info``, which
    sections it did not find.

    ## Why is this bad?
    The templates require explanations alongside the tables: the 三公 funds and
    机关运行经费 and why they changed, 政府采购, performance management, the use of
    state-owned assets, and the glossary. Tables alone do not say why figures
    changed or what the terms mean; an absent explanation is a gap in the
    disclosure, even when the unit has nothing to report (it then says so:
    本单位无“三公”经费预算).

    ## Example
    ::

        七、“三公”经费增减变动原因说明
        本单位无“三公”经费预算。
        九、政府采购情况                 ← 八、机关运行经费… is missing
        → BL404: 缺少必须说明的内容“机关运行经费增减变动原因说明”

    ## Source
    地方预决算公开操作规程（财预〔2016〕143号）: explanations of 三公经费, 机关运行经费,
    政府采购 and 名词解释; 机关事务管理条例 art. 7, 9; the provincial and Ministry of
    Education templates for the other sections each profile lists.
    """

    code = "BL404"
    name = "mandated-section-missing"
    severity = Severity.ERROR
    summary_zh = "缺少公开模板要求的说明（“三公”经费、机关运行经费、政府采购、名词解释等）"
    summary_en = "A narrative section the disclosure profile requires is missing"
    doc_zh = """报告缺少的规定说明（三公经费、机关运行经费、政府采购、名词解释 …）。

    ## 作用
    确定文档的公开模板（同 BL401），对模板要求的每个说明部分，若正文既没有点明它的标题（编号
    标题或独立的标题行，正文任何位置均可；目录不算），在模板允许时也没有给出该说明的文字，则报告。
    不匹配任何模板的文档不报告 BL404。与 BL401 一样，只有确知适用的模板（指定的，或写明文档发布
    单位的：选择得分超过一半）才报告错误；仅凭表格选出模板时，本规则只以提示（info）说明一次没有
    找到哪些部分。

    ## 为什么有问题？
    模板要求表格之外附有说明：三公经费和机关运行经费及其变动原因、政府采购、绩效管理、国有资产
    占用情况和名词解释。表格本身说明不了数字为何变化、术语是什么意思；缺少说明就是公开内容的缺口，
    即使单位没有可报告的内容（此时要写明：本单位无“三公”经费预算）。

    ## 示例
    ::

        七、“三公”经费增减变动原因说明
        本单位无“三公”经费预算。
        九、政府采购情况                 ← 缺少“八、机关运行经费…”
        → BL404: 缺少必须说明的内容“机关运行经费增减变动原因说明”

    ## 依据
    地方预决算公开操作规程（财预〔2016〕143号）：三公经费、机关运行经费、政府采购和名词解释的说明；
    机关事务管理条例第七条、第九条；其他部分依据各模板所列的省级和教育部模板。
    """

    def check(self, ctx: DocumentContext) -> Iterator[Diagnostic]:
        doc = ctx.doc
        chosen = ctx.profile_selection
        if chosen is None:
            return
        profile = chosen.profile
        missing = [
            spec
            for spec in profile.sections
            if not section_present(spec, ctx.section_heading_keys, ctx.section_paragraph_texts)
        ]
        if chosen.score <= KNOWN_TEMPLATE_SCORE:
            if missing:
                names = "、".join(f"“{spec.name}”" for spec in missing)
                yield self.report(
                    doc,
                    ctx.title_span,
                    f"公开模板未知：未找到最接近的{profile.title}要求的说明（{names}），未作为错误报告",
                    f"the template is not known: sections of the closest profile {profile.name} were not found "
                    f"({', '.join(spec.name for spec in missing)}) and are not reported as errors",
                    severity=Severity.INFO,
                )
            return
        for spec in missing:
            yield self.report(
                doc,
                ctx.title_span,
                f"缺少必须说明的内容“{spec.name}”：{profile.title}要求此项说明",
                f"mandated section '{spec.name}' is missing: required by profile {profile.name}",
            )
