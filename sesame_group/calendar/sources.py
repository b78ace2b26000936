"""The domains whose agenda.py feeds the calendar: one registry, read by agenda, feeds and
replacements.

Each source module offers `public_events(since)`, `personal_events(user, since)` and
`fingerprint(user=None)`; absence sources add `absences(library_ids, since)` and
`absences_fingerprint()` (contract in TEAM.md).
"""

from importlib import import_module

AGENDA = ("trainings", "meetings", "actions")
PUBLIC_FEED = ("trainings", "meetings")  # the public feed: trainings days and meetings
ABSENCES = ("trainings", "meetings")

_overrides: dict[str, object] = {}


def _load(name):
    if name in _overrides:
        return _overrides[name]
    try:
        return import_module(f"sesame_group.{name}.agenda")
    except ModuleNotFoundError as error:  # a domain not written yet
        if error.name != f"sesame_group.{name}.agenda":
            raise
        return None


def modules(names=AGENDA) -> list:
    """(name, module) of the sources that exist, in a fixed order."""
    found = [(name, _load(name)) for name in names]
    return [(name, module) for name, module in found if module is not None]


def register(name: str, module) -> None:
    """Replace a source: tests put a stand-in for another domain's agenda here."""
    _overrides[name] = module


def unregister(name: str) -> None:
    _overrides.pop(name, None)
