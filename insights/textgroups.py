"""Groups of similar texts within a competency area, so one issue raised 40 times reads as one.

Why TF-IDF and k-means: an analyst wants "the ramp at the public service centre" as one line
with its count and a few examples, not 40 near-identical letters. Word uni- and bigrams weighted
by TF-IDF *within the area* make the words every letter shares (greetings, "please take
measures") weigh nothing and the words of the issue weigh most; spherical k-means (k-means on
unit vectors) then gathers letters about the same thing. It is deterministic (fixed seeds), runs
in seconds per area at a million appeals (fitted on a sample, then every text assigned), and
needs nothing beyond scikit-learn, which the project already has.

The number of groups grows with the square root of the texts of an area, capped, so a small area
is not shredded and a large one is not lumped together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import polars as pl

MIN_TEXTS_TO_GROUP = 6
MAX_GROUPS = 40
FIT_SAMPLE = 20_000
EXAMPLES_PER_GROUP = 3
LABEL_TERMS = 3
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{3,}\b"  # words of three letters or more, any script; no numbers
SEED = 20240101
MERGE_SIMILARITY = 0.5  # cosine of two groups' centres above which they are one issue

# Function words and letter formulas carry no issue; without them group labels name the issue.
RU_STOP = """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было
вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять
уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без
будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти
мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше
тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть
том нельзя такой им более всегда конечно всю между прошу просим просьба уважаемый уважаемая уважаемые
здравствуйте добрый день вечер утро спасибо заранее ответ ответа жду пишу вам ваш ваше ваши адрес мой
также которые который которая это эта""".split()
KK_STOP = """және мен бен пен да де та те ғой қой ма ме ба бе па пе бұл ол сол осы мына анау біз сіз сіздің
біздің менің оның олар бар жоқ үшін бойынша туралы арқылы дейін кейін соң бірақ алайда немесе әлде деп еді
екен болды болып болса болған бір екі үш әр барлық өте тағы ғана сияқты сәлеметсіз құрметті рахмет
сұраймын өтінемін жауап күтемін мекенжайы жазып отырмын""".split()
LATIN_KK_STOP = "jane men ben pen bul ol osy biz siz bar joq ushin turaly biraq dep edi suraimyn rakhmet".split()

MEMBER_SCHEMA = {"appeal_id": pl.Utf8, "area": pl.Utf8, "group_no": pl.Int32, "similarity": pl.Float64,
                 "is_example": pl.Boolean, "group_label": pl.Utf8, "group_sentence": pl.Utf8}
SENTENCE_SOURCES = 12  # the texts closest to a centre whose sentences may name the group
SENTENCE_CHARS = (20, 160)
SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+|\n+")


@dataclass(frozen=True)
class Grouping:
    """For n texts: the group of each, its cosine similarity to the group's centre, the groups' labels."""

    group: np.ndarray
    similarity: np.ndarray
    labels: list[str]
    sentences: list[str] | None = None


def number_of_groups(n_texts: int) -> int:
    return int(min(MAX_GROUPS, max(2, round(np.sqrt(n_texts / 2)))))


def group_texts(texts: list[str], seed: int = SEED) -> Grouping:
    """Cluster texts of one area; fewer than MIN_TEXTS_TO_GROUP texts form a single group."""
    single = Grouping(np.zeros(len(texts), dtype=np.int32), np.ones(len(texts)), [""], [""])
    if len(texts) < MIN_TEXTS_TO_GROUP:
        return single
    matrix, vectorizer = _tfidf(texts)
    if matrix.shape[1] == 0:
        return single
    vocabulary = vectorizer.get_feature_names_out()
    centres = _merge_close_centres(_fit_centres(matrix, number_of_groups(len(texts)), seed))
    similarity_to_all = np.asarray(matrix @ centres.T)
    group = similarity_to_all.argmax(axis=1).astype(np.int32)
    similarity = similarity_to_all[np.arange(len(texts)), group]
    sentences = [_central_sentence(texts, group, similarity, g, centre, vectorizer) for g, centre in enumerate(centres)]
    return Grouping(group, similarity, [_label(c, vocabulary) for c in centres], sentences)


def _central_sentence(texts: list[str], group: np.ndarray, similarity: np.ndarray, g: int, centre: np.ndarray,
                      vectorizer) -> str:
    """The sentence of the group's most typical letters that is closest to its centre: how citizens
    themselves put the issue ("there is no ramp at the entrance"), readable where a word list is not."""
    members = np.flatnonzero(group == g)
    closest = members[np.argsort(-similarity[members])][:SENTENCE_SOURCES]
    candidates = [s.strip() for i in closest for s in SENTENCE_SPLIT.split(texts[i])
                  if SENTENCE_CHARS[0] <= len(s.strip()) <= SENTENCE_CHARS[1]]
    if not candidates:
        return ""
    scores = np.asarray(vectorizer.transform(candidates) @ centre).ravel()
    return candidates[int(scores.argmax())] if scores.max() > 0 else ""


def _tfidf(texts: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    min_df = 2 if len(texts) >= 20 else 1
    vectorizer = TfidfVectorizer(token_pattern=TOKEN_PATTERN, ngram_range=(1, 2), min_df=min_df, max_df=0.8,
                                 sublinear_tf=True, lowercase=True, dtype=np.float32, max_features=50_000,
                                 stop_words=_stop_words())
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # nothing left after the document-frequency limits
        from scipy import sparse
        return sparse.csr_matrix((len(texts), 0), dtype=np.float32), vectorizer
    return matrix, vectorizer


def _stop_words() -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return sorted({*ENGLISH_STOP_WORDS, *RU_STOP, *KK_STOP, *LATIN_KK_STOP})


def _fit_centres(matrix, k: int, seed: int, iterations: int = 25) -> np.ndarray:
    """Spherical k-means on (a sample of) the unit-length TF-IDF rows; unit-length centres.

    Written out (twenty lines of numpy) rather than scikit-learn's KMeans, which spends seconds
    in thread-pool start-up on a few hundred rows: here an iteration is one sparse product.
    """
    rng = np.random.default_rng(seed)
    rows = matrix.shape[0]
    sample = matrix[np.sort(rng.choice(rows, FIT_SAMPLE, replace=False))] if rows > FIT_SAMPLE else matrix
    centres = _plus_plus_init(sample, min(k, sample.shape[0]), rng)
    assigned = None
    for _ in range(iterations):
        now = np.asarray(sample @ centres.T).argmax(axis=1)
        if assigned is not None and np.array_equal(now, assigned):
            break
        assigned = now
        centres = _unit_rows(_group_sums(sample, assigned, centres))
    return centres


def _merge_close_centres(centres: np.ndarray, threshold: float = MERGE_SIMILARITY) -> np.ndarray:
    """Join groups whose centres point the same way: k is a guess, and one issue should be one group."""
    parent = list(range(len(centres)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    similarity = centres @ centres.T
    for i in range(len(centres)):
        for j in range(i + 1, len(centres)):
            if similarity[i, j] >= threshold:
                parent[root(j)] = root(i)
    roots = sorted({root(i) for i in range(len(centres))})
    merged = [centres[[i for i in range(len(centres)) if root(i) == r]].sum(axis=0) for r in roots]
    return _unit_rows(np.array(merged))


def _plus_plus_init(sample, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeding with cosine distance: spread-out starting centres, reproducible."""
    chosen = [int(rng.integers(sample.shape[0]))]
    distance = 1 - np.asarray(sample @ sample[chosen[0]].T.toarray()).ravel()
    for _ in range(1, k):
        weights = np.clip(distance, 0, None)
        if weights.sum() <= 0:
            break
        chosen.append(int(rng.choice(sample.shape[0], p=weights / weights.sum())))
        distance = np.minimum(distance, 1 - np.asarray(sample @ sample[chosen[-1]].T.toarray()).ravel())
    return sample[chosen].toarray()


def _group_sums(sample, assigned: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """Sum of the rows of each group; an emptied group keeps its previous centre."""
    from scipy import sparse

    k = previous.shape[0]
    indicator = sparse.csr_matrix((np.ones(len(assigned), dtype=np.float32), (assigned, np.arange(len(assigned)))),
                                  shape=(k, len(assigned)))
    sums = np.asarray((indicator @ sample).todense())
    empty = np.asarray(indicator.sum(axis=1)).ravel() == 0
    sums[empty] = previous[empty]
    return sums


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _label(centre: np.ndarray, vocabulary) -> str:
    """Key phrases of a centre: its heaviest word pairs first (a phrase reads, a word list does not),
    then single words that no chosen phrase already holds."""
    ranked = [i for i in np.argsort(-centre)[:60] if centre[i] > 0]
    phrases = [str(vocabulary[i]) for i in ranked if " " in str(vocabulary[i])]
    words = [str(vocabulary[i]) for i in ranked if " " not in str(vocabulary[i])]
    chosen: list[str] = []
    for term in [*phrases[:2], *words]:
        if len(chosen) == LABEL_TERMS:
            break
        if not any(term in c or c in term for c in chosen):
            chosen.append(term)
    return ", ".join(chosen)


def group_members(frame: pl.DataFrame) -> pl.DataFrame:
    """Per (appeal, area) of ``frame`` (appeal_id, area, text): its group, similarity and example flag."""
    parts = [_members_of_area(area, part.sort("appeal_id"))
             for (area,), part in frame.group_by("area", maintain_order=True)]
    parts = [p for p in parts if p.height]
    return pl.concat(parts) if parts else pl.DataFrame(schema=MEMBER_SCHEMA)


def _members_of_area(area: str, part: pl.DataFrame) -> pl.DataFrame:
    grouping = group_texts(part["text"].fill_null("").to_list())
    members = pl.DataFrame({
        "appeal_id": part["appeal_id"], "area": area,
        "group_no": pl.Series(grouping.group, dtype=pl.Int32),
        "similarity": pl.Series(grouping.similarity, dtype=pl.Float64),
    })
    rank = pl.col("similarity").rank("ordinal", descending=True).over("group_no")
    labels = pl.Series(grouping.labels, dtype=pl.Utf8)
    sentences = pl.Series(grouping.sentences or [""] * len(grouping.labels), dtype=pl.Utf8)
    return members.with_columns(
        (rank <= EXAMPLES_PER_GROUP).alias("is_example"),
        pl.col("group_no").map_elements(lambda g: labels[g], return_dtype=pl.Utf8).alias("group_label"),
        pl.col("group_no").map_elements(lambda g: sentences[g], return_dtype=pl.Utf8).alias("group_sentence"),
    ).select(list(MEMBER_SCHEMA))
