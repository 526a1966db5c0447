from django.db import models
from django.utils.translation import gettext_lazy as _


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster (localities)")
    BLOC = "bloc", _("Bloc (agencies)")


class OrganisingLevel(models.TextChoices):
    CENTRAL = "central", _("Central (organised by the Central Emulation and Commendation Board)")
    PROVINCIAL = "provincial", _("Provincial")
