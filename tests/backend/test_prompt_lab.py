"""Prompt lab logic: templates, the technique library, checks, CSV tables, experiments, exports."""
import json
import subprocess
import sys
import threading

import pytest

from model_backend.chat.chat_types import Message, PromptPreviewRequest, Sampling
from model_backend.core.jobs import Result
from model_backend.core.paths import resources_dir
from model_backend.core.registry import ModelRegistry
from model_backend.engine import Backend
from model_backend.prompt_lab.experiment import (
    SIDE_BY_SIDE_ROW,
    CellResult,
    Experiment,
    ExperimentStore,
    Variant,
    export_csv,
    export_json,
    export_markdown,
)
from model_backend.prompt_lab.python_export import python_snippet
from model_backend.prompt_lab.scoring import Check, CheckError, TableError, rows_from_csv, rows_to_csv
from model_backend.prompt_lab.techniques import TECHNIQUE_KINDS, TableRow, TechniqueLibrary
from model_backend.prompt_lab.templates import TemplateError, fill, find_variables


def test_variables_are_found_in_order_and_filled():
    template = "Translate {{ text }} into {{language}}. {{examples}}Again: {{text}}"
    assert find_variables(template) == ["text", "language"]
    filled = fill(template, {"text": "hi", "language": "French", "extra": "x"}, examples_text="EX ")
    assert filled.text == "Translate hi into French. EX Again: hi"
    assert filled.unused == ("extra",)


def test_undefined_variable_is_named():
    with pytest.raises(TemplateError, match=r"\{\{language\}\}"):
        fill("Translate {{text}} into {{language}}", {"text": "hi"})


@pytest.fixture
def library(app_home):
    return TechniqueLibrary(resources_dir() / "prompts", app_home.data_dir / "prompt-library.json")


def test_builtin_library_covers_every_technique_in_both_languages(library):
    for language in ("en", "ja"):
        techniques = library.all(language)
        assert {t.kind for t in techniques} == set(TECHNIQUE_KINDS)
        for technique in techniques:
            assert technique.test_rows, technique.id
            technique.messages(technique.values)  # every built-in fills with its own example values
            for row in technique.test_rows:
                technique.messages({**technique.values, **row.values})
    assert any("ステップ・バイ・ステップで考えてみましょう" in t.template for t in library.all("ja"))
    assert any("Let's think step by step" in t.template for t in library.all("en"))


def test_few_shot_uses_the_chosen_number_of_examples(library):
    technique = library.get("en-sentiment-few-shot")
    two = technique.messages(technique.values, example_count=2)[-1].content
    four = technique.messages(technique.values, example_count=4)[-1].content
    assert two.count("Sentiment: ") == 2 and four.count("Sentiment: ") == 4


def test_role_play_puts_the_persona_in_the_system_prompt(library):
    messages = library.get("en-sentiment-role-play").messages({"review": "Great!"})
    assert messages[0].role == "system" and "critic" in messages[0].content


def test_user_techniques_are_saved_and_builtins_restorable(library, app_home):
    builtin = library.get("en-sentiment-zero-shot")
    mine = builtin.duplicate("My sentiment prompt")
    mine.template = "Positive or negative? {{review}}"
    library.add(mine)
    with pytest.raises(ValueError):
        library.update(builtin)
    library.delete("en-sentiment-zero-shot")
    reopened = TechniqueLibrary(resources_dir() / "prompts", app_home.data_dir / "prompt-library.json")
    assert reopened.get(mine.id).template == "Positive or negative? {{review}}"
    assert "en-sentiment-zero-shot" not in {t.id for t in reopened.all("en")}
    reopened.restore_builtin()
    assert "en-sentiment-zero-shot" in {t.id for t in reopened.all("en")}
    assert reopened.get(mine.id) is not None


@pytest.mark.parametrize("kind, pattern, reply, expected, passed", [
    ("exact", "", "  Positive. ", "positive", True),
    ("exact", "", "It is positive", "positive", False),
    ("contains", "", "The sentiment is: POSITIVE!", "positive", True),
    ("contains", "", "negative", "positive", False),
    ("regex", r"answer is\s*{expected}", "So the answer is 14.", "14", True),
    ("regex", r"^\d+$", "14 apples", "14", False),
    ("number", "", "3 x 4 = 12, minus 2 gives 10.", "10", True),
    ("number", "", "It costs 1,500 yen.", "1500", True),
    ("number", "", "I don't know", "10", False),
])
def test_checks(kind, pattern, reply, expected, passed):
    assert Check(kind, pattern).passes(reply, expected) is passed


def test_bad_regex_and_numberless_expectation_are_explained():
    with pytest.raises(CheckError, match="does not compile"):
        Check("regex", "([unclosed").validate()
    with pytest.raises(CheckError, match="no number"):
        Check("number").passes("12", "twelve")


def test_csv_round_trip_and_errors():
    rows = rows_from_csv("review,expected\nGreat film,positive\n\"Bad, very bad\",negative\n")
    assert rows == [TableRow({"review": "Great film"}, "positive"), TableRow({"review": "Bad, very bad"}, "negative")]
    assert rows_from_csv(rows_to_csv(rows)) == rows
    with pytest.raises(TableError, match="empty"):
        rows_from_csv("  ")
    with pytest.raises(TableError, match="Row 3 has 3 columns"):
        rows_from_csv("review,expected\nok,positive\nbad,negative,extra\n")
    with pytest.raises(TableError, match="Row 2 has no expected answer"):
        rows_from_csv("review,expected\nok,\n")
    with pytest.raises(TableError, match="no rows"):
        rows_from_csv("review,expected\n")


def sample_experiment(library, model_a="path:/a", model_b="path:/b") -> Experiment:
    zero = library.get("en-sentiment-zero-shot")
    few = library.get("en-sentiment-few-shot")
    return Experiment(
        name="Sentiment",
        variants=[Variant("zero-shot", zero, model_a), Variant("few-shot", few, model_b, 2),
                  Variant("zero-shot again", zero, model_a)],
        values=dict(zero.values), rows=zero.test_rows[:2], check=Check("contains"),
    )


def test_plan_groups_cells_by_model(library):
    plan = sample_experiment(library).plan(scored=True)
    assert [(v, r) for v, r, _ in plan] == [(0, 0), (0, 1), (2, 0), (2, 1), (1, 0), (1, 1)]
    request = plan[0][2]
    assert request.sampling.seed == 0 and "I loved every minute" in request.conversation[-1].content
    assert [v for v, r, _ in sample_experiment(library).plan(scored=False)] == [0, 2, 1]


def test_results_are_scored_saved_and_exported(library, app_home):
    experiment = sample_experiment(library)
    experiment.record(CellResult(0, 0, "Positive.", stats={"tokens_per_second": 9.5}))
    experiment.record(CellResult(0, 1, "positive"))
    experiment.record(CellResult(0, SIDE_BY_SIDE_ROW, "negative"))
    experiment.record(CellResult(1, 0, "", status="stopped"))
    assert experiment.accuracy(0) == (1, 2) and experiment.accuracy(1) == (0, 0)
    store = ExperimentStore(app_home.data_dir / "experiments")
    store.save(experiment)
    (reopened,) = store.load_all()
    assert reopened.accuracy(0) == (1, 2) and reopened.variants[1].example_count == 2
    csv_text = export_csv(reopened)
    assert csv_text.splitlines()[0].startswith("variant,technique,model,row") and "9.5" in csv_text
    assert json.loads(export_json(reopened))["name"] == "Sentiment"
    markdown = export_markdown(reopened)
    assert "| zero-shot | zero-shot | `path:/a` | 1/2 (50%) |" in markdown
    experiment.clear_results(scored=True)
    assert [r.row for r in experiment.results] == [SIDE_BY_SIDE_ROW]


def test_preview_shows_the_templated_prompt(app_home, tiny_chat_model_dir):
    events = []
    request = PromptPreviewRequest((Message("system", "Be brief."), Message("user", "Hi")),
                                   f"path:{tiny_chat_model_dir}")
    Backend(app_home).run(request, events.append, threading.Event())
    assert isinstance(events[-1], Result)
    preview = events[-1].value
    text = "".join(t.text for t in preview.tokens)
    assert text.startswith("<|im_start|>system\nBe brief.") and preview.context_length == 256


def test_copy_as_python_reproduces_the_apps_reply(app_home, tiny_chat_model_dir):
    """The generated script, run on its own, prints exactly the reply the app produced (greedy)."""
    from model_backend.chat.chat_types import ChatRequest

    messages = (Message("system", "Be brief."), Message("user", "Hello"))
    sampling = Sampling(temperature=0.0, max_new_tokens=10, seed=3)
    events = []
    Backend(app_home).run(ChatRequest(messages, f"path:{tiny_chat_model_dir}", sampling), events.append,
                          threading.Event())
    entry = ModelRegistry(app_home).resolve(f"path:{tiny_chat_model_dir}")
    script = python_snippet(entry, messages, sampling)
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                               env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == events[-1].value.text


def test_every_builtin_technique_fits_its_own_table(library):
    for technique in library.all():
        if not technique.test_rows:
            continue
        experiment = Experiment(variants=[Variant(technique.name, technique, "path:/a", technique.example_count)],
                                rows=technique.test_rows, values=dict(technique.values))
        assert experiment.table_mismatch() == "", technique.id


def test_a_scored_run_names_the_variant_and_column_that_do_not_match(library):
    sentiment = library.get("en-sentiment-zero-shot")
    arithmetic = library.get("en-arithmetic-zero-shot")
    experiment = Experiment(variants=[Variant("sums", arithmetic, "path:/a")], rows=sentiment.test_rows,
                            check=Check("contains"))
    problem = experiment.problem(scored=True)
    assert "“sums”" in problem and "review" in problem  # the table's column the variant never reads
    experiment.rows = [TableRow({"problem": "1 + 1", "unit": "apples"}, "2")]
    assert "“unit”" in experiment.problem(scored=True)
    experiment.rows = [TableRow({"other": "x"}, "2")]
    experiment.values = {}
    assert "“other”" in experiment.problem(scored=True) or "“problem”" in experiment.problem(scored=True)
    experiment.rows = [TableRow({"problem": "1 + 1"}, "2")]
    assert experiment.problem(scored=True) == ""
