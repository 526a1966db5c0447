"""Demo data for reports: the indicator catalogue, the South-western cluster's H1 2019 conference
with all twelve members' figures, the Red River Delta cluster's H1 2022 conference and the Ninh
Bình bloc's 2023 conference. Running it twice changes nothing.

Figures come from the seed articles where they give them; the others are plausible sample
figures chosen so that the cluster aggregates match the articles, and are stored with
`sample=True` (shown as "sample data").
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clusters.enums import ClusterKind, OrganisingLevel
from clusters.models import Cluster, Term, TermMember
from directory.domain.demo import DEMO_PASSWORD, DemoLogin
from directory.enums import UnitKind
from directory.models import Unit, User

from ..enums import Aggregation, ConferenceKind, MeasureUnit, Period, ReportStatus
from ..models import ClusterReport, Conference, ConferenceAttendee, Indicator, IndicatorValue, MemberReport

SOUTH_WEST = "Cụm thi đua các tỉnh Tây Nam bộ"
RED_RIVER = "Cụm thi đua các tỉnh đồng bằng sông Hồng"
NINH_BINH_BLOC = "Khối thi đua các huyện, thành phố tỉnh Ninh Bình"

# code, name, unit, higher is better, aggregation, threshold, in chart
INDICATORS = [
    ("grdp-growth", "Tốc độ tăng trưởng kinh tế (GRDP)", MeasureUnit.PERCENT, True, Aggregation.AVERAGE, None, True),
    ("budget-vs-plan", "Thu ngân sách so với kế hoạch năm", MeasureUnit.PERCENT, True, Aggregation.AVERAGE, "55", True),
    ("exports", "Kim ngạch xuất khẩu", MeasureUnit.BILLION_USD, True, Aggregation.SUM, None, False),
    ("exports-vs-plan", "Xuất khẩu so với kế hoạch năm", MeasureUnit.PERCENT, True, Aggregation.AVERAGE, "50", False),
    ("industrial-output", "Giá trị sản xuất công nghiệp", MeasureUnit.BILLION_VND, True, Aggregation.SUM, None, False),
    ("tourists", "Lượt khách du lịch", MeasureUnit.VISITORS, True, Aggregation.SUM, None, False),
    ("new-rural-communes", "Số xã đạt chuẩn nông thôn mới", MeasureUnit.COUNT, True, Aggregation.SUM, None, False),
    ("poverty-rate", "Tỷ lệ hộ nghèo", MeasureUnit.PERCENT, False, Aggregation.AVERAGE, None, False),
    ("graduation-rate", "Tỷ lệ đậu tốt nghiệp THPT", MeasureUnit.PERCENT, True, Aggregation.AVERAGE, None, False),
    (
        "par-index",
        "Chỉ số cải cách hành chính (PAR Index)",
        MeasureUnit.PERCENT,
        True,
        Aggregation.AVERAGE,
        None,
        False,
    ),
    (
        "papi",
        "Chỉ số hiệu quả quản trị và hành chính công (PAPI)",
        MeasureUnit.POINTS,
        True,
        Aggregation.AVERAGE,
        None,
        False,
    ),
    ("pci-rank", "Xếp hạng năng lực cạnh tranh cấp tỉnh (PCI)", MeasureUnit.RANK, False, Aggregation.MIN, None, False),
    ("dti-rank", "Xếp hạng chuyển đổi số (DTI)", MeasureUnit.RANK, False, Aggregation.MIN, None, False),
]

# South-western cluster, H1 2019 (seed 002). Province statistics code -> figures; a value in
# SAMPLE is not in the article (chosen so that the averages and totals match the article's).
SOUTH_WEST_MEMBERS = ["80", "82", "83", "84", "86", "87", "89", "91", "93", "94", "95", "96"]
SOUTH_WEST_FIGURES = {
    "grdp-growth": {
        "80": "9.89",
        "82": "7.02",
        "83": "8.37",
        "84": "17",
        "86": "6.50",
        "87": "6.81",
        "89": "6.20",
        "91": "7.15",
        "93": "6.90",
        "94": "7.10",
        "95": "8.25",
        "96": "7.21",
    },
    "budget-vs-plan": {
        "80": "68.6",
        "82": "59.10",
        "83": "67.94",
        "84": "57.80",
        "86": "58.40",
        "87": "60.20",
        "89": "65.6",
        "91": "56.90",
        "93": "83.41",
        "94": "67.6",
        "95": "55.70",
        "96": "59.91",
    },
    "exports": {
        "80": "3.705",
        "82": "1.020",
        "83": "0.560",
        "84": "0.210",
        "86": "0.380",
        "87": "0.610",
        "89": "0.420",
        "91": "0.300",
        "93": "0.250",
        "94": "0.390",
        "95": "0.148",
        "96": "0.500",
    },
    "exports-vs-plan": {
        "80": "49.5",
        "82": "48.2",
        "83": "50.80",
        "84": "45.0",
        "86": "57.20",
        "87": "53.80",
        "89": "47.3",
        "91": "46.1",
        "93": "50.86",
        "94": "44.8",
        "95": "42.6",
        "96": "47.9",
    },
    "graduation-rate": {
        "80": "97.16",
        "82": "96.80",
        "83": "97.34",
        "84": "95.10",
        "86": "97.15",
        "87": "97.59",
        "89": "97.36",
        "91": "95.60",
        "93": "96.20",
        "94": "95.40",
        "95": "97.95",
        "96": "95.79",
    },
}
SOUTH_WEST_FROM_ARTICLE = {
    "grdp-growth": {"84", "80", "83", "95"},
    "budget-vs-plan": {"93", "80", "83", "94", "89"},
    "exports": set(),  # the article gives only the cluster total, 8,493 tỷ USD
    "exports-vs-plan": {"86", "87", "93", "83"},
    "graduation-rate": {"95", "87", "89", "83", "80", "86"},
}
SOUTH_WEST_RESULTS = (
    "Tốc độ tăng trưởng kinh tế GRDP trong 6 tháng đầu năm của các tỉnh trong Cụm tăng bình quân 8,2%. "
    "Tổng thu ngân sách 6 tháng đầu năm của toàn Cụm bình quân đạt 63,43% kế hoạch năm; 12/12 tỉnh thu ngân "
    "sách đạt từ 55% kế hoạch năm trở lên. Kim ngạch xuất khẩu của Cụm đạt trên 8,493 tỷ USD. Lĩnh vực văn hóa - "
    "xã hội có nhiều chuyển biến rõ nét; tỷ lệ đậu tốt nghiệp trung học phổ thông bình quân trong Cụm đạt 96,62%. "
    "Tình hình an ninh chính trị được tăng cường và ổn định; các tỉnh đều đạt 100% chỉ tiêu tuyển chọn, gọi công "
    "dân nhập ngũ năm 2019. Công tác cải cách hành chính tiếp tục được thực hiện quyết liệt; nhiều tỉnh đã thành "
    "lập Trung tâm phục vụ hành chính công với phương châm “Thân thiện - Đơn giản - Đúng hẹn”."
)
SOUTH_WEST_TASKS = [
    "Tiếp tục phát huy truyền thống đoàn kết, thi đua cùng phát triển của các tỉnh trong Cụm.",
    "Tổ chức nhiều hoạt động thi đua thiết thực, góp phần hoàn thành thắng lợi chỉ tiêu, nhiệm vụ phát triển "
    "kinh tế - xã hội năm 2019 và giai đoạn 2016 - 2020.",
    "Thi đua chào mừng Đại hội Đảng các cấp, Đại hội thi đua yêu nước các cấp và kỷ niệm 50 năm thực hiện "
    "Di chúc của Chủ tịch Hồ Chí Minh.",
]

RED_RIVER_MEMBERS = ["27", "35", "30", "33", "36", "37", "34", "26"]  # sample membership
# New-rural communes by June 2022: the article gives the cluster total (1.283); the split is sample.
RED_RIVER_NEW_RURAL = {"27": 97, "35": 98, "30": 232, "33": 139, "36": 226, "37": 119, "34": 260, "26": 112}

NINH_BINH_DISTRICTS = [
    "Thành phố Ninh Bình",
    "Thành phố Tam Điệp",
    "Huyện Nho Quan",
    "Huyện Gia Viễn",
    "Huyện Hoa Lư",
    "Huyện Yên Khánh",
    "Huyện Kim Sơn",
    "Huyện Yên Mô",
]


def seed_indicators():
    indicators = {}
    for position, (code, name, unit, higher, aggregation, threshold, in_chart) in enumerate(INDICATORS):
        indicator, _created = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "measure_unit": unit,
                "higher_is_better": higher,
                "aggregation": aggregation,
                "threshold": Decimal(threshold) if threshold else None,
                "in_chart": in_chart,
                "position": position,
            },
        )
        indicators[code] = indicator
    return indicators


def _term(cluster_name, kind, level, year, lead, deputy, members):
    cluster, _created = Cluster.objects.get_or_create(
        name=cluster_name, kind=kind, defaults={"organising_level": level}
    )
    term, _created = Term.objects.get_or_create(
        cluster=cluster, year=year, defaults={"lead_unit": lead, "deputy_unit": deputy}
    )
    for unit in members:
        TermMember.objects.get_or_create(term=term, unit=unit)
    return term


def _member_report(term, unit, period, figures, indicators, *, sample_codes=frozenset()):
    report, created = MemberReport.objects.get_or_create(
        term=term,
        unit=unit,
        period=period,
        defaults={
            "status": ReportStatus.SUBMITTED,
            "submitted_at": timezone.make_aware(timezone.datetime(term.year, 7, 20)),
        },
    )
    if created:
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                report=report, indicator=indicators[code], value=Decimal(str(value)), sample=code in sample_codes
            )
            for code, value in figures.items()
        )
    return report


def seed_south_west(indicators):
    provinces = {unit.code: unit for unit in Unit.objects.filter(code__in=SOUTH_WEST_MEMBERS)}
    members = [provinces[code] for code in SOUTH_WEST_MEMBERS]
    # The lead for 2019 is not in the article: Long An (as the clusters demo has it) is sample data.
    # Kiên Giang was deputy and host.
    term = _term(
        SOUTH_WEST, ClusterKind.CLUSTER, OrganisingLevel.CENTRAL, 2019, provinces["80"], provinces["91"], members
    )
    for code in SOUTH_WEST_MEMBERS:
        figures = {indicator: by_unit[code] for indicator, by_unit in SOUTH_WEST_FIGURES.items()}
        sample = {indicator for indicator in figures if code not in SOUTH_WEST_FROM_ARTICLE[indicator]}
        _member_report(term, provinces[code], Period.H1, figures, indicators, sample_codes=sample)
    ClusterReport.objects.get_or_create(
        term=term,
        period=Period.H1,
        defaults={
            "results": SOUTH_WEST_RESULTS,
            "limitations": "Một số hạn chế, yếu kém cần khắc phục trong thời gian tới (theo ý kiến chỉ đạo của "
            "Ban Thi đua - Khen thưởng Trung ương).",
            "tasks_ahead": "\n".join(SOUTH_WEST_TASKS),
            "compiled_at": timezone.make_aware(timezone.datetime(2019, 7, 30)),
        },
    )
    conference, created = Conference.objects.get_or_create(
        term=term,
        period=Period.H1,
        kind=ConferenceKind.HALF_YEAR,
        defaults={
            "title": "Hội nghị sơ kết thực hiện giao ước thi đua 6 tháng đầu năm và phương hướng, nhiệm vụ "
            "trọng tâm 6 tháng cuối năm 2019",
            "issuing_body": SOUTH_WEST,
            "held_on": date(2019, 8, 6),
            "place": "tỉnh Kiên Giang",
            "host_unit": provinces["91"],
            "agenda": "Báo cáo sơ kết 6 tháng đầu năm 2019 của Cụm; phát biểu chỉ đạo của Ban Thi đua - Khen "
            "thưởng Trung ương; thông qua Quy định về tổ chức hoạt động và bình xét thi đua năm 2019.",
            "adopted_documents": "Báo cáo sơ kết 6 tháng đầu năm và phương hướng, nhiệm vụ 6 tháng cuối năm 2019 "
            "của Cụm thi đua các tỉnh Tây Nam bộ\nQuy định về tổ chức hoạt động và bình xét thi đua của Cụm "
            "thi đua các tỉnh Tây Nam bộ năm 2019",
            "conclusions": "Thứ trưởng Bộ Nội vụ Trần Thị Hà đánh giá cao tinh thần đoàn kết, thi đua cùng phát "
            "triển của các tỉnh trong Cụm, biểu dương kết quả đạt được 6 tháng đầu năm 2019, chỉ ra một số hạn "
            "chế cần khắc phục và đồng tình với phương hướng, nhiệm vụ 6 tháng cuối năm.",
            "next_tasks": "\n".join(SOUTH_WEST_TASKS),
        },
    )
    if created:
        conference.attending_units.set(members)
        ConferenceAttendee.objects.bulk_create(
            [
                ConferenceAttendee(
                    conference=conference,
                    full_name="Trần Thị Hà",
                    title="Thứ trưởng Bộ Nội vụ, Phó Chủ tịch Thường trực Hội đồng Thi đua - Khen thưởng Trung "
                    "ương, Trưởng ban Ban Thi đua - Khen thưởng Trung ương",
                    position=1,
                ),
                ConferenceAttendee(
                    conference=conference,
                    full_name="Đỗ Thanh Bình",
                    title="Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Kiên Giang",
                    unit=provinces["91"],
                    position=2,
                ),
            ]
        )
    return term


def seed_red_river(indicators):
    provinces = {unit.code: unit for unit in Unit.objects.filter(code__in=RED_RIVER_MEMBERS)}
    members = [provinces[code] for code in RED_RIVER_MEMBERS if code in provinces]
    term = _term(
        RED_RIVER, ClusterKind.CLUSTER, OrganisingLevel.CENTRAL, 2022, provinces["27"], provinces["37"], members
    )
    for unit in members:
        _member_report(
            term,
            unit,
            Period.H1,
            {"new-rural-communes": RED_RIVER_NEW_RURAL[unit.code]},
            indicators,
            sample_codes={"new-rural-communes"},
        )
    conference, created = Conference.objects.get_or_create(
        term=term,
        period=Period.H1,
        kind=ConferenceKind.HALF_YEAR,
        defaults={
            "title": "Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng "
            "cuối năm 2022",
            "issuing_body": RED_RIVER,
            "held_on": date(2022, 7, 15),  # sample: the article gives no date
            "place": "tỉnh Ninh Bình",
            "host_unit": provinces["37"],
            "adopted_documents": "Báo cáo kết quả phong trào thi đua, công tác khen thưởng 6 tháng đầu năm 2022 "
            "của Cụm",
            "conclusions": "Toàn Cụm có 1.283 xã đạt chuẩn nông thôn mới, 321 xã đạt chuẩn nông thôn mới nâng "
            "cao, 43 xã đạt chuẩn nông thôn mới kiểu mẫu; 72/81 huyện, thị xã, thành phố đạt chuẩn hoặc hoàn "
            "thành nhiệm vụ xây dựng nông thôn mới. Bế mạc hội nghị, đồng chí Vương Quốc Tuấn đề nghị các tỉnh "
            "quyết tâm hoàn thành nhiệm vụ trọng tâm từ nay đến cuối năm.",
            "next_tasks": "Tập trung cao độ thúc đẩy sản xuất kinh doanh, phấn đấu tốc độ tăng trưởng kinh tế cao\n"
            "Chủ động kiểm soát, quản lý, bình ổn giá trên địa bàn\n"
            "Hoàn thành tốt các mục tiêu bảo đảm an sinh xã hội, giữ vững quốc phòng an ninh và trật tự an toàn xã hội",
        },
    )
    if created:
        conference.attending_units.set(members)
        ConferenceAttendee.objects.bulk_create(
            [
                ConferenceAttendee(
                    conference=conference,
                    full_name="Phạm Quang Ngọc",
                    title="Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Ninh Bình (đơn vị Cụm phó)",
                    unit=provinces["37"],
                    is_chair=True,
                    position=1,
                ),
                ConferenceAttendee(
                    conference=conference,
                    full_name="Vương Quốc Tuấn",
                    title="Phó Chủ tịch Thường trực UBND tỉnh Bắc Ninh (đơn vị Cụm trưởng)",
                    unit=provinces["27"],
                    is_chair=True,
                    position=2,
                ),
            ]
        )
    return term


def seed_ninh_binh_bloc():
    districts = {unit.name: unit for unit in Unit.objects.filter(kind=UnitKind.DISTRICT, name__in=NINH_BINH_DISTRICTS)}
    members = [districts[name] for name in NINH_BINH_DISTRICTS if name in districts]
    if len(members) < 2:
        return None
    # Lead and deputy for 2023 are not in the article: sample data.
    term = _term(NINH_BINH_BLOC, ClusterKind.BLOC, OrganisingLevel.PROVINCIAL, 2023, members[0], members[1], members)
    Conference.objects.get_or_create(
        term=term,
        period=Period.H1,
        kind=ConferenceKind.HALF_YEAR,
        defaults={
            "title": "Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng "
            "cuối năm 2023",
            "issuing_body": NINH_BINH_BLOC,
            "held_on": date(2023, 9, 22),
            "place": "tỉnh Ninh Bình",
            "host_unit": members[0],
            "adopted_documents": "Phương án, các tiêu chí chấm điểm thi đua của Khối\nNhiệm vụ công tác 6 tháng "
            "cuối năm 2023",
            "conclusions": "Giá trị sản xuất công nghiệp 6 tháng đầu năm đạt 50.985,5 tỷ đồng, tăng 5,8%; thu ngân "
            "sách đạt 7.476,9 tỷ đồng; đón 4,53 triệu lượt khách du lịch, đạt 84,7% kế hoạch. Chỉ số PAR Index "
            "2022 đạt 86,64%, xếp thứ 17/63; PAPI đạt 43,16 điểm; PCI xếp thứ 44/63.",
            "next_tasks": "Tiếp tục đẩy mạnh công tác tuyên truyền tư tưởng Hồ Chí Minh về thi đua ái quốc\n"
            "Thực hiện hiệu quả Đề án tái cơ cấu ngành nông nghiệp theo hướng nâng cao giá trị và phát triển "
            "bền vững\nĐẩy mạnh cải cách hành chính gắn với chuyển đổi số",
        },
    )
    return term


DEMO_LEADS = [
    # username, full name, province statistics code, role label
    # The Red River Delta lead (cumtruong) comes from the clusters demo.
    ("cumtruongtnb", "Cán bộ Cụm trưởng Tây Nam bộ", "80", "Cluster lead (South-western 2019)"),
]


def seed_logins():
    logins = []
    for username, full_name, code, role in DEMO_LEADS:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        if not User.objects.filter(username=username).exists():
            user = User(username=username, full_name=full_name, unit=unit, is_unit_officer=True)
            user.set_password(DEMO_PASSWORD)
            user.save()
        logins.append(DemoLogin(username=username, password=DEMO_PASSWORD, role=role, unit=unit.name))
    return logins


@transaction.atomic
def seed(*, with_logins):
    """Load the reports' demo data; returns the cluster leads' demo logins when `with_logins`."""
    indicators = seed_indicators()
    seed_south_west(indicators)
    seed_red_river(indicators)
    seed_ninh_binh_bloc()
    from .demo_statforms import seed_forms

    seed_forms()
    return seed_logins() if with_logins else []
