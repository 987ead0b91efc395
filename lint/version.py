"""budgetlint's version, in a module that imports nothing.

Kept apart from the package's ``__init__`` (which also offers the lazily imported
Python API) so that any layer can name the version — the grammar cache keys its
entries with it — without an import of the package root, which would tie that
layer to everything the root can import.
"""

__version__ = "0.2.0"
