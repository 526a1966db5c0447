from django.utils.functional import SimpleLazyObject

from .navigation import menu_sections_for


def navigation(request):
    """The menu, grouped by section: one link per section, or a drop-down when it has several.

    Lazy: computed when a template reads it (the portal's base page, once per request), never for
    Django admin's pages or any other template that draws no menu. Each link carries its address,
    label and whether it is the current page (`current`), worked out once here rather than by the
    template for every link.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], "menu_sections": []}
    sections = SimpleLazyObject(lambda: menu_sections_for(user, request.path))
    return {
        "menu": SimpleLazyObject(lambda: [link for _section, links in sections for link in links]),
        "menu_sections": sections,
    }


def notifications(request):
    """The signed-in person's unread notification count for the menu badge: one COUNT query per page
    that shows the badge (lazy: a page without it, such as Django admin's, runs none)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .models import Notification

    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        )
    }
