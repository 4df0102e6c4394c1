"""Rebuild the language-identification profile shipped in nlp/resources/langid_profile.json.

Run ``python -m nlp.langid_build`` after the training corpus grows. Why a shipped file
rather than building at run time: a deployment has neither ../shared/data nor a reason
to wait; the profile is small (n-gram counts) and reproducible from this script.

Text used (all of it may be used for training): the training corpus (never the eval
set; code-switched "mixed" Kazakh lines are left out of the Kazakh side so that their
Russian words do not count as Kazakh), KazNERD sentences (CC BY 4.0) and the Kazakh stop
words, the taxonomy's own texts in three languages, and the US FEVS / UK CSPS survey
wording for English.
"""

from __future__ import annotations

from importlib import resources

from nlp import corpus, langid, sources
from nlp.translit import latin_to_cyrillic
from warehouse.taxonomy import areas

EXTRA_KK_FUNCTION_WORDS = ["және", "немесе", "бірақ", "үшін", "деп", "екен", "жоқ", "бар", "емес", "ғой", "ма", "ме"]


def taxonomy_texts(lang: str) -> list[str]:
    texts = []
    for a in areas():
        texts += [a.name.get(lang, ""), a.definition.get(lang, "")]
        texts += [ind.text.get(lang, "") for ind in a.indicators]
    return [t for t in texts if t]


def training_texts() -> dict[str, list[str]]:
    by_lang: dict[str, list[str]] = {"kk": [], "ru": [], "en": []}
    for ex in corpus.load_train():
        if ex.lang == "kk" and ex.script == "mixed":
            continue
        text = latin_to_cyrillic(ex.text) if ex.lang == "kk" and ex.script == "latn" else ex.text
        by_lang.setdefault(ex.lang, []).append(text)
    return by_lang


def main() -> None:
    texts = training_texts()
    kk = texts["kk"] + sources.kaznerd_sentences() + sources.kazakh_stopwords() + EXTRA_KK_FUNCTION_WORDS
    ru = texts["ru"] + taxonomy_texts("ru")
    en = texts["en"] + taxonomy_texts("en") + sources.english_survey_items()
    profile = langid.build_profile(kk + taxonomy_texts("kk"), ru, en)
    path = resources.files("nlp.resources") / langid.PROFILE_RESOURCE
    langid.write_profile(profile, path)
    print(f"wrote {path}: kk {len(kk)}, ru {len(ru)}, en {len(en)} texts")


if __name__ == "__main__":
    main()
