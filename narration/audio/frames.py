"""Section lengths that let encoded sections be joined without re-encoding.

Each section is encoded once per codec and cached; the episode MP3 and the
M4B are then joined from those pieces by stream copy, so a changed sentence
re-encodes one section, not the book. That works exactly when every piece
decodes, in the joined stream, to the same whole number of codec frames in
both codecs. Measured with the pinned ffmpeg (libmp3lame with 576-sample
MPEG-2 frames, native AAC with 1024-sample frames): a piece of N samples
fills exactly L/576 MP3 frames and L/1024 AAC frames, with its content at the
start of its slot in the joined stream, when L is a multiple of 9216 (their
common multiple) and L-1681 <= N <= L-1106 (encoder delay, decoder delay and
padding). We pad each section with silence to N = L - CODEC_TAIL, the middle
of that range; the last CODEC_TAIL samples of a slot are the codecs' own
delay and padding, which decoders trim at the very end of a file.
"""
from __future__ import annotations

FRAME_LCM = 9216
CODEC_TAIL = 1405


def slot(samples: int) -> int:
    """The slot length L for a section of ``samples`` samples of narration."""
    return -(-(samples + CODEC_TAIL) // FRAME_LCM) * FRAME_LCM
