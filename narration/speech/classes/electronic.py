"""URLs and e-mail addresses: 'www.example.de' -> 'www Punkt example Punkt de'; the digits of an
e-mail address or a handle one by one ('mustermann87@web.de' -> 'mustermann acht sieben at web Punkt
de', '@user2013' -> 'at user zwei null eins drei'), as it is dictated to be typed; a domain without
'www' is one too when it ends in a known top-level domain (``data/tlds.txt``): 'fr.de', 'mdr.de',
'brettspielversand.de.' (the last dot ends the sentence); a path ('~/.config/app/' -> 'Tilde
Schrägstrich Punkt config Schrägstrich app'). A file's name with a known ending
(``data/file_extensions.txt``) is read so too: 'bericht_2024.pdf' -> 'bericht Unterstrich
zweitausendvierundzwanzig Punkt Pe-De-Eff'."""
import re

from .. import data, numbers
from .letters import spell
from ..patterns import alternatives

NAME = "electronic"
_TLDS = alternatives(data.words("tlds.txt"))
_EXTENSIONS = alternatives(data.words("file_extensions.txt"))
PATTERN = (r"(?<![\w@])(?:https?://|www\.)[^\s<>\"„“»«]+[^\s<>\"„“»«.,;:!?)]"
           r"|(?<![\w@])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@])@[^\W\d]\w*[\d_]\w*"
           rf"|(?<![\w/~.])(?:~(?=/)|/(?:{alternatives(data.words('path_roots.txt'))})(?![\w.-]))(?:/[\w.-]*[\w-])*/?"  # '~/.config/app/'
           rf"|(?<![\w.])[A-Za-zÄÖÜäöü0-9][\w-]*(?:\.[\w-]+)*\.(?:{_TLDS}|(?P<extension>{_EXTENSIONS})(?![\w-]))"
           r"(?:/[^\s<>\"„“»«]*[^\s<>\"„“»«.,;:!?)])?(?![\w-])")


def verbalise(match, ctx):
    address = match.group(0)
    for prefix in ("https://", "http://"):
        if address.startswith(prefix):
            address = address[len(prefix):]
    if match["extension"] and address.endswith(match["extension"]):  # 'bericht_2024.pdf': a file, its ending spelled
        return f"{_spoken(address[:-len(match['extension']) - 1])} Punkt {spell(match['extension'].upper())}"
    return _spoken(address)


def _spoken(address: str) -> str:
    words = data.rows("url_words.tsv")
    spoken = "".join(f" {words[ch][0]} " if ch in words else ch for ch in address.rstrip("/"))
    if "@" in address:  # an e-mail address or a handle is an identifier: its digits one by one, as dictated
        spoken = re.sub(r"\d+", lambda m: f" {numbers.digits(m.group(0))} ", spoken)
    else:  # a web address's numbers are numbers: 'id=5' is 'id gleich fünf'
        spoken = re.sub(r"\d+", lambda m: f" {numbers.cardinal(int(m.group(0)))} ", spoken)
    return " ".join(spoken.split())
