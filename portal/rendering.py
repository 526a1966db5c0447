"""HTML to PDF with WeasyPrint. The only module that imports it; no external URL is ever fetched.

WeasyPrint gives the same bytes for the same HTML, so with PDF_RENDER_CACHE a process keeps the last
renders by their HTML (the test suite sets it: it seeds the demo, which renders the same forms and
sample documents, dozens of times). Off by default: a deployment renders what it is asked.
"""

import hashlib
import time
from collections import OrderedDict

from django.conf import settings


class ExternalResourceRefused(Exception):
    """The document asked for a resource other than a data: URI; nothing was fetched."""


def _fetcher():
    from weasyprint.urls import URLFetcher

    # data: URIs only (the chart is one): file://, http(s):// and everything else are refused.
    return URLFetcher(allowed_protocols=("data",), fail_on_errors=True)


_renders = OrderedDict()
CACHED_RENDERS = 64


def html_to_pdf(html):
    """Render `html` to PDF bytes.

    Test hook: REPORTS_TEST_RENDER_DELAY (seconds) makes each render sleep first, so a test can
    kill a worker in the middle of a render. It is never set outside the fault test.
    """
    delay = settings.REPORTS_TEST_RENDER_DELAY
    if delay:
        time.sleep(delay)
    if not settings.PDF_RENDER_CACHE:
        return _render(html)
    key = hashlib.sha256(html.encode()).digest()
    if key not in _renders:
        _renders[key] = _render(html)
        if len(_renders) > CACHED_RENDERS:
            _renders.popitem(last=False)
    _renders.move_to_end(key)
    return _renders[key]


def _render(html):
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    try:
        return HTML(string=html, base_url=None, url_fetcher=_fetcher()).write_pdf()
    except FatalURLFetchingError as refused:  # not an Exception subclass: make it one
        raise ExternalResourceRefused(str(refused)) from refused
