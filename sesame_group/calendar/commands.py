"""CLI commands of calendar."""

COMMANDS = ()
