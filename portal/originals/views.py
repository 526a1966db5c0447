"""The pages of signed originals: sign with the portal's key, prepare for a token, upload the signed
copy, download a version. Each loads its document through the registry and asks the rules
`portal.view_original` / `portal.sign_original` (portal/originals/rules.py) on it."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.actions import attempt
from portal.errors import DomainError
from portal.models import SignedVersion
from portal.permissions import load_object
from portal.signing import SigningUnavailable, signing_configured
from portal.uploads import DocumentFileField

from . import domain
from .registry import signable as registered
from .rules import Target


def signable_view(permission):
    """A view on document `key` of the object `object_id`: anonymous -> login, unknown key or row
    -> 404, refused -> 403; the view gets (request, target)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, key, object_id):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            signable = registered(key)
            if signable is None:
                raise Http404
            target = Target(signable, load_object(lambda _request: signable.rows(), request, pk=object_id))
            if not request.user.has_perm(permission, target):
                raise PermissionDenied
            return view(request, target)

        return wrapped

    return decorator


def _back(target):
    return target.signable.page_url(target.obj) + "#originals"


def _subject(target):
    return target.signable.title(target.obj)


@signable_view("portal.sign_original")
def sign(request, target):
    """The confirmation page, then the document signed with the portal's key (a new version)."""
    back = _back(target)
    if request.method == "POST":
        stored = []

        def action():
            stored.append(domain.sign_with_portal(signable=target.signable, obj=target.obj, by=request.user))

        if attempt(request, action):
            messages.success(
                request,
                _("Version {number} was signed with the portal's key and stored.").format(number=stored[0].number),
            )
        return HttpResponseRedirect(back)
    context = {
        "title": _("Sign with the portal's key"),
        "subject": _subject(target),
        "question": _(
            "Sign the current content of this document with the portal's key? The signed file is kept as a "
            "new version and is never changed afterwards."
        ),
        "submit": _("Sign"),
        "safe": True,
        "back": back,
        "refusal": "" if signing_configured() else str(SigningUnavailable.default_message),
    }
    return render(request, "portal/confirm.html", context)


@signable_view("portal.sign_original")
def prepare(request, target):
    """The unsigned draft to sign with one's own token (nothing is stored)."""
    try:
        data = domain.prepare_for_token(signable=target.signable, obj=target.obj)
    except DomainError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(_back(target))
    response = HttpResponse(data, content_type="application/pdf")
    name = f"{target.signable.key}-{target.obj.pk}-ban-du-thao.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class SignedCopyForm(forms.Form):
    file = DocumentFileField(label=gettext_lazy("Signed PDF"))


@signable_view("portal.sign_original")
def upload(request, target):
    """The form for the signed copy, then its check and a new version (or the reason it is refused)."""
    form = SignedCopyForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            stored = []

            def action():
                stored.append(
                    domain.accept_signed(
                        signable=target.signable, obj=target.obj, upload=form.cleaned_data["file"], by=request.user
                    )
                )

            if attempt(request, action):
                messages.success(
                    request,
                    _("The signed copy was checked and stored as version {number}.").format(number=stored[0].number),
                )
                return HttpResponseRedirect(_back(target))
    context = {"form": form, "subject": _subject(target), "back": _back(target), "target": target}
    return render(request, "portal/originals/upload.html", context, status=status)


def download(request, pk):
    """One version's signed file, for whoever may see its document."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    version = load_object(SignedVersion.objects.select_related("content_type"), request, pk=pk)
    signable = registered(version.key)
    if signable is None:
        raise Http404
    obj = load_object(lambda _request: signable.rows(), request, pk=version.object_id)
    if not request.user.has_perm("portal.view_original", Target(signable, obj)):
        raise PermissionDenied
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The stored file is missing.")) from None
    name = f"{signable.key}-{obj.pk}-v{version.number}-da-ky.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")
