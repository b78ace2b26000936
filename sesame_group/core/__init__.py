"""Shared plumbing: time zones, dates, permissions, errors, mail, audit, security headers."""
