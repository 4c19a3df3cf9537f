"""The Models window: models on this computer, the catalogue with downloads, classroom packs, and the
memory check before a model is chosen (issue 15, the UI half; the backend is ``model_backend.library``)."""
