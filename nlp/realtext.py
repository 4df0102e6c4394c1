"""Checks on real text that nobody on the team wrote (../shared/data), for `tyndau evaluate --real`.

Why: the written corpus and eval set share a register (people writing examples); real
reviews and appeals have typos, code-switching, Kazakh typed without Kazakh letters and
redaction masks. Two checks:

1. language identification accuracy on three real sets, each taken to be in one language:
   KazSAnDRA reviews (kk; a handful are in fact Russian or English, so this is a lower
   bound), St Petersburg appeals (ru) and Boston 311 closure notes (en);
2. a sanity check of the classifier without competency labels: 1-star reviews of public
   service centres (ЦОН / ХҚКО, found by keywords) should get negative areas more often
   than 5-star ones. The same is reported for a wider set of public services (akimats,
   polyclinics, police, schools), because only a few dozen reviews name a ЦОН.
"""

from __future__ import annotations

import re
from collections import Counter

from nlp import sources
from nlp.langid import identify
from nlp.model import Classifier

SERVICE_CENTRE = re.compile(r"цон|хқко|хкко|халыққа қызмет|халыкка кызмет|қызмет көрсету орталығ|"
                            r"кызмет корсету орталыг|\bcon\b", re.IGNORECASE)
PUBLIC_SERVICES = re.compile(SERVICE_CENTRE.pattern + r"|әкімдік|әкімшілі|акимат|акимдик|емхана|поликлиник|"
                             r"аурухана|больниц|полиция|полицей|мектеп|мектеб|школ|мемлекеттік|мемлекеттик|егов|egov",
                             re.IGNORECASE)


def langid_accuracy(spb_limit: int | None = None) -> dict[str, dict]:
    """Share of each real set identified as its language, with the confusion counts."""
    sets = {
        "kazsandra_reviews": ("kk", [r.text for r in sources.kazsandra_reviews()]),
        "spb_appeals": ("ru", list(sources.spb_appeal_texts(spb_limit))),
        "boston_311_notes": ("en", sources.boston_closure_reasons()),
    }
    return {name: _accuracy(lang, texts) for name, (lang, texts) in sets.items()}


def _accuracy(lang: str, texts: list[str]) -> dict:
    found = Counter(identify(t).lang for t in texts)
    return {"language": lang, "n": len(texts), "accuracy": round(found[lang] / len(texts), 4) if texts else None,
            "identified_as": dict(found.most_common())}


def negative_share(classifier: Classifier, texts: list[str]) -> float | None:
    """Share of texts with at least one area of negative polarity."""
    if not texts:
        return None
    predictions = classifier.predict(texts)
    return round(sum(any(a.polarity == "negative" for a in p.areas) for p in predictions) / len(texts), 4)


def star_check(classifier: Classifier, pattern: re.Pattern) -> dict:
    reviews = [r for r in sources.kazsandra_reviews() if pattern.search(r.text)]
    one = [r.text for r in reviews if r.stars == 1]
    five = [r.text for r in reviews if r.stars == 5]
    neg1, neg5 = negative_share(classifier, one), negative_share(classifier, five)
    return {"one_star": len(one), "five_star": len(five), "negative_share_one_star": neg1,
            "negative_share_five_star": neg5, "passed": neg1 is not None and neg5 is not None and neg1 > neg5}


def run_all(classifier: Classifier | None) -> dict:
    result = {"langid": langid_accuracy()}
    if classifier is not None:
        result["service_centres"] = star_check(classifier, SERVICE_CENTRE)
        result["public_services"] = star_check(classifier, PUBLIC_SERVICES)
    return result
