"""The visible signature and the attachment stamp, drawn by WeasyPrint as one small PDF page each.

WeasyPrint already embeds and subsets the fonts (Vietnamese diacritics shaped by HarfBuzz) and the
PNG's transparency; pyHanko then takes that page as the appearance of the signature widget, or as
content added to an attachment's first page. The font is Times New Roman when installed, else
Liberation Serif (metric-compatible with it: the same advance widths, so the same line breaks),
else DejaVu Serif.
"""

import base64
import html
import io

from django.utils.translation import gettext_lazy as _

from portal.errors import DomainError

from .layout import ATTACHMENT_FONT_SIZE, MM, Box

FONT_FAMILY = '"Times New Roman", "Liberation Serif", "DejaVu Serif", serif'


class BadImage(DomainError):
    default_message = _("The signature or seal image is not a PNG or JPEG picture.")


def image_info(data):
    """(width px, height px, dpi or None, mime type) of a PNG or JPEG; BadImage otherwise."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            dpi = image.info.get("dpi")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise BadImage() from None
    if kind not in ("PNG", "JPEG"):
        raise BadImage()
    return width, height, dpi, f"image/{kind.lower()}"


def _render(body, width, height):
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    page = (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        f"@page {{ size: {width:.3f}pt {height:.3f}pt; margin: 0 }}"
        f"html, body {{ margin: 0; padding: 0; font-family: {FONT_FAMILY}; }}"
        ".part { position: absolute; overflow: visible; }"
        ".text { text-align: center; font-size: 12pt; line-height: 1.15; font-weight: bold; }"
        ".stamp { font-size: 9pt; line-height: 1.2; text-align: left; color: #1a237e;"
        " border: 0.8pt solid #1a237e; padding: 2pt 3pt; }"
        ".part img { display: block; width: 100%; height: 100%; }"
        "</style></head><body>" + body + "</body></html>"
    )
    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    return HTML(string=page, base_url=None, url_fetcher=fetcher).write_pdf()


def _place(part, box, inner, css_class="part"):
    """An absolutely placed div for `part` (page coordinates) inside `box` (CSS origin: top left)."""
    left = part.x1 - box.x1
    top = box.y2 - part.y2
    return (
        f"<div class='{css_class}' style='left:{left:.3f}pt;top:{top:.3f}pt;"
        f"width:{part.width:.3f}pt;height:{part.height:.3f}pt'>{inner}</div>"
    )


def _image(data, mime):
    return f"<img src='data:{mime};base64,{base64.b64encode(data).decode('ascii')}' alt=''>"


def _lines(text):
    return "<br>".join(html.escape(line) for line in str(text).splitlines())


def signature_pdf(block, *, title, signer_name, signature_image=None, seal_image=None, stamp_lines=()):
    """One page of the block's size: title, signature image or text stamp, seal, name."""
    box = block.box
    parts = [
        _place(block.title, box, _lines(title), "part text"),
        _place(block.name, box, _lines(signer_name), "part text"),
    ]
    if block.signature is not None and signature_image:
        parts.append(_place(block.signature, box, _image(signature_image, image_info(signature_image)[3])))
    elif stamp_lines:
        middle = block.middle
        inner = Box(middle.x1 + 6 * MM, middle.y1 + 2, middle.x2 - 6 * MM, middle.y2 - 2)
        text = "<br>".join(html.escape(line) for line in stamp_lines)
        parts.append(
            f"<div class='part' style='left:{inner.x1 - box.x1:.3f}pt;top:{box.y2 - inner.y2:.3f}pt;"
            f"width:{inner.width:.3f}pt;height:{inner.height:.3f}pt;display:flex;align-items:center'>"
            f"<div class='stamp' style='width:100%'>{text}</div></div>"
        )
    if block.seal is not None and seal_image:
        parts.append(_place(block.seal, box, _image(seal_image, image_info(seal_image)[3])))
    return _render("".join(parts), box.width, box.height)


def attachment_pdf(box, lines):
    """One page of `box`'s size with `lines` right-aligned at its top in Times New Roman 10."""
    text = "<br>".join(html.escape(line) for line in lines)
    body = (
        f"<div style='text-align:right;font-size:{ATTACHMENT_FONT_SIZE}pt;line-height:1.15;"
        f"font-weight:normal;font-style:normal;color:#000'>{text}</div>"
    )
    return _render(body, box.width, box.height)
