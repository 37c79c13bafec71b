"""Square cover art drawn from the title (Pillow's bundled font, no system
fonts): one image serves as EPUB cover, MP3/M4B artwork and podcast image."""
from __future__ import annotations

import hashlib
import io
import json
import struct
import textwrap
from pathlib import Path

from .textio import atomic_write

SIZE = 1400  # Apple Podcasts asks for 1400-3000 px squares
RECIPE = "narration:recipe"
PODCAST_IMAGE = "podcast.png"
PALETTES = (((20, 45, 80), (245, 240, 225)), ((70, 25, 40), (250, 240, 230)), ((25, 60, 50), (240, 245, 235)),
            ((40, 40, 48), (250, 250, 245)))


def draw_cover(title: str, subtitle: str = "", footer: str = ""):
    from PIL import Image, ImageDraw, ImageFont

    background, ink = PALETTES[hashlib.sha256(title.encode()).digest()[0] % len(PALETTES)]
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    margin = SIZE // 10
    draw.rectangle([margin // 2, margin // 2, SIZE - margin // 2, SIZE - margin // 2], outline=ink, width=6)
    y = margin * 2
    for text, size, width in ((title, 112, 20), (subtitle, 56, 38)):
        if not text:
            continue
        font = ImageFont.load_default(size=size)
        for line in textwrap.wrap(text, width=width)[:6]:
            draw.text((margin, y), line, font=font, fill=ink)
            y += int(size * 1.25)
        y += size
    if footer:
        draw.text((margin, SIZE - margin * 2), footer, font=ImageFont.load_default(size=48), fill=ink)
    return image


def square_png(path: str):
    """A source's own cover, padded to a square PNG of at least 1400 px."""
    from PIL import Image

    with Image.open(path) as source:
        source = source.convert("RGB")
        side = max(SIZE, min(3000, max(source.size)))
        source.thumbnail((side, side))
        canvas = Image.new("RGB", (side, side), (255, 255, 255))
        canvas.paste(source, ((side - source.width) // 2, (side - source.height) // 2))
        return canvas


def cover_png(path: Path, image_file: str | None, title: str, subtitle: str = "", footer: str = "") -> Path:
    """Write the cover to ``path``: the given image made square, or one drawn from the words."""
    data = cover_bytes(path, image_file, title, subtitle, footer)
    if data is not None:
        atomic_write(path, data)
    return path


def cover_bytes(path: Path, image_file: str | None, title: str, subtitle: str = "", footer: str = "") -> bytes | None:
    """The cover's PNG, or None when ``path`` holds it already. Drawing and compressing 1400 px
    takes a tenth of a second, so it is done only when what the cover shows changed; a digest of
    that is kept in the PNG's own text chunk."""
    recipe = hashlib.sha256(json.dumps([title, subtitle, footer]).encode())
    recipe.update(Path(image_file).read_bytes() if image_file else Path(__file__).read_bytes())
    key = recipe.hexdigest()
    if png_text(path, RECIPE) == key:
        return None
    from PIL.PngImagePlugin import PngInfo

    image = square_png(image_file) if image_file else draw_cover(title, subtitle, footer)
    info = PngInfo()
    info.add_text(RECIPE, key)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def png_text(path: Path, keyword: str) -> str | None:
    """A PNG's ``tEXt`` entry, read from its chunks without decoding the image: a rebuild that keeps
    its cover then never imports Pillow (about 25 ms)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    position = 8
    while position + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        if kind == b"tEXt":
            name, _, value = data[position + 8:position + 8 + length].partition(b"\0")
            if name == keyword.encode("latin-1"):
                return value.decode("latin-1")
        elif kind == b"IEND":
            break
        position += 12 + length  # length, type, data, CRC
    return None


def podcast_cover(out_root: Path, podcast) -> bytes | None:
    """The feed's artwork (``PODCAST_IMAGE`` in the output folder), or None if it is current."""
    return cover_bytes(out_root / PODCAST_IMAGE, podcast.image, podcast.title, podcast.description, podcast.author)


def article_cover(doc, out_dir: Path) -> Path:
    return cover_png(out_dir / "cover.png", doc.meta.cover, doc.meta.title, doc.meta.subtitle,
                     ", ".join(doc.meta.authors))
