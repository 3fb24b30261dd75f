"""Task heads that the course trains once on its own samples, so that offline pipelines answer sensibly.

A packaged encoder arrives without the real checkpoint's task head. `train_head` fine-tunes a new head (and
the encoder under it) on a course sample with a fixed seed and a fixed order, when the stand-in is built.
"""

from __future__ import annotations

from . import data
from .catalog import HeadTraining

SEED = 0


def _label_ids(training: HeadTraining, names: list[str], labels: tuple[str, ...]) -> list[int]:
    """For each of the sample's class names, the id of the stand-in's label (entity tags keep their B-/I-)."""
    ids = []
    for name in names:
        prefix, kind = (name[:2], name[2:]) if name[:2] in ("B-", "I-") else ("", name)
        ids.append(labels.index(prefix + training.label_map[kind]) if kind in training.label_map else labels.index(name))
    return ids


def examples(training: HeadTraining, tokenizer, labels: tuple[str, ...]) -> list[tuple[list[int], list[int] | int]]:
    """(input ids, label) of each training row (it sets the tokenizer's truncation side); a word's label sits on its first token."""
    from datasets import Sequence

    text, label = training.columns
    feature = data.real_features(training.dataset)[label]
    per_token = isinstance(feature, Sequence)
    to_id = _label_ids(training, (feature.feature if per_token else feature).names, labels)
    tokenizer.truncation_side = training.truncation_side
    rows = [row for split in training.splits for row in data.read_split(training.dataset, split)]
    found = []
    for row in rows:
        encoded = tokenizer(row[text], is_split_into_words=per_token, truncation=True, max_length=training.max_length)
        if not per_token:
            found.append((encoded["input_ids"], to_id[row[label]]))
            continue
        tags, previous = [], None
        for word in encoded.word_ids():
            tags.append(-100 if word is None or word == previous else to_id[row[label][word]])
            previous = word
        found.append((encoded["input_ids"], tags))
    return found


def train_head(model, tokenizer, training: HeadTraining) -> list[float]:
    """Fine-tune `model` in place on its sample with AdamW (word embeddings frozen); the mean loss of each epoch."""
    import torch
    from transformers import get_linear_schedule_with_warmup

    labels = tuple(model.config.id2label[i] for i in range(model.config.num_labels))
    rows = examples(training, tokenizer, labels)
    # the word embeddings are half of the weights; keeping them fixed halves the work and keeps rare words' vectors
    model.get_input_embeddings().weight.requires_grad_(False)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=training.learning_rate)
    batches = -(-len(rows) // training.batch_size)
    schedule = get_linear_schedule_with_warmup(optimizer, batches * training.epochs // 10, batches * training.epochs)
    torch.manual_seed(SEED)
    order = torch.Generator().manual_seed(SEED)
    pad = tokenizer.pad_token_id
    losses = []
    model.train()
    for _ in range(training.epochs):
        total = 0.0
        shuffled = torch.randperm(len(rows), generator=order).tolist()
        for start in range(0, len(rows), training.batch_size):
            batch = [rows[i] for i in shuffled[start:start + training.batch_size]]
            width = max(len(ids) for ids, _ in batch)
            input_ids = torch.tensor([ids + [pad] * (width - len(ids)) for ids, _ in batch])
            mask = torch.tensor([[1] * len(ids) + [0] * (width - len(ids)) for ids, _ in batch])
            if isinstance(batch[0][1], int):
                targets = torch.tensor([label for _, label in batch])
            else:
                targets = torch.tensor([tags + [-100] * (width - len(tags)) for _, tags in batch])
            loss = model(input_ids=input_ids, attention_mask=mask, labels=targets).loss
            loss.backward()
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += loss.item()
        losses.append(total / batches)
    model.eval()
    model.get_input_embeddings().weight.requires_grad_(True)
    return losses
