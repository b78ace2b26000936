"""The domains whose agenda.py feeds the calendar: one registry, read by agenda, feeds and
replacements.

Each source module offers `public_events(since)`, `personal_events(user, since)` and
`fingerprint(user=None)`; absence sources add `absences(library_ids, since)` and
`absences_fingerprint()` (contract in TEAM.md).
"""

from sesame_group.actions import agenda as actions
from sesame_group.meetings import agenda as meetings
from sesame_group.trainings import agenda as trainings

AGENDA = ("trainings", "meetings", "actions")
PUBLIC_FEED = ("trainings", "meetings")  # the public feed: trainings days and meetings
ABSENCES = ("trainings", "meetings")

_MODULES = {"trainings": trainings, "meetings": meetings, "actions": actions}
_overrides: dict[str, object] = {}


def modules(names=AGENDA) -> list:
    """(name, module) of the given sources, in a fixed order."""
    return [(name, _overrides.get(name, _MODULES[name])) for name in names]


def register(name: str, module) -> None:
    """Replace a source: tests put a stand-in for another domain's agenda here."""
    _overrides[name] = module


def unregister(name: str) -> None:
    _overrides.pop(name, None)
