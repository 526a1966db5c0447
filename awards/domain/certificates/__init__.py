"""Certificates (issue 15, certificates): a record's field values (`layout`), the batch PDF for the
pre-printed blanks and the layout preview (`printing`), the signed digital certificate with its QR
code (`digital`). See docs/conventions.md, "Certificates (issue 15, certificates)"."""
