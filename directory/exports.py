"""The directory's Excel export: the filtered units list, in the import template's columns (so it
can be corrected and imported back: the import finds the header below the title lines)."""

from django.utils.translation import gettext as _

from portal.xlsx import DATE, TEXT, Table, list_export_title, xlsx_response

from .domain import imports

UNIT_KINDS = [TEXT, TEXT, TEXT, TEXT, TEXT, DATE, DATE, TEXT]


def unit_export(units, *, request, filterset=None):
    rows = [
        [
            unit.name,
            unit.short_name,
            unit.get_kind_display(),
            unit.code,
            unit.parent.code if unit.parent else "",
            unit.valid_from,
            unit.valid_until,
            unit.successor.code if unit.successor else "",
        ]
        for unit in units
    ]
    table = Table(
        _("Units"),
        imports.UNIT_HEADERS,
        rows,
        title_rows=list_export_title(_("Units of the directory"), request=request, filterset=filterset),
        kinds=UNIT_KINDS,
    )
    return xlsx_response("don-vi.xlsx", [table])
