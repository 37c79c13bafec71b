"""URLs and e-mail addresses: 'www.example.de' -> 'www Punkt example Punkt de'; a domain without
'www' is one too when it ends in a known top-level domain (``data/tlds.txt``): 'fr.de', 'mdr.de',
'brettspielversand.de.' (the last dot ends the sentence)."""
import re

from .. import data, numbers
from ..patterns import alternatives

NAME = "electronic"
_TLDS = alternatives(data.words("tlds.txt"))
PATTERN = (r"(?<![\w@])(?:https?://|www\.)[^\s<>\"„“»«]+[^\s<>\"„“»«.,;:!?)]"
           r"|(?<![\w@])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
           rf"|(?<![\w.])[A-Za-zÄÖÜäöü0-9][\w-]*(?:\.[\w-]+)*\.(?:{_TLDS})(?:/[^\s<>\"„“»«]*[^\s<>\"„“»«.,;:!?)])?(?![\w-])")


def verbalise(match, ctx):
    address = match.group(0)
    for prefix in ("https://", "http://"):
        if address.startswith(prefix):
            address = address[len(prefix):]
    words = data.rows("url_words.tsv")
    spoken = "".join(f" {words[ch][0]} " if ch in words else ch for ch in address.rstrip("/"))
    spoken = re.sub(r"\d+", lambda m: f" {numbers.cardinal(int(m.group(0)))} ", spoken)  # 'id=5': 'id gleich fünf'
    return " ".join(spoken.split())
