"""A court's or a prosecutor's file number (Aktenzeichen): '4 Js 1234/24' -> 'vier Jott-Ess
eintausendzweihundertvierunddreißig Strich vierundzwanzig', 'VI ZR 123/22' -> 'sechs Zett-Err …'.
A chamber or senate (a number, or a Roman numeral), a register's letters (spelled, as lawyers say
them), a running number, 'Strich' and the year. The register is one to four letters that are not
a word ('am 3 Tag 45/23' is no file number). After 'Az.' a dot may stand for the slash ('Az. 9 A
7.19', as the Federal Administrative Court writes it): 'sieben Punkt neunzehn'."""
import re

from .. import data, numbers
from . import roman
from .letters import spell

NAME = "filenumber"
FIRST = r"[\dIVXL]"  # what a match begins with
PATTERN = (r"(?<![\w.,/-])(?:(?P<senate>[IVXL]{1,5})-)?(?P<chamber>\d{1,4}|[IVXL]{1,5})\s(?P<register>[A-Z][A-Za-z]{0,3})\s"
           r"(?P<number>\d{1,6})(?P<mark>[/.])(?P<year>\d{2}|\d{4})(?![\w/]|[.,]\d)")
_REGISTER = re.compile(r"[A-Z][A-Za-z]{0,3}")  # 'Js', 'StR', 'KLs', 'OWi'; a noun is no register


def verbalise(match, ctx):
    register = match["register"]
    if match["mark"] == "." and not {"Az.", "Aktenzeichen"} & set(ctx.before()[-1:]):
        return None  # 'Az. 9 A 7.19': a federal court writes the year after a dot; elsewhere it is no year
    if not _REGISTER.fullmatch(register) or (len(register) > 2 and ctx.nouns.is_noun(register)) \
            or register.lower() in data.words("german_function_words.txt"):
        return None
    chamber = match["chamber"]
    value = int(chamber) if chamber.isdigit() else roman.value(chamber)
    if not value:
        return None
    letters = "-".join(spell(letter) for letter in register)  # 'Js' is two letters, not a plural
    senate = roman.value(match["senate"]) if match["senate"] else None  # 'I-24 U 42/23': a court's senate first
    chamber = f"{numbers.cardinal(senate)}-{numbers.cardinal(value)}" if senate else numbers.cardinal(value)
    return (f"{chamber} {letters} {numbers.cardinal(int(match['number']))} "
            f"{'Strich' if match['mark'] == '/' else 'Punkt'} {numbers.cardinal(int(match['year']))}")
