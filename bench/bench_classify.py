"""Throughput of the default classifier on realistic appeal lengths, against a plain pipeline loop.

Run: ``.venv/bin/python bench/bench_classify.py [--model DIR] [--texts 10000] [--pipeline-texts 500]``

What is measured, in one run, on the same machine state:
1. baseline: a plain per-text ``transformers.pipeline("text-classification")`` loop over the
   transformer of the model directory (fp32, one text per call), as a team would first write it;
2. the transformer alone, batched by length, fp32 and with dynamic int8 quantisation
   (``torch.ao.quantization.quantize_dynamic`` on the Linear layers);
3. the full classifier as ``tyndau classify`` runs it: text checks, language identification,
   transliteration, n-gram model and transformer, calibrated ensemble, batched by length.

Texts: the written corpus (train and eval, about 7,000 texts of 5-80 words) topped up with real
St Petersburg appeals from ../shared/data (read in place) to reach ``--texts``. Peak memory is
the process's maximum resident set (resource.getrusage). The 1M estimate extrapolates the full
classifier's rate (classification only; the warehouse writes add little, see docs/classifier.md).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def realistic_texts(n: int) -> list[str]:
    from nlp import corpus, sources

    texts = [e.text for e in corpus.read_many(corpus.train_files() + corpus.eval_files())]
    if len(texts) < n:
        texts += [t for t in sources.spb_appeal_texts(n - len(texts)) if t.strip()]
    return texts[:n]


def timed(fn, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - started, result


def pipeline_loop(model_dir: Path, texts: list[str]) -> float:
    from transformers import pipeline

    clf = pipeline("text-classification", model=str(model_dir), tokenizer=str(model_dir), top_k=None,
                   function_to_apply="sigmoid", device=-1)
    clf(texts[0], truncation=True)
    seconds, _ = timed(lambda: [clf(t, truncation=True, max_length=128) for t in texts])
    return len(texts) / seconds


def transformer_rate(model_dir: Path, texts: list[str], quantize: bool) -> float:
    from nlp.textprep import prepare
    from nlp.transformer import TransformerModel

    model = TransformerModel.load(model_dir, quantize=quantize)
    prepared = [prepare(t).text or " " for t in texts]
    model.probabilities(prepared[:64])
    seconds, _ = timed(model.probabilities, prepared)
    return len(texts) / seconds


def full_rate(model_dir: Path, texts: list[str], quantize: bool) -> tuple[float, list]:
    from nlp.ensemble import load_classifier

    clf = load_classifier(model_dir, quantize=quantize)
    clf.predict(texts[:64])
    seconds, predictions = timed(clf.predict, texts)
    return len(texts) / seconds, predictions


def agreement(a: list, b: list) -> float:
    same = sum({(x.area, x.polarity) for x in p.areas} == {(x.area, x.polarity) for x in q.areas} for p, q in zip(a, b))
    return same / len(a)


def main() -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "tyndau-default")
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--pipeline-texts", type=int, default=500)
    args = parser.parse_args()
    torch.set_num_threads(2)
    texts = realistic_texts(args.texts)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(texts):,} texts, {words:.0f} words on average; torch threads {torch.get_num_threads()}")

    base = pipeline_loop(args.model, texts[:args.pipeline_texts])
    print(f"plain pipeline loop (fp32, one text per call, {args.pipeline_texts} texts): {base:8.1f} texts/s")
    for quantize in (False, True):
        rate = transformer_rate(args.model, texts, quantize)
        print(f"transformer batched by length, {'int8 dynamic' if quantize else 'fp32':<12}: {rate:8.1f} texts/s "
              f"({rate / base:.1f}x the pipeline loop)")
    fp32, p32 = full_rate(args.model, texts, False)
    int8, p8 = full_rate(args.model, texts, True)
    print(f"full classifier (checks, language id, n-grams + transformer), fp32: {fp32:8.1f} texts/s "
          f"({fp32 / base:.1f}x)")
    print(f"full classifier, int8 transformer:                            {int8:8.1f} texts/s "
          f"({int8 / base:.1f}x); same labels as fp32 on {agreement(p32, p8):.1%} of texts")
    best = max(fp32, int8)
    print(f"ratio best full classifier / plain pipeline loop: {best / base:.1f}x")
    print(f"1,000,000 appeals at {best:,.0f} texts/s: {1e6 / best / 60:.0f} min of classification")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
