"""HTML to PDF with WeasyPrint. The only module that imports it; no external URL is ever fetched."""

import time

from django.conf import settings


class ExternalResourceRefused(Exception):
    """The document asked for a resource other than a data: URI; nothing was fetched."""


def _fetcher():
    from weasyprint.urls import URLFetcher

    # data: URIs only (the chart is one): file://, http(s):// and everything else are refused.
    return URLFetcher(allowed_protocols=("data",), fail_on_errors=True)


def html_to_pdf(html):
    """Render `html` to PDF bytes.

    Test hook: REPORTS_TEST_RENDER_DELAY (seconds) makes each render sleep first, so a test can
    kill a worker in the middle of a render. It is never set outside the fault test.
    """
    delay = settings.REPORTS_TEST_RENDER_DELAY
    if delay:
        time.sleep(delay)
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    try:
        return HTML(string=html, base_url=None, url_fetcher=_fetcher()).write_pdf()
    except FatalURLFetchingError as refused:  # not an Exception subclass: make it one
        raise ExternalResourceRefused(str(refused)) from refused
