"""An officer's correction of an award record (issue 14): tier, commendation type, recipient, with a reason."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.actions import attempt
from portal.audit import history_visible_to
from portal.permissions import object_view

from ..domain.records import correct_record
from ..forms import AwardRecordCorrectionForm
from ..models import AwardRecord


def _records(request):
    return AwardRecord.objects.visible_to(request.user).select_related("award", "unit", "person__unit", "decision")


@object_view(_records, "awards.correct_awardrecord")
def record_edit(request, record):
    form = AwardRecordCorrectionForm(request.POST or None, instance=record)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: correct_record(
                record=record, changes=form.cleaned_data, reason=form.cleaned_data["reason"], by=request.user
            ),
            success=_("The award record was corrected."),
        )
    ):
        return HttpResponseRedirect(f"{reverse('awards:lookup')}?{urlencode({'q': record.recipient_name})}")
    context = {"form": form, "record": record, "history": history_visible_to(request.user, record)}
    return render(request, "awards/record_edit.html", context, status=400 if request.method == "POST" else 200)
