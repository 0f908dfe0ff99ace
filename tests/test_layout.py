"""The layout every page shares: the menu for the person's roles, the current page marked, and the home page's
own teams and roles."""

import re

import pytest
from django.urls import reverse

from accounts.models import Membership

Role = Membership.Role
pytestmark = pytest.mark.django_db


def menu(html):
    """(label, href, current) of each main-menu link."""
    block = html.split('id="mainnav"', 1)[1].split('<ul class="navbar-nav">', 1)[0]
    link = r'<a class="nav-link( active)?" (aria-current="page")? ?href="([^"]+)">(?:<i[^>]*></i> )?([^<]+)</a>'
    links = re.findall(link, block)
    return [(label.strip(), href, bool(current)) for current, _, href, label in links]


def test_the_menu_follows_the_roles_and_marks_the_page_shown(client_for, worker, manager):
    week = reverse("registration:week")
    links = menu(client_for(worker).get(week).content.decode())
    assert ("Registreren", week, True) in links
    assert ("Beheer", reverse("accounts:member_list"), False) not in links
    assert [current for _, _, current in links].count(True) == 1

    links = menu(client_for(manager).get(reverse("home")).content.decode())
    assert ("Rapport", reverse("registration:report"), False) in links
    assert ("Registreren", week, False) not in links
    assert not any(current for _, _, current in links)


def test_the_menu_is_english_for_a_person_who_chose_english(client_for, worker):
    worker.language = "en"
    worker.save(update_fields=["language"])
    html = client_for(worker).get(reverse("registration:week")).content.decode()
    assert ("Log work", reverse("registration:week"), True) in menu(html)
    assert 'aria-label="Notifications: 0 unread"' in html


def test_home_lists_every_team_and_role_of_the_person_by_team_name(client_for, worker, team_b, other_team):
    Membership.objects.create(user=worker, team=team_b, role=Role.YOUTH_WORKER)
    Membership.objects.create(user=worker, team=other_team, role=Role.YOUTH_WORKER)  # another organisation's
    html = client_for(worker).get(reverse("home")).content.decode()
    teams = html.split('id="panel-my-teams"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<li><strong>([^<]+)</strong> – ([^<]+)</li>", teams)
    assert rows == [("Team A", "jongerenwerker"), ("Team B", "jongerenwerker")]


def test_the_layout_links_and_files_are_the_ones_django_resolves(client_for, worker):
    from django.templatetags.static import static
    from django.test import Client

    html = client_for(worker).get(reverse("home")).content.decode()
    for name in ("home", "notifications:list", "account_change_password", "mfa_index", "usersessions_list"):
        assert f'href="{reverse(name)}"' in html
    for name in ("account_logout", "accounts:language"):
        assert f'action="{reverse(name)}"' in html
    for path in ("vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap-icons/bootstrap-icons.min.css", "css/app.css"):
        assert f'<link rel="stylesheet" href="{static(path)}">' in html
    for path in ("vendor/bootstrap/bootstrap.bundle.min.js", "vendor/htmx/htmx.min.js", "js/app.js"):
        assert f'<script src="{static(path)}"></script>' in html
    # The login page (no person yet) has the same files and language switch.
    html = Client().get(reverse("account_login")).content.decode()
    assert f'<link rel="stylesheet" href="{static("css/app.css")}">' in html
    assert f'action="{reverse("accounts:language")}"' in html
