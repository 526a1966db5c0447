"""The movements' Excel exports: the filtered list and one movement's targets and progress.

Each starts with its title (`portal.xlsx.export_title`: what, the movement or the filters, when
and by whom); dates are date cells (dd/mm/yyyy), values number cells, codes and names text.
"""

from django.utils.translation import gettext as _

from portal.xlsx import DATE, INTEGER, NUMBER, TEXT, Table, export_title, list_export_title, xlsx_response

MOVEMENT_HEADERS = [
    "Mã",
    "Tên phong trào",
    "Cấp phát động",
    "Loại",
    "Cơ quan phát động",
    "Số kế hoạch",
    "Ngày kế hoạch",
    "Từ ngày",
    "Đến ngày",
    "Đơn vị chủ trì",
    "Trạng thái",
    "Số chỉ tiêu",
    "Số đơn vị đăng ký",
    "Phạm vi",  # issue 14 (form 0601.N); last, so the earlier columns keep their places
]
MOVEMENT_KINDS = [TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, DATE, DATE, DATE, TEXT, TEXT, INTEGER, INTEGER, TEXT]

TARGET_HEADERS = ["Chỉ tiêu", "Đơn vị tính", "Giá trị mục tiêu", "Thời hạn", "Ngày số liệu", "Giá trị", "% mục tiêu"]
TARGET_KINDS = [TEXT, TEXT, NUMBER, DATE, DATE, NUMBER, NUMBER]
PROGRESS_HEADERS = ["Chỉ tiêu", "Ngày số liệu", "Giá trị", "Đơn vị báo cáo", "Nguồn số liệu"]
PROGRESS_KINDS = [TEXT, DATE, NUMBER, TEXT, TEXT]


def movement_list_export(movements, *, request, filterset=None):
    """The filtered movements list (annotated with target_count and registration_count) as .xlsx."""
    rows = [
        [
            movement.code,
            movement.name,
            movement.get_level_display(),
            movement.get_kind_display(),
            movement.launching_authority,
            movement.plan_number,
            movement.plan_date,
            movement.starts_on,
            movement.ends_on,
            movement.lead_unit.name if movement.lead_unit else "",
            movement.get_state_display(),
            movement.target_count,
            movement.registration_count,
            movement.get_scope_display(),
        ]
        for movement in movements
    ]
    table = Table(
        _("Movements"),
        MOVEMENT_HEADERS,
        rows,
        title_rows=list_export_title(_("Emulation movements"), request=request, filterset=filterset),
        kinds=MOVEMENT_KINDS,
        total_columns=(11, 12),
    )
    return xlsx_response("phong-trao-thi-dua.xlsx", [table])


def movement_targets_export(movement, statuses, *, request):
    """The movement's targets (latest value and percentage) and every progress value, as .xlsx.

    `statuses` are `movements.domain.progress.statuses_for(...)` of its targets with their progress.
    """
    target_rows = [
        [
            status.target.indicator,
            status.target.unit_of_measure,
            status.target.target_value,
            status.target.deadline,
            status.latest.recorded_on if status.latest else None,
            status.latest.value if status.latest else None,
            status.percent,
        ]
        for status in statuses
    ]
    progress_rows = [
        [status.target.indicator, entry.recorded_on, entry.value, entry.unit.name if entry.unit else "", entry.source]
        for status in statuses
        for entry in status.entries
    ]
    heading = _("Movement {code}: {name}").format(code=movement.code, name=movement.name)
    return xlsx_response(
        f"chi-tieu-{movement.code}.xlsx".replace("/", "-"),
        [
            Table(
                _("Targets"),
                TARGET_HEADERS,
                target_rows,
                title_rows=export_title(_("Targets of the movement"), context=[heading], by=request.user),
                kinds=TARGET_KINDS,
            ),
            Table(
                _("Progress"),
                PROGRESS_HEADERS,
                progress_rows,
                title_rows=export_title(_("Progress of the movement's targets"), context=[heading], by=request.user),
                kinds=PROGRESS_KINDS,
            ),
        ],
    )
