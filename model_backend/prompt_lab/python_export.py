"""“Copy as Python”: a short transformers script that reproduces one cell of an experiment."""
from __future__ import annotations

from model_backend.chat.chat_types import Message, Sampling
from model_backend.core.model_inspection import ModelFormat
from model_backend.core.registry import ModelEntry, ModelRegistry
from model_backend.prompt_lab.experiment import Experiment


def python_snippet(entry: ModelEntry, messages: tuple[Message, ...], sampling: Sampling, raw: bool = False) -> str:
    """``raw``: the cell was a raw continuation (no chat template), and so is the script."""
    if entry.format is ModelFormat.GGUF:
        load = (f"folder, gguf_file = {str(entry.path.parent)!r}, {entry.path.name!r}\n"
                "tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=gguf_file)\n"
                "model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=gguf_file, dtype=torch.float32)")
    else:
        load = (f"folder = {str(entry.path)!r}\n"
                "tokenizer = AutoTokenizer.from_pretrained(folder)\n"
                "model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32)")
    conversation = ",\n".join(f"    {{'role': {m.role!r}, 'content': {m.content!r}}}" for m in messages)
    if sampling.temperature > 0:
        options = (f"do_sample=True, temperature={sampling.temperature}, top_p={sampling.top_p}, "
                   f"top_k={sampling.top_k}")
    else:
        options = "do_sample=False"
    seed = sampling.seed if sampling.seed is not None else 0
    if raw:
        prompt = ('# raw continuation: the text as it is, no chat template; the model continues it\n'
                  'prompt_ids = tokenizer("\\n\\n".join(m["content"] for m in messages if m["content"]))["input_ids"]')
    else:
        prompt = '''if tokenizer.chat_template:
    prompt_ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True,
                                               return_dict=True)["input_ids"]
else:  # a base model: the app uses a plain transcript
    text = "\\n".join(f"{m['role'].capitalize()}: {m['content']}" for m in messages) + "\\nAssistant:"
    prompt_ids = tokenizer(text)["input_ids"]'''
    return f'''# Reproduces one cell of a GenAI Classroom prompt experiment ({entry.name}).
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

{load}
messages = [
{conversation},
]
{prompt}
input_ids = torch.tensor([list(prompt_ids)])
torch.manual_seed({seed})
output = model.generate(input_ids=input_ids, attention_mask=torch.ones_like(input_ids),
                        max_new_tokens={sampling.max_new_tokens}, {options},
                        pad_token_id=tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id)
print(tokenizer.decode(output[0][input_ids.shape[1]:], skip_special_tokens=True).strip())
'''


def python_for_cell(experiment: Experiment, variant: int, row: int, registry: ModelRegistry) -> str:
    """The script for one cell: its variant's messages filled with the row's values, the experiment's sampling."""
    chosen = experiment.variants[variant]
    entry = registry.resolve(chosen.model_id)
    return python_snippet(entry, chosen.messages(experiment.values_for(row)), experiment.sampling,
                          chosen.raw_continuation)
