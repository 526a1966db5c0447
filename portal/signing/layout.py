"""Where the visible signature goes, as Decree 30/2020 (Appendix I) describes it.

All coordinates are PDF points (1/72 inch) with the origin at the page's bottom-left corner.

- The signer's block (`signature_box`): at the bottom right of the last page, inside the Decree's
  margins (right 20 mm, bottom 20 mm), where the "authority, title of the signer" column sits.
- Inside it (`signature_block`): the signer's title at the top, the name at the bottom, the
  signature image centred between them, and the organisation's seal, at its real size, over the left
  third of the signature (its right edge one third into the signature, its centre level with the
  signature's centre).
- On an attachment (`attachment_box`): no image, the number and symbol and the signing time, in Times
  New Roman 10, at the top right of the first page.
"""

from dataclasses import dataclass

MM = 72 / 25.4

BLOCK_WIDTH_MM = 90
BLOCK_HEIGHT_MM = 58
RIGHT_MARGIN_MM = 20
BOTTOM_MARGIN_MM = 20
TITLE_HEIGHT_MM = 13
NAME_HEIGHT_MM = 8
SIGNATURE_MAX_WIDTH_MM = 50
# A seal image without a resolution is drawn at this diameter (an organisation's round seal is
# 35-42 mm; Decree 99/2016 leaves the exact size to each seal).
SEAL_DEFAULT_MM = 36
ATTACHMENT_TOP_MM = 8
ATTACHMENT_WIDTH_MM = 60
ATTACHMENT_HEIGHT_MM = 10
ATTACHMENT_FONT_SIZE = 10


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points, origin at the bottom-left of the page."""

    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def width(self):
        return self.x2 - self.x1

    @property
    def height(self):
        return self.y2 - self.y1

    @property
    def centre(self):
        return ((self.x1 + self.x2) / 2, (self.y1 + self.y2) / 2)

    def contains(self, other, *, tolerance=0.5):
        return (
            other.x1 >= self.x1 - tolerance
            and other.y1 >= self.y1 - tolerance
            and other.x2 <= self.x2 + tolerance
            and other.y2 <= self.y2 + tolerance
        )

    def as_tuple(self):
        return (self.x1, self.y1, self.x2, self.y2)


@dataclass(frozen=True)
class SignatureBlock:
    """The parts of a visible signature, each a Box on the page (seal and signature may be None)."""

    box: Box
    title: Box
    middle: Box
    name: Box
    signature: Box | None
    seal: Box | None


def signature_box(page_width, page_height):
    """The signer's block at the bottom right of a page of this size (the default `box_for`)."""
    x2 = page_width - RIGHT_MARGIN_MM * MM
    y1 = BOTTOM_MARGIN_MM * MM
    return Box(x2 - BLOCK_WIDTH_MM * MM, y1, x2, y1 + BLOCK_HEIGHT_MM * MM)


def _fit(width, height, max_width, max_height, *, grow=True):
    scale = min(max_width / width, max_height / height)
    if not grow:
        scale = min(scale, 1.0)
    return width * scale, height * scale


def signature_block(box, *, signature_size=None, seal_size=None):
    """The title, signature, seal and name boxes inside `box`.

    `signature_size` is the signature image's (width, height) in any unit (only its proportions
    count: it is scaled to fit the middle band, at most SIGNATURE_MAX_WIDTH_MM wide); `seal_size`
    is the seal's real (width, height) in points. Either may be None (no image).
    """
    title = Box(box.x1, box.y2 - TITLE_HEIGHT_MM * MM, box.x2, box.y2)
    name = Box(box.x1, box.y1, box.x2, box.y1 + NAME_HEIGHT_MM * MM)
    middle = Box(box.x1, name.y2, box.x2, title.y1)
    centre_x, centre_y = middle.centre
    signature = None
    if signature_size:
        width, height = _fit(*signature_size, min(SIGNATURE_MAX_WIDTH_MM * MM, middle.width), middle.height)
        signature = Box(centre_x - width / 2, centre_y - height / 2, centre_x + width / 2, centre_y + height / 2)
    seal = None
    if seal_size:
        # Real size: shrunk only if it would not fit the block, never enlarged.
        width, height = _fit(*seal_size, middle.width, middle.height + TITLE_HEIGHT_MM * MM, grow=False)
        anchor = signature or Box(centre_x - 20 * MM, centre_y, centre_x + 20 * MM, centre_y)
        right = anchor.x1 + anchor.width / 3
        x1 = max(box.x1, right - width)
        seal = Box(x1, centre_y - height / 2, x1 + width, centre_y + height / 2)
    return SignatureBlock(box=box, title=title, middle=middle, name=name, signature=signature, seal=seal)


def seal_size_points(width_px, height_px, dpi=None):
    """The seal's real size in points: from the image's resolution, else SEAL_DEFAULT_MM across."""
    if dpi and dpi[0] and dpi[1] and dpi[0] > 1 and dpi[1] > 1:
        return width_px / dpi[0] * 72, height_px / dpi[1] * 72
    scale = SEAL_DEFAULT_MM * MM / max(width_px, height_px)
    return width_px * scale, height_px * scale


def attachment_box(page_width, page_height):
    """Where the number, symbol and time go on an attachment's first page: its top right corner."""
    x2 = page_width - RIGHT_MARGIN_MM * MM
    y2 = page_height - ATTACHMENT_TOP_MM * MM
    return Box(x2 - ATTACHMENT_WIDTH_MM * MM, y2 - ATTACHMENT_HEIGHT_MM * MM, x2, y2)
