import unicodedata

from django.conf import settings
from django.http import QueryDict
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from .uploads import nfc


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
