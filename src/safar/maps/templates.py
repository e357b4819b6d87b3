"""The map templates shipped with Safar, in Persian and English.

>>> sorted(TEMPLATES)
['contact-centre', 'ecommerce', 'insurance', 'saas', 'saas-day', 'saas-future']
>>> load_template("insurance", "en").lang
'en'
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from safar.errors import InputError

if TYPE_CHECKING:
    from safar.model import JourneyMap

TEMPLATES = {
    "insurance": "Buying and using an insurance policy (current state)",
    "ecommerce": "Online food delivery / e-commerce (current state)",
    "saas": "B2B SaaS from discovery to renewal (current state)",
    "saas-day": "A day in the life of the SaaS customer",
    "saas-future": "The SaaS journey as it should be (future state, with targets)",
    "contact-centre": "Getting help from the contact centre, with its measures (current state)",
}


def load_template(name: str, lang: str) -> JourneyMap:
    if name not in TEMPLATES:
        raise InputError("template.unknown", template=name, allowed=sorted(TEMPLATES))
    if lang not in ("fa", "en"):
        raise InputError("lang.unknown", lang=lang, allowed=["fa", "en"])
    from safar.maps.validate import parse_map_bytes  # the model and YAML only when a template is read

    filename = f"{name}.{lang}.yaml"
    raw = resources.files("safar.maps").joinpath("templates").joinpath(filename).read_bytes()
    return parse_map_bytes(raw, source=f"template {filename}")
