"""Throughput of the default classifier against a plain per-text transformers pipeline of the same encoder.

Run: ``.venv/bin/python bench/bench_classify.py [--model DIR] [--texts 10000] [--real 1000] [--pipeline-texts 300]``

What is measured, in one run, on the same machine state, on two sets:
- ``written+``: the written corpus (train and eval, about 7,000 texts of 5-80 words) topped up with
  St Petersburg appeals to ``--texts`` (the set of earlier releases);
- ``spb-real``: ``--real`` St Petersburg appeals drawn at random (seeded), at their real length
  (median 48 characters, 5 % over 300; read in place from ../shared/data).

Per set:
1. baseline: a plain per-text loop over the same encoder checkpoint (one text per call, fp32,
   truncated at 512 tokens, the same pooled features and head): what a team would first write;
2. the full classifier as ``tyndau classify`` runs it (text checks, language id, transliteration,
   sentence windows, encoder batched by length, head, n-grams, calibrated ensemble), fp32 and with
   dynamic int8 on the encoder's Linear layers, and how often int8 gives the same labels as fp32.

Ratios are against the baseline measured in the same process. Peak memory is the max RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def written_texts(n: int) -> list[str]:
    from nlp import corpus, sources

    texts = [e.text for e in corpus.read_many(corpus.train_files() + corpus.eval_files())]
    if len(texts) < n:
        texts += [t for t in sources.spb_appeal_texts(n - len(texts)) if t.strip()]
    return texts[:n]


def spb_texts(n: int, seed: int = 7) -> list[str]:
    from nlp import sources

    texts = [t for t in sources.spb_appeal_texts() if t.strip()]
    return random.Random(seed).sample(texts, n)


def timed(fn, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - started, result


def pipeline_loop(model_dir: Path, texts: list[str]) -> float:
    """Texts/s of a plain per-text loop: the same encoder called once per text (truncated at 512
    tokens), the same pooled features, the same head. ``pipeline("feature-extraction")`` would
    return only the last layer, and the head reads the last four, so the loop calls the model
    itself, as the pipeline does inside."""
    import numpy as np
    import torch

    from nlp.encoder_model import EncoderModel

    component = EncoderModel.load(model_dir)
    enc = component.encoder

    def one(text: str):
        batch = enc.tokenizer(enc.prefix + text, truncation=True, max_length=512, return_tensors="pt")
        with torch.inference_mode():
            states = enc.states(batch["input_ids"], batch["attention_mask"])[0]
        pooled = states.mean(dim=1)
        pooled = torch.nn.functional.normalize(pooled, dim=-1).reshape(1, -1).numpy()
        return component.head.probabilities(np.asarray(pooled))

    one(texts[0])
    seconds, _ = timed(lambda: [one(t) for t in texts])
    return len(texts) / seconds


def full_rate(model_dir: Path, texts: list[str], quantize: bool) -> tuple[float, list]:
    from nlp.ensemble import load_classifier

    clf = load_classifier(model_dir, quantize=quantize)
    clf.predict(texts[:32])
    seconds, predictions = timed(clf.predict, texts)
    return len(texts) / seconds, predictions


def agreement(a: list, b: list) -> float:
    same = sum({(x.area, x.polarity) for x in p.areas} == {(x.area, x.polarity) for x in q.areas} for p, q in zip(a, b))
    return same / len(a)


def run_set(name: str, texts: list[str], model: Path, pipeline_texts: int) -> None:
    chars = sorted(len(t) for t in texts)
    print(f"[{name}] {len(texts):,} texts, median {chars[len(chars) // 2]} characters, "
          f"{sum(c > 300 for c in chars) / len(chars):.1%} over 300")
    base = pipeline_loop(model, texts[:pipeline_texts])
    print(f"[{name}] baseline: plain per-text loop, fp32 ({pipeline_texts} texts): {base:8.1f} texts/s")
    fp32, p32 = full_rate(model, texts, False)
    int8, p8 = full_rate(model, texts, True)
    print(f"[{name}] full classifier, fp32 encoder: {fp32:8.1f} texts/s ({fp32 / base:.1f}x the baseline)")
    print(f"[{name}] full classifier, int8 encoder: {int8:8.1f} texts/s ({int8 / base:.1f}x the baseline); "
          f"same labels as fp32 on {agreement(p32, p8):.1%} of texts")


def main() -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "tyndau-default")
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--real", type=int, default=1_000)
    parser.add_argument("--pipeline-texts", type=int, default=300)
    args = parser.parse_args()
    torch.set_num_threads(2)
    print(f"torch threads {torch.get_num_threads()}")
    run_set("written+", written_texts(args.texts), args.model, args.pipeline_texts)
    run_set("spb-real", spb_texts(args.real), args.model, args.pipeline_texts)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
