"""CLI commands of trainings."""

COMMANDS = ()
