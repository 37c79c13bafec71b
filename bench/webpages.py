#!/usr/bin/env python3
"""Score the HTML reader on real web pages with hand-written snippets (issue 23).

    python bench/webpages.py [PAGES_DIR] [--show] [--json FILE]

PAGES_DIR holds ``cases.json`` (``[{file, url, with: [...], without: [...]}]``) and the pages
(default: ``../shared/webpages``, trafilatura's evaluation pages; third-party, read in place and
never copied). For each page the reader's document goes through the speech script, and:

- **recall**: the share of ``with`` snippets found in the text that is *spoken* (its display form);
- **leaks**: the share of ``without`` snippets (navigation, teasers, credits) found there;
- **wrong story**: a page where not one ``with`` snippet is read (it read something else, or nothing);
- **symbols**: digits and symbols left in the *speech* text (what the engine would hear).

Snippets are matched case- and punctuation-insensitively, as the data's README asks.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_PAGES = ROOT.parent / "shared" / "webpages"
SYMBOLS = re.compile(r"[0-9%€$£¥§&*+=/²³½¼¾°−@#|<>~^_\\]")
THRESHOLDS = {"recall": 0.95, "leaks": 0.05, "wrong_story": 0, "symbols_per_30_pages": 5}


@dataclass
class PageScore:
    file: str
    found: int = 0
    expected: int = 0
    leaked: int = 0
    boilerplate: int = 0
    symbols: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0


def comparable(text: str) -> str:
    """Case and punctuation folded away; words kept apart by one space."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def score_page(path: Path, case: dict) -> PageScore:
    from narration.document import load
    from narration.errors import NarrationError
    from narration.speech.script import build_script

    score = PageScore(path.name, expected=len(case["with"]), boilerplate=len(case["without"]))
    started = time.perf_counter()
    try:
        items = build_script(load(path))
    except NarrationError as exc:
        score.error = exc.message
        score.missing = list(case["with"])
        return score
    score.seconds = round(time.perf_counter() - started, 3)
    spoken = f" {comparable(' '.join(item.text for item in items))} "
    for snippet in case["with"]:
        if comparable(snippet) in spoken:
            score.found += 1
        else:
            score.missing.append(snippet)
    for snippet in case["without"]:
        if comparable(snippet) in spoken:
            score.leaked += 1
            score.leaks.append(snippet)
    score.symbols = [m for item in items for m in SYMBOLS.findall(item.speech)]
    return score


def score_all(pages_dir: Path) -> tuple[dict, list[PageScore]]:
    cases = json.loads((pages_dir / "cases.json").read_text(encoding="utf-8"))
    scores = [score_page(pages_dir / case["file"], case) for case in cases]
    expected = sum(s.expected for s in scores) or 1
    boilerplate = sum(s.boilerplate for s in scores) or 1
    symbols = sum(len(s.symbols) for s in scores)
    summary = {
        "pages": len(scores),
        "recall": round(sum(s.found for s in scores) / expected, 4),
        "leaks": round(sum(s.leaked for s in scores) / boilerplate, 4),
        "wrong_story": sum(1 for s in scores if s.expected and not s.found),
        "errors": sum(1 for s in scores if s.error),
        "symbols": symbols,
        "symbols_per_30_pages": round(symbols * 30 / max(len(scores), 1), 1),
        "slowest_s": max((s.seconds for s in scores), default=0.0),
    }
    return summary, scores


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--show", action="store_true", help="list each page's misses, leaks and symbols")
    parser.add_argument("--json", type=Path, help="write the summary and every page's counts here")
    args = parser.parse_args(argv)
    if not (args.pages / "cases.json").is_file():
        print(f"webpages: no cases.json in {args.pages}", file=sys.stderr)
        return 2
    import logging

    logging.disable(logging.WARNING)
    summary, scores = score_all(args.pages)
    if args.show:
        for s in scores:
            if s.missing or s.leaks or s.symbols or s.error:
                print(f"{s.file}: {s.error}")
                for m in s.missing:
                    print(f"    missing  {m!r}")
                for m in s.leaks:
                    print(f"    leaked   {m!r}")
                if s.symbols:
                    print(f"    symbols  {''.join(s.symbols)!r}")
    for key, value in summary.items():
        goal = THRESHOLDS.get(key)
        print(f"{key:22} {value}" + (f"   (goal {'≥' if key == 'recall' else '≤'} {goal})" if goal is not None else ""))
    if args.json:  # counts only: the pages and their snippets are third-party, never copied here
        pages = [{key: value for key, value in asdict(s).items() if key not in ("missing", "leaks", "symbols")}
                 | {"symbols": len(s.symbols)} for s in scores]
        args.json.write_text(json.dumps({"summary": summary, "pages": pages}, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
