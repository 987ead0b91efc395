"""Running budgetlint: options, configuration files, the runner, parallel batches and baselines."""
