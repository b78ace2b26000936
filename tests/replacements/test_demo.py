"""Demo data: a real seed-demo, then the replacement plan of the Chalais demo library."""

from sqlalchemy import func, select

from sesame_group.accounts.models import User
from sesame_group.replacements.models import Replacement


def test_seed_demo_plans_some_replacements_and_the_demo_plan_renders(runner, client, auth, db):
    result = runner.invoke(args=["seed-demo"])
    assert "Données de démonstration chargées (échelle 1)." in result.output
    statuses = dict(
        db.session.execute(
            select(Replacement.status, func.count()).group_by(Replacement.status)
        ).all()
    )
    assert set(statuses) <= {"arranged", "not_needed"}
    user = db.session.scalar(select(User).where(User.email == "bibliothecaire@chalais.fr"))
    client.post("/accounts/login", data={"email": user.email, "password": "sesame-demo"})
    page = client.get(f"/replacements/libraries/{user.library_id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Plan de remplacement — Médiathèque de Chalais" in text
    assert "\u202f: ouverture au public" not in text  # a plain space, as in the issue
    assert text.count(" : ouverture au public</li>") >= 1
    assert statuses["arranged"] >= 1 and statuses["not_needed"] >= 1
    again = runner.invoke(args=["seed-demo"])
    assert "déjà présentes" in again.output
