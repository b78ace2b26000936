"""CLI commands of meetings."""

COMMANDS = ()
