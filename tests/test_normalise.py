"""German speech normalisation: one input and its spoken form per case (issue 3)."""
import pytest

from narration.speech import normalise as n

CASES = [
    # ordinals with the case the preceding word asks for
    ("am 24. Februar", "am vierundzwanzigsten Februar"),
    ("der 3. Mai", "der dritte Mai"),
    ("vom 1. Januar an", "vom ersten Januar an"),
    ("bis zum 31. Dezember", "bis zum einunddreißigsten Dezember"),
    ("im 21. Jahrhundert", "im einundzwanzigsten Jahrhundert"),
    ("das 19. Jahrhundert", "das neunzehnte Jahrhundert"),
    ("Berlin, 9. November", "Berlin, neunter November"),
    ("zum 2. Mal", "zum zweiten Mal"),
    ("Er wurde im Jahr 2021.", "Er wurde im Jahr zweitausendeinundzwanzig."),
    # dates and times
    ("am 24.02.2022", "am vierundzwanzigsten Februar zweitausendzweiundzwanzig"),
    ("der 01.05.1990", "der erste Mai neunzehnhundertneunzig"),
    ("bis 3.10.", "bis dritten Oktober"),
    ("um 14:30 Uhr", "um vierzehn Uhr dreißig"),
    ("um 9:05 Uhr", "um neun Uhr fünf"),
    ("um 14.00 Uhr", "um vierzehn Uhr"),
    ("ab 8 Uhr", "ab acht Uhr"),
    # years and ranges
    ("Im Juli 2021", "Im Juli zweitausendeinundzwanzig"),
    ("im Jahr 1989", "im Jahr neunzehnhundertneunundachtzig"),
    ("1914–1918", "neunzehnhundertvierzehn bis neunzehnhundertachtzehn"),
    ("1939-1945", "neunzehnhundertneununddreißig bis neunzehnhundertfünfundvierzig"),
    ("10–20 Soldaten", "zehn bis zwanzig Soldaten"),
    ("Seit 1990 gilt", "Seit neunzehnhundertneunzig gilt"),
    # cardinals, decimals, thousands
    ("150 US-Soldaten", "einhundertfünfzig U-Ess-Soldaten"),
    ("1 Kind", "ein Kind"),
    ("Es war 1.", "Es war eins."),
    ("2,5 Grad", "zwei Komma fünf Grad"),
    ("3,14", "drei Komma eins vier"),
    ("10.000 Menschen", "zehntausend Menschen"),
    ("1.000.000 Euro", "eine Million Euro"),
    ("-5 Grad", "minus fünf Grad"),
    # percent
    ("33 Prozent", "dreiunddreißig Prozent"),
    ("33 %", "dreiunddreißig Prozent"),
    ("33%", "dreiunddreißig Prozent"),
    ("2,5 %", "zwei Komma fünf Prozent"),
    # currency
    ("5 €", "fünf Euro"),
    ("1 €", "ein Euro"),
    ("€ 20", "zwanzig Euro"),
    ("3 Mio. €", "drei Millionen Euro"),
    ("2,5 Mrd. Euro", "zwei Komma fünf Milliarden Euro"),
    ("1 Mio. Dollar", "eine Million Dollar"),
    ("5,50 €", "fünf Euro fünfzig"),
    ("$5", "fünf Dollar"),
    ("10 USD", "zehn Dollar"),
    # units
    ("5 km", "fünf Kilometer"),
    ("1 km", "ein Kilometer"),
    ("1 t", "eine Tonne"),
    ("120 km/h", "einhundertzwanzig Kilometer pro Stunde"),
    ("20 °C", "zwanzig Grad Celsius"),
    ("3 kg Mehl", "drei Kilogramm Mehl"),
    ("500 m²", "fünfhundert Quadratmeter"),
    # abbreviations
    ("z. B. Obst", "zum Beispiel Obst"),
    ("z.B. Obst", "zum Beispiel Obst"),
    ("u. a. Polen", "unter anderem Polen"),
    ("d. h. nein", "das heißt nein"),
    ("bzw. mehr", "beziehungsweise mehr"),
    ("ca. 150", "circa einhundertfünfzig"),
    ("Nr. 5", "Nummer fünf"),
    ("Dr. Müller", "Doktor Müller"),
    ("Prof. Dr. Meier", "Professor Doktor Meier"),
    ("Äpfel, Birnen usw.", "Äpfel, Birnen und so weiter."),
    ("vgl. Seite", "vergleiche Seite"),
    # acronyms
    ("USA", "U-Ess-A"),
    ("US-Präsident", "U-Ess-Präsident"),
    ("UN-Botschafter", "U-Enn-Botschafter"),
    ("EU", "E-U"),
    ("ARD und ZDF", "A-Err-De und Zett-De-Eff"),
    ("NATO", "Nato"),
    ("NATO-Staaten", "Nato-Staaten"),
    ("die AfD", "die A-Eff-De"),
    ("Die Uno tagt", "Die Uno tagt"),
    # Roman numerals after names
    ("Wilhelm II. regierte", "Wilhelm der Zweite regierte"),
    ("unter Wilhelm II. lebten", "unter Wilhelm dem Zweiten lebten"),
    ("Heinrich VIII. heiratete", "Heinrich der Achte heiratete"),
    # URLs, e-mail, symbols
    ("https://www.example.com/pfad", "www Punkt example Punkt com Schrägstrich pfad"),
    ("max.muster@example.de", "max Punkt muster at example Punkt de"),
    ("§ 5 StGB", "Paragraf fünf StGB"),
    ("Müller & Söhne", "Müller und Söhne"),
    ("Krieg – und Frieden", "Krieg, und Frieden"),
    # text without anything to do stays as it is
    ("Doch niemand weiß, was noch kommt.", "Doch niemand weiß, was noch kommt."),
]


@pytest.mark.parametrize("text,spoken", CASES, ids=[c[0] for c in CASES])
def test_normalise(text, spoken):
    assert n.normalise(text) == spoken


def test_enough_cases():
    assert len(CASES) >= 60


def test_rules_are_replaceable():
    assert n.normalise("33 %", rules=[n.tidy]) == "33 %"
    assert n.normalise("33 %", rules=[n.percent, n.cardinals, n.tidy]) == "dreiunddreißig Prozent"
