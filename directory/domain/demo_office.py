"""Demo data of the office's own organisations and civil servants (issue 14; forms 0604.N, 0605.N):
the province's board under the Department of Home Affairs, its two divisions, three department
sections and two commune sections; 14 civil servants of every age band (28..62), all five training
levels, women and men, 2 to 20 years in the work. Running it twice changes nothing."""

from datetime import date

from ..enums import Gender, OfficeStructure, TrainingLevel
from ..models import OfficeOrganisation, OfficeStaff, Unit

DEMO_YEAR = 2025
BOARD = "Ban Thi đua - Khen thưởng tỉnh Ninh Bình"
# name, structure, unit code (None: the province), established on
ORGANISATIONS = [
    (BOARD, OfficeStructure.PROVINCIAL_BOARD, "NB-SNV", date(2025, 7, 1)),
    ("Phòng Nghiệp vụ Thi đua", OfficeStructure.PROVINCIAL_DIVISION, "NB-SNV", date(2025, 7, 1)),
    ("Phòng Nghiệp vụ Khen thưởng", OfficeStructure.PROVINCIAL_DIVISION, "NB-SNV", date(2025, 7, 1)),
    (
        "Bộ phận Thi đua - Khen thưởng, Văn phòng Sở Giáo dục và Đào tạo",
        OfficeStructure.DEPARTMENT_UNIT,
        "NB-SGDDT",
        None,
    ),
    ("Bộ phận Thi đua - Khen thưởng, Văn phòng Sở Tài chính", OfficeStructure.DEPARTMENT_UNIT, "NB-STC", None),
    ("Bộ phận Thi đua - Khen thưởng, Văn phòng Sở Xây dựng", OfficeStructure.DEPARTMENT_UNIT, "NB-SXD", None),
    (
        "Bộ phận Thi đua - Khen thưởng, Ủy ban nhân dân phường Hoa Lư",
        OfficeStructure.COMMUNE_UNIT,
        None,
        date(2025, 7, 1),
    ),
    (
        "Bộ phận Thi đua - Khen thưởng, Ủy ban nhân dân xã Gia Viễn",
        OfficeStructure.COMMUNE_UNIT,
        None,
        date(2025, 7, 1),
    ),
]
F, M = Gender.FEMALE, Gender.MALE
T = TrainingLevel
# full name, gender, age in DEMO_YEAR, training, years in the work in DEMO_YEAR, organisation index
STAFF = [
    ("Nguyễn Thị Thu Hà", F, 52, T.POSTGRADUATE, 20, 0),
    ("Đinh Văn Hải", M, 62, T.POSTGRADUATE, 18, 0),
    ("Trần Thị Hồng", F, 45, T.UNIVERSITY, 15, 1),
    ("Phạm Văn Quyết", M, 38, T.UNIVERSITY, 9, 1),
    ("Lê Thị Hương", F, 28, T.UNIVERSITY, 2, 1),
    ("Vũ Đức Thắng", M, 57, T.UNIVERSITY, 12, 2),
    ("Bùi Thị Thanh", F, 33, T.POSTGRADUATE, 5, 2),
    ("Ngô Văn Tùng", M, 30, T.COLLEGE, 3, 2),
    ("Hoàng Thị Yến", F, 41, T.UNIVERSITY, 10, 3),
    ("Đỗ Văn Bình", M, 54, T.INTERMEDIATE, 14, 4),
    ("Trịnh Thị Lụa", F, 48, T.COLLEGE, 7, 5),
    ("Mai Văn Đông", M, 59, T.PRIMARY_VOCATIONAL, 16, 6),
    ("Phan Thị Liên", F, 36, T.INTERMEDIATE, 4, 7),
    ("Cao Văn Sơn", M, 61, T.UNIVERSITY, 11, 7),
]


def seed_office(units):
    """The office's organisations and civil servants; `units` by code (the directory demo's)."""
    organisations = []
    for name, structure, code, established_on in ORGANISATIONS:
        unit = units.get(code) if code else Unit.objects.filter(name="Ninh Bình", valid_until__isnull=True).first()
        organisation = OfficeOrganisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = OfficeOrganisation.objects.create(
                name=name, structure=structure, unit=unit, established_on=established_on
            )
        organisations.append(organisation)
    for full_name, gender, age, training, years, index in STAFF:
        organisation = organisations[index]
        if OfficeStaff.objects.filter(full_name=full_name, organisation=organisation).exists():
            continue
        OfficeStaff.objects.create(
            full_name=full_name,
            gender=gender,
            birth_year=DEMO_YEAR - age,
            training=training,
            in_work_since=DEMO_YEAR - years,
            organisation=organisation,
            joined_on=date(2025, 7, 1) if index < 3 else None,  # the board and its divisions began then
        )
    return organisations
