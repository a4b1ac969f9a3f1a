"""Direct quotes and their speakers on PolNeAR, against textacy and a regex baseline.

Gold: Content spans that open with a quotation mark (straight or curly, double or single), from
the first annotator's file of each article; a content span holding several quoted pieces
(`"X," he said, "Y"`) gives one gold quote per piece. A prediction matches a gold quote when, after
trimming quote marks and edge punctuation, their character overlap is at least half their union,
one to one. The speaker is right when the predicted speaker mention overlaps the gold Source span
or shares its head word; for a pronoun Source, the nearest earlier named Source also counts.

Baselines run on the same spaCy docs in the same run: textacy's direct_quotations, and a plain
regex for quote marks plus the subject of the nearest said/told.

    python bench/polnear.py [--split test|dev|train] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "polnear" / "data"
QUOTE_CHARS = "\"“”‘’'"
EDGE = QUOTE_CHARS + " \t\n.,;:!?—–-…"
PRONOUNS = {
    "he", "she", "they", "i", "we", "it", "him", "her", "them", "you", "his", "its", "who",
    "which", "that", "whom",
}  # fmt: skip


@dataclass(frozen=True)
class Piece:
    start: int
    end: int


@dataclass(frozen=True)
class GoldQuote:
    piece: Piece
    sources: tuple[Piece, ...]
    source_texts: tuple[str, ...]


@dataclass(frozen=True)
class Prediction:
    piece: Piece
    speaker: Piece | None
    pronoun: Piece | None = None  # the pronoun a resolved speaker was named by


# ---------------------------------------------------------------- gold


def read_ann(path: Path) -> tuple[dict[str, tuple[str, int, int, str]], list[dict[str, str]]]:
    spans, relations = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            ident, middle, text = [*line.split("\t"), "", ""][:3]
            fields = middle.replace(";", " ").split()
            if len(fields) < 3:
                continue  # one annotation line in the corpus has no type or offsets
            kind, *ranges = fields
            numbers = [int(r) for r in ranges]
            spans[ident] = (kind, min(numbers), max(numbers), text)
        elif line.startswith("E"):
            parts = line.split("\t")[1].split()
            relations.append(dict(p.split(":", 1) for p in parts))
    return spans, relations


_SINGLE_MARK = re.compile(r"(?:(?<=^)|(?<=\s))[‘']|[’'](?=\s|$|[.,;:])")


def quoted_pieces(text: str, start: int) -> list[Piece]:
    """Pieces between quote marks inside a gold Content span, paired in order."""
    marks = [m.start() for m in re.finditer(r"[\"“”]", text)]
    if not marks:
        marks = [m.start() for m in _SINGLE_MARK.finditer(text)]
    pieces = []
    for i in range(0, len(marks), 2):
        begin = marks[i] + 1
        end = marks[i + 1] if i + 1 < len(marks) else len(text)
        pieces.append(Piece(start + begin, start + end))
    return pieces


def gold_quotes(ann: Path, text: str) -> list[GoldQuote]:
    spans, relations = read_ann(ann)
    named_sources = sorted(
        (s for s in spans.values() if s[0] == "Source" and s[3].strip().lower() not in PRONOUNS),
        key=lambda s: s[1],
    )
    gold = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""))
        if content is None:
            continue
        _, start, end, _ = content
        body = text[start:end]
        if not body.lstrip() or body.lstrip()[0] not in QUOTE_CHARS:
            continue
        source = spans.get(relation.get("Source", ""))
        sources, source_texts = [], []
        if source is not None:
            sources.append(Piece(source[1], source[2]))
            source_texts.append(source[3])
            if source[3].strip().lower() in PRONOUNS:
                earlier = [s for s in named_sources if s[2] <= source[1]]
                if earlier:
                    sources.append(Piece(earlier[-1][1], earlier[-1][2]))
                    source_texts.append(earlier[-1][3])
        for piece in quoted_pieces(body, start):
            if re.search(r"\w", text[piece.start : piece.end]):
                gold.append(GoldQuote(piece, tuple(sources), tuple(source_texts)))
    return gold


# ---------------------------------------------------------------- matching


def trimmed(piece: Piece, text: str) -> Piece:
    start, end = piece.start, piece.end
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return Piece(start, end)


def overlap_ratio(a: Piece, b: Piece) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    union = max(a.end, b.end) - min(a.start, b.start)
    return inter / union if union else 0.0


def head_word(text: str) -> str:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return words[-1].lower().replace("’s", "").replace("'s", "") if words else ""


def speaker_right(prediction: Prediction, gold: GoldQuote, text: str) -> bool:
    if prediction.speaker is None and prediction.pronoun is None:
        return not gold.sources
    mentions = [m for m in (prediction.speaker, prediction.pronoun) if m is not None]
    for mention in mentions:
        said = text[mention.start : mention.end]
        for source, source_text in zip(gold.sources, gold.source_texts, strict=True):
            if overlap_ratio(mention, source) > 0:
                return True
            if head_word(said) and head_word(said) == head_word(source_text):
                return True
    return False


def match(gold: list[GoldQuote], predicted: list[Prediction], text: str):
    gold_t = [trimmed(g.piece, text) for g in gold]
    pred_t = [trimmed(p.piece, text) for p in predicted]
    pairs = sorted(
        (
            (overlap_ratio(g, p), gi, pi)
            for gi, g in enumerate(gold_t)
            for pi, p in enumerate(pred_t)
            if g.start < p.end and p.start < g.end
        ),
        reverse=True,
    )
    used_g, used_p, matched = set(), set(), []
    for ratio, gi, pi in pairs:
        if ratio < 0.5 or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gold[gi], predicted[pi]))
    return matched


# ---------------------------------------------------------------- systems


def crosswire_predictions(path: Path, doc, nlp) -> list[Prediction]:
    from crosswire.ingest.inputs import extract_article, read_source
    from crosswire.nlp.parse import annotate
    from crosswire.nlp.quotes import extract_quotes

    (source,) = read_source(path)
    article = extract_article(source)
    quotes = extract_quotes(annotate(article))
    return [
        Prediction(
            Piece(q.start, q.end),
            Piece(q.speaker_mention.start, q.speaker_mention.end) if q.speaker_mention else None,
            Piece(q.speaker_pronoun.start, q.speaker_pronoun.end) if q.speaker_pronoun else None,
        )
        for q in quotes
        if q.kind.value == "full" and not q.headline
    ]


def textacy_predictions(path: Path, doc, nlp) -> list[Prediction]:
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except (ValueError, IndexError):
        return []
    predictions = []
    for triple in triples:
        speaker = triple.speaker
        piece = Piece(triple.content.start_char, triple.content.end_char)
        who = Piece(speaker[0].idx, speaker[-1].idx + len(speaker[-1].text)) if speaker else None
        predictions.append(Prediction(piece, who))
    return predictions


_REGEX_QUOTE = re.compile(r"[\"“]([^\"“”]+)[\"”]")


def regex_predictions(path: Path, doc, nlp) -> list[Prediction]:
    predictions = []
    sentences = list(doc.sents)
    for found in _REGEX_QUOTE.finditer(doc.text):
        piece = Piece(found.start(1), found.end(1))
        speaker = _nearest_said_subject(doc, sentences, piece)
        predictions.append(Prediction(piece, speaker))
    return predictions


def _nearest_said_subject(doc, sentences, piece: Piece) -> Piece | None:
    best = None
    for sent in sentences:
        if sent.end_char < piece.start - 200 or sent.start_char > piece.end + 200:
            continue
        for token in sent:
            if token.lemma_ in {"say", "tell"}:
                subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if subjects:
                    distance = min(abs(token.idx - piece.start), abs(token.idx - piece.end))
                    if best is None or distance < best[0]:
                        subject = subjects[0]
                        best = (distance, Piece(subject.idx, subject.idx + len(subject.text)))
    return best[1] if best else None


SYSTEMS: dict[str, Callable] = {
    "crosswire": crosswire_predictions,
    "textacy": textacy_predictions,
    "regex+said": regex_predictions,
}


# ---------------------------------------------------------------- driver


def first_annotator_files(split_dir: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        anns = sorted((split_dir / "attributions").glob(text_path.stem + "_*.ann"))
        if anns:
            pairs.append((text_path, anns[0]))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--errors", type=int, default=0, help="show this many crosswire misses")
    args = parser.parse_args()
    split_dir = args.data / args.split
    if not split_dir.is_dir():
        print(f"PolNeAR not found at {split_dir}; pass --data", file=sys.stderr)
        return 2
    from crosswire.nlp.parse import load_pipeline

    nlp = load_pipeline()
    pairs = first_annotator_files(split_dir)[: args.limit or None]
    totals = {name: {"gold": 0, "pred": 0, "match": 0, "speaker": 0, "s": 0.0} for name in SYSTEMS}
    misses = []
    for text_path, ann_path in pairs:
        text = text_path.read_text(encoding="utf-8")
        gold = gold_quotes(ann_path, text)
        doc = nlp(text)
        for name, system in SYSTEMS.items():
            started = time.perf_counter()
            predicted = system(text_path, doc, nlp)
            totals[name]["s"] += time.perf_counter() - started
            matched = match(gold, predicted, text)
            right = [m for m in matched if speaker_right(m[1], m[0], text)]
            totals[name]["gold"] += len(gold)
            totals[name]["pred"] += len(predicted)
            totals[name]["match"] += len(matched)
            totals[name]["speaker"] += len(right)
            if name == "crosswire" and args.errors:
                misses.extend(_misses(text_path, text, gold, predicted, matched, right))
    print(f"PolNeAR {args.split}: {len(pairs)} articles, first annotator's file each")
    print(f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'spk acc':>8} {'attr F1':>8} {'s':>6}")
    for name, t in totals.items():
        p = t["match"] / t["pred"] if t["pred"] else 0.0
        r = t["match"] / t["gold"] if t["gold"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = t["speaker"] / t["match"] if t["match"] else 0.0
        ap = t["speaker"] / t["pred"] if t["pred"] else 0.0
        ar = t["speaker"] / t["gold"] if t["gold"] else 0.0
        af1 = 2 * ap * ar / (ap + ar) if ap + ar else 0.0
        print(f"{name:<12} {p:>6.3f} {r:>6.3f} {f1:>6.3f} {acc:>8.3f} {af1:>8.3f} {t['s']:>6.1f}")
    for line in misses[: args.errors]:
        print(line)
    return 0


def _misses(path, text, gold, predicted, matched, right) -> list[str]:
    lines = []
    matched_gold = {id(g) for g, _ in matched}
    matched_pred = {id(p) for _, p in matched}
    right_ids = {id(g) for g, _ in right}
    name = path.stem[:30]
    for g in gold:
        snippet = text[g.piece.start : g.piece.end][:70].replace("\n", " ")
        if id(g) not in matched_gold:
            lines.append(f"FN {name} | {snippet}")
        elif id(g) not in right_ids:
            p = next(p for gg, p in matched if gg is g)
            said = text[p.speaker.start : p.speaker.end] if p.speaker else None
            lines.append(f"SPK {name} | gold={g.source_texts} pred={said!r} | {snippet}")
    for p in predicted:
        if id(p) not in matched_pred:
            lines.append(f"FP {name} | {text[p.piece.start : p.piece.end][:70]!r}")
    return lines


if __name__ == "__main__":
    sys.exit(main())
