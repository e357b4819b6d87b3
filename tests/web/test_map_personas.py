"""A map's personas made, changed, undone and removed in the browser (issue 18, item 2), each change a revision;
the API edits them the same way; a viewer only reads them; bad input is told in the page's language."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from tests.web.test_pages import new_map, site_map


def form_fields(page: str, testid: str) -> dict[str, str]:
    """The hidden fields (csrf, base revision, op, persona) of the form marked ``testid``."""
    form = page.split(f'data-testid="{testid}"')[1].split("</form>")[0]
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def post(client: TestClient, url: str, page: str, testid: str, **fields: str) -> Any:
    return client.post(f"{url}/edit", data=form_fields(page, testid) | fields)


SARA = {
    "f_name": "سارا، خریدار بار اول",
    "f_segment": "جوان",
    "f_quote": "فقط می‌خواهم بدانم پرونده‌ام کجاست",
    "f_description": "اولین خودروی خود را خریده است",
    "f_demographics": "۲۸ ساله\nتهران\n\nکارمند",
    "f_goals": "بیمه‌نامه در یک روز",
    "f_pains": "فرم‌های طولانی",
    "f_triggers": "",
    "f_data_segment": "segment=new",
}


def test_an_editor_adds_changes_undoes_and_removes_a_persona(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    personas = f"{url}/personas"
    before = site_map(ana, url)["document"]["personas"]
    page = ana.get(personas).text
    assert 'data-testid="persona-add-form"' in page and page.count('data-testid="persona-card"') == len(
        before
    )

    added = post(ana, url, page, "persona-add-form", **SARA)
    assert added.status_code == 303 and added.headers["location"].startswith(f"{personas}?saved=")
    stored = site_map(ana, url)
    sara = stored["document"]["personas"][-1]
    assert sara == {
        "id": "sara-khridar-bar-avl",
        "name": "سارا، خریدار بار اول",
        "description": "اولین خودروی خود را خریده است",
        "segment": "جوان",
        "data_segment": "segment=new",
        "quote": "فقط می‌خواهم بدانم پرونده‌ام کجاست",
        "demographics": ["۲۸ ساله", "تهران", "کارمند"],
        "goals": ["بیمه‌نامه در یک روز"],
        "pains": ["فرم‌های طولانی"],
    }
    page = ana.get(added.headers["location"]).text
    assert f"در نسخهٔ {_fa(stored['revision'])} ذخیره شد" in page
    assert "«فقط می‌خواهم بدانم پرونده‌ام کجاست»" in page and "<li>کارمند</li>" in page

    # changed in place: one more revision, the history names the persona
    card = page.split(f'id="persona-{sara["id"]}"')[1]
    changed = post(ana, url, card, "persona-edit-form", **(SARA | {"f_quote": "کی خسارتم را می‌دهید؟"}))
    assert changed.status_code == 303
    after = site_map(ana, url)
    assert after["revision"] == stored["revision"] + 1
    assert after["document"]["personas"][-1]["quote"] == "کی خسارتم را می‌دهید؟"
    history = ana.get(f"{url}/history").text
    assert "سارا، خریدار بار اول" in history and "sara-khridar-bar-avl" not in history

    # undone from the page: the map is as before the change, as a new revision
    page = ana.get(changed.headers["location"]).text
    undo = ana.post(f"{url}/revert", data=form_fields(page, "persona-undo-form"))
    assert undo.status_code == 303 and undo.headers["location"] == personas
    undone = site_map(ana, url)
    assert undone["revision"] == after["revision"] + 1
    assert undone["document"]["personas"][-1]["quote"] == "فقط می‌خواهم بدانم پرونده‌ام کجاست"

    # removed, after saying so (the box is required in the page)
    page = ana.get(personas).text
    card = page.split(f'id="persona-{sara["id"]}"')[1]
    assert 'name="sure" required' in card.split('data-testid="persona-remove-form"')[1].split("</form>")[0]
    removed = post(ana, url, card, "persona-remove-form", sure="on")
    assert removed.status_code == 303
    assert site_map(ana, url)["document"]["personas"] == before


def test_bad_persona_input_is_told_and_changes_nothing(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    page = ana.get(f"{url}/personas").text
    revision = site_map(ana, url)["revision"]
    nameless = post(ana, url, page, "persona-add-form", **(SARA | {"f_name": "  "}))
    assert nameless.status_code == 400 and "پرسونا نام لازم دارد" in nameless.text
    wrong = post(ana, url, page, "persona-add-form", **(SARA | {"f_data_segment": "returning customers"}))
    told = " ".join(re.sub(r"<[^>]+>", " ", wrong.text).split())
    assert wrong.status_code == 400 and "«returning customers» شرطی به شکل «ویژگی=مقدار» نیست" in told
    assert site_map(ana, url)["revision"] == revision


def test_the_api_edits_personas_and_a_viewer_only_reads_them(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "en")
    api = "/api/v1/workspaces/default/maps/" + url.split("/")[-1]
    headers = {"x-csrf-token": site.csrf(ana.get("/login").text)}
    revision = site_map(ana, url)["revision"]
    made = ana.post(
        f"{api}/edits",
        json={
            "op": "add_persona",
            "base_revision": revision,
            "fields": {
                "name": "Reza, fleet manager",
                "demographics": ["45", "Isfahan"],
                "quote": "One invoice, please",
            },
        },
        headers=headers,
    )
    assert made.status_code == 200, made.text
    persona = site_map(ana, url)["document"]["personas"][-1]
    assert (persona["id"], persona["demographics"], persona["quote"]) == (
        "reza-fleet-manager",
        ["45", "Isfahan"],
        "One invoice, please",
    )
    unknown = ana.post(
        f"{api}/edits",
        json={"op": "remove_persona", "persona": "nobody", "base_revision": revision + 1},
        headers=headers,
    )
    assert unknown.status_code == 400 and "nobody" in unknown.text and "reza-fleet-manager" in unknown.text
    vic = site.client("vic")
    page = vic.get(f"{url}/personas?lang=en").text
    assert (
        "One invoice, please" in page and "persona-add-form" not in page and "persona-edit-form" not in page
    )


def _fa(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_a_persona_gets_a_photo_kept_small_in_the_map_and_a_non_picture_is_refused(site: Any) -> None:
    import base64
    import io

    from PIL import Image

    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    persona = site_map(ana, url)["document"]["personas"][0]
    page = ana.get(f"{url}/personas").text
    card = page.split(f'id="persona-{persona["id"]}"')[1]
    fields = form_fields(card, "persona-photo-form")
    picture = io.BytesIO()
    Image.new("RGB", (1200, 600), (20, 120, 140)).save(picture, "PNG")
    sent = ana.post(
        f"{url}/personas/{persona['id']}/photo",
        data=fields,
        files={"photo": ("sara.png", picture.getvalue(), "image/png")},
    )
    assert sent.status_code == 303 and sent.headers["location"].startswith(f"{url}/personas?saved=")
    photo = site_map(ana, url)["document"]["personas"][0]["photo"]
    assert photo.startswith("data:image/jpeg;base64,")
    with Image.open(io.BytesIO(base64.b64decode(photo.split(",", 1)[1]))) as stored:
        assert (stored.format, stored.size) == ("JPEG", (256, 128))
    page = ana.get(f"{url}/personas").text
    assert f'src="{photo}"' in page and 'data-testid="persona-photo"' in page
    assert f'src="{photo}"' in ana.get(url).text  # the canvas's personas box too
    history = text_of(ana.get(f"{url}/history").text)
    assert "عکس" in history and "یک تصویر" in history and "data:image" not in history

    revision = site_map(ana, url)["revision"]
    fields = form_fields(page.split(f'id="persona-{persona["id"]}"')[1], "persona-photo-form")
    refused = ana.post(
        f"{url}/personas/{persona['id']}/photo",
        data=fields,
        files={"photo": ("notes.txt", b"not a picture at all", "text/plain")},
    )
    assert refused.status_code == 400 and "«notes.txt» تصویری نیست که سفر بخواند" in text_of(refused.text)
    assert site_map(ana, url)["revision"] == revision
    removed = ana.post(f"{url}/personas/{persona['id']}/photo", data=fields | {"remove": "1"})
    assert removed.status_code == 303 and "photo" not in site_map(ana, url)["document"]["personas"][0]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_pdf_carries_a_personas_photo_and_quote(site: Any) -> None:
    """The A4 PDF's cover lists the personas with their photo (an image in the file) and their quote."""
    import io

    import pypdfium2
    import pypdfium2.raw as pdfium_c
    from PIL import Image

    def cover(content: bytes) -> tuple[str, int]:
        """The cover page's text and how many images it holds."""
        document = pypdfium2.PdfDocument(content)
        try:
            page = document[0]
            images = page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=5)
            return " ".join(page.get_textpage().get_text_range().split()), len(list(images))
        finally:
            document.close()

    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "en")
    persona = site_map(ana, url)["document"]["personas"][0]
    _, before = cover(ana.get(f"{url}/export.pdf").content)
    page = ana.get(f"{url}/personas?lang=en").text
    fields = form_fields(page.split(f'id="persona-{persona["id"]}"')[1], "persona-photo-form")
    picture = io.BytesIO()
    Image.new("RGB", (300, 300), (200, 80, 40)).save(picture, "PNG")
    ana.post(
        f"{url}/personas/{persona['id']}/photo", data=fields, files={"photo": ("p.png", picture.getvalue())}
    )
    card = ana.get(f"{url}/personas?lang=en").text.split(f'id="persona-{persona["id"]}"')[1]
    edited = post(
        ana, url, card, "persona-edit-form", f_name=persona["name"], f_quote="Just tell me where my claim is"
    )
    assert edited.status_code == 303
    text, after = cover(ana.get(f"{url}/export.pdf").content)
    assert "Just tell me where my claim is" in text and after == before + 1
