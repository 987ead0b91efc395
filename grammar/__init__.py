"""Lark grammars shipped as package data (``document.lark``, later ``narrative.lark``)."""
