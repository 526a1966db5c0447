"""Signing the portal's documents and keeping their signed versions (issue 15, originals).

    sign_with_portal(signable=, obj=, by=)          render, sign with the configured key, store a version
    prepare_for_token(signable=, obj=)              the unsigned draft an officer signs with their own token
    accept_signed(signable=, obj=, upload=, by=)    check a signed copy of that draft, store it as a version
    versions_of(obj, key) / latest_original(...)    the versions, newest first / the latest valid one

A version is never changed: a new content (or a new signature of it) makes a new row that
`supersedes` the previous one, and every old file stays downloadable. The draft is not stored: the
render is deterministic (WeasyPrint writes the same bytes for the same content), so an uploaded
copy is checked against the document's current render, and `source_sha256` (the hash of that
render) tells whether the content changed since the last version.
"""

import hashlib
import io
import logging
from contextlib import nullcontext

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.enums import SignatureState
from portal.errors import DomainError
from portal.models import SignedVersion, SigningMethod

logger = logging.getLogger(__name__)


class OriginalsError(DomainError):
    default_message = gettext_lazy("The signed version could not be stored; nothing was changed.")


UNCHANGED = gettext_lazy("The document has not changed since version {number} was signed, so nothing was signed again.")
SAME_FILE = gettext_lazy("This signed file is already stored as version {number}; nothing was added.")
NOT_THIS_DOCUMENT = gettext_lazy(
    "This is not a signed copy of the document prepared here: its content differs from the current "
    "draft (another document, or the document was changed since it was prepared). Prepare it again "
    "and sign that copy."
)
CHANGED_BEFORE_SIGNING = gettext_lazy(
    "The prepared draft was changed before it was signed (its pages were rewritten), so the signed copy was refused."
)
NOT_VALID = gettext_lazy("The signed copy was refused: {reason}")
RACE = gettext_lazy("Someone stored a version of this document at the same moment; reload the page and try again.")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def versions_of(obj, key):
    """The versions of document `key` of `obj`, newest first (one query when evaluated)."""
    return SignedVersion.objects.of(obj, key).select_related("made_by")


def latest_original(versions):
    """Of versions (newest first), the latest with a valid signature: "the original"; or None."""
    return next((version for version in versions if version.signature_state == SignatureState.VALID), None)


def prepare_for_token(*, signable, obj):
    """The unsigned PDF an officer downloads to sign with their own token. Side effects: none."""
    return signable.render_pdf(obj)


def sign_with_portal(*, signable, obj, by, signer=None):
    """Render the document, sign it with the portal's key and store it as a new version.

    `signer` replaces the configured one (tests); otherwise `portal.signing.configured_signer()`.
    Side effects: one SignedVersion row and its file; an entry in the object's history; the
    signable's notice (the proposing unit for a decision). Raises OriginalsError when the content
    is unchanged since the latest version, SigningUnavailable when no key is configured,
    SigningFailed/BadPdf when signing fails; nothing is written then.
    """
    from portal.signing import configured_signer, sign_pdf, verify_pdf

    source = signable.render_pdf(obj)
    digest = sha256(source)
    latest = versions_of(obj, signable.key).first()
    if latest is not None and latest.source_sha256 == digest:
        raise OriginalsError(UNCHANGED.format(number=latest.number))
    title, name = signable.signature(obj)
    reason = _("Issued: {document}").format(document=signable.title(obj))
    with nullcontext(signer) if signer is not None else configured_signer() as chosen:
        signed = sign_pdf(source, signer=chosen, title=title, signer_name=name or _holder(chosen), reason=reason)
    verification = verify_pdf(signed)
    return _store(
        signable=signable,
        obj=obj,
        data=signed,
        source_digest=digest,
        verification=verification,
        how=SigningMethod.PORTAL_KEY,
        by=by,
        previous=latest,
    )


def _holder(signer):
    """The common name of the signer's certificate (when the document names no signer)."""
    cert = getattr(signer, "signing_cert", None)
    return (cert.subject.native.get("common_name", "") if cert is not None else "") or ""


def accept_signed(*, signable, obj, upload, by):
    """Check an uploaded signed copy of the document's draft and store it as a new version.

    The copy must (a) be a PDF by its content (`portal.uploads.check_upload`); (b) verify as VALID
    against the trust roots (unknown signer, modified or unsigned copies are refused with the
    verifier's reason); (c) be the current draft signed: the draft's bytes are the copy's first
    bytes, its first signature sits in the revision right after them, and that revision rewrites no
    page's content. Side effects: one SignedVersion row and its file, an entry in the object's
    history, the signable's notice. Raises UploadRejected or OriginalsError; nothing written then.
    """
    from portal.signing import verify_pdf
    from portal.uploads import check_upload

    check_upload(upload, kinds={"pdf"})
    upload.seek(0)
    data = upload.read()
    draft = signable.render_pdf(obj)
    verification = verify_pdf(data)
    if verification.state != SignatureState.VALID:
        raise OriginalsError(NOT_VALID.format(reason=verification.summary))
    if not data.startswith(draft) or len(data) == len(draft):
        raise OriginalsError(NOT_THIS_DOCUMENT)
    _check_signed_revision(draft, data)
    latest = versions_of(obj, signable.key).first()
    digest = sha256(data)
    same = SignedVersion.objects.of(obj, signable.key).filter(sha256=digest).values_list("number", flat=True).first()
    if same is not None:
        raise OriginalsError(SAME_FILE.format(number=same))
    return _store(
        signable=signable,
        obj=obj,
        data=data,
        source_digest=sha256(draft),
        verification=verification,
        how=SigningMethod.OWN_TOKEN,
        by=by,
        previous=latest,
    )


def _pages(reader):
    """Each page's (/Contents, /Resources) as stored (references, not resolved), in order."""
    found = []

    def walk(node):
        node = node.get_object()
        if node.get("/Type") == "/Page":
            found.append((repr(node.raw_get("/Contents")), repr(node.raw_get("/Resources"))))
            return
        for kid in node["/Kids"]:
            walk(kid)

    walk(reader.root["/Pages"])
    return found


def _check_signed_revision(draft, data):
    """The first signature of `data` is in the revision right after `draft`'s, and that revision
    keeps every page's content stream and resources (a signature adds a field, an annotation and
    its appearance, never new page content). OriginalsError otherwise."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        before = PdfFileReader(io.BytesIO(draft), strict=False)
        after = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(after.embedded_regular_signatures)
        first = min(signatures, key=lambda signature: signature.signed_revision)
        revision = before.xrefs.total_revisions
        if first.signed_revision != revision:
            raise OriginalsError(CHANGED_BEFORE_SIGNING)
        draft_objects = set()
        for number in range(revision):
            draft_objects |= before.xrefs.explicit_refs_in_revision(number)
        rewritten = after.xrefs.explicit_refs_in_revision(revision) & draft_objects
        contents = {ref for ref in draft_objects if _is_content(before, ref)}
        if rewritten & contents:
            raise OriginalsError(CHANGED_BEFORE_SIGNING)
        at_signing = after.get_historical_resolver(revision)
        if _pages(before) != _pages(at_signing):
            raise OriginalsError(CHANGED_BEFORE_SIGNING)
    except OriginalsError:
        raise
    except Exception as failure:  # pyHanko raises many kinds on a damaged file
        logger.info("signed copy unreadable: %s", failure)
        raise OriginalsError(NOT_THIS_DOCUMENT) from None


def _is_content(reader, ref):
    """The object is a stream that is not a signature's (a page's content, an image, a font)."""
    from pyhanko.pdf_utils import generic

    try:
        return isinstance(reader.get_object(ref), generic.StreamObject)
    except Exception:  # a free or broken entry
        return False


def _store(*, signable, obj, data, source_digest, verification, how, by, previous):
    number = (previous.number + 1) if previous is not None else 1
    content_type = ContentType.objects.get_for_model(type(obj))
    version = SignedVersion(
        content_type=content_type,
        object_id=obj.pk,
        key=signable.key,
        number=number,
        sha256=sha256(data),
        source_sha256=source_digest,
        how=how,
        signer_name=(verification.signer_name or "")[:255],
        certificate_subject=(verification.subject or "")[:500],
        signed_at=verification.signed_at,
        signature_state=verification.state,
        signature_summary=str(verification.summary)[:500],
        made_by=by,
        supersedes=previous,
    )
    stem = signable.number(obj) or str(obj.pk)
    safe = "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "-_" else "-" for ch in stem)[:60]
    version.file.save(f"{signable.key}-{safe}-v{number}-{version.sha256[:12]}.pdf", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            version.save()
            _log_on_object(obj=obj, content_type=content_type, version=version, signable=signable, by=by)
            signable.notify(version=version, obj=obj)
    except IntegrityError:
        version.file.delete(save=False)
        raise OriginalsError(RACE) from None
    except Exception:
        version.file.delete(save=False)
        raise
    return version


HISTORY_NOTES = {
    SigningMethod.PORTAL_KEY: gettext_lazy("Signed version {number} stored (the portal's key): {summary}"),
    SigningMethod.OWN_TOKEN: gettext_lazy("Signed version {number} stored (an officer's own token): {summary}"),
}


def _log_on_object(*, obj, content_type, version, signable, by):
    """One entry in the object's own history naming the version (the version's own CREATE entry is
    written by auditlog, SignedVersion being registered)."""
    note = HISTORY_NOTES[version.how].format(number=version.number, summary=version.signature_summary)
    LogEntry.objects.create(
        content_type=content_type,
        object_pk=str(obj.pk),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        action=LogEntry.Action.UPDATE,
        changes={},
        actor=by if getattr(by, "pk", None) else None,
        additional_data={"reason": str(note)[:1000], "signed_version": version.pk},
    )
