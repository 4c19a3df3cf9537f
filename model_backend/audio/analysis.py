"""What the audio views draw: a waveform envelope, a spectrogram and Whisper's log-mel input.

All numpy, computed on the backend or a worker so a one-hour file never freezes the window.
"""
from __future__ import annotations

import numpy as np

WHISPER_RATE = 16000
WHISPER_WINDOW_SECONDS = 30


def envelope(samples: np.ndarray, buckets: int) -> tuple[np.ndarray, np.ndarray]:
    """Min and max per bucket: enough to draw an hour of audio in a few hundred pixels."""
    samples = np.asarray(samples, dtype=np.float32)
    buckets = max(1, int(buckets))
    if len(samples) == 0:
        zeros = np.zeros(buckets, np.float32)
        return zeros, zeros
    edges = np.linspace(0, len(samples), buckets + 1).astype(int)
    edges[-1] = len(samples)
    starts = np.minimum(edges[:-1], len(samples) - 1)
    mins = np.minimum.reduceat(samples, starts)
    maxs = np.maximum.reduceat(samples, starts)
    return mins.astype(np.float32), maxs.astype(np.float32)


def spectrogram(samples: np.ndarray, sample_rate: int, n_fft: int = 512, max_frames: int = 1200,
                floor_db: float = -90.0) -> tuple[np.ndarray, float]:
    """Power in dB, shape (n_fft // 2 + 1, frames), low frequencies first; returns (db, seconds per frame).

    The hop grows with the length so a long file still gives at most ``max_frames`` columns.
    """
    samples = np.asarray(samples, dtype=np.float32)
    if len(samples) < n_fft:
        samples = np.pad(samples, (0, n_fft - len(samples)))
    hop = max(n_fft // 4, int(np.ceil((len(samples) - n_fft) / max(1, max_frames - 1))))
    frames = 1 + (len(samples) - n_fft) // hop
    index = np.arange(n_fft)[None, :] + hop * np.arange(frames)[:, None]
    window = np.hanning(n_fft).astype(np.float32)
    spectrum = np.fft.rfft(samples[index] * window, axis=1)
    power = (np.abs(spectrum) ** 2) / (window.sum() ** 2)
    db = 10 * np.log10(np.maximum(power, 10 ** (floor_db / 10)))
    return db.T.astype(np.float32), hop / float(sample_rate)


def whisper_log_mel(samples_16k: np.ndarray, n_mels: int = 80) -> np.ndarray:
    """The exact (n_mels, 3000) log-mel features of the first 30 s that a Whisper encoder receives."""
    from faster_whisper.feature_extractor import FeatureExtractor

    extractor = FeatureExtractor(feature_size=n_mels)
    window = np.asarray(samples_16k[: WHISPER_RATE * WHISPER_WINDOW_SECONDS], dtype=np.float32)
    window = np.pad(window, (0, WHISPER_RATE * WHISPER_WINDOW_SECONDS - len(window)))
    features = extractor(window)
    return np.asarray(features[:, :3000], dtype=np.float32)
