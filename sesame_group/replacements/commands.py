"""CLI commands of replacements."""

COMMANDS = ()
