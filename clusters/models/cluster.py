from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from directory.rules import is_officer, is_signed_in
from portal.text import fold, folded_search

from ..enums import ClusterKind, OrganisingLevel


class ClusterQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if is_signed_in(user) else self.none()

    def search(self, query):
        return self.filter(folded_search(query))


class Cluster(RulesModel):
    """A cluster (localities) or bloc (agencies) whose members compete with each other."""

    kind = models.CharField(_("kind"), max_length=20, choices=ClusterKind.choices)
    name = models.CharField(_("name"), max_length=255)
    organising_level = models.CharField(
        _("organising level"), max_length=20, choices=OrganisingLevel.choices, default=OrganisingLevel.PROVINCIAL
    )
    organising_body = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("organising body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_clusters",
    )
    search_text = models.TextField(editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        verbose_name = _("cluster or bloc")
        verbose_name_plural = _("clusters and blocs")
        ordering = ["search_text", "pk"]
        rules_permissions = {"view": is_signed_in, "add": is_officer, "change": is_officer, "delete": is_officer}

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class Term(RulesModel):
    """One year of a cluster: its members, lead and deputy for that year."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="terms")
    year = models.PositiveSmallIntegerField(_("year"))
    lead_unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="led_terms"
    )
    deputy_unit = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("deputy unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputy_terms",
    )
    members = models.ManyToManyField(
        "directory.Unit", through="TermMember", verbose_name=_("members"), related_name="cluster_terms"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-year", "cluster__search_text"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="term_one_per_cluster_year"),
            models.CheckConstraint(condition=~Q(lead_unit=models.F("deputy_unit")), name="term_lead_is_not_deputy"),
        ]
        rules_permissions = {"view": is_signed_in, "add": is_officer, "change": is_officer, "delete": is_officer}

    def __str__(self):
        return f"{self.cluster} {self.year}"


class TermMember(models.Model):
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="term_memberships"
    )

    class Meta:
        verbose_name = _("term member")
        verbose_name_plural = _("term members")
        constraints = [models.UniqueConstraint(fields=["term", "unit"], name="term_member_once")]

    def __str__(self):
        return f"{self.unit} ({self.term})"


class NominationKind(models.TextChoices):
    FLAG = "flag", _("Emulation flag (leading unit)")
    CERTIFICATE = "certificate", _("Certificate of merit")


class Nomination(models.Model):
    """A term's outcome: the leading unit proposed for the flag, and those proposed for certificates.

    Written when a term's results are locked; the awards app turns nominations into proposals.
    """

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="nominations")
    unit = models.ForeignKey(
        "directory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cluster_nominations"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NominationKind.choices)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["term", "kind", "rank"]
        constraints = [models.UniqueConstraint(fields=["term", "unit", "kind"], name="nomination_once_per_kind")]

    def __str__(self):
        return f"{self.unit} – {self.get_kind_display()} ({self.term})"
