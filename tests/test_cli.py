"""The command line as a user meets it: one-line errors, the other articles
still built, a non-zero exit; the ``script`` command (issues 2 and 3)."""
import pytest

from conftest import SEED, run_cli


@pytest.fixture(scope="module")
def mixed_sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "gut.md").write_text("# Ein guter Artikel\n\nEr hat einen Satz. Und noch einen.\n", encoding="utf-8")
    (folder / "leer.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"\n   \n\t\n")
    (folder / "muell.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "kaputt.docx").write_bytes(b"PK\x03\x04 not a real zip at all")
    (folder / "yaml-kaputt.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    (folder / "beilage.txt").write_text("Ein Text mit kaputter Beilage.\n", encoding="utf-8")
    (folder / "beilage.yaml").write_text("title: [unclosed\n", encoding="utf-8")  # PyYAML loads only here
    return folder


def test_bad_articles_fail_alone_with_one_line_each(mixed_sources, tmp_path):
    out = tmp_path / "out"
    extra = tmp_path / "datei.xyz"
    extra.write_text("x")
    result = run_cli("build", mixed_sources, extra, tmp_path / "gibt-es-nicht.txt", "--engine", "espeak",
                     "--formats", "srt", "--out", out, "--cache-dir", tmp_path / "cache")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    expected = {"leer.txt": "is empty", "blank.txt": "is empty", "muell.txt": "binary", "kaputt.docx": "DOCX",
                "yaml-kaputt.md": "front matter is not valid YAML", "datei.xyz": "unknown file type",
                "gibt-es-nicht.txt": "cannot be read", "beilage.txt": "sidecar beilage.yaml is not valid YAML"}
    for name, reason in expected.items():
        line = next((e for e in errors if name in e), None)
        assert line is not None and reason in line, (name, errors)
    assert len(errors) == len(expected)
    assert (out / "gut" / "gut.srt").is_file()  # the good one was built anyway
    assert "8 of 9 articles failed" in result.stderr


def test_verbose_shows_the_traceback(tmp_path):
    bad = tmp_path / "leer.txt"
    bad.write_bytes(b"")
    result = run_cli("-v", "build", bad, "--engine", "espeak", "--out", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" in result.stderr


def test_bad_configuration_is_one_line(tmp_path):
    (tmp_path / "narration.toml").write_text("[voice]\nrate = 'schnell'\n", encoding="utf-8")
    result = run_cli("--config", tmp_path / "narration.toml", "build", SEED, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == "error: narration.toml [voice]: 'rate' must be int, not str"


def test_unknown_format_is_one_line(tmp_path):
    result = run_cli("build", SEED, "--formats", "mp3,pdf", "--out", tmp_path / "out")
    assert result.returncode != 0 and "unknown format 'pdf'" in result.stderr and "Traceback" not in result.stderr


def test_script_speaks_the_seeds_tricky_places():
    result = run_cli("script", SEED)
    assert result.returncode == 0, result.stderr
    spoken = result.stdout
    for expected in ("U-Ess-Präsident", "Nato", "U-Enn-Botschafter", "dreiunddreißig Prozent",
                     "Juli zweitausendeinundzwanzig", "einhundertfünfzig U-Ess-Soldaten",
                     "im einundzwanzigsten Jahrhundert", "Baiden"):
        assert expected in spoken, expected
    for wrong in ("NATO", "US-", "33", "2021", "21.", "Biden"):
        assert wrong not in spoken, wrong
    from narration.document import load

    # every sentence and heading, plus two intro lines, but not the title: the lead begins with it
    heard = len(list(load(SEED).sentences())) + 2 - 1
    lines = spoken.strip().splitlines()
    assert len(lines) == heard
    assert lines[0].startswith("Warum Washington") and lines[2].startswith("Die Haltung der U-Ess-A, und damit")
    assert sum(line.startswith("Die Haltung der U-Ess-A") for line in lines) == 1


FRESH_ARTICLE = """Die Bahn investiert 2,5 Mrd. € in 1.200 km Schiene. Das teilte der Konzern am 3.3.2025 mit.

Ab 2026-03-15 fahren die ICE-Züge zwischen Köln und Frankfurt alle 30 Min. Die Strecke ist für 300 km/h ausgelegt. \
Rund 3/4 der Fahrgäste (74 %) sind laut einer Umfrage zufrieden, mind. 2 von 3 nutzen die App in Version 3.2.1.

HOHE KOSTEN FÜR DIE SANIERUNG

Die Sanierung kostet ca. 1850 € pro m² und dauert bis 2030. Infos unter Tel. 030 98765432 oder www.bahn.example/sanierung. \
In der 2. Jahreshälfte steigen die Preise um 0,40 € auf 12,50 € – für Schüler:innen gilt der 1. Tarif weiter.
"""


def test_script_of_a_fresh_article_has_no_digits_symbols_abbreviations_or_doubled_lead(tmp_path):
    source = tmp_path / "bahn.txt"
    source.write_text(FRESH_ARTICLE.replace("\\\n", ""), encoding="utf-8")
    result = run_cli("script", source)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    spoken = " ".join(lines)
    assert not set("0123456789%€$§&*+/²³½°−") & set(spoken), spoken
    for abbreviation in ("Mrd.", "Min.", "mind.", "ca.", "Tel.", "km", "m²"):
        assert abbreviation not in spoken.split(), abbreviation
    assert sum(line.startswith("Die Bahn investiert") for line in lines) == 1  # the derived title is not read
    assert "Hohe Kosten für die Sanierung" in spoken  # a headline in capitals is read as words
    assert "zwei Komma fünf Milliarden Euro in eintausendzweihundert Kilometer Schiene" in spoken
    assert "In der zweiten Jahreshälfte" in spoken and "Schülerinnen und Schüler" in spoken


def test_explain_shows_each_changed_token():
    result = run_cli("script", "--explain", "-", input="In der 2. Halbzeit fiel 1 Tor.\n")
    assert result.returncode == 0, result.stderr
    assert "In der zweiten Halbzeit fiel ein Tor." in result.stdout
    assert "'2.'" in result.stdout and "ordinal" in result.stdout and "'zweiten'" in result.stdout
    assert "'1'" in result.stdout and "cardinal" in result.stdout


def test_script_into_a_closed_pipe_is_quiet(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    long_text = tmp_path / "lang.txt"
    long_text.write_text("Ein Satz. " * 20000, encoding="utf-8")
    pipeline = subprocess.run(f"'{sys.executable}' build.py script '{long_text}' | head -1", shell=True, cwd=ROOT,
                              capture_output=True, text=True)
    assert pipeline.stdout.strip() and pipeline.stderr == "", pipeline.stderr


def test_script_from_standard_input():
    result = run_cli("script", "-", input="Am 24. Februar 2022 um 5 Uhr.\n")
    assert result.returncode == 0
    assert "Am vierundzwanzigsten Februar zweitausendzweiundzwanzig um fünf Uhr." in result.stdout


def test_lexicon_is_whole_word_and_case_exact(tmp_path):
    from narration.speech.lexicon import load

    (tmp_path / "lexicon.pls").write_text(
        '<?xml version="1.0"?><lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" '
        'alphabet="ipa" xml:lang="de"><lexeme><grapheme>Biden</grapheme><alias>Baiden</alias></lexeme>'
        '<lexeme><grapheme>Kyjiw</grapheme><phoneme>ˈkɪjiw</phoneme></lexeme></lexicon>', encoding="utf-8")
    lexicon = load(tmp_path)
    assert lexicon.apply("Biden, Bidens und biden.") == "Baiden, Bidens und biden."
    assert lexicon.entries == (("Biden", "Baiden"),)  # the phoneme-only entry is for e-readers


def test_broken_lexicon_is_a_clear_error(tmp_path):
    (tmp_path / "lexicon.pls").write_text("<lexicon>kaputt", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ein Satz.\n", encoding="utf-8")
    result = run_cli("script", tmp_path / "a.txt")
    assert result.returncode == 1 and "lexicon.pls is not valid XML" in result.stderr
    assert "Traceback" not in result.stderr


def test_watch_rebuilds_on_change_reports_bad_files_and_stops_on_ctrl_c(tmp_path):
    """``watch`` keeps everything loaded and rebuilds what changed; a broken file is one error line
    and the watch goes on; Ctrl-C ends it with status 0."""
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT

    folder = tmp_path / "src"
    folder.mkdir()
    article = folder / "notiz.md"
    article.write_text("# Notiz\n\nDer erste Satz steht hier. Der zweite auch.\n", encoding="utf-8")
    vtt = tmp_path / "out" / "notiz" / "notiz.vtt"
    log = tmp_path / "watch.log"

    def wait_for(condition, what):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)
        pytest.fail(f"watch did not {what}: {log.read_text(encoding='utf-8')}")

    with open(log, "w", encoding="utf-8") as stderr:
        watcher = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "watch", str(folder), "--engine", "espeak",
                                    "--formats", "vtt", "--out", str(tmp_path / "out"), "--cache-dir",
                                    str(tmp_path / "cache"), "--interval", "0.1"], cwd=ROOT, stderr=stderr)
        try:
            wait_for(lambda: "watching" in log.read_text(encoding="utf-8"), "start")
            assert "erste Satz" in vtt.read_text(encoding="utf-8")
            article.write_text("# Notiz\n\nDer neue Satz steht hier. Der zweite auch.\n", encoding="utf-8")
            wait_for(lambda: "neue Satz" in vtt.read_text(encoding="utf-8"), "rebuild after a change")
            (folder / "kaputt.docx").write_bytes(b"not a zip")
            wait_for(lambda: "kaputt.docx: is not a readable DOCX" in log.read_text(encoding="utf-8"),
                     "report the broken file")
            article.write_text("# Notiz\n\nDer letzte Satz steht hier. Der zweite auch.\n", encoding="utf-8")
            wait_for(lambda: "letzte Satz" in vtt.read_text(encoding="utf-8"), "go on after an error")
            wait_for(lambda: log.read_text(encoding="utf-8").count("notiz.md: 3 clips") >= 3,
                     "report the builds")  # built, then rebuilt twice
        finally:
            watcher.send_signal(signal.SIGINT)
            status = watcher.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert status == 0 and "stopped watching" in text and "Traceback" not in text, text


def test_awkward_folder_names_reach_ffmpeg_intact(tmp_path):
    """Output and cache paths go into ffmpeg URLs (subfile:) and concat lists: quotes, commas,
    colons and spaces must not break them."""
    folder = tmp_path / "it's a, b: c"
    folder.mkdir()
    (folder / "kurz.md").write_text("# Kurz\n\nEin Satz. Noch ein Satz.\n\n## Zwei\n\nDer zweite Abschnitt.\n",
                                    encoding="utf-8")
    result = run_cli("build", folder, "--engine", "espeak", "--formats", "mp3,m4b,sections",
                     "--out", folder / "out", "--cache-dir", folder / "cache")
    assert result.returncode == 0, result.stderr
    assert len(list((folder / "out" / "kurz" / "sections").glob("*.mp3"))) == 2
    assert (folder / "out" / "kurz" / "kurz.m4b").stat().st_size > 1000


def test_watch_refuses_a_pointless_interval(tmp_path):
    result = run_cli("watch", tmp_path, "--interval", "0", "--out", tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == ["error: --interval must be a positive number of seconds, not 0.0"]


def test_what_a_command_prints_through_a_pipe_arrives_whole():
    """build.py leaves without the interpreter's teardown (``os._exit``): what a command printed
    still arrives whole, with its status. Through a pipe, without PYTHONUNBUFFERED (which this
    machine sets), Python buffers stdout."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "script", str(SEED)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 40 and lines[-1] == "Baiden will ihn nicht verlieren."  # the seed's last sentence
