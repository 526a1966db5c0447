"""The award catalogue of Law 06/2022/QH15 and Decree 152/2025/NĐ-CP, and its current parameters.

Used by the demo data and by administrators as a starting point; every figure stays editable
in the admin (LegalParameter rows are dated).
"""

from datetime import date
from decimal import Decimal

# Codes the eligibility rules refer to.
ADVANCED_WORKER = "LDTT"
GRASSROOTS_FIGHTER = "CSTDCS"
PROVINCIAL_FIGHTER = "CSTDT"
NATIONAL_FIGHTER = "CSTDTQ"
EXCELLENT_COLLECTIVE = "TTLDXS"
ADVANCED_COLLECTIVE = "TTLDTT"
CHAIRMAN_CERTIFICATE_INDIVIDUAL = "BKCT-CN"
CHAIRMAN_CERTIFICATE_COLLECTIVE = "BKCT-TT"
PROVINCIAL_FLAG = "CTD-T"

BASE_SALARY = Decimal("2340000")
BASE_SALARY_FROM = date(2024, 7, 1)
DECREE_152_FROM = date(2025, 7, 1)
THRESHOLD_STANDARD = Decimal("80")
THRESHOLD_HIGH = Decimal("90")
QUORUM = Decimal("80")

REGULAR_ONLY = ["regular"]
ALL_TYPES = ["regular", "special", "thematic", "lifetime", "service", "foreign"]
FULL_DOSSIER = ["cover_letter", "achievement_report", "vote_minutes"]

# code, name, recipient kind, category, level, types, rule, vote rule, documents, coefficient, rank
CATALOGUE = [
    (
        NATIONAL_FIGHTER,
        "Chiến sĩ thi đua toàn quốc",
        "individual",
        "title",
        "national",
        REGULAR_ONLY,
        "national_fighter",
        "high",
        FULL_DOSSIER + ["evidence"],
        "4.5",
        90,
    ),
    (
        PROVINCIAL_FIGHTER,
        "Chiến sĩ thi đua cấp tỉnh",
        "individual",
        "title",
        "provincial",
        REGULAR_ONLY,
        "provincial_fighter",
        "high",
        FULL_DOSSIER + ["evidence"],
        "3.0",
        80,
    ),
    (
        GRASSROOTS_FIGHTER,
        "Chiến sĩ thi đua cơ sở",
        "individual",
        "title",
        "grassroots",
        REGULAR_ONLY,
        "grassroots_fighter",
        "standard",
        FULL_DOSSIER,
        "1.0",
        70,
    ),
    (
        ADVANCED_WORKER,
        "Lao động tiên tiến",
        "individual",
        "title",
        "grassroots",
        REGULAR_ONLY,
        "advanced_worker",
        "none",
        ["cover_letter"],
        "0.3",
        60,
    ),
    (
        PROVINCIAL_FLAG,
        "Cờ thi đua cấp tỉnh",
        "collective",
        "title",
        "provincial",
        REGULAR_ONLY,
        "provincial_flag",
        "standard",
        FULL_DOSSIER,
        "8",
        85,
    ),
    (
        EXCELLENT_COLLECTIVE,
        "Tập thể lao động xuất sắc",
        "collective",
        "title",
        "provincial",
        REGULAR_ONLY,
        "excellent_collective",
        "none",
        FULL_DOSSIER,
        "1.5",
        75,
    ),
    (
        ADVANCED_COLLECTIVE,
        "Tập thể lao động tiên tiến",
        "collective",
        "title",
        "grassroots",
        REGULAR_ONLY,
        "advanced_collective",
        "none",
        ["cover_letter"],
        "0.8",
        65,
    ),
    (
        "XPTB",
        "Xã, phường, đặc khu tiêu biểu",
        "collective",
        "title",
        "provincial",
        REGULAR_ONLY,
        "none",
        "standard",
        FULL_DOSSIER,
        "2.0",
        72,
    ),
    (
        "GDVH",
        "Gia đình văn hóa",
        "household",
        "title",
        "grassroots",
        REGULAR_ONLY,
        "none",
        "none",
        ["cover_letter"],
        "0.1",
        10,
    ),
    (
        CHAIRMAN_CERTIFICATE_INDIVIDUAL,
        "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)",
        "individual",
        "form",
        "provincial",
        ALL_TYPES,
        "chairman_certificate_individual",
        "none",
        ["cover_letter", "achievement_report"],
        "1.5",
        50,
    ),
    (
        CHAIRMAN_CERTIFICATE_COLLECTIVE,
        "Bằng khen của Chủ tịch UBND tỉnh (tập thể)",
        "collective",
        "form",
        "provincial",
        ALL_TYPES,
        "chairman_certificate_collective",
        "none",
        ["cover_letter", "achievement_report"],
        "3",
        55,
    ),
    (
        "GK-CN",
        "Giấy khen (cá nhân)",
        "individual",
        "form",
        "grassroots",
        ALL_TYPES,
        "none",
        "none",
        ["cover_letter"],
        "0.3",
        20,
    ),
    (
        "GK-TT",
        "Giấy khen (tập thể)",
        "collective",
        "form",
        "grassroots",
        ALL_TYPES,
        "none",
        "none",
        ["cover_letter"],
        "0.6",
        25,
    ),
    (
        "HCLD3-TT",
        "Huân chương Lao động hạng Ba (tập thể)",
        "collective",
        "form",
        "national",
        ALL_TYPES,
        "none",
        "high",
        FULL_DOSSIER + ["evidence"],
        "9",
        95,
    ),
]
