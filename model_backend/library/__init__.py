"""The model library: the catalogue of lesson-ready models, downloads, classroom packs, what is installed,
and the memory check before loading (docs/model_library.md)."""
