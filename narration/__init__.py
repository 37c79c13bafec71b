"""narration: turn a written article into audio, an accessible EPUB 3 with
Media Overlays, transcripts, a podcast feed and a web player, from one timing map."""

__version__ = "0.1.0"
