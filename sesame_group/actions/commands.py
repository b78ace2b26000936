"""CLI commands of actions."""

COMMANDS = ()
