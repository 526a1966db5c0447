"""Signed originals (issue 15, originals): the portal's own documents signed from their pages.

    registry.py  Signable (what a document is: its PDF, title, who may see and sign it) and the
                 registry each app fills from its `<app>/signables.py`
    domain.py    sign_with_portal, prepare_for_token, accept_signed, versions_of, latest_original
    views.py     the sign, prepare, upload and download pages (urls.py, under portal:original_*)

The versions are `portal.models.SignedVersion` rows, never changed nor deleted. See
docs/conventions.md, "Signed originals (issue 15, originals)".
"""
