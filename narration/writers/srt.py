"""SubRip transcript: numbered cues, comma before the milliseconds."""
from .subtitles import SubtitleWriter


class SrtWriter(SubtitleWriter):
    name = "srt"
    suffix = ".srt"
    decimal = ","
    numbered = True
