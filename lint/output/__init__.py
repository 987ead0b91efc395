"""Output: every report format (terminal, JSON, CSV, SARIF, GitHub, GitLab, JUnit, HTML) and the summary."""
