"""Agenda views, iCal feeds and feed tokens."""
