"""Reading a PDF's text the way a reader's copy-paste would see it."""

import subprocess


def pdf_text(data):
    """The PDF's extracted text (poppler's pdftotext), whitespace runs collapsed to one space."""
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())
