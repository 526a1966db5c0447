from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from .audit import connect_reasons, register
        from .models import NotificationPreference
        from .text import connect_nfc
        from .uploads import delete_replaced_files

        delete_replaced_files()
        connect_reasons()
        # A person's choices are audited; the notifications themselves are the portal's messages.
        register(NotificationPreference)
        # REST API (issue 16): who issued and revoked each token, and why; never the key's hash.
        from .models import ApiToken

        register(ApiToken, exclude_fields=("key_hash", "last_used_at"))
        connect_nfc()
