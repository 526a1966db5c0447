from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")


class AwardCategory(models.TextChoices):
    TITLE = "title", _("Emulation title")
    FORM = "form", _("Commendation form")


class AwardLevel(models.TextChoices):
    NATIONAL = "national", _("State (national)")
    PROVINCIAL = "provincial", _("Provincial")
    GRASSROOTS = "grassroots", _("Grassroots")


class CommendationType(models.TextChoices):
    REGULAR = "regular", _("Regular merit")
    SPECIAL = "special", _("Special achievement")
    THEMATIC = "thematic", _("Movement or thematic")
    LIFETIME = "lifetime", _("Lifetime contribution")
    SERVICE = "service", _("Length of service")
    RESISTANCE = "resistance", _("Resistance war")
    FOREIGN = "foreign", _("Foreign")

    @classmethod
    def without_history(cls):
        """Types judged by their own criteria: they neither need nor count toward regular-merit history."""
        return frozenset(set(cls) - {cls.REGULAR})


class ConferringAuthority(models.TextChoices):
    """Who confers an award (Law 06/2022/QH15, chapter on the authority to confer)."""

    PRESIDENT = "president", _("President (Chủ tịch nước)")
    PRIME_MINISTER = "prime_minister", _("Prime Minister (Thủ tướng Chính phủ)")
    PROVINCIAL_CHAIRMAN = "provincial_chairman", _("Chairman of the provincial People's Committee")
    UNIT_HEAD = "unit_head", _("Head of the agency or unit, or chairman of the commune People's Committee")

    @classmethod
    def proposed_upward(cls):
        """Awards the province only proposes: they are never in a chairman's decision."""
        return frozenset({cls.PRESIDENT, cls.PRIME_MINISTER})

    @classmethod
    def for_level(cls, level):
        """The authority matching an award level (kept consistent with `Award.level`)."""
        return {
            "national": cls.PRESIDENT,
            "provincial": cls.PROVINCIAL_CHAIRMAN,
            "grassroots": cls.UNIT_HEAD,
        }.get(level, cls.PROVINCIAL_CHAIRMAN)


class EligibilityRule(models.TextChoices):
    NONE = "none", _("No history condition")
    ADVANCED_WORKER = "advanced_worker", _("Lao động tiên tiến")
    GRASSROOTS_FIGHTER = "grassroots_fighter", _("Chiến sĩ thi đua cơ sở")
    PROVINCIAL_FIGHTER = "provincial_fighter", _("Chiến sĩ thi đua cấp tỉnh")
    NATIONAL_FIGHTER = "national_fighter", _("Chiến sĩ thi đua toàn quốc")
    EXCELLENT_COLLECTIVE = "excellent_collective", _("Tập thể lao động xuất sắc")
    ADVANCED_COLLECTIVE = "advanced_collective", _("Tập thể lao động tiên tiến")
    CHAIRMAN_CERTIFICATE_INDIVIDUAL = "chairman_certificate_individual", _("Bằng khen of the chairman (individual)")
    CHAIRMAN_CERTIFICATE_COLLECTIVE = "chairman_certificate_collective", _("Bằng khen of the chairman (collective)")
    PROVINCIAL_FLAG = "provincial_flag", _("Cờ thi đua cấp tỉnh")


class VoteRule(models.TextChoices):
    NONE = "none", _("No council vote")
    STANDARD = "standard", _("Standard threshold")
    HIGH = "high", _("High threshold")


class ParameterKind(models.TextChoices):
    BASE_SALARY = "base_salary", _("Base salary (VND)")
    COEFFICIENT = "coefficient", _("Bonus coefficient of an award")
    THRESHOLD_STANDARD = "threshold_standard", _("Standard vote threshold (%)")
    THRESHOLD_HIGH = "threshold_high", _("High vote threshold (%)")
    QUORUM = "quorum", _("Council quorum (%)")
    # Figures of the law the eligibility engine and the bonuses read (defaults in awards/domain/parameters.py).
    ADVANCED_COLLECTIVE_SHARE = (
        "advanced_collective_share",
        _("Tập thể lao động tiên tiến: share of Lao động tiên tiến members to exceed (%)"),
    )
    EXCELLENT_COLLECTIVE_SHARE = (
        "excellent_collective_share",
        _("Tập thể lao động xuất sắc: minimum share of Lao động tiên tiến members (%)"),
    )
    PROVINCIAL_FIGHTER_YEARS = (
        "provincial_fighter_years",
        _("Chiến sĩ thi đua cấp tỉnh: consecutive years of Chiến sĩ thi đua cơ sở"),
    )
    CHAIRMAN_CERTIFICATE_YEARS = (
        "chairman_certificate_years",
        _("Bằng khen of the chairman: consecutive years required"),
    )
    CHAIRMAN_CERTIFICATE_INITIATIVES = "chairman_initiatives", _("Bằng khen of the chairman: initiatives required")
    HOUSEHOLD_FACTOR = "household_factor", _("Household bonus factor")
    ROUNDING_STEP = "rounding_step", _("Bonus rounding step (VND)")
    # Per award (the row names its award), no default: the law gives no single figure (issue 12, types).
    CONTRIBUTION_YEARS = "contribution_years", _("Contribution award: years of service required")
    SERVICE_YEARS = "service_years", _("Length-of-service award: years of service required")

    @classmethod
    def per_award(cls):
        """Kinds whose rows name an award."""
        return frozenset({cls.COEFFICIENT, cls.CONTRIBUTION_YEARS, cls.SERVICE_YEARS})

    # Issue 12, council part: a collective counts as women's for a tie at this share of women members.
    WOMEN_COLLECTIVE_SHARE = "women_collective_share", _("Ties: minimum share of women in a collective (%)")


class DocumentKind(models.TextChoices):
    COVER_LETTER = "cover_letter", _("Cover letter")
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    VOTE_MINUTES = "vote_minutes", _("Vote minutes")
    EVIDENCE = "evidence", _("Evidence")


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for completion")
    UNDER_VERIFICATION = "under_verification", _("Under verification")
    AT_COUNCIL = "at_council", _("At council")
    PUBLIC_NOTICE = "public_notice", _("Public notice")
    DECIDED = "decided", _("Decided")
    FORWARDED = "forwarded", _("Forwarded upward")

    # Which states allow an action that is not a move; the moves are in awards/domain/workflow.py.
    @classmethod
    def editable(cls):
        """The proposing unit may change the dossier: nominees, documents, imports."""
        return frozenset({cls.DRAFT, cls.RETURNED})

    @classmethod
    def with_office(cls):
        """The office holds the dossier: it may verify it or return it for completion."""
        return frozenset({cls.SUBMITTED, cls.UNDER_VERIFICATION})

    @classmethod
    def recheckable(cls):
        """Eligibility may be recomputed: until the dossier goes to the council."""
        return cls.editable() | cls.with_office()

    @classmethod
    def seen_by_council(cls):
        """The council may read the proposal: from its session on."""
        return frozenset({cls.AT_COUNCIL, cls.PUBLIC_NOTICE, cls.DECIDED, cls.FORWARDED})


class EligibilityStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("Not checked")
    PASSED = "passed", _("Eligible")
    FAILED = "failed", _("Not eligible")
    HELD = "held", _("Held")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class CaseKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Discipline")
    INSPECTION = "inspection", _("Inspection")
    COMPLAINT = "complaint", _("Complaint")


class DisciplineLevel(models.TextChoices):
    NONE = "none", _("No sanction yet")
    REPRIMAND = "reprimand", _("Reprimand")
    WARNING = "warning", _("Warning or above")


class InitiativeScope(models.TextChoices):
    GRASSROOTS = "grassroots", _("Grassroots")
    PROVINCIAL = "provincial", _("Province-wide")
    NATIONAL = "national", _("Nationwide")


class RecordSource(models.TextChoices):
    DECISION = "decision", _("Decision in the portal")
    IMPORT = "import", _("Imported history")


# --- Public notices and the register (issue 16, public) ---


class CommentState(models.TextChoices):
    """A public comment on a notice: waiting for an officer, shown on the public page, or refused."""

    PENDING = "pending", pgettext_lazy("comment state", "Awaiting moderation")
    PUBLISHED = "published", pgettext_lazy("comment state", "Published")
    REJECTED = "rejected", pgettext_lazy("comment state", "Rejected")
