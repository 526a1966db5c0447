"""Demo data for movements: the seven Nam Định movements of its 2023 report (seed 004), the
Bắc Giang 2022 movement with its six contents (seed 003) and the national movements named by the
Red River Delta cluster (seed 001). Figures come from those articles; anything invented is marked
"dữ liệu mẫu" (sample data). Running it twice changes nothing."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from directory.enums import UnitKind
from directory.models import Person, Unit

from ..enums import MovementKind, MovementLevel, MovementScope, MovementState, ReviewKind, TargetDirection
from ..models import Movement, MovementDocument, MovementReview, ProgressEntry, Registration, ReviewHonouree, Target

SAMPLE = "dữ liệu mẫu"
ND_REPORT = "Báo cáo kết quả các phong trào thi đua tỉnh Nam Định năm 2023"

ND_DEPARTMENTS = ["ND-SNV", "ND-SNNPTNT", "ND-SLDTBXH", "ND-SVHTTDL", "ND-SGDDT", "ND-STP", "ND-SKHDT", "ND-SGTVT"]
BG_DEPARTMENTS = ["BG-SNV", "BG-SKHDT", "BG-SYT", "BG-SGDDT", "BG-SCT"]

# code, name, level, kind, authority, plan number, plan date, start, end, lead, state, objectives
MOVEMENTS = [
    (
        "ND-NTM-2021",
        "Nam Định chung sức xây dựng nông thôn mới nâng cao, kiểu mẫu giai đoạn 2021-2025",
        MovementLevel.PROVINCIAL,
        MovementKind.THEMATIC,
        "UBND tỉnh Nam Định",
        "79/KH-UBND",
        date(2022, 6, 13),
        date(2021, 1, 1),
        date(2025, 12, 31),
        "ND-SNNPTNT",
        MovementState.INTERIM_REVIEWED,
        "Đến năm 2025 cơ bản các xã, thị trấn đạt chuẩn nông thôn mới nâng cao; có 25% số xã trở lên đạt "
        "chuẩn nông thôn mới kiểu mẫu; 50% số huyện đạt chuẩn nông thôn mới nâng cao và có huyện đạt chuẩn "
        "nông thôn mới kiểu mẫu.",
    ),
    (
        "ND-GN-2021",
        "Vì người nghèo - Không để ai bị bỏ lại phía sau giai đoạn 2021-2025",
        MovementLevel.PROVINCIAL,
        MovementKind.THEMATIC,
        "UBND tỉnh Nam Định",
        "85/KH-UBND",
        date(2022, 6, 30),
        date(2021, 1, 1),
        date(2025, 12, 31),
        "ND-SLDTBXH",
        MovementState.RUNNING,
        "Giảm tỷ lệ hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều; hoàn thành Chương trình mục tiêu quốc gia "
        "giảm nghèo bền vững giai đoạn 2021-2025.",
    ),
    (
        "ND-VHCS-2019",
        "Cán bộ, công chức, viên chức tỉnh Nam Định thi đua thực hiện văn hóa công sở giai đoạn 2019-2025",
        MovementLevel.NATIONAL,
        MovementKind.THEMATIC,
        "Thủ tướng Chính phủ (UBND tỉnh Nam Định triển khai)",
        "103/KH-UBND",
        date(2019, 7, 30),
        date(2019, 7, 30),
        date(2025, 12, 31),
        "ND-SNV",
        MovementState.RUNNING,
        "Nâng cao văn hóa công sở, đạo đức công vụ; hình thành phong cách ứng xử, tính chuyên nghiệp, lề lối làm "
        "việc chuẩn mực của cán bộ, công chức, viên chức.",
    ),
    (
        "ND-CCHC-2021",
        "Đẩy mạnh cải cách hành chính tỉnh Nam Định giai đoạn 2021-2025",
        MovementLevel.PROVINCIAL,
        MovementKind.THEMATIC,
        "UBND tỉnh Nam Định",
        "125/KH-UBND",
        date(2021, 10, 28),
        date(2021, 10, 28),
        date(2025, 12, 31),
        "ND-SNV",
        MovementState.RUNNING,
        "Cải thiện, tăng bậc các chỉ số năng lực cạnh tranh, cải cách hành chính và chuyển đổi số của tỉnh.",
    ),
    (
        "ND-DSVH-2021",
        "Toàn dân đoàn kết xây dựng đời sống văn hóa tỉnh Nam Định giai đoạn 2021-2026",
        MovementLevel.PROVINCIAL,
        MovementKind.THEMATIC,
        "UBND tỉnh Nam Định",
        "",
        None,
        date(2021, 1, 1),
        date(2026, 12, 31),
        "ND-SVHTTDL",
        MovementState.RUNNING,
        "Xây dựng gia đình văn hóa, làng, thôn, tổ dân phố văn hóa; cơ quan, đơn vị, doanh nghiệp đạt chuẩn văn "
        "hóa; thiết chế văn hóa - thể thao cơ sở.",
    ),
    (
        "ND-HTTK-2022",
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí",
        MovementLevel.NATIONAL,
        MovementKind.THEMATIC,
        "Thủ tướng Chính phủ",
        "",
        None,
        date(2022, 1, 1),
        date(2030, 12, 31),
        "ND-SKHDT",
        MovementState.RUNNING,
        "Phát triển kết cấu hạ tầng kinh tế, xã hội đồng bộ, hiện đại gắn với bảo vệ môi trường; thực hành tiết "
        "kiệm, chống lãng phí; tinh gọn bộ máy. (Đơn vị chủ trì là dữ liệu mẫu.)",
    ),
    (
        "ND-GPMB-2022",
        "Đẩy nhanh tiến độ giải phóng mặt bằng, hoàn thành sớm các công trình, dự án trọng điểm trên địa bàn "
        "tỉnh Nam Định giai đoạn 2022-2025",
        MovementLevel.PROVINCIAL,
        MovementKind.THEMATIC,
        "UBND tỉnh Nam Định",
        "",
        None,
        date(2022, 1, 1),
        date(2025, 12, 31),
        "ND-SNV",
        MovementState.DRAFT,
        "Sở Nội vụ chủ trì hoàn thiện dự thảo kế hoạch, đề nghị UBND tỉnh ban hành (thực hiện Kế hoạch số "
        "27/KH-UBND ngày 13/02/2023 và Thông báo số 68/TB-UBND ngày 21/3/2023).",
    ),
    (
        "BG-TD-2022",
        "Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi “mục tiêu kép”, hoàn thành toàn diện các mục tiêu, "
        "chỉ tiêu, nhiệm vụ năm 2022 (tỉnh Bắc Giang)",
        MovementLevel.PROVINCIAL,
        MovementKind.REGULAR,
        "Chủ tịch UBND tỉnh Bắc Giang (phát động ngày 18/01/2022)",
        "",
        None,
        date(2022, 1, 18),
        date(2022, 12, 31),
        "BG-SNV",
        MovementState.CLOSED,
        "1. Thực hiện có hiệu quả Kế hoạch tổng thể phòng, chống dịch COVID-19 trong tình hình mới.\n"
        "2. Đẩy mạnh thi đua cải cách hành chính; cải thiện PCI, PAR Index, ICT Index, PAPI, SIPAS.\n"
        "3. Phát triển đồng bộ công nghiệp, nông nghiệp, xây dựng, đô thị và dịch vụ; phong trào “Bắc Giang "
        "chung sức xây dựng nông thôn mới”.\n"
        "4. Phát triển toàn diện các lĩnh vực văn hóa, xã hội, giáo dục, y tế, khoa học công nghệ.\n"
        "5. Thực hiện tốt nhiệm vụ quốc phòng - an ninh, đối ngoại; phong trào “Toàn dân bảo vệ an ninh Tổ quốc”.\n"
        "6. Đổi mới, nâng cao chất lượng công tác thi đua, khen thưởng.",
    ),
    (
        "TW-COVID",
        "Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng chống và chiến thắng đại dịch COVID-19",
        MovementLevel.NATIONAL,
        MovementKind.THEMATIC,
        "Thủ tướng Chính phủ",
        "",
        None,
        None,
        None,
        None,
        MovementState.RUNNING,
        "",
    ),
    (
        "TW-NTM",
        "Cả nước chung sức xây dựng nông thôn mới",
        MovementLevel.NATIONAL,
        MovementKind.THEMATIC,
        "Thủ tướng Chính phủ",
        "",
        None,
        None,
        None,
        None,
        MovementState.RUNNING,
        "Cụm thi đua các tỉnh Đồng bằng sông Hồng, 6 tháng đầu năm 2022: 1.283 xã đạt chuẩn nông thôn mới, "
        "321 xã nông thôn mới nâng cao, 43 xã nông thôn mới kiểu mẫu; 72/81 huyện đạt chuẩn.",
    ),
    (
        "TW-GN",
        "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
        MovementLevel.NATIONAL,
        MovementKind.THEMATIC,
        "Thủ tướng Chính phủ",
        "",
        None,
        None,
        None,
        None,
        MovementState.RUNNING,
        "",
    ),
]

# movement code -> [(indicator, unit, direction, baseline, target, deadline, [(date, value, source)])]
TARGETS = {
    "ND-NTM-2021": [
        (
            "Số xã, thị trấn đạt chuẩn nông thôn mới nâng cao",
            "xã, thị trấn",
            TargetDirection.HIGHER,
            None,
            Decimal(204),
            date(2025, 12, 31),
            [(date(2023, 6, 30), Decimal(189), f"{ND_REPORT}: 189 xã, thị trấn (92,64%)")],
        ),
        (
            "Tỷ lệ xã đạt chuẩn nông thôn mới kiểu mẫu",
            "%",
            TargetDirection.HIGHER,
            None,
            Decimal(25),
            date(2025, 12, 31),
            [
                (date(2022, 12, 31), Decimal("6.86"), f"14 xã đạt chuẩn kiểu mẫu năm 2022 / 204 ({ND_REPORT})"),
                (date(2023, 6, 30), Decimal("8.82"), f"18 xã kiểu mẫu / 204 xã, thị trấn ({ND_REPORT})"),
            ],
        ),
        ("Tỷ lệ huyện đạt chuẩn nông thôn mới nâng cao", "%", TargetDirection.HIGHER, None, 50, date(2025, 12, 31), []),
    ],
    "ND-GN-2021": [
        (
            f"Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều (mục tiêu 1% là {SAMPLE})",
            "%",
            TargetDirection.LOWER,
            Decimal("1.74"),
            Decimal("1.0"),
            date(2025, 12, 31),
            [
                (date(2021, 12, 31), Decimal("1.74"), ND_REPORT),
                (date(2022, 12, 31), Decimal("1.32"), ND_REPORT),
            ],
        ),
        (
            f"Tỷ lệ hộ cận nghèo (mục tiêu 5% là {SAMPLE})",
            "%",
            TargetDirection.LOWER,
            Decimal("6.78"),
            Decimal("5.0"),
            date(2025, 12, 31),
            [
                (date(2021, 12, 31), Decimal("6.78"), ND_REPORT),
                (date(2022, 12, 31), Decimal("5.5"), f"{ND_REPORT}: “dưới 5,5%”"),
            ],
        ),
    ],
    "ND-CCHC-2021": [
        (
            f"Tỷ lệ hồ sơ giải quyết đúng và trước hạn trên Cổng dịch vụ công (mục tiêu là {SAMPLE})",
            "%",
            TargetDirection.HIGHER,
            None,
            Decimal(100),
            date(2025, 12, 31),
            [(date(2023, 6, 30), Decimal("99.9"), f"{ND_REPORT}, quý II/2023")],
        ),
    ],
    "ND-DSVH-2021": [
        (
            f"Tỷ lệ hộ gia đình được công nhận “Gia đình văn hóa” (mục tiêu là {SAMPLE})",
            "%",
            TargetDirection.HIGHER,
            None,
            Decimal(95),
            date(2026, 12, 31),
            [(date(2022, 12, 31), Decimal("93.16"), f"578.453/620.899 hộ ({ND_REPORT})")],
        ),
        (
            f"Tỷ lệ cơ quan, đơn vị, doanh nghiệp đạt chuẩn văn hóa (mục tiêu là {SAMPLE})",
            "%",
            TargetDirection.HIGHER,
            None,
            Decimal(90),
            date(2026, 12, 31),
            [(date(2021, 12, 31), Decimal("85.5"), ND_REPORT), (date(2022, 12, 31), Decimal("85.8"), ND_REPORT)],
        ),
    ],
}

PARTICIPANTS = {
    "ND-VHCS-2019": ND_DEPARTMENTS,
    "ND-CCHC-2021": ND_DEPARTMENTS,
    "ND-NTM-2021": ["ND-SNNPTNT", "ND-SKHDT", "ND-SGTVT", "ND-SVHTTDL", "ND-SLDTBXH"],
    "BG-TD-2022": BG_DEPARTMENTS,
}
# Registrations are sample data: the articles do not say which units registered.
REGISTRATIONS = {
    "ND-VHCS-2019": [
        ("ND-SNV", "Xây dựng cơ quan văn minh, hiện đại, xanh, sạch, đẹp; chấp hành nghiêm kỷ cương hành chính."),
        ("ND-SVHTTDL", "Phát động thi đua trong toàn ngành; giữ gìn cơ quan văn minh, xanh, sạch, đẹp."),
        ("ND-STTTT", "Chuẩn mực trong giao tiếp, ứng xử, phục vụ nhân dân."),
    ],
    "BG-TD-2022": [
        ("BG-SNV", "Đổi mới, nâng cao chất lượng công tác thi đua, khen thưởng."),
        ("BG-SYT", "Thực hiện hiệu quả kế hoạch phòng, chống dịch COVID-19."),
    ],
}


# Documents the articles cite for each movement (no files: the portal keeps their references).
DOCUMENTS = {
    "ND-NTM-2021": [("79/KH-UBND", "Kế hoạch tổ chức thực hiện phong trào thi đua", date(2022, 6, 13))],
    "ND-GN-2021": [("85/KH-UBND", "Kế hoạch thực hiện phong trào thi đua", date(2022, 6, 30))],
    "ND-VHCS-2019": [("103/KH-UBND", "Kế hoạch tổ chức thực hiện phong trào thi đua", date(2019, 7, 30))],
    "ND-CCHC-2021": [
        (
            "76/NQ-CP",
            "Nghị quyết ban hành Chương trình tổng thể cải cách hành chính nhà nước 2021-2030",
            date(2021, 7, 15),
        ),
        ("04-NQ/TU", "Nghị quyết về đẩy mạnh cải cách hành chính tỉnh Nam Định 2021-2025", date(2021, 6, 18)),
        ("125/KH-UBND", "Kế hoạch phát động và triển khai phong trào thi đua", date(2021, 10, 28)),
    ],
    "ND-GPMB-2022": [
        (
            "27/KH-UBND",
            "Kế hoạch tổ chức thực hiện các phong trào thi đua và công tác khen thưởng năm 2023",
            date(2023, 2, 13),
        ),
        ("68/TB-UBND", "Thông báo kết luận Hội nghị tổng kết công tác giải phóng mặt bằng", date(2023, 3, 21)),
    ],
}


# Issue 14 (statistical form 0601.N counts movements by launching level, scope, duration and method):
# a few more movements of Ninh Bình so every row has one, and each demo movement's scope.
FORM_MOVEMENTS = [
    (
        "NB-TDTX-2025",
        "Phong trào thi đua thường xuyên năm 2025 của Sở Nội vụ tỉnh Ninh Bình",
        MovementLevel.DEPARTMENTAL,
        MovementKind.REGULAR,
        "Giám đốc Sở Nội vụ tỉnh Ninh Bình",
        "12/KH-SNV",
        date(2025, 1, 10),
        date(2025, 1, 1),
        date(2025, 12, 31),
        "NB-SNV",
        MovementState.RUNNING,
        "Hoàn thành xuất sắc nhiệm vụ chính trị năm 2025 của ngành Nội vụ.",
    ),
    (
        "NB-CDS-2025",
        "Thi đua đẩy mạnh chuyển đổi số trong các cơ quan, đơn vị 6 tháng cuối năm 2025",
        MovementLevel.DEPARTMENTAL,
        MovementKind.THEMATIC,
        "Giám đốc Sở Khoa học và Công nghệ tỉnh Ninh Bình",
        "45/KH-SKHCN",
        date(2025, 6, 20),
        date(2025, 7, 1),
        date(2025, 12, 31),
        "NB-SKHCN",
        MovementState.RUNNING,
        "100% hồ sơ thủ tục hành chính được số hóa; 90% văn bản được ký số.",
    ),
    (
        "NB-KHOI-2024",
        "Khối thi đua các sở, ban, ngành tỉnh Ninh Bình thi đua cải cách hành chính giai đoạn 2024-2025",
        MovementLevel.PROVINCIAL,
        MovementKind.THEMATIC,
        "Hội đồng Thi đua - Khen thưởng tỉnh Ninh Bình",
        "08/KH-HĐTĐKT",
        date(2024, 2, 1),
        date(2024, 3, 1),
        date(2025, 12, 31),
        "NB-SNV",
        MovementState.RUNNING,
        "Nâng chỉ số cải cách hành chính của các sở, ban, ngành trong Khối.",
    ),
    (
        "NB-GDDT-2022",
        "Ngành Giáo dục Ninh Bình thi đua đổi mới, sáng tạo trong dạy và học giai đoạn 2022-2025",
        MovementLevel.DEPARTMENTAL,
        MovementKind.THEMATIC,
        "Giám đốc Sở Giáo dục và Đào tạo tỉnh Ninh Bình",
        "30/KH-SGDĐT",
        date(2022, 8, 15),
        date(2022, 9, 1),
        date(2025, 8, 31),
        "NB-SGDDT",
        MovementState.RUNNING,
        "Mỗi trường có ít nhất một sáng kiến đổi mới phương pháp dạy học được công nhận mỗi năm học.",
    ),
]
MOVEMENTS += FORM_MOVEMENTS
SCOPES = {
    "ND-NTM-2021": MovementScope.SECTOR,
    "ND-GN-2021": MovementScope.SECTOR,
    "ND-VHCS-2019": MovementScope.NATIONAL,
    "ND-CCHC-2021": MovementScope.SECTOR,
    "ND-DSVH-2021": MovementScope.SECTOR,
    "ND-HTTK-2022": MovementScope.NATIONAL,
    "ND-GPMB-2022": MovementScope.SECTOR,
    "BG-TD-2022": MovementScope.SECTOR,
    "TW-COVID": MovementScope.NATIONAL,
    "TW-NTM": MovementScope.NATIONAL,
    "TW-GN": MovementScope.NATIONAL,
    "NB-TDTX-2025": MovementScope.UNIT,
    "NB-CDS-2025": MovementScope.UNIT,
    "NB-KHOI-2024": MovementScope.CLUSTER,
    "NB-GDDT-2022": MovementScope.SECTOR,
}


def seed_scopes(movements):
    """Each demo movement's scope (form 0601.N); a scope an officer changed since is changed back."""
    for code, scope in SCOPES.items():
        movement = movements.get(code)
        if movement is not None and movement.scope != scope:
            movement.scope = scope
            movement.save(update_fields=["scope"])


def seed_documents(movements):
    for code, documents in DOCUMENTS.items():
        for number, title, issued_on in documents:
            MovementDocument.objects.get_or_create(
                movement=movements[code], number=number, defaults={"title": title, "issued_on": issued_on}
            )


def _units():
    return {unit.code: unit for unit in Unit.objects.exclude(code="")}


def seed_movements(units):
    movements = {}
    for code, name, level, kind, authority, plan_number, plan_date, starts, ends, lead, state, aims in MOVEMENTS:
        movement = Movement.objects.filter(code=code).first()
        if movement is None:
            movement = Movement.objects.create(
                code=code,
                name=name,
                level=level,
                kind=kind,
                launching_authority=authority,
                plan_number=plan_number,
                plan_date=plan_date,
                starts_on=starts,
                ends_on=ends,
                lead_unit=units.get(lead) if lead else None,
                standing_unit=units.get("ND-SNV") if code.startswith("ND-") else units.get(lead) if lead else None,
                state=state,
                objectives=aims,
            )
        movements[code] = movement
        wanted = [units[unit_code] for unit_code in PARTICIPANTS.get(code, []) if unit_code in units]
        if wanted:
            movement.participants.add(*wanted)  # adding what is already there writes nothing
    return movements


def seed_targets(movements):
    for code, targets in TARGETS.items():
        movement = movements[code]
        for position, (indicator, measure, direction, baseline, value, deadline, progress) in enumerate(targets):
            target = Target.objects.filter(movement=movement, indicator=indicator).first()
            if target is None:
                target = Target.objects.create(
                    movement=movement,
                    indicator=indicator,
                    unit_of_measure=measure,
                    direction=direction,
                    baseline_value=baseline,
                    target_value=value,
                    deadline=deadline,
                    position=position,
                )
            for recorded_on, amount, source in progress:
                if not ProgressEntry.objects.filter(target=target, recorded_on=recorded_on).exists():
                    ProgressEntry.objects.create(
                        target=target, recorded_on=recorded_on, value=amount, source=source, unit=movement.lead_unit
                    )


def seed_registrations(movements, units):
    for code, rows in REGISTRATIONS.items():
        for unit_code, commitments in rows:
            unit = units.get(unit_code)
            if unit is None:
                continue
            Registration.objects.get_or_create(
                movement=movements[code],
                unit=unit,
                defaults={"commitments": f"{commitments} ({SAMPLE})", "aimed_titles": "Tập thể lao động xuất sắc"},
            )
            movements[code].participants.add(unit)


def seed_review(movements, units):
    """The new-rural movement's interim review naming the Giao Phong commune chairman (seed 004)."""
    movement = movements["ND-NTM-2021"]
    review = MovementReview.objects.filter(movement=movement, kind=ReviewKind.INTERIM).first()
    if review is None:
        review = MovementReview.objects.create(
            movement=movement,
            kind=ReviewKind.INTERIM,
            held_on=date(2023, 7, 15),
            summary=(
                "Tính đến tháng 6/2023, toàn tỉnh có 189 xã, thị trấn (92,64%) đạt chuẩn nông thôn mới nâng cao, "
                "18 xã đạt chuẩn nông thôn mới kiểu mẫu. Xã Giao Phong, huyện Giao Thủy là một trong 9 mô hình thí "
                f"điểm của cả nước về xây dựng nông thôn mới thông minh. (Ngày hội nghị là {SAMPLE}.)"
            ),
        )
    province = Unit.objects.filter(code="36").first()
    commune = Unit.objects.filter(name="Xã Giao Phong, huyện Giao Thủy").first()
    if commune is None:
        commune = Unit.objects.create(name="Xã Giao Phong, huyện Giao Thủy", kind=UnitKind.COMMUNE, parent=province)
    person = Person.objects.filter(full_name="Phạm Văn Sơn", unit=commune).first()
    if person is None:
        person = Person.objects.create(
            full_name="Phạm Văn Sơn",
            gender="male",
            position="Phó Bí thư Đảng ủy, Chủ tịch UBND xã Giao Phong",
            unit=commune,
        )
    ReviewHonouree.objects.get_or_create(
        review=review, person=person, defaults={"note": "Điển hình tiên tiến trong phong trào xây dựng nông thôn mới"}
    )
    ReviewHonouree.objects.get_or_create(
        review=review, unit=commune, defaults={"note": "Mô hình thí điểm xây dựng nông thôn mới thông minh"}
    )


@transaction.atomic
def seed(*, with_logins):
    """Load the movements' demo data (after the directory's). Creates no logins."""
    units = _units()
    movements = seed_movements(units)
    seed_scopes(movements)
    seed_targets(movements)
    seed_registrations(movements, units)
    seed_review(movements, units)
    seed_documents(movements)
    return []
