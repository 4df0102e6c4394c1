"""How often the cue-less home-address rule changes real appeals, and what it takes.

    python scripts/address_redaction_real.py [--rows 3000] [--show 12]

Why: the redaction corpus says what the rule catches; real appeals say what it costs. The
St Petersburg portal export (../shared/data/spb-nashgorod-appeals) is mostly about buildings and
yards, so every building address the rule takes there is a place the analysis loses (or a home it
rightly hides: "кв. 26"). Prints the share of texts changed and a sample, before and after.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APPEALS = REPO.parent / "shared" / "data" / "spb-nashgorod-appeals" / "appeals.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=3000, help="first N appeals of the export")
    parser.add_argument("--show", type=int, default=12, help="changed texts to print")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from ingestion.redaction.addresses import HOME_ADDRESS_GATE, redact_home_addresses

    gates = [re.compile(p) for p in HOME_ADDRESS_GATE]
    texts = []
    with gzip.open(APPEALS, "rt", encoding="utf-8") as lines:
        for line in lines:
            if len(texts) >= args.rows:
                break
            texts.append(json.loads(line).get("text") or "")
    changed = [(t, out) for t in texts if any(g.search(t) for g in gates) and (out := redact_home_addresses(t)) != t]
    print(f"{len(changed)}/{len(texts)} texts changed by the home-address rule ({len(changed) / len(texts):.1%})")
    for text, out in random.Random(1).sample(changed, min(args.show, len(changed))):
        print("---", text[:200].replace("\n", " "))
        print("  =>", out[:200].replace("\n", " "))


if __name__ == "__main__":
    main()
