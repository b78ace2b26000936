"""A stand-in for another domain's agenda.py (trainings, meetings), registered through the
calendar's source registry: our feed machinery is tested on data we fully control."""

from collections import Counter
from datetime import datetime

from sesame_group.calendar.queries import instant
from sesame_group.core.timeutil import as_utc


class FakeAgenda:
    def __init__(self, name):
        self.name = name
        self.public = []  # CalendarEvent
        self.personal = {}  # user id -> [CalendarEvent]
        self.absence_list = []  # core.absences.Absence
        self.calls = Counter()
        self.since = []
        self.fail = False

    def public_events(self, since: datetime):
        self.calls["public_events"] += 1
        self.since.append(since)
        return [e for e in self.public if instant(e.end) >= as_utc(since)]

    def personal_events(self, user, since: datetime):
        self.calls["personal_events"] += 1
        if self.fail:
            raise RuntimeError("source down")
        return [e for e in self.personal.get(user.id, []) if instant(e.end) >= as_utc(since)]

    def fingerprint(self, user=None):
        self.calls["fingerprint"] += 1
        mine = repr(self.personal.get(user.id)) if user is not None else ""
        return (self.name, repr(self.public), mine)

    def absences(self, library_ids, since):
        self.calls["absences"] += 1
        return [
            a
            for a in self.absence_list
            if (library_ids is None or a.library_id in library_ids) and a.end >= since
        ]

    def absences_fingerprint(self):
        return (self.name, repr(self.absence_list))
