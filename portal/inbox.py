"""The inbox (a person's notifications) and their e-mail preferences: thin views over `notifications`."""

import django_filters
from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .enums import NotificationKind
from .lists import FilteredListView
from .mixins import PermissionMixin
from .models import Notification, NotificationPreference
from .notifications import email_enabled_kinds
from .permissions import object_view, permission_required
from .text import folded_search


class NotificationFilterSet(django_filters.FilterSet):
    UNREAD, READ = "unread", "read"

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    state = django_filters.ChoiceFilter(
        label=_("Read or unread"),
        choices=[(UNREAD, _("Unread")), (READ, _("Read"))],
        method="filter_state",
        empty_label=_("Read and unread"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of notice"), choices=NotificationKind.choices, empty_label=_("All kinds of notice")
    )

    class Meta:
        model = Notification
        fields = ["q", "state", "kind"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(folded_search(value))

    def filter_state(self, queryset, name, value):
        if value == self.UNREAD:
            return queryset.filter(read_at__isnull=True)
        if value == self.READ:
            return queryset.filter(read_at__isnull=False)
        return queryset


class InboxView(PermissionMixin, FilteredListView):
    permission_required = "portal.use_inbox"
    filterset_class = NotificationFilterSet
    template_name = "portal/inbox.html"

    def get_queryset(self):
        return Notification.objects.visible_to(self.request.user).defer("search_text")


def _own(request):
    return Notification.objects.visible_to(request.user)


@object_view(_own, "portal.view_notification")
def notification_open(request, notification):
    """Mark the notification read and go to the page it is about (the inbox when it has no safe link)."""
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    link = notification.link
    if link and link.startswith("/") and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(link)
    return HttpResponseRedirect(reverse("portal:inbox"))


@require_POST
@permission_required("portal.use_inbox")
def mark_all_read(request):
    count = Notification.objects.visible_to(request.user).unread().update(read_at=timezone.now())
    if count:
        messages.success(request, _("Every notification is marked as read."))
    return HttpResponseRedirect(reverse("portal:inbox"))


class PreferencesForm(forms.Form):
    """One box per kind of notice: send it by e-mail too (the inbox always gets it)."""

    def __init__(self, *args, enabled=(), **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in NotificationKind.choices:
            self.fields[value] = forms.BooleanField(label=label, required=False, initial=value in enabled)


@permission_required("portal.use_inbox")
def preferences(request):
    enabled = email_enabled_kinds(request.user)
    form = PreferencesForm(request.POST or None, enabled=enabled)
    if request.method == "POST" and form.is_valid():
        for kind in NotificationKind.values:
            if form.cleaned_data[kind] != (kind in enabled):  # write only what changed (audited)
                NotificationPreference.objects.update_or_create(
                    user=request.user, kind=kind, defaults={"email": form.cleaned_data[kind]}
                )
        messages.success(request, _("Your notification preferences were saved."))
        return HttpResponseRedirect(reverse("portal:notification_preferences"))
    return render(request, "portal/notification_preferences.html", {"form": form})
