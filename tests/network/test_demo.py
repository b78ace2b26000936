"""Demo network data: plausible Charente volumes that pass the network's own validation rules."""

import random

from sqlalchemy import func, select

from sesame_group.network import demo, rules
from sesame_group.network.models import Closure, Library, OpeningHour, Partner


def test_demo_network_passes_validation(app, db):
    with app.test_request_context("/"):
        demo.seed(1, random.Random(1))
        db.session.commit()
        partners = db.session.scalars(select(Partner)).all()
        assert len(partners) == 40
        assert [p.name for p in partners if rules.insee_code_error(p.kind, p.insee_code)] == []
        assert db.session.scalar(select(func.count(Library.id))) == 64
        hours = db.session.execute(
            select(
                OpeningHour.id,
                OpeningHour.library_id * 10 + OpeningHour.weekday,
                OpeningHour.opens,
                OpeningHour.closes,
            )
        ).all()
        assert rules.overlap_errors([tuple(row) for row in hours]) == []
        closures = db.session.scalars(select(Closure)).all()
        assert closures
        assert [c.id for c in closures if rules.closure_error(c.starts_on, c.ends_on)] == []
