"""Symbols left after every other class: '§ 5' -> 'Paragraf 5' ('des § 5': des Paragrafen), '&' -> 'und', '+' ->
'plus', '*' is silent (after a number a hotel's stars: '4*-Hotel'; before a year or a date it is 'geboren',
also '* um 540', as '†' is 'gestorben'), a slash between words is a pause ('und/oder'), but 'pro' before a
period after a lower-case word, an abbreviation or a counted noun ('brutto/Monat', 'Tsd./Jahr', '2
Tage/Woche'), and 'und' after a shortened word ('Ein-/Ausgang'); a dash between months or models is 'bis'
('Juni–Aug.', 'S21–S24'), a dash between spaces is a comma, and so is a bar or a middle dot between spaces
('Autor | Redaktion', '352 S. · 24 €'); '#1' -> 'Nummer eins'; '>' before an amount after a word is 'mehr als'
('mit > 1.000 Proben'; 'p < 0,05' is 'kleiner als'); 'Ø' before a length is 'Durchmesser' ('Ø 26 cm'), else an
average; a raised note mark after a word ('Studien¹', 'Studien²') is silent (after a short symbol, 'mc²' is
'hoch zwei'); a Greek letter alone is its name ('ΔH': Delta H); a rating's stars are counted ('★★★★☆': vier
von fünf Sternen); a smiley after a space and a Markdown note mark left in a text ('[^b_07_05_04]') are
silent. From ``data/symbols.tsv``."""
import re

from .. import data, grammar, numbers
from ..patterns import FILE_NUMBER_BEFORE, alternatives

NAME = "symbol"
# every part begins with the character it consumes and looks behind only after it: a pattern that
# begins with a look-behind is tried at every position of every sentence
_QUOTE = r"[“”\"»«)]"
_AMOUNT_COMPARED = {">": "mehr als", "<": "weniger als"}  # before an amount after a word, not a variable
_GREEK = r"[\u0370-\u03ff\u1f00-\u1fff]"  # the Greek and Coptic block and polytonic Greek
PATTERN = (rf"(?P<per_day>/(?<=\dx/)d(?![\w]|\.\s?\d))|(?P<times>\*(?<=\d\s\*)(?=\s\d))"
           rf"|(?P<hotel>\*(?<=\d\*)(?=-[A-ZÄÖÜ]|\s(?:Hotel|Sterne)))|(?P<born>\*(?<![\w\d]\s\*)(?<![\w\d]\*)(?=\s?(?:um\s|vor\s|nach\s|ca\.\s?)?\d))"
           rf"|(?P<note>[¹⁴-⁹⁰](?<=[^\W\d][¹⁴-⁹⁰])[¹²³⁴-⁹⁰]*|[²³](?<=[^\W\d][²³])[¹²³⁴-⁹⁰]+|[²³](?<=[^\W\d]{{4}}[²³]))"
           rf"|(?P<ticker>\+(?<![\w+]\+)\+{{1,}})|(?P<dash>\s[–—|·•-](?=\s))"
           rf"|(?P<crumb>(?:\s[>›](?:(?<=[^\W\d]\s[>›])|(?<={_QUOTE}\s[>›]))|[>›](?:(?<=[^\W\d][>›])|(?<={_QUOTE}[>›])))"
           rf"(?=\s?[„“\"»«(]?\s?[^\W\d]))|(?P<number>#(?=\d))|(?P<bar>\|)"
           rf"|(?P<between>[–—](?:(?<=[^\W\d][–—])|(?<=[^\W\d]\.[–—]))(?=[^\W\d]))|(?P<slash>/)|(?P<minus>−)"
           rf"|(?P<models>[–—](?<=\d[–—])(?=[A-Z]+\d))"
           rf"|(?P<footnote>\[\^[\w.:-]+\])|(?P<stars>[★☆]+)|(?P<smiley>[:;][()](?<=\s..)|[:;]-[()](?<=\s...))"
           rf"|(?P<greek>{_GREEK}(?<!{_GREEK}{_GREEK})(?!{_GREEK}))"
           rf"|(?P<symbol>{alternatives(data.rows('symbols.tsv'))})")


def verbalise(match, ctx):
    if match["times"]:  # '3 * 4'
        return " mal "
    if match["hotel"]:  # '4*-Hotel': a hotel's stars
        return " Stern " if re.search(r"(?<!\d)1$", ctx.text[:ctx.start]) else " Sterne "
    if match["born"]:  # '(* 1942, † 2023)': born, as '†' is died
        return " geboren "
    if match["note"]:  # 'Fußnote¹', 'Studien¹²': a note's mark, read as the note it is, not said here
        return " "
    if match["dash"] or match["ticker"]:  # '+++ Eilmeldung +++': a news ticker's marks are a pause
        return ","
    if match["crumb"]:  # 'Forum > iPhone', '„Sprache & Daten“ > „LTE“': a path, not "größer als"
        return ", "
    if match["per_day"]:  # '4x/d': viermal pro Tag
        return " pro Tag "
    if match["models"]:  # 'Galaxy S21–S24': a range of models
        return " bis " if re.search(r"\b[A-Z]+\d+$", ctx.text[:ctx.start]) else None
    if match["between"] and grammar.is_month(ctx.previous_word()) and grammar.is_month(ctx.next_word()):
        return " bis "  # 'Juni–Aug.': a span of months
    if match["between"] or match["bar"]:  # 'Köln–Frankfurt'
        return " "
    if match["number"]:  # '#1' is 'Nummer eins'; '#MeToo' a hashtag
        return " Nummer "
    if match["slash"]:  # a pause ('und/oder'); in a file number 'Strich' ('VI ZR 123/22')
        following = ctx.text[ctx.end:ctx.end + 2]
        if _ROAD_BEFORE.search(ctx.text, max(0, ctx.start - 10), ctx.start) and _ROAD_AFTER.match(ctx.text, ctx.end):
            return ", "  # 'Knoten B 1/B 5': two roads, not a file number's 'Strich'
        file_number = (following[:1].isdigit() or following.isupper()) and re.search(FILE_NUMBER_BEFORE, ctx.text[:ctx.start])
        if file_number:
            return " Strich "
        if ctx.text[ctx.start - 1:ctx.start] == "." and following[:1].isdigit():
            return " und "  # '31.12./1.1.': two dates
        if ctx.text[ctx.start - 1:ctx.start].isdigit() and _counted_next(ctx):
            return ", "  # 'Karten für 25/20 Euro': two amounts, as numberlist reads three ('19/29/39 Euro')
        if grammar.is_month(ctx.previous_word()) and grammar.is_month(ctx.next_word()):
            return " und "  # 'Juli/Aug.': both months
        if ctx.text[ctx.start - 1:ctx.start] == "-" and following[:1].isalpha():
            return " und "  # 'Ein-/Ausgang', 'Kreuzung Haupt-/Bahnhofstraße': both words the dash shortens
        words, after = ctx.before(), ctx.next_word().rstrip(".,;:!?")
        before = words[-1] if words else ""
        counted = len(words) >= 2 and words[-2][:1].isdigit()  # '2 Tage/Woche': a number and what it counts
        per = (before[:1].islower() or before.endswith(".") or counted) and after in data.words("per_nouns.txt")
        return " pro " if per else " "  # 'brutto/Monat': brutto pro Monat
    if match["footnote"]:  # a Markdown note mark left in a book's text ('seiner [^b_07_05_04] Stätte')
        return " "
    if match["smiley"]:  # 'danke :)': not read; 'Mensch;)' is a semicolon before a bracket
        return " "
    if match["stars"]:  # a rating: '★★★★☆' -> 'vier von fünf Sternen'
        filled, total = match["stars"].count("★"), len(match["stars"])
        if filled == total:
            return " ein Stern " if total == 1 else f" {numbers.cardinal(total)} Sterne "
        return f" {numbers.cardinal(filled)} von {numbers.cardinal(total)} Sternen "
    if match["greek"]:  # 'ΔH', 'β-Carotin': a letter alone is its name
        name = data.rows("greek_letters.tsv").get(match["greek"])
        return f" {name[0]} " if name else None
    if match["minus"]:
        return " minus "
    words = data.rows("symbols.tsv")[match["symbol"]]
    if words[0] and ctx.previous_word().lower() == words[0].lower():
        return " "  # 'unter dem Hashtag #Hochwasser': named once
    if match["symbol"] in _AMOUNT_COMPARED and ctx.next_word()[:1].isdigit() and len(ctx.previous_word()) > 1:
        return f" {_AMOUNT_COMPARED[match['symbol']]} "  # 'mit > 1.000 Proben': mehr als; 'p < 0,05' kleiner als
    if words[0] == "Paragraf" and ctx.previous_word() in grammar.GENITIVE_ARTICLES:
        return f" {grammar.genitive(words[0], ctx.nouns)} "  # 'des § 5': des Paragrafen fünf
    if match["symbol"] == "Ø" and _diameter(ctx):
        return " Durchmesser "  # 'Form (Ø 26 cm)': a width across, not an average
    if len(words) > 1 and not ctx.next_word()[:1].isdigit():
        return f" {words[1]} "  # a third column: said when no number follows ('Ø 12 km', 'im Ø')
    return f" {words[0]} " if words and words[0] else " "


_ROAD = rf"(?:{alternatives(('A', 'B', 'L', 'K', 'St', 'S', 'U'))})\s?\d{{1,4}}"  # 'B 1', 'L 1140', 'S1'
_ROAD_BEFORE = re.compile(rf"(?<![\w.]){_ROAD}$")
_ROAD_AFTER = re.compile(rf"{_ROAD}(?!\w)")
_MEASURE_AFTER = re.compile(r"\s?[\d.,]+\s?(\S+?)[).,;]*(?:\s|$)")


def _counted_next(ctx) -> bool:
    """Whether a number with a currency or a unit follows ('/20 Euro', '/20 cm'): then the slash joins
    two amounts, not an issue and its year ('35/2023') or two sizes ('Größe 42/44')."""
    from .measure import units

    found = _MEASURE_AFTER.match(ctx.text, ctx.end)
    return bool(found) and (found[1] in data.rows("currencies.tsv") or found[1] in units())


def _diameter(ctx) -> bool:
    """'Ø' before a length up to a metre ('Ø 26 cm', 'Ø 8 mm', 'Ø 14 Zoll') is the diameter; before any
    other figure ('Ø 12 km', 'Ø 3,2 Tore') it is an average."""
    from .measure import units

    found = _MEASURE_AFTER.match(ctx.text, ctx.end)
    name = units().get(found[1], ("",))[0] if found else ""
    return (name.lower().endswith("meter") and name != "Kilometer") or name == "Zoll"
