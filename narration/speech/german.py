"""German language data for speech normalisation (data only, no logic).

Kept apart from the rules (as gTTS keeps ``symbols.py`` apart from its
pre-processors) so a word can be added without touching code.
"""

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember", "Jänner")

# Nouns after which "N." is an ordinal even without a month ("21. Jahrhundert").
ORDINAL_NOUNS = ("Jahrhundert", "Jahrhunderts", "Jahrtausend", "Jahrestag", "Geburtstag", "Mal", "Platz",
                 "Stock", "Etage", "Liga", "Klasse", "Auflage", "Runde", "Kapitel", "Artikel", "Spieltag",
                 "Sitzung", "Legislaturperiode", "Amtszeit", "Jubiläum", "Todestag", "Bundesliga")

# Words before an ordinal that ask for the weak "-en" ending ("am vierundzwanzigsten").
ORDINAL_EN_BEFORE = {"am", "vom", "im", "beim", "dem", "den", "des", "einem", "einen", "eines",
                     "seit", "ab", "bis", "zum", "vor", "nach", "unter", "mit", "von", "zwischen", "diesem",
                     "jedem", "ihrem", "seinem", "unserem"}
# Words before an ordinal that ask for the "-e" ending ("der dritte Mai").
ORDINAL_E_BEFORE = {"der", "die", "das", "diese", "dieser", "dieses", "jede", "jeder", "jedes"}

ABBREVIATIONS = {
    "z. B.": "zum Beispiel", "z.B.": "zum Beispiel", "u. a.": "unter anderem", "u.a.": "unter anderem",
    "d. h.": "das heißt", "d.h.": "das heißt", "bzw.": "beziehungsweise", "ca.": "circa", "Nr.": "Nummer",
    "Dr.": "Doktor", "Prof.": "Professor", "usw.": "und so weiter", "vgl.": "vergleiche", "etc.": "et cetera",
    "ggf.": "gegebenenfalls", "evtl.": "eventuell", "inkl.": "inklusive", "zzgl.": "zuzüglich",
    "u. U.": "unter Umständen", "o. Ä.": "oder Ähnliches", "v. a.": "vor allem", "s. o.": "siehe oben",
    "s. u.": "siehe unten", "Str.": "Straße", "St.": "Sankt", "Jh.": "Jahrhundert", "Hrsg.": "Herausgeber",
    "bspw.": "beispielsweise", "sog.": "sogenannte", "geb.": "geboren", "gest.": "gestorben",
    "Abs.": "Absatz", "Art.": "Artikel", "Tel.": "Telefon", "v. Chr.": "vor Christus", "n. Chr.": "nach Christus",
    "Mio.": "Millionen", "Mrd.": "Milliarden", "Tsd.": "Tausend", "Std.": "Stunden", "Min.": "Minuten",
    "Hr.": "Herr", "Fr.": "Frau", "Mr.": "Mister", "Mrs.": "Misses",
}

# Acronyms said as a word, not letter by letter.
WORD_ACRONYMS = {"NATO": "Nato", "UNO": "Uno", "UNESCO": "Unesco", "UNICEF": "Unicef", "OPEC": "Opec",
                 "NASA": "Nasa", "ESA": "Esa", "DAX": "Dax", "AIDS": "Aids", "FIFA": "Fifa", "UEFA": "Uefa",
                 "ASEAN": "Asean", "OSZE": "OSZE", "LAN": "Lan", "PIN": "Pin", "TÜV": "Tüff", "KITA": "Kita",
                 "BAföG": "Bafög", "DIN": "Din", "ISO": "Iso", "COVID": "Kowid", "SARS": "Sars"}
# Mixed-case acronyms said letter by letter.
MIXED_ACRONYMS = ("AfD", "GmbH", "KfW", "BaFin", "SPÖ", "ÖVP")

LETTERS = {"A": "A", "B": "Be", "C": "Zee", "D": "De", "E": "E", "F": "Eff", "G": "Ge", "H": "Ha", "I": "I",
           "J": "Jott", "K": "Ka", "L": "Ell", "M": "Emm", "N": "Enn", "O": "O", "P": "Pe", "Q": "Kuh",
           "R": "Err", "S": "Ess", "T": "Te", "U": "U", "V": "Fau", "W": "We", "X": "Ix", "Y": "Üpsilon",
           "Z": "Zett", "Ä": "Ä", "Ö": "Ö", "Ü": "Ü"}

# unit -> (singular, plural); only replaced after a number.
UNITS = {
    "km/h": ("Kilometer pro Stunde", "Kilometer pro Stunde"), "km²": ("Quadratkilometer", "Quadratkilometer"),
    "m²": ("Quadratmeter", "Quadratmeter"), "qm": ("Quadratmeter", "Quadratmeter"),
    "m³": ("Kubikmeter", "Kubikmeter"), "km": ("Kilometer", "Kilometer"), "cm": ("Zentimeter", "Zentimeter"),
    "mm": ("Millimeter", "Millimeter"), "m": ("Meter", "Meter"), "kg": ("Kilogramm", "Kilogramm"),
    "mg": ("Milligramm", "Milligramm"), "g": ("Gramm", "Gramm"), "t": ("Tonne", "Tonnen"),
    "l": ("Liter", "Liter"), "ml": ("Milliliter", "Milliliter"), "°C": ("Grad Celsius", "Grad Celsius"),
    "°": ("Grad", "Grad"), "kWh": ("Kilowattstunde", "Kilowattstunden"), "kW": ("Kilowatt", "Kilowatt"),
    "MW": ("Megawatt", "Megawatt"), "GW": ("Gigawatt", "Gigawatt"), "h": ("Stunde", "Stunden"),
    "min": ("Minute", "Minuten"), "s": ("Sekunde", "Sekunden"), "ha": ("Hektar", "Hektar"),
    "GB": ("Gigabyte", "Gigabyte"), "MB": ("Megabyte", "Megabyte"),
}
FEMININE_UNITS = {"t", "h", "min", "s", "kWh"}

CURRENCIES = {"€": "Euro", "EUR": "Euro", "Euro": "Euro", "$": "Dollar", "USD": "Dollar", "Dollar": "Dollar",
              "£": "Pfund", "GBP": "Pfund", "CHF": "Franken", "¥": "Yen", "Rubel": "Rubel"}
SCALES = {"Mio.": "Millionen", "Millionen": "Millionen", "Mrd.": "Milliarden", "Milliarden": "Milliarden",
          "Tsd.": "Tausend"}
SCALES_ONE = {"Millionen": "Million", "Milliarden": "Milliarde", "Tausend": "Tausend"}
CENT_NAMES = {"Euro": "Cent", "Dollar": "Cent", "Pfund": "Pence", "Franken": "Rappen"}

SYMBOLS = {"§§": "Paragrafen", "§": "Paragraf", "&": "und", "%": "Prozent", "‰": "Promille", "+": "plus",
           "=": "gleich", "°": "Grad", "#": "Nummer", "@": "at", "~": "ungefähr", "×": "mal"}

URL_WORDS = {".": " Punkt ", "/": " Schrägstrich ", "-": " Bindestrich ", "_": " Unterstrich ", ":": " Doppelpunkt ",
             "@": " at ", "?": " Fragezeichen ", "=": " gleich ", "&": " und ", "#": " Raute "}
