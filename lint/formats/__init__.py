"""Machine formats for CI systems and other programs, one module per consumer.

Each module exposes ``format_*(results, lang=..., style=...) -> str`` like the
terminal formatters in :mod:`budgetlint.formatters`, which registers them
lazily: a module here is imported only when its format is asked for, so the
terminal path's cold start does not pay for XML or SARIF code.
"""
