"""Jinja helpers of the replacement plan."""

from sesame_group.replacements.queries import describe_overlap, describe_status

GLOBALS = {"describe_overlap": describe_overlap, "describe_replacement": describe_status}
