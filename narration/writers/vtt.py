"""WebVTT transcript: cue ids derive from the sentence ids (the web player maps a
cue straight to its span); long sentences are split (see ``subtitles``)."""
from .subtitles import SubtitleWriter


class VttWriter(SubtitleWriter):
    name = "vtt"
    suffix = ".vtt"
    header = "WEBVTT\n"
