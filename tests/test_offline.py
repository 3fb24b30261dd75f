import pytest

from course_utils import models, offline


def test_online_names_pass_through(monkeypatch, capsys):
    monkeypatch.setattr(offline, "offline_reason", lambda: None)
    assert offline.resolve("a/model", "b/data") == ("a/model", "b/data")
    assert "Online" in capsys.readouterr().out


def test_offline_swaps_and_says_so(offline_mode, capsys):
    checkpoint, dataset = offline.resolve("distilbert/distilbert-base-uncased", "stanfordnlp/imdb")
    printed = capsys.readouterr().out.splitlines()
    assert checkpoint == str(models.minilm_dir())
    assert dataset.endswith("stanfordnlp__imdb")
    assert len(printed) == 2
    assert printed[0].startswith("Offline (COURSE_OFFLINE=1): checkpoint distilbert/distilbert-base-uncased → stand-in")
    assert "train 300, test 100" in printed[1]


def test_offline_refuses_a_checkpoint_without_standin(offline_mode):
    with pytest.raises(models.StandInError, match="Connect to the Hugging Face Hub"):
        offline.resolve("meta-llama/Llama-3.1-8B")
