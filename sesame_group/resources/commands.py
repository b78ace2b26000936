"""CLI commands of resources."""

COMMANDS = ()
