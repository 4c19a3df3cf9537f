"""Conversations survive a round trip, a damaged file costs only itself, exports are readable."""
import json

from model_backend.chat.chat_types import Candidate, TokenStep
from model_backend.chat.conversations import ChatMessage, Conversation, ConversationStore, export_json, export_markdown


def sample_conversation() -> Conversation:
    step = TokenStep(0, 42, " Paris", 0.93, (Candidate(42, " Paris", 0.93), Candidate(7, " Lyon", 0.02)), 0.1)
    return Conversation(system_prompt="Be brief.", model_id="path:/m", messages=[
        ChatMessage("user", "Capital of France?"),
        ChatMessage("assistant", "Paris", steps=[step], stats={"seed": 3}, stopped=True),
    ])


def test_round_trip_keeps_token_probabilities(tmp_path):
    store = ConversationStore(tmp_path)
    conversation = sample_conversation()
    store.save(conversation)
    (loaded,) = store.load_all()
    assert loaded.messages[1].steps == conversation.messages[1].steps
    assert loaded.messages[1].stopped and loaded.system_prompt == "Be brief."
    assert loaded.display_title == "Capital of France?"


def test_damaged_file_is_skipped(tmp_path):
    store = ConversationStore(tmp_path)
    store.save(sample_conversation())
    (tmp_path / "broken.json").write_text("{half a file")
    assert len(store.load_all()) == 1


def test_request_messages_include_system_prompt():
    messages = sample_conversation().request_messages()
    assert [m.role for m in messages] == ["system", "user", "assistant"]
    assert sample_conversation().request_messages(upto=1)[-1].content == "Capital of France?"


def test_exports():
    markdown = export_markdown(sample_conversation())
    assert "**You:**" in markdown and "Paris" in markdown and "stopped" in markdown
    data = json.loads(export_json(sample_conversation()))
    assert data["messages"][0] == {"role": "user", "content": "Capital of France?"}
