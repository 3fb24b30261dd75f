import re

import pytest

from course_utils import catalog
from course_utils.catalog import DATASET_STANDINS, LESSONS, MODEL_STANDINS, lesson

COURSE_ORDER = (
    "00_course_tour 01_text_classification 02_token_classification 03_question_answering "
    "04_causal_language_modeling 05_masked_language_modeling 06_translation 07_summarization "
    "08_multiple_choice 09_image_classification 10_semantic_segmentation 11_video_classification "
    "12_object_detection 13_zero_shot_object_detection 14_zero_shot_image_classification "
    "15_monocular_depth_estimation 16_image_captioning 17_document_question_answering "
    "18_visual_question_answering 19_text_to_speech 20_text_generation_strategies"
).split()


def test_numbering_is_the_fixed_course_order():
    assert [item.key for item in LESSONS] == COURSE_ORDER


@pytest.mark.parametrize("key", [1, "1", "01", "01_text_classification", "text_classification"])
def test_lesson_lookup_accepts_numbers_and_stems(key):
    assert lesson(key).key == "01_text_classification"


def test_unknown_lesson_names_the_valid_ones():
    with pytest.raises(KeyError, match="Unknown lesson '99'.*00, 01"):
        lesson("99")


def test_unknown_language_is_refused_clearly():
    with pytest.raises(ValueError, match="Unknown language 'fr'.*en, ko"):
        catalog.check_language("fr")


def test_every_ready_lesson_can_run_offline():
    for item in catalog.ready_lessons():
        if item.checkpoint:
            assert item.checkpoint in MODEL_STANDINS
        if item.dataset:
            assert item.dataset in DATASET_STANDINS


def test_colab_url_points_at_the_lessons_own_file():
    item = lesson(1)
    assert item.colab_url("ko").endswith(f"/{catalog.REPOSITORY}/blob/{catalog.BRANCH}/notebooks/ko/01_text_classification.ipynb")


def test_lesson_rows_are_translated_headers_included():
    en, ko = catalog.lesson_rows("en"), catalog.lesson_rows("ko")
    assert len(en) == len(ko) == 21
    assert en[1]["lesson"] == "Text classification" and ko[1]["강의"] == "텍스트 분류"
    assert {row["상태"] for row in ko} == {"준비됨", "준비 중"}
    assert ko[1]["작업 가이드"] == "https://huggingface.co/docs/transformers/ko/tasks/sequence_classification"


def test_every_lesson_names_a_task_for_its_stand_in_suggestions():
    for item in catalog.ready_lessons():
        if item.checkpoint:
            assert item.task in MODEL_STANDINS[item.checkpoint].tasks


def test_titles_say_course_in_korean_as_the_glossary_does():
    assert not any("코스" in item.title_ko for item in LESSONS)


def test_every_stand_in_states_its_caveat_in_both_editions():
    for spec in MODEL_STANDINS.values():
        assert spec.caveat and re.search("[가-힣]", spec.caveat_ko), spec.checkpoint
