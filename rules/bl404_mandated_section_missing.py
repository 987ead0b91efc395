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
