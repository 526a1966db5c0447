from .navigation import menu_for


def navigation(request):
    """The menu, grouped by section: one link per section, or a drop-down when it has several."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": [], "menu_sections": []}
    menu = menu_for(user)
    sections = {}
    for item in menu:
        sections.setdefault(str(item.section), []).append(item)
    return {"menu": menu, "menu_sections": list(sections.items())}


def notifications(request):
    """The signed-in person's unread notification count for the menu badge: one COUNT query per page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .models import Notification

    return {"unread_notifications": Notification.objects.filter(recipient=user, read_at__isnull=True).count()}
