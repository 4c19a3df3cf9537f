"""Audio: reading and writing sound, speech-to-text, text-to-speech and text-to-music (Qt-free)."""
