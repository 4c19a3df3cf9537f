"""GenAI Classroom's Qt user interface. Never imports torch: the window must appear first."""
