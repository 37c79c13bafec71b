"""Piece lengths that let independently encoded pieces be joined without re-encoding.

The narration is encoded in pieces (runs of whole paragraphs), each once per
codec and cached; the episode MP3, the M4B and the section files are joined
from those pieces by stream copy, so a changed sentence re-encodes one piece,
not the book. That works exactly when every piece decodes, in the joined
stream, to the same whole number of codec frames in both codecs. Measured
with the pinned ffmpeg (libmp3lame with 576-sample MPEG-2 frames, native AAC
with 1024-sample frames): a piece of N samples fills exactly L/576 MP3 frames
and L/1024 AAC frames, with its content at the start of its slot in the joined
stream, when L is a multiple of 9216 (their common multiple) and
L-1681 <= N <= L-1106 (encoder delay, decoder delay and padding). We make
each piece N = L - CODEC_TAIL, the middle of that range; the last CODEC_TAIL
samples of a slot are the codecs' own delay and padding (silence after the
piece's last pause), which decoders trim at the very end of a file.

To reach that length, a piece's pauses are all lengthened or shortened by the
same few samples (``stretch``): at most FRAME_LCM/2 in all, shared by at
least MIN_GAPS pauses where a section has that many, so no pause moves by
more than about 50 ms. The pause after a piece is shorter by CODEC_TAIL,
which the codecs put back.
"""
from __future__ import annotations

FRAME_LCM = 9216
CODEC_TAIL = 1405
MIN_GAPS = 4


def stretch(samples: int, gaps: list[int], last: bool = False) -> list[int]:
    """How much to add to each of ``gaps`` so that a piece of ``samples`` becomes L - CODEC_TAIL long.

    The nearest such length is taken (shortening pauses too), unless that
    would cut a pause below nothing; the change is spread evenly. The
    ``last`` piece of the narration just gets silence at its very end."""
    short = (samples + CODEC_TAIL) % FRAME_LCM
    if last:
        return [0] * (len(gaps) - 1) + [(FRAME_LCM - short) % FRAME_LCM]
    delta = -short if short <= FRAME_LCM // 2 else FRAME_LCM - short
    if delta < 0 and (samples + delta <= 0 or min(gaps) + delta // len(gaps) < 0):
        delta += FRAME_LCM
    each, rest = divmod(delta, len(gaps))
    return [each + (1 if i < rest else 0) for i in range(len(gaps))]
