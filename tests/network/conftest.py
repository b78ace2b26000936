"""Network fixtures: closures."""

import pytest


@pytest.fixture
def add_closure(db):
    from sesame_group.network.models import Closure

    def make(library, starts_on, ends_on, reason="Inventaire"):
        closure = Closure(library=library, starts_on=starts_on, ends_on=ends_on, reason=reason)
        db.session.add(closure)
        db.session.commit()
        return closure

    return make
