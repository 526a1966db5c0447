import unicodedata

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, QueryDict
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from .text import nfc


class LanguageCookieMiddleware:
    """Vietnamese unless the user chose English with the switch (stored in the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an officer whose
    browser is set to English would get English without asking; here only the choice counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class PrivatePagesMiddleware:
    """Signed-in pages and downloads are never kept by browsers or proxies (Cache-Control: no-store).

    A shared office computer's back button or disk cache must not show another officer's dossier.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or response.has_header("Content-Disposition"):
            add_never_cache_headers(response)
        return response


def _normalised(query):
    """`query` with every key and value in NFC; the same object when it already is."""
    if all(
        unicodedata.is_normalized("NFC", key) and all(unicodedata.is_normalized("NFC", value) for value in values)
        for key, values in query.lists()
    ):
        return query
    normalised = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        normalised.setlist(nfc(key), [nfc(value) for value in values])
    normalised._mutable = False
    return normalised


class UnicodeNormalizationMiddleware:
    """Every text a user sends, in Unicode NFC: query and form values, and uploaded file names.

    A Mac, an iPhone or a copy from a PDF may send "Nguyễn" decomposed (NFD: a letter followed by
    combining accents); stored as is, it would not match the same name typed elsewhere, nor sort or
    fold the same way. This is the single place where request text is normalised (imports normalise
    their cells in `portal.xlsx.read_table`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _normalised(request.GET)
        if request.method == "POST":
            request.POST = _normalised(request.POST)
            for _field, files in request.FILES.lists():
                for uploaded in files:
                    if uploaded.name:
                        uploaded.name = nfc(uploaded.name)
        return self.get_response(request)


# What every Django technical error page (and no page of ours) carries in its head.
TECHNICAL_PAGE_MARK = b'<meta name="robots" content="NONE,NOARCHIVE">'


class PortalErrorPagesMiddleware:
    """The portal's own Vietnamese 400, 404 and 500 pages in every mode, DEBUG included.

    With DEBUG on (the embedded mode runs so), Django answers a missing page or a crash with its
    English technical page; this replaces such a page (recognised by its robots meta
    tag, so the portal's own form pages answered with 400 stay as they are) with `templates/400.html`,
    `404.html` or `500.html`, as in production. The technical page stays only when explicitly wanted:
    `TECHNICAL_ERROR_PAGES = True` in the settings (environment `TECHNICAL_ERROR_PAGES=true`).
    The crash is still logged (and re-raised by the test client) before this runs; 403 pages are
    always the portal's (Django renders `403.html` in DEBUG too).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code in (400, 404, 500)
            and settings.DEBUG
            and not getattr(settings, "TECHNICAL_ERROR_PAGES", False)
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
            and TECHNICAL_PAGE_MARK in response.content
        ):
            from django.views import defaults

            if response.status_code == 400:
                replaced = defaults.bad_request(request, SuspiciousOperation())
            elif response.status_code == 404:
                replaced = defaults.page_not_found(request, Http404())
            else:
                replaced = defaults.server_error(request)
            return replaced
        return response
