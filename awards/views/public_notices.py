"""The public pages (no login, issue 16, public): dossiers under public notice with the comment form,
and the register of published decisions. Each view is throttled (`portal.throttle`) and shows only
what officers published: entries' name, unit, award and summary; comments' author name, text and
the office's answer; a decision's annex (name, unit, award). Never a birth date, an ID or a contact.
"""

import time

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from portal.errors import DomainError
from portal.lists import FilteredListView
from portal.text import folded_search
from portal.throttle import client_address, throttled

from ..domain import public
from ..domain.decision_document import decision_pdf
from ..enums import AwardLevel, CommentState
from ..models import Decision, NoticeComment, NoticeEntry, PublicNotice
from ..models.public import AUTHOR_MAX, BODY_MAX

READ_PER_HOUR = 600  # reading: generous, only a crawler reaches it
COMMENTS_PER_HOUR = 5  # posting a comment, per address
NOTICES_PER_PAGE = 20
STAMP_SALT = "awards.public.comment-form"
STAMP_MAX_AGE = 24 * 3600  # a form older than a day is refused (reload the page)


def min_seconds():
    """A form sent sooner than this after the page was served is refused (a robot); settings may change it."""
    return getattr(settings, "PUBLIC_COMMENT_MIN_SECONDS", 3)


def is_post(request):
    return request.method == "POST"


def form_stamp(notice):
    """The signed moment the form was served, for the notice it belongs to."""
    return signing.dumps({"notice": notice.pk, "at": int(time.time())}, salt=STAMP_SALT)


class CommentForm(forms.Form):
    """The public's comment: on which nominee, who (a name and a phone or an e-mail), and the text.

    `website` is a honeypot (hidden from people, filled by robots) and `stamp` the signed moment the
    page was served: a form sent too soon or more than a day later is refused.
    """

    entry = forms.ModelChoiceField(label=gettext_lazy("Nominee"), queryset=NoticeEntry.objects.none())
    author_name = forms.CharField(label=gettext_lazy("Your name"), max_length=AUTHOR_MAX)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=20, required=False)
    email = forms.CharField(label=gettext_lazy("E-mail"), max_length=254, required=False)
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": BODY_MAX}),
    )
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = notice
        self.fields["entry"].queryset = notice.entries.filter(is_published=True)
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["email"].widget.attrs.update({"inputmode": "email", "autocomplete": "email"})
        if not self.is_bound:
            self.initial["stamp"] = form_stamp(notice)

    def clean(self):
        # Refusals of the honeypot and the stamp are the form's own (their fields are hidden).
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("Your comment could not be accepted."))
        try:
            stamp = signing.loads(data.get("stamp") or "", salt=STAMP_SALT, max_age=STAMP_MAX_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError(_("The form was opened more than a day ago: reload the page and write again."))
        except signing.BadSignature:
            raise forms.ValidationError(_("The form is damaged: reload the page and write again."))
        if not isinstance(stamp, dict) or stamp.get("notice") != self.notice.pk:
            raise forms.ValidationError(_("The form is damaged: reload the page and write again."))
        age = time.time() - stamp.get("at", 0)
        if age > STAMP_MAX_AGE:
            raise forms.ValidationError(_("The form was opened more than a day ago: reload the page and write again."))
        if age < min_seconds():
            raise forms.ValidationError(_("The comment was sent too quickly: please wait a moment and send it again."))
        return data


def _entries_with_comments(notice):
    published = NoticeComment.objects.filter(state=CommentState.PUBLISHED).order_by("received_at", "pk")
    return list(
        notice.entries.filter(is_published=True).prefetch_related(
            Prefetch("comments", queryset=published, to_attr="public_comments")
        )
    )


@throttled("notices", per_hour=READ_PER_HOUR)
def notice_list(request):
    """Notices open for comment and those closed within `RECENTLY_CLOSED_DAYS`, latest end date first."""
    today = timezone.localdate()
    notices = PublicNotice.objects.listed(today).select_related("proposal").order_by("-proposal__notice_until", "-pk")
    page = Paginator(notices, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    for notice in page.object_list:
        notice.open = notice.is_open(today)
    return render(
        request,
        "awards/public/notice_list.html",
        {"page_obj": page, "notices": page.object_list, "is_paginated": page.has_other_pages(), "today": today},
    )


@require_http_methods(["GET", "POST"])
@throttled("notices", per_hour=READ_PER_HOUR)
@throttled("comment", per_hour=COMMENTS_PER_HOUR, counts=is_post)
def notice_detail(request, pk):
    """One notice: its entries with the published comments and answers, and the form while it is open."""
    notice = get_object_or_404(PublicNotice.objects.listed().select_related("proposal"), pk=pk)
    is_open = notice.is_open()
    form = None
    status = 200
    if request.method == "POST":
        status = 400
        if not is_open:
            messages.error(request, public.CLOSED)
        else:
            form = CommentForm(request.POST, notice=notice)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    public.receive_comment(
                        entry=data["entry"],
                        author_name=data["author_name"],
                        phone=data["phone"],
                        email=data["email"],
                        body=data["body"],
                        sender_address=client_address(request),
                    )
                except DomainError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(
                        request,
                        _("Thank you: your comment was received. It is shown here once the office has read it."),
                    )
                    return HttpResponseRedirect(request.path)
    if is_open and form is None:
        form = CommentForm(notice=notice, initial={"entry": request.GET.get("entry")})
    context = {"notice": notice, "entries": _entries_with_comments(notice), "is_open": is_open, "form": form}
    return render(request, "awards/public/notice_detail.html", context, status=status)


# ---------------------------------------------------------------------------
# The register of decisions
# ---------------------------------------------------------------------------
def _register_years():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, this_year - 15, -1)]


class RegisterFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("Search"), method="filter_q")
    year = django_filters.ChoiceFilter(
        label=gettext_lazy("Year"),
        choices=_register_years,
        method="filter_year",
        empty_label=gettext_lazy("All years"),
    )
    level = django_filters.ChoiceFilter(
        label=gettext_lazy("Level of the decision"), choices=AwardLevel.choices, empty_label=gettext_lazy("All levels")
    )

    class Meta:
        model = Decision
        fields = ["q", "year", "level"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(folded_search(value))

    def filter_year(self, queryset, name, value):
        return queryset.filter(signed_on__year=int(value))


def published_decisions():
    return Decision.objects.filter(published_at__isnull=False)


class DecisionRegisterView(FilteredListView):
    """The register: published decisions, searchable without diacritics, by year and level."""

    filterset_class = RegisterFilterSet
    template_name = "awards/public/decision_register.html"

    def get_queryset(self):
        return published_decisions().select_related("proposal").order_by("-signed_on", "-pk")

    @classmethod
    def as_view(cls, **initkwargs):
        return throttled("register", per_hour=READ_PER_HOUR)(super().as_view(**initkwargs))


def _published(pk):
    decision = published_decisions().select_related("proposal__unit").filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


@throttled("register", per_hour=READ_PER_HOUR)
def decision_detail(request, pk):
    """One published decision and its annex: each awardee's name, unit and award (nothing private)."""
    decision = _published(pk)
    records = list(decision.records.select_related("award", "unit").order_by("-award__rank", "award__name", "pk"))
    return render(request, "awards/public/decision_detail.html", {"decision": decision, "records": records})


@throttled("register", per_hour=READ_PER_HOUR)
def decision_pdf_public(request, pk):
    """The published decision as a PDF (the portal's rendering of the Decree 30/2020 form)."""
    decision = _published(pk)
    response = HttpResponse(decision_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="quyet-dinh-{decision.pk}.pdf"'
    return response
