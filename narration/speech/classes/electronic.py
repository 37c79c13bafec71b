"""URLs and e-mail addresses: 'www.example.de' -> 'www Punkt example Punkt de'."""
from .. import data

NAME = "electronic"
PATTERN = (r"(?<![\w@])(?:(?:https?://|www\.)[^\s<>\"„“»«]+[^\s<>\"„“»«.,;:!?)]"
           r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")


def verbalise(match, ctx):
    address = match.group(0)
    for prefix in ("https://", "http://"):
        if address.startswith(prefix):
            address = address[len(prefix):]
    words = data.rows("url_words.tsv")
    return " ".join("".join(f" {words[ch][0]} " if ch in words else ch for ch in address.rstrip("/")).split())
