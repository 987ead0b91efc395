"""The plugin contract: hook specifications, the Rule base class and the registry of installed plugins."""
