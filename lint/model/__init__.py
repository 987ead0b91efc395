"""The vocabulary every layer shares: spans, AST nodes, numbers, diagnostics, fingerprints. Imports nothing of budgetlint."""
