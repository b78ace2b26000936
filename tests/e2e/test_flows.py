"""Key flows in the browser, CSRF on: invitation to first login, opening-hours edit."""

import email
import re
from email import policy
from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.conftest import ROLES, login

NNBSP = "\u202f"
PASSWORD = "une phrase assez longue"


def _outbox_links(live_app):
    links = []
    for path in sorted(Path(live_app.instance_path, "outbox").glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(preferencelist=("plain",)).get_content()
        links += [(message["To"], link) for link in re.findall(r"https?://\S+", body)]
    return links


def test_invitation_then_first_login(
    browser, browser_context_args, live_app, live_server, role_states
):
    coordinator = browser.new_context(
        **browser_context_args, storage_state=role_states["coordinator"]
    )
    page = coordinator.new_page()
    page.goto(f"{live_server}/accounts/members/invite")
    page.get_by_label("Adresse électronique", exact=True).fill("nouvelle.membre@example.fr")
    page.get_by_label("Nom affiché").fill("Nouvelle Membre")
    page.get_by_label("Rôle").select_option("librarian")
    page.locator("#library").select_option(index=1)
    page.get_by_role("button", name="Envoyer l’invitation").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Invitation envoyée à nouvelle.membre@example.fr."
    )
    coordinator.close()

    invitations = [
        link
        for to, link in _outbox_links(live_app)
        if "nouvelle.membre@example.fr" in to and "/accounts/mot-de-passe/" in link
    ]
    assert len(invitations) == 1, _outbox_links(live_app)
    path = invitations[0].split("/accounts/", 1)[1]

    newcomer = browser.new_context(**browser_context_args)
    page = newcomer.new_page()
    page.goto(f"{live_server}/accounts/{path}")
    expect(page.locator("h1")).to_have_text("Activer votre compte")
    page.get_by_label("Nouveau mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.get_by_role("status")).to_contain_text("Votre mot de passe est enregistré.")
    expect(page.locator("h1")).to_have_text("Bonjour, Nouvelle Membre")
    page.get_by_role("button", name="Se déconnecter").click()
    login(page, live_server, "nouvelle.membre@example.fr", PASSWORD)
    page.goto(f"{live_server}/accounts/{path}")  # single use
    expect(page.locator("h1")).not_to_have_text("Activer votre compte")
    newcomer.close()


def test_librarian_edits_the_opening_hours_of_their_library(
    browser, browser_context_args, live_app, live_server, role_states
):
    from sesame_group.accounts.models import User
    from sesame_group.extensions import db

    with live_app.app_context():
        library_id = db.session.scalar(
            select(User.library_id).where(User.email == ROLES["librarian"])
        )
        db.session.remove()
    context = browser.new_context(**browser_context_args, storage_state=role_states["librarian"])
    page = context.new_page()
    page.goto(f"{live_server}/network/libraries/{library_id}/hours")
    empty = page.locator("tbody tr").filter(has=page.locator("input[value='']")).first
    row = empty.locator("th").inner_text().strip()
    page.locator(f"#rows-{int(row) - 1}-weekday").select_option(value="6")
    page.locator(f"#rows-{int(row) - 1}-opens").fill("10:00")
    page.locator(f"#rows-{int(row) - 1}-closes").fill("12:30")
    page.get_by_role("button", name="Enregistrer les horaires").click()
    expect(page.get_by_role("status")).to_contain_text("Les horaires d’ouverture sont enregistrés.")
    sunday = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile("^dimanche$", re.IGNORECASE))
    )
    expect(sunday).to_contain_text(f"10{NNBSP}h")
    expect(sunday).to_contain_text(f"12{NNBSP}h{NNBSP}30")
    context.close()
