"""Keyboard only (RGAA 12.7, 12.13), status messages (7.5) and the language switch."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, ROLES


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(page, live_server):
    page.goto(f"{live_server}/accounts/login")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Aller au contenu")
    assert skip.bounding_box()["y"] >= 0, "the focused skip link is off screen"
    page.keyboard.press("Enter")
    expect(page.locator("main#contenu")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#email")).to_be_focused()


def test_login_with_the_keyboard_only(page, live_server):
    page.goto(f"{live_server}/accounts/login")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type(ROLES["librarian"])
    page.keyboard.press("Tab")
    expect(page.locator("#password")).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    # The fragment of the skip link survives the redirect (Fetch standard): "/#contenu".
    page.wait_for_url(re.compile(re.escape(live_server) + r"/(#contenu)?$"))
    expect(page.get_by_role("status")).to_contain_text("Bienvenue")
    expect(page.locator("h1")).to_have_count(1)
    page.goto(f"{live_server}/")  # without the fragment, which moves the focus start point
    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()


def test_login_error_is_announced_next_to_the_field_and_keeps_input(page, live_server):
    page.goto(f"{live_server}/accounts/login")
    page.get_by_label("Adresse électronique", exact=True).fill("personne@example.fr")
    page.get_by_label("Mot de passe", exact=True).fill("mauvais")
    page.get_by_label("Mot de passe", exact=True).press("Enter")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Adresse ou mot de passe incorrect.")
    password = page.locator("#password")
    expect(password).to_have_attribute("aria-invalid", "true")
    assert alert.get_attribute("id") in password.get_attribute("aria-describedby").split()
    expect(page.locator("#email")).to_have_value("personne@example.fr")


def test_language_switch_to_english_and_back(page, live_server):
    page.goto(f"{live_server}/accounts/login")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url == f"{live_server}/accounts/login"
    expect(page.get_by_role("link", name="Français")).to_have_attribute("hreflang", "fr")
    page.get_by_role("link", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text("Connexion")
