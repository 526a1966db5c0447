"""The upward package screens (issue 16, upward): the check page (with the officer's attach form), the
build, the download and the sending (confirmation with the central reference). The panel on the
proposal page is the `upward_panel` tag (awards/templatetags/upward.py)."""

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.errors import DomainError
from portal.permissions import object_view

from ..domain.upward import package as upward
from ..forms import DocumentForm
from ..models import UpwardPackage
from .common import PROPOSALS
from .documents import attach_posted

PACKAGES = UpwardPackage.objects.select_related("proposal__unit", "built_by", "sent_by")


class SendForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Reference given by the central system"),
        max_length=upward.MAX_REFERENCE,
        help_text=gettext_lazy("For example the receipt number of the central electronic dossier system."),
    )


def _check_url(proposal):
    return reverse("awards:upward_check", args=[proposal.pk])


def _panel_url(proposal):
    return reverse("awards:proposal_detail", args=[proposal.pk]) + "#upward"


@object_view(PROPOSALS, "awards.build_upward_package")
def upward_check(request, proposal):
    nominees, documents, items = upward._gather(proposal)
    context = {
        "proposal": proposal,
        "items": items,
        "problems": upward._check(proposal, nominees, documents, items),
        "nominees": nominees,
        "central": bool(nominees),
        "document_form": DocumentForm(),
        "packages": list(PACKAGES.filter(proposal=proposal)),
    }
    return render(request, "awards/upward/check.html", context)


@require_POST
@object_view(PROPOSALS, "awards.build_upward_package")
def upward_build(request, proposal):
    try:
        package = upward.build_package(proposal=proposal, by=request.user)
    except upward.PackageRefused:
        messages.error(request, _("The package was not built: the check lists what is missing."))
        return HttpResponseRedirect(_check_url(proposal))
    except DomainError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(_check_url(proposal))
    messages.success(request, _("Package {number} was built.").format(number=package.number))
    return HttpResponseRedirect(_panel_url(proposal))


@require_POST
@object_view(PROPOSALS, "awards.build_upward_package")
def upward_attach(request, proposal):
    attach_posted(request, lambda **posted: upward.attach_for_package(proposal=proposal, by=request.user, **posted))
    return HttpResponseRedirect(_check_url(proposal))


@object_view(PACKAGES, "awards.download_upwardpackage")
def upward_download(request, package):
    try:
        handle = package.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=package.download_name, content_type="application/zip")


@object_view(PACKAGES, "awards.send_upwardpackage")
def upward_send(request, package):
    """The confirmation page (with the central reference), then the package recorded as sent."""
    proposal = package.proposal
    back = _panel_url(proposal)
    form = SendForm(request.POST or None)
    refusal = ""
    if package.is_sent:
        refusal = _("This package was already sent.")
    elif UpwardPackage.objects.filter(proposal_id=proposal.pk, number__gt=package.number).exists():
        refusal = _("A newer package of this proposal exists: send that one.")
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            upward.mark_sent(package=package, by=request.user, reference=form.cleaned_data["reference"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Package {number} was recorded as sent.").format(number=package.number))
            return HttpResponseRedirect(back)
    context = {
        "form": form,
        "title": _("Record the package as sent"),
        "subject": proposal,
        "question": _(
            "Record package {number} as sent to the central system? It can no longer be changed afterwards; "
            "a decided proposal becomes forwarded."
        ).format(number=package.number),
        "refusal": refusal,
        "submit": _("Record as sent"),
        "safe": True,
        "back": back,
    }
    return render(request, "portal/confirm.html", context, status=400 if request.method == "POST" else 200)
