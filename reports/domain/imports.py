"""The member report's figures from Excel (the template `report_template` gives): all rows or none.

The columns are declared once (`FIGURE_COLUMNS`) and read by the shared pipeline `portal.imports`;
figures go through `portal.numbers.parse_number` within the bounds of `IndicatorValue.value`.
"""

from django.utils.translation import gettext as _

from portal.imports import NUMBER, Column, ImportSpec, run_import
from portal.models import ImportKind

from ..models import Indicator, IndicatorValue
from .member_reports import TEMPLATE_HEADERS, save_figures

CODE, NAME, MEASURE, VALUE = TEMPLATE_HEADERS
FIGURE_COLUMNS = ImportSpec(
    Column(CODE, "code", field=Indicator._meta.get_field("code"), required=True),
    Column(NAME, "name"),
    Column(MEASURE, "measure_unit"),
    Column(VALUE, "value", kind=NUMBER, field=IndicatorValue._meta.get_field("value"), bounds={"percent": True}),
)


def import_figures(*, report, uploaded_file, by):
    """Replace the report's figures with those of an uploaded template: every row valid, or nothing written.

    Side effects: as `save_figures` (locks the report, writes IndicatorValue rows) in one
    transaction; raises ImportFailed (rows), UploadRejected (the file) or ReportError (submitted).
    """
    return run_import(
        uploaded_file,
        spec=FIGURE_COLUMNS,
        apply=lambda batch: _write_figures(report, batch),
        kind=ImportKind.REPORT_FIGURES,
        by=by,
        subject=str(report),
    )


def _write_figures(report, batch):
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    values, rows_by_code = {}, {}
    for row in batch.rows:
        code = row["code"]
        if code is None:
            continue
        indicator = indicators.get(code)
        if indicator is None:
            batch.error(row, _('Unknown indicator code "{code}".').format(code=code))
            continue
        if code in rows_by_code:
            batch.error(
                row, _("The code {code} already appears on row {other}.").format(code=code, other=rows_by_code[code])
            )
            continue
        rows_by_code[code] = row.number
        if not row.failed:
            values[indicator] = row["value"]
    batch.check()
    return save_figures(report=report, values=values)
