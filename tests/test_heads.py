from transformers import AutoTokenizer

from course_utils import catalog, data, heads, models


def tokenizer():
    return AutoTokenizer.from_pretrained(models.package_dir(catalog.MINILM))


def test_wnut_entity_tags_become_conll_tags_on_each_words_first_piece():
    training = catalog.MODEL_STANDINS["dslim/bert-base-NER"].training
    rows = heads.examples(training, tokenizer(), catalog.CONLL_LABELS)
    assert len(rows) == sum(len(data.read_split("leondz/wnut_17", split)) for split in ("train", "validation"))
    named = {label: catalog.CONLL_LABELS.index(label) for label in ("O", "B-PER", "I-PER", "B-ORG", "I-ORG")}
    ids, tags = rows[9]  # "Viktor Hale just broke the club record ...": a person in WNUT's tags
    assert tags[0] == tags[-1] == -100 and len(ids) == len(tags)
    words = [tag for tag in tags if tag != -100]
    assert words[:3] == [named["B-PER"], named["I-PER"], named["O"]]
    _, tags = rows[15]  # "Lakeview Rowing Club is looking ...": a WNUT group is a CoNLL organisation
    assert [tag for tag in tags if tag != -100][:4] == [named["B-ORG"], named["I-ORG"], named["I-ORG"], named["O"]]


def test_imdb_reviews_keep_their_last_tokens_and_map_neg_pos_to_sst2_labels():
    training = catalog.MODEL_STANDINS["distilbert/distilbert-base-uncased-finetuned-sst-2-english"].training
    tok = tokenizer()
    rows = heads.examples(training, tok, ("NEGATIVE", "POSITIVE"))
    reviews = data.read_split("stanfordnlp/imdb", "train")
    assert [label for _, label in rows] == [row["label"] for row in reviews]  # neg is 0 and NEGATIVE is 0
    ids, _ = rows[0]
    assert len(ids) == training.max_length
    last_words = tok.decode(ids[1:-1]).split()[-3:]
    assert tok.decode(tok(reviews[0]["text"])["input_ids"][1:-1]).endswith(" ".join(last_words))
