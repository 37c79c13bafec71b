"""Joining clips into one PCM stream, loudness, and encoding with ffmpeg."""
