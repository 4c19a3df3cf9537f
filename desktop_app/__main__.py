"""``python -m desktop_app``: the GenAI Classroom window (also the frozen app's entry point)."""
import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the GGUF conversion runs in a spawned child process
    from desktop_app.app import main

    sys.exit(main())
