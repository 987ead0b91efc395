"""Analyses: what a parsed document says (table kinds and models, identities, narrative claims, facts,
目录 matching, profile matching). They return data and never name a rule code or write a message."""
