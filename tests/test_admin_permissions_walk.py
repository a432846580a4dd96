"""Every admin URL posted to by every kind of visitor with the form an administrator is shown there:
nothing in the archive changes unless the visitor holds the permission that page writes with."""

from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import get_resolver

from thesis.models import Thesis

from .admin_forms import form_fields, page_forms
from .database_state import every_row
from .reliability import report
from .test_http_methods import real_arguments, routes_to, walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]

VISITORS = ("anonymous", "non_staff", "reviewer", "editor")
# What a visit writes whoever makes it: its session, and the login lockout's record of a failed login.
BOOKKEEPING = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}
# The admin's own pages, named after the model they serve: a POST there writes with this permission.
BY_SUFFIX = {
    "_change": ("change",),
    "_simple_history": ("change",),
    "_add": ("add",),
    "_delete": ("delete",),
    "_changelist": ("change", "delete"),
}
# The tool pages the archive adds, and what each one writes with.
TOOL_PERMISSIONS = {
    "admin:thesis_thesis_suspects_apply": {"thesis.change_passage"},
    "admin:thesis_thesis_suspects_undo": {"thesis.change_passage"},
    "admin:thesis_thesis_suspects_bulk": {"thesis.change_passage"},
    "admin:thesis_thesis_suspects_dismiss": {"thesis.add_dismissedsuspect"},
    "admin:thesis_thesis_suspects_dismissed": {"thesis.delete_dismissedsuspect"},
    "admin:thesis_thesis_suspects_ignore": {"thesis.add_ignoredword"},
    "admin:thesis_thesis_suspects_ignored": {"thesis.delete_ignoredword"},
    "admin:thesis_thesis_replace": {"thesis.change_passage"},
    "admin:thesis_replacebatch_undo": {"thesis.change_passage"},
    "admin:thesis_thesis_review": {"thesis.verify_passage"},
    "admin:thesis_thesis_import": {"thesis.add_thesis"},
    "admin:thesis_thesis_import_job": {"thesis.add_thesis"},
    "admin:auth_user_password_change": {"auth.change_user"},
    # Claims are opened by GET, from the queue's links; a note needs only sight of the passage.
    "admin:thesis_passage_claim": {"thesis.change_passage"},
    "admin:thesis_thesis_claim_next": {"thesis.change_passage"},
    "admin:thesis_passage_notes": {"thesis.view_passage"},
    **{f"admin:thesis_passage_{what}": {"thesis.repair_structure"} for what in ("split", "merge", "heading")},
    **{
        f"admin:thesis_section_{what}": {"thesis.repair_structure"}
        for what in ("structure", "to_passage", "insert", "remove")
    },
}
OWN_PAGES = {"admin:password_change", "admin:login", "admin:notices"}
# A form field whose text the walk changes, so that a form accepted by mistake shows as a change.
EDITED_TYPES = {"text", "search", "email", "url"}
MARK = " ✎"
TOTALS = Counter()


@pytest.fixture
def visitors(records, django_user_model):
    """The four kinds of visitor, and the administrator whose forms they post."""
    reviewer = django_user_model.objects.create_user("reviewer", password="pw-Long-123", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    non_staff = django_user_model.objects.create_user("reader", password="pw-Long-123")
    people = {"anonymous": None, "non_staff": non_staff, "reviewer": reviewer, "editor": records["editor"]}
    return people, records["superuser"]


def admin_urls() -> list[tuple[str, str]]:
    """Each admin pattern's name and its URL with real ids, taken before anything is posted."""
    urls = []
    for endpoint in walk(get_resolver()):
        # Logging out would leave the rest of the walk to an anonymous visitor.
        if endpoint.name.startswith("admin:") and endpoint.name not in ("admin:", "admin:logout"):
            url = endpoint.template % real_arguments(endpoint)
            assert routes_to(endpoint, url), url
            urls.append((endpoint.name, url))
    return urls


def required_permissions(name: str) -> set[str] | None:
    """The permissions any one of which lets a POST to this page write (none: no one writes there);
    None for the pages where whoever is signed in writes their own account or session."""
    if name in TOOL_PERMISSIONS:
        return TOOL_PERMISSIONS[name]
    if name in OWN_PAGES:
        return None
    for suffix, actions in BY_SUFFIX.items():
        if name.endswith(suffix):
            app_label, _, model = name.removeprefix("admin:").removesuffix(suffix).partition("_")
            return {f"{app_label}.{action}_{model}" for action in actions}
    return set()


def posted_forms(page, url: str) -> list[dict[str, list[str]]]:
    """The data of each POST form on the page that posts back to it, as a browser would send it
    with every text field's text changed."""
    if page.streaming or not page.get("Content-Type", "").startswith("text/html"):
        return []
    posted = []
    for form in page_forms(page.content.decode(page.charset or "utf-8")):
        if (form.method or "").upper() != "POST" or (form.action or url) not in (url, ""):
            continue
        data = form_fields(form)
        for field in form.inputs:
            if field.name in data and edited(field):
                data[field.name] = [value if structured(value) else value + MARK for value in data[field.name]]
        submit = next((field for field in form.inputs if field.get("type") == "submit" and field.name), None)
        if submit is not None:
            data[submit.name] = [submit.get("value", "")]
        posted.append({name: values for name, values in data.items() if values})
    return posted


def structured(value: str) -> bool:
    """A field holding a JSON list or object (a thesis's authors or keywords): text added to it is no edit but
    a form error, which would hide whether the form writes."""
    return value.strip()[:1] in ("[", "{")


def edited(field) -> bool:
    return field.tag == "textarea" or (field.tag == "input" and field.get("type", "text") in EDITED_TYPES)


def may_write(user, name: str) -> bool:
    if user is None or not user.is_staff:
        return False
    needed = required_permissions(name)
    return needed is None or any(user.has_perm(permission) for permission in needed)


def changed(before: dict, after: dict) -> list[str]:
    tables = (before.keys() | after.keys()) - BOOKKEEPING
    return sorted(table for table in tables if before.get(table) != after.get(table))


@pytest.mark.parametrize("visitor", VISITORS)
def test_no_visitor_writes_without_the_permission(visitor, visitors):
    people, superuser = visitors
    user = people[visitor]
    administrator, client = Client(), Client(raise_request_exception=False)
    administrator.force_login(superuser)
    if user is not None:
        client.force_login(user)
    problems = []
    urls = admin_urls()
    for name, url in urls:
        for data in posted_forms(administrator.get(url), url) or [{}]:
            before = every_row()
            response = client.post(url, data)
            TOTALS["posts"] += 1
            writes = changed(before, every_row())
            if response.status_code >= 500:
                problems.append(f"POST {url}: {response.status_code}")
            if writes and not may_write(user, name):
                problems.append(f"POST {url} as {visitor} ({response.status_code}) changed {', '.join(writes)}")
            TOTALS["writes allowed" if writes else "nothing written"] += 1
    TOTALS["urls"] = len(urls)
    assert not problems, "\n".join(problems)


def test_the_walk_posts_forms_that_would_write(visitors):
    """The walk can fail: the administrator's own forms, posted back, do change what they show."""
    people, superuser = visitors
    client = Client()
    client.force_login(superuser)
    thesis = Thesis.objects.get()
    url = f"/admin/thesis/thesis/{thesis.pk}/history/{thesis.history.earliest('history_id').history_id}/"
    for data in posted_forms(client.get(url), url):
        data["change_reason"] = ["The title as first imported."]
        client.post(url, data)
    assert Thesis.objects.get().title.endswith(MARK)


def test_a_viewer_sees_an_old_version_read_only(visitors):
    people, _superuser = visitors
    client = Client()
    client.force_login(people["reviewer"])
    thesis = Thesis.objects.get()
    version = thesis.history.earliest("history_id")
    response = client.get(f"/admin/thesis/thesis/{thesis.pk}/history/{version.history_id}/")
    assert response.status_code == 200
    fields = {name for form in page_forms(response.content.decode()) for name in form_fields(form)}
    # Nothing to edit, no button to restore with, and no word of the version the record is at now.
    assert not fields & {"title", "title_note", "change_reason", "opened_version", "_save"}


def teardown_module():
    report("admin POSTs by permission", visitors=len(VISITORS), **TOTALS)
