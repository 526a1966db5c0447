from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from .audit import connect_reasons, register
        from .models import NotificationPreference, SignedVersion
        from .originals import rules as _originals_rules  # noqa: F401 (portal.view_original, sign_original)
        from .text import connect_nfc
        from .uploads import delete_replaced_files

        delete_replaced_files()
        connect_reasons()
        # A person's choices are audited; the notifications themselves are the portal's messages.
        register(NotificationPreference)
        # REST API (issue 16): who issued and revoked each token, and why; never the key's hash.
        from .models import ApiToken

        register(ApiToken, exclude_fields=("key_hash", "last_used_at"))
        register(SignedVersion)  # issue 15, originals: each version's creation (never changed afterwards)
        connect_nfc()
