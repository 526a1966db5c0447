"""Demo data for the directory: the provinces before and after the 2025 mergers, the units
named in the seed articles, and one login per role. Running it twice changes nothing."""

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from ..enums import PositionTier, UnitKind
from ..models import Person, Unit, User

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MERGER_DATE = date(2025, 7, 1)
LAST_DAY_BEFORE_MERGER = date(2025, 6, 30)
DEMO_PASSWORD = "thidua2026"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    unit: str


def _upsert(lookup, **values):
    unit = Unit.objects.filter(**lookup).first() or Unit(**lookup)
    changed = unit.pk is None
    for field, value in values.items():
        if getattr(unit, field) != value:
            setattr(unit, field, value)
            changed = True
    if changed:
        unit.save()
    return unit


def seed_provinces():
    """The 63 provinces before 1/7/2025, each linked to the one of the 34 it became part of."""
    with open(DATA_DIR / "provinces-2025.csv", encoding="utf-8") as data:
        rows = list(csv.DictReader(data))
    predecessors = {}
    for row in rows:
        predecessors.setdefault(row["province_from_2025_07_01"], []).append(row["province_before_2025"])
    units = {}
    for new_name, old_names in predecessors.items():
        if old_names == [new_name]:
            continue  # untouched by the reorganisation: one unit with no end
        units[new_name] = _upsert(
            {"name": new_name, "kind": UnitKind.PROVINCE, "valid_from": MERGER_DATE},
            short_name="",
            code="",
        )
    for row in rows:
        old_name, new_name = row["province_before_2025"], row["province_from_2025_07_01"]
        if predecessors[new_name] == [old_name]:
            units[old_name] = _upsert({"code": row["code_before_2025"]}, name=old_name, kind=UnitKind.PROVINCE)
        else:
            _upsert(
                {"code": row["code_before_2025"]},
                name=old_name,
                kind=UnitKind.PROVINCE,
                valid_until=LAST_DAY_BEFORE_MERGER,
                successor=units[new_name],
            )
    return units


def _department(name, province, code, *, short_name="", until=None, successor=None):
    return _upsert(
        {"code": code},
        name=name,
        short_name=short_name,
        kind=UnitKind.DEPARTMENT,
        parent=province,
        valid_until=until,
        successor=successor,
    )


NINH_BINH_DEPARTMENTS = [
    ("NB-SNV", "Sở Nội vụ tỉnh Ninh Bình", "SNV"),
    ("NB-SGDDT", "Sở Giáo dục và Đào tạo tỉnh Ninh Bình", "SGDĐT"),
    ("NB-SNNMT", "Sở Nông nghiệp và Môi trường tỉnh Ninh Bình", "SNN&MT"),
    ("NB-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch tỉnh Ninh Bình", "SVHTTDL"),
    ("NB-STP", "Sở Tư pháp tỉnh Ninh Bình", "STP"),
    ("NB-STC", "Sở Tài chính tỉnh Ninh Bình", "STC"),
    ("NB-SXD", "Sở Xây dựng tỉnh Ninh Bình", "SXD"),
    ("NB-SKHCN", "Sở Khoa học và Công nghệ tỉnh Ninh Bình", "SKH&CN"),
]
# Nam Định's departments named in its 2023 report (seed 004), each followed by the Ninh Bình
# department that took over its work on 1/7/2025.
NAM_DINH_DEPARTMENTS = [
    ("ND-SNV", "Sở Nội vụ tỉnh Nam Định", "NB-SNV"),
    ("ND-SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Nam Định", "NB-SNNMT"),
    ("ND-SLDTBXH", "Sở Lao động - Thương binh và Xã hội tỉnh Nam Định", "NB-SNV"),
    ("ND-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch tỉnh Nam Định", "NB-SVHTTDL"),
    ("ND-SGDDT", "Sở Giáo dục và Đào tạo tỉnh Nam Định", "NB-SGDDT"),
    ("ND-STP", "Sở Tư pháp tỉnh Nam Định", "NB-STP"),
    ("ND-SKHDT", "Sở Kế hoạch và Đầu tư tỉnh Nam Định", "NB-STC"),
    ("ND-SGTVT", "Sở Giao thông vận tải tỉnh Nam Định", "NB-SXD"),
    ("ND-SKHCN", "Sở Khoa học và Công nghệ tỉnh Nam Định", "NB-SKHCN"),
    ("ND-STTTT", "Sở Thông tin và Truyền thông tỉnh Nam Định", "NB-SKHCN"),
]
BAC_NINH_DEPARTMENTS = [
    ("BN-SNV", "Sở Nội vụ tỉnh Bắc Ninh", "SNV"),
    ("BN-STC", "Sở Tài chính tỉnh Bắc Ninh", "STC"),
    ("BN-SYT", "Sở Y tế tỉnh Bắc Ninh", "SYT"),
    ("BN-SGDDT", "Sở Giáo dục và Đào tạo tỉnh Bắc Ninh", "SGDĐT"),
    ("BN-SCT", "Sở Công Thương tỉnh Bắc Ninh", "SCT"),
]
# Bắc Giang's departments (seed 003), merged with Bắc Ninh's on 1/7/2025.
BAC_GIANG_DEPARTMENTS = [
    ("BG-SNV", "Sở Nội vụ tỉnh Bắc Giang", "BN-SNV"),
    ("BG-SKHDT", "Sở Kế hoạch và Đầu tư tỉnh Bắc Giang", "BN-STC"),
    ("BG-SYT", "Sở Y tế tỉnh Bắc Giang", "BN-SYT"),
    ("BG-SGDDT", "Sở Giáo dục và Đào tạo tỉnh Bắc Giang", "BN-SGDDT"),
    ("BG-SCT", "Sở Công Thương tỉnh Bắc Giang", "BN-SCT"),
]
# The bloc of districts and cities of Ninh Bình (seed 000, 2023). The district level ended on
# 1/7/2025; the communes and wards that replaced the districts are not part of the demo.
NINH_BINH_DISTRICTS = [
    ("Thành phố Ninh Bình", "TP Ninh Bình"),
    ("Thành phố Tam Điệp", "TP Tam Điệp"),
    ("Huyện Nho Quan", "Nho Quan"),
    ("Huyện Gia Viễn", "Gia Viễn"),
    ("Huyện Hoa Lư", "Hoa Lư"),
    ("Huyện Yên Khánh", "Yên Khánh"),
    ("Huyện Kim Sơn", "Kim Sơn"),
    ("Huyện Yên Mô", "Yên Mô"),
]


def seed_units():
    provinces = seed_provinces()
    old = {unit.name: unit for unit in Unit.objects.filter(kind=UnitKind.PROVINCE, valid_until=LAST_DAY_BEFORE_MERGER)}
    ninh_binh, bac_ninh = provinces["Ninh Bình"], provinces["Bắc Ninh"]
    departments = {}
    for code, name, short_name in NINH_BINH_DEPARTMENTS:
        departments[code] = _department(name, ninh_binh, code, short_name=short_name)
    for code, name, short_name in BAC_NINH_DEPARTMENTS:
        departments[code] = _department(name, bac_ninh, code, short_name=short_name)
    for source, province in ((NAM_DINH_DEPARTMENTS, old["Nam Định"]), (BAC_GIANG_DEPARTMENTS, old["Bắc Giang"])):
        for code, name, successor_code in source:
            departments[code] = _department(
                name, province, code, until=LAST_DAY_BEFORE_MERGER, successor=departments[successor_code]
            )
    for name, short_name in NINH_BINH_DISTRICTS:
        _upsert(
            {"name": name, "parent": old["Ninh Bình"]},
            short_name=short_name,
            kind=UnitKind.DISTRICT,
            valid_until=LAST_DAY_BEFORE_MERGER,
            successor=ninh_binh,
        )
    for code, name, short_name in ENTERPRISES:
        departments[code] = _upsert(
            {"code": code},
            name=name,
            short_name=short_name,
            kind=UnitKind.ENTERPRISE,
            parent=ninh_binh,
            is_enterprise=True,
        )
    departments["NB"] = ninh_binh  # the province itself (its leaders are people of the forms)
    return departments


# Issue 14: collectives the statistical forms count as enterprises.
ENTERPRISES = [
    ("NB-DN-DETMAY", "Công ty Cổ phần Dệt may Ninh Bình", "Dệt may NB"),
    ("NB-DN-COKHI", "Công ty TNHH Cơ khí Tam Điệp", "Cơ khí TĐ"),
]
# full name, gender, position, unit code, position tier (issue 14: the forms' five tiers)
DEMO_PEOPLE = [
    ("Nguyễn Thị Thu Hà", "female", "Trưởng phòng Thi đua, khen thưởng", "NB-SNV", PositionTier.OTHER_LEADER),
    ("Trần Văn Minh", "male", "Chuyên viên", "NB-SNV", PositionTier.DIRECT_WORKER),
    ("Phạm Thị Lan", "female", "Giáo viên", "NB-SGDDT", PositionTier.DIRECT_WORKER),
    ("Lê Văn Hùng", "male", "Phó Giám đốc", "NB-SGDDT", PositionTier.DEPARTMENT_LEADER),
    ("Vũ Thị Mai", "female", "Chuyên viên", "ND-SNV", PositionTier.DIRECT_WORKER),
    ("Trần Hồng Quân", "male", "Phó Chủ tịch Ủy ban nhân dân tỉnh", "NB", PositionTier.SENIOR_LEADER),
    ("Đặng Văn Thành", "male", "Giám đốc Công ty", "NB-DN-DETMAY", PositionTier.BUSINESS),
    ("Hoàng Thị Nga", "female", "Công nhân may", "NB-DN-DETMAY", PositionTier.DIRECT_WORKER),
]


def seed_people(departments):
    """The demo people with their tiers; a tier an officer set is left alone."""
    for full_name, gender, position, code, tier in DEMO_PEOPLE:
        unit = departments[code]
        person = Person.objects.filter(full_name=full_name, unit=unit).first()
        if person is None:
            Person.objects.create(full_name=full_name, gender=gender, position=position, unit=unit, position_tier=tier)
        elif not person.position_tier:
            person.position_tier = tier
            person.save(update_fields=["position_tier"])


DEMO_USERS = [
    # username, full name, unit code, role flags, role label
    ("canbo", "Nguyễn Thị Thu Hà", "NB-SNV", {"is_provincial_officer": True}, "Provincial officer"),
    ("donvi", "Lê Văn Hùng", "NB-SGDDT", {"is_unit_officer": True}, "Unit officer"),
    ("hoidong", "Đinh Văn Hải", "NB-SNV", {"is_council_member": True}, "Council member"),
    ("quantri", "Quản trị hệ thống", "NB-SNV", {"is_superuser": True, "is_staff": True}, "Administrator"),
]


def seed_logins(departments):
    logins = []
    for username, full_name, code, flags, role in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, unit=departments[code], **flags)
            user.set_password(DEMO_PASSWORD)
            user.save()
        logins.append(DemoLogin(username=username, password=DEMO_PASSWORD, role=role, unit=departments[code].name))
    return logins


@transaction.atomic
def seed(*, with_logins):
    """Load the directory's demo data; returns the demo logins (none when `with_logins` is off)."""
    departments = seed_units()
    seed_people(departments)
    from .demo_office import seed_office

    seed_office(departments)
    return seed_logins(departments) if with_logins else []
