"""The UI's languages: which translation is installed, how widgets follow a switch, and how the backend's
English sentences reach the student in their language."""
