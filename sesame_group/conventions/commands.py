"""CLI commands of conventions."""

COMMANDS = ()
