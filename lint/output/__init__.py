"""Output: every report format (terminal, JSON, CSV, SARIF, GitHub, GitLab, JUnit, HTML) and the summary.

Start at :mod:`budgetlint.output.formats` (the one table of formats) and
:mod:`budgetlint.output.writer` (the protocol every format's writer meets);
:mod:`budgetlint.output.report` runs a check and feeds the writer. Output may import
``budgetlint.run`` and below; nothing below imports output.
"""
