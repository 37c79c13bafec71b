"""Version numbers: 'Version 3.2.1' -> 'Version drei Punkt zwei Punkt eins'.
Only after a version word ('Version', 'Update', 'iOS') or with a leading 'v' or
three or more parts; '3.2.' is a date and '2.500' a thousand."""
from .. import data, numbers

NAME = "version"
PATTERN = r"(?<![\w.,])(?P<v>v)?(?P<parts>\d+(?:\.\d+){1,3})(?![\w]|[.,]\d)"


def verbalise(match, ctx):
    parts = match["parts"].split(".")
    cue = ctx.previous_word() in data.words("version_cues.txt")
    if not (cue or match["v"] or len(parts) >= 3):
        return None
    if not cue and not match["v"] and (len(parts) == 2 or all(len(p) == 3 for p in parts[1:])):
        return None  # '1.000.000' is a million
    spoken = " Punkt ".join(numbers.cardinal(int(p)) for p in parts)
    return ("Version " if match["v"] else "") + spoken
