"""GenAI Classroom's model backend: Qt-free requests, runners and events.

Nothing here imports Qt (except ``worker.py``) or imports torch at module level, so the
window can appear before the heavy libraries load and every runner is testable headless.
"""
