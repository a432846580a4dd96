"""Security across the service: no way in for the anonymous, no escalation for editors, and markup in
the text escaped wherever it is rendered."""

import json
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape

from thesis.models import Author, Passage, Section, Source, Thesis

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_seed")]

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = f'<script>alert("x")</script>{IMG}'

LINKED_DATA_RE = re.compile(r'<script type="application/ld\+json">[^<]*</script>')


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def admin_urls(thesis):
    """Every page of the admin, with real objects in the URLs that need one."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        urls += [admin_url(model, "changelist"), admin_url(model, "add")]
        instance = model._default_manager.first()
        if instance is not None:
            urls += [admin_url(model, view, instance.pk) for view in ("change", "delete", "history")]
    for name in ("suspects", "suspects_apply", "suspects_ignore", "replace"):
        urls.append(reverse(f"admin:thesis_thesis_{name}", args=[thesis.pk]))
    return sorted(set(urls))


def test_the_anonymous_are_sent_to_log_in_from_every_admin_page(client, seed_thesis):
    for url in admin_urls(seed_thesis):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("admin:login")), url
    assert Passage.objects.filter(status="unreviewed").count() == 11


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw-Long-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_editors_cannot_manage_accounts_or_groups(client, editor, seed_thesis):
    client.force_login(editor)
    for url in (
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_add"),
        reverse("admin:auth_user_change", args=[editor.pk]),
        reverse("admin:auth_group_changelist"),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("admin:auth_user_change", args=[editor.pk]), {"is_superuser": "on"})
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser and editor.groups.count() == 1


@pytest.mark.parametrize("model", [Thesis, Section, Passage])
def test_editors_cannot_delete_the_text(client, editor, seed_thesis, model):
    client.force_login(editor)
    instance = model.objects.first()
    assert client.post(admin_url(model, "delete", instance.pk), {"post": "yes"}).status_code == 403
    changelist = admin_url(model, "changelist")
    action = client.post(changelist, {"action": "delete_selected", "_selected_action": [instance.pk], "post": "yes"})
    assert action.status_code in (200, 302, 403)
    assert model.objects.filter(pk=instance.pk).exists()


@pytest.fixture
def hostile(seed_thesis):
    """Markup written into every kind of text an editor can change."""
    passage = seed_thesis.passages.get(order=2)
    passage.text = f"{passage.text} {SCRIPT} жатыр.Екі"
    passage.save()
    event = seed_thesis.events.first()
    event.headline = SCRIPT
    event.description = SCRIPT
    event.save()
    source = Source.objects.filter(thesis=seed_thesis).first()
    source.title = SCRIPT
    source.save()
    author = Author.objects.filter(thesis=seed_thesis).first()
    author.display_name = SCRIPT
    author.save()
    section = seed_thesis.sections.first()
    section.title = SCRIPT
    section.save()
    return {"passage": passage, "event": event, "source": source, "author": author, "section": section}


def assert_escaped(html: str, where: str, shown: str = SCRIPT):
    """The markup is on the page as text, escaped as Django escapes it, and nowhere as markup."""
    assert "<script>alert" not in html and "<img src=x" not in html, f"raw markup rendered in {where}"
    # A page that does not show the field at all would pass the check above without escaping anything.
    assert escape(shown) in html, f"the markup is not shown in {where}, so its escaping is not tested there"


def test_markup_is_escaped_in_the_admin(admin_client, seed_thesis, hostile):
    # Each page, with the hostile text it shows; a suspect is shown with the few words before it.
    pages = {
        reverse("admin:thesis_passage_change", args=[hostile["passage"].pk]): SCRIPT,
        reverse("admin:thesis_passage_history", args=[hostile["passage"].pk]): SCRIPT,
        reverse("admin:thesis_passage_changelist"): SCRIPT,  # the section's title; the text is cut short
        reverse("admin:thesis_timelineevent_changelist"): SCRIPT,
        reverse("admin:thesis_timelineevent_change", args=[hostile["event"].pk]): SCRIPT,
        reverse("admin:thesis_source_change", args=[hostile["source"].pk]): SCRIPT,
        reverse("admin:thesis_author_changelist"): SCRIPT,
        reverse("admin:thesis_section_changelist"): SCRIPT,
        reverse("admin:thesis_section_change", args=[hostile["section"].pk]): SCRIPT,
        reverse("admin:thesis_thesis_suspects", args=[seed_thesis.pk]): IMG,
    }
    for url, shown in pages.items():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode(), url, shown)


def test_markup_is_escaped_in_the_timelinejs_export(client, hostile):
    response = client.get("/api/timeline/timelinejs/")
    assert response.status_code == 200
    events = json.loads(response.content)["events"]
    # TimelineJS renders these as HTML, so they must come escaped.
    texts = [e["text"].get("headline", "") + e["text"].get("text", "") for e in events]
    assert_escaped(" ".join(texts), "the TimelineJS export")


# Each list, with the field that carries the hostile text.
API_FIELDS = {
    "/api/passages/": "text",
    "/api/timeline/": "headline",
    "/api/sources/": "title",
    "/api/authors/": "display_name",
}


@pytest.mark.parametrize(("url", "field"), API_FIELDS.items())
def test_api_serves_json_that_browsers_will_not_run(client, hostile, url, field):
    asked_for_html = client.get(url, HTTP_ACCEPT="text/html")
    assert asked_for_html.status_code in (200, 406)
    if asked_for_html["Content-Type"].startswith("text/html"):
        assert_escaped(asked_for_html.content.decode(), url)
    else:
        assert asked_for_html["Content-Type"].startswith("application/json")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    # JSON carries the markup as a string, unchanged; its type and nosniff keep browsers from running it.
    results = json.loads(response.content)["results"]
    assert any(SCRIPT in row[field] for row in results), f"{url} does not serve the {field} it is tested on"
    for answer in (asked_for_html, response):
        assert answer["X-Content-Type-Options"] == "nosniff"


def test_docs_page_shows_no_data_and_loads_no_inline_script(client, hostile):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    # The page is the schema's viewer: the hostile text must not be there in any form, escaped or not.
    assert "onerror=alert(1)" not in response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]


def reading_pages(thesis, hostile) -> dict[str, str]:
    """Each page of the reading site, with the hostile text it shows."""
    passage = hostile["passage"]
    return {
        "/": SCRIPT,
        f"/theses/{thesis.pk}/": SCRIPT,
        f"/theses/{thesis.pk}/?view=original": SCRIPT,
        f"/theses/{thesis.pk}/?view=changes": SCRIPT,
        f"/theses/{thesis.pk}/passages/{passage.order}/": SCRIPT,
        f"/theses/{thesis.pk}/passages/{passage.order}/?version=1": SCRIPT,
        "/search/?q=alert": IMG,
        f"/search/?q={SCRIPT}": SCRIPT,
        "/people/": SCRIPT,
        f"/people/{hostile['author'].pk}/": SCRIPT,
        f"/sources/{hostile['source'].pk}/": SCRIPT,
        "/timeline/": SCRIPT,
        f"/timeline/?year={hostile['event'].start_year}": SCRIPT,
    }


@pytest.mark.parametrize("script", ["cyrl", "latn"])
def test_markup_is_escaped_on_the_reading_site(client, seed_thesis, hostile, script):
    title = f"{seed_thesis.title} {SCRIPT}"
    Thesis.objects.filter(pk=seed_thesis.pk).update(title=title)
    seed_thesis.title = title
    for url, shown in reading_pages(seed_thesis, hostile).items():
        response = client.get(f"{url}{'&' if '?' in url else '?'}script=latn" if script == "latn" else url)
        assert response.status_code == 200, url
        page = response.content.decode()
        # Latin script changes no letter of the payloads, which are ASCII, so the same check holds.
        assert_escaped(page, url, shown)
        assert "script-src 'self'" in response["Content-Security-Policy"]
        # Linked data for search engines is a data block, which no browser runs; its JSON escapes "</".
        code = LINKED_DATA_RE.sub("", page)
        assert "<script" not in code, f"{url} carries a script: the site must work without one"


def test_a_bad_parameter_is_shown_escaped(client, seed_thesis):
    response = client.get("/search/", {"q": "x", "page": SCRIPT})
    assert response.status_code == 400
    assert "<script>alert" not in response.content.decode()
