from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "movements"
    verbose_name = _("Emulation movements")

    def ready(self):
        from portal.audit import register

        from .models import (
            Movement,
            MovementDocument,
            MovementReview,
            ProgressEntry,
            Registration,
            ReviewHonouree,
            Target,
        )

        register(Movement, m2m_fields=("participants",))
        register(ReviewHonouree, Target, ProgressEntry)
        # A document, registration or review deleted since still shows in its movement's history.
        register(MovementDocument, MovementReview, Registration, parents=("movement",))
