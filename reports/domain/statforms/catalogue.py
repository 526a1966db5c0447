"""The shipped form versions (reports/data/statforms/*.json) and which version a year files."""

import datetime
import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "statforms"


def shipped():
    """The shipped definitions, as dicts, in form-code order."""
    return sorted(
        (json.loads(path.read_text(encoding="utf-8")) for path in DATA.glob("*.json")), key=lambda d: d["code"]
    )


def install(form_model):
    """Create the shipped versions an installation lacks (by code and date); leave edited ones alone.
    Works with the historical model in a migration. Returns the codes created."""
    created = []
    for entry in shipped():
        valid_from = datetime.date.fromisoformat(entry["valid_from"])
        _form, made = form_model.objects.get_or_create(
            code=entry["code"],
            valid_from=valid_from,
            defaults={
                "title": entry["title"],
                "legal_basis": entry["legal_basis"],
                "count_unit": entry["count_unit"],
                "dataset": entry["dataset"],
                "definition": entry["definition"],
            },
        )
        if made:
            created.append(entry["code"])
    return created


def receipt_day(year):
    """The forms are received on 15 December of the report year: the version in force then is filed."""
    return datetime.date(year, 12, 15)
