"""budgetlint's release number, in a module of its own.

Why: the cache keys, SARIF and ``--version`` need it, and importing it must not
pull in the package's public API (``budgetlint/__init__`` reaches the runner),
which would tie every layer to the top one.
"""

__version__ = "0.1.0"
