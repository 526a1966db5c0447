from .models import Person, Unit
from .rules import is_officer


def panels(user):
    """The directory's part of the home page: the user's unit, and totals for officers."""
    context = {"unit": user.unit}
    if is_officer(user):
        context["unit_count"] = Unit.objects.current().count()
        context["person_count"] = Person.objects.count()
    return [("directory/dashboard_panel.html", context)]
