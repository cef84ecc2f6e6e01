"""Turning fetched bytes into a small WebP thumbnail, or refusing them.

Decoding with Pillow is what proves the bytes are an image of an allowed type (the server's
Content-Type is only a first filter); the pixel count is checked from the header before any
pixel is decoded, so a decompression bomb costs nothing. Only the re-encoded thumbnail ever
leaves the helper, never the fetched bytes.
"""

import io

from PIL import Image, ImageOps, UnidentifiedImageError

SIZE = 128  # px, the longest side; the dialog shows 40 CSS px (3x screens stay sharp)
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
MAX_PIXELS = 40_000_000  # a 40 MP photo is the largest a shop uploads
QUALITY = 80


class NotAnImage(ValueError):
    pass


def make_thumbnail(data: bytes) -> bytes:
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise NotAnImage(f"{width}x{height} pixels is too large")
            image.draft("RGB", (SIZE, SIZE))  # JPEG decodes at a reduced scale: faster
            frame = ImageOps.exif_transpose(image)
            frame.thumbnail((SIZE, SIZE))
            if frame.mode not in ("RGB", "RGBA"):
                frame = frame.convert("RGBA" if "transparency" in frame.info else "RGB")
            out = io.BytesIO()
            frame.save(out, "WEBP", quality=QUALITY, method=4)
            return out.getvalue()
    except Image.DecompressionBombError:
        raise NotAnImage("the image has too many pixels (too large)") from None
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise NotAnImage(f"not a JPEG, PNG, WebP or GIF image ({type(error).__name__})") from None
