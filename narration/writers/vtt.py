"""WebVTT transcript: one cue per sentence, cue ids are the sentence ids (the
web player maps a cue straight to its span)."""
from .subtitles import SubtitleWriter


class VttWriter(SubtitleWriter):
    name = "vtt"
    suffix = ".vtt"
    header = "WEBVTT\n"

    def escape(self, text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "--&gt;")
